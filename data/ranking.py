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
from data.normalise import ranks_within
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


def parents_of(members) -> set[str]:
    """`members` and every NUTS code that contains one of them (prefix match: DE contains DE21)."""
    return {m[:n] for m in members for n in range(2, len(m) + 1)}


def contains_any(codes: pd.Series, members) -> pd.Series:
    """True where a NUTS code is one of `members` or a parent of one (prefix match: DE contains DE21)."""
    return codes.isin(parents_of(members))


def region_set(regions: pd.DataFrame, flt: RegionFilter) -> pd.DataFrame:
    """The regions `flt` selects: code, name, country, sorted by code."""
    out = regions[regions["level"] == flt.level]
    if flt.eu_only:
        out = out[out["is_eu"]]
    out = out[["code", "name", "country"]].sort_values("code").reset_index(drop=True)
    keep = narrowed(out["code"].to_numpy(dtype=object), out["country"].to_numpy(dtype=object), flt)
    return out if keep.all() else out[keep].reset_index(drop=True)


def _member(values: np.ndarray, members) -> np.ndarray:
    members = set(members)
    return np.fromiter((v in members for v in values), bool, len(values))


def narrowed(codes: np.ndarray, countries: np.ndarray, flt: RegionFilter) -> np.ndarray:
    """Which regions of `flt`'s level (their codes and countries) its other filters keep: countries, ecosystem
    specialisation, programme and basket (a boolean mask; set membership on a few hundred codes)."""
    keep = np.ones(len(codes), bool)
    if flt.countries:
        keep &= _member(countries, flt.countries)
    if flt.specialised is not None:
        keep &= _member(codes, flt.specialised)
    if flt.programme is not None:
        keep &= _member(codes, parents_of(flt.programme))
    if flt.basket:
        keep &= _member(codes, flt.basket)
    return keep


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


def _country_groups(countries: np.ndarray) -> np.ndarray:
    """An integer label per country (a missing country is one group, as pandas' fillna("") made it)."""
    labels: dict = {}
    return np.array([labels.setdefault(c if isinstance(c, str) else "", len(labels)) for c in countries], dtype="int64")


def rank_columns(
    codes: np.ndarray,
    names: np.ndarray,
    countries: np.ndarray,
    value: np.ndarray,
    flags: np.ndarray,
    higher_is_better: bool,
    earlier: np.ndarray | None = None,
) -> tuple[np.ndarray, dict]:
    """`rank_set` on the set's aligned arrays (codes, names, countries and flags as object arrays, `value` and
    `earlier` as floats, NaN = no value): (the positions of the ranked regions in rank order, their RANK_COLUMNS).
    earlier_rank and rank_change are Int64 arrays (NA: no rank then); the regions not ranked are those whose
    value is NaN."""
    at = np.flatnonzero(~np.isnan(value))
    now = value[at]
    oriented = now if higher_is_better else -now
    rank = ranks_within(oriented, np.zeros(len(at), dtype="int64"))
    country_rank = ranks_within(oriented, _country_groups(countries[at]))
    earlier_value = np.full(len(at), np.nan)
    earlier_rank = np.full(len(at), np.nan)
    if earlier is not None:
        # Earlier ranks among the set's regions with a value then (ranked now or not).
        known = np.flatnonzero(~np.isnan(earlier))
        before = earlier[known] if higher_is_better else -earlier[known]
        ranks_then = np.full(len(earlier), np.nan)
        ranks_then[known] = ranks_within(before, np.zeros(len(known), dtype="int64"))
        earlier_value, earlier_rank = earlier[at], ranks_then[at]
    order = np.lexsort((codes[at], names[at], rank))  # by rank, then name, then code
    flag = flags[at][order]
    columns = {
        "code": codes[at][order],
        "name": names[at][order],
        "country": countries[at][order],
        "value": now[order],
        "flag": flag,
        "flag_text": [flag_text(f) for f in flag],
        "rank": rank[order],
        "country_rank": country_rank[order],
        "earlier_value": earlier_value[order],
        "earlier_rank": pd.array(earlier_rank[order], dtype="Int64"),
        "rank_change": pd.array(earlier_rank[order] - rank[order], dtype="Int64"),
    }
    return at[order], columns


def rank_set(
    regions: pd.DataFrame, current: pd.DataFrame, higher_is_better: bool, earlier: pd.DataFrame | None = None
) -> Ranking:
    """Rank `regions` (code, name, country) on `current` (region, value[, flag]).

    `earlier` (region, value) is the same indicator in an earlier year: each region's rank then is computed
    among the regions of the same set that have a value in that year, and rank_change = earlier_rank - rank
    (positive = moved up). Rank within country is among the ranked regions of the set in that country.
    """
    regions = _arrays(regions)
    codes = regions[0]
    now = _lookup(current, "value")
    flags = _lookup(current, "flag") if "flag" in current else {}
    before = _lookup(earlier, "value") if earlier is not None else None
    value = np.array([now.get(c, np.nan) for c in codes], dtype="float64")
    _, columns = rank_columns(
        *regions,
        value,
        np.array([flags.get(c) for c in codes], dtype=object),
        higher_is_better,
        None if before is None else np.array([before.get(c, np.nan) for c in codes], dtype="float64"),
    )
    return _ranking(columns, regions, np.isnan(value))


