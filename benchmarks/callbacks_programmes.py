"""Server time of the Programmes callbacks next to the no-op callback.

Run: python -m benchmarks.callbacks_programmes

The filter callback (controls -> selection) is the one every change of a filter waits for; the chart callbacks
then draw from the selection, memoized per selection (cold = first time a selection is drawn). The three grids get
their rows from the server one page at a time (AG Grid's infinite row model): a page's size is printed next to the
whole answer it replaced.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))

from app import create_app
from benchmarks.harness import call, payload, payload_sizes, summary, time_calls

CHOICES = [
    {"programme": ["INNOSUP-1"], "country": ["FR"]},
    {"programme": ["Euroclusters", "ESCP-S3"], "cluster": True},
    {"ecosystem": ["IES05", "IES09"], "country": ["DE"], "role": ["coordinator", "participant"]},
    {"generation": ["escp-4x-2020-wave-2020-2022"], "region": ["ES51", "FRK2"]},
    {},
]


def controls(choice: dict) -> dict:
    base = {
        "programme": [],
        "generation": [],
        "ecosystem": [],
        "country": [],
        "region": [],
        "role": [],
        "cluster": False,
    }
    base.update(choice)
    return {f"programmes-{k}.value": v for k, v in base.items()}


def main(repeat: int = 200):
    app = create_app()
    client = app.server.test_client()
    noop = [payload(app, "noop-output.children", {"noop-input.data": n}) for n in range(3)]
    time_calls(client, app, noop, 20)  # warm up the server
    noop_times = time_calls(client, app, noop, repeat)
    noop_median = sorted(noop_times)[len(noop_times) // 2]
    print(summary("no-op", noop_times))

    filters = [payload(app, "programmes-selection.data", controls(c)) for c in CHOICES]
    print(summary("filter callback (controls -> selection)", time_calls(client, app, filters, repeat), noop_median))

    selections = [call(client, app, body).get_json()["response"]["programmes-selection"]["data"] for body in filters]
    level = "programmes-network-level.value"
    page = {"startRow": 0, "endRow": 50}
    for name, output, extra in (
        ("country bars, map, standing, coverage", "programmes-coverage.children", {}),
        ("network, countries", "programmes-network", {level: "country"}),
        ("network, NUTS 2 regions", "programmes-network", {level: "region"}),
        ("network, organisations", "programmes-network", {level: "organisation"}),
        ("timeline, clusters", "programmes-timeline", {}),
        ("partner grid, one page", "programmes-grid.getRowsResponse", {"programmes-grid.getRowsRequest": page}),
        (
            "project grid, one page",
            "programmes-project-grid.getRowsResponse",
            {"programmes-project-grid.getRowsRequest": page},
        ),
        (
            "pairs grid (organisations), one page",
            "programmes-pairs.getRowsResponse",
            {"programmes-pairs.getRowsRequest": {"startRow": 0, "endRow": 20}, level: "organisation"},
        ),
    ):
        bodies = [payload(app, output, {"programmes-selection.data": s, **extra}) for s in selections]
        print(summary(f"{name} (cold)", time_calls(client, app, bodies, len(bodies)), noop_median))
        print(summary(f"{name} (warm)", time_calls(client, app, bodies, repeat // 4), noop_median))
        raw, gz = payload_sizes(client, app, bodies[-1])
        print(f"{'':<44} response {raw / 1024:7.1f} KB, gzip {gz / 1024:6.1f} KB (all programmes)")


if __name__ == "__main__":
    main()
