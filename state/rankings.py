"""URL state of the Rankings page: query string <-> validated state.

Every control is in the link: indicator (or `composite`), year, comparison year, the region filters, the
chart size, the selected regions and, for the composite, weights, normalisation, aggregation and the
sensitivity settings (draws, concentration, seed). The year and comparison year are always written (so a
link keeps showing the same years when new data arrives); composite weights are written whenever the
composite is shown. Other values equal to their default stay out of the link.
"""
from __future__ import annotations

from components.url_state import choose, choose_many, number_in_range, to_search
from data import composite as comp
from data.store import memo_for
from data.quality import default_year as indicator_default_year
from data.queries import successor_notices, years_with_data
from data.ranking import programme_available, programme_names
from data.specialisation import LQ_MIN

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
DEFAULTS = {"indicator": "gdp_pc_pps", "level": 2, "eu": True, "countries": [], "eco": "", "lq": LQ_MIN,
            "prog": "", "basket": [], "mark": [], "n": 10, "norm": "minmax", "agg": "arithmetic",
            "draws": 200, "conc": 20, "seed": 1}


def level_codes(regions, level: int, eu_only: bool) -> list[str]:
    def compute():
        rows = regions[regions["level"] == level]
        return tuple((rows[rows["is_eu"]] if eu_only else rows)["code"].tolist())

    return list(memo_for(regions, ("rankings.level_codes", level, bool(eu_only)), compute))


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
        notices.append(f"Unknown composite weights ignored: {', '.join(bad[:5])} (a weight is a number from 0 "
                       f"to {WEIGHT_MAX} after an indicator id).")
    weights = {k: w for k, w in weights.items() if w > 0}
    if not weights:
        notices.append("The composite needs at least one indicator with a weight above 0: showing the default "
                       "composite instead.")
        return None
    return {k: weights[k] for k in known if k in weights}


def composite_years(tables, codes, weights: dict | None) -> list[int]:
    ids = [k for k, w in weights.items() if w > 0] if weights else comp.default_candidates(tables.indicators)

    def compute():
        counts = comp.coverage_by_year(tables.indicator_values, codes, ids)
        return tuple(sorted(int(y) for y in counts.index[counts.sum(axis=1) > 0]))

    return list(tables.memo(("rankings.composite_years", tuple(codes), tuple(ids)), compute))


def default_weights(tables, codes, year) -> dict:
    """Equal weights over the default composite's indicators for `year` (a scan of the values table, so kept per
    data version, set of regions and year)."""
    def compute():
        ids = comp.default_indicators(tables.indicators, tables.indicator_values, codes, year) if year else []
        if not ids and year:  # too little coverage for the default rule: every candidate with some value
            ids = comp.default_indicators(tables.indicators, tables.indicator_values, codes, year, min_coverage=1e-9)
        return tuple(ids)

    return {i: 1 for i in tables.memo(("rankings.default_weights", tuple(codes), year), compute)}


def default_comparison(year, years) -> int | None:
    """The latest year at least five years before `year`, else the earliest earlier year, else None."""
    earlier = [y for y in years if year is not None and y < year]
    if not earlier:
        return None
    five = [y for y in earlier if y <= year - 5]
    return max(five) if five else min(earlier)


def _lq(raw, notices):
    return number_in_range(raw, *LQ_RANGE, DEFAULTS["lq"], "LQ threshold", notices, default_text=str(DEFAULTS["lq"]))


