"""Region profiles and comparisons (pure functions: DataFrames and plain values in, DataFrames out).

- Headline values: a region's value of an indicator with its country's and the EU27's, the year, the
  observation flag in words, its rank among the EU regions of its NUTS level and within its country.
- Profile scores: 0-1 min-max scores against the EU NUTS 2 regions of the same year (`data.normalise`), turned
  round where lower is better, so 1 is always the best placed NUTS 2 region and 0 the worst.
- Similar regions: the NUTS 2 regions closest on those scores (the distance is documented in `DISTANCE_NOTE`).
- Quadrants: regions split by the medians of two indicators.

Missing stays missing: a value the dataset does not hold is NaN, never 0, never guessed. In particular the EU27
aggregate exists only where the source publishes it (the GDP family and R&D personnel); elsewhere it is missing
and the pages say so.

Years: for a reference year Y, each indicator uses the latest year up to Y with data (`year_used`), because the
indicators cover different periods (patents end in 2012, industry share in 2015, the RCI comes in editions). The
year used is always returned and shown next to the value.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter

import numpy as np
import pandas as pd

from data import catalogue
from data.build.nuts import EU_CODE
from data.normalise import normalise_array
from data.queries import flag_text, indicator_meta
from data.specialisation import LQ_MIN, SHARE_MIN, is_agglomeration
from data.store import memo_for
from i18n import N_

# Page groups of the indicator catalogue (data/catalogue.py). The comparisons of the seed briefings: economic
# (their Figure 1) and technological indicators (Figure 2); the normalised profile (their Figure 3): rates and
# per-head values only, since a bigger region is not a better one (size-dependent totals are left out).
ECONOMIC = catalogue.group("economic")
INNOVATION = catalogue.group("innovation")
HEADLINE = ECONOMIC + INNOVATION
PROFILE = catalogue.group("profile")
SIZE_DEPENDENT = catalogue.size_dependent()

# A derived measure of cluster presence for scatters (their Figure 4 uses cluster stars, which this dataset
# does not hold): how many of the 14 industrial ecosystems are regionally relevant agglomerations in 2015.
AGGLOMERATIONS = "ecosystem_agglomerations"
AGGLOMERATIONS_META = {
    "id": AGGLOMERATIONS,
    "label": N_("Ecosystem agglomerations (of 14 industrial ecosystems)"),
    "short_label": N_("Ecosystem agglomerations"),
    "unit": N_("ecosystems with LQ > 1.5 and ≥ 1% of employment"),
    "higher_is_better": True,
    "decimals": 0,
    "year": 2015,
}

MIN_SHARED = 3
POOL_COVERAGE = 0.9  # a pool's year must cover 90% of the regions of its best-covered year (see `year_used`)
DISTANCE_NOTE = N_(
    "Distance: the root-mean-square difference of the 0-1 profile scores over the indicators both regions "
    "have (Euclidean distance divided by the square root of the number of shared indicators), so 0 means "
    "identical scores and 1 the widest possible gap. Scores are min-max across EU NUTS 2 regions in each "
    "indicator's year, turned round where lower is better. A region needs at least {min_shared} indicators in "
    "common to be compared."
)
NOT_PUBLISHED = N_("not in the data")


# --- Regions ----------------------------------------------------------------------------------------------------


def region_info(regions: pd.DataFrame, code: str) -> dict | None:
    """The region's row as a dict (code, name, level, country, nuts0, nuts1, is_eu), or None when unknown.
    Read from an index of every region, built once per data version in the app (a fresh dict each call)."""
    info = memo_for(regions, ("profile.region_info",), lambda: _info_index(regions)).get(code)
    return dict(info) if info is not None else None


def _info_index(regions: pd.DataFrame) -> dict:
    index: dict = {}
    for info in regions.to_dict("records"):
        info["level"] = int(info["level"])
        index.setdefault(
            info["code"],
            {k: (None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v) for k, v in info.items()},
        )
    return index


def indicator_rows(indicators: pd.DataFrame) -> dict:
    """indicator id -> its row as a dict, built once per data version in the app."""
    return memo_for(indicators, ("profile.meta",), lambda: indicators.set_index("id").to_dict("index"))


def country_code(info: dict) -> str | None:
    """The NUTS 0 code of a region; None for the EU aggregate. A country is its own country."""
    return info.get("nuts0") if info and info.get("level", -1) >= 0 else None


def pool_codes(regions: pd.DataFrame, level: int, eu_only: bool = True) -> list[str]:
    """Codes of the (EU) regions of one level; kept per data version in the app (a fresh list each call)."""

    def codes():
        rows = regions[regions["level"] == level]
        return tuple((rows[rows["is_eu"]] if eu_only else rows)["code"].tolist())

    return list(memo_for(regions, ("profile.pool_codes", level, eu_only), codes))


def nuts2_parts(regions: pd.DataFrame, code: str) -> list[str]:
    """The NUTS 2 regions inside a NUTS 0 or 1 region (a NUTS 2 region is its own only part)."""
    level2 = memo_for(regions, ("profile.level2_codes",), lambda: tuple(regions.loc[regions["level"] == 2, "code"]))
    return sorted(c for c in level2 if c.startswith(code))


def locator_peers(regions: pd.DataFrame, level: int, nuts0: str | None) -> pd.DataFrame:
    """code, name of the regions a locator map draws around a region of `level` in `nuts0`: its country's regions
    of that level (the EU countries for a country); kept per data version (treat as read-only)."""

    def compute():
        same_level = regions[regions["level"] == level]
        peers = same_level[same_level["is_eu"] if level == 0 else same_level["nuts0"] == nuts0]
        return peers[["code", "name"]]

    return memo_for(regions, ("profile.locator_peers", level, nuts0 if level else None), compute)


def close_matches(regions: pd.DataFrame, text: str, n: int = 6) -> list[str]:
    """Codes of the regions whose code or name is closest to `text` (difflib), best first."""
    text = str(text or "").strip()
    if not text:
        return []
    known = regions[regions["level"] >= 0]
    codes = known["code"].tolist()
    by_name = {str(name).lower(): code for name, code in zip(known["name"], known["code"])}
    found = difflib.get_close_matches(text.upper(), codes, n=n, cutoff=0.6)
    found += [by_name[name] for name in difflib.get_close_matches(text.lower(), list(by_name), n=n, cutoff=0.6)]
    prefix = [c for c in codes if len(text) >= 2 and c.startswith(text.upper()[:2])] if not found else []
    return list(dict.fromkeys(found + prefix))[:n]


# --- Years ------------------------------------------------------------------------------------------------------

_EMPTY = pd.DataFrame(
    {"value": pd.Series(dtype="float64"), "flag": pd.Series(dtype="string")},
    index=pd.Index([], dtype="string", name="region"),
)


def _split(values: pd.DataFrame, indicator: str) -> dict:
    rows = values[values["indicator"] == indicator]
    return {
        "by_year": {
            int(y): g.set_index("region")[[c for c in ("value", "flag", "derivation") if c in g.columns]]
            for y, g in rows.groupby("year")
        },
        "known": rows.loc[rows["value"].notna(), ["region", "year"]].reset_index(drop=True),
    }


def _indicator(values: pd.DataFrame, indicator: str) -> dict:
    """One indicator's rows split by year (frames indexed by region) and its (region, year) pairs with a value.

    Inside the app it is kept with the loaded tables (`Tables.memo`: it lives and dies with the data version),
    so the many lookups of one page cost a dictionary access instead of a scan of the whole table; any other
    frame (scripts, unit tests) is split afresh."""
    return memo_for(values, ("profile.indicator", indicator), lambda: _split(values, indicator))


def region_years_with_values(values: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The (region, year) pairs of one indicator that have a value: from the split kept with the tables."""
    return _indicator(values, indicator)["known"]


