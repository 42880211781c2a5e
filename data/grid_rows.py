"""The rows a grid with AG Grid's infinite row model asks for: its column filters and sort applied on the server
to the full frame, then one block (`startRow` to `endRow`). Pure: a DataFrame and the grid's plain request in.

The request comes from the browser: an unknown column, filter type or operator is ignored (the rows are shown
unfiltered by it), never an error.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

MAX_BLOCK = 500  # rows one answer may hold (the grids ask for their page size)
TEXT_TESTS = {
    "contains": lambda s, v: s.str.contains(v, regex=False),
    "notContains": lambda s, v: ~s.str.contains(v, regex=False),
    "equals": lambda s, v: s == v,
    "notEqual": lambda s, v: s != v,
    "startsWith": lambda s, v: s.str.startswith(v),
    "endsWith": lambda s, v: s.str.endswith(v),
}
NUMBER_TESTS = {
    "equals": lambda s, v, _: s == v,
    "notEqual": lambda s, v, _: s != v,
    "lessThan": lambda s, v, _: s < v,
    "lessThanOrEqual": lambda s, v, _: s <= v,
    "greaterThan": lambda s, v, _: s > v,
    "greaterThanOrEqual": lambda s, v, _: s >= v,
    "inRange": lambda s, v, to: (s >= v) & (s <= to),
}


def _number(value):
    return float(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) else None


def _condition(column: pd.Series, model: dict) -> pd.Series | None:
    """The rows one filter condition keeps, or None when the condition is not understood."""
    kind = model.get("type")
    blank = column.isna() | (column.astype("string").fillna("") == "")
    if kind == "blank":
        return blank
    if kind == "notBlank":
        return ~blank
    if model.get("filterType") == "number":
        value, to = _number(model.get("filter")), _number(model.get("filterTo"))
        test = NUMBER_TESTS.get(kind)
        if test is None or value is None or (kind == "inRange" and to is None):
            return None
        numbers_ = pd.to_numeric(column, errors="coerce")
        return test(numbers_, value, to).fillna(False).astype(bool)
    test, value = TEXT_TESTS.get(kind), model.get("filter")
    if test is None or not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = column.astype("string").fillna("").str.lower()
    return test(text, str(value).lower()).fillna(False).astype(bool)


def _column_filter(column: pd.Series, model) -> pd.Series | None:
    if not isinstance(model, dict):
        return None
    conditions = model.get("conditions")
    if isinstance(conditions, list):  # two conditions joined by AND / OR
        kept = [c for c in (_condition(column, m) for m in conditions if isinstance(m, dict)) if c is not None]
        if not kept:
            return None
        combined = kept[0]
        for c in kept[1:]:
            combined = (combined | c) if model.get("operator") == "OR" else (combined & c)
        return combined
    return _condition(column, model)


def filtered(frame: pd.DataFrame, filter_model) -> pd.DataFrame:
    """The rows of `frame` every column filter of AG Grid's `filterModel` keeps (text matched case-insensitively)."""
    if not isinstance(filter_model, dict):
        return frame
    keep = pd.Series(True, index=frame.index)
    for column, model in filter_model.items():
        if column in frame.columns:
            test = _column_filter(frame[column], model)
            if test is not None:
                keep &= test.to_numpy()
    return frame[keep]


def sorted_rows(frame: pd.DataFrame, sort_model) -> pd.DataFrame:
    """`frame` in the order of AG Grid's `sortModel` ([{colId, sort: asc|desc}]); missing values last."""
    items = [
        m
        for m in (sort_model if isinstance(sort_model, list) else [])
        if isinstance(m, dict) and m.get("colId") in frame.columns and m.get("sort") in ("asc", "desc")
    ]
    if not items:
        return frame
    keys = [m["colId"] for m in items]
    ascending = [m["sort"] == "asc" for m in items]
    return frame.sort_values(keys, ascending=ascending, na_position="last", kind="stable", key=_sort_key)


def _sort_key(column: pd.Series) -> pd.Series:
    numbers_ = pd.to_numeric(column, errors="coerce")
    if numbers_.notna().sum() == column.notna().sum():
        return numbers_
    return column.astype("string").str.lower()


def rows_shown(frame: pd.DataFrame, filter_model=None, sort_model=None) -> pd.DataFrame:
    """Every row the grid shows, in its order (what its CSV holds)."""
    return sorted_rows(filtered(frame, filter_model), sort_model)


def block(frame: pd.DataFrame, request) -> dict:
    """The answer to a `getRowsRequest`: the requested rows (missing as None) and how many rows there are in all."""
    request = request if isinstance(request, dict) else {}
    rows = rows_shown(frame, request.get("filterModel"), request.get("sortModel"))
    start = request.get("startRow") if isinstance(request.get("startRow"), int) else 0
    end = request.get("endRow") if isinstance(request.get("endRow"), int) else start + 100
    start = max(0, start)
    end = max(start, min(end, start + MAX_BLOCK))
    part = rows.iloc[start:end].astype(object)
    return {"rowData": part.where(part.notna(), None).to_dict("records"), "rowCount": len(rows)}


# Rows from columns: what a callback sends for a table or a grid, without building a frame.


def plain_column(values) -> list:
    """A column as Python values, None where missing (what `.astype(object).where(notna, None)` gives)."""
    if isinstance(values, pd.api.extensions.ExtensionArray):
        return values.to_numpy(dtype=object, na_value=None).tolist()
    values = np.asarray(values)
    if values.dtype.kind in "iub":
        return values.tolist()
    out = values.astype(object)
    out[pd.isna(values)] = None
    return out.tolist()


def records(columns: dict) -> list[dict]:
    """Aligned columns as rows of plain values (None where missing)."""
    return [dict(zip(columns, row)) for row in zip(*(plain_column(v) for v in columns.values()))]
