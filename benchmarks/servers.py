"""Start the app the way the Procfile does (gunicorn), on a free port, for probes and integration tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROCFILE_COMMAND = ["-m", "gunicorn", "--config", "gunicorn.conf.py", "--no-control-socket", "app:server"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2, threads: int = 2, env: dict | None = None, log_path: Path | None = None):
    """A fresh gunicorn serving the app; yields its base URL as soon as the socket listens, before any request
    reached a worker (so the first requests a test sends are the workers' first requests)."""
    port = free_port()
    environment = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        **(env or {}),
    }
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 (the server outlives this call)
    proc = subprocess.Popen(
        [sys.executable, *PROCFILE_COMMAND],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        end = time.time() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.time() > end:
                    raise RuntimeError("gunicorn did not listen within 60 s") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log_path:
            log.close()


def fetch(url: str, timeout: float = 60, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """(status, body, headers) of a GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def status(url: str, timeout: float = 60, headers: dict | None = None) -> int:
    return fetch(url, timeout, headers)[0]


def first_visit_paths(app) -> list[str]:
    """What a browser asks for on its first visit: the page, every script and stylesheet it names, the layout
    and the callback list (paths relative to the server root)."""
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    files = re.findall(r'<script src="([^"]+)"', page) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    return ["/", *files, "/_dash-layout", "/_dash-dependencies"]


def parallel_first_visits(base: str, paths: list[str], copies: int = 2, concurrency: int = 24) -> dict:
    """Fire `copies` of every path at once. Returns {status: count}, plus under "no router" the callback lists
    answered without the pages router (the page would stay on "Loading..." for good)."""
    urls = [base + path for path in paths for _ in range(copies)]
    with ThreadPoolExecutor(concurrency) as pool:
        answers = list(pool.map(fetch, urls))
    counts: dict = {}
    for url, (code, body, _) in zip(urls, answers):
        counts[code] = counts.get(code, 0) + 1
        if url.endswith("/_dash-dependencies") and code == 200 and b"_pages_content" not in body:
            counts["no router"] = counts.get("no router", 0) + 1
    return counts
