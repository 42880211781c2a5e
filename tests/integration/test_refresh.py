"""`python -m data.refresh` against a local stand-in for Eurostat's API serving recorded responses
(tests/fixtures/eurostat_api: real rows of the raw files in the API's SDMX-CSV 2.0 with labels).

Retry and resume tests replace the rebuild by a stub (the build is tested by the others)."""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.build.common import DEFAULT_OUT_DIR, REPO_ROOT, raw_dir
from data.refresh import api, files, refresh
from data.refresh.datasets import DATASETS
from tests.fixtures.eurostat_api.standin import RELEASES, StandIn

BASE = raw_dir()
pytestmark = pytest.mark.skipif(not (BASE / "eurostat").is_dir(), reason="raw data folder not available")
CODES = [d["code"] for d in DATASETS]


@pytest.fixture
def tables(tmp_path):
    """A copy of the committed tables, as the refresh's --out."""
    out = tmp_path / "tables"
    shutil.copytree(DEFAULT_OUT_DIR, out)
    return out


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(standin, tmp_path, out, today="2025-02-10", log=None, sleeps=None, **kwargs):
    lines = [] if log is None else log
    client = api.Client(
        base=standin.base,
        backoff=0.01,
        log=lines.append,
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )
    code = refresh.run(tmp_path / "tree", BASE, out, client, today=today, pause=0, log=lines.append, **kwargs)
    return code, lines


@pytest.fixture
def no_build(monkeypatch):
    built = []
    monkeypatch.setattr(refresh, "rebuild", lambda tree, out, log: built.append(tree) or True)
    return built


def test_refresh_fetches_every_dataset_and_rebuilds_the_tables(tmp_path, tables):
    with StandIn(vintage=2) as standin:
        code, lines = run(standin, tmp_path, tables)
    assert code == refresh.OK, lines
    assert standin.data_requests() == CODES
    assert [line.split(":")[0] for line in lines if line.endswith("saved")] == [
        f"[{i}/{len(CODES)}] {c}" for i, c in enumerate(CODES, 1)
    ]
    _, params, headers = next(r for r in standin.requests if "/data/" in r[0])
    assert {"EU27_2020", "FR", "FRE", "FRE1", "PT1A", "NL35"} <= set(params["c[geo]"].split(","))
    assert "Observatory" in headers["User-Agent"]

    manifest = json.loads((tmp_path / "tree" / files.MANIFEST).read_text())
    entry = manifest["datasets"]["tgs00007"]
    assert (entry["retrieved"], entry["release"], entry["rows"]) == ("2025-02-10", RELEASES[2], 72)
    assert entry["indicators"]["employment_rate"]["nuts_version"] == "2024"

    values = pd.read_parquet(tables / "indicator_values.parquet")
    recorded = pd.read_csv(REPO_ROOT / "tests/fixtures/eurostat_api/tgs00007.csv", dtype={"TIME_PERIOD": int})
    fre1 = recorded[(recorded["geo"] == "FRE1")].set_index("TIME_PERIOD")["OBS_VALUE"]
    built = values[(values["indicator"] == "employment_rate") & (values["region"] == "FRE1")].set_index("year")
    assert built["value"].to_dict() == fre1.to_dict()
    # The refreshed series replaces the old file: only the recorded regions are left.
    # NUTS 2024 codes kept; the recording's NL31/PT17 rows describe territories that changed and stay out.
    assert set(values.loc[values["indicator"] == "employment_rate", "region"]) == {
        "FRE1",
        "FRE2",
        "FRK2",
        "DE11",
        "NL35",
        "PT1A",
    }

    sources = pd.read_parquet(tables / "sources.parquet").set_index("id")
    assert sources.loc["employment_rate", "retrieved"] == "2025-02-10"
    assert sources.loc["gdp_pc_pps", "release"] == RELEASES[2]
    assert sources[["retrieved", "release"]].loc[["patents", "rci", "sbs", "gisco_nuts"]].isna().all().all()
    assert not (tmp_path / "tree" / files.STATE).exists()


def test_429_with_retry_after_and_503_are_retried_politely(tmp_path, tables, no_build):
    sleeps = []
    with StandIn(faults={"tgs00007": ["429"], "tgs00010": ["503", "503"]}) as standin:
        code, lines = run(standin, tmp_path, tables, sleeps=sleeps)
    assert code == refresh.OK, lines
    assert standin.data_requests().count("tgs00007") == 2 and standin.data_requests().count("tgs00010") == 3
    assert [s for s in sleeps if s] == [1, 0.01, 0.02]  # Retry-After: 1, then backoff doubling (pauses are 0)
    assert any("HTTP 429; try 2 of 5 in 1 s" in line for line in lines)


def test_a_truncated_response_is_retried_and_never_written(tmp_path, tables, no_build):
    with StandIn(faults={"tgs00007": ["cut"] * 5, "tgs00010": ["cut-row", "reset"]}) as standin:
        code, lines = run(standin, tmp_path, tables)
    assert code == refresh.PARTIAL
    api_dir = tmp_path / "tree" / files.API_DIR
    assert not (api_dir / "tgs00007.csv").exists()
    assert sorted(p.name for p in api_dir.iterdir() if p.name.startswith(".")) == []  # no temporary left
    assert "tgs00007" not in json.loads((tmp_path / "tree" / files.MANIFEST).read_text())["datasets"]
    assert any(line.startswith("[3/9] tgs00007: NOT refreshed: no complete answer") for line in lines)
    # tgs00010 was cut mid-row, then dropped, then complete: saved whole.
    assert (api_dir / "tgs00010.csv").read_bytes().count(b"\n") == 73
    assert lines[-1].startswith("  not refreshed: tgs00007")


