"""Shared test set-up: a scratch TMPDIR for Chromium, and one app per test session for the data."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from dash.testing.application_runners import ThreadedRunner
from selenium.webdriver.chrome.options import Options as ChromeOptions

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Chromium leaves /tmp/org.chromium.* folders behind: keep them in a scratch folder removed at exit. An xdist
# worker inherits the controller's scratch as TMPDIR and makes its own in it, short-named: Chromium's socket path
# in there must stay under 108 bytes. Each process so has its own response cache too (CACHE_DIR), unless one was given.
_INHERITED_TMPDIR = os.environ.get("TMPDIR", "")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    _SCRATCH = os.path.join(_INHERITED_TMPDIR, _WORKER)
    os.makedirs(_SCRATCH, exist_ok=True)
else:
    _SCRATCH = tempfile.mkdtemp(prefix="eucluster-tests-")
os.environ["TMPDIR"] = _SCRATCH
if os.environ.get("CACHE_DIR") in (None, os.path.join(_INHERITED_TMPDIR, "cache")):
    os.environ["CACHE_DIR"] = os.path.join(_SCRATCH, "cache")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SCRATCH, ignore_errors=True)


class _PerformanceLogOptions(ChromeOptions):
    """dash.testing sets goog:loggingPrefs to {'browser': 'SEVERE'}: keep that and add Chrome's performance log
    (every network request of the page, failed ones included; read by test_links' same-origin test)."""

    def set_capability(self, name, value):
        if name == "goog:loggingPrefs":
            value = {**value, "performance": "ALL"}
        super().set_capability(name, value)


class _FreePortRunner(ThreadedRunner):
    """dash.testing numbers its servers' ports from 58050 in each process: parallel workers, or test runs side by
    side, would serve on the same ports, and a test can then reach another run's server (the runner only checks
    that *a* server answers). Serve on a port the OS says is free unless the test names one."""

    def start(self, app, start_timeout=3, **kwargs):
        if "port" not in kwargs:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                kwargs["port"] = sock.getsockname()[1]
        self.port = kwargs["port"]  # the runner sets it in the server's thread, after it starts polling self.url
        super().start(app, start_timeout=start_timeout, **kwargs)


@pytest.fixture
def dash_thread_server():
    """dash.testing's fixture of the same name (dash_duo's server), on a free port."""
    with _FreePortRunner() as runner:
        yield runner


def pytest_setup_options():
    """dash.testing's hook for the options of the browsers its fixtures start."""
    return _PerformanceLogOptions()


def pytest_collection_modifyitems(config, items):
    _longest_modules_first(items)
    browser = [item for item in items if "dash_duo" in getattr(item, "fixturenames", ())]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    if browser and not shutil.which("chromedriver"):
        raise pytest.UsageError(
            "The browser tests need Debian's chromium and chromium-driver: "
            "apt-get install -y chromium chromium-driver (or run .ci/run, which installs them)."
        )


# Seconds each of the longest modules took in a full run on 2 cores (summed test durations, 2026-12-07), so that
# they start first: a module of minutes started last finishes the run alone while the other workers wait.
LONG_RUNNING = {
    "tests/browser/test_presenting.py": 520,
    "tests/browser/test_links.py": 400,
    "tests/browser/test_french_pages.py": 300,
    "tests/browser/test_every_page.py": 250,
    "tests/browser/test_filters.py": 200,
    "tests/integration/test_refresh.py": 175,
    "tests/integration/test_gunicorn.py": 155,
    "tests/browser/test_slides.py": 130,
    "tests/browser/test_display_modes.py": 125,
    "tests/browser/test_region.py": 115,
    "tests/browser/test_language.py": 105,
    "tests/browser/test_programmes.py": 100,
}


def _longest_modules_first(items):
    """The modules of LONG_RUNNING first, longest first, then the others by how many tests they hold (xdist's own
    order for --dist loadfile, which pyproject turns off with --no-loadscope-reorder to keep this one)."""
    module = {id(item): item.nodeid.split("::")[0] for item in items}
    tests = Counter(module.values())
    first = {}
    for index, item in enumerate(items):
        first.setdefault(module[id(item)], index)
    items[:] = sorted(
        items, key=lambda i: (-LONG_RUNNING.get(module[id(i)], 0), -tests[module[id(i)]], first[module[id(i)]])
    )


@pytest.fixture(scope="session", autouse=True)
def _tables_loaded_once_per_version():
    """The factory loads and validates the tables on every call (~2 s of CPU with its warm-up); the suite makes
    a hundred apps from the same files. Within a test process, one load per folder and content (its data
    version, a hash of the files): a changed, broken or missing table is still loaded, and refused, afresh."""
    import app as app_module
    from data.store import data_version

    real, loaded = app_module.load_tables, {}

    def load_once(data_dir):
        path = Path(data_dir)
        if not path.is_dir():
            return real(data_dir)
        key = (str(path.resolve()), data_version(path))
        if key not in loaded:
            loaded[key] = real(data_dir)
        return loaded[key]

    patch = pytest.MonkeyPatch()
    patch.setattr(app_module, "load_tables", load_once)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def tables():
    from data.store import load_tables
    from settings import DEFAULT_DATA_DIR

    return load_tables(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def raw():
    from data.build.common import raw_dir

    path = raw_dir()
    if not path.is_dir():
        pytest.skip(f"raw inputs not found at {path} (../shared/data); set RAW_DATA_DIR to run this test")
    return path
