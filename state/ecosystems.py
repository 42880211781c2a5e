"""URL state of the Ecosystems page: query string <-> validated state.

Parameters (all optional, defaults left out of the URL): `country` (EU country code, default FR), `level`
(NUTS level of the region set, 0 = the EU27 countries), `regions` (a custom region set, comma-separated; it
replaces country + level in the heatmap and the agglomeration tables), `ecosystem` (IES01..IES14), `lq` (LQ
threshold, 1.0-5.0), `share` (share threshold in % of regional employment, 0-10), `basis` (denominator of the
country-vs-EU27 shares), `agg` (agglomerations of NACE divisions or of ecosystems), `scope` (ranking of the
specialised regions across the EU or within the region set). Presentation, embed and theme modes are the app
shell's (`present`, `embed`, `theme`, kept in the URL by assets/display.js) and are left alone here.
"""

from __future__ import annotations

from components.url_state import choose, choose_many, to_search
from data.profile import pool_codes
from data.specialisation import BASES, BASIS_ECOSYSTEMS, LQ_MIN, SHARE_MIN
from data.store import memo_for

LQ_RANGE = (1.0, 5.0)
SHARE_RANGE = (0.0, 10.0)  # percent of regional employment
LQ_VALUES = frozenset(round(LQ_RANGE[0] + 0.1 * i, 1) for i in range(41))
SHARE_VALUES = frozenset(round(0.1 * i, 1) for i in range(101))
AGG_VIEWS = ("nace", "ecosystems")
SCOPES = ("eu", "set")
LEVELS = (0, 1, 2)
MAX_REGIONS = 40

DEFAULTS = {
    "country": "FR",
    "level": 2,
    "regions": [],
    "ecosystem": "",
    "lq": LQ_MIN,
    "share": SHARE_MIN * 100,
    "basis": BASIS_ECOSYSTEMS,
    "agg": "nace",
    "scope": "eu",
}


def _one_decimal(raw) -> float:
    return round(float(raw), 1)


def countries(tables) -> list[str]:
    """EU countries with ecosystem employment (level-0 rows)."""
    employment = tables.ecosystem_employment
    with_data = memo_for(employment, ("ecosystems.regions",), lambda: frozenset(employment["region"]))
    return sorted(set(pool_codes(tables.regions, 0)) & with_data)


def selectable_regions(tables) -> list[str]:
    """EU regions of NUTS levels 0-2: what a custom region set may hold (with or without data)."""
    return sorted(code for level in (0, 1, 2) for code in pool_codes(tables.regions, level))


def clean_lq(value) -> float:
    """A threshold from a control: rounded to 0.1 and kept within LQ_RANGE; unusable -> the default."""
    try:
        value = _one_decimal(value)
    except (TypeError, ValueError):
        return DEFAULTS["lq"]
    if value != value:
        return DEFAULTS["lq"]
    return min(max(value, LQ_RANGE[0]), LQ_RANGE[1])


def clean_share(value) -> float:
    """Share threshold in % from a control, rounded to 0.1 and kept within SHARE_RANGE."""
    try:
        value = _one_decimal(value)
    except (TypeError, ValueError):
        return DEFAULTS["share"]
    if value != value:
        return DEFAULTS["share"]
    return min(max(value, SHARE_RANGE[0]), SHARE_RANGE[1])


