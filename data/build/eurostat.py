"""Readers for the raw Eurostat formats, each returning one tidy series: geo, year, value, flag.

* `read_sdmx_csv`: SDMX-CSV 2.0 "with labels" (geo, TIME_PERIOD, OBS_VALUE, OBS_FLAG, optional CONF_STATUS and
  one code column per dimension, each followed by its label column).
* `read_simple_csv`: flat CSV such as `freq,unit,geo,time,obs_value` (no flags); the time and value column names
  can be changed for other flat extracts (`values`, `year`, ...).
* `read_bulk_tsv`: gzipped Eurostat bulk TSV (`unit,nace_r2,age,geo\\time` then one column per year, cells such as
  `4.0 bu`, `:` or `: c`).

Every reader selects one series with `filters` ({dimension column: code}) and returns columns
geo (string), year (int64), value (float64) and flag (string, <NA> when unflagged). A missing value stays NaN,
never 0. Rows that are NaN without a flag carry no information and are dropped; NaN rows that carry a flag
(e.g. 'c' confidential, 'u' low reliability) are kept. Malformed input raises `RawInputError` naming the file,
the column and example rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data.build.common import RawInputError, parse_flagged, parse_flagged_series

COLUMNS = ["geo", "year", "value", "flag"]

_YEAR_RE = r"^\d{4}$"
_FLAG_RE = r"^[a-z]*$"
# SDMX CONF_STATUS codes that withhold the value (F = free, i.e. not confidential). They become flag 'c'.
_CONFIDENTIAL = {"C", "D", "S", "A", "O", "N"}


def _read_text_table(path: Path, **kwargs) -> pd.DataFrame:
    """Read every cell as text; empty cells stay '' (so that region code 'NA' or a blank value is not guessed)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, **kwargs)
    except (pd.errors.ParserError, UnicodeDecodeError, EOFError, OSError) as exc:
        raise RawInputError(path, "(file)", f"cannot be read as a table: {exc}") from exc


def _require(df: pd.DataFrame, path: Path, columns) -> None:
    for column in columns:
        if column not in df.columns:
            raise RawInputError(path, column, f"column missing (columns found: {list(df.columns)})")


def _apply_filters(df: pd.DataFrame, path: Path, filters: dict[str, str]) -> pd.DataFrame:
    _require(df, path, filters)
    mask = pd.Series(True, index=df.index)
    for column, code in filters.items():
        mask &= df[column] == code
    out = df[mask]
    if out.empty:
        # Name the first filter that selects nothing, with the codes that are there.
        for column, code in filters.items():
            if not (df[column] == code).any():
                found = sorted(df[column].unique().tolist())[:20]
                raise RawInputError(path, column, f"no rows with code {code!r} (codes found: {found})")
        raise RawInputError(path, ", ".join(filters), f"no rows match all filters {filters}")
    return out


def _years(text: pd.Series, path: Path, column: str, rows: pd.DataFrame) -> pd.Series:
    stripped = text.astype("string").str.strip()
    bad = ~stripped.str.fullmatch(_YEAR_RE).fillna(False)
    if bad.any():
        raise RawInputError(path, column, "values that are not annual periods (YYYY)", rows[bad.to_numpy()])
    return stripped.astype("int64")


def _numbers(text: pd.Series, path: Path, column: str, rows: pd.DataFrame) -> pd.Series:
    stripped = text.astype("string").str.strip()
    value = pd.to_numeric(stripped.replace("", pd.NA), errors="coerce")
    bad = value.isna() & (stripped != "")
    if bad.any():
        raise RawInputError(path, column, "values that are not numbers", rows[bad.to_numpy()])
    return value.astype("float64")


def _tidy(geo, year, value, flag, path: Path, rows: pd.DataFrame) -> pd.DataFrame:
    """Assemble the tidy frame, check (geo, year) is unique, drop NaN rows without a flag, sort."""
    out = pd.DataFrame(
        {
            "geo": pd.Series(geo, dtype="string").str.strip().to_numpy(),
            "year": np.asarray(year, dtype="int64"),
            "value": np.asarray(value, dtype="float64"),
            "flag": pd.array(flag, dtype="string"),
        }
    )
    blank = (out["geo"].isna() | (out["geo"] == "")).to_numpy()
    if blank.any():
        raise RawInputError(path, "geo", "empty region codes", rows[blank])
    dup = out.duplicated(["geo", "year"], keep=False)
    if dup.any():
        raise RawInputError(
            path,
            "geo",
            "duplicated (geo, year) after filtering: another dimension is not fixed by the filters",
            rows[dup.to_numpy()],
        )
    out["geo"] = out["geo"].astype("string")
    keep = out["value"].notna() | out["flag"].notna()
    out = out[keep.to_numpy()]
    return out.sort_values(["geo", "year"], kind="stable").reset_index(drop=True)


