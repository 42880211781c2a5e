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

from data import composite as comp
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


def specialised_regions(
    ecosystem_employment: pd.DataFrame, ecosystem_id: str, lq_min: float = LQ_MIN
) -> frozenset[str]:
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
    from data.programmes import regions_with_participants

    codes = set(regions_with_participants(participations, [programme], 2))
    if "country" in participations:
        codes |= set(regions_with_participants(participations, [programme], 0))
    return frozenset(codes)


def programme_coverage(participations: pd.DataFrame, programme: str) -> tuple[int, int]:
    """(participations with a known region, all participations) of `programme`."""
    rows = participations[participations["programme"] == programme]
    return int(rows["region"].notna().sum()), len(rows)


def values_in_year(values: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """region, value, flag of one indicator and year (value may be missing where a flag says so). Read from the
    indicator's split by year that data.profile keeps per data version (one copy for every page), so a new year
    costs a lookup, not a scan of the table."""
    from data.profile import _year_rows

    rows = _year_rows(values, indicator, int(year))
    return rows.reset_index()[["region", "value", "flag"]].drop_duplicates("region")


@dataclass
class Ranking:
    """Ranked rows (best first) and the regions of the set that have no value."""

    table: pd.DataFrame
    missing: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["code", "name", "country"]))

    @property
    def n_missing(self) -> int:
        return len(self.missing)


RANK_COLUMNS = [
    "code",
    "name",
    "country",
    "value",
    "flag",
    "flag_text",
    "rank",
    "country_rank",
    "earlier_value",
    "earlier_rank",
    "rank_change",
]


def _lookup(frame: pd.DataFrame, column: str) -> dict:
    """region -> `column` (the first row of each region), as a plain dict: fast for a few hundred rows."""
    return dict(zip(reversed(frame["region"].tolist()), reversed(frame[column].tolist())))


def _ranks(values: np.ndarray, higher_is_better: bool) -> np.ndarray:
    return competition_rank(pd.Series(values, dtype="float64"), higher_is_better).to_numpy(dtype="int64")


def rank_set(
    regions: pd.DataFrame, current: pd.DataFrame, higher_is_better: bool, earlier: pd.DataFrame | None = None
) -> Ranking:
    """Rank `regions` (code, name, country) on `current` (region, value[, flag]).

    `earlier` (region, value) is the same indicator in an earlier year: each region's rank then is computed
    among the regions of the same set that have a value in that year, and rank_change = earlier_rank - rank
    (positive = moved up). Rank within country is among the ranked regions of the set in that country.
    """
    # Plain arrays and dicts: a few hundred regions are ranked much faster than with column-wise pandas steps.
    codes = np.asarray(regions["code"].tolist(), dtype=object)
    names = np.asarray(regions["name"].tolist(), dtype=object)
    countries = np.asarray(regions["country"].tolist(), dtype=object)
    now = _lookup(current, "value")
    flags = _lookup(current, "flag") if "flag" in current else {}
    value = np.array([now.get(c, np.nan) for c in codes], dtype="float64")
    has = ~np.isnan(value)
    missing = pd.DataFrame({"code": codes[~has], "name": names[~has], "country": countries[~has]})
    codes, names, countries, value = codes[has], names[has], countries[has], value[has]
    rank = _ranks(value, higher_is_better)
    oriented = pd.Series(value if higher_is_better else -value)
    country_rank = (
        oriented.groupby(pd.Series(countries).fillna(""), sort=False)
        .rank(method="min", ascending=False)
        .to_numpy(dtype="int64")
    )
    out = {
        "code": codes,
        "name": names,
        "country": countries,
        "value": value,
        "flag": [flags.get(c) for c in codes],
        "flag_text": [flag_text(flags.get(c)) for c in codes],
        "rank": rank,
        "country_rank": country_rank,
    }
    if earlier is not None:
        before = _lookup(earlier, "value")
        earlier_value = np.array([before.get(c, np.nan) for c in regions["code"].tolist()], dtype="float64")
        known = ~np.isnan(earlier_value)
        earlier_rank = dict(
            zip(regions["code"].to_numpy(dtype=object)[known], _ranks(earlier_value[known], higher_is_better))
        )
        out["earlier_value"] = np.array([before.get(c, np.nan) for c in codes], dtype="float64")
        out["earlier_rank"] = pd.array([earlier_rank.get(c) for c in codes], dtype="Int64")
        out["rank_change"] = out["earlier_rank"] - pd.array(rank, dtype="Int64")
    else:
        out["earlier_value"] = np.full(len(codes), np.nan)
        out["earlier_rank"] = pd.array([pd.NA] * len(codes), dtype="Int64")
        out["rank_change"] = pd.array([pd.NA] * len(codes), dtype="Int64")
    order = np.lexsort((codes, names, rank))  # by rank, then name, then code
    df = pd.DataFrame(
        {
            k: (
                v[order]
                if isinstance(v, np.ndarray)
                else pd.array(v, dtype="Int64")[order]
                if k in ("earlier_rank", "rank_change")
                else [v[i] for i in order]
            )
            for k, v in out.items()
        }
    )
    df["rank"] = df["rank"].astype("Int64")
    df["country_rank"] = df["country_rank"].astype("Int64")
    df["flag_text"] = df["flag_text"].astype("string")
    return Ranking(df[RANK_COLUMNS], missing)


