"""The production job queue: Dash's CeleryManager on a real redis-server with a real Celery worker process (as
the Procfile starts it). Jobs wait in Redis, at most JOBS_RUNNING run in the worker, requests past
JOBS_RUNNING + JOBS_WAITING are told at once that the server is busy, and every place is given back."""

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from benchmarks.pack_requests import pack_body, poll, start, status_text
from jobs import ADMITTED, BUSY, RUNNING
from tests.integration.test_redis_cache import _free_port, _start_redis

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not (shutil.which("redis-server") and shutil.which("chromium")),
    reason="needs redis-server and chromium (.ci/run installs them)",
)
JOBS_RUNNING, JOBS_WAITING, REQUESTS = 1, 1, 6


@pytest.fixture
def celery_stack(tmp_path):
    port = _free_port()
    redis_proc = _start_redis(port, tmp_path)
    env = {
        **os.environ,
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "JOBS_RUNNING": str(JOBS_RUNNING),
        "JOBS_WAITING": str(JOBS_WAITING),
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    # The Procfile's worker line, with its concurrency from JOBS_RUNNING.
    log = (tmp_path / "worker.log").open("w")  # the worker writes to it until the fixture ends
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "app:celery_app",
            "worker",
            "--concurrency",
            str(JOBS_RUNNING),
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    from jobs import make_celery

    control, end = make_celery(env["REDIS_URL"], JOBS_RUNNING).control, time.monotonic() + 90
    while not control.ping(timeout=0.5):  # the worker has loaded the app and started its pool
        assert worker.poll() is None and time.monotonic() < end, (tmp_path / "worker.log").read_text()[-2000:]
    yield env, worker
    worker.terminate()
    try:
        worker.wait(20)
    except subprocess.TimeoutExpired:
        worker.kill()
    log.close()
    redis_proc.kill()
    redis_proc.wait()


def test_celery_jobs_are_queued_in_redis_bounded_and_made_by_the_worker(celery_stack, tables):
    from app import create_app
    from settings import Settings

    env, worker = celery_stack
    app = create_app(Settings.from_env(env), tables=tables)
    client = app.server.test_client()
    bodies = [pack_body(app, n) for n in range(REQUESTS)]
    handles = [None] * REQUESTS
    threads = [
        threading.Thread(target=lambda n=n: handles.__setitem__(n, start(client, bodies[n]))) for n in range(REQUESTS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pool = psutil.Process(worker.pid).children()  # the worker's pool: JOBS_RUNNING processes, made once
    assert len(pool) == JOBS_RUNNING
    # One deadline for all the answers: a job that never answers fails the test in minutes, not 6 x 240 s.
    deadline = time.monotonic() + 120  # a pass takes ~15 s
    answers = [
        status_text(poll(client, bodies[n], handles[n], timeout=max(1.0, deadline - time.monotonic())))
        for n in range(REQUESTS)
    ]
    assert sum(a.endswith("KB.") for a in answers) == JOBS_RUNNING + JOBS_WAITING, answers
    assert answers.count(BUSY) == REQUESTS - JOBS_RUNNING - JOBS_WAITING
    assert sorted(p.pid for p in psutil.Process(worker.pid).children()) == sorted(p.pid for p in pool)
    tickets = app.server.extensions["eu_cluster_jobs"].limits.tickets
    assert tickets.count(ADMITTED) == 0 and tickets.count(RUNNING) == 0


def test_concurrent_first_requests_and_workers_agree_on_one_signing_secret(tmp_path, tables):
    """Dash signs job handles with a secret it keeps in the result store. Its Celery manager stores it with a
    get-then-set, so threads (or gunicorn workers) starting together could each sign with their own secret and
    later polls were never answered (the job handle no longer verified). Ours stores it atomically."""
    from app import create_app
    from settings import Settings

    port = _free_port()
    redis_proc = _start_redis(port, tmp_path)
    try:
        env = {**os.environ, "REDIS_URL": f"redis://127.0.0.1:{port}/0", "CACHE_DIR": str(tmp_path / "cache")}
        apps = [create_app(Settings.from_env(env), tables=tables) for _ in range(3)]  # three "workers"
        secrets, barrier = [], threading.Barrier(24)

        def resolve(app):
            barrier.wait()
            secrets.append(app._get_signing_secret())

        threads = [threading.Thread(target=resolve, args=(apps[n % 3],)) for n in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(set(secrets)) == 1
        assert len({app._get_signing_secret() for app in apps}) == 1
    finally:
        redis_proc.kill()
        redis_proc.wait()
