"""The refresh's own raw tree: a copy of the base raw folder plus `api/<dataset>.csv` and `api/manifest.json`.

Every write is atomic (a temporary file in the same folder, then a rename), so an interrupted run leaves either
the old or the new file, never half of one. `api/state.json` lists the datasets already complete in the current
run, so a rerun after an interruption fetches only the rest.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from data.build.common import REPO_ROOT

API_DIR = "api"
MANIFEST = f"{API_DIR}/manifest.json"
STATE = f"{API_DIR}/state.json"
DEFAULT_TREE = REPO_ROOT / "data" / "raw"


def tree_dir() -> Path:
    """Where the refresh keeps its raw tree (REFRESH_RAW_DIR, default data/raw in the repository)."""
    return Path(os.environ.get("REFRESH_RAW_DIR", DEFAULT_TREE))


def ensure_tree(tree: Path, base: Path) -> bool:
    """Make `tree` a copy of `base` when it does not exist yet (copied aside, then renamed). True if made."""
    if tree.is_dir():
        return False
    if not base.is_dir():
        raise FileNotFoundError(f"base raw folder {base} not found (set RAW_DATA_DIR)")
    tree.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{tree.name}-copy-", dir=tree.parent))
    try:
        shutil.copytree(base, partial, dirs_exist_ok=True, copy_function=shutil.copy)
        for path in [partial, *partial.rglob("*")]:  # the base may be read-only; the copy must not be
            path.chmod(path.stat().st_mode | 0o200)
        os.replace(partial, tree)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return True


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def write_json(path: Path, value) -> None:
    write_atomic(path, (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def read_manifest(tree: Path) -> dict:
    return read_json(tree / MANIFEST, {"datasets": {}})


def record_dataset(tree: Path, code: str, entry: dict) -> None:
    """Put one dataset's entry into the manifest (read, change, write atomically)."""
    manifest = read_manifest(tree)
    manifest["datasets"][code] = entry
    write_json(tree / MANIFEST, manifest)


def read_state(tree: Path, run: str) -> set[str]:
    """Datasets already complete in run `run` (the day's date); empty for another day's state."""
    state = read_json(tree / STATE, {})
    return set(state.get("done", [])) if state.get("run") == run else set()


def mark_done(tree: Path, run: str, code: str) -> None:
    write_json(tree / STATE, {"run": run, "done": sorted(read_state(tree, run) | {code})})


def clear_state(tree: Path) -> None:
    (tree / STATE).unlink(missing_ok=True)
