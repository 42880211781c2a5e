"""Specialisation: location quotients and regionally relevant agglomerations (pure functions).

An agglomeration is "regionally relevant" when LQ > 1.5 and the activity has at least 1% of the region's
employment: the definition of the ECCP country factsheets.
"""
from __future__ import annotations

import pandas as pd

LQ_MIN = 1.5
SHARE_MIN = 0.01


def location_quotient(employment: float, region_total: float, eu_employment: float, eu_total: float) -> float:
    """(e_ri / e_r) / (E_i / E); NaN when any part is missing or a total is zero."""
    try:
        return (employment / region_total) / (eu_employment / eu_total)
    except (TypeError, ZeroDivisionError):
        return float("nan")


def is_agglomeration(lq: pd.Series, share: pd.Series, lq_min: float = LQ_MIN,
                     share_min: float = SHARE_MIN) -> pd.Series:
    """True where LQ > lq_min and share >= share_min; missing values are never agglomerations."""
    return (lq > lq_min).fillna(False) & (share >= share_min).fillna(False)


def regions_specialised_in(ecosystem_employment: pd.DataFrame, ecosystem_id: str, lq_min: float = LQ_MIN,
                           share_min: float = 0.0) -> list[str]:
    """Codes of the regions whose LQ in `ecosystem_id` is above `lq_min` (and share at least `share_min`)."""
    rows = ecosystem_employment[ecosystem_employment["ecosystem_id"] == ecosystem_id]
    keep = is_agglomeration(rows["lq"], rows["share"], lq_min, share_min)
    return sorted(rows.loc[keep, "region"].tolist())
