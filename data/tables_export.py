"""CSV twins of the precomputed tables (the Data & methods page links to them)."""
from __future__ import annotations

from data.store import TABLE_NAMES, Tables


def table_csv(tables: Tables, name: str) -> str:
    if name not in TABLE_NAMES:
        raise KeyError(name)
    return tables.table(name).to_csv(index=False)