def read_sdmx_csv(path, filters: dict[str, str]) -> pd.DataFrame:
    """SDMX-CSV 2.0 with labels -> geo, year, value, flag.

    OBS_FLAG letters are kept as they are ('p', 'bu', ...). A confidential observation (CONF_STATUS C, or
    another withholding code) gets flag letter 'c' added, so that its empty value is kept as NaN flagged 'c'.
    """
    path = Path(path)
    df = _read_text_table(path)
    _require(df, path, ["geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"])
    df = _apply_filters(df, path, filters)
    year = _years(df["TIME_PERIOD"], path, "TIME_PERIOD", df)
    value = _numbers(df["OBS_VALUE"], path, "OBS_VALUE", df)
    flag = df["OBS_FLAG"].astype("string").str.strip()
    bad = ~flag.str.fullmatch(_FLAG_RE).fillna(False)
    if bad.any():
        raise RawInputError(path, "OBS_FLAG", "flags that are not lower-case Eurostat letters", df[bad.to_numpy()])
    if "CONF_STATUS" in df.columns:
        conf = df["CONF_STATUS"].astype("string").str.strip().str.upper()
        confidential = conf.isin(_CONFIDENTIAL) & ~flag.str.contains("c", regex=False)
        flag = flag.where(~confidential, flag + "c")
    flag = flag.replace("", pd.NA)
    return _tidy(df["geo"], year, value, flag, path, df)


def read_simple_csv(
    path,
    filters: dict[str, str],
    *,
    geo_column: str = "geo",
    time_column: str = "time",
    value_column: str = "obs_value",
    sep: str = ",",
    flag_column: str | None = None,
) -> pd.DataFrame:
    """Flat CSV (`freq,unit,geo,time,obs_value` by default) -> geo, year, value, flag (<NA> unless `flag_column`).

    The column names can be changed for other flat extracts (e.g. `values` in the 2020 extract, `year` and
    `rci_value2019` in the RCI file). Empty values are missing and dropped; any other non-numeric text raises.
    """
    path = Path(path)
    df = _read_text_table(path, sep=sep)
    _require(df, path, [geo_column, time_column, value_column, *([flag_column] if flag_column else [])])
    df = _apply_filters(df, path, filters) if filters else df
    year = _years(df[time_column], path, time_column, df)
    value = _numbers(df[value_column], path, value_column, df)
    if flag_column:
        flag = df[flag_column].astype("string").str.strip()
        bad = ~flag.str.fullmatch(_FLAG_RE).fillna(False)
        if bad.any():
            raise RawInputError(path, flag_column, "flags that are not lower-case Eurostat letters", df[bad.to_numpy()])
        flag = flag.replace("", pd.NA)
    else:
        flag = pd.array([pd.NA] * len(df), dtype="string")
    return _tidy(df[geo_column], year, value, flag, path, df)


def read_bulk_tsv(path, filters: dict[str, str]) -> pd.DataFrame:
    """Gzipped Eurostat bulk TSV -> geo, year, value, flag.

    The first column holds the comma-joined dimension codes, named in the header as e.g.
    `unit,nace_r2,age,geo\\time`; the other columns are years (header cells may carry trailing spaces).
    """
    path = Path(path)
    df = _read_text_table(path, sep="\t")
    first = df.columns[0]
    match = re.fullmatch(r"\s*(?P<dims>[^\\]+)\\time\s*", first)
    if not match:
        raise RawInputError(
            path, first, "first header cell is not '<dimensions>\\time' (e.g. 'unit,nace_r2,age,geo\\time')", df.head()
        )
    dims = [d.strip() for d in match.group("dims").split(",")]
    if dims[-1] != "geo":
        raise RawInputError(path, first, "the last dimension of the first column is not 'geo'", df.head())
    keys = df[first].astype("string").str.split(",", expand=True)
    if keys.shape[1] != len(dims) or keys.isna().any().any():
        bad = keys.isna().any(axis=1) if keys.shape[1] >= len(dims) else pd.Series(True, index=df.index)
        if keys.shape[1] > len(dims):
            bad |= keys.iloc[:, len(dims) :].notna().any(axis=1)
        raise RawInputError(path, first, f"rows whose key does not have {len(dims)} parts {dims}", df[bad.to_numpy()])
    keys.columns = dims
    keys.index = df.index
    selected = _apply_filters(keys, path, filters)
    rows = df.loc[selected.index]

    years = {}
    for column in df.columns[1:]:
        label = str(column).strip()
        if not re.fullmatch(_YEAR_RE, label):
            raise RawInputError(path, column, "header is not an annual period (YYYY)", df.head())
        years[column] = int(label)

    parts = []
    for column, year in years.items():
        try:
            parsed = parse_flagged_series(rows[column], path, column)
        except RawInputError:
            bad = [not _is_eurostat_cell(cell) for cell in rows[column]]
            raise RawInputError(
                path,
                column,
                "values that are not numbers with Eurostat flags (e.g. '4.0 bu', ':', ': c')",
                rows.loc[bad, [first, column]],
            ) from None
        parts.append(
            pd.DataFrame(
                {
                    "geo": selected["geo"].to_numpy(),
                    "year": year,
                    "value": parsed["value"].to_numpy(),
                    "flag": parsed["flag"].array,
                    "key": rows[first].to_numpy(),
                    "cell": rows[column].to_numpy(),
                }
            )
        )
    long = pd.concat(parts, ignore_index=True)
    bad_flags = ~long["flag"].fillna("").str.fullmatch(_FLAG_RE)
    if bad_flags.any():
        raise RawInputError(
            path,
            "flag",
            "flags that are not lower-case Eurostat letters",
            long.loc[bad_flags.to_numpy(), ["key", "year", "cell"]],
        )
    return _tidy(long["geo"], long["year"], long["value"], long["flag"], path, long[["key", "year", "cell"]])


def _is_eurostat_cell(cell) -> bool:
    try:
        parse_flagged(cell)
    except ValueError:
        return False
    return True
