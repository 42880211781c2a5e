"""Declared schemas of the precomputed tables (pandera). The pipeline validates what it writes, the app what it loads."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

from data.catalogue import THEMES

_str = lambda nullable=False, *checks: Column("string", list(checks), nullable=nullable)  # noqa: E731
_float = lambda nullable=True, *checks: Column("float64", list(checks), nullable=nullable)  # noqa: E731
_year = Column("int64", Check.in_range(1990, 2100))


def _schema(columns, unique=None):
    return DataFrameSchema(columns, unique=unique, strict=True, coerce=True)


SCHEMAS: dict[str, DataFrameSchema] = {
    "regions": _schema(
        {
            "code": _str(),
            "name": _str(),
            # The region's name in its national form where NUTS gives one that differs (Северозападен, Αττική).
            "national_name": _str(True),
            "level": Column("int64", Check.in_range(-1, 3)),
            "country": _str(True),
            "nuts0": _str(True),
            "nuts1": _str(True),
            "is_eu": Column("bool"),
        },
        unique=["code"],
    ),
    # Old codes (NUTS 2013/2016/2021) that are not NUTS 2024 codes, with what became of them.
    "region_changes": _schema(
        {
            "code": _str(),
            "version": _str(False, Check.isin(["2013", "2016", "2021"])),
            "name": _str(),
            "change": _str(),
            "successors": _str(False, Check.str_matches(r"^([A-Z0-9]{2,5}(;[A-Z0-9]{2,5})*)?$")),
        },
        unique=["code"],
    ),
    "indicators": _schema(
        {
            "id": _str(),
            "label": _str(),
            "short_label": _str(),
            "unit": _str(),
            "source_id": _str(),
            "dataset_code": _str(),
            "description": _str(),
            "higher_is_better": Column("bool"),
            "theme": _str(False, Check.isin(list(THEMES))),
            "decimals": Column("int64", Check.in_range(0, 6)),
            "nuts_version": _str(False, Check.isin(["2013", "2016", "2021", "2024"])),
            # additive: a quantity that adds up over regions (GDP in EUR, persons), so NUTS 1/0/EU27 may be summed
            # from NUTS 2 parts; benchmark_note: where country/EU27 values come from or which dataset would give them.
            "additive": Column("bool"),
            "benchmark_note": _str(True),
            # The year a page opens on (data/build/quality.py): the latest with values for >= 80% of EU NUTS 2 regions.
            "default_year": Column("Int64", Check.in_range(1990, 2100), nullable=True),
            "default_year_note": _str(True),
        },
        unique=["id"],
    ),
    # derivation: <NA> = as published; otherwise how the pipeline made the value ("sum of NUTS 2 parts").
    "indicator_values": _schema(
        {
            "region": _str(),
            "indicator": _str(),
            "year": _year,
            "value": _float(),
            "flag": _str(True),
            "derivation": _str(True),
        },
        unique=["region", "indicator", "year"],
    ),
    "sector_employment": _schema(
        {
            "region": _str(),
            "nace": _str(),
            "nace_level": _str(False, Check.isin(["section", "division"])),
            "year": _year,
            "persons_employed": _float(True, Check.ge(0)),
            "flag": _str(True),
            "derivation": _str(True),
            "region_total": _float(True, Check.ge(0)),
            "share": _float(True, Check.in_range(0, 1)),
            "lq": _float(True, Check.ge(0)),
        },
        unique=["region", "nace", "year"],
    ),
    # Suspect cells found by the plausibility checks of data/build/quality.py: kept as they are, marked in the app.
    "data_quality": _schema(
        {
            "table": _str(False, Check.isin(["indicator_values", "sector_employment"])),
            "region": _str(),
            "indicator_or_nace": _str(),
            "year": _year,
            "check": _str(),
            "detail": _str(),
            "value": _float(),
        },
        unique=["table", "region", "indicator_or_nace", "year", "check"],
    ),
    "ecosystem_employment": _schema(
        {
            "region": _str(),
            "ecosystem_id": _str(),
            "year": _year,
            "employment": _float(True, Check.ge(0)),
            "share": _float(True, Check.ge(0)),
            "lq": _float(True, Check.ge(0)),
            "missing_nace": Column("int64", Check.ge(0)),
            "complete": Column("bool"),
        },
        unique=["region", "ecosystem_id", "year"],
    ),
    # Cluster stars per region x sector (data/build/stars.py): each EOCIC criterion True/False/<NA> (unknown).
    "cluster_stars": _schema(
        {
            "region": _str(),
            "level": Column("int64", Check.in_range(0, 2)),
            "kind": _str(False, Check.isin(["nace", "ecosystem"])),
            "sector": _str(),
            "year": _year,
            "employment": _float(True, Check.ge(0)),
            "share": _float(True, Check.ge(0)),
            "lq": _float(True, Check.ge(0)),
            "basis": _str(),
            "size": Column("boolean", nullable=True),
            "specialisation": Column("boolean", nullable=True),
            "focus": Column("boolean", nullable=True),
            "stars": Column("Int64", Check.in_range(0, 3), nullable=True),
            "unknown": Column("int64", Check.in_range(0, 3)),
            "size_rank": Column("Int64", nullable=True),
            "focus_rank": Column("Int64", nullable=True),
            "compared": Column("int64", Check.ge(0)),
            "source": _str(False, Check.str_matches(r"^[a-z_]+(;[a-z_]+)*$")),
        },
        unique=["region", "kind", "sector", "year"],
    ),
    "ecosystems": _schema(
        {
            "ecosystem_id": _str(),
            "name": _str(),
            "nace_codes": _str(),
            "not_covered": _str(True),
            "note": _str(True),
        },
        unique=["ecosystem_id"],
    ),
    "nace": _schema(
        {
            "code": _str(False, Check.str_matches(r"^[A-U](\d{2})?$")),
            "level": _str(False, Check.isin(["section", "division"])),
            "section": _str(),
            "label": _str(),
        },
        unique=["code"],
    ),
    "sources": _schema(
        {
            "id": _str(),
            "dataset_code": _str(),
            "title": _str(),
            "publisher": _str(),
            "attribution": _str(),
            "licence": _str(),
            "url": _str(),
            "file": _str(),
            "coverage": _str(),
            # Filled by `python -m data.refresh` (retrieval date, Eurostat's last data update); missing otherwise.
            "retrieved": _str(True, Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "release": _str(True),
        },
        unique=["id"],
    ),
    # Participation in EU cluster programmes (data/build/programmes.py; documented in data/README.md).
    # Blank = unknown, never zero or "no".
    "programmes": _schema(
        {
            "programme": _str(),
            "name": _str(),
            "framework": _str(),
            "period": _str(),
            "description": _str(),
            "order": Column("int64"),
        },
        unique=["programme"],
    ),
    "projects": _schema(
        {
            "project": _str(),
            "programme": _str(),
            "acronym": _str(),
            "title": _str(True),
            "grant_id": _str(True),
            "call_or_generation": _str(True),
            "generation": _str(),
            "generation_inferred": Column("bool"),
            "start_date": _str(True, Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
            "end_date": _str(True, Check.str_matches(r"^\d{4}(-\d{2}(-\d{2})?)?$")),
            "ecosystems": _str(True),
            "ecosystem_ids": _str(True, Check.str_matches(r"^IES\d{2}(;IES\d{2})*$")),
            "total_cost_eur": _float(True, Check.ge(0)),
            "eu_contribution_eur": _float(True, Check.ge(0)),
            "source_url": _str(),
            "n_participants": Column("int64", Check.ge(0)),
        },
        unique=["project"],
    ),
    "participations": _schema(
        {
            "project": _str(),
            "programme": _str(),
            "organisation_id": _str(),
            "organisation": _str(),
            "role": _str(True, Check.isin(["coordinator", "participant", "associated partner"])),
            "country": _str(True, Check.str_matches(r"^[A-Z]{2}$")),
            "region": _str(True),
            "place": _str(True),
            "is_cluster": _str(True, Check.isin(["yes", "no"])),
            "filled": _str(True),
            "eu_contribution_eur": _float(True, Check.ge(0)),
            "source_url": _str(),
        },
        unique=["project", "organisation_id"],
    ),
    "organisations": _schema(
        {
            "organisation_id": _str(),
            "name": _str(),
            "aliases": _str(True),
            "country": _str(True, Check.str_matches(r"^[A-Z]{2}$")),
            "region": _str(True),
            "place": _str(True),
            "is_cluster": _str(True, Check.isin(["yes", "no"])),
            "n_participations": Column("int64", Check.ge(0)),
            "n_projects": Column("int64", Check.ge(0)),
            "note": _str(True),
        },
        unique=["organisation_id"],
    ),
    "official_totals": _schema(
        {
            "programme": _str(),
            "scope": _str(),
            "generations": _str(True),
            "measure": _str(False, Check.isin(["projects", "participants", "countries"])),
            "value": Column("int64", Check.ge(0)),
            "label": _str(),
            "headline": Column("bool"),
            "document": _str(),
            "section": _str(),
            "note": _str(True),
            "source_id": _str(),
        }
    ),
    "seed_reference": _schema(
        {
            "ref": _str(),
            "kind": _str(False, Check.isin(["figure", "partner"])),
            "country": _str(),
            "programmes": _str(True),
            "generations": _str(True),
            "measure": _str(True),
            "value": _float(True),
            "total": _float(True),
            "share": _float(True, Check.in_range(0, 1)),
            "rank": Column("Int64", Check.ge(1), nullable=True),
            "partner": _str(True),
            "project": _str(True),
            "status": _str(True),
            "is_cluster": _str(True, Check.isin(["yes", "no"])),
            "quote": _str(),
            "document": _str(),
            "section": _str(),
            "source_id": _str(),
            "note": _str(True),
        },
        unique=["ref"],
    ),
    # Policy and cluster tables transcribed from the seed documents (data/build/policy.py); every row cites
    # its source (source_id -> sources.id) and the section of the document.
    "policy_recommendations": _schema(
        {
            "support_type": _str(),
            "support_order": Column("int64", Check.in_range(1, 20)),
            "column": Column("int64", Check.in_range(1, 10)),
            "region": _str(),
            "region_as_listed": _str(),
            "region_code": _str(),
            "code_basis": _str(),
            "recommended": Column("bool"),
            "source_id": _str(),
            "section": _str(),
            "region_source_id": _str(),
        },
        unique=["support_type", "column"],
    ),
    "policy_swot": _schema(
        {
            "region_code": _str(),
            "region": _str(),
            "quadrant": _str(False, Check.isin(["Strengths", "Weaknesses", "Opportunities", "Threats"])),
            "item_order": Column("int64", Check.ge(1)),
            "text": _str(),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["region_code", "quadrant", "item_order"],
    ),
    "policy_challenges": _schema(
        {
            "region_code": _str(),
            "region": _str(),
            "challenge_order": Column("int64", Check.ge(1)),
            "title": _str(True),
            "text": _str(),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["region_code", "challenge_order"],
    ),
    "policy_actions": _schema(
        {
            "region_code": _str(),
            "plan": _str(),
            "group_order": Column("int64", Check.ge(1)),
            "group": _str(),
            "step_order": Column("int64", Check.ge(1)),
            "step": _str(),
            "timing": _str(),
            "start": _str(True, Check.str_matches(r"^\d{4}-\d{2}$")),
            "end": _str(True, Check.str_matches(r"^\d{4}-\d{2}$")),
            "start_offset_months": _float(True, Check.ge(0)),
            "end_offset_months": _float(True, Check.ge(0)),
            "owner": _str(True),
            "owner_basis": _str(),
            "timing_note": _str(True),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["region_code", "group_order", "step_order"],
    ),
    "policy_action_costs": _schema(
        {
            "region_code": _str(),
            "group": _str(),
            "item_order": Column("int64", Check.ge(0)),
            "cost_item": _str(),
            "payer": _str(True),
            "kind": _str(False, Check.isin(["unit cost", "component", "total", "estimate"])),
            "staff_days": _float(True, Check.ge(0)),
            "eur": _float(False, Check.ge(0)),
            "eur_high": _float(True, Check.ge(0)),
            "period": _str(),
            "note": _str(True),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["region_code", "group", "item_order"],
    ),
    "policy_state": _schema(
        {
            "country_code": _str(),
            "year": _year,
            "criterion_order": Column("int64", Check.in_range(1, 10)),
            "criterion": _str(),
            "level": Column("Int64", Check.in_range(1, 4), nullable=True),
            "basis": _str(False, Check.isin(["stated", "derived", "not readable"])),
            "evidence": _str(),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["country_code", "criterion"],
    ),
    "policy_state_framework": _schema(
        {
            "criterion_order": Column("int64", Check.in_range(1, 10)),
            "criterion": _str(),
            "criterion_annex": _str(),
            "description": _str(),
            "level": Column("int64", Check.in_range(1, 4)),
            "label_table4": _str(),
            "label_annex": _str(),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["criterion", "level"],
    ),
    "cluster_counts": _schema(
        {
            "measure": _str(),
            "category": _str(),
            "region_code": _str(True),
            "year": Column("Int64", Check.in_range(1990, 2100), nullable=True),
            "value": _float(False, Check.ge(0)),
            "eu_value": _float(True, Check.ge(0)),
            "unit": _str(),
            "quote": _str(),
            "note": _str(True),
            "source_id": _str(),
            "section": _str(),
        },
        unique=["source_id", "measure", "category", "year"],
    ),
    "cluster_organisations": _schema(
        {
            "org_key": _str(),
            "organisation": _str(),
            "region_code": _str(True),
            "region_basis": _str(True),
            "described_as": _str(True),
            "programme": _str(True),
            "project": _str(True),
            "status": _str(True),
            "is_cluster": _str(True, Check.isin(["yes", "no"])),
            "source_id": _str(),
            "section": _str(),
            "source_url": _str(True),
        }
    ),
}

# Foreign keys checked after each table validates on its own: (table, column) -> (table, column).
FOREIGN_KEYS = {
    ("projects", "programme"): ("programmes", "programme"),
    ("participations", "project"): ("projects", "project"),
    ("participations", "programme"): ("programmes", "programme"),
    ("participations", "organisation_id"): ("organisations", "organisation_id"),
    ("participations", "region"): ("regions", "code"),
    ("organisations", "region"): ("regions", "code"),
    ("official_totals", "programme"): ("programmes", "programme"),
    ("official_totals", "source_id"): ("sources", "id"),
    ("seed_reference", "source_id"): ("sources", "id"),
    ("policy_recommendations", "region_code"): ("regions", "code"),
    ("policy_swot", "region_code"): ("regions", "code"),
    ("policy_challenges", "region_code"): ("regions", "code"),
    ("policy_actions", "region_code"): ("regions", "code"),
    ("policy_action_costs", "region_code"): ("regions", "code"),
    ("cluster_counts", "region_code"): ("regions", "code"),
    ("cluster_organisations", "region_code"): ("regions", "code"),
    ("policy_recommendations", "source_id"): ("sources", "id"),
    ("policy_swot", "source_id"): ("sources", "id"),
    ("policy_challenges", "source_id"): ("sources", "id"),
    ("policy_actions", "source_id"): ("sources", "id"),
    ("policy_action_costs", "source_id"): ("sources", "id"),
    ("policy_state", "source_id"): ("sources", "id"),
    ("policy_state_framework", "source_id"): ("sources", "id"),
    ("cluster_counts", "source_id"): ("sources", "id"),
    ("cluster_organisations", "source_id"): ("sources", "id"),
    ("policy_recommendations", "region_source_id"): ("sources", "id"),
    ("indicator_values", "region"): ("regions", "code"),
    ("indicator_values", "indicator"): ("indicators", "id"),
    ("indicators", "source_id"): ("sources", "id"),
    ("sector_employment", "region"): ("regions", "code"),
    ("ecosystem_employment", "region"): ("regions", "code"),
    ("ecosystem_employment", "ecosystem_id"): ("ecosystems", "ecosystem_id"),
    ("sector_employment", "nace"): ("nace", "code"),
    ("data_quality", "region"): ("regions", "code"),
    ("cluster_stars", "region"): ("regions", "code"),
}

GEOMETRY_FILES = {0: "nuts0.geojson", 1: "nuts1.geojson", 2: "nuts2.geojson"}


def validate(name: str, df):
    """Validate one table; raises pandera.errors.SchemaErrors listing every failure."""
    return SCHEMAS[name].validate(df, lazy=True)


SchemaErrors = pa.errors.SchemaErrors