def parse_rankings(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    ids = tables.indicators["id"].tolist()
    indicator = choose(query.get("indicator"), set(ids) | {COMPOSITE}, DEFAULTS["indicator"], "indicator", notices)
    level = choose(query.get("level"), set(LEVELS), DEFAULTS["level"], "NUTS level", notices, cast=int)
    eu = bool(choose(query.get("eu"), {0, 1}, int(DEFAULTS["eu"]), "EU-only setting", notices, cast=int))
    regions = tables.regions
    codes = level_codes(regions, level, eu)
    at_level = regions[regions["level"] == level]
    if eu:
        at_level = at_level[at_level["is_eu"]]
    countries = choose_many(query.get("countries"), set(at_level["country"].dropna()), [], "countries", notices)
    eco = choose(query.get("eco"), set(tables.ecosystems["ecosystem_id"]), "", "ecosystem", notices)
    lq = _lq(query.get("lq"), notices)
    prog = ""
    if query.get("prog"):
        if programme_available(tables.frames):
            prog = choose(query.get("prog"), set(programme_names(tables.frames["participations"])), "",
                          "programme", notices)
        else:
            notices.append("Programme participation data not loaded yet: the programme filter is ignored.")
    basket = choose_many(query.get("basket"), set(codes), [], "regions in the basket", notices, limit=BASKET_LIMIT)
    allowed = set(codes)
    notices += successor_notices(tables.region_changes, [c for c in str(query.get("basket") or "").split(",")
                                                         if c.strip() and c.strip() not in allowed])
    mark = choose_many(query.get("mark"), set(codes), [], "selected regions", notices, limit=MARK_LIMIT)
    n = choose(query.get("n"), set(TOP_N), DEFAULTS["n"], "number of regions at top and bottom", notices, cast=int)
    norm = choose(query.get("norm"), set(comp.NORMALISATIONS), DEFAULTS["norm"], "normalisation", notices)
    agg = choose(query.get("agg"), set(comp.AGGREGATIONS), DEFAULTS["agg"], "aggregation", notices)
    draws = choose(query.get("draws"), set(DRAWS), DEFAULTS["draws"], "number of draws", notices, cast=int)
    conc = choose(query.get("conc"), set(CONCENTRATIONS), DEFAULTS["conc"], "concentration", notices, cast=int)
    seed = choose(query.get("seed"), range(SEED_MAX + 1), DEFAULTS["seed"], "seed", notices, cast=int)
    weights = parse_weights(query.get("w"), ids, notices)

    if indicator == COMPOSITE:
        years = composite_years(tables, codes, weights)
        if weights:
            default_year = comp.best_year(tables.indicator_values, codes, weights)
        else:
            default_year = comp.default_year(tables.indicators, tables.indicator_values, codes)
    else:
        years = years_with_data(tables.indicator_values, regions, indicator, level)
        default_year = indicator_default_year(tables.indicators, indicator, years)
    if default_year not in years:
        default_year = years[-1] if years else None
    if years:
        year = choose(query.get("year"), set(years), default_year, "year", notices, cast=int)
    else:
        year = None
        what = "The composite" if indicator == COMPOSITE else f"The indicator {indicator}"
        notices.append(f"{what} has no data for NUTS {level} regions: choose another indicator or level.")
    weights_default = weights is None
    if weights is None:
        weights = default_weights(tables, codes, year)
    earlier = [y for y in years if year is not None and y < year]
    fallback = default_comparison(year, years)
    raw_cmp = query.get("cmp")
    if raw_cmp == NONE or (isinstance(raw_cmp, (list, tuple)) and raw_cmp and raw_cmp[-1] == NONE):
        cmp = None
    else:
        cmp = choose(raw_cmp, set(earlier), fallback, "comparison year", notices, cast=int)
    state = {"indicator": indicator, "year": year, "cmp": cmp, "level": level, "eu": eu, "countries": countries,
             "eco": eco, "lq": lq, "prog": prog, "basket": basket, "mark": mark, "n": n, "weights": weights,
             "norm": norm, "agg": agg, "draws": draws, "conc": conc, "seed": seed}
    return state | {"years": years, "cmp_years": earlier, "weights_default": weights_default}, notices


def rankings_search(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n, weights,
                    norm, agg, draws, conc, seed, order=None) -> str:
    """The query string of a state; `weights` is written only for the composite."""
    state = {
        "indicator": indicator, "year": year, "cmp": NONE if cmp is None else cmp, "level": level, "eu": bool(eu),
        "countries": list(countries or []), "eco": eco or "", "lq": lq, "prog": prog or "",
        "basket": list(basket or []), "mark": list(mark or []), "n": n,
        "w": format_weights(weights or {}, order) if indicator == COMPOSITE else "",
        "norm": norm, "agg": agg, "draws": draws, "conc": conc, "seed": seed,
    }
    return to_search(state, DEFAULTS)


def search_of_state(state: dict, order=None) -> str:
    keys = ("indicator", "year", "cmp", "level", "eu", "countries", "eco", "lq", "prog", "basket", "mark", "n",
            "weights", "norm", "agg", "draws", "conc", "seed")
    return rankings_search(*(state[k] for k in keys), order=order)
