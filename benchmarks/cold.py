"""Every server callback of every page, cold and warm, next to the no-op, plus each page's layout with the cache off.

Cold: an app with `CACHE_TYPE=NullCache` and every timed call a combination of controls not timed before in
the process (one untimed call first, so a per-process first use of the tables is not counted; the first call is
printed apart). Warm: an app with a FileSystemCache in a temporary folder, the same combinations after one call
each. Every call is timed right after a no-op call on the same app, so both meet the same machine load: the
ratios are the figures to read on a shared machine. A callback that fails (the app's error log counts it, the
answer is still 200) stops the run.

Run: python -m benchmarks.cold [--calls 12] [--only rankings]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message=".*NullCache.*")

from app import create_app  # noqa: E402
from benchmarks.harness import call, find_callback, payload  # noqa: E402
from errors import ERRORS  # noqa: E402
from settings import Settings  # noqa: E402

INDICATORS = [
    "gdp_pc_pps",
    "unemployment_rate",
    "employment_rate",
    "tertiary_attainment",
    "gerd_pc_gdp",
    "rci",
    "industry_share",
]
PILOTS = ["FRE1", "FRB0", "ITC1", "DE21", "PL91", "ES51", "SE31", "NL35", "PT1A", "BE32"]
REGIONS = [
    "FRE1",
    "FRB0",
    "ITC1",
    "DE21",
    "PL91",
    "ES51",
    "SE31",
    "NL35",
    "PT1A",
    "BE32",
    "DED4",
    "AT13",
    "CZ01",
    "HU11",
    "RO32",
    "FI1B",
    "IE06",
    "EL30",
    "SK01",
    "DK01",
    "FRE",
    "DE2",
    "ITC",
    "FR",
    "DE",
]


def rankings_controls(**overrides) -> dict:
    values = {
        "indicator": "gdp_pc_pps",
        "year": 2023,
        "cmp": 2018,
        "level": 2,
        "eu": True,
        "countries": [],
        "ecosystem": None,
        "lq": 1.5,
        "programme": None,
        "basket": [],
        "mark": [],
        "n": 10,
        "weights": "gdp_pc_pps:1,gerd_pc_gdp:1",
        "norm": "minmax",
        "agg": "arithmetic",
        "draws": 200,
        "conc": 20,
        "seed": 1,
    }
    values.update(overrides)
    return {f"rankings-{k}.{'data' if k == 'weights' else 'value'}": v for k, v in values.items()}


def eco_controls(**overrides) -> dict:
    values = {
        "country": "FR",
        "level": 2,
        "regions": [],
        "ecosystem": None,
        "lq": 1.5,
        "share": 1.0,
        "basis": "ecosystems",
        "agg": "nace",
        "scope": "eu",
    }
    values.update(overrides)
    return {f"ecosystems-{k}.value": v for k, v in values.items()}


def prog_controls(**overrides) -> dict:
    values = {
        "programme": [],
        "generation": [],
        "ecosystem": [],
        "country": [],
        "region": [],
        "role": [],
        "cluster": False,
    }
    values.update(overrides)
    return {f"programmes-{k}.value": v for k, v in values.items()}


def region_store(code):
    return {"code": code, "default_year": 2024}


def weights(rng) -> str:
    ids = rng.sample(INDICATORS, rng.randint(2, 4))
    return ",".join(f"{i}:{rng.randint(1, 5)}" for i in ids)


def specs(n: int) -> list[tuple[str, str, str, list[dict]]]:
    """(page, callback, output key fragment, n+1 distinct input sets)."""
    rng = random.Random(16)
    combos = list(itertools.product(INDICATORS, range(2012, 2024), [0, 1, 2]))
    rng.shuffle(combos)
    years = list(range(2014, 2025))
    region_years = [(c, y) for c in REGIONS for y in years]
    rng.shuffle(region_years)
    groups = [rng.sample(REGIONS[:20], rng.randint(2, 6)) for _ in range(n + 1)]
    pairs = list(itertools.permutations(INDICATORS, 2))
    countries = ["FR", "DE", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "CZ", "PT", "RO", "HU", "FI", "EL"]
    ecosystems = [f"IES{i:02d}" for i in range(1, 15)]
    m = n + 1
    out = [
        (
            "/",
            "map",
            "overview-map",
            [
                {"overview-indicator.value": i, "overview-year.value": y, "overview-level.value": lv}
                for i, y, lv in combos[:m]
            ],
        ),
        (
            "/",
            "year options",
            "overview-year.options",
            [
                {"overview-indicator.value": i, "overview-level.value": lv, "overview-year.value": y}
                for i, y, lv in combos[:m]
            ],
        ),
        (
            "/",
            "URL sync",
            "overview-url.search",
            [
                {"overview-indicator.value": i, "overview-year.value": y, "overview-level.value": lv}
                for i, y, lv in combos[:m]
            ],
        ),
        (
            "/region",
            "headline",
            "region-cards.children",
            [{"region-year.value": y, "region-store.data": region_store(c)} for c, y in region_years[:m]],
        ),
        (
            "/region",
            "time series",
            '"index":"region-timeseries"',
            [
                {"region-ts.value": INDICATORS[k % 7], "region-year.value": y, "region-store.data": region_store(c)}
                for k, (c, y) in enumerate(region_years[:m])
            ],
        ),
        (
            "/region",
            "profile",
            '"index":"region-profile"',
            [
                {
                    "region-year.value": y,
                    "region-view.value": ("radar", "bar")[k % 2],
                    "region-store.data": region_store(c),
                }
                for k, (c, y) in enumerate(region_years[:m])
            ],
        ),
        (
            "/region",
            "specialisation",
            '"index":"region-ecosystems"',
            [{"region-store.data": region_store(c)} for c in REGIONS[:m]],
        ),
        (
            "/region",
            "similar regions",
            "region-similar.children",
            [
                {
                    "region-year.value": y,
                    "region-sim.value": rng.sample(INDICATORS, 4),
                    "region-k.value": 5,
                    "region-excl.value": [],
                    "region-store.data": region_store(c),
                }
                for c, y in region_years[:m]
            ],
        ),
        (
            "/compare",
            "table + profiles",
            "compare-table.children",
            [
                {
                    "compare-regions.data": {"regions": g, "default_year": 2024},
                    "compare-year.value": years[k % 11],
                    "compare-view.value": ("radar", "bar")[k % 2],
                }
                for k, g in enumerate(groups)
            ],
        ),
        (
            "/compare",
            "scatter + quadrants",
            "compare-quadrants.children",
            [
                {
                    "compare-regions.data": {"regions": g, "default_year": 2024},
                    "compare-year.value": years[k % 11],
                    "compare-x.value": pairs[k % len(pairs)][0],
                    "compare-y.value": pairs[k % len(pairs)][1],
                }
                for k, g in enumerate(groups)
            ],
        ),
        (
            "/rankings",
            "ranking",
            "rankings-summary.children",
            [
                rankings_controls(indicator=i, year=y, cmp=y - 4, level=max(lv, 1) if k % 3 else 2)
                for k, (i, y, lv) in enumerate(combos[:m])
            ],
        ),
        (
            "/rankings",
            "composite ranking",
            "rankings-summary.children",
            [
                rankings_controls(
                    indicator="composite",
                    year=years[k % 10],
                    cmp=None,
                    weights=weights(rng),
                    norm=("minmax", "zscore", "rank")[k % 3],
                    agg=("arithmetic", "geometric")[k % 2],
                )
                for k in range(m)
            ],
        ),
        (
            "/rankings",
            "sensitivity (200 draws)",
            "rankings-sensitivity-summary.children",
            [rankings_controls(indicator="composite", year=2021, seed=100 + k, weights=weights(rng)) for k in range(m)],
        ),
        (
            "/rankings",
            "country options",
            "rankings-countries.options",
            [rankings_controls(level=k % 3, eu=bool(k % 2)) for k in range(m)],
        ),
        (
            "/rankings",
            "URL sync",
            "rankings-url.search",
            [rankings_controls(indicator=i, year=y, cmp=y - 4) for i, y, lv in combos[:m]],
        ),
        (
            "/ecosystems",
            "share chart",
            "ecosystems-shares",
            [eco_controls(country=countries[k % 15], basis=("ecosystems", "nace")[k % 2]) for k in range(m)],
        ),
        (
            "/ecosystems",
            "LQ heatmap",
            "ecosystems-heatmap",
            [eco_controls(country=countries[k % 15], level=1 + k % 2, lq=1.2 + 0.1 * (k % 7)) for k in range(m)],
        ),
        (
            "/ecosystems",
            "agglomeration table",
            "ecosystems-agg-summary",
            [
                eco_controls(
                    country=countries[k % 15],
                    level=1 + k % 2,
                    agg=("nace", "ecosystems")[k % 2],
                    share=0.5 + 0.25 * (k % 5),
                )
                for k in range(m)
            ],
        ),
        (
            "/ecosystems",
            "ecosystem section",
            "ecosystems-eco-section",
            [
                eco_controls(ecosystem=ecosystems[k % 14], country=countries[k % 15], scope=("eu", "set")[k % 2])
                for k in range(m)
            ],
        ),
        (
            "/ecosystems",
            "URL sync",
            "ecosystems-url.search",
            [eco_controls(country=countries[k % 15], lq=1.2 + 0.1 * k) for k in range(m)],
        ),
        (
            "/programmes",
            "filter",
            "programmes-selection.data",
            [prog_controls(country=[countries[k % 15]], cluster=bool(k % 2)) for k in range(m)],
        ),
        (
            "/policy",
            "matrix",
            '"index":"policy-matrix"',
            [
                {"policy-region.value": PILOTS[k % 10], "policy-order.value": ("document", "count")[k % 2]}
                for k in range(m)
            ],
        ),
        ("/policy", "SWOT", "policy-swot-out.children", [{"policy-swot.value": PILOTS[k % 10]} for k in range(m)]),
        (
            "/policy",
            "action plan",
            '"index":"policy-timeline"',
            [{"policy-plan.value": PILOTS[k % 10]} for k in range(m)],
        ),
        (
            "/clusters",
            "directory",
            "clusters-directory.children",
            [
                {
                    "clusters-region.value": (None, "FRE1", "FRK2", "FRB0", "FR10")[k % 5],
                    "clusters-programme.value": None,
                }
                for k in range(m)
            ],
        ),
        (
            "/clusters",
            "monitoring (example)",
            "clusters-status.children",
            [
                {
                    "clusters-raw.data": None,
                    "clusters-example.value": True,
                    "clusters-year.value": 2019 + k % 5,
                    "clusters-kpi.value": None,
                }
                for k in range(m)
            ],
        ),
        (
            "/briefing",
            "Figures 1-3",
            "briefing-before.children",
            [{"briefing-store.data": {"code": c, "peers": [], "pilots": False, "weights": ""}} for c in REGIONS[:m]],
        ),
        (
            "/briefing",
            "stars to policy",
            "briefing-after.children",
            [{"briefing-store.data": {"code": c, "peers": [], "pilots": False, "weights": ""}} for c in REGIONS[:m]],
        ),
        (
            "/briefing",
            "Figure 4",
            "briefing-sentence-fig4.children",
            [
                {
                    "briefing-c1.value": 0.4 + 0.02 * k,
                    "briefing-c2.value": 0.6,
                    "briefing-s1.value": 15 + k,
                    "briefing-s2.value": 25,
                    "briefing-kind.value": ("nace", "ecosystem")[k % 2],
                    "briefing-store.data": {"code": "FRE", "peers": PILOTS, "pilots": True, "weights": ""},
                }
                for k in range(m)
            ],
        ),
    ]
    return out


def chained(app, client, n: int) -> list[tuple[str, str, str, list[dict]]]:
    """Callbacks fed by another callback's answer (Programmes charts from the selection store)."""
    countries = ["FR", "DE", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "CZ", "PT", "RO", "HU", "FI", "EL"]
    selections = []
    for k in range(n + 1):
        body = payload(
            app,
            "programmes-selection.data",
            prog_controls(country=[countries[k % 15]], cluster=bool(k % 2)) if k else prog_controls(),
        )
        selections.append(call(client, app, body).get_json()["response"]["programmes-selection"]["data"])
    return [
        ("/programmes", name, output, [{"programmes-selection.data": s} for s in selections])
        for name, output in (
            ("country charts", '"index":"programmes-bars"'),
            ("network", '"index":"programmes-network"'),
            ("timeline, clusters (grids: a page each)", '"index":"programmes-timeline"'),
        )
    ]


