"""Data quality in the app (pure functions): breaks in series, cells flagged by the build's plausibility checks
(`data_quality`, data/build/quality.py), their notes, the default year of an indicator and the rules in words."""

from __future__ import annotations

import re

import pandas as pd

from data.build import quality as rules
from i18n import N_, format_number, format_percent, plotly_separators, translator

WARNING = "⚠"
BREAK_TEXT = "break in time series"
CHECK_NAMES = {  # English, marked for the catalogue: shown through it (`check_name`)
    "divisions_exceed_section": N_("Divisions add up to more than their section"),
    "national_concentration": N_("Concentration far outside the division's usual spread"),
    "series_outlier": N_("Value far from the rest of its series"),
    "part_flagged": N_("A sum of parts that includes a flagged cell"),
}


def check_name(check: str, lang: str = "en") -> str:
    """A plausibility check's name in `lang` (its code when the check is unknown)."""
    return translator(lang)(CHECK_NAMES[check]) if check in CHECK_NAMES else check


def _g(value, lang: str) -> str:
    """A threshold as Python's `:g` writes it (5, 2, 0.5), with the language's decimal mark."""
    text = f"{value:g}"
    return format_number(value, lang, len(text.partition(".")[2]))


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


def rules_markdown(lang: str = "en") -> str:
    """The default-year rule and every check with its threshold, as shown on Data & methods, in `lang`: one
    catalogue message per paragraph or list item (placeholders for the thresholds, written in the language)."""
    _ = translator(lang)
    coverage = format_percent(100 * rules.COVERAGE, lang, 0)

    def item(check: str, text: str) -> str:
        return "* " + _("*{name}* (`{check}`): {text}").format(name=check_name(check, lang), check=check, text=text)

    blocks = [
        _(
            "**Default year.** A page that opens an indicator without a year in its link uses the latest year in which at least\n"
            "{coverage} of the EU NUTS 2 regions have a value, not the latest year that exists (GERD's 2024 holds a\n"
            "handful of regions). When no year reaches {coverage}, the best-covered year (the latest of equals), and\n"
            "the indicator's note says so. Any year can still be chosen."
        ).format(coverage=coverage),
        _(
            "**Breaks in series.** Values that Eurostat flags *b* (break in time series, e.g. the 2021 labour force survey) are\n"
            "marked on every time series (an open diamond, with a hover text and a legend entry) and named in the chart's data\n"
            "table, so a jump at a break is not read as a change in the region."
        ),
        _(
            "**Plausibility checks.** The build checks every cell and lists the suspect ones below. Nothing is dropped or\n"
            "changed: a flagged cell keeps its value and is marked {warning} with the reason wherever it is shown (time series,\n"
            "specialisation charts, agglomeration tables, the LQ heatmap)."
        ).format(warning=WARNING),
    ]
    items = [
        item(
            "divisions_exceed_section",
            _(
                "the NACE divisions present of a section\n  add up to more than the section by more than {tolerance}."
            ).format(tolerance=format_percent(100 * rules.SECTION_TOLERANCE, lang, 1)),
        ),
        item(
            "national_concentration",
            _(
                "ratio = the region's share of its\n"
                "  country's employment in a division / its share of the country's business-economy employment. Flagged when the\n"
                "  logarithm of the ratio is more than {z} robust standard deviations (1.4826 x the median\n"
                "  absolute deviation) above the median of that division over the regions of the same NUTS level (at least\n"
                "  {min_regions} regions; a region that is its whole country is left out) and the ratio is at\n"
                "  least {min_ratio}. A large, ordinarily spread activity concentrated in one region (retail,\n"
                "  postal services, rail transport) is typical of employment counted where a company has its head office, e.g.\n"
                "  Nord-Pas-de-Calais (FRE1) retail (G47) in 2015."
            ).format(
                z=_g(rules.CONCENTRATION_Z, lang),
                min_regions=format_number(rules.CONCENTRATION_MIN_REGIONS, lang),
                min_ratio=_g(rules.CONCENTRATION_MIN_RATIO, lang),
            ),
        ),
        item(
            "series_outlier",
            _(
                "a value more than {z} standard deviations\n"
                "  from the mean of the other values of its own series (one region, one indicator), with at least\n"
                "  {min_others} other values and at least {min_change} away from that mean. Values\n"
                "  flagged *b* are not checked: they are marked as breaks."
            ).format(
                z=_g(rules.SERIES_Z, lang),
                min_others=format_number(rules.SERIES_MIN_OTHERS, lang),
                min_change=format_percent(100 * rules.SERIES_MIN_CHANGE, lang, 0),
            ),
        ),
        item(
            "part_flagged",
            _(
                "a NUTS 1 or country figure that the pipeline summed from its\n"
                "  NUTS 2 parts is flagged when one of those parts is (e.g. Hauts-de-France FRE retail G47, which holds FRE1's)."
            ),
        ),
    ]
    return "\n" + "\n\n".join(blocks) + "\n\n" + "\n".join(items) + "\n"
