"""Shared test set-up: a scratch TMPDIR for Chromium, and one app per test session for the data."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options as ChromeOptions

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Chromium leaves /tmp/org.chromium.* folders behind: keep them in a scratch folder removed at exit.
_SCRATCH = tempfile.mkdtemp(prefix="eucluster-tests-")
os.environ["TMPDIR"] = _SCRATCH
os.environ.setdefault("CACHE_DIR", str(Path(_SCRATCH) / "cache"))


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SCRATCH, ignore_errors=True)


class _PerformanceLogOptions(ChromeOptions):
    """dash.testing sets goog:loggingPrefs to {'browser': 'SEVERE'}: keep that and add Chrome's performance log
    (every network request of the page, failed ones included; read by test_links' same-origin test)."""

    def set_capability(self, name, value):
        if name == "goog:loggingPrefs":
            value = {**value, "performance": "ALL"}
        super().set_capability(name, value)


def pytest_setup_options():
    """dash.testing's hook for the options of the browsers its fixtures start."""
    return _PerformanceLogOptions()


def pytest_collection_modifyitems(config, items):
    browser = [item for item in items if "dash_duo" in getattr(item, "fixturenames", ())]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    if browser and not shutil.which("chromedriver"):
        raise pytest.UsageError(
            "The browser tests need Debian's chromium and chromium-driver: "
            "apt-get install -y chromium chromium-driver (or run .ci/run, which installs them)."
        )


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