def test_offline_gives_one_message_and_leaves_the_tables_untouched(tmp_path, tables):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    before = contents(tables)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "data.refresh",
            "--raw",
            str(tmp_path / "tree"),
            "--base",
            str(BASE),
            "--out",
            str(tables),
            "--api",
            dead,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == refresh.OFFLINE
    assert result.stderr == ""  # no traceback
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Offline: cannot reach Eurostat's API") and "unchanged" in last
    assert sum("Offline" in line for line in result.stdout.splitlines()) == 1
    assert contents(tables) == before


def test_an_interrupted_run_resumes_with_the_datasets_not_yet_fetched(tmp_path, tables, no_build):
    class Interrupt(list):
        def append(self, line):
            super().append(line)
            if line.startswith("[3/9]") and line.endswith("saved"):
                raise KeyboardInterrupt

    with StandIn() as standin, pytest.raises(KeyboardInterrupt):
        run(standin, tmp_path, tables, log=Interrupt())
    assert files.read_state(tmp_path / "tree", "2025-02-10") == set(CODES[:3])
    assert no_build == []
    with StandIn() as standin:
        code, lines = run(standin, tmp_path, tables)
    assert code == refresh.OK
    assert standin.data_requests() == CODES[3:]
    assert sum("already fetched in this run" in line for line in lines) == 3
    assert set(json.loads((tmp_path / "tree" / files.MANIFEST).read_text())["datasets"]) == set(CODES)
    assert not (tmp_path / "tree" / files.STATE).exists()


def test_a_dataset_whose_codes_changed_is_named_and_its_previous_file_kept(tmp_path, tables):
    with StandIn(vintage=1) as standin:
        assert run(standin, tmp_path, tables, today="2025-01-10")[0] == refresh.OK
    previous = (tmp_path / "tree" / "api" / "nama_10r_2gvagr.csv").read_bytes()
    with StandIn(vintage=2, changed={"nama_10r_2gvagr": ("unit", "I15", "I20")}) as standin:
        code, lines = run(standin, tmp_path, tables)
    assert code == refresh.PARTIAL
    assert any(
        line.startswith("[2/9] nama_10r_2gvagr: NOT refreshed: its codes changed or it was withdrawn (HTTP 404")
        for line in lines
    )
    assert "nama_10r_2gvagr" in lines[-1] and "datasets.py" in lines[-1]
    assert (tmp_path / "tree" / "api" / "nama_10r_2gvagr.csv").read_bytes() == previous
    manifest = json.loads((tmp_path / "tree" / files.MANIFEST).read_text())["datasets"]
    assert manifest["nama_10r_2gvagr"]["retrieved"] == "2025-01-10"
    assert manifest["tgs00007"]["retrieved"] == "2025-02-10"  # the others still refreshed
    sources = pd.read_parquet(tables / "sources.parquet").set_index("id")
    assert (sources.loc["gva_volume", "retrieved"], sources.loc["employment_rate", "retrieved"]) == (
        "2025-01-10",
        "2025-02-10",
    )


def test_a_newer_vintage_changes_the_values_and_retrieved_dates_and_nothing_else(tmp_path, tables):
    with StandIn(vintage=1) as standin:
        assert run(standin, tmp_path, tables, today="2025-01-10")[0] == refresh.OK
    before = contents(tables)
    with StandIn(vintage=2) as standin:
        assert run(standin, tmp_path, tables, today="2025-02-10")[0] == refresh.OK
    after = contents(tables)

    assert before.keys() == after.keys()
    changed = {name for name in before if before[name] != after[name]}
    # indicators and data_quality follow from the values (each indicator's default year, the plausibility
    # checks): they may change with them, their other columns may not.
    assert changed - {"indicators.parquet", "data_quality.parquet"} == {"indicator_values.parquet", "sources.parquet"}
    old_ind = pd.read_parquet(io.BytesIO(before["indicators.parquet"]))
    new_ind = pd.read_parquet(tables / "indicators.parquet")
    fixed = [c for c in new_ind.columns if not c.startswith("default_year")]
    assert new_ind[fixed].equals(old_ind[fixed])

    old = pd.read_parquet(io.BytesIO(before["indicator_values.parquet"]))
    new = pd.read_parquet(tables / "indicator_values.parquet")
    keys = ["region", "indicator", "year"]
    both = new.merge(old, on=keys, how="outer", suffixes=("", "_old"), indicator=True)
    assert (both["_merge"] != "right_only").all()  # nothing removed
    kept = both[both["_merge"] == "both"]
    assert kept["value"].equals(kept["value_old"]) and kept["flag"].equals(kept["flag_old"])
    added = both[both["_merge"] == "left_only"]
    assert len(added) > 0
    latest = new.groupby("indicator")["year"].max()
    assert (added["year"].to_numpy() == latest.loc[added["indicator"]].to_numpy()).all()  # only the newer year

    old_sources = pd.read_parquet(io.BytesIO(before["sources.parquet"])).set_index("id")
    new_sources = pd.read_parquet(tables / "sources.parquet").set_index("id")
    other = [c for c in new_sources.columns if c not in ("retrieved", "release")]
    assert new_sources[other].equals(old_sources[other])
    refreshed = new_sources["retrieved"].notna()
    assert (new_sources.loc[refreshed, "retrieved"] == "2025-02-10").all()
    assert (old_sources.loc[refreshed, "retrieved"] == "2025-01-10").all()
    assert (new_sources.loc[refreshed, "release"] == RELEASES[2]).all()
    assert new_sources.loc[~refreshed, ["retrieved", "release"]].equals(
        old_sources.loc[~refreshed, ["retrieved", "release"]]
    )
