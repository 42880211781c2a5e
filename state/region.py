"""URL state of the region profile page.

/region/<code>?year=..&ts=..&view=..&sim=..&k=..&excl=1 and the indicator explorer's
&tab=chart|map|table&regions=ITC1,DE21&measure=abs|rel&base=2015&log=1 (ts is the explorer's indicator)."""

from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.explore import MEASURES
from data.profile import HEADLINE, PROFILE, default_year, region_years
from i18n import Message
from state.overview import parse_series_view, series_years

VIEWS = ("radar", "bar")
K_CHOICES = (3, 5, 10, 15)
TABS = ("chart", "map", "table")
MAX_ADDED = 11  # regions added to the region's line: 12 series stay distinct (colour, dash and symbol)
DEFAULTS = {
    "ts": "gdp_pc_pps",
    "view": "radar",
    "sim": list(PROFILE),
    "k": 5,
    "excl": False,
    "tab": "chart",
    "regions": [],
    "measure": "abs",
    "log": False,
}


def parse_region(tables, code: str, query: dict) -> tuple[dict, list[str]]:
    """The validated state of one region's page; unknown values fall back to defaults with a notice.

    year: the reference year (default: the latest year with data for the region, `default_year`);
    ts: the indicator of the time-series chart; view: radar or bar profile; sim: indicators of the similarity;
    k: how many similar regions; excl: leave out the region's own country from the similar regions.
    Notices are i18n.Message: the page says them in the view's language."""
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
    elif len(sim) < 2:  # the profile has more than one indicator: the plural is always the one said
        notices.append(
            Message("Similarity needs at least 2 indicators: using all {count} instead.", count=len(PROFILE))
        )
        sim = list(DEFAULTS["sim"])
    else:  # keep the profile's order whatever the order in the link
        sim = [s for s in PROFILE if s in sim]
    k = choose(query.get("k"), set(K_CHOICES), DEFAULTS["k"], "number of similar regions", notices, cast=int)
    excl = choose(query.get("excl"), (0, 1), 0, "country option", notices, cast=int)
    explorer = parse_explorer(tables, code, ts, query, notices)
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
        **explorer,
    }, notices


def parse_explorer(tables, code: str, indicator: str, query: dict, notices: list[str]) -> dict:
    """The explorer's part of the state: view tab, added regions (NUTS 0-2, the page's own region left out),
    values or change since a base year (a year the indicator has a value), log scale."""
    tab = choose(query.get("tab"), set(TABS), DEFAULTS["tab"], "view", notices)
    allowed = known(tables)[0] - {code}
    return {"tab": tab, **parse_series_view(tables, indicator, query, allowed, notices, MAX_ADDED)}


def region_search(
    year,
    ts,
    view,
    sim,
    k,
    excl,
    default_year=None,
    tab="chart",
    regions=(),
    measure="abs",
    base=None,
    log=False,
    base_default=None,
) -> str:
    """The query string; the base year is written only for a change since a base year other than the first."""
    sim = [s for s in PROFILE if s in (sim or [])]
    state = {"year": year, "ts": ts, "view": view, "sim": sim, "k": k, "excl": bool(excl), "tab": tab}
    state |= {"regions": list(regions or []), "measure": measure, "log": bool(log)}
    state["base"] = base if measure == "rel" and base != base_default else None
    return to_search(state, {**DEFAULTS, "year": default_year})


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


def clean_controls(
    tables,
    store,
    year=None,
    ts=None,
    view=None,
    sim=None,
    k=None,
    excl=None,
    tab=None,
    regions=None,
    measure=None,
    base=None,
    log=None,
) -> dict | None:
    """The region page's controls checked cheaply: None when the store holds no known region; otherwise every
    value valid, unknown ones replaced by their defaults (year: the store's default year; base: the first year
    of the indicator)."""
    codes, indicator_ids = known(tables)
    code = store.get("code") if isinstance(store, dict) else None
    if not isinstance(code, str) or code not in codes:
        return None
    default_year = _int(store.get("default_year"))
    year = _int(year)
    year = year if year is not None and 1990 <= year <= 2100 else default_year
    sim = [s for s in PROFILE if isinstance(sim, (list, tuple)) and s in sim]
    ts = ts if isinstance(ts, str) and ts in indicator_ids else DEFAULTS["ts"]
    added = [c for c in (regions if isinstance(regions, (list, tuple)) else ()) if isinstance(c, str)]
    added = [c for c in dict.fromkeys(added) if c in codes and c != code][:MAX_ADDED]
    base_years = series_years(tables, ts)
    base = _int(base)
    return {
        "code": code,
        "default_year": default_year,
        "year": year,
        "ts": ts,
        "view": view if isinstance(view, str) and view in VIEWS else DEFAULTS["view"],
        "sim": sim if len(sim) >= 2 else list(DEFAULTS["sim"]),
        "k": _int(k, set(K_CHOICES)) or DEFAULTS["k"],
        "excl": bool(isinstance(excl, (list, tuple)) and 1 in excl) or excl is True,
        "tab": tab if isinstance(tab, str) and tab in TABS else DEFAULTS["tab"],
        "regions": added,
        "measure": measure if isinstance(measure, str) and measure in MEASURES else DEFAULTS["measure"],
        "base": base if base in base_years else (base_years[0] if base_years else None),
        "base_years": base_years,
        "log": _checked(log),
    }


def _checked(value) -> bool:
    """A one-switch Checklist's value ([1] when on), or a plain bool."""
    return bool(isinstance(value, (list, tuple)) and 1 in value) or value is True
