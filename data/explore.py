"""The indicator explorer's data: one indicator's series for chosen regions with their countries and the EU27,
shown as values, as change since a base year, or on a log scale. Pure functions of DataFrames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.build.quality import BREAK_FLAG
from data.quality import BREAK_TEXT, WARNING, detail_in, flagged_indicator_cells, short_detail
from data.store import memo_for
from i18n import N_, translator

EU = "EU27_2020"
MEASURES = ("abs", "rel")
# How the pipeline made a value (indicator_values.derivation), for the message catalogue; shown through it.
DERIVATIONS = (
    N_("sum of NUTS 2 parts"),
    N_("ratio of sums of NUTS 2 parts"),
    N_("ratio of sums of the 27 EU countries"),
)


def series_frame(values: pd.DataFrame, regions: pd.DataFrame, indicator: str, codes: list[str]) -> pd.DataFrame:
    """Rows (code, name, kind, year, value, flag) for `codes` (kind 'region'), the countries they lie in (kind
    'country', each once, not repeated when a chosen code is itself the country) and the EU27 (kind 'eu').
    Missing years stay missing (no row or NaN), never filled."""
    names = region_names(regions)
    order = series_order(codes, names.index)  # never empty: the EU27 is always drawn
    series = indicator_series(values, indicator)
    found = [region_series(series, code) for code, _kind in order]
    counts = [len(year) for year, _value, _flag in found]  # the series as one set of columns, rows in `order`

    def repeated(texts):
        return pd.array(np.repeat(np.array(texts, dtype=object), counts), dtype="str")

    return pd.DataFrame(
        {
            "code": repeated([code for code, _kind in order]),
            "name": repeated([names.get(code, "EU27") if code != EU else "EU27" for code, _kind in order]),
            "kind": repeated([kind for _code, kind in order]),
            "year": np.concatenate([year for year, _value, _flag in found]).astype("int64"),
            "value": np.concatenate([value for _year, value, _flag in found]).astype("float64"),
            "flag": _flags(np.concatenate([flag for _year, _value, flag in found]), all(counts)),
        }
    )


def _flags(flags: np.ndarray, every_series_drawn: bool):
    """The flag column with the dtype a concat of one frame per series gives: text, or objects when a series
    has no row (its empty column has no text dtype)."""
    return pd.array(flags, dtype="str") if every_series_drawn else pd.Series(flags, dtype=object)


_NO_SERIES = (np.empty(0, dtype="int64"), np.empty(0, dtype="float64"), np.empty(0, dtype=object))


def indicator_series(values: pd.DataFrame, indicator: str) -> dict:
    """One indicator's years, values and flags by region (read with `region_series`), kept per data version
    (built at start-up, data.warm)."""
    return memo_for(values, ("explore.series", indicator), lambda: _series_by_region(values, indicator))


def region_series(series: dict, code: str) -> tuple:
    """(years, values, flags) of one region from `indicator_series`: views of its arrays, made per call (kept
    as tuples, the views of every region and indicator cost ~10 MB at NUTS 3 scale)."""
    at = series["at"].get(code)
    return _NO_SERIES if at is None else (series["year"][at], series["value"][at], series["flag"][at])


def _series_by_region(values: pd.DataFrame, indicator: str) -> dict:
    """Rows of one indicator in region and year order, and each region's slice of them (`at`)."""
    from data.profile import runs

    rows = values[values["indicator"] == indicator].sort_values(["region", "year"], kind="stable")
    return {
        "at": runs(rows["region"].to_numpy(dtype=object)),
        "year": rows["year"].astype(int).to_numpy(),
        "value": rows["value"].to_numpy(dtype="float64", na_value=np.nan),
        "flag": rows["flag"].fillna("").to_numpy(dtype=object),
    }


def region_names(regions: pd.DataFrame) -> pd.Series:
    """code -> name of every region (kept per data version: treat as read-only)."""
    return memo_for(regions, ("explore.region_names",), lambda: regions.set_index("code")["name"])


def series_order(codes: list[str], known) -> list[tuple[str, str]]:
    """(code, kind) of the series drawn for `codes`: the codes, the countries they lie in (among `known`), the EU27."""
    countries = [c[:2] for c in codes if c[:2] in known and c[:2] not in codes]
    return [(c, "region") for c in codes] + [(c, "country") for c in dict.fromkeys(countries)] + [(EU, "eu")]


