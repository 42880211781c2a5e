"""Data quality in the app (pure functions): breaks in series, cells flagged by the build's plausibility checks
(`data_quality`, data/build/quality.py), their notes, the default year of an indicator and the rules in words."""

from __future__ import annotations

import re

import pandas as pd

from data.build import quality as rules
from i18n import plotly_separators, translator

WARNING = "⚠"
BREAK_TEXT = "break in time series"
CHECK_NAMES = {
    "divisions_exceed_section": "Divisions add up to more than their section",
    "national_concentration": "Concentration far outside the division's usual spread",
    "series_outlier": "Value far from the rest of its series",
    "part_flagged": "A sum of parts that includes a flagged cell",
}


def short_detail(detail: str) -> str:
    """The first clause of a check's detail (up to ';'), short enough for a hover or a table cell."""
    text = str(detail).split(";")[0].strip()
    return text if text.endswith(".") else text + "."


_OUTLIER = re.compile(
    r"(?P<value>[-\d,.]+) in (?P<year>\d{4}): (?P<z>[\d.]+) standard deviations (?P<side>above|below) the mean of the "
    r"region's (?P<k>\d+) other values of this series \((?P<mean>[-\d,.]+), standard deviation (?P<sd>[-\d,.]+)\)\."
    r"(?: Eurostat flags a break in series in (?P<brk>\d{4})\.)?"
)


def detail_in(detail: str, lang: str) -> str:
    """A check's detail (as the build wrote it, in English) in `lang`: a series outlier's sentence is rewritten
    with the language's words and number marks; another detail stays in English (the build's own words)."""
    found = _OUTLIER.fullmatch(str(detail).strip()) if lang != "en" else None
    if not found:
        return detail
    _ = translator(lang)

    decimal, group = plotly_separators(lang)

    def num(text):  # the build's '118,565' / '0.801' in the language's marks
        return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)

    words = dict(found.groupdict(), value=num(found["value"]), z=num(found["z"]), mean=num(found["mean"]))
    words["sd"] = num(found["sd"])
    text = (
        _(
            "{value} in {year}: {z} standard deviations above the mean of the region's {k} other values of this "
            "series ({mean}, standard deviation {sd})."
        )
        if found["side"] == "above"
        else _(
            "{value} in {year}: {z} standard deviations below the mean of the region's {k} other values of this "
            "series ({mean}, standard deviation {sd})."
        )
    ).format(**{k: v for k, v in words.items() if k not in ("side", "brk")})
    if found["brk"]:
        text += " " + _("Eurostat flags a break in series in {year}.").format(year=found["brk"])
    return text


def flagged_indicator_cells(data_quality: pd.DataFrame, region_codes, indicator: str) -> dict:
    """{(region, year): detail} of the indicator_values cells flagged for these regions and indicator."""
    dq = data_quality[
        (data_quality["table"] == "indicator_values")
        & (data_quality["indicator_or_nace"] == indicator)
        & data_quality["region"].isin(list(region_codes))
    ]
    return {(r, int(y)): d for r, y, d in zip(dq["region"], dq["year"], dq["detail"])}


def flagged_sector_cells(data_quality: pd.DataFrame, region_codes) -> dict:
    """{(region, nace): detail} of the sector_employment cells flagged for these regions (all years: one, 2015)."""
    dq = data_quality[(data_quality["table"] == "sector_employment") & data_quality["region"].isin(list(region_codes))]
    out: dict = {}
    for r, n, d in zip(dq["region"], dq["indicator_or_nace"], dq["detail"]):
        out[(r, n)] = f"{out[(r, n)]} {d}" if (r, n) in out else d
    return out


def ecosystem_warnings(flagged_sectors: dict, ecosystems: pd.DataFrame) -> dict:
    """{(region, ecosystem_id): 'uses G47, flagged ...'} for the ecosystem estimates weighting a flagged NACE cell
    (the cell's own code or its section is in the ecosystem's nace_codes)."""
    codes = {e: set(str(c).split(",")) for e, c in zip(ecosystems["ecosystem_id"], ecosystems["nace_codes"])}
    out: dict = {}
    for (region, nace), _detail in sorted(flagged_sectors.items()):
        for eco, used in codes.items():
            if nace in used or nace[:1] in used:
                key = (region, eco)
                out[key] = (out[key] + f", {nace}") if key in out else f"uses {nace}"
    return {k: f"{v}, flagged by a plausibility check" for k, v in out.items()}


def default_year(indicators: pd.DataFrame, indicator: str, years: list[int]) -> int | None:
    """The year to open `indicator` on among `years`: its `default_year` when available, else the latest year."""
    if not years:
        return None
    if "default_year" in indicators.columns:
        row = indicators.loc[indicators["id"] == indicator, "default_year"]
        if len(row) and pd.notna(row.iloc[0]) and int(row.iloc[0]) in years:
            return int(row.iloc[0])
    return years[-1]


def rules_markdown() -> str:
    """The default-year rule and every check with its threshold, as shown on Data & methods."""
    return f"""
**Default year.** A page that opens an indicator without a year in its link uses the latest year in which at least
{rules.COVERAGE:.0%} of the EU NUTS 2 regions have a value, not the latest year that exists (GERD's 2024 holds a
handful of regions). When no year reaches {rules.COVERAGE:.0%}, the best-covered year (the latest of equals), and
the indicator's note says so. Any year can still be chosen.

**Breaks in series.** Values that Eurostat flags *b* (break in time series, e.g. the 2021 labour force survey) are
marked on every time series (an open diamond, with a hover text and a legend entry) and named in the chart's data
table, so a jump at a break is not read as a change in the region.

**Plausibility checks.** The build checks every cell and lists the suspect ones below. Nothing is dropped or
changed: a flagged cell keeps its value and is marked {WARNING} with the reason wherever it is shown (time series,
specialisation charts, agglomeration tables, the LQ heatmap).

* *{CHECK_NAMES["divisions_exceed_section"]}* (`divisions_exceed_section`): the NACE divisions present of a section
  add up to more than the section by more than {rules.SECTION_TOLERANCE:.1%}.
* *{CHECK_NAMES["national_concentration"]}* (`national_concentration`): ratio = the region's share of its
  country's employment in a division / its share of the country's business-economy employment. Flagged when the
  logarithm of the ratio is more than {rules.CONCENTRATION_Z:g} robust standard deviations (1.4826 x the median
  absolute deviation) above the median of that division over the regions of the same NUTS level (at least
  {rules.CONCENTRATION_MIN_REGIONS} regions; a region that is its whole country is left out) and the ratio is at
  least {rules.CONCENTRATION_MIN_RATIO:g}. A large, ordinarily spread activity concentrated in one region (retail,
  postal services, rail transport) is typical of employment counted where a company has its head office, e.g.
  Nord-Pas-de-Calais (FRE1) retail (G47) in 2015.
* *{CHECK_NAMES["series_outlier"]}* (`series_outlier`): a value more than {rules.SERIES_Z:g} standard deviations
  from the mean of the other values of its own series (one region, one indicator), with at least
  {rules.SERIES_MIN_OTHERS} other values and at least {rules.SERIES_MIN_CHANGE:.0%} away from that mean. Values
  flagged *b* are not checked: they are marked as breaks.
* *{CHECK_NAMES["part_flagged"]}* (`part_flagged`): a NUTS 1 or country figure that the pipeline summed from its
  NUTS 2 parts is flagged when one of those parts is (e.g. Hauts-de-France FRE retail G47, which holds FRE1's).
"""
