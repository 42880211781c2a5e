"""URL state of the region profile page (/region/<code>?year=..&ts=..&view=..&sim=..&k=..&excl=1)."""

from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.profile import HEADLINE, PROFILE, default_year, region_years

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
    return {
        "code": code,
        "year": year,
        "years": years,
        "default_year": fallback_year,
        "ts": ts,
        "view": view,
        "sim": sim,
        "k": k,
        "excl": bool(excl),
    }, notices


def region_search(year, ts, view, sim, k, excl, default_year=None) -> str:
    sim = [s for s in PROFILE if s in (sim or [])]
    return to_search(
        {"year": year, "ts": ts, "view": view, "sim": sim, "k": k, "excl": bool(excl)},
        {**DEFAULTS, "year": default_year},
    )


# --- Control values as the callbacks receive them (a hostile request can send anything) -----------------------------


def known(tables) -> tuple[frozenset, frozenset]:
    """(region codes of NUTS 0-2, indicator ids) of one data version, kept with its tables (Tables.memo)."""

    def compute():
        regions = tables.regions
        return frozenset(regions.loc[regions["level"].between(0, 2), "code"]), frozenset(tables.indicators["id"])

    return tables.memo("region.known", compute)


def _int(value, allowed=None):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if allowed is not None and number not in allowed:
        return None
    return number if -(10**6) < number < 10**6 else None


def clean_controls(tables, store, year=None, ts=None, view=None, sim=None, k=None, excl=None) -> dict | None:
    """The region page's controls checked cheaply: None when the store holds no known region; otherwise every
    value valid, unknown ones replaced by their defaults (year: the store's default year)."""
    codes, indicator_ids = known(tables)
    code = store.get("code") if isinstance(store, dict) else None
    if not isinstance(code, str) or code not in codes:
        return None
    default_year = _int(store.get("default_year"))
    year = _int(year)
    year = year if year is not None and 1990 <= year <= 2100 else default_year
    sim = [s for s in PROFILE if isinstance(sim, (list, tuple)) and s in sim]
    return {
        "code": code,
        "default_year": default_year,
        "year": year,
        "ts": ts if isinstance(ts, str) and ts in indicator_ids else DEFAULTS["ts"],
        "view": view if isinstance(view, str) and view in VIEWS else DEFAULTS["view"],
        "sim": sim if len(sim) >= 2 else list(DEFAULTS["sim"]),
        "k": _int(k, set(K_CHOICES)) or DEFAULTS["k"],
        "excl": bool(isinstance(excl, (list, tuple)) and 1 in excl) or excl is True,
    }
