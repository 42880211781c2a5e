"""Pure query functions over the precomputed tables: DataFrames and plain values in, DataFrames out."""

from __future__ import annotations

import re

import pandas as pd

from data.build.common import FLAG_LABELS
from data.build.nuts import EU_CODE  # noqa: F401  (re-exported for callers)
from data.store import memo_for
from i18n import N_, Message, translator


def flag_text(flag, lang: str = "en") -> str:
    """Eurostat flag letters in words ('bp' -> 'break in time series, provisional') in `lang`; '' when none."""
    if flag is None or flag is pd.NA or flag != flag or flag == "":
        return ""
    _ = translator(lang)
    return ", ".join(_(FLAG_LABELS[letter]) if letter in FLAG_LABELS else letter for letter in str(flag))


def indicator_meta(indicators: pd.DataFrame, indicator: str) -> dict:
    """The indicator's row as a dict (a fresh copy of one kept per data version); KeyError when unknown."""
    return dict(memo_for(indicators, ("queries.indicator_meta", indicator), lambda: _meta_row(indicators, indicator)))


def _meta_row(indicators: pd.DataFrame, indicator: str) -> dict:
    row = indicators.loc[indicators["id"] == indicator]
    if row.empty:
        raise KeyError(indicator)
    return row.iloc[0].to_dict()


def source_line(indicators: pd.DataFrame, sources: pd.DataFrame, indicator_ids, lang: str = "en") -> str:
    """'Source: Eurostat (tgs00007)'-style attribution for the indicators shown, without repeats (kept per data
    version in the app: two index builds and lookups cost more than most callbacks' own work), in `lang`."""
    ids = tuple(indicator_ids)
    line = memo_for(
        indicators, ("queries.source_line", ids, id(sources)), lambda: _source_line(indicators, sources, ids)
    )
    return source_text(line, lang)


_SOURCE_WORDS = re.compile(r"(^|; )Source: |(, | \(|; )?(?:\b([\w.-]+) )?retrieved (\d{4}-\d{2}-\d{2})")


def source_text(line: str, lang: str) -> str:
    """An English source line's own words ('Source:', 'retrieved') in `lang`; the sources' names, dataset codes
    and titles stay as they are."""
    if lang == "en" or not line:
        return line
    _ = translator(lang)

    def word(match):
        if match.group(2) is None and match.group(3) is None and match.group(4) is None:
            return match.group(1) + _("Source:") + " "
        dataset = f"{match.group(3)} " if match.group(3) else ""
        return (match.group(2) or "") + dataset + _("retrieved {date}").format(date=match.group(4))

    return _SOURCE_WORDS.sub(word, line)


def _source_line(indicators: pd.DataFrame, sources: pd.DataFrame, indicator_ids) -> str:
    """The line from plain lookups kept per data version: a new set of indicators costs no frame indexing."""
    source_of = memo_for(
        indicators, ("queries.source_of",), lambda: dict(zip(indicators["id"], indicators["source_id"]))
    )
    by_id, dated = memo_for(sources, ("queries.source_rows",), lambda: _source_rows(sources))
    shown = [row for sid in dict.fromkeys(source_of[i] for i in indicator_ids) for row in by_id[sid]]
    line = combine_attributions(attribution for attribution, _, _ in shown)
    return line + (_retrieved_text([(code, date) for _, code, date in shown]) if dated else "")


def _source_rows(sources: pd.DataFrame) -> tuple[dict, bool]:
    """(source id -> its rows as (attribution, dataset_code, retrieved)), whether a retrieval date is recorded)."""
    dated = "retrieved" in sources.columns
    by_id: dict = {}
    dates = sources["retrieved"] if dated else [None] * len(sources)
    for sid, attribution, code, date in zip(sources["id"], sources["attribution"], sources["dataset_code"], dates):
        by_id.setdefault(sid, []).append((attribution, code, date))
    return by_id, dated


def retrieved_note(shown: pd.DataFrame) -> str:
    """', retrieved 2025-02-10' when the sources shown were fetched by `python -m data.refresh` (one date, or one
    per dataset when they differ); '' when no retrieval date is recorded (the committed default tables)."""
    if "retrieved" not in shown.columns:
        return ""
    return _retrieved_text(list(zip(shown["dataset_code"], shown["retrieved"])))


def _retrieved_text(pairs: list[tuple]) -> str:
    """`retrieved_note` of the sources shown as (dataset_code, retrieved) pairs."""
    known = [(code, date) for code, date in pairs if not pd.isna(date)]
    dates = list(dict.fromkeys(date for _, date in known))
    if not dates:
        return ""
    if len(dates) == 1 and len(known) == len(pairs):
        return f", retrieved {dates[0]}"
    per_dataset = dict.fromkeys(f"{code} retrieved {date}" for code, date in known)
    return f" ({'; '.join(per_dataset)})"


