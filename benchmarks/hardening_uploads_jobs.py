"""The upload, request-size and job-queue probes of issue 15, each with its figure.

Run: python -m benchmarks.hardening_uploads_jobs [--requests 30] [--celery]

Uploads go through the real upload callback (Flask test client, in this process: the "worker"); the time is
the request's, the memory the growth of this process's peak resident set during it (kernel high-water mark).
The job probe fires concurrent peer-review pack requests at the real app (disk-cache jobs, as run locally; with
--celery also through a real redis-server and Celery worker) and counts job processes while and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="bench-chromium-"))

import psutil

from benchmarks import hostile_files as hostile
from benchmarks.pack_requests import pack_body, poll, start, status_text

ROOT = Path(__file__).resolve().parents[1]


def upload_probes(app, client):
    from benchmarks.harness import payload
    from pages.clusters import RAW_STORE, UPLOAD

    probes = [
        ("column bomb .xlsx (one cell at ZZZZ)", "bomb.xlsx", hostile.column_bomb()),
        ("zip bomb .xlsx (a 200-million-character cell)", "cell.xlsx", hostile.huge_cell()),
        ("CSV with 50,000 columns", "wide.csv", hostile.wide_csv()),
        ("UTF-16 CSV", "utf16.csv", "cluster,year\nA,2023\n".encode("utf-16")),
    ]
    print("Uploads (limit: answered in < 2 s, worker growth < 50 MB, message naming the limit)")
    for name, filename, data in probes:
        body = payload(
            app,
            f"{RAW_STORE}.data",
            {
                f"{UPLOAD['members']}.contents": hostile.data_url(data),
                f"{UPLOAD['members']}.filename": filename,
                f"{RAW_STORE}.data": {},
            },
        )
        body["changedPropIds"] = [f"{UPLOAD['members']}.contents"]
        seconds, growth, response = hostile.peak_rss_growth(
            lambda body=body: client.post("/_dash-update-component", json=body)
        )
        entry = json.loads(response.data)["response"][RAW_STORE]["data"]["members"]
        print(
            f"  {name:<48} {len(data):>9,} B  {response.status_code}  {seconds:6.3f} s  "
            f"{growth / 1e6:6.1f} MB  answer {len(response.data):,} B"
        )
        print(f"      {entry.get('error', 'ACCEPTED')}")


def body_probe(client):
    from tests.callbacks.test_request_limits import Zeros

    body = Zeros(100_000_000)
    seconds, growth, response = hostile.peak_rss_growth(
        lambda: client.post("/_dash-update-component", input_stream=body, content_type="application/json")
    )
    print("Request size")
    print(
        f"  100 MB POST /_dash-update-component: {response.status_code} in {seconds:.3f} s, "
        f"{body.read_bytes:,} bytes read, growth {growth / 1e6:.1f} MB"
    )


def job_probe(app, requests: int, label: str, count_children):
    bodies = [pack_body(app, n) for n in range(requests)]
    client = app.server.test_client()
    handles, peak, done = [None] * requests, [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], count_children())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    began = time.perf_counter()
    threads = [
        threading.Thread(target=lambda n=n: handles.__setitem__(n, start(client, bodies[n]))) for n in range(requests)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    answered = time.perf_counter() - began
    answers = [status_text(poll(client, bodies[n], handles[n], timeout=300)) for n in range(requests)]
    total = time.perf_counter() - began
    done.set()
    sampler.join()
    time.sleep(1)
    settings = app.server.config["SETTINGS"]
    print(
        f"  {label}: {requests} concurrent requests, limits {settings.jobs_running} running + "
        f"{settings.jobs_waiting} waiting"
    )
    print(
        f"      all {requests} first answers in {answered:.2f} s; {sum(a.endswith('KB.') for a in answers)} packs "
        f"made, {sum('busy' in a for a in answers)} told 'busy', all done in {total:.1f} s"
    )
    print(f"      job processes at most {peak[0]} at once; processes left after: {count_children(after=True)}")


def main(requests: int, celery: bool):
    from app import create_app

    app = create_app()
    client = app.server.test_client()
    upload_probes(app, client)
    body_probe(client)
    print("Long jobs (peer-review pack)")
    me = psutil.Process()
    job_probe(app, requests, "disk-cache jobs (local)", lambda after=False: len(me.children(recursive=after)))
    if celery:
        celery_probe(requests)


def celery_probe(requests: int):
    from app import create_app
    from jobs import make_celery
    from settings import Settings
    from tests.integration.test_redis_cache import _free_port, _start_redis

    if not shutil.which("redis-server"):
        print("  Celery: redis-server not installed, skipped")
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-redis-"))
    port = _free_port()
    redis_proc = _start_redis(port, folder)
    env = {**os.environ, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "app:celery_app",
            "worker",
            "--concurrency",
            os.environ.get("JOBS_RUNNING", "2"),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        control = make_celery(env["REDIS_URL"], 1).control
        while not control.ping(timeout=0.5):
            time.sleep(0.5)
        app = create_app(Settings.from_env(env))
        pool = psutil.Process(worker.pid)
        job_probe(
            app,
            requests,
            "Celery jobs (production: Redis + the Procfile's worker)",
            lambda after=False: len(pool.children(recursive=after)),
        )
    finally:
        worker.terminate()
        worker.wait(30)
        redis_proc.kill()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--celery", action="store_true", help="also run the job probe through Redis and Celery")
    args = parser.parse_args()
    main(args.requests, args.celery)
