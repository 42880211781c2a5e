"""URL state of the Cluster organisations page: query string <-> validated state."""

from __future__ import annotations

from components.url_state import choose, to_search
from data.policy import KPI_COLUMNS, directory_programmes, directory_regions

DEFAULTS = {"region": "", "programme": "", "example": 0, "year": None, "kpi": "joint_projects_actions"}


def parse_clusters(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    orgs = tables.cluster_organisations
    regions = {c for c, _ in directory_regions(orgs, tables.regions)}
    region = choose(query.get("region"), regions, DEFAULTS["region"], "region", notices)
    programme = choose(
        query.get("programme"), set(directory_programmes(orgs)), DEFAULTS["programme"], "programme", notices
    )
    example = choose(query.get("example"), (0, 1), DEFAULTS["example"], "example switch", notices, cast=int)
    # The monitoring years come from files loaded in the browser: any plausible year is kept here and the page
    # says so when the loaded data has no row for it.
    year = choose(query.get("year"), set(range(1990, 2101)), DEFAULTS["year"], "year", notices, cast=int)
    kpi = choose(query.get("kpi"), set(KPI_COLUMNS), DEFAULTS["kpi"], "indicator", notices)
    return {"region": region, "programme": programme, "example": example, "year": year, "kpi": kpi}, notices


def clusters_search(region, programme, example, year, kpi) -> str:
    return to_search(
        {"region": region or "", "programme": programme or "", "example": int(bool(example)), "year": year, "kpi": kpi},
        DEFAULTS,
    )
