"""Load the precomputed tables once, validate them, and hand them out read-only.

The app never serves half-loaded data: any missing or malformed table raises DataLoadError, whose message is
one paragraph naming the file and the problem, and the app refuses to start.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from data import schema

TABLE_NAMES = tuple(schema.SCHEMAS)
_MEMO = "_tables_memo"  # the attribute that binds a loaded table to the lookups of its Tables (`memo_for`)


class DataLoadError(RuntimeError):
    """A precomputed table is missing or malformed."""


@dataclass(frozen=True)
class Tables:
    """All precomputed tables of one data version, by name (`tables.regions`). Treat them as read-only."""

    data_dir: Path
    version: str
    frames: MappingProxyType  # table name -> DataFrame, one per schema in data/schema.py
    geometries: MappingProxyType  # NUTS level -> GeoJSON dict
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        # Each table becomes this object's own view of the data (no copy), bound to its lookups by a plain
        # attribute, which pandas never carries over to a filtered or derived frame.
        bound = {}
        for name, frame in self.frames.items():
            bound[name] = frame.copy(deep=False)
            object.__setattr__(bound[name], _MEMO, self.memo)  # not a column: bypass pandas' __setattr__
        object.__setattr__(self, "frames", MappingProxyType(bound))

    def __getattr__(self, name):
        frames = object.__getattribute__(self, "frames")
        if name in frames:
            return frames[name]
        raise AttributeError(name)

    def table(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def memo(self, key, compute, limit: int = 5000):
        """A lookup derived from these tables (an index, a slice, a label), computed once and kept with them.

        It lives and dies with this data version, so callbacks need no module-level caches of their own.
        """
        try:
            return self.derived[key]
        except KeyError:
            if len(self.derived) >= limit:
                self.derived.clear()
            value = self.derived[key] = compute()
            return value


def _describe_schema_errors(path: Path, err: schema.SchemaErrors) -> str:
    cases = err.failure_cases
    parts = []
    for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=False):
        examples = ", ".join(repr(x) for x in group["failure_case"].head(3).tolist())
        parts.append(f"column {column!r} fails {check} ({len(group)} rows, e.g. {examples})")
    return f"{path}: " + "; ".join(parts[:5])


def _read_table(data_dir: Path, name: str) -> pd.DataFrame:
    path = data_dir / f"{name}.parquet"
    if not path.exists():
        raise DataLoadError(
            f"Cannot start: the table {path} is missing. Rebuild the tables with "
            f"`python -m data.build` or point DATA_DIR at a folder holding all of: "
            f"{', '.join(n + '.parquet' for n in TABLE_NAMES)}."
        )
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        raise DataLoadError(
            f"Cannot start: {path} is not a readable Parquet file ({type(exc).__name__}: "
            f"{exc}). Rebuild it with `python -m data.build`."
        ) from None
    try:
        return schema.validate(name, df)
    except schema.SchemaErrors as err:
        raise DataLoadError(
            f"Cannot start: the table {name} does not match its schema (see data/README.md). "
            + _describe_schema_errors(path, err)
        ) from None


def _read_geometry(data_dir: Path, level: int) -> dict:
    path = data_dir / schema.GEOMETRY_FILES[level]
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataLoadError(
            f"Cannot start: the geometry file {path} is missing. Rebuild with `python -m data.build`."
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataLoadError(f"Cannot start: {path} is not valid GeoJSON ({exc}).") from None
    features = geo.get("features") if isinstance(geo, dict) else None
    if not features or any("id" not in f for f in features):
        raise DataLoadError(f"Cannot start: {path} has no features or features without an `id` (the NUTS code).")
    return geo


def _check_foreign_keys(tables: dict[str, pd.DataFrame]) -> None:
    for (table, column), (ref_table, ref_column) in schema.FOREIGN_KEYS.items():
        unknown = set(tables[table][column].dropna().unique()) - set(tables[ref_table][ref_column])
        if unknown:
            examples = ", ".join(sorted(map(str, unknown))[:5])
            raise DataLoadError(
                f"Cannot start: {table}.{column} refers to {len(unknown)} values missing from "
                f"{ref_table}.{ref_column} (e.g. {examples}); the tables come from different builds."
            )


def _check_values(tables: dict[str, pd.DataFrame]) -> None:
    """Values the schemas let through but no chart can show: +/-inf (ranked "1." with an empty bar) and an
    indicator table without a single value (every page would be empty while /health said ok)."""
    for name, df in tables.items():
        for column in df.columns:
            if not pd.api.types.is_float_dtype(df[column]):
                continue
            infinite = df[column].isin([float("inf"), float("-inf")])
            if infinite.any():
                rows = ", ".join(map(str, df.index[infinite][:3].tolist()))
                raise DataLoadError(
                    f"Cannot start: the table {name} has {int(infinite.sum())} infinite values in "
                    f"column {column!r} (rows {rows}); a value is a finite number or missing. "
                    f"Rebuild the tables with `python -m data.build`."
                )
    values = tables["indicator_values"]
    if values.empty or values["value"].isna().all():
        what = "no rows" if values.empty else f"{len(values)} rows but not one value"
        raise DataLoadError(
            f"Cannot start: the table indicator_values has {what}, so every chart would be "
            f"empty. Rebuild the tables with `python -m data.build` or point DATA_DIR at a folder "
            f"of built tables."
        )


def data_version(data_dir: Path) -> str:
    """A short hash of every table file: changes whenever the data is rebuilt differently."""
    digest = hashlib.sha256()
    names = [f"{n}.parquet" for n in TABLE_NAMES] + list(schema.GEOMETRY_FILES.values())
    for name in sorted(names):
        path = data_dir / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_tables(data_dir: Path) -> Tables:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataLoadError(
            f"Cannot start: DATA_DIR {data_dir} is not a folder. Set DATA_DIR to the folder of "
            f"the precomputed tables (default data/tables) or rebuild them with `python -m data.build`."
        )
    tables = {name: _read_table(data_dir, name) for name in TABLE_NAMES}
    _check_foreign_keys(tables)
    _check_values(tables)
    geometries = MappingProxyType({level: _read_geometry(data_dir, level) for level in schema.GEOMETRY_FILES})
    return Tables(
        data_dir=data_dir, version=data_version(data_dir), frames=MappingProxyType(tables), geometries=geometries
    )


def current_tables() -> Tables:
    """The tables of the running app (set by app.create_app), for callbacks and page layouts."""
    from flask import current_app

    return current_app.extensions["eu_cluster_tables"]


def memo_for(frame, key, compute):
    """`compute()` remembered with the tables `frame` was loaded in (`Tables.memo`), so a pure function given a
    table keeps its derived lookups per data version without any app context; any other frame (filtered,
    built by a script or a unit test) is computed afresh."""
    memo = vars(frame).get(_MEMO)
    return memo(key, compute) if memo is not None else compute()