def _year_rows(values: pd.DataFrame, indicator: str, year: int | None) -> pd.DataFrame:
    """value and flag of every region (index) for one indicator and year; empty when the year is None."""
    if year is None:
        return _EMPTY
    return _indicator(values, indicator)["by_year"].get(int(year), _EMPTY)


def runs(keys: np.ndarray) -> dict[str, slice]:
    """key -> the slice of its run in `keys` (sorted, so each key is one run): a split without a groupby."""
    if not len(keys):
        return {}
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts, ends = np.r_[0, change], np.r_[change, len(keys)]
    return {str(keys[a]): slice(int(a), int(b)) for a, b in zip(starts, ends)}


def region_value_years(values: pd.DataFrame, indicator: str) -> dict:
    """region -> sorted years with a value of `indicator`, once per indicator and data version (data.warm)."""
    entry = _indicator(values, indicator)
    if "years_of" not in entry:
        known = entry["known"].drop_duplicates().sort_values(["region", "year"], kind="stable")
        years = known["year"].to_numpy(dtype="int64")
        entry["years_of"] = {r: years[at] for r, at in runs(known["region"].to_numpy(dtype=object)).items()}
    return entry["years_of"]


def panel(values: pd.DataFrame, indicator: str) -> dict:
    """One indicator as region x year arrays, once per indicator and data version: `row` (region -> row), `col`
    (year -> column), `value` (NaN where none), `flag` and `derivation` ('' where none). A request's lookups are
    then array indexing, not frame lookups."""
    entry = _indicator(values, indicator)
    if "panel" not in entry:
        entry["panel"] = _make_panel(entry["by_year"])
    return entry["panel"]


def _make_panel(by_year: dict) -> dict:
    years = sorted(by_year)
    codes = sorted(set().union(*(frame.index for frame in by_year.values())))
    row = {c: i for i, c in enumerate(codes)}
    value = np.full((len(codes), len(years)), np.nan)
    flag = np.full(value.shape, "", dtype=object)
    derivation = np.full(value.shape, "", dtype=object)
    for j, year in enumerate(years):
        frame = by_year[year]
        at = np.fromiter((row[c] for c in frame.index), dtype=np.intp, count=len(frame))
        value[at, j] = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
        flag[at, j] = [_text(f) for f in frame["flag"].tolist()]
        if "derivation" in frame.columns:
            derivation[at, j] = [_text(d) for d in frame["derivation"].tolist()]
    return {
        "row": row,
        "col": {y: j for j, y in enumerate(years)},
        "value": value,
        "flag": flag,
        "derivation": derivation,
        "pools": {},
    }


