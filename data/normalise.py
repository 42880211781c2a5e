"""Normalisation and ranking of indicator values (pure functions, shared by profiles, rankings, composites).

Missing values stay missing: they are never normalised to 0 and never ranked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

METHODS = ("minmax", "zscore", "rank")


def orient(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Values turned round where lower is better, so that higher always means better."""
    return values if higher_is_better else -values


def normalise(values: pd.Series, method: str = "minmax", higher_is_better: bool = True) -> pd.Series:
    """Scores of `values` against the others in the same Series, higher = better.

    minmax: 0 (worst) to 1 (best); zscore: (x - mean) / std; rank: percentile rank in (0, 1].
    A Series with one distinct value gets 0.5 (minmax, rank) or 0 (zscore): no spread, no ordering.
    """
    scores = normalise_array(values.to_numpy(dtype="float64", na_value=np.nan), method, higher_is_better)
    return pd.Series(scores, index=values.index, dtype="float64")


def normalise_array(values: np.ndarray, method: str = "minmax", higher_is_better: bool = True) -> np.ndarray:
    """`normalise` on a float array (NaN = missing), in numpy: the same numbers, without pandas' per-call cost."""
    if method not in METHODS:
        raise ValueError(f"unknown normalisation {method!r}; use one of {METHODS}")
    x = values if higher_is_better else -values
    has = ~np.isnan(x)
    out = np.full(len(x), np.nan)
    known = x[has]
    if not len(known):
        return out
    if method == "minmax":
        lo, hi = known.min(), known.max()
        out[has] = 0.5 if hi == lo else (known - lo) / (hi - lo)
    elif method == "zscore":
        mean = known.sum() / len(known)  # as pandas' mean and std(ddof=0) compute them
        std = np.sqrt(((mean - known) ** 2).sum() / len(known))
        out[has] = 0.0 if std == 0 else (known - mean) / std
    else:
        out[has] = average_rank(known) / len(known) if known.min() != known.max() else 0.5
    return out


def average_rank(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n of `x` (no NaN), ascending, ties given the mean of their ranks (pandas' method='average')."""
    order = np.argsort(x, kind="mergesort")
    where = np.empty(len(x), dtype="int64")
    where[order] = np.arange(len(x))
    ordered = x[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]]
    group = np.cumsum(first)[where]  # 1-based index of each value's tie group
    starts = np.r_[np.flatnonzero(first), len(x)]
    return 0.5 * (starts[group - 1] + 1 + starts[group])


def ranks_within(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = highest; ties share the best rank) of `values` (no NaN) within each group (integer
    labels): a grouped pandas rank(method="min", ascending=False), in numpy."""
    n = len(values)
    if not n:
        return np.zeros(0, dtype="int64")
    order = np.lexsort((-values, groups))
    v, g, at = values[order], groups[order], np.arange(n)
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_value = new_group | np.r_[True, v[1:] != v[:-1]]
    ranks = np.empty(n, dtype="int64")
    ranks[order] = np.maximum.accumulate(np.where(new_value, at, 0)) - np.maximum.accumulate(np.where(new_group, at, 0))
    return ranks + 1
