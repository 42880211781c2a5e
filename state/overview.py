"""URL state of the Overview page: query string <-> validated state."""
from __future__ import annotations

from components.url_state import choose, to_search
from data.quality import default_year as indicator_default_year
from data.queries import years_with_data

DEFAULTS = {"indicator": "gdp_pc_pps", "level": 2}


def parse_overview(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    indicator = choose(query.get("indicator"), set(tables.indicators["id"]), DEFAULTS["indicator"],
                       "indicator", notices)
    level = choose(query.get("level"), {0, 1, 2}, DEFAULTS["level"], "NUTS level", notices, cast=int)
    years = years_with_data(tables.indicator_values, tables.regions, indicator, level)
    default_year = indicator_default_year(tables.indicators, indicator, years)
    year = choose(query.get("year"), set(years), default_year, "year", notices, cast=int)
    return {"indicator": indicator, "level": level, "year": year, "years": years}, notices


def overview_search(indicator, year, level) -> str:
    return to_search({"indicator": indicator, "year": year, "level": level}, DEFAULTS)
