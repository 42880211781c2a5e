"""Helpers shared by the pipeline modules: raw-data location, Eurostat value parsing, deterministic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from i18n import N_

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RAW_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "tables"

# Eurostat observation flags (https://ec.europa.eu/eurostat/data/database/information), marked for the message
# catalogue (shown in words through data.queries.flag_text).
FLAG_LABELS = {
    "b": N_("break in time series"),
    "c": N_("confidential"),
    "d": N_("definition differs"),
    "e": N_("estimated"),
    "f": N_("forecast"),
    "n": N_("not significant"),
    "p": N_("provisional"),
    "r": N_("revised"),
    "s": N_("Eurostat estimate"),
    "u": N_("low reliability"),
    "z": N_("not applicable"),
}

_VALUE_RE = re.compile(r"^\s*(?P<num>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)?\s*(?P<flags>[a-z]*)\s*$")


class RawInputError(ValueError):
    """A raw input file is malformed; the message names the file, the column and example rows."""

    def __init__(self, path, column, problem, examples=None):
        rows = ""
        if examples is not None and len(examples):
            rows = "\nExample rows:\n" + pd.DataFrame(examples).head(5).to_string()
        super().__init__(f"{path}: column {column!r}: {problem}{rows}")


def raw_dir() -> Path:
    """Where the raw public inputs live (RAW_DATA_DIR, default ../shared/data beside the repo)."""
    return Path(os.environ.get("RAW_DATA_DIR", DEFAULT_RAW_DIR))


def parse_flagged(cell) -> tuple[float, str | None]:
    """Split a Eurostat bulk cell such as '4.0 bu', ': c' or ':' into (value, flags); missing stays NaN."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return np.nan, None
    text = str(cell).strip()
    if text.startswith(":"):
        flags = text[1:].strip()
        return np.nan, flags or None
    match = _VALUE_RE.match(text)
    if not match or match.group("num") is None:
        raise ValueError(f"not a Eurostat value: {cell!r}")
    return float(match.group("num")), match.group("flags") or None


def parse_flagged_series(values: pd.Series, path, column) -> pd.DataFrame:
    """Vectorised `parse_flagged` over a column; raises RawInputError naming bad cells."""
    text = values.astype("string").str.strip()
    extracted = text.str.extract(r"^(?P<num>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)?\s*(?P<flags>[a-z]*)$")
    missing = text.str.startswith(":").fillna(False)
    flags_missing = text.str[1:].str.strip().where(missing)
    bad = ~missing & extracted["num"].isna() & text.notna() & (text != "")
    if bad.any():
        raise RawInputError(path, column, "values that are not numbers with Eurostat flags", values[bad].to_frame())
    value = pd.to_numeric(extracted["num"], errors="coerce")
    flags = extracted["flags"].where(~missing, flags_missing).replace("", pd.NA)
    return pd.DataFrame({"value": value.astype("float64"), "flag": flags.astype("string")}, index=values.index)


def write_table(df: pd.DataFrame, path: Path) -> None:
    """Write a Parquet file deterministically (sorted rows upstream, no index, fixed compression)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.reset_index(drop=True).to_parquet(path, index=False, engine="pyarrow", compression="zstd")
