"""Bounded load test on 127.0.0.1: gunicorn with N workers, C concurrent clients for S seconds.

A realistic mix of page loads (HTML shell, layout, page content) and callbacks. Prints requests/s, errors,
and p50/p95 per request type. Run: python -m benchmarks.load_test [--workers 2] [--clients 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import payload  # noqa: E402
from tests.integration.nginx import free_port, wait_for_port  # noqa: E402


def scenarios(app):
    """(name, weight, method, path, json body factory) — the mix one user session produces."""
    indicators = ["gdp_pc_pps", "unemployment_rate", "employment_rate", "tertiary_attainment", "gerd_pc_gdp"]
    years = [2015, 2018, 2020, 2021]

    def overview_map():
        return payload(
            app,
            "overview-map",
            {
                "overview-indicator.value": random.choice(indicators),
                "overview-year.value": random.choice(years),
                "overview-level.value": random.choice([0, 1, 2]),
            },
        )

    app.server.test_client().get("/")  # Dash adds the pages router's callback on the first request

    def page(path):
        return lambda: payload(app, "_pages_content", {"_pages_location.pathname": path, "_pages_location.search": ""})

    from benchmarks.callbacks_ecosystems import controls as eco_controls
    from benchmarks.callbacks_programmes import CHOICES as PROGRAMME_CHOICES
    from benchmarks.callbacks_programmes import controls as programme_controls
    from benchmarks.callbacks_rankings import controls as rankings_controls
    from data.profile import PILOT_CODES

    regions = [("FRE1", 2021), ("FRB0", 2021), ("ITC1", 2019), ("DE11", 2023), ("SE31", 2022), ("PL21", 2021)]
    groups = [list(PILOT_CODES), ["FRE1", "FRB0", "ITC1"], ["FRE1", "FRE2", "BE32", "DE11"]]

    def pick(output, make_values):
        return lambda: payload(app, output, make_values())

    def region_values():
        code, year = random.choice(regions)
        return {
            "region-year.value": year,
            "region-store.data": {"code": code, "default_year": 2024},
            "region-ts.value": random.choice(indicators),
            "region-view.value": random.choice(["radar", "bar"]),
        }

    def compare_values():
        return {
            "compare-regions.data": {"regions": random.choice(groups), "default_year": 2024},
            "compare-year.value": random.choice([2019, 2021, 2023]),
            "compare-view.value": "radar",
            "compare-x.value": "rci",
            "compare-y.value": random.choice(indicators),
        }

    mix = [
        ("GET / (HTML shell)", 2, "GET", "/", None),
        ("GET /_dash-layout", 2, "GET", "/_dash-layout", None),
        ("page content: overview", 2, "POST", "/_dash-update-component", page("/")),
        ("page content: data & methods", 1, "POST", "/_dash-update-component", page("/data")),
        (
            "callback: no-op (yardstick)",
            2,
            "POST",
            "/_dash-update-component",
            pick("noop-output.children", lambda: {"noop-input.data": random.random()}),
        ),
        ("callback: overview map", 4, "POST", "/_dash-update-component", overview_map),
        (
            "callback: region headline",
            2,
            "POST",
            "/_dash-update-component",
            pick("region-cards.children", region_values),
        ),
        (
            "callback: region time series",
            2,
            "POST",
            "/_dash-update-component",
            pick('"index":"region-timeseries"', region_values),
        ),
        (
            "callback: compare table + profiles",
            2,
            "POST",
            "/_dash-update-component",
            pick("compare-table.children", compare_values),
        ),
        (
            "callback: compare scatter",
            2,
            "POST",
            "/_dash-update-component",
            pick("compare-quadrants.children", compare_values),
        ),
        (
            "callback: rankings",
            2,
            "POST",
            "/_dash-update-component",
            pick(
                "rankings-summary.children",
                lambda: rankings_controls(indicator=random.choice(indicators), year=2021, cmp=2016),
            ),
        ),
        (
            "callback: ecosystems heatmap",
            2,
            "POST",
            "/_dash-update-component",
            pick("ecosystems-heatmap", lambda: eco_controls(country=random.choice(["FR", "DE", "IT", "ES", "PL"]))),
        ),
        (
            "callback: programmes filter",
            2,
            "POST",
            "/_dash-update-component",
            pick("programmes-selection.data", lambda: programme_controls(random.choice(PROGRAMME_CHOICES))),
        ),
    ]
    for path in ("/region/FRE1", "/compare", "/rankings", "/ecosystems", "/programmes", "/policy"):
        mix.append((f"page content: {path}", 1, "POST", "/_dash-update-component", page(path)))
    return mix


def worker_rss(pid: int) -> list[float]:
    """Resident memory (MB) of each gunicorn worker of the master `pid`."""
    import psutil

    return [child.memory_info().rss / 2**20 for child in psutil.Process(pid).children()]


def run(workers: int, clients: int, seconds: float, cache: str | None = None):
    if cache:  # e.g. NullCache: every answer computed, as after a deploy or during a cache outage
        os.environ["CACHE_TYPE"] = cache
    from app import create_app

    app = create_app()
    mix = scenarios(app)
    weights = [m[1] for m in mix]
    port = free_port()
    env = dict(os.environ, WEB_CONCURRENCY=str(workers), CACHE_DIR=tempfile.mkdtemp(prefix="load-cache-"))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "app:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=60)
        base = f"http://127.0.0.1:{port}"
        times: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        lock = threading.Lock()
        stop = time.time() + seconds

        def client(seed):
            rnd = random.Random(seed)
            session = requests.Session()
            while time.time() < stop:
                name, _, method, path, body = rnd.choices(mix, weights)[0]
                data = body() if body else None  # built before the clock starts
                start = time.perf_counter()
                try:
                    answer = session.request(method, base + path, json=data, timeout=30)
                    ok = answer.status_code in (200, 204)
                except requests.RequestException:
                    ok = False
                elapsed = time.perf_counter() - start
                with lock:
                    times[name].append(elapsed)
                    if not ok:
                        errors[name] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
        rss = worker_rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in times.values())
    print(
        f"load test: gunicorn {workers} workers x {os.environ.get('GUNICORN_THREADS', '2')} threads, "
        f"{clients} clients, {wall:.0f} s, cache {os.environ.get('CACHE_TYPE', 'FileSystemCache')}, load average "
        f"{os.getloadavg()[0]:.1f}: {total} requests, {total / wall:.1f} req/s, "
        f"{sum(errors.values())} errors"
    )
    print(f"  RSS per worker after the run: {', '.join(f'{r:.0f} MB' for r in rss)}")
    for name in sorted(times):
        values = sorted(times[name])
        p95 = values[min(len(values) - 1, int(0.95 * (len(values) - 1)))]
        print(
            f"  {name:<36} n={len(values):5d}  p50 {statistics.median(values) * 1000:7.1f} ms  "
            f"p95 {p95 * 1000:7.1f} ms  errors {errors.get(name, 0)}"
        )
    return errors


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cache", default=None, help="CACHE_TYPE for the server, e.g. NullCache")
    args = parser.parse_args()
    run(args.workers, args.clients, args.seconds, args.cache)
