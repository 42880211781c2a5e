"""A transparent composite indicator and its rank sensitivity (pure, vectorised functions).

Method (also stated on the Rankings page and on Data & methods):

1. **Normalisation**, per indicator, over the regions being ranked that have a value (`data.normalise`):
   min-max (0 worst .. 1 best), z-score ((x - mean) / sd) or percentile rank ((0, 1]); turned round where
   lower is better, so a higher score is always better.
2. **Missing values** are not imputed. An indicator with no value at all for the regions and year is left out
   of the composite (and named on the page). A region is scored only when its indicators with a value carry
   at least `MIN_SHARE` (75%) of the total weight; its weights are then re-scaled over the indicators it has
   (so they sum to 1 again). Regions below the threshold are left out and counted, never scored as 0.
3. **Aggregation**: weighted arithmetic mean sum(w_i s_i), or weighted geometric mean prod(s_i ** w_i).
   The geometric mean needs strictly positive scores: before it, each indicator's scores are rescaled
   linearly into [EPSILON, 1] (lowest region -> 0.01, highest -> 1; an indicator without spread -> 0.505).
   With z-scores this gives the same result as with min-max, since both are linear in the values.
4. **Contributions**: arithmetic: w_i s_i (they add up to the composite; with z-scores they can be negative).
   Geometric: the composite split in proportion to w_i s_i (a share, since a product has no additive parts).
5. **Rank sensitivity**: `draws` weight vectors from a Dirichlet distribution centred on the chosen weights,
   alpha = concentration * w (mean = w; a larger concentration = smaller spread; each weight's standard
   deviation is sqrt(w (1 - w) / (concentration + 1))). Seeded, so the same link gives the same result. The
   regions are re-ranked under each draw (normalised scores do not depend on the weights); each region gets
   its median rank and the 5th and 95th percentiles of its ranks. The band shown is that 5-95% range,
   widened where needed to include the rank under the chosen weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data import catalogue
from data.labels import indicators_in
from data.normalise import METHODS as NORMALISATIONS
from data.normalise import normalise_array
from i18n import format_number, format_percent, translator

AGGREGATIONS = ("arithmetic", "geometric")
EPSILON = 0.01
MIN_SHARE = 0.75
DEFAULT_MIN_COVERAGE = 0.5  # an indicator enters the default composite when half the regions have a value


def _round(x):
    # Composite values of regions with identical scores must tie exactly, whatever the BLAS summation order.
    return np.round(x, 12)


def normalised_scores(values: pd.DataFrame, higher_is_better: dict, normalisation: str = "minmax") -> pd.DataFrame:
    """Each column (indicator) of `values` (regions x indicators) normalised, higher = better; NaN stays NaN."""
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; use one of {NORMALISATIONS}")
    return pd.DataFrame(
        _scores(
            values.to_numpy(dtype="float64", na_value=np.nan), list(values.columns), higher_is_better, normalisation
        ),
        index=values.index,
        columns=values.columns,
    )


def _scores(values: np.ndarray, columns: list, higher_is_better: dict, normalisation: str) -> np.ndarray:
    """`normalised_scores` on a regions x indicators float array."""
    out = np.empty(values.shape, dtype="float64")
    for j, c in enumerate(columns):
        out[:, j] = normalise_array(values[:, j], normalisation, bool(higher_is_better.get(c, True)))
    return out


def positive_scores(scores: np.ndarray) -> np.ndarray:
    """Scores rescaled per column into [EPSILON, 1] (for the geometric mean); NaN stays NaN."""
    with np.errstate(all="ignore"):
        lo, hi = np.nanmin(scores, axis=0), np.nanmax(scores, axis=0)
        span = hi - lo
        unit = np.where(span > 0, (scores - lo) / np.where(span > 0, span, 1.0), 0.5)
    return np.where(np.isnan(scores), np.nan, EPSILON + (1 - EPSILON) * unit)


def aggregate(scores: np.ndarray, weights: np.ndarray, aggregation: str = "arithmetic") -> np.ndarray:
    """Composite of `scores` (n regions x k) under one (k) or many (d x k) weight vectors -> n or n x d.

    Weights are re-scaled over the indicators each region has. Geometric expects scores in (0, 1] (see
    `positive_scores`). Regions with no indicator get NaN.
    """
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {aggregation!r}; use one of {AGGREGATIONS}")
    single = np.ndim(weights) == 1
    w = np.atleast_2d(np.asarray(weights, dtype="float64"))  # d x k
    known = ~np.isnan(scores)
    available = known.astype("float64") @ w.T  # n x d: weight a region has
    with np.errstate(all="ignore"):
        if aggregation == "arithmetic":
            total = np.where(known, scores, 0.0) @ w.T
            out = total / available
        else:
            logs = np.where(known, np.log(np.where(known, scores, 1.0)), 0.0) @ w.T
            out = np.exp(logs / available)
    out = np.where(available > 0, _round(out), np.nan)
    return out[:, 0] if single else out


def weight_coverage(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Share of the total weight carried by the indicators each region has a value for."""
    w = np.asarray(weights, dtype="float64")
    return (~np.isnan(scores)).astype("float64") @ w / w.sum()


