"""URL state of the Rankings page: query string <-> validated state (`RankingsState`).

Every control is in the link: indicator (or `composite`), year, comparison year, the region filters, the
chart size, the selected regions and, for the composite, weights, normalisation, aggregation and the
sensitivity settings (draws, concentration, seed). The year and comparison year are always written (so a
link keeps showing the same years when new data arrives); composite weights are written whenever the
composite is shown. Other values equal to their default stay out of the link.

The callbacks validate the controls' values through the same parser (`state_of_controls`): one validation
path for links and controls. Parsing runs on every request, so its lookups are kept per data version.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from urllib.parse import parse_qsl

import pandas as pd

from components.url_state import choose, choose_many, number_in_range, to_search
from data import composite as comp
from data import profile
from data.quality import default_year as indicator_default_year
from data.queries import successor_notices
from data.ranking import programme_available, programme_names
from data.specialisation import LQ_MIN
from data.warm import release_memory
from i18n import Message

COMPOSITE = "composite"
NONE = "none"
LEVELS = (0, 1, 2)
TOP_N = (5, 10, 15, 20, 25)
DRAWS = (100, 200, 500, 1000)
CONCENTRATIONS = (5, 10, 20, 50, 100, 200)
WEIGHT_MAX = 10
LQ_RANGE = (1.0, 5.0)
SEED_MAX = 999_999
MARK_LIMIT, BASKET_LIMIT = 10, 80
DEFAULTS = {
    "indicator": "gdp_pc_pps",
    "level": 2,
    "eu": True,
    "countries": [],
    "eco": "",
    "lq": LQ_MIN,
    "prog": "",
    "basket": [],
    "mark": [],
    "n": 10,
    "norm": "minmax",
    "agg": "arithmetic",
    "draws": 200,
    "conc": 20,
    "seed": 1,
}


@dataclass(frozen=True)
class RankingsState:
    """The page's validated controls. `weights` is {indicator: weight} in the indicators' table order: the default
    composite's when the link gives none usable (then `weights_default`), empty when the sliders are all at 0.
    `years` and `cmp_years` are the choices of the year controls; they follow from the other fields."""

    indicator: str = DEFAULTS["indicator"]
    year: int | None = None
    cmp: int | None = None
    level: int = DEFAULTS["level"]
    eu: bool = DEFAULTS["eu"]
    countries: tuple[str, ...] = ()
    eco: str = ""
    lq: float = DEFAULTS["lq"]
    prog: str = ""
    basket: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    n: int = DEFAULTS["n"]
    weights: dict = field(default_factory=dict)
    norm: str = DEFAULTS["norm"]
    agg: str = DEFAULTS["agg"]
    draws: int = DEFAULTS["draws"]
    conc: int = DEFAULTS["conc"]
    seed: int = DEFAULTS["seed"]
    weights_default: bool = False
    years: tuple[int, ...] = ()
    cmp_years: tuple[int, ...] = ()

    @property
    def composite(self) -> bool:
        return self.indicator == COMPOSITE

    @property
    def weights_text(self) -> str:
        return format_weights(self.weights)

    def plain(self) -> dict:
        """The state as JSON-ready data (what the page layout's cache is keyed on)."""
        return asdict(self)

    @classmethod
    def from_plain(cls, data: dict) -> RankingsState:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})

    def key(self, *ignored: str) -> str:
        """A cache key of the state: its fields as JSON, with `ignored` ones back at their defaults and the year
        choices left out (they follow from the rest). `RankingsState.from_key` gives the state back."""
        data = {name: getattr(BLANK if name in ignored else self, name) for name in KEY_FIELDS}
        return json.dumps(data, separators=(",", ":"))  # not sorted: the weights keep their order

    @classmethod
    def from_key(cls, key: str) -> RankingsState:
        return cls.from_plain(json.loads(key))


BLANK = RankingsState()
KEY_FIELDS = tuple(f.name for f in fields(RankingsState) if f.name not in ("years", "cmp_years"))


def format_weights(weights: dict, order=None) -> str:
    """'gdp_pc_pps:1,gerd_pc_gdp:2' (positive weights only, in `order` when given)."""
    keys = [k for k in (order or weights) if weights.get(k, 0) and weights.get(k, 0) > 0]
    return ",".join(f"{k}:{_num(weights[k])}" for k in keys)


def _num(x):
    x = float(x)
    return int(x) if x.is_integer() else round(x, 2)