PAGES = [
    ("/", [""]),
    ("/region/FRE1", ["", "?year=2019", "?ts=rci"]),
    ("/compare", ["", "?year=2020"]),
    ("/rankings", ["", "?indicator=rci", "?indicator=composite"]),
    ("/ecosystems", ["", "?country=DE"]),
    ("/programmes", ["", "?country=DE"]),
    ("/policy", [""]),
    ("/clusters", [""]),
    ("/regions", [""]),
    ("/data", [""]),
    ("/briefing/FRE1", ["", "?peers=pilots"]),
    ("/slides", [""]),
]


class Bench:
    def __init__(self, app):
        self.app, self.client = app, app.server.test_client()
        self.client.get("/")  # Dash adds the pages router on the first request
        self.errors = app.server.extensions[ERRORS]
        self.noop = [payload(app, "noop-output.children", {"noop-input.data": k}) for k in range(3)]

    def timed(self, body) -> tuple[float, int]:
        before = self.errors.count
        start = time.perf_counter()
        raw = call(self.client, self.app, body).get_data()
        took = time.perf_counter() - start
        if self.errors.count != before:
            raise RuntimeError(f"{body['output'][:80]} failed: {self.errors.recent[-1:]}")
        return took, len(raw)

    def paired(self, bodies) -> tuple[list[float], list[float], int]:
        noop, times, size = [], [], 0
        for k, body in enumerate(bodies):
            noop.append(self.timed(self.noop[k % 3])[0])
            took, n = self.timed(body)
            times.append(took)
            size = max(size, n)
        return noop, times, size


