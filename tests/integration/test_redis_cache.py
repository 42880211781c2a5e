"""The figure cache against a real redis-server: shared hits, survival when Redis dies, recovery when it returns."""

import logging
import shutil
import socket
import subprocess
import time

import pytest

import caching
from app import create_app
from settings import Settings

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server not installed (apt-get install redis-server; .ci/run does)",
)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(port, folder):
    proc = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    end = time.time() + 10
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


@pytest.fixture
def redis_port(tmp_path):
    port = _free_port()
    proc = _start_redis(port, tmp_path)
    yield port, proc
    for p in (proc,):
        p.kill()


def _counting(calls):
    @caching.memoize
    def square(x: int) -> dict:
        calls.append(x)
        return {"value": x * x}

    return square


def test_two_apps_share_results_through_redis(redis_port, tables):
    port, _ = redis_port
    settings = Settings.from_env({"REDIS_URL": f"redis://127.0.0.1:{port}/0"})
    calls = []
    square = _counting(calls)
    for _ in range(2):  # two app instances stand for two gunicorn workers
        app = create_app(settings, tables=tables)
        with app.server.app_context():
            assert square(7) == {"value": 49}
    assert calls == [7]


def test_app_keeps_serving_when_redis_dies_and_caches_again_when_it_returns(redis_port, tables, tmp_path, caplog):
    port, proc = redis_port
    settings = Settings.from_env({"REDIS_URL": f"redis://127.0.0.1:{port}/0"})
    app = create_app(settings, tables=tables)
    calls = []
    square = _counting(calls)
    with app.server.app_context():
        square(3)
        proc.kill()
        proc.wait()
        with caplog.at_level(logging.WARNING, logger="caching"):
            assert square(3) == {"value": 9}  # computed uncached, no exception
            assert square(3) == {"value": 9}
        warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
        assert len(warnings) == 1  # one warning, not one per request
        restarted = _start_redis(port, tmp_path)
        try:
            square(4)
            square(4)
            assert calls.count(4) == 1  # caching resumed
        finally:
            restarted.kill()


def test_unreachable_redis_at_start_does_not_stop_the_app(tables):
    settings = Settings.from_env({"REDIS_URL": f"redis://127.0.0.1:{_free_port()}/0"})
    app = create_app(settings, tables=tables)
    client = app.server.test_client()
    assert client.get("/health").status_code == 200
    with app.server.app_context():
        assert _counting([])(2) == {"value": 4}