def parse_weights(raw, known: list[str], notices: list[str]) -> dict | None:
    """{indicator: weight} from 'id:w,...'; None (= the default composite) when absent or unusable."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (list, tuple)):
        raw = ",".join(map(str, raw))
    weights, bad = {}, []
    for item in str(raw).split(","):
        if not item.strip():
            continue
        key, _, value = item.partition(":")
        key = key.strip()
        try:
            w = float(value)
        except ValueError:
            w = None
        if key not in known or w is None or not 0 <= w <= WEIGHT_MAX or w != w:
            bad.append(item.strip()[:30])
            continue
        weights[key] = _num(w)
    if bad:
        notices.append(
            Message(
                "Unknown composite weights ignored: {weights} (a weight is a number from 0 to {most} after an "
                "indicator id).",
                weights=", ".join(bad[:5]),
                most=WEIGHT_MAX,
            )
        )
    weights = {k: w for k, w in weights.items() if w > 0}
    if not weights:
        notices.append(
            Message(
                "The composite needs at least one indicator with a weight above 0: showing the default composite "
                "instead."
            )
        )
        return None
    return {k: weights[k] for k in known if k in weights}


# --- lookups kept per data version (parsing runs on every request) -------------------------------------------


def _known(tables) -> dict:
    """Indicator ids (table order), ecosystem ids and programme names (None: no participation data)."""

    def compute():
        frames = tables.frames
        ids = tuple(tables.indicators["id"].tolist())
        return {
            "ids": ids,
            "choices": frozenset(ids) | {COMPOSITE},
            "candidates": tuple(comp.default_candidates(tables.indicators)),
            "ecosystems": frozenset(tables.ecosystems["ecosystem_id"]),
            "programmes": frozenset(programme_names(frames["participations"])) if programme_available(frames) else None,
        }

    return tables.memo("rankings.known", compute)


def _at_level(tables, level: int, eu: bool) -> tuple[tuple[str, ...], frozenset]:
    """(region codes, their countries) of a NUTS level, EU regions only when `eu`."""

    def compute():
        regions = tables.regions
        rows = regions[regions["level"] == level]
        rows = rows[rows["is_eu"]] if eu else rows
        return tuple(rows["code"].tolist()), frozenset(rows["country"].dropna())

    return tables.memo(("rankings.at_level", level, bool(eu)), compute)


def level_codes(tables, level: int, eu_only: bool) -> list[str]:
    return list(_at_level(tables, level, eu_only)[0])


def _years_by_indicator(tables, level: int, eu: bool) -> dict:
    """indicator -> years in which a region of the level has a value (one scan of the values table per level)."""

    def compute():
        # From each indicator's (region, year) pairs with a value, split once at start-up (data/warm.py): no mask
        # and copy of the whole values table (at NUTS 3 scale that copy made the first ranking +50 MB).
        codes = pd.Index(level_codes(tables, level, eu))
        out = {}
        for indicator in _known(tables)["ids"]:
            known = profile.region_years_with_values(tables.indicator_values, indicator)
            out[indicator] = frozenset(int(y) for y in known.loc[known["region"].isin(codes), "year"].unique())
        return out

    return tables.memo(("rankings.years_by_indicator", level, bool(eu)), compute)


def composite_years(tables, level: int, eu: bool, weights: dict | None) -> list[int]:
    """Years in which an indicator of the composite (weights None: a default candidate) has a value."""
    ids = [k for k, w in weights.items() if w > 0] if weights else _known(tables)["candidates"]
    by_indicator = _years_by_indicator(tables, level, eu)
    return sorted(set().union(*(by_indicator.get(i, ()) for i in ids)))


def _years(tables, indicator: str, level: int, eu: bool, weights: dict | None) -> tuple[int, ...]:
    """The year choices: an indicator's years with a value at the level (EU or not, as data.queries.years_with_data),
    the composite's years with a value for one of its indicators in the chosen set of regions."""
    if indicator == COMPOSITE:
        return tuple(composite_years(tables, level, eu, weights))
    return tuple(sorted(_years_by_indicator(tables, level, False).get(indicator, ())))


def _default_year(tables, indicator: str, level: int, eu: bool, weights: dict | None, years) -> int | None:
    """The year to open on when the link gives none (or one without data); looked up only then."""

    def compute():
        if indicator != COMPOSITE:
            return indicator_default_year(tables.indicators, indicator, list(years))
        codes = level_codes(tables, level, eu)
        if weights:
            return comp.best_year(tables.indicator_values, codes, weights)
        return comp.default_year(tables.indicators, tables.indicator_values, codes)

    weight_key = tuple(weights.items()) if weights and indicator == COMPOSITE else None
    year = tables.memo(("rankings.default_year", indicator, level, bool(eu), weight_key), compute)
    return year if year in years else (years[-1] if years else None)


