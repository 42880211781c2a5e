"""30 concurrent peer-review pack requests against the real app (disk-cache jobs, as run locally): at most
JOBS_RUNNING + JOBS_WAITING job processes ever exist, the others are told at once that the server is busy, every
admitted pack is made, and no process (job, chromium or zombie) is left after."""

import shutil
import threading
import time

import psutil
import pytest

from benchmarks.pack_requests import pack_body, poll, start, status_text
from jobs import BUSY

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="kaleido needs Debian's chromium")
RUNNING, WAITING, REQUESTS = 2, 1, 30


class ChildSampler:
    """The most direct children (job processes) of this process seen at once, sampled every 20 ms."""

    def __init__(self):
        self.me, self.peak, self.done = psutil.Process(), 0, threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, len(self.me.children()))
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def left_after(me, seconds=10) -> list:
    end = time.monotonic() + seconds
    while me.children(recursive=True) and time.monotonic() < end:
        time.sleep(0.1)
    return me.children(recursive=True)


def test_30_concurrent_pack_requests_leave_at_most_the_configured_processes_and_none_after(tables, tmp_path):
    from app import create_app
    from settings import Settings

    app = create_app(
        Settings.from_env({"CACHE_DIR": str(tmp_path), "JOBS_RUNNING": str(RUNNING), "JOBS_WAITING": str(WAITING)}),
        tables=tables,
    )
    client = app.server.test_client()
    bodies = [pack_body(app, n) for n in range(REQUESTS)]
    handles = [None] * REQUESTS
    assert psutil.Process().children(recursive=True) == []

    def send(n):
        handles[n] = start(client, bodies[n])

    with ChildSampler() as children:
        threads = [threading.Thread(target=send, args=(n,)) for n in range(REQUESTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        answers = [status_text(poll(client, bodies[n], handles[n])) for n in range(REQUESTS)]
    made = [a for a in answers if a.endswith("KB.")]
    assert len(made) == RUNNING + WAITING, answers
    assert answers.count(BUSY) == REQUESTS - RUNNING - WAITING
    assert 1 <= children.peak <= RUNNING + WAITING
    assert left_after(psutil.Process()) == []  # no job, chromium or zombie process left
    tickets = app.server.extensions["eu_cluster_jobs"].limits.tickets
    assert tickets.count("eu-cluster-jobs-admitted") == 0
    # A job whose page was closed (never polled, so Dash never stops it) is reaped too: no zombie.
    start(client, pack_body(app, REQUESTS))
    end = time.monotonic() + 120
    while tickets.count("eu-cluster-jobs-admitted") and time.monotonic() < end:
        time.sleep(0.2)
    assert left_after(psutil.Process()) == []
