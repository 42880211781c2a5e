"""URL state of the Overview page (the indicator explorer): query string <-> validated state.

/?indicator=..&year=..&level=..&tab=map|chart|table&regions=FRE1,ITC1&measure=abs|rel&base=2015&log=1
"""

from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.explore import MEASURES
from data.quality import default_year as indicator_default_year
from data.queries import years_with_data

TABS = ("map", "chart", "table")
DEFAULTS = {"indicator": "gdp_pc_pps", "level": 2, "tab": "map", "regions": [], "measure": "abs", "log": False}


def parse_overview(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    indicator = choose(
        query.get("indicator"), set(tables.indicators["id"]), DEFAULTS["indicator"], "indicator", notices
    )
    level = choose(query.get("level"), (0, 1, 2), DEFAULTS["level"], "NUTS level", notices, cast=int)
    years = years_with_data(tables.indicator_values, tables.regions, indicator, level)
    default_year = indicator_default_year(tables.indicators, indicator, years)
    year = choose(query.get("year"), set(years), default_year, "year", notices, cast=int)
    tab = choose(query.get("tab"), set(TABS), DEFAULTS["tab"], "view", notices)
    regions = tables.regions
    allowed = set(regions.loc[regions["level"].between(0, 2), "code"])
    series = parse_series_view(tables, indicator, query, allowed, notices)
    return {
        "indicator": indicator,
        "level": level,
        "year": year,
        "years": years,
        "tab": tab,
        **series,
    }, notices


def parse_series_view(tables, indicator: str, query: dict, allowed, notices: list[str], most=None) -> dict:
    """The line chart's part of an explorer's state (Overview and Region): regions on the chart (of `allowed`, at
    most `most`), values or change since a base year (a year the indicator has a value), log scale; notices as
    i18n.Message (said in the view's language when shown)."""
    raw = query.get("regions")
    raw = raw.upper() if isinstance(raw, str) else raw
    regions = choose_many(raw, allowed, [], "regions", notices, most)
    measure = choose(query.get("measure"), set(MEASURES), "abs", "measure", notices)
    base_years = series_years(tables, indicator)
    first = base_years[0] if base_years else None
    base = choose(query.get("base"), set(base_years), first, "base year", notices, cast=int)
    log = choose(query.get("log"), (0, 1), 0, "log scale", notices, cast=int) == 1
    return {"regions": regions, "measure": measure, "base": base, "base_years": base_years, "log": log}


def series_years(tables, indicator: str) -> list[int]:
    """Every year the indicator has a value anywhere (the choices of a base year), kept per data version."""

    def compute():
        values = tables.indicator_values
        rows = values[(values["indicator"] == indicator) & values["value"].notna()]
        return sorted(int(y) for y in rows["year"].unique())

    return list(tables.memo(("series_years", indicator), compute))


def overview_search(
    indicator, year, level, tab="map", regions=(), measure="abs", base=None, log=False, base_default=None
) -> str:
    """The query string; the base year is written only for a relative change (and when not the first year)."""
    state = {
        "indicator": indicator,
        "year": year,
        "level": level,
        "tab": tab,
        "regions": list(regions or []),
        "measure": measure,
        "base": base if measure == "rel" and base != base_default else None,
        "log": bool(log),
    }
    return to_search(state, DEFAULTS)