def transform(df: pd.DataFrame, measure: str, base: int | None, lang: str = "en") -> tuple[pd.DataFrame, list[str]]:
    """Adds `shown`: the value ('abs') or the % change since `base` ('rel', per series). A series without a
    value in the base year has no relative change (NaN) and is named in the notes (in `lang`); nothing is
    interpolated."""
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
            _ = translator(lang)
            notes.append(
                _("{name} has no value in {base}: no change since then is shown for it.").format(
                    name=part["name"].iloc[0], base=base
                )
            )
            continue
        shown[part.index] = (part["value"].to_numpy(dtype="float64") / ref - 1) * 100
    out["shown"] = shown
    return out, notes


def log_allowed(df: pd.DataFrame) -> bool:
    """A log axis only for strictly positive numbers (a change in % or a zero has no logarithm)."""
    shown = df["shown"].dropna() if "shown" in df else pd.Series(dtype="float64")
    return bool(len(shown)) and bool((shown > 0).all())


def series_notes(
    values: pd.DataFrame, df: pd.DataFrame, indicator: str, order, names, missing: str, lang: str = "en"
) -> list[str]:
    """What the lines do not say themselves: a series of `order` (from `series_order`) without any value ('no
    data' for a chosen region, `missing` for a country or the EU27) and values the pipeline made rather than read
    (e.g. 'sum of NUTS 2 parts', with their years). `names`: code -> the name shown; `missing` and the notes in
    `lang`."""
    _ = translator(lang)
    drawn = set(df.loc[df["value"].notna(), "code"])
    notes = [
        _("{name}: {what}").format(name=names[code], what=_("no data") if kind == "region" else missing)
        for code, kind in order
        if code not in drawn
    ]
    if "derivation" in values:
        shown = {code for code, _kind in order}
        for code, how, years in derivation_spans(values, indicator):
            if code in shown:
                notes.append(_("{name}: {what}").format(name=names[code], what=f"{_(how)} ({years})"))
    return notes


def derivation_spans(values: pd.DataFrame, indicator: str) -> tuple:
    """(region, derivation, '2010-2021') of every run of values the pipeline made for `indicator`, in the order
    of their first row in the table; kept per data version (a request keeps those of its regions)."""

    def compute():
        rows = values[(values["indicator"] == indicator) & values["derivation"].notna()]
        spans = []
        for (code, how), group in rows.groupby(["region", "derivation"], sort=False):
            span = sorted(int(y) for y in group["year"])
            spans.append((code, how, f"{span[0]}-{span[-1]}" if len(span) > 1 else f"{span[0]}"))
        return tuple(spans)

    return memo_for(values, ("explore.derivation_spans", indicator), compute)


def quality_marks(df: pd.DataFrame, flagged: dict, lang: str = "en") -> list[dict]:
    """Marks on the drawn points of `df` (from `transform`): Eurostat's breaks in series (flag 'b') and the cells
    `flagged` {(region, year): detail} by a plausibility check, each at its shown value, with its text in `lang`."""
    _ = translator(lang)
    marks = []
    columns = (df[c].tolist() for c in ("code", "name", "year", "flag", "shown"))  # no row objects
    for code, name, year, flag, shown in zip(*columns):
        label = _("EU27") if code == EU else f"{name} ({code})"
        if BREAK_FLAG in str(flag or ""):
            marks.append(
                {
                    "kind": "break",
                    "year": int(year),
                    "value": shown,
                    "label": label,
                    "text": _("{name}: {what}").format(name=int(year), what=f"{_(BREAK_TEXT)} ({label})"),
                }
            )
        detail = flagged.get((code, int(year)))
        if detail is not None:
            detail = detail_in(detail, lang)
            marks.append(
                {
                    "kind": "suspect",
                    "year": int(year),
                    "value": shown,
                    "label": label,
                    "detail": detail,
                    "text": f"{WARNING} "
                    + _("{name}: {what}").format(name=f"{int(year)}, {label}", what=short_detail(detail)),
                }
            )
    return marks


def flagged_cells(data_quality: pd.DataFrame, region_codes, indicator: str) -> dict:
    """`data.quality.flagged_indicator_cells` from every region's flagged cells of `indicator`, found once per
    data version."""
    every = memo_for(
        data_quality,
        ("explore.flagged_cells", indicator),
        lambda: flagged_indicator_cells(data_quality, data_quality["region"].unique(), indicator),
    )
    codes = set(region_codes)
    return {key: detail for key, detail in every.items() if key[0] in codes}
