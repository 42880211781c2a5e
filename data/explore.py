"""The indicator explorer's data: one indicator's series for chosen regions with their countries and the EU27,
shown as values, as change since a base year, or on a log scale. Pure functions of DataFrames."""

from __future__ import annotations

import numpy as np
import pandas as pd

EU = "EU27_2020"
MEASURES = ("abs", "rel")


def series_frame(values: pd.DataFrame, regions: pd.DataFrame, indicator: str, codes: list[str]) -> pd.DataFrame:
    """Rows (code, name, kind, year, value, flag) for `codes` (kind 'region'), the countries they lie in (kind
    'country', each once, not repeated when a chosen code is itself the country) and the EU27 (kind 'eu').
    Missing years stay missing (no row or NaN), never filled."""
    names = regions.set_index("code")["name"]
    countries = [c[:2] for c in codes if c[:2] in names.index and c[:2] not in codes]
    order = [(c, "region") for c in codes] + [(c, "country") for c in dict.fromkeys(countries)] + [(EU, "eu")]
    rows = values[(values["indicator"] == indicator) & values["region"].isin([c for c, _ in order])]
    out = []
    for code, kind in order:
        part = rows[rows["region"] == code].sort_values("year")
        out.append(
            pd.DataFrame(
                {
                    "code": code,
                    "name": names.get(code, "EU27") if code != EU else "EU27",
                    "kind": kind,
                    "year": part["year"].astype(int).to_numpy(),
                    "value": part["value"].to_numpy(dtype="float64"),
                    "flag": part["flag"].fillna("").to_numpy(dtype=object),
                }
            )
        )
    return (
        pd.concat(out, ignore_index=True)
        if out
        else pd.DataFrame(columns=["code", "name", "kind", "year", "value", "flag"])
    )


def transform(df: pd.DataFrame, measure: str, base: int | None) -> tuple[pd.DataFrame, list[str]]:
    """Adds `shown`: the value ('abs') or the % change since `base` ('rel', per series). A series without a
    value in the base year has no relative change (NaN) and is named in the notes; nothing is interpolated."""
    out = df.copy()
    notes: list[str] = []
    if measure != "rel":
        out["shown"] = out["value"]
        return out, notes
    shown = np.full(len(out), np.nan)
    for _code, part in out.groupby("code", sort=False):
        at_base = part.loc[part["year"] == base, "value"]
        ref = float(at_base.iloc[0]) if len(at_base) else float("nan")
        if not np.isfinite(ref) or ref == 0:
            notes.append(f"{part['name'].iloc[0]} has no value in {base}: no change since then is shown for it.")
            continue
        shown[part.index] = (part["value"].to_numpy(dtype="float64") / ref - 1) * 100
    out["shown"] = shown
    return out, notes


def log_allowed(df: pd.DataFrame) -> bool:
    """A log axis only for strictly positive numbers (a change in % or a zero has no logarithm)."""
    shown = df["shown"].dropna() if "shown" in df else pd.Series(dtype="float64")
    return bool(len(shown)) and bool((shown > 0).all())