def combine_attributions(attributions) -> str:
    """One line from several attributions, without repeats: 'Source: Eurostat (a)' and 'Source: Eurostat (b)'
    become 'Source: Eurostat (a, b)'; the others keep their order."""
    parts, datasets = [], {}
    for text in dict.fromkeys(a for a in attributions if a):
        match = re.fullmatch(r"Source: Eurostat \((.+)\)", text)
        if match:
            if not datasets:
                parts.append(None)  # where the Eurostat group goes
            datasets.setdefault(match.group(1), None)
        else:
            parts.append(text)
    eurostat = f"Source: Eurostat ({', '.join(datasets)})" if datasets else None
    return "; ".join(eurostat if p is None else p for p in parts)


def level_regions(regions: pd.DataFrame, level: int, eu_only: bool = False) -> pd.DataFrame:
    out = regions[regions["level"] == level]
    return out[out["is_eu"]] if eu_only else out


def years_with_data(
    values: pd.DataFrame, regions: pd.DataFrame, indicator: str | tuple, level: int, eu_only: bool = False
) -> list[int]:
    """Years in which a region of `level` (EU only if asked) has a value of `indicator` (an id, or a tuple of ids:
    any of them), kept per data version."""
    from data.profile import region_years_with_values

    def compute():
        codes = level_regions(regions, level, eu_only)["code"]
        years = set()
        for one in indicator if isinstance(indicator, tuple) else (indicator,):
            # Each indicator's (region, year) pairs with a value, split once per data version: not a scan of
            # the whole values table, whose temporaries kept ~9 MB resident at NUTS 3 scale.
            known = region_years_with_values(values, one)
            years.update(known.loc[known["region"].isin(codes), "year"].unique().tolist())
        return tuple(sorted(int(y) for y in years))

    return list(memo_for(values, ("queries.years_with_data", indicator, level, eu_only, id(regions)), compute))


def values_for_year(
    values: pd.DataFrame, regions: pd.DataFrame, indicator: str, year: int, level: int, eu_only: bool = False
) -> pd.DataFrame:
    """One value per region of `level` for `indicator` and `year`: code, name, country, value, flag.

    Regions without a row are included with a missing value, so callers can count and show them. The regions
    (sorted by code) are kept per data version; a request only reindexes the indicator's year by them.
    """
    from data.profile import _year_rows  # the indicator split by year once per data version

    base = sorted_level_regions(regions, level, eu_only)
    rows = _year_rows(values, indicator, int(year))
    if not rows.index.is_unique:
        rows = rows[~rows.index.duplicated()]  # the first row of a region, as a left merge of unique rows
    codes = pd.Index(base["code"])
    return base.assign(value=rows["value"].reindex(codes).array, flag=rows["flag"].reindex(codes).array)


def sorted_level_regions(regions: pd.DataFrame, level: int, eu_only: bool = False) -> pd.DataFrame:
    """code, name, country, is_eu of the regions of `level` (EU only if asked), sorted by code; per data version."""

    def compute():
        base = level_regions(regions, level, eu_only)[["code", "name", "country", "is_eu"]]
        return base.sort_values("code").reset_index(drop=True)

    return memo_for(regions, ("queries.sorted_level_regions", level, eu_only), compute)


def reference_value(values: pd.DataFrame, indicator: str, region: str, year: int) -> tuple[float, str]:
    """(value, flag) of one region (or EU27_2020) for one year; (nan, '') when absent."""
    row = values[(values["indicator"] == indicator) & (values["region"] == region) & (values["year"] == year)]
    if row.empty:
        return float("nan"), ""
    return float(row["value"].iloc[0]), row["flag"].iloc[0] if pd.notna(row["flag"].iloc[0]) else ""


# The region_changes table's `change` values, for the message catalogue (shown translated in notices).
CHANGE_WORDS = (
    N_("NUTS 2013 code, same territory, recoded"),
    N_("boundary shift in NUTS 2024"),
    N_("split in NUTS 2024"),
)


def successor_notices(region_changes: pd.DataFrame, codes) -> list[str]:
    """A notice for each old region code among `codes` (NUTS 2013/2016/2021, not NUTS 2024): what became of it."""
    table = region_changes.set_index("code")
    notes = []
    for code in dict.fromkeys(str(c).strip().upper() for c in codes or ()):
        if code in table.index:
            row = table.loc[code]
            now = ", ".join(s for s in str(row["successors"]).split(";") if s) or Message(N_("no single successor"))
            notes.append(
                Message(
                    "{code} is a NUTS {version} code ({change}): in NUTS 2024 it is {successors}.",
                    code=code,
                    version=row["version"],
                    change=Message(row["change"]),
                    successors=now,
                )
            )
    return notes