def _text(x) -> str:
    return "" if x is None or pd.isna(x) else str(x)


def cell(panel: dict, code: str | None, year: int | None) -> tuple[float, str, str]:
    """(value, flag, derivation) of `code` in `year` from a `panel`; (nan, '', '') when absent."""
    i, j = panel["row"].get(code), panel["col"].get(year)
    if i is None or j is None:
        return float("nan"), "", ""
    return float(panel["value"][i, j]), panel["flag"][i, j], panel["derivation"][i, j]


def _pool_rows(panel: dict, codes) -> tuple[np.ndarray, frozenset]:
    """The panel rows of `codes` (those it holds) and `codes` as a set, kept with the panel."""
    key = tuple(codes)
    if key not in panel["pools"]:
        row = panel["row"]
        panel["pools"][key] = (np.array([row[c] for c in key if c in row], dtype=np.intp), frozenset(key))
    return panel["pools"][key]


def pool_values(panel: dict, codes, year: int | None) -> np.ndarray:
    """The values of `codes` (those the panel holds) in `year`, NaN where missing; empty when the year has none."""
    rows, _ = _pool_rows(panel, codes)
    j = panel["col"].get(year)
    return panel["value"][rows, j] if j is not None else np.empty(0)


def values_of(panel: dict, codes, year: int | None) -> np.ndarray:
    """The values of `codes` in `year`, one per code in their order (NaN where missing)."""
    key = ("aligned", tuple(codes))
    if key not in panel["pools"]:
        row = panel["row"]
        panel["pools"][key] = np.array([row.get(c, -1) for c in key[1]], dtype=np.intp)
    at, j = panel["pools"][key], panel["col"].get(year)
    if j is None:
        return np.full(len(at), np.nan)
    return np.where(at >= 0, panel["value"][at, j], np.nan)


def rank_among(panel: dict, codes, year: int | None, code: str, value: float, hib: bool) -> tuple[int | None, int]:
    """(competition rank of `value` among the values of `codes` in `year`, number ranked); (None, n) when `value` is
    missing. A region outside the pool (e.g. a non-EU region) is ranked as if it were added to it."""
    members = _pool_rows(panel, codes)[1]
    pool = pool_values(panel, codes, year)
    known = pool[~np.isnan(pool)]
    if value != value:
        return None, len(known)
    better = int((known > value).sum() if hib else (known < value).sum())
    own = cell(panel, code, year)[0] if code in members else float("nan")  # counted among `known` when not NaN
    return better + 1, len(known) + (0 if own == own else 1)


def year_used(values: pd.DataFrame, indicator: str, year: int, codes, coverage: float = 0.0) -> int | None:
    """The latest year up to `year` in which `codes` have (non-missing) values of `indicator`.

    With `coverage` > 0 the year must also hold values for at least that share of the best-covered year up to
    `year`: for a pool of regions, 0.9 skips a latest year published for a handful of regions only (R&D
    expenditure is biennial in many countries)."""
    entry = _indicator(values, indicator)
    codes = tuple(codes)
    key = (year, coverage, codes)
    memo = entry.setdefault("year_used", {})
    if key in memo:
        return memo[key]
    counts = entry.setdefault("counts", {})
    per_year = counts.get(codes)
    if per_year is None and len(codes) == 1:  # one region: its years with a value (each counts 1)
        years_of = region_value_years(values, indicator).get(codes[0], np.empty(0, dtype="int64"))
        per_year = (years_of, np.ones(len(years_of), dtype="int64"))
    if per_year is None:  # regions with a value per year, for this set of regions: any reference year reads it
        known = entry["known"]
        n = known.loc[known["region"].isin(list(codes)), "year"].value_counts().sort_index()
        per_year = (n.index.to_numpy(dtype="int64"), n.to_numpy(dtype="int64"))
        if len(counts) < 4096:
            counts[codes] = per_year
    years, n = per_year
    upto = years <= year
    if not upto.any():
        used = None
    elif coverage <= 0:
        used = int(years[upto].max())
    else:
        n_upto = n[upto]
        used = int(years[upto][n_upto >= coverage * n_upto.max()].max())
    if len(memo) < 4096:  # a bounded memo: pools and reference years repeat, single regions vary
        memo[key] = used
    return used


def region_years(values: pd.DataFrame, code: str, indicators=HEADLINE) -> list[int]:
    """Every year from the first to the last in which the region has a value of one of `indicators`."""
    spans = memo_for(values, ("profile.region_spans", tuple(indicators)), lambda: _region_spans(values, indicators))
    first, last = spans.get(code, (None, None))
    return [] if first is None else list(range(first, last + 1))


