"""Cluster stars (EOCIC star logic, as far as the data allows) for every EU region, sector and NUTS level.

Sectors: the 68 NACE Rev.2 divisions of `sector_employment` (SBS 2015 persons employed) and the 14 industrial
ecosystems of `ecosystem_employment` (kind `nace` / `ecosystem`). A region is compared only with the EU regions
of its own NUTS level: countries with the 27 countries, NUTS 1 with the EU NUTS 1 regions, NUTS 2 with the EU
NUTS 2 regions (the EU27 itself gets no stars: it is the reference).

One star per criterion met (the European Cluster Observatory's three criteria):

* **size**: the region's employment in the sector is in the top decile of the regions of its level, i.e. fewer
  than 10% of the regions with a value have a strictly higher one (ties share the better rank) and it is above 0;
* **specialisation**: location quotient >= 2 (`lq` of the source tables, EU27 reference);
* **focus**: the sector's share of the region's (business-economy) employment is in the top decile, same rule.

The later EOCIC dimensions **productivity** (wages or value added per person) and **dynamism** (growth of
employment over time) cannot be computed: the tables hold one year (2015) of persons employed by NACE division,
with no wages, no value added and no time series at regional level. `UNSUPPORTED` says so; the app shows it.

Missing stays missing. A confidential (missing) cell gets no star and no "no": its three criteria are unknown
(<NA>), `stars` is <NA> and `unknown` counts the criteria that could not be judged. An ecosystem estimate with
confidential divisions (`complete` False) is a lower bound: a criterion it already meets is a star (the full
value can only be higher); one it does not meet is unknown. The ranks are among the regions with a value, so a
confidential region may hide above a starred one; `compared` says how many regions had a value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_SHARE = 0.10  # top decile
LQ_STAR = 2.0
CRITERIA = ("size", "specialisation", "focus")
KINDS = ("nace", "ecosystem")
SOURCES = {"nace": "sbs", "ecosystem": "sbs;ecosystem_weights"}
UNSUPPORTED = {
    "productivity": "needs wages or value added per person employed by sector and region; the tables hold persons "
    "employed only",
    "dynamism": "needs employment by sector and region over several years (growth); the tables hold one year, 2015",
}
COLUMNS = [
    "region",
    "level",
    "kind",
    "sector",
    "year",
    "employment",
    "share",
    "lq",
    "basis",
    "size",
    "specialisation",
    "focus",
    "stars",
    "unknown",
    "size_rank",
    "focus_rank",
    "compared",
    "source",
]


def _sector_rows(sector_employment: pd.DataFrame, ecosystem_employment: pd.DataFrame) -> pd.DataFrame:
    nace = sector_employment[sector_employment["nace_level"] == "division"]
    nace = pd.DataFrame(
        {
            "region": nace["region"],
            "kind": "nace",
            "sector": nace["nace"],
            "year": nace["year"],
            "employment": nace["persons_employed"],
            "share": nace["share"],
            "lq": nace["lq"],
            "basis": nace["derivation"].fillna("published").where(nace["persons_employed"].notna(), "missing"),
        }
    )
    eco = ecosystem_employment
    eco = pd.DataFrame(
        {
            "region": eco["region"],
            "kind": "ecosystem",
            "sector": eco["ecosystem_id"],
            "year": eco["year"],
            "employment": eco["employment"],
            "share": eco["share"],
            "lq": eco["lq"],
            "basis": np.where(
                eco["employment"].isna(),
                "missing",
                np.where(eco["complete"], "estimate", "lower bound (confidential divisions)"),
            ),
        }
    )
    return pd.concat([nace, eco], ignore_index=True)


def _top_decile(rows: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    """(in the top decile, rank) of `column` among the rows of the same level, kind and sector with a value."""
    groups = rows.groupby(["level", "kind", "sector"], sort=False)[column]
    rank = groups.rank(method="min", ascending=False)
    n = groups.transform("count")
    top = ((rank - 1) < TOP_SHARE * n) & (rows[column] > 0)
    return top.where(rows[column].notna()), rank


def _judged(met: pd.Series, lower_bound: pd.Series) -> pd.Series:
    """True / False / <NA>; a lower bound that does not meet the criterion is unknown, not False."""
    out = met.astype("boolean")
    return out.mask(lower_bound & (out == False), pd.NA)  # noqa: E712  (elementwise on a nullable array)


def build_cluster_stars(
    sector_employment: pd.DataFrame, ecosystem_employment: pd.DataFrame, regions: pd.DataFrame
) -> pd.DataFrame:
    """The `cluster_stars` table (see the module docstring)."""
    info = regions.set_index("code")
    rows = _sector_rows(sector_employment, ecosystem_employment)
    rows["level"] = rows["region"].map(info["level"]).astype("int64")
    rows = rows[rows["level"].between(0, 2) & rows["region"].map(info["is_eu"]).astype(bool)].reset_index(drop=True)
    lower = rows["basis"].str.startswith("lower bound")
    size, size_rank = _top_decile(rows, "employment")
    focus, focus_rank = _top_decile(rows, "share")
    rows["size"] = _judged(size, lower)
    rows["specialisation"] = _judged((rows["lq"] >= LQ_STAR).where(rows["lq"].notna()), lower)
    rows["focus"] = _judged(focus, lower)
    judged = rows[list(CRITERIA)]
    rows["unknown"] = judged.isna().sum(axis=1).astype("int64")
    rows["stars"] = judged.fillna(False).astype("int64").sum(axis=1).astype("Int64").mask(rows["unknown"] == 3)
    rows["size_rank"] = size_rank.astype("Int64")
    rows["focus_rank"] = focus_rank.astype("Int64")
    rows["compared"] = rows.groupby(["level", "kind", "sector"])["employment"].transform("count").astype("int64")
    rows["source"] = rows["kind"].map(SOURCES)
    for col in ("region", "kind", "sector", "basis", "source"):
        rows[col] = rows[col].astype("string")
    rows = rows.sort_values(["region", "kind", "sector"], kind="stable").reset_index(drop=True)
    return rows[COLUMNS]
