"""One refresh run: fetch every dataset of `DATASETS`, check it, save it, then rebuild the tables.

A dataset is saved only when it is complete (see `api.check_sdmx_csv`) and the build can read every indicator it
feeds with its filters; otherwise it is reported by name and its previous file stays. The tables are rebuilt
into a temporary folder and replace the current ones only when the build succeeds. Offline, the run stops with
one message and changes no table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from data.build.common import REPO_ROOT, RawInputError
from data.build.eurostat import read_sdmx_csv
from data.build.indicators import INDICATORS
from data.build.nuts import EU_CODE
from data.refresh import api, files
from data.refresh.datasets import DATASETS, NUTS_VERSION

OFFLINE, BUILD_FAILED, PARTIAL, OK = 3, 2, 1, 0


class CodesChanged(Exception):
    """The answer is complete but the build could not use it as specified in datasets.py."""


def geo_codes(tree: Path) -> list[str]:
    """NUTS 0, 1 and 2 codes of NUTS 2021 and 2024, plus EU27_2020: the regions asked for."""
    names = pd.read_csv(tree / "nuts" / "nuts2021_names.csv", dtype=str, keep_default_na=False)
    codes = set(names.loc[names["level"].astype(int) <= 2, "code"])
    path_2024 = tree / "nuts2024" / "nuts2024_codes.csv"
    if path_2024.exists():
        codes_2024 = pd.read_csv(path_2024, dtype=str, keep_default_na=False)
        codes |= set(codes_2024.loc[codes_2024["nuts_level"].astype(int) <= 2, "nuts_code"])
        codes |= set(codes_2024["country"])
    return sorted(codes - {""}) + [EU_CODE]


def indicator_entry(indicator_id: str, how: dict, file: str) -> dict:
    source_id = next(spec["source_id"] for spec in INDICATORS if spec["id"] == indicator_id)
    entry = {
        "file": file,
        "reader": "sdmx_share" if "numerator" in how else "sdmx",
        "filters": how["filters"],
        "nuts_version": NUTS_VERSION,
        "source_id": source_id,
    }
    entry.update({k: how[k] for k in ("numerator", "denominator") if k in how})
    return entry


def check_usable(path: Path, dataset: dict, geos: set[str]) -> None:
    """Raise CodesChanged unless every indicator's series can be read and has known region codes."""
    for indicator_id, how in dataset["indicators"].items():
        parts = [{**how["filters"], **how[k]} for k in ("numerator", "denominator") if k in how] or [how["filters"]]
        for filters in parts:
            try:
                series = read_sdmx_csv(path, filters)
            except RawInputError as err:
                raise CodesChanged(f"{indicator_id}: {str(err).split(': ', 1)[-1]}") from None
            if not series["geo"].isin(geos).any():
                found = sorted(series["geo"].unique())[:8]
                raise CodesChanged(
                    f"{indicator_id}: none of its region codes is a NUTS 0-2 code of 2021 or 2024 "
                    f"(codes found: {found})"
                )


def fetch_dataset(
    client: api.Client, tree: Path, dataset: dict, geos: list[str], today: str, log: Callable[[str], None]
) -> str:
    """Fetch, check and save one dataset; returns a one-line summary. Raises on any problem."""
    code = dataset["code"]
    try:
        release = api.parse_release(client.get(api.release_url(client.base, code)))
    except (api.NoData, api.Refused) as err:
        log(f"    release date not available ({err}); saved without it")
        release = None
    url = api.data_url(client.base, code, {**dataset["request"], "geo": geos})
    body = client.get(url, check=api.check_sdmx_csv)
    rows = api.check_sdmx_csv(body)
    file = f"{files.API_DIR}/{code}.csv"
    candidate = tree / files.API_DIR / f".{code}.checking.csv"
    files.write_atomic(candidate, body)
    try:
        check_usable(candidate, dataset, set(geos))
        os.replace(candidate, tree / file)
    finally:
        candidate.unlink(missing_ok=True)
    files.record_dataset(
        tree,
        code,
        {
            "dataflow": code,
            "retrieved": today,
            "release": release,
            "url": url,
            "rows": rows,
            "file": file,
            "indicators": {i: indicator_entry(i, how, file) for i, how in dataset["indicators"].items()},
        },
    )
    return f"{rows:,} rows, Eurostat data update {release or 'not stated'}"


def rebuild(tree: Path, out: Path, log: Callable[[str], None]) -> bool:
    """Build the tables from `tree` into a temporary folder, then swap it in for `out`. False if the build fails."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-refresh-", dir=out.parent))
    env = dict(os.environ)
    base_seeds = Path(os.environ.get("RAW_DATA_DIR", REPO_ROOT.parent / "shared" / "data")).parent / "seeds"
    if "SEEDS_DIR" not in env and base_seeds.is_dir():
        env["SEEDS_DIR"] = str(base_seeds)  # the seeds sit beside the base raw folder, not beside the tree
    result = subprocess.run(
        [sys.executable, "-m", "data.build", "--raw", str(tree), "--out", str(staging)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        log((result.stderr or result.stdout).strip())
        return False
    if out.is_dir():
        for extra in out.iterdir():  # files the build does not write (none today) go along
            if extra.is_file() and not (staging / extra.name).exists():
                shutil.copy2(extra, staging / extra.name)
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)
    return True


def run(
    tree: Path,
    base: Path,
    out: Path,
    client: api.Client,
    today: str | None = None,
    pause: float = 1.0,
    log: Callable[[str], None] = print,
    datasets: list[dict] = DATASETS,
) -> int:
    today = today or date.today().isoformat()
    if files.ensure_tree(tree, base):
        log(f"Made the refresh's raw tree {tree} as a copy of {base}.")
    geos = geo_codes(tree)
    done = files.read_state(tree, today)
    failed: dict[str, str] = {}
    for number, dataset in enumerate(datasets, start=1):
        code = dataset["code"]
        prefix = f"[{number}/{len(datasets)}] {code}:"
        if code in done:
            log(f"{prefix} already fetched in this run ({today}), skipped")
            continue
        log(f"{prefix} asking Eurostat...")
        try:
            summary = fetch_dataset(client, tree, dataset, geos, today, log)
        except api.Offline as err:
            log(
                f"Offline: cannot reach Eurostat's API ({err}). Nothing was rebuilt; the tables in {out} are "
                f"unchanged."
                + (f" Datasets fetched so far are kept in {tree}; run again to fetch the rest." if done else "")
            )
            return OFFLINE
        except (api.NoData, CodesChanged) as err:
            failed[code] = f"its codes changed or it was withdrawn ({err})"
        except (api.Refused, api.Truncated) as err:
            failed[code] = f"no complete answer ({err})"
        else:
            files.mark_done(tree, today, code)
            done.add(code)
            log(f"{prefix} {summary}, saved")
        if code in failed:
            log(f"{prefix} NOT refreshed: {failed[code]}; its previous file is kept")
        if number < len(datasets):
            client.sleep(pause)
    if not done:
        log(f"No dataset was refreshed; the tables in {out} are unchanged.")
        return PARTIAL
    log(f"Rebuilding the tables from {tree}...")
    if not rebuild(tree, out, log):
        log(f"The build failed on the refreshed inputs (above); the tables in {out} are unchanged.")
        return BUILD_FAILED
    files.clear_state(tree)
    log(f"Refreshed {len(done)} of {len(datasets)} datasets; tables rebuilt into {out}.")
    for code, why in failed.items():
        log(f"  not refreshed: {code}: {why}. Check its codes in data/refresh/datasets.py.")
    return PARTIAL if failed else OK