def _region_spans(values: pd.DataFrame, indicators) -> dict[str, tuple[int, int]]:
    """Region -> (first, last) year with a value of one of `indicators` (a scan of the table per data version)."""
    rows = values.loc[values["indicator"].isin(list(indicators)) & values["value"].notna(), ["region", "year"]]
    years = rows.groupby("region", observed=True)["year"].agg(["min", "max"])
    return {str(c): (int(a), int(b)) for c, a, b in zip(years.index, years["min"], years["max"])}


def indicator_years(
    values: pd.DataFrame, regions: pd.DataFrame, indicators, year: int, code: str | None = None, level: int = 2
) -> dict[str, int | None]:
    """Year used for each indicator at reference year `year`: the latest year up to `year` with data for the
    region `code` (when given), else the latest well-covered year of the EU regions of `level`."""
    pool = pool_codes(regions, level)
    out = {}
    for ind in indicators:
        used = year_used(values, ind, year, [code]) if code else None
        out[ind] = used if used is not None else year_used(values, ind, year, pool, POOL_COVERAGE)
    return out


# --- Headline values ---------------------------------------------------------------------------------------------


def latest_with_value(values: pd.DataFrame, indicator: str, code: str | None) -> int | None:
    """The latest year in which `code` has a value of `indicator` (None when it never has one)."""
    if code is None:
        return None
    entry = _indicator(values, indicator)
    if "latest" not in entry:  # region -> its latest year with a value, once per indicator and data version
        known = entry["known"]
        entry["latest"] = known.groupby("region")["year"].max().astype(int).to_dict() if len(known) else {}
    return entry["latest"].get(code)


def headline(
    values: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame, code: str, year: int, indicator_ids=HEADLINE
) -> pd.DataFrame:
    """One row per indicator: the region's value with its country's and the EU27's, the year, flags and ranks.

    Columns: indicator, label, short_label, unit, decimals, higher_is_better, year, value, flag, flag_text,
    country, country_value, country_flag, eu_value, eu_flag, eu_rank, eu_n, country_rank, country_n, level,
    derivation, country_derivation, eu_derivation (how a value was made, '' = as published), country_latest,
    eu_latest and their *_latest_value (the last year with a benchmark value, and that value, when the year used
    has none: shown with its year, never in place of the year used), benchmark_note.
    Ranks are among the EU regions of the region's NUTS level (1 = best: highest, or lowest where lower is
    better) and among the regions of the same level in its country; the year is the indicator's latest up to
    `year` with data for the region.
    """
    return pd.DataFrame(headline_records(values, regions, indicators, code, year, indicator_ids))


def headline_records(
    values: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame, code: str, year: int, indicator_ids=HEADLINE
) -> list[dict]:
    """`headline`'s rows as dicts: every value read from the indicators' panels, the ranks counted on arrays."""
    info = region_info(regions, code)
    if info is None:
        raise KeyError(code)
    level, country = info["level"], country_code(info)
    benchmark = country if country and level > 0 else None  # a region's country; none for a country itself
    meta = indicator_rows(indicators)
    eu_pool = pool_codes(regions, level)
    country_pool = _country_pool(regions, level, benchmark) if benchmark else ()
    years = indicator_years(values, regions, indicator_ids, year, code, max(level, 0))
    out = []
    for ind in indicator_ids:
        m = meta[ind]
        hib = bool(m["higher_is_better"])
        used = years[ind]
        grid = panel(values, ind)
        value, flag, derivation = cell(grid, code, used)
        c_value, c_flag, c_derivation = cell(grid, benchmark, used)
        eu_value, eu_flag, eu_derivation = cell(grid, EU_CODE, used)
        row = {
            "indicator": ind,
            "label": m["label"],
            "short_label": m["short_label"],
            "unit": m["unit"],
            "decimals": int(m["decimals"]),
            "higher_is_better": hib,
            "year": used,
            "level": level,
            "country": country,
            "value": value,
            "flag": flag,
            "country_value": c_value,
            "country_flag": c_flag,
            "eu_value": eu_value,
            "eu_flag": eu_flag,
            "derivation": derivation,
            "country_derivation": c_derivation,
            "eu_derivation": eu_derivation,
        }
        # When a benchmark has no value in the year used, the year it last had one (said, never substituted).
        for key, ref in (("country", benchmark), ("eu", EU_CODE)):
            latest = latest_with_value(values, ind, ref) if row[f"{key}_value"] != row[f"{key}_value"] else None
            row[f"{key}_latest"] = latest
            row[f"{key}_latest_value"] = cell(grid, ref, latest)[0] if latest is not None else float("nan")
        row["benchmark_note"] = "" if pd.isna(m.get("benchmark_note")) else str(m.get("benchmark_note"))
        row["eu_rank"], row["eu_n"] = rank_among(grid, eu_pool, used, code, value, hib)
        if country_pool:
            row["country_rank"], row["country_n"] = rank_among(grid, country_pool, used, code, value, hib)
        else:
            row["country_rank"], row["country_n"] = None, 0
        row["flag_text"] = flag_text(flag)
        out.append(row)
    return out