@dataclass
class Composite:
    """The composite of a set of regions: scores, contributions and what was left out."""

    scores: pd.DataFrame  # regions x indicators: normalised scores (rescaled to [0.01, 1] for geometric)
    weights: pd.Series  # indicator -> weight, summing to 1 (only indicators used)
    value: pd.Series  # region -> composite (NaN: not scored)
    coverage: pd.Series  # region -> share of the weight with a value
    contributions: pd.DataFrame  # regions x indicators, adding up to the composite
    dropped: list  # indicators with no value at all (left out of the composite)
    normalisation: str
    aggregation: str


def composite(
    values: pd.DataFrame,
    weights: dict,
    higher_is_better: dict,
    normalisation: str = "minmax",
    aggregation: str = "arithmetic",
    min_share: float = MIN_SHARE,
) -> Composite:
    """Composite of `values` (regions x indicators, NaN = no value) with `weights` (indicator -> weight >= 0).

    See the module docstring for the method. Raises ValueError when no indicator with a positive weight has a
    value.
    """
    parts = composite_arrays(
        values.to_numpy(dtype="float64", na_value=np.nan),
        list(values.columns),
        weights,
        higher_is_better,
        normalisation,
        aggregation,
        min_share,
    )
    return as_composite(parts, values.index, normalisation, aggregation)


def as_composite(parts: dict, index: pd.Index, normalisation: str, aggregation: str) -> Composite:
    """The `Composite` of `composite_arrays`' parts, its rows labelled by `index`."""
    used = parts["used"]
    return Composite(
        scores=pd.DataFrame(parts["scores"], index=index, columns=used),
        weights=pd.Series(parts["weights"], index=used, dtype="float64"),
        value=pd.Series(parts["value"], index=index, name="composite"),
        coverage=pd.Series(parts["coverage"], index=index),
        contributions=pd.DataFrame(parts["contributions"], index=index, columns=used),
        dropped=parts["dropped"],
        normalisation=normalisation,
        aggregation=aggregation,
    )


def composite_arrays(
    array: np.ndarray,
    columns: list,
    weights: dict,
    higher_is_better: dict,
    normalisation: str,
    aggregation: str,
    min_share: float = MIN_SHARE,
) -> dict:
    """`composite` on a regions x indicators float array (`columns` its indicators), as arrays: used (the
    indicators used), weights (theirs, summing to 1), scores, value, coverage, contributions, dropped."""
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; use one of {NORMALISATIONS}")
    has_any = dict(zip(columns, (~np.isnan(array)).any(axis=0))) if len(array) else dict.fromkeys(columns, False)
    used = [c for c in columns if weights.get(c, 0) > 0]
    dropped = [c for c in used if not has_any[c]]
    used = [c for c in used if c not in dropped]
    if not used:
        raise ValueError("no indicator with a positive weight has a value for these regions")
    w = np.array([float(weights[c]) for c in used])
    w = w / w.sum()
    s = _scores(array[:, [columns.index(c) for c in used]], used, higher_is_better, normalisation)
    if aggregation == "geometric":
        s = positive_scores(s)
    coverage = weight_coverage(s, w)
    value = aggregate(s, w, aggregation)
    value = np.where(coverage >= min_share - 1e-12, value, np.nan)
    # Contributions: w_i' s_i with w' re-scaled over the region's indicators.
    known = ~np.isnan(s)
    wk = np.where(known, w, 0.0)
    with np.errstate(all="ignore"):
        wk = wk / wk.sum(axis=1, keepdims=True)
        parts = np.where(known, wk * np.nan_to_num(s), np.nan)
        if aggregation == "geometric":
            total = np.nansum(parts, axis=1, keepdims=True)
            parts = parts / np.where(total > 0, total, 1.0) * value[:, None]
    parts = np.where(np.isnan(value)[:, None], np.nan, parts)
    return {
        "used": used,
        "weights": w,
        "scores": s,
        "value": value,
        "coverage": coverage,
        "contributions": parts,
        "dropped": dropped,
    }


