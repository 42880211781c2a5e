"""URL state of the Regions page: `?country=FR` opens that country's list of NUTS 1 and NUTS 2 regions (one
country at a time, so the page carries one list instead of 450 links)."""

from __future__ import annotations

from components.url_state import choose, to_search

DEFAULTS = {"country": ""}


def countries(tables) -> frozenset:
    """The country codes a link may open (kept per data version)."""
    regions = tables.regions
    return tables.memo(("regions.countries",), lambda: frozenset(regions.loc[regions["level"] == 0, "code"]))


def parse_regions(tables, query: dict) -> tuple[dict, list]:
    """{"country": code or ""}; an unknown country is ignored with a visible notice."""
    notices: list = []
    country = choose(query.get("country"), countries(tables), DEFAULTS["country"], "country", notices)
    return {"country": country}, notices


def regions_search(country: str) -> str:
    return to_search({"country": country or ""}, DEFAULTS)
