"""Rankings of a set of regions for one indicator and year (pure functions).

- The set of regions is chosen by NUTS level, EU membership, countries, specialisation in an industrial
  ecosystem (LQ above a threshold), participation in a programme and a custom basket; every filter narrows
  the set further.
- Ranks are standard competition ranks (1, 2, 2, 4): tied values share the best rank.
- Regions without a value are left out of the ranking and returned separately so the page can count them;
  they are never ranked as zero.
- Direction comes from the indicator: where lower is better (unemployment), the lowest value ranks first.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data.normalise import competition_rank
from data.queries import flag_text
from data.specialisation import LQ_MIN, regions_specialised_in

PROGRAMMES = ("ESCP-4i", "ESCP-S3", "ESCP-4x", "INNOSUP-1", "Euroclusters")
PROGRAMME_TABLE = "participations"


@dataclass(frozen=True)
class RegionFilter:
    """Which regions to rank; each filter that is set narrows the set.

    `specialised`, `programme` and `basket` are sets of region codes (None = not filtering). Codes of the
    `programme` set may be at any NUTS level: a region belongs when it is one of them or contains one
    (NUTS codes nest by prefix), so NUTS 2 participants count for their NUTS 1 and country too.
    """

    level: int = 2
    eu_only: bool = True
    countries: tuple[str, ...] = ()
    specialised: frozenset[str] | None = None
    programme: frozenset[str] | None = None
    basket: tuple[str, ...] = ()


def contains_any(codes: pd.Series, members) -> pd.Series:
    """True where a NUTS code is one of `members` or a parent of one (prefix match: DE contains DE21)."""
    prefixes = {m[:n] for m in members for n in range(2, len(m) + 1)}
    return codes.isin(prefixes)


def region_set(regions: pd.DataFrame, flt: RegionFilter) -> pd.DataFrame:
    """The regions `flt` selects: code, name, country, sorted by code."""
    out = regions[regions["level"] == flt.level]
    if flt.eu_only:
        out = out[out["is_eu"]]
    if flt.countries:
        out = out[out["country"].isin(flt.countries)]
    if flt.specialised is not None:
        out = out[out["code"].isin(flt.specialised)]
    if flt.programme is not None:
        out = out[contains_any(out["code"], flt.programme)]
    if flt.basket:
        out = out[out["code"].isin(flt.basket)]
    return out[["code", "name", "country"]].sort_values("code").reset_index(drop=True)


def specialised_regions(ecosystem_employment: pd.DataFrame, ecosystem_id: str,
                        lq_min: float = LQ_MIN) -> frozenset[str]:
    """Codes (any NUTS level) whose location quotient in `ecosystem_id` is above `lq_min`."""
    return frozenset(regions_specialised_in(ecosystem_employment, ecosystem_id, lq_min=lq_min))


def programme_available(frames) -> bool:
    """Whether programme participation data is loaded (`frames` is `tables.frames`)."""
    return PROGRAMME_TABLE in frames


def programme_names(participations: pd.DataFrame) -> list[str]:
    """Programmes present in a participations table (columns programme, region), known ones first."""
    present = set(participations["programme"].dropna().astype(str))
    return [p for p in PROGRAMMES if p in present] + sorted(present - set(PROGRAMMES))


def programme_regions(participations: pd.DataFrame, programme: str) -> frozenset[str]:
    """Codes of the regions with at least one participant in `programme` (columns programme, region and,
    when present, country: a participant whose region is unknown still counts for its country)."""
    rows = participations[participations["programme"] == programme]
    codes = set(rows["region"].dropna().astype(str))
    if "country" in rows:
        codes |= set(rows["country"].dropna().astype(str))
    return frozenset(codes)


def programme_coverage(participations: pd.DataFrame, programme: str) -> tuple[int, int]:
    """(participations with a known region, all participations) of `programme`."""
    rows = participations[participations["programme"] == programme]
    return int(rows["region"].notna().sum()), len(rows)


def values_in_year(values: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """region, value, flag of one indicator and year (value may be missing where a flag says so)."""
    rows = values[values["year"] == year]  # the cheap integer filter first
    rows = rows[rows["indicator"] == indicator]
    return rows[["region", "value", "flag"]].drop_duplicates("region")


@dataclass
class Ranking:
    """Ranked rows (best first) and the regions of the set that have no value."""

    table: pd.DataFrame
    missing: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["code", "name", "country"]))

    @property
    def n_missing(self) -> int:
        return len(self.missing)


RANK_COLUMNS = ["code", "name", "country", "value", "flag", "flag_text", "rank", "country_rank",
                "earlier_value", "earlier_rank", "rank_change"]


def _by_region(frame: pd.DataFrame, column: str) -> pd.Series:
    rows = frame.drop_duplicates("region")
    return pd.Series(rows[column].to_numpy(), index=rows["region"].to_numpy())


def rank_set(regions: pd.DataFrame, current: pd.DataFrame, higher_is_better: bool,
             earlier: pd.DataFrame | None = None) -> Ranking:
    """Rank `regions` (code, name, country) on `current` (region, value[, flag]).

    `earlier` (region, value) is the same indicator in an earlier year: each region's rank then is computed
    among the regions of the same set that have a value in that year, and rank_change = earlier_rank - rank
    (positive = moved up). Rank within country is among the ranked regions of the set in that country.
    """
    df = regions[["code", "name", "country"]].reset_index(drop=True)
    codes = df["code"].to_numpy()
    value = _by_region(current, "value").reindex(codes).to_numpy(dtype="float64")
    flag = (_by_region(current, "flag").reindex(codes).to_numpy() if "flag" in current
            else [pd.NA] * len(df))
    df = df.assign(value=value, flag=flag)
    has_value = ~np.isnan(value)
    missing = df.loc[~has_value, ["code", "name", "country"]].reset_index(drop=True)
    df = df[has_value].reset_index(drop=True)
    df["rank"] = competition_rank(df["value"], higher_is_better)
    oriented = df["value"] if higher_is_better else -df["value"]
    df["country_rank"] = oriented.groupby(df["country"].fillna(""), sort=False).rank(
        method="min", ascending=False).astype("Int64")
    df["flag_text"] = pd.array([flag_text(f) for f in df["flag"]], dtype="string")
    if earlier is not None:
        prev = _by_region(earlier, "value").reindex(codes)
        prev = prev[prev.notna()]
        prev_rank = competition_rank(prev, higher_is_better)
        df["earlier_value"] = prev.reindex(df["code"].to_numpy()).to_numpy(dtype="float64")
        df["earlier_rank"] = pd.array(prev_rank.reindex(df["code"].to_numpy()).to_numpy(), dtype="Int64")
        df["rank_change"] = df["earlier_rank"] - df["rank"]
    else:
        df["earlier_value"] = np.nan
        df["earlier_rank"] = pd.array([pd.NA] * len(df), dtype="Int64")
        df["rank_change"] = pd.array([pd.NA] * len(df), dtype="Int64")
    df = df.sort_values(["rank", "name", "code"], kind="stable").reset_index(drop=True)
    return Ranking(df[RANK_COLUMNS], missing)


def rank_indicator(values: pd.DataFrame, regions: pd.DataFrame, indicator: str, year: int, higher_is_better: bool,
                   earlier_year: int | None = None) -> Ranking:
    """Rank the set `regions` on one indicator in `year` (and against `earlier_year` when given)."""
    earlier = values_in_year(values, indicator, earlier_year) if earlier_year is not None else None
    return rank_set(regions, values_in_year(values, indicator, year), higher_is_better, earlier)


def shown_rows(table: pd.DataFrame, n: int, marked=()) -> pd.DataFrame:
    """The rows a top-and-bottom chart shows: the first n, the last n and every marked region, in rank order.

    Adds `marked` (bool) and `gap_before` (how many ranked rows are skipped just before each shown row).
    """
    total = len(table)
    position = pd.Series(range(total), index=table.index)
    keep = (position < n) | (position >= total - n) | table["code"].isin(list(marked))
    out = table[keep].copy()
    pos = position[keep]
    out["marked"] = out["code"].isin(list(marked))
    out["gap_before"] = (pos - pos.shift(1, fill_value=-1) - 1).astype(int).to_numpy()
    return out.reset_index(drop=True)
