"""Server time of the Overview callbacks next to the no-op callback. Run: python -m benchmarks.callbacks_overview"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))

from app import create_app
from benchmarks.harness import noop_baseline, payload, summary, time_calls


def main(repeat: int = 60):
    app = create_app()
    client = app.server.test_client()
    noop_median = noop_baseline(client, app, repeat)
    choices = [("gdp_pc_pps", 2021, 2), ("unemployment_rate", 2022, 2), ("employment_rate", 2020, 1)]
    bodies = [
        payload(
            app, "overview-map", {"overview-indicator.value": i, "overview-year.value": y, "overview-level.value": lv}
        )
        for i, y, lv in choices
    ]
    print(summary("overview map (cold cache, first 3 calls)", time_calls(client, app, bodies, 3), noop_median))
    print(summary("overview map (warm cache)", time_calls(client, app, bodies, repeat), noop_median))
    years = [
        payload(
            app,
            "overview-year.options",
            {"overview-indicator.value": i, "overview-level.value": lv, "overview-year.value": y},
        )
        for i, y, lv in choices
    ]
    print(summary("overview year options", time_calls(client, app, years, repeat), noop_median))


if __name__ == "__main__":
    main()