def _country_pool(regions: pd.DataFrame, level: int, country: str) -> tuple:
    """Codes of the regions of `level` in `country` (EU or not), from every country's kept per data version."""
    pools = memo_for(regions, ("profile.country_pools", level), lambda: _pools_by_country(regions, level))
    return pools.get(country, ())


def _pools_by_country(regions: pd.DataFrame, level: int) -> dict:
    """NUTS 0 code -> codes of its regions of `level`, in table order."""
    same_level = regions[regions["level"] == level]
    pools: dict = {}
    for code, nuts0 in zip(same_level["code"], same_level["nuts0"]):
        pools.setdefault(nuts0, []).append(code)
    return {nuts0: tuple(codes) for nuts0, codes in pools.items()}


def default_year(values: pd.DataFrame, code: str, indicator_ids=HEADLINE) -> int | None:
    """The latest year with a value of any of `indicator_ids` for the region."""
    years = region_years(values, code, indicator_ids)
    return years[-1] if years else None


# --- Normalised profile scores -----------------------------------------------------------------------------------


def minmax_in(value, pool: np.ndarray, higher_is_better: bool = True) -> float:
    """`value` on the 0-1 min-max scale of `pool` (an array of the pool's values, NaN where missing; turned round
    where lower is better), clipped to [0, 1]. Places a country or the EU27 on the scale of the EU NUTS 2 regions;
    NaN stays NaN."""
    if value is None or value != value:
        return float("nan")
    known = pool[~np.isnan(pool)]
    if not len(known):
        return float("nan")
    if not higher_is_better:
        known = -known
    lo, hi = float(known.min()), float(known.max())
    x = value if higher_is_better else -value
    if hi == lo:
        return 0.5
    return float(min(1.0, max(0.0, (x - lo) / (hi - lo))))


def score_matrix(
    values: pd.DataFrame,
    regions: pd.DataFrame,
    years: dict[str, int | None],
    level: int = 2,
    higher_is_better: dict[str, bool] | None = None,
) -> pd.DataFrame:
    """Min-max scores (0 worst - 1 best) of every EU region of `level`: rows region codes, columns indicators,
    each indicator in its year from `years` (normalised with `data.normalise.normalise`)."""
    pool = pool_codes(regions, level)
    hib = higher_is_better or {}
    columns = {
        ind: np.full(len(pool), np.nan)
        if yr is None
        else normalise_array(values_of(panel(values, ind), pool, yr), "minmax", hib.get(ind, True))
        for ind, yr in years.items()
    }
    return pd.DataFrame(columns, index=pd.Index(pool, name="region"), columns=list(years))


def profile(
    values: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame, code: str, year: int, indicator_ids=PROFILE
) -> pd.DataFrame:
    """The normalised profile of a region with its country and the EU27, one row per indicator.

    Columns: indicator, label, short_label, unit, decimals, higher_is_better, year, lo, hi (the NUTS 2 range),
    value, score, country_value, country_score, eu_value, eu_score. Scores are 0-1 on the min-max scale of the
    EU NUTS 2 regions in the indicator's year (see `minmax_in`); missing values have no score.
    """
    info = region_info(regions, code)
    if info is None:
        raise KeyError(code)
    country = country_code(info)
    meta = indicator_rows(indicators)
    years = indicator_years(values, regions, indicator_ids, year, code, 2)
    nuts2 = pool_codes(regions, 2)
    out = []
    for ind in indicator_ids:
        m = meta[ind]
        hib = bool(m["higher_is_better"])
        used = years[ind]
        grid = panel(values, ind)
        pool = pool_values(grid, nuts2, used)  # the EU NUTS 2 values
        value = cell(grid, code, used)[0]
        c_value = cell(grid, country, used)[0] if country and info["level"] > 0 else float("nan")
        eu_value = cell(grid, EU_CODE, used)[0]
        known = pool[~np.isnan(pool)]
        out.append(
            {
                "indicator": ind,
                "label": m["label"],
                "short_label": m["short_label"],
                "unit": m["unit"],
                "decimals": int(m["decimals"]),
                "higher_is_better": hib,
                "year": used,
                "lo": float(known.min()) if len(known) else float("nan"),
                "hi": float(known.max()) if len(known) else float("nan"),
                "value": value,
                "score": minmax_in(value, pool, hib),
                "country_value": c_value,
                "country_score": minmax_in(c_value, pool, hib),
                "eu_value": eu_value,
                "eu_score": minmax_in(eu_value, pool, hib),
            }
        )
    return pd.DataFrame(out)


# --- Similar regions ---------------------------------------------------------------------------------------------


def distance(a: pd.Series, b: pd.Series, min_shared: int = MIN_SHARED) -> tuple[float, int]:
    """(RMS difference over the indicators both have, number shared); NaN when fewer than `min_shared`."""
    both = a.notna() & b.notna()
    n = int(both.sum())
    if n == 0 or n < min_shared:
        return float("nan"), n
    diff = a[both].to_numpy(dtype="float64") - b[both].to_numpy(dtype="float64")
    return float(np.sqrt(np.mean(diff**2))), n


