"""Server time of the Rankings callbacks next to the no-op callback. Run: python -m benchmarks.callbacks_rankings

Targets (issue 4): a plain ranking over all EU NUTS 2 regions at most 3x the no-op (served from the cache, as
a repeated view is); the sensitivity callback with 500 draws under 150 ms median, also when every call has a
new seed (nothing cached).

A warm answer is one cache read of the view (bulky outputs kept as JSON text, sent as orjson.Fragment), the
controls parsed into the page's state, and the summary, method note and alerts built as components after the read.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))

from app import create_app
from benchmarks.harness import call, payload, payload_sizes, summary, time_calls

W = "gdp_pc_pps:1,gerd_pc_gdp:1"


def controls(**overrides) -> dict:
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
        "weights": W,
        "norm": "minmax",
        "agg": "arithmetic",
        "draws": 500,
        "conc": 20,
        "seed": 1,
    }
    values.update(overrides)
    return {f"rankings-{k}.{'data' if k == 'weights' else 'value'}": v for k, v in values.items()}


def pure_sensitivity(app, draws: int, repeat: int = 30) -> str:
    """The numpy core alone: re-rank ~240 regions under `draws` Dirichlet draws."""
    from data import composite as comp
    from data.store import current_tables

    with app.server.app_context():
        tables = current_tables()
        regions = tables.regions
        codes = regions[(regions["level"] == 2) & regions["is_eu"]]["code"].tolist()
        ids = ["gdp_pc_pps", "gerd_pc_gdp", "tertiary_attainment", "employment_rate"]
        values, _ = comp.indicator_frame(tables.indicator_values, codes, ids, 2021)
        hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
        result = comp.composite(values, dict.fromkeys(ids, 1), hib, "minmax", "arithmetic")
        times = []
        for seed in range(repeat):
            start = time.perf_counter()
            comp.sensitivity(result, draws, 20, seed)
            times.append(time.perf_counter() - start)
    n = int(result.value.notna().sum())
    return (
        f"{'sensitivity core, ' + str(draws) + ' draws x ' + str(n) + ' regions':<44} median "
        f"{statistics.median(times) * 1000:8.2f} ms   max {max(times) * 1000:8.2f} ms"
    )


def paired(client, app, noop: list[dict], bodies: list[dict], repeat: int) -> tuple[list[float], list[float]]:
    """Each call timed right after a no-op call, so both meet the same machine load (the ratio stays honest
    on a busy machine)."""
    noop_times, times = [], []
    for n in range(repeat):
        for target, body in ((noop_times, noop[n % len(noop)]), (times, bodies[n % len(bodies)])):
            start = time.perf_counter()
            call(client, app, body)
            target.append(time.perf_counter() - start)
    return noop_times, times


def report(name: str, pair: tuple[list[float], list[float]]) -> None:
    noop_times, times = pair
    print(
        summary(name, times, statistics.median(noop_times))
        + f"   (paired no-op median {statistics.median(noop_times) * 1000:.2f} ms)"
    )


def main(repeat: int = 60):
    app = create_app()
    client = app.server.test_client()
    noop = [payload(app, "noop-output.children", {"noop-input.data": n}) for n in range(3)]
    noop_times = time_calls(client, app, noop, repeat)
    statistics.median(noop_times)
    print(summary("no-op", noop_times))

    years = [2019, 2021, 2023]
    plain = [payload(app, "rankings-summary.children", controls(year=y, cmp=y - 5)) for y in years]
    report("ranking, EU NUTS 2 (first 3 calls)", paired(client, app, noop, plain, 3))
    # Cold: every call a combination not computed before (as when a user changes a control).
    cold = [
        payload(app, "rankings-summary.children", controls(indicator=i, year=y, cmp=y - 4))
        for i in ("employment_rate", "unemployment_rate", "tertiary_attainment")
        for y in range(2017, 2025)
    ]
    report("ranking, EU NUTS 2 (cold: new combination)", paired(client, app, noop, cold, len(cold)))
    report("ranking, EU NUTS 2 (warm cache)", paired(client, app, noop, plain, repeat * 2))
    composite = [
        payload(app, "rankings-summary.children", controls(indicator="composite", year=y, cmp=None))
        for y in (2021, 2022, 2023)
    ]
    report("composite ranking (first 3 calls)", paired(client, app, noop, composite, 3))
    report("composite ranking (warm cache)", paired(client, app, noop, composite, repeat * 2))

    fresh = [
        payload(app, "rankings-sensitivity-summary.children", controls(indicator="composite", seed=1000 + s))
        for s in range(repeat)
    ]
    report("sensitivity, 500 draws (new seed: uncached)", paired(client, app, noop, fresh, repeat))
    report("sensitivity, 500 draws (warm cache)", paired(client, app, noop, fresh[:3], repeat))
    fresh200 = [
        payload(app, "rankings-sensitivity-summary.children", controls(indicator="composite", draws=200, seed=5000 + s))
        for s in range(repeat)
    ]
    report("sensitivity, 200 draws (new seed: uncached)", paired(client, app, noop, fresh200, repeat))
    print(pure_sensitivity(app, 200))
    print(pure_sensitivity(app, 500))
    raw, gz = payload_sizes(client, app, plain[-1])
    print(f"{'ranking response size':<44} {raw / 1024:8.1f} KB raw {gz / 1024:8.1f} KB gzip")


if __name__ == "__main__":
    main()
