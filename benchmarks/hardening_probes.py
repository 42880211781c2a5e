"""Issue 15 probes (cache pollution, first-request race, headers, 4xx answers), each printed as a figure.

    .venv/bin/python -m benchmarks.hardening_probes          # in-process probes, then gunicorn ones

Run under `flock /tmp/eucluster-browser.lock` (it starts gunicorn servers on free ports).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import caching
from app import create_app
from benchmarks.harness import call, payload
from benchmarks.servers import fetch, first_visit_paths, gunicorn, parallel_first_visits
from errors import ERRORS
from settings import Settings

PAGES = [
    "/",
    "/rankings",
    "/compare",
    "/ecosystems",
    "/policy",
    "/programmes",
    "/clusters",
    "/regions",
    "/data",
    "/region/FRE1",
]


def _visit(app, client, pathname, search):
    body = payload(app, "_pages_content", {"_pages_location.pathname": pathname, "_pages_location.search": search})
    return call(client, app, body)


def cache_probe(junk_per_page: int = 10):
    app = create_app(Settings(cache_type="SimpleCache", cache_dir=Path(tempfile.mkdtemp())))
    client = app.server.test_client()
    entries = app.server.extensions[caching.EXTENSION].cache.cache._cache
    for page in PAGES:
        _visit(app, client, page, "")
    warm = len(entries)
    rnd = random.Random(15)
    cpu = []
    for page in PAGES:
        for _ in range(junk_per_page):
            junk = f"{rnd.getrandbits(64):x}"
            start = time.process_time()
            _visit(app, client, page, "?" + urlencode({"x": junk, "year": junk, "indicator": junk, "utm_source": junk}))
            cpu.append(time.process_time() - start)
    warm_cpu = []
    for _ in range(junk_per_page):
        start = time.process_time()
        _visit(app, client, "/regions", "")
        warm_cpu.append(time.process_time() - start)
    print(
        f"layout cache entries: {warm} after one clean visit of {len(PAGES)} pages; "
        f"{len(entries) - warm} new after {len(cpu)} junk-parameter visits"
    )
    print(
        f"CPU per junk-parameter page visit: median {statistics.median(cpu) * 1000:.1f} ms, "
        f"max {max(cpu) * 1000:.1f} ms (a cached /regions visit: {statistics.median(warm_cpu) * 1000:.1f} ms; "
        f"issue 15 measured 1,300-1,700 ms)"
    )
    print(f"callback or layout failures counted meanwhile: {app.server.extensions[ERRORS].count}")


def status_probe():
    app = create_app(Settings(cache_type="NullCache", cache_dir=Path(tempfile.mkdtemp())))
    client = app.server.test_client()
    probes = {
        "GET /_dash-component-suites/dash/nope.js": client.get("/_dash-component-suites/dash/nope.js"),
        "GET /_dash-component-suites/nopkg/x.js": client.get("/_dash-component-suites/nopkg/x.js"),
        "POST /_dash-update-component '{bad json'": client.post(
            "/_dash-update-component", data="{bad json", content_type="application/json"
        ),
        "POST /_dash-update-component {'x': 1}": client.post("/_dash-update-component", json={"x": 1}),
    }
    for name, answer in probes.items():
        print(f"{name}: {answer.status_code}")
    page = client.get("/region/FRE1", headers={"Host": "evil.example"})
    print(f"Host: evil.example appears in the page: {'evil.example' in page.get_data(as_text=True)}")


def gunicorn_probe(starts: int = 3, workers: int = 3, threads: int = 4):
    paths = first_visit_paths(create_app())
    totals: dict = {}
    for _ in range(starts):
        with gunicorn(workers=workers, threads=threads) as base:
            for code, n in parallel_first_visits(base, paths, copies=3, concurrency=32).items():
                totals[code] = totals.get(code, 0) + n
    print(
        f"parallel first requests ({starts} fresh gunicorn starts, {workers} workers x {threads} threads, "
        f"{len(paths)} paths x 3): {totals} (500s: {totals.get(500, 0)}, "
        f"callback lists without the router: {totals.get('no router', 0)})"
    )
    views = [
        f"/rankings?indicator=composite&weights=gdp_pc_pps:2,rci:1,gerd_pc_gdp:1&year=2021&level=2&n=25&r={i}"
        for i in range(30)
    ]
    deck = "/slides?" + urlencode([("view", v) for v in views])
    with gunicorn(workers=1, threads=2) as base:
        code, _, headers = fetch(base + "/")
        print(f"30-slide deck ({len(deck)} characters): {fetch(base + deck)[0]}")
    for name in ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Server"):
        value = headers.get(name)
        print(f"header {name}: {'absent' if value is None else value[:100] + ('...' if len(value) > 100 else '')}")


if __name__ == "__main__":
    cache_probe()
    status_probe()
    gunicorn_probe()