def competition_ranks(matrix: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = highest; ties share the best rank) of each column of `matrix` (n x d, no NaN)."""
    n, d = matrix.shape
    # Any sort will do (3-4x faster than a stable one): tied values share the rank of their run's first place.
    order = np.argsort(-matrix, axis=0, kind="quicksort")
    ordered = np.take_along_axis(matrix, order, axis=0)
    new = np.ones((n, d), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    first = np.where(new, np.arange(n)[:, None], 0)
    first = np.maximum.accumulate(first, axis=0)
    ranks = np.empty((n, d), dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=0)
    return ranks


def dirichlet_weights(weights: np.ndarray, draws: int, concentration: float, seed: int) -> np.ndarray:
    """`draws` x k weight vectors around `weights` (normalised), alpha = concentration * w. Seeded."""
    w = np.asarray(weights, dtype="float64")
    w = w / w.sum()
    rng = np.random.default_rng(seed)
    if len(w) == 1:
        return np.ones((draws, 1))
    return rng.dirichlet(concentration * w, size=draws)


def weight_sd(weight: float, concentration: float) -> float:
    """Standard deviation of one normalised weight under the Dirichlet perturbation."""
    return float(np.sqrt(weight * (1 - weight) / (concentration + 1)))


def sensitivity(comp: Composite, draws: int = 200, concentration: float = 50.0, seed: int = 1) -> pd.DataFrame:
    """Ranks of the scored regions under `draws` Dirichlet perturbations of the weights.

    Returns one row per scored region (index = region): rank (under the chosen weights), median, p5, p95
    (percentiles of the perturbed ranks), low, high (the 5-95% band widened to include `rank`).
    """
    scored = comp.value.notna().to_numpy()
    bands = rank_bands(
        comp.scores.to_numpy(dtype="float64")[scored],
        comp.weights.to_numpy(),
        comp.value.to_numpy()[scored],
        comp.aggregation,
        draws,
        concentration,
        seed,
    )
    return pd.DataFrame(bands, index=comp.value.index[scored])


def rank_bands(
    scores: np.ndarray,
    weights: np.ndarray,
    value: np.ndarray,
    aggregation: str,
    draws: int,
    concentration: float,
    seed: int,
) -> dict:
    """The numpy core of `sensitivity`: scored regions' `scores` (n x k, as the composite used them), the
    chosen `weights` (k) and composite `value` (n) -> rank, median, p5, p95, low, high (arrays of n)."""
    n = len(value)
    if n == 0:
        return {c: np.array([], dtype=int) for c in ("rank", "median", "p5", "p95", "low", "high")}
    w = dirichlet_weights(weights, draws, concentration, seed)
    ranks = competition_ranks(aggregate(scores, w, aggregation))  # n x draws
    base = competition_ranks(np.asarray(value, dtype="float64")[:, None])[:, 0]
    p5, median, p95 = np.quantile(ranks, [0.05, 0.5, 0.95], axis=1, method="inverted_cdf").astype(int)
    return {
        "rank": base,
        "median": median,
        "p5": p5,
        "p95": p95,
        "low": np.minimum(p5, base),
        "high": np.maximum(p95, base),
    }


def coverage_by_year(values: pd.DataFrame, region_codes, indicator_ids) -> pd.DataFrame:
    """Number of `region_codes` with a value, by year (rows) and indicator (columns)."""
    rows = values[
        values["indicator"].isin(list(indicator_ids))
        & values["region"].isin(list(region_codes))
        & values["value"].notna()
    ]
    counts = rows.groupby(["year", "indicator"])["region"].nunique().unstack(fill_value=0)
    return counts.reindex(columns=list(indicator_ids), fill_value=0)


def default_candidates(indicators: pd.DataFrame) -> list[str]:
    """The indicators the catalogue makes default composite members (`composite: True`), in table order."""
    return catalogue.default_composite(indicators["id"].tolist())


def default_indicators(
    indicators: pd.DataFrame, values: pd.DataFrame, region_codes, year: int, min_coverage: float = DEFAULT_MIN_COVERAGE
) -> list[str]:
    """The default composite's indicators for `year`: its members (`default_candidates`) with a value for at
    least `min_coverage` of `region_codes` in that year."""
    codes = list(region_codes)
    candidates = default_candidates(indicators)
    if not codes:
        return []
    counts = coverage_by_year(values[values["year"] == year], codes, candidates)
    return covered_indicators(counts, candidates, len(codes), year, min_coverage)


def covered_indicators(counts: pd.DataFrame, candidates, n_regions: int, year: int, min_coverage: float) -> list:
    """The `candidates` with a value for at least `min_coverage` of `n_regions` regions in `year`, from their
    counts by year (`coverage_by_year`, of that year or of every year: the row is the same)."""
    row = counts.loc[year] if year in counts.index else pd.Series(0, index=candidates)
    return [c for c in candidates if row[c] >= min_coverage * n_regions]


def best_year(
    values: pd.DataFrame,
    region_codes,
    weights: dict,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    min_share: float = MIN_SHARE,
) -> int | None:
    """The latest year in which indicators carrying at least `min_share` of the weight each have a value for
    `min_coverage` of the regions; else the latest year with the most such weight."""
    codes = list(region_codes)
    ids = [i for i, w in weights.items() if w > 0]
    if not codes or not ids:
        return None
    counts = coverage_by_year(values, codes, ids)
    if counts.empty:
        return None
    w = pd.Series({i: float(weights[i]) for i in ids})
    covered = (counts >= min_coverage * len(codes)).astype(float) @ (w / w.sum())
    good = covered[covered >= min_share - 1e-12]
    if len(good):
        return int(good.index.max())
    if covered.max() > 0:
        return int(covered.index[covered == covered.max()].max())
    return int(counts.index[counts.sum(axis=1) > 0].max())


def default_year(indicators: pd.DataFrame, values: pd.DataFrame, region_codes) -> int | None:
    """The latest year in which the default composite has at least two indicators (else one)."""
    codes = list(region_codes)
    candidates = default_candidates(indicators)
    if not codes:
        return None
    counts = coverage_by_year(values, codes, candidates)
    enough = (counts >= DEFAULT_MIN_COVERAGE * len(codes)).sum(axis=1)
    for need in (2, 1):
        years = enough.index[enough >= need]
        if len(years):
            return int(years.max())
    return None


def indicator_frame(values: pd.DataFrame, region_codes, indicator_ids, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, flags): regions (rows, in `region_codes` order) x indicators for one year; NaN / '' where none."""
    asked = list(region_codes)
    codes = list(dict.fromkeys(asked))  # a code asked twice gets the same row twice (reindexed at the end)
    ids = list(indicator_ids)
    rows = values[values["year"] == year]  # the cheap integer filter first
    # Cells placed by position (numpy) instead of two pivots: the first row of each (region, indicator) wins.
    r = pd.Index(codes).get_indexer(rows["region"].to_numpy(dtype=object))
    c = pd.Index(ids).get_indexer(rows["indicator"].to_numpy(dtype=object))
    keep = np.flatnonzero((r >= 0) & (c >= 0))
    cell = r[keep] * len(ids) + c[keep]
    cell, first = np.unique(cell, return_index=True)
    keep = keep[first]
    wide = np.full(len(codes) * len(ids), np.nan)
    wide[cell] = rows["value"].to_numpy(dtype="float64", na_value=np.nan)[keep]
    flag = np.full(len(codes) * len(ids), np.nan, dtype=object)
    flag[cell] = rows["flag"].to_numpy(dtype=object, na_value=np.nan)[keep]
    shape = (len(codes), len(ids))
    index, columns = pd.Index(codes, name="region"), pd.Index(ids, name="indicator")
    wide = pd.DataFrame(wide.reshape(shape), index=index, columns=columns)
    flags = pd.DataFrame(flag.reshape(shape), index=index, columns=columns)
    if len(codes) < len(asked):
        wide, flags = wide.reindex(asked), flags.reindex(asked)
    return wide, flags