def similar_regions(
    matrix: pd.DataFrame, target: pd.Series, k: int = 5, min_shared: int = MIN_SHARED, exclude=()
) -> pd.DataFrame:
    """The `k` rows of `matrix` (regions x indicator scores) closest to `target` (scores by indicator).

    Regions in `exclude` and those sharing fewer than `min_shared` indicators with the target are left out;
    ties are broken by code. Columns: region, distance, shared.
    """
    cols = [c for c in matrix.columns if c in target.index]
    m = matrix[cols].astype("float64")
    t = target.reindex(cols).astype("float64")
    if int(t.notna().sum()) < min_shared:
        return pd.DataFrame(
            {
                "region": pd.Series(dtype="string"),
                "distance": pd.Series(dtype="float64"),
                "shared": pd.Series(dtype="int64"),
            }
        )
    known = m.notna() & t.notna().to_numpy()
    shared = known.sum(axis=1)
    diff = (m - t.to_numpy()).where(known)
    dist = np.sqrt((diff**2).sum(axis=1) / shared.where(shared > 0))
    out = pd.DataFrame(
        {"region": m.index.astype("string"), "distance": dist.to_numpy(), "shared": shared.to_numpy(dtype="int64")}
    )
    out = out[(out["shared"] >= min_shared) & ~out["region"].isin(list(exclude)) & out["distance"].notna()]
    return out.sort_values(["distance", "region"], kind="stable").head(k).reset_index(drop=True)


# --- Cluster presence and quadrants -----------------------------------------------------------------------------


def agglomeration_counts(
    ecosystem_employment: pd.DataFrame, lq_min: float = LQ_MIN, share_min: float = SHARE_MIN
) -> pd.Series:
    """Per region: how many ecosystems are regionally relevant agglomerations (LQ > lq_min, share >= share_min).

    A region whose every ecosystem LQ is missing gets NaN (no data), not 0."""
    eco = ecosystem_employment
    hit = is_agglomeration(eco["lq"], eco["share"], lq_min, share_min)
    counts = hit.groupby(eco["region"]).sum().astype("float64")
    any_known = eco["lq"].notna().groupby(eco["region"]).any()
    return counts.where(any_known)


def assign_quadrants(
    x: pd.Series, y: pd.Series, x_median: float | None = None, y_median: float | None = None
) -> tuple[pd.Series, float, float]:
    """('HH'/'HL'/'LH'/'LL' per row - first letter x, second y - , x median, y median).

    H = at or above the median, L = below. The medians are over the rows with both values unless given; rows
    missing either value get no quadrant (NA)."""
    xv, yv = (s.to_numpy(dtype="float64", na_value=np.nan) for s in (x, y))
    both = ~np.isnan(xv) & ~np.isnan(yv)
    xm = _median(xv[both]) if x_median is None else float(x_median)
    ym = _median(yv[both]) if y_median is None else float(y_median)
    labels = np.full(len(xv), None, dtype=object)  # None becomes NA
    labels[both] = np.char.add(np.where(xv[both] >= xm, "H", "L"), np.where(yv[both] >= ym, "H", "L")).astype(object)
    return pd.Series(pd.array(labels, dtype="string"), index=x.index), xm, ym


def _median(known: np.ndarray) -> float:
    """The median as pandas' Series.median gives it (numpy's, NaN when empty)."""
    return float(np.median(known)) if len(known) else float("nan")


def measure_meta(indicators: pd.DataFrame, measure: str) -> dict:
    """Label, unit, decimals, direction of an indicator id or of the derived agglomeration count."""
    if measure == AGGLOMERATIONS:
        return dict(AGGLOMERATIONS_META)
    m = indicator_meta(indicators, measure)
    m["decimals"] = int(m["decimals"])
    m["higher_is_better"] = bool(m["higher_is_better"])
    return m


def measure_values(
    values: pd.DataFrame,
    regions: pd.DataFrame,
    ecosystem_employment: pd.DataFrame,
    measure: str,
    year: int,
    level: int = 2,
) -> tuple[np.ndarray, int | None]:
    """(values of every EU region of `level` in `pool_codes` order, year used) for an indicator or the derived
    agglomeration count (2015, the year of the employment data)."""
    pool = pool_codes(regions, level)
    if measure == AGGLOMERATIONS:
        return _agglomerations(ecosystem_employment, tuple(pool)), _employment_year(ecosystem_employment)
    used = year_used(values, measure, year, pool, POOL_COVERAGE)
    return values_of(panel(values, measure), pool, used), used


def _agglomerations(ecosystem_employment: pd.DataFrame, pool: tuple) -> np.ndarray:
    """`agglomeration_counts` of the regions of `pool` in its order, kept per data version (read-only)."""

    def compute():
        counts = agglomeration_counts(ecosystem_employment).reindex(list(pool)).to_numpy(dtype="float64")
        counts.setflags(write=False)
        return counts

    return memo_for(ecosystem_employment, ("profile.agglomerations", pool), compute)