def default_weights(tables, codes, year) -> dict:
    """Equal weights over the default composite's indicators for `year` (`comp.default_indicators`, from the
    candidates' coverage of every year counted once per data version and set of regions)."""
    codes = tuple(codes)

    def coverage():
        candidates = comp.default_candidates(tables.indicators)
        counts = comp.coverage_by_year(tables.indicator_values, codes, candidates)
        release_memory()  # a scan of the values table: the C heap keeps its temporaries (NUTS 3: ~20 MB)
        return candidates, counts

    def compute():
        if not year or not codes:
            return ()
        candidates, counts = tables.memo(("rankings.default_coverage", codes), coverage)
        ids = comp.covered_indicators(counts, candidates, len(codes), year, comp.DEFAULT_MIN_COVERAGE)
        if not ids:  # too little coverage for the default rule: every candidate with some value
            ids = comp.covered_indicators(counts, candidates, len(codes), year, 1e-9)
        return tuple(ids)

    return dict.fromkeys(tables.memo(("rankings.default_weights", codes, year), compute), 1)


def default_comparison(year, years) -> int | None:
    """The latest year at least five years before `year`, else the earliest earlier year, else None."""
    earlier = [y for y in years if year is not None and y < year]
    if not earlier:
        return None
    five = [y for y in earlier if y <= year - 5]
    return max(five) if five else min(earlier)


# --- parsing -------------------------------------------------------------------------------------------------


def parse_rankings(tables, query: dict) -> tuple[RankingsState, list[str]]:
    notices: list[str] = []
    known = _known(tables)
    ids = list(known["ids"])
    indicator = choose(query.get("indicator"), known["choices"], DEFAULTS["indicator"], "indicator", notices)
    level = choose(query.get("level"), set(LEVELS), DEFAULTS["level"], "NUTS level", notices, cast=int)
    eu = bool(choose(query.get("eu"), (0, 1), int(DEFAULTS["eu"]), "EU-only setting", notices, cast=int))
    codes, countries_at_level = _at_level(tables, level, eu)
    countries = choose_many(query.get("countries"), countries_at_level, [], "countries", notices)
    eco = choose(query.get("eco"), known["ecosystems"], "", "ecosystem", notices)
    lq = number_in_range(
        query.get("lq"),
        LQ_RANGE[0],
        LQ_RANGE[1],
        DEFAULTS["lq"],
        "LQ threshold",
        notices,
        default_text=DEFAULTS["lq"],
    )
    prog = ""
    if query.get("prog"):
        if known["programmes"] is not None:
            prog = choose(query.get("prog"), known["programmes"], "", "programme", notices)
        else:
            notices.append(Message("Programme participation data not loaded yet: the programme filter is ignored."))
    allowed = frozenset(codes)
    basket = choose_many(query.get("basket"), allowed, [], "regions in the basket", notices, limit=BASKET_LIMIT)
    unknown = [c for c in str(query.get("basket") or "").split(",") if c.strip() and c.strip() not in allowed]
    if unknown:
        notices += successor_notices(tables.region_changes, unknown)
    mark = choose_many(query.get("mark"), allowed, [], "selected regions", notices, limit=MARK_LIMIT)
    n = choose(query.get("n"), set(TOP_N), DEFAULTS["n"], "number of regions at top and bottom", notices, cast=int)
    norm = choose(query.get("norm"), set(comp.NORMALISATIONS), DEFAULTS["norm"], "normalisation", notices)
    agg = choose(query.get("agg"), set(comp.AGGREGATIONS), DEFAULTS["agg"], "aggregation", notices)
    draws = choose(query.get("draws"), set(DRAWS), DEFAULTS["draws"], "number of draws", notices, cast=int)
    conc = choose(query.get("conc"), set(CONCENTRATIONS), DEFAULTS["conc"], "concentration", notices, cast=int)
    seed = choose(query.get("seed"), range(SEED_MAX + 1), DEFAULTS["seed"], "seed", notices, cast=int)
    weights = parse_weights(query.get("w"), ids, notices)

    years = _years(tables, indicator, level, eu, weights)
    if years:
        year = choose(query.get("year"), set(years), None, "year", [], cast=int)  # the default only when needed
        if year is None:
            year = choose(
                query.get("year"),
                set(years),
                _default_year(tables, indicator, level, eu, weights, years),
                "year",
                notices,
                cast=int,
            )
    else:
        year = None
        notices.append(
            Message(
                "The composite has no data for NUTS {level} regions: choose another indicator or level.", level=level
            )
            if indicator == COMPOSITE
            else Message(
                "The indicator {indicator} has no data for NUTS {level} regions: choose another indicator or level.",
                indicator=indicator,
                level=level,
            )
        )
    weights_default = weights is None
    if weights is None:
        weights = default_weights(tables, codes, year)
    earlier = tuple(y for y in years if year is not None and y < year)
    raw_cmp = query.get("cmp")
    if raw_cmp == NONE or (isinstance(raw_cmp, (list, tuple)) and raw_cmp and raw_cmp[-1] == NONE):
        cmp = None
    else:
        cmp = choose(raw_cmp, set(earlier), default_comparison(year, years), "comparison year", notices, cast=int)
    state = RankingsState(
        indicator=indicator,
        year=year,
        cmp=cmp,
        level=level,
        eu=eu,
        countries=tuple(countries),
        eco=eco,
        lq=lq,
        prog=prog,
        basket=tuple(basket),
        mark=tuple(mark),
        n=n,
        weights=weights,
        norm=norm,
        agg=agg,
        draws=draws,
        conc=conc,
        seed=seed,
        weights_default=weights_default,
        years=years,
        cmp_years=earlier,
    )
    return state, notices


