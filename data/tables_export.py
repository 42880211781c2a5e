"""CSV twins of the precomputed tables (the Data & methods page links to them), and the formula guard every CSV
download goes through."""

from __future__ import annotations

import pandas as pd

from data.store import TABLE_NAMES, Tables

# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|..., @SUM(...)).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that a spreadsheet would run as a formula prefixed with a quote (the
    OWASP advice): the cell then shows its text. Numbers (-3.5 in a number column) are left alone."""
    out = df.copy()
    for column in out.columns:
        values = out[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        if risky.any():
            out[column] = values.where(~risky, "'" + values.astype("string"))
    return out


def safe_csv(df: pd.DataFrame, **to_csv) -> str:
    """`df.to_csv(...)` with formula cells neutralised: use it for every CSV the app sends."""
    return neutralise_formulas(df).to_csv(**{"index": False, **to_csv})


def table_csv(tables: Tables, name: str) -> str:
    if name not in TABLE_NAMES:
        raise KeyError(name)
    return safe_csv(tables.table(name))