def _employment_year(ecosystem_employment: pd.DataFrame) -> int | None:
    return int(ecosystem_employment["year"].max()) if len(ecosystem_employment) else None


def quadrant_frame(
    values: pd.DataFrame, regions: pd.DataFrame, ecosystem_employment: pd.DataFrame, x: str, y: str, year: int
) -> tuple[pd.DataFrame, dict]:
    """Every EU NUTS 2 region with its x and y values and quadrant, and a summary dict.

    Frame columns: code, name, country, x, y, quadrant. Summary: x_year, y_year, x_median, y_median, counts
    (quadrant -> number of regions), missing (regions lacking x or y)."""
    xs, x_year = measure_values(values, regions, ecosystem_employment, x, year)
    ys, y_year = measure_values(values, regions, ecosystem_employment, y, year)
    df = _nuts2_frame(regions).assign(x=xs, y=ys)  # both in pool_codes order, the frame's order
    quad, xm, ym = assign_quadrants(df["x"], df["y"])
    df["quadrant"] = quad
    labels = quad.tolist()
    placed = Counter(q for q in labels if q is not pd.NA)  # NA: a region lacking x or y
    summary = {
        "x_year": x_year,
        "y_year": y_year,
        "x_median": xm,
        "y_median": ym,
        "counts": {q: placed.get(q, 0) for q in ("HH", "LH", "HL", "LL")},
        "missing": len(labels) - sum(placed.values()),
    }
    return df.reset_index(), summary


def _nuts2_frame(regions: pd.DataFrame) -> pd.DataFrame:
    """code (index), name, country of the EU NUTS 2 regions in `pool_codes` order, kept per data version."""

    def compute():
        return regions[(regions["level"] == 2) & regions["is_eu"]][["code", "name", "country"]].set_index("code")

    return memo_for(regions, ("profile.nuts2_frame",), compute)


# --- Comparison of several regions -------------------------------------------------------------------------------


def comparison(
    values: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame, codes, year: int, indicator_ids=PROFILE
) -> pd.DataFrame:
    """Long table of `codes` x indicators: region, indicator, year, value, flag, rank, n, score.

    All regions use the same year per indicator (the latest well-covered year of the EU NUTS 2 regions up to
    `year`, see `year_used`), so values are
    comparable across regions. rank/n: among the EU regions of the region's own NUTS level; score: 0-1 on the
    EU NUTS 2 min-max scale (`minmax_in`)."""
    return pd.DataFrame(comparison_records(values, regions, indicators, codes, year, indicator_ids))


def comparison_records(
    values: pd.DataFrame, regions: pd.DataFrame, indicators: pd.DataFrame, codes, year: int, indicator_ids=PROFILE
) -> list[dict]:
    """`comparison`'s rows as dicts, indicator by indicator: read from the indicators' panels, ranks counted and
    scores scaled on the arrays of the EU pools."""
    meta = indicator_rows(indicators)
    years = indicator_years(values, regions, indicator_ids, year, None, 2)
    levels = {code: _level(regions, code) for code in codes}
    pools = {lv: pool_codes(regions, lv) for lv in (0, 1, 2)}
    out = []
    for ind in indicator_ids:
        hib = bool(meta[ind]["higher_is_better"])
        used = years[ind]
        grid = panel(values, ind)
        nuts2 = pool_values(grid, pools[2], used)
        for code in codes:
            lv = levels[code]
            value, flag, _ = cell(grid, code, used)
            rank, n = rank_among(grid, pools.get(lv, ()), used, code, value, hib)  # outside the pool: as if added
            out.append(
                {
                    "region": code,
                    "indicator": ind,
                    "year": used,
                    "value": value,
                    "flag": flag,
                    "rank": rank,
                    "n": n,
                    "level": lv,
                    "score": minmax_in(value, nuts2, hib),
                }
            )
    return out


def _level(regions: pd.DataFrame, code: str) -> int:
    """A region's NUTS level (2 for a code the regions table does not hold)."""
    info = region_info(regions, code)
    return int(info["level"]) if info is not None else 2


def peer_average(comp: pd.DataFrame) -> pd.DataFrame:
    """Simple (unweighted) mean of the regions' scores and values per indicator, over the regions with a value:
    indicator, score, value, n."""
    g = comp.groupby("indicator", sort=False)
    out = pd.DataFrame(
        {"score": g["score"].mean(), "value": g["value"].mean(), "n": g["value"].count().astype("int64")}
    )
    return out.reset_index()


# --- The ten pilot regions of the seed briefings --------------------------------------------------------------------