def method_markdown(indicators: pd.DataFrame, lang: str = "en") -> str:
    """The composite's method in plain words (Markdown), for the Rankings and Data & methods pages, in `lang`:
    one catalogue message per paragraph (placeholders for the numbers and lists, written in the language)."""
    _ = translator(lang)
    labels = dict(zip(indicators["id"], indicators_in(indicators, lang)["label"]))
    candidates = ", ".join(f"{labels.get(i, i)} (`{i}`)" for i in default_candidates(indicators))
    excluded = _("; ").join(
        _("{indicator} (`{id}`): {why}").format(indicator=labels.get(i, i), id=i, why=_(why))
        for i, why in catalogue.composite_notes().items()
        if i in labels
    )
    epsilon = format_number(EPSILON, lang, 2)
    paragraphs = [
        _(
            "**Ranks.** Regions are ranked with standard competition ranking: tied values share the best rank (1, 2, 2, 4).\n"
            "Regions without a value for the year are left out of the ranking and counted on the page, never ranked as 0.\n"
            "The direction comes from the indicator: where lower is better (unemployment), the lowest value ranks first.\n"
            "Rank within country is among the ranked regions of the same country; the change of rank compares with the\n"
            "ranks of the same set of regions in the earlier year chosen (positive = moved up)."
        ),
        _(
            "**Default composite.** Equal weights over its candidate indicators that have a value for at least\n"
            "{coverage} of the regions being ranked in the chosen year. Candidates: {candidates}.\n"
            "Left out on purpose: {excluded}. The default year is the latest with at least two such indicators. Any indicator\n"
            'can be added with the weight sliders, and "{reset}" recomputes it for the year shown.'
        ).format(
            coverage=format_percent(100 * DEFAULT_MIN_COVERAGE, lang, 0),
            candidates=candidates,
            excluded=excluded,
            reset=_("Reset to the default composite"),
        ),
        _(
            "**Normalisation**, per indicator, over the regions being ranked that have a value: min-max (worst 0, best 1),\n"
            "z-score ((value - mean) / standard deviation) or percentile rank; turned round where lower is better, so a\n"
            "higher score is always better."
        ),
        _(
            "**Missing values** are not filled in. An indicator with no value at all for the regions and year is left out\n"
            "(and named on the page). A region is scored only when its indicators with a value carry at least\n"
            "{share} of the total weight; its weights are then re-scaled over the indicators it has, so they sum\n"
            "to 1 again. Regions below that are left out and counted."
        ).format(share=format_percent(100 * MIN_SHARE, lang, 0)),
        _(
            "**Aggregation.** Weighted arithmetic mean (sum of weight x score) or weighted geometric mean (product of\n"
            "score ^ weight, which compensates a weak indicator less). The geometric mean needs strictly positive scores:\n"
            "before it, each indicator's scores are rescaled linearly into [{epsilon}, 1] (lowest region {epsilon}, highest 1;\n"
            "an indicator without spread 0.505). With z-scores this gives the same result as with min-max."
        ).format(epsilon=epsilon),
        _(
            "**Contributions.** Arithmetic: weight x score, adding up to the composite (negative with z-scores below the\n"
            "mean). Geometric: the composite split in proportion to weight x score."
        ),
        _(
            "**Rank sensitivity** (OECD/JRC Handbook on Constructing Composite Indicators, 2008): the regions are re-ranked\n"
            "under many weight vectors drawn from a Dirichlet distribution centred on the chosen weights, alpha =\n"
            "concentration x weight (each weight's standard deviation is sqrt(w (1 - w) / (concentration + 1)); a larger\n"
            "concentration means smaller changes). Each region gets its median rank and the 5th-95th percentile band of its\n"
            "ranks, widened where needed to include its rank under the chosen weights. Normalised scores do not depend on\n"
            "the weights and are computed once. The draws are seeded: the same link gives the same bands."
        ),
    ]
    return "\n" + "\n\n".join(paragraphs) + "\n"
