"""NUTS 3 scale: how the ranking, compare and map callbacks' time and memory grow from NUTS 2 to NUTS 3 size.

Run: python -m benchmarks.scale_nuts3            (about 1 minute on 2 cores; --quick for a smoke run)

The data set
------------
A synthetic NUTS 3 sized data set is generated in a temporary folder (tempfile.TemporaryDirectory, removed at
the end; nothing is written to data/tables). The committed tables are read with the app's own loader
(`data.store.load_tables`: schemas and foreign keys checked), then:

- regions: 1,166 synthetic regions are added as children of the 334 NUTS 2 regions, 3 or 4 each, with NUTS 3
  style codes (FRE1 -> FRE11, FRE12, ...); name "<parent name> (synthetic n)"; country, nuts0, nuts1 and the EU
  flag are the parent's. Level 2 then holds 1,500 regions (the EU27 has about 1,170 NUTS 3 regions in NUTS
  2021, about 1,500 with the EFTA and candidate countries the tables also cover).
- indicators: the 14 real ones plus one synthetic indicator (`synthetic_index`, with its own `sources` row),
  so 15; indicator_values: every synthetic region gets 20 years (2005-2024) x 15 indicators, drawn with a
  seeded numpy RNG around its parent's value of the same year (or from the indicator's values over the real
  NUTS 2 regions where the parent has none), clipped to the real range; the synthetic indicator also gets 20
  years for the real NUTS 2 regions. Flags are left empty. Real rows are unchanged.
- geometries: nuts2.geojson gets one polygon per synthetic region, a 40-point ring (the real NUTS 2 features
  average 40 points) of about 0.1 degree near the parent's centre. The boundary file therefore grows about as
  a real NUTS 3 file simplified like ours would (real NUTS 3 outlines are smaller but not much simpler).

The changed tables are validated with their pandera schemas (data/schema.py) and written with the pipeline's
writer (data.build.common.write_table); unchanged tables are copied byte for byte; each measuring process
starts the app on the folder, so the loader checks schemas and foreign keys again.

Why the synthetic regions sit at level 2
----------------------------------------
The app only knows NUTS levels 0-2: the Rankings and Overview level choices are (0, 1, 2) (state/rankings.py
LEVELS, state/overview.py), the maps read nuts{0,1,2}.geojson (data/schema.py GEOMETRY_FILES) and Compare ranks
and plots the EU NUTS 2 regions. Level 3 rows would be loaded but never reach a callback, so they would measure
nothing. Added at level 2 ("NUTS 2-like" regions), the same 1,500 regions go through the real code paths of the
ranking, compare and map callbacks. One side effect: `data.profile.nuts2_parts` counts the synthetic children as
parts of their parent (the Compare scatter highlights them with it), as it would for NUTS 3 regions at level 2.

What is measured (each scale in a fresh process, so memory figures do not mix)
-----------------------------------------------------------------------------
- memory: RSS after importing the libraries and after `import app` (tables loaded and validated, app built),
  the DataFrames' own size (memory_usage(deep=True)), and the tracemalloc peak of one cold call per callback;
- per callback: the first call in the process (nothing cached, not even the per-data-version lookups of
  Tables.memo; plotly's one-time imports are paid before, by a figure that uses no data); cold: an app with
  CACHE_TYPE=NullCache, every call a combination of controls not requested before, so the response cache
  never answers (lookups kept in Tables.memo, e.g. one indicator split by year, are warm after their first
  use, as on a worker that has served a while); warm: FileSystemCache as in
  production, the same 3 combinations repeated; median and p95 (benchmarks.harness), response size raw and gzip;
- the /geo/nuts2.geojson response the browser fetches once per map level, and the load + validation time.
Both scales run --rounds times (default 2), alternating; the times printed are the lowest of the rounds.

The rankings are measured over all regions of the level (EU and non-EU: 334 vs 1,500), Compare over its EU NUTS 2
pool (242 vs 1,085), the map over every region of level 2 with a boundary (333 vs 1,496).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 20261122
TOTAL_REGIONS = 1500  # at level 2, real + synthetic
YEARS = tuple(range(2005, 2025))  # 20 years
SYNTHETIC_INDICATOR = "synthetic_index"
GROUPS = (
    ["ES13", "FRB0", "FI1D", "FRE", "LT", "SE31", "ITC1", "DED", "SI", "BE3"],
    ["FRE1", "FRB0", "ITC1"],
    ["FRE1", "FRE2", "BE32", "BE35", "DED4"],
)
W4 = "gdp_pc_pps:1,employment_rate:1,tertiary_attainment:1,unemployment_rate:1"


# --- The synthetic data set -----------------------------------------------------------------------------------------


def _children(parents, rng, total: int):
    import numpy as np
    import pandas as pd

    n_new = total - len(parents)
    counts = np.full(len(parents), n_new // len(parents))
    counts[rng.choice(len(parents), n_new % len(parents), replace=False)] += 1
    rows = []
    for parent, k in zip(parents.itertuples(index=False), counts):
        for i in range(1, int(k) + 1):
            rows.append(
                {
                    "code": f"{parent.code}{i}",
                    "name": f"{parent.name} (synthetic {i})",
                    "level": 2,
                    "country": parent.country,
                    "nuts0": parent.nuts0,
                    "nuts1": parent.nuts1,
                    "is_eu": bool(parent.is_eu),
                    "parent": parent.code,
                }
            )
    return pd.DataFrame(rows)


def _synthetic_values(values, regions, children, indicators, rng):
    """20 years x 14 real indicators per synthetic region, around the parent's value; plus the synthetic
    indicator for every level-2 region."""
    import numpy as np
    import pandas as pd

    level2 = set(regions.loc[regions["level"] == 2, "code"])
    real = values[values["region"].isin(level2) & values["value"].notna()]
    decimals = dict(zip(indicators["id"], indicators["decimals"]))
    ids = [i for i in indicators["id"] if i != SYNTHETIC_INDICATOR]
    grid = pd.MultiIndex.from_product([children["code"], ids, YEARS], names=["region", "indicator", "year"])
    frame = grid.to_frame(index=False)
    frame["parent"] = frame["region"].map(dict(zip(children["code"], children["parent"])))
    parent_values = real.rename(columns={"region": "parent", "value": "base"})[["parent", "indicator", "year", "base"]]
    frame = frame.merge(parent_values, on=["parent", "indicator", "year"], how="left")
    out = []
    for indicator, part in frame.groupby("indicator", sort=False):
        pool = real.loc[real["indicator"] == indicator, "value"].to_numpy(dtype="float64")
        base = part["base"].to_numpy(dtype="float64").copy()
        gap = np.isnan(base)
        base[gap] = rng.choice(pool, int(gap.sum()))
        noisy = base + rng.normal(0.0, 0.25 * float(np.std(pool)), len(base))
        value = np.round(np.clip(noisy, pool.min(), pool.max()), int(decimals[indicator]))
        out.append(
            pd.DataFrame(
                {
                    "region": part["region"].to_numpy(),
                    "indicator": indicator,
                    "year": part["year"].to_numpy(),
                    "value": value,
                }
            )
        )
    codes = sorted(level2) + children["code"].tolist()
    index = pd.MultiIndex.from_product([codes, YEARS], names=["region", "year"]).to_frame(index=False)
    index["indicator"] = SYNTHETIC_INDICATOR
    index["value"] = np.round(rng.normal(100.0, 15.0, len(index)), 1)
    out.append(index[["region", "indicator", "year", "value"]])
    synthetic = pd.concat(out, ignore_index=True)
    synthetic["flag"] = pd.array([pd.NA] * len(synthetic), dtype="string")
    return synthetic


def _ring(cx: float, cy: float, r: float, points: int = 40) -> list:
    """A closed ring of `points` positions, clockwise (as data/build/geometries.py orients exteriors)."""
    ring = []
    for k in range(points - 1):
        a = -2 * math.pi * k / (points - 1)
        ring.append(
            [
                round(cx + r * math.cos(a) / max(math.cos(math.radians(cy)), 0.2), 3) + 0.0,
                round(cy + r * math.sin(a), 3) + 0.0,
            ]
        )
    return ring + [ring[0]]


def _centre(geometry: dict) -> tuple[float, float]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((p[0] for p in polygons), key=len)
    return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)


def _geometries(geo: dict, children) -> dict:
    by_id = {f["id"]: f for f in geo["features"]}
    features = list(geo["features"])
    for parent, group in children.groupby("parent", sort=True):
        if parent not in by_id:  # the parent has no boundary either: neither has its children
            continue
        cx, cy = _centre(by_id[parent]["geometry"])
        for n, row in enumerate(group.itertuples(index=False)):
            a = 2 * math.pi * n / len(group)
            features.append(
                {
                    "type": "Feature",
                    "id": row.code,
                    "properties": {"id": row.code, "name": row.name, "country": row.country, "level": 2},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [_ring(cx + 0.15 * math.cos(a), cy + 0.15 * math.sin(a), 0.06)],
                    },
                }
            )
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def build_synthetic(out_dir: Path, total: int = TOTAL_REGIONS, seed: int = SEED) -> dict:
    """Write the NUTS 3 sized data set into `out_dir`; returns what it holds."""
    import numpy as np
    import pandas as pd

    from data import schema
    from data.build.common import write_table
    from data.store import load_tables
    from settings import DEFAULT_DATA_DIR

    start = time.perf_counter()
    tables = load_tables(DEFAULT_DATA_DIR)
    rng = np.random.default_rng(seed)
    regions, values = tables.regions, tables.indicator_values
    parents = regions[regions["level"] == 2].sort_values("code").reset_index(drop=True)
    children = _children(parents, rng, total)
    clash = set(children["code"]) & set(regions["code"])
    assert not clash, f"synthetic codes clash with real ones: {sorted(clash)[:5]}"

    sources = pd.concat(
        [
            tables.sources,
            pd.DataFrame(
                [
                    {
                        "id": "synthetic",
                        "dataset_code": "synthetic",
                        "title": "Synthetic benchmark values (not real data)",
                        "publisher": "benchmarks/scale_nuts3.py",
                        "attribution": "Synthetic data for a benchmark (not real data)",
                        "licence": "none",
                        "url": "https://example.invalid/synthetic",
                        "file": "none",
                        "coverage": f"{total} level-2 regions, {YEARS[0]}-{YEARS[-1]}",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    indicators = pd.concat(
        [
            tables.indicators,
            pd.DataFrame(
                [
                    {
                        "id": SYNTHETIC_INDICATOR,
                        "label": "Synthetic index (benchmark only)",
                        "short_label": "Synthetic index",
                        "unit": "index",
                        "source_id": "synthetic",
                        "dataset_code": "synthetic",
                        "description": "Random values for the NUTS 3 scale benchmark; not real data.",
                        "higher_is_better": True,
                        "theme": "demography",
                        "decimals": 1,
                        "nuts_version": "2021",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    new_regions = pd.concat([regions, children.drop(columns="parent")], ignore_index=True)
    new_regions = new_regions.sort_values(["level", "code"], kind="stable")
    synthetic = _synthetic_values(values, regions, children, indicators, rng)
    new_values = pd.concat([values, synthetic], ignore_index=True).sort_values(["region", "indicator", "year"])

    out_dir.mkdir(parents=True, exist_ok=True)
    changed = {"regions": new_regions, "indicators": indicators, "sources": sources, "indicator_values": new_values}
    for name in schema.SCHEMAS:
        if name in changed:
            write_table(schema.validate(name, changed[name]), out_dir / f"{name}.parquet")
        else:
            shutil.copy2(DEFAULT_DATA_DIR / f"{name}.parquet", out_dir / f"{name}.parquet")
    for level, file in schema.GEOMETRY_FILES.items():
        if level == 2:
            geo = _geometries(tables.geometries[2], children)
            (out_dir / file).write_bytes(
                (json.dumps(geo, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
            )
        else:
            shutil.copy2(DEFAULT_DATA_DIR / file, out_dir / file)
    return {
        "seconds": time.perf_counter() - start,
        "synthetic_regions": len(children),
        "level2": int((new_regions["level"] == 2).sum()),
        "level2_eu": int(((new_regions["level"] == 2) & new_regions["is_eu"]).sum()),
        "synthetic_rows": len(synthetic),
        "rows": len(new_values),
        "indicators": len(indicators),
    }


# --- Measuring one scale (in a process of its own) --------------------------------------------------------------


def _rankings(**overrides) -> dict:
    from benchmarks.callbacks_rankings import controls as rankings_controls  # after the app is measured

    return rankings_controls(**{"eu": False, "weights": W4, "draws": 200, **overrides})


def _compare(group, year, **more) -> dict:
    return {
        "compare-regions.data": {"regions": list(group), "default_year": 2024},
        "compare-year.value": year,
        **{f"compare-{k}.value": v for k, v in more.items()},
    }


# Indicator-years with values for most real NUTS 2 regions, the comparison year 5 years earlier too.
COMBOS = [
    (i, y)
    for y in (2023, 2022, 2021, 2020, 2019, 2018)
    for i in ("gdp_pc_pps", "employment_rate", "unemployment_rate", "tertiary_attainment", "gdp_volume")
]
WEIGHTS = (
    W4,
    "gdp_pc_pps:2,tertiary_attainment:1,unemployment_rate:1",
    "employment_rate:1,gdp_volume:1,tertiary_attainment:1",
)
PAIRS = (
    ("rci", "gdp_pc_pps"),
    ("gdp_pc_pps", "unemployment_rate"),
    ("tertiary_attainment", "gerd_pc_gdp"),
    ("employment_rate", "industry_share"),
    ("patents_per_million", "gdp_pc_pps"),
    ("unemployment_rate", "tertiary_attainment"),
)


def callback_specs() -> list[tuple[str, str, list[dict], list[dict]]]:
    """(name, output, cold values: every one a new combination, warm values: 3 repeated)."""
    return [
        (
            "ranking, one indicator",
            "rankings-summary.children",
            [_rankings(indicator=i, year=y, cmp=y - 5) for i, y in COMBOS],
            [_rankings(year=y, cmp=y - 5) for y in (2019, 2021, 2023)],
        ),
        (
            "ranking, composite of 3-4",
            "rankings-summary.children",
            [
                _rankings(indicator="composite", year=y, cmp=None, weights=w)
                for y in range(2023, 2013, -1)
                for w in WEIGHTS
            ],
            [_rankings(indicator="composite", year=y, cmp=None) for y in (2021, 2022, 2023)],
        ),
        (
            "compare table + profiles",
            "compare-table.children",
            [_compare(g, y, view=v) for y in range(2024, 2014, -1) for g in GROUPS for v in ("radar", "bar")],
            [_compare(g, y, view=v) for g, y, v in zip(GROUPS, (2024, 2021, 2019), ("radar", "bar", "radar"))],
        ),
        (
            "compare scatter + quadrants",
            "compare-quadrants.children",
            [
                _compare(GROUPS[n % 3], y, x=x, y=yy)
                for n, (y, (x, yy)) in enumerate((y, p) for y in range(2024, 2018, -1) for p in PAIRS)
            ],
            [_compare(g, 2024, x=x, y=yy) for g, (x, yy) in zip(GROUPS, PAIRS)],
        ),
        (
            "overview map, level 2",
            "overview-map",
            [{"overview-indicator.value": i, "overview-year.value": y, "overview-level.value": 2} for i, y in COMBOS],
            [
                {"overview-indicator.value": i, "overview-year.value": y, "overview-level.value": 2}
                for i, y in (("gdp_pc_pps", 2021), ("unemployment_rate", 2022), ("employment_rate", 2020))
            ],
        ),
    ]


def _stats(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]  # as benchmarks.harness.summary
    return {"median": statistics.median(ordered), "p95": p95}


BLOCKS = {
    "slice: one indicator-year (O(rows))": "values_in_year, as a new ranking starts",
    "map query: filter + merge (O(rows))": "data.queries.values_for_year",
    "split one indicator by year (scan + groupby)": "data.profile's lookup (Tables.memo in the app)",
    "rank every level-2 region (O(regions))": "data.ranking.rank_set, with a comparison year",
    "ranked rows to JSON (O(regions))": "plotly's JSON encoder, as the grid payload",
    "validate indicator_values (O(rows))": "pandera, at start-up",
}


def building_blocks(tables, runs: int = 5) -> dict:
    """Median ms of the operations the callbacks are made of, to tell O(rows) from O(regions) costs."""
    import plotly.io.json

    from data import schema
    from data.profile import year_used
    from data.queries import values_for_year
    from data.ranking import RegionFilter, rank_set, region_set, values_in_year

    values, regions = tables.indicator_values, tables.regions
    every = region_set(regions, RegionFilter(level=2, eu_only=False))
    now = values_in_year(values, "gdp_pc_pps", 2021)
    table = rank_set(every, now, True, now).table
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    work = dict(
        zip(
            BLOCKS,
            [
                lambda: values_in_year(values, "gdp_pc_pps", 2021),
                lambda: values_for_year(values, regions, "gdp_pc_pps", 2021, 2),
                lambda: year_used(values, "gdp_pc_pps", 2021, ["FRE1"]),  # outside a request: split afresh
                lambda: rank_set(every, now, True, now),
                lambda: plotly.io.json.to_json_plotly(rows),
                lambda: schema.validate("indicator_values", values),
            ],
        )
    )
    out = {}
    for name, fn in work.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times) * 1000
    return out


def _warm_up_process() -> None:
    """Pay plotly's one-time costs (trace and layout validators are imported on first use) before the first
    callback, without touching the tables: the "first call" figures then show the data work only."""
    import plotly.graph_objects as go

    from components import theme

    fig = go.Figure(
        [
            go.Bar(x=[1], y=["a"], orientation="h"),
            go.Scatter(x=[1], y=[1]),
            go.Choropleth(locations=["a"], z=[1], geojson="/x"),
            go.Scatterpolar(r=[1], theta=["a"]),
        ]
    )
    fig.update_geos(visible=False)
    fig.update_layout(template=theme.template(), polar=dict(radialaxis=dict(range=[0, 1])))
    fig.to_plotly_json()
    fig.to_json()


def measure(data_dir: Path, cold_calls: int, repeat: int) -> dict:
    """Run in a fresh process with DATA_DIR, CACHE_TYPE=FileSystemCache and CACHE_DIR set by the caller."""
    import resource
    import tracemalloc
    from dataclasses import replace

    import psutil

    process = psutil.Process()
    mb = 1024 * 1024
    rss_start = process.memory_info().rss
    # The libraries the app imports, so that the next step measures the tables and the app.
    import dash  # noqa: F401
    import dash_ag_grid  # noqa: F401
    import dash_bootstrap_components  # noqa: F401
    import flask_caching  # noqa: F401
    import pandas  # noqa: F401
    import pandera.pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    rss_libs = process.memory_info().rss
    start = time.perf_counter()
    import app as app_module  # loads and validates the tables of DATA_DIR and builds the app

    import_seconds = time.perf_counter() - start
    rss_app = process.memory_info().rss
    from app import create_app
    from benchmarks.harness import call, noop_baseline, payload, payload_sizes, summary, time_calls

    warm_app = app_module.app
    tables = warm_app.server.extensions["eu_cluster_tables"]
    frames_mb = sum(int(df.memory_usage(deep=True).sum()) for df in tables.frames.values()) / mb
    settings = warm_app.server.config["SETTINGS"]
    cold_app = create_app(replace(settings, cache_type="NullCache"), tables=tables)
    warm, cold = warm_app.server.test_client(), cold_app.server.test_client()
    level2 = tables.regions[tables.regions["level"] == 2]
    out = {
        "data_dir": str(data_dir),
        "regions_level2": len(level2),
        "regions_level2_eu": int(level2["is_eu"].sum()),
        "indicator_values_rows": len(tables.indicator_values),
        "indicators": len(tables.indicators),
        "geo_features_level2": len(tables.geometries[2]["features"]),
        "rss_start_mb": rss_start / mb,
        "rss_libs_mb": rss_libs / mb,
        "rss_app_mb": rss_app / mb,
        "frames_mb": frames_mb,
        "import_app_s": import_seconds,
        "callbacks": {},
    }
    print(
        f"--- {len(level2)} regions at level 2, {len(tables.indicator_values):,} indicator values ({data_dir})",
        flush=True,
    )
    noop = noop_baseline(warm, warm_app, repeat)
    call(cold, cold_app, payload(cold_app, "noop-output.children", {"noop-input.data": 0}))
    _warm_up_process()
    out["noop_ms"] = noop * 1000
    for name, output, cold_values, warm_values in callback_specs():
        bodies = [payload(cold_app, output, v) for v in cold_values]
        need = cold_calls + 2
        assert len(bodies) >= need, f"{name}: {len(bodies)} combinations, {need} needed"
        first = time_calls(cold, cold_app, bodies[:1], 1)[0]
        cold_times = time_calls(cold, cold_app, bodies[1 : cold_calls + 1], cold_calls)
        tracemalloc.start()
        tracemalloc.reset_peak()
        call(cold, cold_app, bodies[cold_calls + 1])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        warm_bodies = [payload(warm_app, output, v) for v in warm_values]
        time_calls(warm, warm_app, warm_bodies, len(warm_bodies))  # fill the response cache
        warm_times = time_calls(warm, warm_app, warm_bodies, repeat)
        raw, gz = payload_sizes(warm, warm_app, warm_bodies[0])
        print(f"{name}: first call {first * 1000:.0f} ms", flush=True)
        print(summary(f"  cold ({cold_calls} new combinations)", cold_times, noop), flush=True)
        print(summary("  warm (response cache)", warm_times, noop), flush=True)
        out["callbacks"][name] = {
            "first_ms": first * 1000,
            "cold": {k: v * 1000 for k, v in _stats(cold_times).items()},
            "warm": {k: v * 1000 for k, v in _stats(warm_times).items()},
            "raw_kb": raw / 1024,
            "gzip_kb": gz / 1024,
            "peak_mb": peak / mb,
        }
    geo = warm.get(f"{settings.routes_pathname_prefix}geo/nuts2.geojson", headers={"Accept-Encoding": "gzip"})
    body = geo.get_data()
    plain = (tables.data_dir / "nuts2.geojson").read_bytes()
    out["geo"] = {
        "sent_kb": len(body) / 1024,
        "encoding": geo.headers.get("Content-Encoding", "none"),
        "file_kb": len(plain) / 1024,
        "gzip_kb": len(gzip.compress(plain)) / 1024,
    }
    # The peak of start-up and callbacks, before the building blocks (which validate the whole table again).
    out["rss_peak_served_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["blocks"] = building_blocks(tables)
    out["rss_end_mb"] = process.memory_info().rss / mb
    out["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from data.store import load_tables

    start = time.perf_counter()
    load_tables(data_dir)
    out["load_tables_s"] = time.perf_counter() - start
    return out


# --- The report -------------------------------------------------------------------------------------------------


def _x(a: float, b: float) -> str:
    return f"{b / a:5.1f}x" if a else "   -  "


def report(small: dict, large: dict, built: dict) -> None:
    print()
    print(
        f"NUTS 3 scale: the committed tables (NUTS 2) against {built['synthetic_regions']:,} synthetic regions "
        f"added at level 2 (see the docstring: the app's level choices know 0-2 only)."
    )
    rows = [
        (
            "regions at level 2 (all / EU)",
            f"{small['regions_level2']:,} / {small['regions_level2_eu']:,}",
            f"{large['regions_level2']:,} / {large['regions_level2_eu']:,}",
            _x(small["regions_level2"], large["regions_level2"]),
        ),
        (
            "indicator_values rows",
            f"{small['indicator_values_rows']:,}",
            f"{large['indicator_values_rows']:,}",
            _x(small["indicator_values_rows"], large["indicator_values_rows"]),
        ),
        (
            "boundaries at level 2",
            f"{small['geo_features_level2']:,}",
            f"{large['geo_features_level2']:,}",
            _x(small["geo_features_level2"], large["geo_features_level2"]),
        ),
        (
            "load + validate tables (s)",
            f"{small['load_tables_s']:.2f}",
            f"{large['load_tables_s']:.2f}",
            _x(small["load_tables_s"], large["load_tables_s"]),
        ),
        (
            "import app: load + build (s)",
            f"{small['import_app_s']:.2f}",
            f"{large['import_app_s']:.2f}",
            _x(small["import_app_s"], large["import_app_s"]),
        ),
        (
            "DataFrames in memory (MB)",
            f"{small['frames_mb']:.1f}",
            f"{large['frames_mb']:.1f}",
            _x(small["frames_mb"], large["frames_mb"]),
        ),
        ("RSS after libraries (MB)", f"{small['rss_libs_mb']:.0f}", f"{large['rss_libs_mb']:.0f}", ""),
        (
            "RSS after import app (MB)",
            f"{small['rss_app_mb']:.0f}",
            f"{large['rss_app_mb']:.0f}",
            f"+{large['rss_app_mb'] - small['rss_app_mb']:.0f} MB",
        ),
        (
            "RSS at the end / peak (MB)",
            f"{small['rss_end_mb']:.0f} / {small['rss_peak_mb']:.0f}",
            f"{large['rss_end_mb']:.0f} / {large['rss_peak_mb']:.0f}",
            f"+{large['rss_peak_mb'] - small['rss_peak_mb']:.0f} MB",
        ),
        (
            "peak RSS before the building blocks (MB)",
            f"{small.get('rss_peak_served_mb', 0):.0f}",
            f"{large.get('rss_peak_served_mb', 0):.0f}",
            f"+{large.get('rss_peak_served_mb', 0) - small.get('rss_peak_served_mb', 0):.0f} MB",
        ),
        (
            "/geo/nuts2.geojson sent (KB)",
            f"{small['geo']['sent_kb']:.0f} ({small['geo']['encoding']})",
            f"{large['geo']['sent_kb']:.0f} ({large['geo']['encoding']})",
            _x(small["geo"]["sent_kb"], large["geo"]["sent_kb"]),
        ),
        (
            "  the same gzipped (KB)",
            f"{small['geo']['gzip_kb']:.0f}",
            f"{large['geo']['gzip_kb']:.0f}",
            _x(small["geo"]["gzip_kb"], large["geo"]["gzip_kb"]),
        ),
        ("no-op callback (ms)", f"{small['noop_ms']:.2f}", f"{large['noop_ms']:.2f}", ""),
    ]
    print(f"{'':<32} {'NUTS 2':>22} {'NUTS 3 size':>22} {'growth':>10}")
    for label, a, b, g in rows:
        print(f"{label:<32} {a:>22} {b:>22} {g:>10}")
    print()
    head = (
        f"{'callback (ms, KB, MB)':<30} {'scale':<7} {'first':>7} {'cold med':>9} {'cold p95':>9} "
        f"{'warm med':>9} {'warm p95':>9} {'raw KB':>8} {'gzip KB':>8} {'peak MB':>8}"
    )
    print(head)
    print("-" * len(head))
    for name in small["callbacks"]:
        a, b = small["callbacks"][name], large["callbacks"][name]
        for label, r in (("NUTS 2", a), ("NUTS 3", b)):
            print(
                f"{name if label == 'NUTS 2' else '':<30} {label:<7} {r['first_ms']:7.0f} {r['cold']['median']:9.1f} "
                f"{r['cold']['p95']:9.1f} {r['warm']['median']:9.2f} {r['warm']['p95']:9.2f} {r['raw_kb']:8.1f} "
                f"{r['gzip_kb']:8.1f} {r['peak_mb']:8.1f}"
            )
        print(
            f"{'':<30} {'growth':<7} {_x(a['first_ms'], b['first_ms']):>7} "
            f"{_x(a['cold']['median'], b['cold']['median']):>9} {_x(a['cold']['p95'], b['cold']['p95']):>9} "
            f"{_x(a['warm']['median'], b['warm']['median']):>9} {_x(a['warm']['p95'], b['warm']['p95']):>9} "
            f"{_x(a['raw_kb'], b['raw_kb']):>8} {_x(a['gzip_kb'], b['gzip_kb']):>8} "
            f"{_x(a['peak_mb'], b['peak_mb']):>8}"
        )
    print()
    print(f"{'building block (ms)':<46} {'NUTS 2':>8} {'NUTS 3':>8} {'growth':>7}   what")
    for name, what in BLOCKS.items():
        a, b = small["blocks"][name], large["blocks"][name]
        print(f"{name:<46} {a:8.2f} {b:8.2f} {_x(a, b):>7}   {what}")
    print()
    print(
        "first: the first call in a fresh process (Tables.memo lookups still empty; callbacks run in the order "
        "listed, so later ones may reuse lookups of earlier ones); cold: CACHE_TYPE=NullCache, each call a new "
        "combination of controls; warm: FileSystemCache hits; peak MB: tracemalloc peak of one cold call; "
        "sizes: one response (figures, tables and grid rows as JSON)."
    )


def best_of(rounds: list[dict]) -> dict:
    """One result per scale from several rounds: the lowest of each time (other work on the machine only ever
    adds time), everything else (memory, sizes, counts) from the first round."""
    out = json.loads(json.dumps(rounds[0]))
    for key in ("noop_ms", "import_app_s", "load_tables_s"):
        out[key] = min(r[key] for r in rounds)
    for name in out["blocks"]:
        out["blocks"][name] = min(r["blocks"][name] for r in rounds)
    for name, first in out["callbacks"].items():
        first["first_ms"] = min(r["callbacks"][name]["first_ms"] for r in rounds)
        for kind in ("cold", "warm"):
            for stat in ("median", "p95"):
                first[kind][stat] = min(r["callbacks"][name][kind][stat] for r in rounds)
    return out


def _run_scale(key: str, data_dir: Path, tmp: Path, cold_calls: int, repeat: int) -> dict:
    out = tmp / f"{key}.json"
    env = {
        **os.environ,
        "DATA_DIR": str(data_dir),
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": str(tmp / f"cache-{key}"),
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.scale_nuts3",
            "--measure",
            str(data_dir),
            "--out",
            str(out),
            "--cold",
            str(cold_calls),
            "--repeat",
            str(repeat),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(out.read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_nuts3", description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=20, help="cold calls per callback (new combinations)")
    parser.add_argument("--repeat", type=int, default=60, help="warm calls per callback")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of both scales; times: the lowest")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 round, 3 cold and 6 warm calls")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one scale, in its own process
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.cold, args.repeat = 1, 3, 6
    if args.measure:
        args.out.write_text(json.dumps(measure(args.measure, args.cold, args.repeat)))
        return 0
    start = time.perf_counter()
    from settings import DEFAULT_DATA_DIR

    with tempfile.TemporaryDirectory(prefix="nuts3-scale-") as folder:
        tmp = Path(folder)
        built = build_synthetic(tmp / "tables")
        print(
            f"Synthetic data set in {tmp / 'tables'} ({built['seconds']:.1f} s): {built['synthetic_regions']:,} "
            f"synthetic regions at level 2 ({built['level2']:,} in all, {built['level2_eu']:,} EU), "
            f"{built['synthetic_rows']:,} synthetic values, {built['rows']:,} rows in indicator_values, "
            f"{built['indicators']} indicators. Seed {SEED}.",
            flush=True,
        )
        runs = {"nuts2": [], "nuts3": []}
        for n in range(args.rounds):  # the scales alternate, so a burst of other load hits both alike
            print(f"=== round {n + 1} of {args.rounds}", flush=True)
            runs["nuts2"].append(_run_scale("nuts2", DEFAULT_DATA_DIR, tmp, args.cold, args.repeat))
            runs["nuts3"].append(_run_scale("nuts3", tmp / "tables", tmp, args.cold, args.repeat))
    report(best_of(runs["nuts2"]), best_of(runs["nuts3"]), built)
    if args.rounds > 1:
        print(f"Times: the lowest of {args.rounds} rounds (each scale in a fresh process per round).")
    print(f"\nTotal {time.perf_counter() - start:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
