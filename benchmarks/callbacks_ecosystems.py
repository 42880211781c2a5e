"""Server time of the Ecosystems callbacks next to the no-op callback. Run: python -m benchmarks.callbacks_ecosystems

Each callback is timed with a cold cache (the first call of each argument set) and warm (the figures and tables
are memoized; what remains is the cache read, wrapping the results in components and serialising the response).
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))

from app import create_app
from benchmarks.harness import noop_baseline, payload, payload_sizes, summary, time_calls


def controls(**overrides) -> dict:
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


VARIANTS = [dict(), dict(country="DE"), dict(country="IT", level=1), dict(lq=2.0, share=2.0, ecosystem="IES05")]
ECOSYSTEM_VARIANTS = [
    dict(ecosystem="IES05"),
    dict(ecosystem="IES09", country="DE"),
    dict(ecosystem="IES02", level=1),
    dict(ecosystem="IES05", scope="set"),
]
CALLBACKS = [
    ("share chart", "ecosystems-shares", VARIANTS),
    ("LQ heatmap + caveats", "ecosystems-heatmap", VARIANTS),
    ("agglomeration table", "ecosystems-agg-summary", VARIANTS + [dict(agg="ecosystems")]),
    ("ecosystem map + ranking + projects", "ecosystems-eco-section", ECOSYSTEM_VARIANTS),
    ("URL sync", "ecosystems-url.search", VARIANTS),
]


def main(repeat: int = 60):
    app = create_app()
    client = app.server.test_client()
    noop_median = noop_baseline(client, app, repeat)
    for name, output, variants in CALLBACKS:
        bodies = [payload(app, output, controls(**v)) for v in variants]
        cold = time_calls(client, app, bodies, len(bodies))
        print(summary(f"{name} (cold, first {len(bodies)} calls)", cold, noop_median))
        print(summary(f"{name} (warm)", time_calls(client, app, bodies, repeat), noop_median))
        raw, gz = payload_sizes(client, app, bodies[0])
        print(f"{'':<44} response {raw / 1024:6.1f} KB, {gz / 1024:5.1f} KB gzipped")


if __name__ == "__main__":
    main()