def rank_indicator(
    values: pd.DataFrame,
    regions: pd.DataFrame,
    indicator: str,
    year: int,
    higher_is_better: bool,
    earlier_year: int | None = None,
) -> Ranking:
    """Rank the set `regions` on one indicator in `year` (and against `earlier_year` when given)."""
    earlier = values_in_year(values, indicator, earlier_year) if earlier_year is not None else None
    return rank_set(regions, values_in_year(values, indicator, year), higher_is_better, earlier)


def flag_words(flags: pd.DataFrame, labels: dict) -> pd.Series:
    """region -> 'label: flag in words; ...' over the flagged cells of `flags` (regions x indicators), in the
    indicators' order; '' where no cell is flagged."""
    cells = flags.to_numpy(dtype=object)
    words = [""] * len(flags)
    for j, indicator in enumerate(flags.columns):
        name = labels.get(indicator, indicator)
        for i, f in enumerate(cells[:, j]):
            if isinstance(f, str) and f:
                text = f"{name}: {flag_text(f)}"
                words[i] = words[i] + "; " + text if words[i] else text
    return pd.Series(words, index=flags.index, dtype="object")


def rank_composite(
    regions: pd.DataFrame,
    values: pd.DataFrame,
    flags: pd.DataFrame,
    earlier: pd.DataFrame | None,
    weights: dict,
    higher_is_better: dict,
    normalisation: str,
    aggregation: str,
    labels: dict,
) -> tuple[Ranking, comp.Composite, comp.Composite | None]:
    """Rank `regions` on the composite of `values` (regions x indicators, `flags` alike, rows in the regions'
    order); `earlier` is the same frame in the comparison year (None: no comparison).

    Returns the ranking (with `flag_text` and `coverage`, the share of the weight with a value), the composite
    and the earlier composite (None when no indicator has a value then). Raises ValueError when none has now.
    """
    codes = regions["code"].tolist()
    result = comp.composite(values, weights, higher_is_better, normalisation, aggregation)
    earlier_result = earlier_values = None
    if earlier is not None:
        try:
            earlier_result = comp.composite(earlier, weights, higher_is_better, normalisation, aggregation)
            earlier_values = pd.DataFrame({"region": codes, "value": earlier_result.value.to_numpy()})
        except ValueError:
            earlier_result = None
    current = pd.DataFrame({"region": codes, "value": result.value.to_numpy()})
    ranking = rank_set(regions, current, True, earlier_values)
    ranking.table["flag_text"] = ranking.table["code"].map(flag_words(flags, labels)).fillna("").astype("string")
    ranking.table["coverage"] = ranking.table["code"].map(result.coverage).astype("float64")
    return ranking, result, earlier_result


def shown_rows(table: pd.DataFrame, n: int, marked=()) -> pd.DataFrame:
    """The rows a top-and-bottom chart shows: the first n, the last n and every marked region, in rank order.

    Adds `marked` (bool) and `gap_before` (how many ranked rows are skipped just before each shown row).
    """
    total = len(table)
    position = np.arange(total)
    is_marked = np.isin(table["code"].to_numpy(dtype=object), list(marked)) if marked else np.zeros(total, bool)
    keep = (position < n) | (position >= total - n) | is_marked
    pos = position[keep]
    out = table.iloc[pos].reset_index(drop=True)
    out["marked"] = is_marked[keep]
    out["gap_before"] = np.diff(pos, prepend=-1) - 1
    return out