# The EU industrial-transition pilot regions (EOCIC 2018-2019), each at the NUTS level of its own territory in
# NUTS 2024. Five are one NUTS 2 region; Hauts-de-France, Saxony and Wallonia are NUTS 1 regions and Lithuania
# and Slovenia countries, each made of several NUTS 2 regions (`nuts2_parts`).
# Their names as the briefings write them in English (marked for the catalogue: French has its own).
PILOTS = (
    (N_("Cantabria"), "ES13"),
    ("Centre-Val de Loire", "FRB0"),
    (N_("East & North Finland"), "FI1D"),
    ("Hauts-de-France", "FRE"),
    (N_("Lithuania"), "LT"),
    (N_("North-Middle Sweden"), "SE31"),
    (N_("Piemonte"), "ITC1"),
    (N_("Saxony"), "DED"),
    (N_("Slovenia"), "SI"),
    (N_("Wallonia"), "BE3"),
)
PILOT_CODES = tuple(code for _, code in PILOTS)


def pilot_mapping(regions: pd.DataFrame, values: pd.DataFrame, indicator_ids=PROFILE) -> pd.DataFrame:
    """The pilot regions with their codes: pilot, code, name (NUTS 2024), level, parts (NUTS 2 codes inside),
    indicators (how many of `indicator_ids` the dataset holds for the code itself, any year); kept per data
    version."""
    key = ("profile.pilot_mapping", tuple(indicator_ids), id(regions))
    return memo_for(values, key, lambda: _pilot_mapping(regions, values, indicator_ids))


def _pilot_mapping(regions: pd.DataFrame, values: pd.DataFrame, indicator_ids) -> pd.DataFrame:
    out = []
    held = values[values["indicator"].isin(list(indicator_ids)) & values["value"].notna()]
    held = held.groupby("region")["indicator"].nunique()
    for pilot, code in PILOTS:
        info = region_info(regions, code) or {"name": "", "level": None}
        parts = nuts2_parts(regions, code)
        out.append(
            {
                "pilot": pilot,
                "code": code,
                "name": info["name"],
                "level": info["level"],
                "parts": [p for p in parts if p != code],
                "indicators": int(held.get(code, 0)),
            }
        )
    return pd.DataFrame(out)


# --- Programme participation and cluster organisations (tables built by the programmes and policy pipelines) --------


def participation_summary(participations: pd.DataFrame, regions: pd.DataFrame, code: str) -> dict:
    """What the participation table holds for a region: participations, projects, programmes, organisations and
    cluster organisations, and the region codes to filter the Programmes page with.

    A country counts every participation in it (with or without a known region); a NUTS 1 or 2 region counts
    those located in it or in its NUTS 2 regions. The table is partial (collected from public pages), so these
    are counts of what the dataset lists, not official totals."""
    info = region_info(regions, code)
    if info is None or info["level"] < 0:
        raise KeyError(code)
    table = _participation_columns(participations)
    if info["level"] == 0:
        keep = [c == code for c in table["country"]]
    else:
        inside = {code, *nuts2_parts(regions, code)}
        keep = [r in inside for r in table["region"]]

    def kept(column, where=keep):
        return [x for x, k in zip(table[column], where) if k and _known(x)]

    clusters = [k and c == "yes" for k, c in zip(keep, table["is_cluster"])]
    return {
        "participations": sum(keep),
        "projects": len(set(kept("project"))),
        "programmes": sorted(set(kept("programme"))),
        "organisations": len(set(kept("organisation_id"))),
        "clusters": len(set(kept("organisation_id", clusters))),
        "filter": ("country", code) if info["level"] == 0 else ("region", sorted(set(kept("region")))),
    }


def _participation_columns(participations: pd.DataFrame) -> dict:
    """The participation columns a summary counts, as lists, kept per data version (a region's summary is then
    a pass over plain values, not a filter of the frame)."""
    names = ("country", "region", "project", "programme", "organisation_id", "is_cluster")
    return memo_for(
        participations, ("profile.participation_columns",), lambda: {c: participations[c].tolist() for c in names}
    )


def _known(value) -> bool:
    """Not missing (None, NaN or NA), as pandas' nunique and dropna count."""
    return value is not None and value is not pd.NA and value == value


def named_cluster_organisations(cluster_organisations: pd.DataFrame, regions: pd.DataFrame, code: str) -> dict:
    """Cluster organisations the policy documents name for the region or the larger region containing it:
    {region: code of the region they are recorded for, count} (count 0 when none)."""
    info = region_info(regions, code)
    if info is None or info["level"] < 0:
        raise KeyError(code)
    named = memo_for(
        cluster_organisations, ("profile.named_organisations",), lambda: _named_organisations(cluster_organisations)
    )
    for candidate in [code, info.get("nuts1"), info.get("nuts0")]:
        if candidate and candidate in named:
            return {"region": candidate, "count": len(named[candidate])}
    return {"region": None, "count": 0}


def _named_organisations(cluster_organisations: pd.DataFrame) -> dict:
    """Recorded region code -> the set of its organisations' keys (missing ones not counted), per data version."""
    named: dict = {}
    for region, key in zip(cluster_organisations["region_code"], cluster_organisations["org_key"]):
        if _known(region):
            keys = named.setdefault(region, set())
            if _known(key):
                keys.add(key)
    return named
