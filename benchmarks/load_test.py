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
        return payload(app, "overview-map", {"overview-indicator.value": random.choice(indicators),
                                             "overview-year.value": random.choice(years),
                                             "overview-level.value": random.choice([0, 1, 2])})

    def page(path):
        def body():
            return {"output": "..._pages_content.children..._pages_store.data..",
                    "outputs": [{"id": "_pages_content", "property": "children"},
                                {"id": "_pages_store", "property": "data"}],
                    "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                               {"id": "_pages_location", "property": "search", "value": ""}],
                    "state": [], "changedPropIds": ["_pages_location.pathname"]}
        return body

    mix = [
        ("GET / (HTML shell)", 2, "GET", "/", None),
        ("GET /_dash-layout", 2, "GET", "/_dash-layout", None),
        ("page content: overview", 2, "POST", "/_dash-update-component", page("/")),
        ("page content: data & methods", 1, "POST", "/_dash-update-component", page("/data")),
        ("callback: overview map", 6, "POST", "/_dash-update-component", overview_map),
    ]
    for path in ("/region/FRE1", "/compare", "/rankings", "/ecosystems", "/programmes", "/policy"):
        mix.append((f"page content: {path}", 1, "POST", "/_dash-update-component", page(path)))
    return mix


def run(workers: int, clients: int, seconds: float):
    from app import create_app

    app = create_app()
    mix = scenarios(app)
    weights = [m[1] for m in mix]
    port = free_port()
    env = dict(os.environ, WEB_CONCURRENCY=str(workers), CACHE_DIR=tempfile.mkdtemp(prefix="load-cache-"))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--no-control-socket",
                               "--bind", f"127.0.0.1:{port}", "app:server"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
                start = time.perf_counter()
                try:
                    answer = session.request(method, base + path, json=body() if body else None, timeout=30)
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
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in times.values())
    print(f"load test: gunicorn {workers} workers x {os.environ.get('GUNICORN_THREADS', '2')} threads, "
          f"{clients} clients, {wall:.0f} s: {total} requests, {total / wall:.1f} req/s, "
          f"{sum(errors.values())} errors")
    for name in sorted(times):
        values = sorted(times[name])
        p95 = values[min(len(values) - 1, int(0.95 * (len(values) - 1)))]
        print(f"  {name:<36} n={len(values):5d}  p50 {statistics.median(values) * 1000:7.1f} ms  "
              f"p95 {p95 * 1000:7.1f} ms  errors {errors.get(name, 0)}")
    return errors


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    run(args.workers, args.clients, args.seconds)
