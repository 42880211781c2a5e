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
    if method not in METHODS:
        raise ValueError(f"unknown normalisation {method!r}; use one of {METHODS}")
    x = orient(values.astype("float64"), higher_is_better)
    known = x.dropna()
    out = pd.Series(np.nan, index=values.index, dtype="float64")
    if known.empty:
        return out
    if method == "minmax":
        lo, hi = known.min(), known.max()
        out[known.index] = 0.5 if hi == lo else (known - lo) / (hi - lo)
    elif method == "zscore":
        std = known.std(ddof=0)
        out[known.index] = 0.0 if std == 0 else (known - known.mean()) / std
    else:
        out[known.index] = known.rank(method="average", pct=True) if known.nunique() > 1 else 0.5
    return out


def competition_rank(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Standard competition ranking (1, 2, 2, 4): ties share the best rank; missing values get no rank."""
    x = orient(values.astype("float64"), higher_is_better)
    return x.rank(method="min", ascending=False).astype("Int64")