def ms(x):
    return f"{x * 1000:7.1f}"


def main(calls: int = 12, only: str | None = None, warm_rounds: int = 3):
    cache_dir = tempfile.mkdtemp(prefix="bench-cold-")
    cold = Bench(create_app(Settings.from_env({**os.environ, "CACHE_TYPE": "NullCache"})))
    warm = Bench(create_app(Settings.from_env({**os.environ, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": cache_dir})))
    for bench in (cold, warm):
        for k in range(20):
            bench.timed(bench.noop[k % 3])
    print(
        f"load average {os.getloadavg()[0]:.1f}; {calls} cold calls per callback (new arguments each), "
        f"{calls * warm_rounds} warm; times in ms, p50; KB: largest raw answer"
    )
    print(
        f"{'page':<12}{'callback':<26}{'first':>8}{'cold':>8}{'x no-op':>8}{'warm':>8}{'x no-op':>8}"
        f"{'no-op':>7}{'KB':>7}"
    )
    rows = specs(calls)
    rows += chained(cold.app, cold.client, calls)
    for page, name, output, variants in rows:
        if only and only not in page and only not in name:
            continue
        try:
            key, spec = find_callback(cold.app, output)
        except KeyError:  # a callback this version of the app does not have (before/after runs share the script)
            print(f"{page:<12}{name:<26}{'(no such callback)':>24}")
            continue
        if "callback" not in spec:
            continue
        cold_bodies = [payload(cold.app, output, v) for v in variants]
        first, first_size = cold.timed(cold_bodies[0])
        noop_c, cold_t, size = cold.paired(cold_bodies[1:])
        size = max(size, first_size)
        warm_bodies = [payload(warm.app, output, v) for v in variants[1:]]
        for body in warm_bodies:
            warm.timed(body)
        noop_w, warm_t, _ = warm.paired(warm_bodies * warm_rounds)
        c, nc = statistics.median(cold_t), statistics.median(noop_c)
        w, nw = statistics.median(warm_t), statistics.median(noop_w)
        print(
            f"{page:<12}{name:<26}{ms(first):>8}{ms(c):>8}{c / nc:>8.1f}{ms(w):>8}{w / nw:>8.1f}"
            f"{ms(nc):>7}{size / 1024:>7.1f}",
            flush=True,
        )
    print()
    print(f"{'page layout (cache off)':<38}{'p50 ms':>8}{'x no-op':>8}{'KB':>7}")
    for path, searches in PAGES:
        if only and only not in path:
            continue
        bodies = [
            payload(cold.app, "_pages_content", {"_pages_location.pathname": path, "_pages_location.search": s})
            for s in searches
        ]
        size = cold.timed(bodies[0])[1]
        noop_c, times, size_timed = cold.paired(bodies * max(1, calls // len(bodies)))
        size = max(size, size_timed)
        t, nc = statistics.median(times), statistics.median(noop_c)
        print(f"{path:<38}{ms(t):>8}{t / nc:>8.1f}{size / 1024:>7.1f}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=12)
    parser.add_argument("--only", default=None, help="pages or callbacks whose name contains this")
    args = parser.parse_args()
    main(args.calls, args.only)
