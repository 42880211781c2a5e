"""Server time of the Region and Compare callbacks next to the no-op callback of the same app.

Run: python -m benchmarks.callbacks_region_compare
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))

from app import create_app
from benchmarks.harness import noop_baseline, payload, payload_sizes, summary, time_calls
from data.profile import AGGLOMERATIONS, PILOT_CODES, PROFILE

REGIONS = [("FRE1", 2024), ("FRB0", 2021), ("ITC1", 2019), ("DED", 2023), ("SE31", 2024)]


def main(repeat: int = 60):
    app = create_app()
    client = app.server.test_client()
    noop_median = noop_baseline(client, app, repeat)

    def store(code):
        return {"code": code, "default_year": 2024}

    region = {
        "region headline (cards + 2 bar charts)": [
            payload(app, "region-cards.children", {"region-year.value": y, "region-store.data": store(c)})
            for c, y in REGIONS
        ],
        "region time series": [
            payload(
                app,
                '"index":"region-timeseries"',
                {"region-ts.value": i, "region-year.value": y, "region-store.data": store(c)},
            )
            for (c, y), i in zip(REGIONS, ["gdp_pc_pps", "employment_rate", "rci", "industry_share", "gerd_pc_gdp"])
        ],
        "region explorer: 3 added regions, change since 2010": [
            payload(
                app,
                '"index":"region-timeseries"',
                {
                    "region-ts.value": i,
                    "region-year.value": y,
                    "region-regions.value": ["ITC1", "DE21", "PL91"],
                    "region-measure.value": "rel",
                    "region-base.value": 2010,
                    "region-store.data": store(c),
                },
            )
            for (c, y), i in zip(REGIONS, ["gdp_pc_pps", "employment_rate", "rci", "industry_share", "gerd_pc_gdp"])
        ],
        "region explorer map (its level, reference year)": [
            payload(
                app,
                "region-map-note.children",
                {
                    "region-ts.value": i,
                    "region-year.value": y,
                    "region-tab.value": "map",
                    "region-store.data": store(c),
                },
            )
            for (c, y), i in zip(REGIONS, ["gdp_pc_pps", "employment_rate", "rci", "industry_share", "gerd_pc_gdp"])
        ],
        "region profile (radar/bar)": [
            payload(
                app,
                '"index":"region-profile"',
                {"region-year.value": y, "region-view.value": v, "region-store.data": store(c)},
            )
            for (c, y), v in zip(REGIONS, ["radar", "bar", "radar", "bar", "radar"])
        ],
        "region specialisation (2 charts)": [
            payload(app, '"index":"region-ecosystems"', {"region-store.data": store(c)}) for c, _ in REGIONS
        ],
        "region similar regions": [
            payload(
                app,
                "region-similar.children",
                {
                    "region-year.value": y,
                    "region-sim.value": list(PROFILE),
                    "region-k.value": 5,
                    "region-excl.value": [],
                    "region-store.data": store(c),
                },
            )
            for c, y in REGIONS
        ],
    }
    groups = [list(PILOT_CODES), ["FRE1", "FRB0", "ITC1"], ["FRE1", "FRE2", "BE32", "BE35", "DED4"]]
    compare = {
        "compare table + profiles": [
            payload(
                app,
                "compare-table.children",
                {
                    "compare-regions.data": {"regions": g, "default_year": 2024},
                    "compare-year.value": y,
                    "compare-view.value": v,
                },
            )
            for g, y, v in zip(groups, [2024, 2021, 2019], ["radar", "bar", "radar"])
        ],
        "compare scatter + quadrants": [
            payload(
                app,
                "compare-quadrants.children",
                {
                    "compare-regions.data": {"regions": g, "default_year": 2024},
                    "compare-year.value": 2024,
                    "compare-x.value": x,
                    "compare-y.value": y,
                },
            )
            for g, (x, y) in zip(
                groups,
                [("rci", AGGLOMERATIONS), ("gdp_pc_pps", "unemployment_rate"), ("tertiary_attainment", "gerd_pc_gdp")],
            )
        ],
    }
    for name, bodies in {**region, **compare}.items():
        print(summary(f"{name} (cold, first calls)", time_calls(client, app, bodies, len(bodies)), noop_median))
        print(summary(f"{name} (warm cache)", time_calls(client, app, bodies, repeat), noop_median))
    raw, gz = payload_sizes(client, app, compare["compare scatter + quadrants"][0])
    print(f"compare scatter response: {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzip")
    raw, gz = payload_sizes(client, app, region["region headline (cards + 2 bar charts)"][0])
    print(f"region headline response: {raw / 1024:.0f} KB raw, {gz / 1024:.0f} KB gzip")


if __name__ == "__main__":
    main()
