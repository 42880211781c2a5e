"""Declared schemas of the precomputed tables (pandera). The pipeline validates what it writes, the app what it loads."""
from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

THEMES = ["economy", "labour", "innovation", "demography", "competitiveness"]
_str = lambda nullable=False, *checks: Column("string", list(checks), nullable=nullable)  # noqa: E731
_float = lambda nullable=True, *checks: Column("float64", list(checks), nullable=nullable)  # noqa: E731
_year = Column("int64", Check.in_range(1990, 2100))


def _schema(columns, unique=None):
    return DataFrameSchema(columns, unique=unique, strict=True, coerce=True)


SCHEMAS: dict[str, DataFrameSchema] = {
    "regions": _schema({
        "code": _str(), "name": _str(), "level": Column("int64", Check.in_range(-1, 3)),
        "country": _str(True), "nuts0": _str(True), "nuts1": _str(True), "is_eu": Column("bool"),
    }, unique=["code"]),
    "indicators": _schema({
        "id": _str(), "label": _str(), "short_label": _str(), "unit": _str(), "source_id": _str(),
        "dataset_code": _str(), "description": _str(), "higher_is_better": Column("bool"),
        "theme": _str(False, Check.isin(THEMES)), "decimals": Column("int64", Check.in_range(0, 6)),
        "nuts_version": _str(False, Check.isin(["2013", "2016", "2021"])),
    }, unique=["id"]),
    "indicator_values": _schema({
        "region": _str(), "indicator": _str(), "year": _year, "value": _float(), "flag": _str(True),
    }, unique=["region", "indicator", "year"]),
    "sector_employment": _schema({
        "region": _str(), "nace": _str(), "nace_level": _str(False, Check.isin(["section", "division"])),
        "year": _year, "persons_employed": _float(True, Check.ge(0)), "flag": _str(True),
        "region_total": _float(True, Check.ge(0)), "share": _float(True, Check.in_range(0, 1)),
        "lq": _float(True, Check.ge(0)),
    }, unique=["region", "nace", "year"]),
    "ecosystem_employment": _schema({
        "region": _str(), "ecosystem_id": _str(), "year": _year, "employment": _float(True, Check.ge(0)),
        "share": _float(True, Check.ge(0)), "lq": _float(True, Check.ge(0)),
        "missing_nace": Column("int64", Check.ge(0)), "complete": Column("bool"),
    }, unique=["region", "ecosystem_id", "year"]),
    "ecosystems": _schema({
        "ecosystem_id": _str(), "name": _str(), "nace_codes": _str(), "not_covered": _str(True), "note": _str(True),
    }, unique=["ecosystem_id"]),
    "sources": _schema({
        "id": _str(), "dataset_code": _str(), "title": _str(), "publisher": _str(), "attribution": _str(),
        "licence": _str(), "url": _str(), "file": _str(), "coverage": _str(),
    }, unique=["id"]),
}

# Foreign keys checked after each table validates on its own: (table, column) -> (table, column).
FOREIGN_KEYS = {
    ("indicator_values", "region"): ("regions", "code"),
    ("indicator_values", "indicator"): ("indicators", "id"),
    ("indicators", "source_id"): ("sources", "id"),
    ("sector_employment", "region"): ("regions", "code"),
    ("ecosystem_employment", "region"): ("regions", "code"),
    ("ecosystem_employment", "ecosystem_id"): ("ecosystems", "ecosystem_id"),
}

GEOMETRY_FILES = {0: "nuts0.geojson", 1: "nuts1.geojson", 2: "nuts2.geojson"}


def validate(name: str, df):
    """Validate one table; raises pandera.errors.SchemaErrors listing every failure."""
    return SCHEMAS[name].validate(df, lazy=True)


SchemaErrors = pa.errors.SchemaErrors