def parse_ecosystems(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    state = {
        "country": choose(
            query.get("country"),
            set(countries(tables)),
            DEFAULTS["country"],
            "country",
            notices,
            cast=lambda s: str(s).strip().upper(),
        ),
        "level": choose(query.get("level"), set(LEVELS), DEFAULTS["level"], "NUTS level", notices, cast=int),
        "regions": choose_many(
            query.get("regions"),
            set(selectable_regions(tables)),
            DEFAULTS["regions"],
            "regions",
            notices,
            limit=MAX_REGIONS,
        ),
        "ecosystem": choose(
            query.get("ecosystem"),
            set(tables.ecosystems["ecosystem_id"]),
            DEFAULTS["ecosystem"],
            "ecosystem",
            notices,
            cast=lambda s: str(s).strip().upper(),
        ),
        "lq": choose(
            query.get("lq"), LQ_VALUES, DEFAULTS["lq"], "LQ threshold (1.0 to 5.0)", notices, cast=_one_decimal
        ),
        "share": choose(
            query.get("share"),
            SHARE_VALUES,
            DEFAULTS["share"],
            "share threshold (0 to 10 %)",
            notices,
            cast=_one_decimal,
        ),
        "basis": choose(query.get("basis"), set(BASES), DEFAULTS["basis"], "share basis", notices),
        "agg": choose(query.get("agg"), set(AGG_VIEWS), DEFAULTS["agg"], "agglomeration view", notices),
        "scope": choose(query.get("scope"), set(SCOPES), DEFAULTS["scope"], "ranking scope", notices),
    }
    return state, notices


def _one_of(value, allowed, default):
    try:
        return value if value in allowed else default
    except TypeError:  # unhashable values from a tampered request
        return default


def ecosystems_search(country, level, regions, ecosystem, lq, share, basis, agg, scope) -> str:
    """The query string of the controls' values (values that cannot be valid are left out or set to default)."""
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = DEFAULTS["level"]
    if isinstance(regions, str):
        regions = regions.split(",")
    regions = [r for r in regions if isinstance(r, str)] if isinstance(regions, (list, tuple)) else []
    state = {
        "country": country if isinstance(country, str) else DEFAULTS["country"],
        "level": level if level in LEVELS else DEFAULTS["level"],
        "regions": regions,
        "ecosystem": ecosystem if isinstance(ecosystem, str) else "",
        "lq": clean_lq(lq),
        "share": clean_share(share),
        "basis": _one_of(basis, BASES, DEFAULTS["basis"]),
        "agg": _one_of(agg, AGG_VIEWS, DEFAULTS["agg"]),
        "scope": _one_of(scope, SCOPES, DEFAULTS["scope"]),
    }
    return to_search(state, DEFAULTS)


# --- Control values as the callbacks receive them (a hostile request can send anything) -----------------------------


class Lookups:
    """Sets and names read once per loaded Tables (Arrow string columns are slow to iterate on every call)."""

    def __init__(self, tables):
        regions = tables.regions
        self.names = dict(zip(regions["code"].tolist(), regions["name"].tolist()))
        self.eco_names = dict(zip(tables.ecosystems["ecosystem_id"].tolist(), tables.ecosystems["name"].tolist()))
        self.with_data = set(tables.ecosystem_employment["region"].unique().tolist())
        self.sets = {}


def lookups(tables) -> Lookups:
    return tables.memo("ecosystems.lookups", lambda: Lookups(tables))


def custom_regions(tables, regions) -> list[str]:
    """The known codes of a custom region set (a list or a comma-separated string), at most MAX_REGIONS."""
    if isinstance(regions, str):
        regions = regions.split(",")
    if not regions or not isinstance(regions, (list, tuple)):
        return []
    known = lookups(tables).names
    return [r for r in dict.fromkeys(regions) if isinstance(r, str) and r in known][:MAX_REGIONS]


def clean_controls(
    tables,
    country=None,
    level=None,
    regions=None,
    ecosystem=None,
    lq=None,
    share=None,
    basis=None,
    agg=None,
    scope=None,
) -> dict:
    """The Ecosystems controls checked cheaply: each unusable value replaced by its default (ecosystem: "")."""
    found = lookups(tables)
    return {
        "country": country if isinstance(country, str) and country in found.with_data else DEFAULTS["country"],
        "level": _int_level(level),
        "regions": custom_regions(tables, regions),
        "ecosystem": ecosystem if isinstance(ecosystem, str) and ecosystem in found.eco_names else "",
        "lq": clean_lq(lq),
        "share": clean_share(share),
        "basis": _one_of(basis, BASES, DEFAULTS["basis"]),
        "agg": _one_of(agg, AGG_VIEWS, DEFAULTS["agg"]),
        "scope": _one_of(scope, SCOPES, DEFAULTS["scope"]),
    }


def _int_level(value) -> int:
    try:
        level = int(value)
    except (TypeError, ValueError, OverflowError):
        return DEFAULTS["level"]
    return level if level in LEVELS else DEFAULTS["level"]