def _query_value(value) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


def state_of_controls(tables, controls: dict) -> RankingsState:
    """The state of the page's controls, `controls` keyed like the query (indicator, year, ..., w): their values
    are written as a link would hold them and parsed like one. Notices are dropped: the controls show the values
    that are used. An empty comparison control means no comparison (a link without `cmp` gets the default one)."""
    query = {key: _query_value(value) for key, value in controls.items() if value is not None}
    if "cmp" in controls and controls["cmp"] is None:
        query["cmp"] = NONE
    state = parse_rankings(tables, query)[0]
    # Every slider at 0 chooses no weights (the page asks for one); a link without weights gets the default ones.
    return replace(state, weights={}) if controls.get("w") == "" else state


def rankings_search(state: RankingsState, order=None) -> str:
    """The query string of a state; the weights are written only for the composite."""
    return to_search(
        {
            "indicator": state.indicator,
            "year": state.year,
            "cmp": NONE if state.cmp is None else state.cmp,
            "level": state.level,
            "eu": bool(state.eu),
            "countries": list(state.countries),
            "eco": state.eco,
            "lq": state.lq,
            "prog": state.prog,
            "basket": list(state.basket),
            "mark": list(state.mark),
            "n": state.n,
            "w": format_weights(state.weights, order) if state.composite else "",
            "norm": state.norm,
            "agg": state.agg,
            "draws": state.draws,
            "conc": state.conc,
            "seed": state.seed,
        },
        DEFAULTS,
    )


# What only the charts (`mark`, `n`) or the sensitivity use: the grid's rows do not depend on it.
CHART_ONLY = {k: DEFAULTS[k] for k in ("mark", "n", "draws", "conc", "seed")}


def grid_search(state: RankingsState, keep=()) -> str:
    """The link of the rows the grid shows (its key, held by the page): the state without what only the charts
    use (but the fields `keep`), the weights left out when they are the default composite's (so it parses back to
    the same state). "" for a composite without weights (nothing is ranked)."""
    if state.composite and not state.weights:
        return ""
    reset = {k: v for k, v in CHART_ONLY.items() if k not in keep}
    plain = replace(state, **{k: tuple(v) if isinstance(v, list) else v for k, v in reset.items()})
    search = rankings_search(replace(plain, weights={} if state.weights_default else state.weights))
    return search or "?"  # the default ranking: an empty query, still a key


def chart_search(state: RankingsState) -> str:
    """The link of the regions a ranking's charts show (the grid's key with `mark` and `n`): what a chart's CSV
    spec carries, parsed again with `grid_state` when the CSV is asked for."""
    return grid_search(state, keep=("mark", "n"))


def grid_state(tables, search) -> RankingsState | None:
    """The state of a grid key, parsed like a link (it comes back from the browser); None for no key."""
    if not isinstance(search, str) or not search.startswith("?"):
        return None
    return parse_rankings(tables, dict(parse_qsl(search[1:], keep_blank_values=True)))[0]