def _arrays(regions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, names, countries) of a set of regions as object arrays."""
    return tuple(np.asarray(regions[c].tolist(), dtype=object) for c in ("code", "name", "country"))


def _ranking(columns: dict, regions: tuple, missing: np.ndarray) -> Ranking:
    """The `Ranking` of ranked columns (`rank_columns`) and the regions (codes, names, countries) left out."""
    table = pd.DataFrame(columns)
    for column in ("rank", "country_rank"):
        table[column] = table[column].astype("Int64")
    table["flag_text"] = table["flag_text"].astype("string")
    return Ranking(table, pd.DataFrame(dict(zip(("code", "name", "country"), (a[missing] for a in regions)))))


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
    words = flag_words_of(flags.to_numpy(dtype=object), list(flags.columns), labels)
    return pd.Series(words, index=flags.index, dtype="object")


def flag_words_of(cells: np.ndarray, columns: list, labels: dict) -> list[str]:
    """`flag_words` on a regions x indicators object array (`columns` its indicators)."""
    words = [""] * len(cells)
    for j, indicator in enumerate(columns):
        name = labels.get(indicator, indicator)
        for i, f in enumerate(cells[:, j]):
            if isinstance(f, str) and f:
                text = f"{name}: {flag_text(f)}"
                words[i] = words[i] + "; " + text if words[i] else text
    return words


def composite_columns(
    regions: tuple[np.ndarray, np.ndarray, np.ndarray],
    values: np.ndarray,
    flags: np.ndarray,
    earlier: np.ndarray | None,
    columns: list,
    weights: dict,
    higher_is_better: dict,
    normalisation: str,
    aggregation: str,
    labels: dict,
) -> tuple[np.ndarray, dict, dict, dict | None]:
    """`rank_composite` on arrays: `regions` is (codes, names, countries), `values`, `flags` and `earlier` are
    regions x `columns` arrays. Returns the ranked positions and columns (`rank_columns`, with `flag_text` and
    `coverage`), the composite's parts and the earlier ones (`data.composite.composite_arrays`; None when no
    indicator has a value then). Raises ValueError when none has now."""
    result = comp.composite_arrays(values, columns, weights, higher_is_better, normalisation, aggregation)
    earlier_result = None
    if earlier is not None:
        try:
            earlier_result = comp.composite_arrays(
                earlier, columns, weights, higher_is_better, normalisation, aggregation
            )
        except ValueError:
            earlier_result = None
    no_flags = np.full(len(values), None, dtype=object)  # a composite's flags are its indicators' (flag_text)
    before = None if earlier_result is None else earlier_result["value"]
    at, ranked = rank_columns(*regions, result["value"], no_flags, True, before)
    words = flag_words_of(flags, columns, labels)
    ranked["flag_text"] = [words[i] for i in at]
    ranked["coverage"] = result["coverage"][at]
    return at, ranked, result, earlier_result


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
    arrays = _arrays(regions)
    _, ranked, result, earlier_result = composite_columns(
        arrays,
        values.to_numpy(dtype="float64", na_value=np.nan),
        flags.to_numpy(dtype=object),
        None if earlier is None else earlier.to_numpy(dtype="float64", na_value=np.nan),
        list(values.columns),
        weights,
        higher_is_better,
        normalisation,
        aggregation,
        labels,
    )
    index = values.index
    return (
        _ranking(ranked, arrays, np.isnan(result["value"])),
        comp.as_composite(result, index, normalisation, aggregation),
        None if earlier_result is None else comp.as_composite(earlier_result, index, normalisation, aggregation),
    )


def shown_positions(codes: np.ndarray, n: int, marked=()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which of the ranked rows (their `codes`, in rank order) a top-and-bottom chart shows: the first n, the last
    n and every marked region. Returns their positions, whether each is marked and how many ranked rows are
    skipped just before each."""
    total = len(codes)
    position = np.arange(total)
    is_marked = _member(codes, marked) if marked else np.zeros(total, bool)
    keep = (position < n) | (position >= total - n) | is_marked
    pos = position[keep]
    return pos, is_marked[keep], np.diff(pos, prepend=-1) - 1


def shown_columns(rows: list[dict], n: int, marked=()) -> dict:
    """`shown_rows` of ranked rows as plain records (in rank order, none missing): the shown rows column by
    column (lists), `marked` and `gap_before` added."""
    pos, is_marked, gaps = shown_positions(np.array([r["code"] for r in rows], dtype=object), n, marked)
    picked = [rows[i] for i in pos.tolist()]
    columns = {key: [r[key] for r in picked] for key in (rows[0] if rows else ())}
    return columns | {"marked": is_marked.tolist(), "gap_before": gaps.tolist()}


def shown_rows(table: pd.DataFrame, n: int, marked=()) -> pd.DataFrame:
    """The rows a top-and-bottom chart shows: the first n, the last n and every marked region, in rank order.

    Adds `marked` (bool) and `gap_before` (how many ranked rows are skipped just before each shown row).
    """
    pos, is_marked, gaps = shown_positions(table["code"].to_numpy(dtype=object), n, marked)
    out = table.iloc[pos].reset_index(drop=True)
    out["marked"] = is_marked
    out["gap_before"] = gaps
    return out
