"""URL state of the Compare page (/compare?regions=FRE1,FRB0&year=..&view=..&x=..&y=..)."""

from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.profile import AGGLOMERATIONS, PILOT_CODES, PROFILE, pool_codes
from data.queries import successor_notices, years_with_data
from i18n import N_, Message

MAX_REGIONS = 8
VIEWS = ("radar", "bar")
SCATTER_MEASURES = PROFILE + (AGGLOMERATIONS,)
NONE = "none"  # an empty selection in the link (no parameter means the pilot regions)
DEFAULTS = {"regions": list(PILOT_CODES), "view": "radar", "x": "rci", "y": AGGLOMERATIONS}
# Shown under the picker, in the page's language: `_(LIMIT_NOTE).format(**LIMIT_VALUES)`.
LIMIT_NOTE = N_(
    "Compare holds up to {limit} regions of your choice. The ten pilot regions are the one exception: they fit "
    "in one view as a group ({pilots}), so that no pilot is left out."
)
LIMIT_VALUES = {"limit": MAX_REGIONS, "pilots": len(PILOT_CODES)}


def region_limit(codes) -> int:
    """At most MAX_REGIONS regions, except a selection made only of pilot regions (up to all ten)."""
    return len(PILOT_CODES) if set(codes) <= set(PILOT_CODES) else MAX_REGIONS


def compare_years(tables) -> list[int]:
    """Years in which the EU NUTS 2 regions have data for at least one profile indicator."""
    return years_with_data(tables.indicator_values, tables.regions, tuple(PROFILE), 2, eu_only=True)


def parse_compare(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    regions = tables.regions
    allowed = {code for level in (0, 1, 2) for code in pool_codes(regions, level, eu_only=False)}
    raw = query.get("regions")
    if isinstance(raw, str):
        raw = raw.upper()
    if raw == NONE.upper():
        codes = []
    else:
        codes = choose_many(raw, allowed, DEFAULTS["regions"], "regions", notices)
        notices += successor_notices(tables.region_changes, [c for c in str(raw or "").split(",") if c not in allowed])
        if not codes:  # nothing usable in the link: the pilot regions rather than an empty page
            notices.append(Message("No known region in the link: showing the ten pilot regions instead."))
            codes = list(DEFAULTS["regions"])
        limit = region_limit(codes)
        if len(codes) > limit:
            notices.append(
                Message(
                    "At most {limit} regions at once (all ten pilot regions as a group): kept the first {limit}.",
                    limit=MAX_REGIONS,
                )
            )
            codes = codes[:MAX_REGIONS]
    years = compare_years(tables)
    # the latest year that is some profile indicator's well-covered default year (not a year few regions reach)
    defaults = (
        [int(y) for y in tables.indicators.loc[tables.indicators["id"].isin(list(PROFILE)), "default_year"].dropna()]
        if "default_year" in tables.indicators.columns
        else []
    )
    well_covered = [y for y in years if y in defaults]
    default_year = well_covered[-1] if well_covered else (years[-1] if years else None)
    year = choose(query.get("year"), set(years), default_year, "year", notices, cast=int)
    view = choose(query.get("view"), set(VIEWS), DEFAULTS["view"], "profile view", notices)
    x = choose(query.get("x"), set(SCATTER_MEASURES), DEFAULTS["x"], "scatter x axis", notices)
    y = choose(query.get("y"), set(SCATTER_MEASURES), DEFAULTS["y"], "scatter y axis", notices)
    return {
        "regions": codes,
        "year": year,
        "years": years,
        "default_year": default_year,
        "view": view,
        "x": x,
        "y": y,
    }, notices


def compare_search(regions, year, view, x, y, default_year=None) -> str:
    regions = list(regions or [])
    state = {"regions": regions if regions else NONE, "year": year, "view": view, "x": x, "y": y}
    return to_search(state, {**DEFAULTS, "year": default_year})


# --- Control values as the callbacks receive them ----------------------------------------------------------------


def clean_controls(tables, store, year=None, view=None, x=None, y=None) -> dict:
    """The Compare controls checked cheaply: known region codes only (at most ten), a plausible year (else the
    store's default), a known view and known axes (else the defaults)."""
    from state.region import _int, known

    codes, _ = known(tables)
    raw = store.get("regions") if isinstance(store, dict) else None
    regions = (
        list(dict.fromkeys(c for c in raw if isinstance(c, str) and c in codes))[: len(PILOT_CODES)]
        if isinstance(raw, list)
        else []
    )
    default_year = _int(store.get("default_year")) if isinstance(store, dict) else None
    default_year = default_year if default_year is not None and 1990 <= default_year <= 2100 else None
    year = _int(year)
    return {
        "regions": regions,
        "default_year": default_year,
        "year": year if year is not None and 1990 <= year <= 2100 else default_year,
        "view": view if isinstance(view, str) and view in VIEWS else DEFAULTS["view"],
        "x": x if isinstance(x, str) and x in SCATTER_MEASURES else DEFAULTS["x"],
        "y": y if isinstance(y, str) and y in SCATTER_MEASURES else DEFAULTS["y"],
    }
