"""URL state of the region profile page (/region/<code>?year=..&ts=..&view=..&sim=..&k=..&excl=1)."""
from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.profile import HEADLINE, MIN_SHARED, PROFILE, default_year, region_years

VIEWS = ("radar", "bar")
K_CHOICES = (3, 5, 10, 15)
DEFAULTS = {"ts": "gdp_pc_pps", "view": "radar", "sim": list(PROFILE), "k": 5, "excl": False}


def parse_region(tables, code: str, query: dict) -> tuple[dict, list[str]]:
    """The validated state of one region's page; unknown values fall back to defaults with a notice.

    year: the reference year (default: the latest year with data for the region, `default_year`);
    ts: the indicator of the time-series chart; view: radar or bar profile; sim: indicators of the similarity;
    k: how many similar regions; excl: leave out the region's own country from the similar regions."""
    notices: list[str] = []
    values = tables.indicator_values
    years = region_years(values, code, HEADLINE + PROFILE)
    fallback_year = default_year(values, code)
    year = choose(query.get("year"), set(years), fallback_year, "year", notices, cast=int)
    ts = choose(query.get("ts"), set(tables.indicators["id"]), DEFAULTS["ts"], "indicator", notices)
    view = choose(query.get("view"), set(VIEWS), DEFAULTS["view"], "profile view", notices)
    sim = choose_many(query.get("sim"), set(PROFILE), DEFAULTS["sim"], "similarity indicators", notices)
    if not sim:
        sim = list(DEFAULTS["sim"])
    elif len(sim) < 2:
        notices.append(f"Similarity needs at least 2 indicators: using all {len(PROFILE)} instead.")
        sim = list(DEFAULTS["sim"])
    else:  # keep the profile's order whatever the order in the link
        sim = [s for s in PROFILE if s in sim]
    k = choose(query.get("k"), set(K_CHOICES), DEFAULTS["k"], "number of similar regions", notices, cast=int)
    excl = choose(query.get("excl"), {0, 1}, 0, "country option", notices, cast=int)
    return {"code": code, "year": year, "years": years, "default_year": fallback_year, "ts": ts, "view": view,
            "sim": sim, "k": k, "excl": bool(excl)}, notices


def min_shared(sim) -> int:
    """Indicators two regions must share to be compared: MIN_SHARED, or all of them when fewer are chosen."""
    return min(MIN_SHARED, len(sim))


def region_search(year, ts, view, sim, k, excl, default_year=None) -> str:
    sim = [s for s in PROFILE if s in (sim or [])]
    return to_search({"year": year, "ts": ts, "view": view, "sim": sim, "k": k, "excl": bool(excl)},
                     {**DEFAULTS, "year": default_year})
