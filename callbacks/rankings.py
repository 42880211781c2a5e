"""Rankings page callbacks: parse the controls, call the pure ranking and composite functions, return.

The heavy work is memoized on primitive arguments (the weights travel as their 'id:w,...' string), and
returns plain data; the callbacks only wrap it in components.
"""
from __future__ import annotations


import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.io.json
import plotly.utils
from dash import ALL, Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate

import caching
from components import theme
from components.chart_card import GRAPH, GRID_CSV_GUARD, SOURCE, TABLE, TITLE, data_table, ids, with_csv
from components.figures import rankings as figs
from data import composite as comp
from data.chart_data import drawn, spec
from data.queries import flag_text, indicator_meta, reference_value, source_line
from data.ranking import (RegionFilter, programme_available, programme_coverage, programme_names, programme_regions,
                          rank_set, region_set, shown_rows, specialised_regions, values_in_year)
from data.store import current_tables
from pages import rankings as page
from state import rankings as st

BARS, CONTRIBUTIONS, SENSITIVITY = ids(page.BARS), ids(page.CONTRIBUTIONS), ids(page.SENSITIVITY)
LEVEL_NAMES = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}
COMPOSITE_LABEL = "Composite indicator"
SENSITIVITY_WORDS = {"rank": "Rank with your weights", "median": "Median rank under perturbed weights",
                     "low": "Rank at the 5th percentile", "high": "Rank at the 95th percentile"}


def _tuple(values) -> tuple:
    return tuple(values or ())


def _opt_int(value):
    if value in (None, "", st.NONE) or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _float(value, default):
    if isinstance(value, bool):
        return default
    try:
        value = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return value if value == value and abs(value) != float("inf") else default


def _choice(value, allowed, default):
    try:
        return value if value in allowed else default
    except TypeError:  # unhashable
        return default


def _codes(value, limit, known) -> list[str]:
    if not isinstance(value, (list, tuple)):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str) and v in known))[:limit]


def _known_values(tables) -> tuple[frozenset, frozenset, frozenset]:
    """(years with any value, region codes, programme names) of a data version, computed once per version."""
    def compute():
        participations = tables.frames.get("participations")
        programmes = (frozenset(programme_names(participations)) if programme_available(tables.frames)
                      else frozenset())
        return (frozenset(int(y) for y in tables.indicator_values["year"].unique()),
                frozenset(tables.regions["code"]), programmes)

    return tables.memo("rankings.known_values", compute)


def _year_values(tables, indicator_ids, year: int) -> pd.DataFrame:
    """The rows of tables.indicator_values for these indicators and year. Each (indicator, year) slice is cut
    from the 60,000-row table once per data version, so a new combination of controls starts from small frames."""
    parts = []
    for indicator in indicator_ids:
        parts.append(tables.memo(("rankings.slice", indicator, int(year)), lambda indicator=indicator: values_in_year(
            tables.indicator_values, indicator, int(year)).assign(indicator=indicator, year=int(year))))
    return pd.concat(parts, ignore_index=True) if parts else tables.indicator_values.iloc[0:0]


def _indicator_meta(tables, indicator: str) -> dict:
    """data.queries.indicator_meta, kept per data version (a filter on the table is slow next to a cache hit)."""
    return tables.memo(("rankings.meta", indicator), lambda: indicator_meta(tables.indicators, indicator))


def _known(tables) -> tuple[frozenset, frozenset]:
    """(indicator ids, ecosystem ids) of a data version, computed once per version."""
    return tables.memo("rankings.known", lambda: (frozenset(tables.indicators["id"].tolist()) | {st.COMPOSITE},
                                                  frozenset(tables.ecosystems["ecosystem_id"].tolist())))


def clean(tables, indicator=None, year=None, cmp=None, level=None, eu=None, countries=None, eco=None, lq=None,
          prog=None, basket=None, mark=None, n=None, weights=None, norm=None, agg=None, draws=None, conc=None,
          seed=None) -> dict:
    """The controls' values made safe: anything malformed falls back to its default (never a traceback)."""
    seed = _opt_int(seed)
    indicators, ecosystems = _known(tables)
    years, regions, programmes = _known_values(tables)
    # Only known values reach the memoized functions: their cache keys then come from valid state alone, so
    # invented years, codes or weights cost a check, not a computation and a cache entry each (issue 15).
    ids = tables.indicators["id"].tolist()
    weights = st.format_weights(st.parse_weights(weights, ids, []) or {}, ids) if isinstance(weights, str) else ""
    return {
        "indicator": _choice(indicator, indicators, st.DEFAULTS["indicator"]),
        "year": _choice(_opt_int(year), years, None), "cmp": _choice(_opt_int(cmp), years, None),
        "level": _choice(level, set(st.LEVELS), st.DEFAULTS["level"]),
        "eu": eu if isinstance(eu, bool) else st.DEFAULTS["eu"],
        "countries": _codes(countries, 60, regions), "eco": _choice(eco, ecosystems, ""),
        "lq": _lq(lq), "prog": _choice(prog, programmes, ""),
        "basket": _codes(basket, st.BASKET_LIMIT, regions), "mark": _codes(mark, st.MARK_LIMIT, regions),
        "n": _choice(n, set(st.TOP_N), st.DEFAULTS["n"]), "weights": weights,
        "norm": _choice(norm, set(comp.NORMALISATIONS), st.DEFAULTS["norm"]),
        "agg": _choice(agg, set(comp.AGGREGATIONS), st.DEFAULTS["agg"]),
        "draws": _choice(draws, set(st.DRAWS), st.DEFAULTS["draws"]),
        "conc": _choice(conc, set(st.CONCENTRATIONS), st.DEFAULTS["conc"]),
        "seed": seed if seed is not None and 0 <= seed <= st.SEED_MAX else st.DEFAULTS["seed"],
    }


# --- pure-ish helpers over the current tables -----------------------------------------------------------------

def build_filter(tables, level, eu, countries, eco, lq, prog, basket) -> tuple[RegionFilter, list[str]]:
    """The RegionFilter of the controls, and words describing each filter that is set."""
    words = []
    specialised = programme = None
    if countries:
        words.append("in " + ", ".join(countries))
    if eco:
        name = tables.ecosystems.set_index("ecosystem_id")["name"].get(eco, eco)
        specialised = specialised_regions(tables.ecosystem_employment, eco, lq)
        words.append(f"specialised in {name} (LQ above {lq:g} in 2015)")
    if prog and programme_available(tables.frames):
        participations = tables.frames["participations"]
        programme = programme_regions(participations, prog)
        known, total = programme_coverage(participations, prog)
        note = "" if level == 0 or known == total else (
            f" (the region is known for {known} of its {total} participations; the others count only for their "
            f"country)")
        words.append(f"with participants in {prog}{note}")
    if basket:
        words.append(f"in your basket of {len(basket)}")
    flt = RegionFilter(level=int(level), eu_only=bool(eu), countries=tuple(countries), specialised=specialised,
                       programme=programme, basket=tuple(basket))
    return flt, words


def _set_description(level, eu, words):
    base = f"{LEVEL_NAMES[level]}{' of the EU' if eu else ' (EU and non-EU)'}"
    return base + (" " + "; ".join(words) if words else "")


def _sources(tables, indicator_ids, what: str) -> str:
    """One 'Source: Eurostat (a; b)' line for several indicators, plus how the ranks were made (kept per data
    version: the lookup is slow next to a cached callback)."""
    return tables.memo(("rankings.sources", tuple(indicator_ids), what),
                       lambda: _source_text(tables, indicator_ids, what))


def _source_text(tables, indicator_ids, what: str) -> str:
    line = source_line(tables.indicators, tables.sources, indicator_ids)
    parts = [p.strip() for p in line.split(";") if p.strip()]
    prefix = "Source: Eurostat ("
    if len(parts) > 1 and all(p.startswith(prefix) and p.endswith(")") for p in parts):
        line = prefix + "; ".join(p[len(prefix):-1] for p in parts) + ")"
    return f"{line}; {what}: own calculation"


def _style(figure) -> dict:
    height = (figure or {}).get("layout", {}).get("height") or 420
    return {"height": f"{height}px"}


def _region_options(tables, level, eu) -> tuple:
    """(country options, region options, region codes, country codes) of a level: the same for every visitor."""
    regions = tables.regions
    at_level = regions[regions["level"] == level]
    if eu:
        at_level = at_level[at_level["is_eu"]]
    country_rows = regions[(regions["level"] == 0) & regions["code"].isin(at_level["country"].unique())]
    country_options = [{"label": f"{r.name} ({r.code})", "value": r.code}
                       for r in country_rows.sort_values("code").itertuples()]
    region_options = [{"label": f"{r.name} ({r.code})", "value": r.code}
                      for r in at_level.sort_values("name").itertuples()]
    return country_options, region_options, frozenset(at_level["code"]), frozenset(country_rows["code"])


def _labels(tables) -> dict:
    return dict(zip(tables.indicators["id"], tables.indicators["short_label"]))


def composite_ranking(tables, regions, year, cmp, weights, norm, agg):
    """(Ranking, Composite, earlier Composite or None) of the composite over the set `regions`."""
    codes = regions["code"].tolist()
    hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
    used = [i for i, w in weights.items() if w > 0]
    values, flags = comp.indicator_frame(_year_values(tables, used, year), codes, used, year)
    result = comp.composite(values, weights, hib, norm, agg)
    earlier = earlier_result = None
    if cmp is not None:
        prev_values, _ = comp.indicator_frame(_year_values(tables, used, cmp), codes, used, cmp)
        try:
            earlier_result = comp.composite(prev_values, weights, hib, norm, agg)
            earlier = pd.DataFrame({"region": codes, "value": earlier_result.value.to_numpy()})
        except ValueError:
            earlier_result = None
    current = pd.DataFrame({"region": codes, "value": result.value.to_numpy()})
    ranking = rank_set(regions, current, True, earlier)
    labels = _labels(tables)
    words = pd.Series("", index=flags.index, dtype="object")
    for i in flags.columns:  # "label: flag text" per flagged cell, joined with "; " in the indicators' order
        col = flags[i]
        flagged = col.map(lambda f: isinstance(f, str) and bool(f)).astype(bool)
        if flagged.any():
            text = col[flagged].map(lambda f, i=i: f"{labels.get(i, i)}: {flag_text(f)}")
            words[flagged] = [w + "; " + t if w else t for w, t in zip(words[flagged], text)]
    ranking.table["flag_text"] = ranking.table["code"].map(words).fillna("").astype("string")
    ranking.table["coverage"] = ranking.table["code"].map(result.coverage).astype("float64")
    return ranking, result, earlier_result


@caching.memoize
def ranking_data(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, weights, norm, agg) -> dict:
    """Ranked rows, the regions without a value and what the page says about them (plain data)."""
    tables = current_tables()
    flt, words = build_filter(tables, level, eu, countries, eco, lq, prog, basket)
    regions = region_set(tables.regions, flt)
    out = {"set": _set_description(level, eu, words), "n_set": len(regions), "rows": [], "missing": [],
           "notes": [], "contributions": {}, "used": [], "weights": {}, "dropped": [], "earlier_dropped": []}
    if regions.empty:
        return out
    if indicator == st.COMPOSITE:
        weight_map = st.parse_weights(weights, tables.indicators["id"].tolist(), [])
        if not weight_map:
            out["notes"].append("The composite needs at least one indicator with a weight above 0.")
            return out
        try:
            ranking, result, earlier = composite_ranking(tables, regions, year, cmp, weight_map, norm, agg)
        except ValueError:
            out["notes"].append(f"None of the chosen indicators has a value for these regions in {year}.")
            out["dropped"] = list(weight_map)
            return out
        out["used"] = result.weights.index.tolist()
        out["weights"] = result.weights.round(6).to_dict()
        out["dropped"] = result.dropped
        out["earlier_dropped"] = earlier.dropped if earlier is not None else []
        contrib = result.contributions.round(6)
        out["contributions"] = {c: contrib[c].to_dict() for c in contrib.columns}
        out["scores"] = {c: result.scores[c].round(6).to_dict() for c in result.scores.columns}
    else:
        meta = _indicator_meta(tables, indicator)
        earlier = _year_values(tables, [indicator], cmp) if cmp is not None else None
        ranking = rank_set(regions, _year_values(tables, [indicator], year), bool(meta["higher_is_better"]), earlier)
    table = ranking.table.astype(object).where(ranking.table.notna(), None)
    out["rows"] = table.to_dict("records")
    out["missing"] = ranking.missing.to_dict("records")
    return out


def _meta(tables, indicator, norm, agg):
    if indicator == st.COMPOSITE:
        decimals = 2 if (norm == "zscore" and agg == "arithmetic") else 3
        unit = "score" + (" (z-score mean)" if norm == "zscore" and agg == "arithmetic" else ", 0 to 1")
        return {"label": COMPOSITE_LABEL, "unit": unit, "decimals": decimals, "higher_is_better": True}
    meta = _indicator_meta(tables, indicator)
    return {"label": meta["label"], "unit": meta["unit"], "decimals": int(meta["decimals"]),
            "higher_is_better": bool(meta["higher_is_better"])}


def _title(meta, year, n, total, level):
    regions = LEVEL_NAMES[level]
    part = f"top and bottom {n} of {total} {regions}" if total > 2 * n else f"all {total} {regions}"
    direction = "" if meta["higher_is_better"] else " (lower is better: rank 1 = lowest)"
    return f"{meta['label']}, {year}: {part}{direction}"


def _grid_columns(meta, cmp, composite):
    fmt = f",.{meta['decimals']}f"
    columns = [
        {"field": "rank", "headerName": "Rank", "filter": "agNumberColumnFilter", "maxWidth": 110, "sort": "asc"},
        {"field": "name", "headerName": "Region", "filter": "agTextColumnFilter", "minWidth": 200},
        {"field": "code", "headerName": "Code", "filter": "agTextColumnFilter", "maxWidth": 120},
        {"field": "country", "headerName": "Country", "filter": "agTextColumnFilter", "maxWidth": 120},
        {"field": "value", "headerName": f"{meta['label']} ({meta['unit']})", "filter": "agNumberColumnFilter",
         "type": "rightAligned", "minWidth": 160,
         "valueFormatter": {"function": f"params.value == null ? '' : d3.format('{fmt}')(params.value)"}},
        {"field": "country_rank", "headerName": "Rank in country", "filter": "agNumberColumnFilter", "maxWidth": 150},
    ]
    if cmp is not None:
        columns += [
            {"field": "earlier_rank", "headerName": f"Rank in {cmp}", "filter": "agNumberColumnFilter",
             "maxWidth": 140},
            {"field": "rank_change", "headerName": f"Change since {cmp} (+ = up)", "filter": "agNumberColumnFilter",
             "maxWidth": 190,
             "valueFormatter": {"function": "params.value == null ? 'no rank then' : "
                                            "(params.value > 0 ? '+' + params.value : String(params.value))"}},
        ]
    if composite:
        columns.append({"field": "coverage", "headerName": "Share of weight with a value", "maxWidth": 200,
                        "filter": "agNumberColumnFilter",
                        "valueFormatter": {"function": "params.value == null ? '' : d3.format('.0%')(params.value)"}})
    columns.append({"field": "flag_text", "headerName": "Flag", "filter": "agTextColumnFilter", "minWidth": 160,
                    "tooltipField": "flag_text"})
    return columns


def _summary(data, meta, indicator, year, level):
    ranked, missing = len(data["rows"]), len(data["missing"])
    what = "the composite indicator" if indicator == st.COMPOSITE else meta["label"]
    parts = [html.Strong(f"{ranked} {LEVEL_NAMES[level]} ranked"), f" on {what} in {year}: {data['set']}."]
    if missing:
        if indicator == st.COMPOSITE:
            why = (f"{missing} region{'s have' if missing != 1 else ' has'} values for less than "
                   f"{comp.MIN_SHARE:.0%} of the composite's weight in {year}")
        else:
            why = f"{missing} region{'s have' if missing != 1 else ' has'} no value for {year}"
        names = ", ".join(f"{r['name']} ({r['code']})" for r in data["missing"][:60])
        more = f" and {missing - 60} more" if missing > 60 else ""
        parts += [" ", html.Strong(why), " and ", html.Span("are left out of the ranking" if missing != 1
                                                            else "is left out of the ranking"), ". ",
                  html.Details([html.Summary("Which?", className="d-inline"), html.Span(names + more)],
                               className="d-inline-block small")]
    return html.Div(parts, className="mb-1")  # a Div: <details> may not sit inside a <p>


def _method_note(tables, data, year, cmp, weights_default):
    labels = _labels(tables)
    if not data["used"]:
        return ""
    used = ", ".join(f"{labels.get(i, i)} {w:.0%}" for i, w in data["weights"].items())
    items = [html.Span([html.Strong(f"{'Default composite' if weights_default else 'Composite'} in {year}: "), used,
                        " (weights re-scaled to sum to 100%)."])]
    if data["dropped"]:
        items.append(html.Span(" Left out, no value in " + str(year) + ": "
                               + ", ".join(labels.get(i, i) for i in data["dropped"]) + "."))
    if cmp is not None and data["earlier_dropped"]:
        items.append(html.Span(f" In {cmp} there is no value for "
                               + ", ".join(labels.get(i, i) for i in data["earlier_dropped"])
                               + f": the {cmp} ranks use the other indicators."))
    return html.P(items, className="mb-0")


def _is_default_weights(tables, regions_codes, year, weight_map):
    default = st.default_weights(tables, regions_codes, year)
    return bool(default) and {k for k, w in weight_map.items() if w > 0} == set(default) and \
        len({w for k, w in weight_map.items() if w > 0}) == 1


@caching.memoize
def ranking_view(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm,
                 agg) -> dict:
    """Everything the ranking callback returns, as plain data."""
    tables = current_tables()
    data = ranking_data(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, weights, norm, agg)
    meta = _meta(tables, indicator, norm, agg)
    view = {"empty": None, "summary": None, "bars": {}, "bars_table": None, "bars_source": "", "title": "",
            "contrib": {}, "contrib_table": None, "contrib_title": "", "rows": [], "columns": [],
            "filename": "rankings.csv", "method": "", "grid_note": ""}
    composite = indicator == st.COMPOSITE
    if composite:
        weight_map = st.parse_weights(weights, tables.indicators["id"].tolist(), []) or {}
        codes = st.level_codes(tables.regions, level, eu)
        is_default = _is_default_weights(tables, codes, year, weight_map)
        view["method"] = caching.plain(_method_note(tables, data, year, cmp, is_default))
    if data["n_set"] == 0:
        view["empty"] = caching.plain(dbc.Alert([html.Strong("No region matches these filters"), f" ({data['set']}). ",
                                          "Remove a filter or choose another NUTS level to see a ranking."],
                                         color="info"))
        return _packed(view)
    if not data["rows"]:
        what = "the composite indicator" if composite else meta["label"]
        reason = " ".join(data["notes"]) or (f"None of the {data['n_set']} {LEVEL_NAMES[level]} has a value for "
                                             f"{what} in {year}.")
        view["empty"] = caching.plain(dbc.Alert([html.Strong("Nothing to rank. "), reason,
                                          " Choose another year or indicator."], color="info"))
        view["summary"] = caching.plain(_summary(data, meta, indicator, year, level))
        return _packed(view)
    table = pd.DataFrame(data["rows"])
    for col in ("rank", "country_rank", "earlier_rank", "rank_change"):
        table[col] = pd.array(table[col], dtype="Int64")
    table["value"] = table["value"].astype("float64")
    rows = shown_rows(table, int(n), mark)
    title = _title(meta, year, int(n), len(table), level)
    reference = None
    if not composite:
        eu_value, _ = reference_value(tables.indicator_values, indicator, "EU27_2020", year)
        reference = (eu_value, "EU27")
    fig = figs.ranked_bars(rows, title, meta["unit"], meta["decimals"], reference)
    ids_used = data["used"] if composite else [indicator]
    source = _sources(tables, ids_used, "ranks")
    with_csv(fig, drawn(rows, indicator=meta["label"], unit=meta["unit"], year=year, source=source,
                        decimals=meta["decimals"]) if composite else
             spec("indicator_values", indicators=[indicator], regions=list(rows["code"]), year=year))
    shown = rows.assign(value=[theme.format_value(v, meta["decimals"]) for v in rows["value"]],
                        marked=rows["marked"].map({True: "selected", False: ""}))
    view.update(
        summary=caching.plain(_summary(data, meta, indicator, year, level)),
        bars=fig.to_plotly_json(), title=title, bars_source=source,
        bars_table=caching.plain(data_table(shown, {"rank": "Rank", "name": "Region", "code": "Code",
                                             "value": f"{meta['label']} ({meta['unit']})", "flag_text": "Flag",
                                             "marked": "Selected"})),
    )
    if composite and data["contributions"]:
        labels = _labels(tables)
        contrib = pd.DataFrame(data["contributions"])
        ctitle = f"What the composite is made of, {year}: contribution of each indicator"
        cfig = figs.contribution_bars(rows, contrib, labels, ctitle, meta["decimals"])
        long = contrib.reindex(rows["code"]).rename_axis("code").reset_index().melt("code", var_name="what")
        with_csv(cfig, drawn(long.assign(what="Contribution: " + long["what"].map(lambda i: labels.get(i, i)),
                                         name=long["code"].map(dict(zip(rows["code"], rows["name"])))),
                             unit=meta["unit"], year=year, source=source, decimals=meta["decimals"]))
        ctable = rows[["rank", "name", "code"]].copy()
        names = {}
        for c in contrib.columns:
            names[c] = labels.get(c, c)
            ctable[c] = [theme.format_value(contrib[c].get(code), meta["decimals"]) for code in rows["code"]]
        view.update(contrib=cfig.to_plotly_json(), contrib_title=ctitle,
                    contrib_table=caching.plain(data_table(ctable, {"rank": "Rank", "name": "Region", "code": "Code"}
                                                    | names)))
    grid = table.copy()
    grid["value"] = grid["value"].round(meta["decimals"])
    if "coverage" in grid:
        grid["coverage"] = grid["coverage"].astype("float64").round(3)
    keep = [c["field"] for c in _grid_columns(meta, cmp, composite)]
    grid = grid[keep].astype(object).where(grid[keep].notna(), None)
    view.update(rows=grid.to_dict("records"), columns=_grid_columns(meta, cmp, composite),
                filename=f"rankings-{indicator}-{year}-nuts{level}.csv",
                grid_note=("Click a column header to sort, type in the boxes under the headers to filter. "
                           "The CSV holds exactly the rows and columns shown, in the order shown."))
    return _packed(view)


EMPTY_FIGURE = {"data": [], "layout": {}}


def _packed(view: dict) -> dict:
    """Move the bulky outputs (figures, grid rows) into one JSON string, `payload`, which a clientside
    callback unpacks: Dash then sends one string instead of walking thousands of small objects per request."""
    bulky = {"bars": view.pop("bars") or EMPTY_FIGURE, "contrib": view.pop("contrib") or EMPTY_FIGURE,
             "rows": view.pop("rows"), "columns": view.pop("columns")}
    view["bars_style"] = _style(bulky["bars"])
    view["contrib_style"] = _style(bulky["contrib"])
    view["has_contrib"] = bool(bulky["contrib"].get("data"))
    view["payload"] = plotly.io.json.to_json_plotly(bulky)
    return view


@caching.memoize
def composite_scores(year, level, eu, countries, eco, lq, prog, basket, weights, norm, agg) -> dict:
    """The scored regions' normalised scores, weights and composite: what every weight draw re-aggregates.
    Cached apart from the draws, so a new seed, draw count or spread only redoes the numpy part."""
    tables = current_tables()
    flt, _ = build_filter(tables, level, eu, countries, eco, lq, prog, basket)
    regions = region_set(tables.regions, flt)
    weight_map = st.parse_weights(weights, tables.indicators["id"].tolist(), []) or {}
    if regions.empty or not weight_map:
        return {}
    codes = regions["code"].tolist()
    hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
    values, _ = comp.indicator_frame(_year_values(tables, list(weight_map), year), codes, list(weight_map), year)
    try:
        result = comp.composite(values, weight_map, hib, norm, agg)
    except ValueError:
        return {}
    scored = result.value.notna().to_numpy()
    names = regions.set_index("code")["name"]
    index = result.value.index[scored]
    return {"codes": index.tolist(), "names": names.reindex(index).tolist(), "agg": agg,
            "scores": result.scores.to_numpy()[scored].tolist(), "value": result.value.to_numpy()[scored].tolist(),
            "weights": result.weights.to_dict()}



@caching.memoize
def sensitivity_data(year, level, eu, countries, eco, lq, prog, basket, weights, norm, agg, draws, conc, seed) -> dict:
    """Baseline rank, median rank and band of each scored region (plain data)."""
    base = composite_scores(year, level, eu, countries, eco, lq, prog, basket, weights, norm, agg)
    if not base or not base["codes"]:
        return {"rows": [], "k": 0}
    bands = comp.rank_bands(np.asarray(base["scores"], dtype="float64"), np.asarray(list(base["weights"].values())),
                            np.asarray(base["value"]), base["agg"], int(draws), float(conc), int(seed))
    sens = pd.DataFrame({"code": base["codes"], "name": base["names"]} | bands)
    sens = sens.sort_values(["rank", "name"], kind="stable")
    return {"rows": sens.to_dict("records"), "k": len(base["weights"]), "weights": base["weights"]}


@caching.memoize
def sensitivity_view(year, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm, agg, draws, conc,
                     seed) -> dict:
    data = sensitivity_data(year, level, eu, countries, eco, lq, prog, basket, weights, norm, agg, draws, conc, seed)
    if not data["rows"]:
        fig = figs.empty_figure("No region has a composite score for these choices.")
        return {"fig": plotly.io.json.to_json_plotly(fig), "style": {"height": f"{fig.layout.height}px"}, "table": None,
                "title": "Rank sensitivity", "summary": ""}
    sens = pd.DataFrame(data["rows"])
    rows = shown_rows(sens, int(n), mark)
    total = len(sens)
    title = (f"Rank sensitivity, {year}: rank with your weights, median and 5-95% band under {draws} weight draws")
    fig = figs.sensitivity_chart(rows, title, total)
    bands = rows.melt(["code", "name"], ["rank", "median", "low", "high"], var_name="what")
    with_csv(fig, drawn(bands.assign(what=bands["what"].map(SENSITIVITY_WORDS)), unit="rank (1 = best)", year=year,
                        source=_sources(current_tables(), list(data["weights"]), "sensitivity")))
    width = sens["high"] - sens["low"]
    wmax = max(data["weights"].values())
    sd = comp.weight_sd(wmax, conc)
    if data["k"] == 1:
        summary = "With a single indicator the weights cannot change the ranking: every band is one rank wide."
    else:
        widest = sens.loc[width.idxmax()]
        summary = (f"{draws} random weight sets around yours (seed {seed}; the largest weight, {wmax:.0%}, varies "
                   f"with a standard deviation of about {sd:.0%} points). Half of the {total} regions have a 5-95% "
                   f"band at most {int(width.median())} ranks wide; "
                   f"{_count((width == 0).sum(), 'keeps', 'keep')} exactly "
                   f"their rank. Widest: {widest['name']} ({widest['code']}), ranks {int(widest['low'])} to "
                   f"{int(widest['high'])}.")
    table = sens.rename(columns={"rank": "Rank with your weights", "median": "Median rank", "p5": "5th percentile",
                                 "p95": "95th percentile", "name": "Region", "code": "Code"})
    return {"fig": plotly.io.json.to_json_plotly(fig), "style": {"height": f"{fig.layout.height}px"}, "title": title,
            "summary": summary,
            "table": caching.plain(data_table(table, {c: c for c in ("Rank with your weights", "Region", "Code",
                                                              "Median rank", "5th percentile",
                                                              "95th percentile")}))}


def _lq(value) -> float:
    """The LQ threshold of the input, kept inside the allowed range."""
    lo, hi = st.LQ_RANGE
    return round(min(hi, max(lo, _float(value, st.DEFAULTS["lq"]))), 2)


def _count(n, singular_verb, plural_verb) -> str:
    return f"{int(n)} {singular_verb if int(n) == 1 else plural_verb}"


def _args(c: dict) -> tuple:
    """The memoized functions' leading arguments, from cleaned controls."""
    return (c["indicator"], c["year"], c["cmp"], c["level"], c["eu"], tuple(c["countries"]), c["eco"], c["lq"],
            c["prog"], tuple(c["basket"]))


def register(app):
    @app.callback(Output(page.COUNTRIES, "options"), Output(page.COUNTRIES, "value"),
                  Output(page.BASKET, "options"), Output(page.BASKET, "value"),
                  Output(page.MARK, "options"), Output(page.MARK, "value"),
                  Input(page.LEVEL, "value"), Input(page.EU, "value"),
                  State(page.COUNTRIES, "value"), State(page.BASKET, "value"), State(page.MARK, "value"),
                  prevent_initial_call=True)
    def update_region_options(level, eu, countries, basket, mark):
        tables = current_tables()
        c = clean(tables, level=level, eu=eu, countries=countries, basket=basket, mark=mark)
        level, eu, countries, basket, mark = c["level"], c["eu"], c["countries"], c["basket"], c["mark"]
        country_options, region_options, codes, known = tables.memo(("rankings.region_options", level, eu),
                                                                    lambda: _region_options(tables, level, eu))
        return (country_options, [x for x in countries if x in known],
                region_options, [x for x in basket if x in codes],
                region_options, [x for x in mark if x in codes])

    @app.callback(Output(page.YEAR, "options"), Output(page.YEAR, "value"),
                  Output(page.CMP, "options"), Output(page.CMP, "value"),
                  Input(page.INDICATOR, "value"), Input(page.LEVEL, "value"), Input(page.EU, "value"),
                  Input(page.WEIGHTS, "data"), Input(page.YEAR, "value"), State(page.CMP, "value"),
                  prevent_initial_call=True)
    def update_years(indicator, level, eu, weights, year, cmp):
        tables = current_tables()
        c = clean(tables, indicator=indicator, level=level, eu=eu, weights=weights, year=year)
        indicator, level, eu, weights, year = c["indicator"], c["level"], c["eu"], c["weights"], c["year"]
        codes = st.level_codes(tables.regions, level, eu)
        if indicator == st.COMPOSITE:
            weight_map = st.parse_weights(weights, tables.indicators["id"].tolist(), [])
            years = st.composite_years(tables, codes, weight_map)
            best = comp.best_year(tables.indicator_values, codes, weight_map) if weight_map else None
        else:
            from data.queries import years_with_data
            from data.quality import default_year as indicator_default_year
            years = years_with_data(tables.indicator_values, tables.regions, indicator, level)
            best = indicator_default_year(tables.indicators, indicator, years)
        if year not in years:
            year = best if best in years else (years[-1] if years else None)
        earlier = [y for y in years if year is not None and y < year]
        if cmp != st.NONE and (_opt_int(cmp) not in earlier or cmp not in earlier):
            cmp = st.default_comparison(year, years)
            cmp = st.NONE if cmp is None else cmp
        return ([{"label": str(y), "value": y} for y in years], year,
                [{"label": "no comparison", "value": st.NONE}] + [{"label": str(y), "value": y} for y in earlier], cmp)

    @app.callback(Output({"type": page.WEIGHT, "index": ALL}, "value"),
                  Input(page.RESET, "n_clicks"), State(page.YEAR, "value"), State(page.LEVEL, "value"),
                  State(page.EU, "value"), State({"type": page.WEIGHT, "index": ALL}, "id"),
                  prevent_initial_call=True)
    def reset_weights(_n, year, level, eu, slider_ids):
        tables = current_tables()
        if not isinstance(slider_ids, list) or not all(isinstance(i, dict) and "index" in i for i in slider_ids):
            raise PreventUpdate
        c = clean(tables, year=year, level=level, eu=eu)
        codes = st.level_codes(tables.regions, c["level"], c["eu"])
        year = c["year"]
        if year is None:
            year = comp.default_year(tables.indicators, tables.indicator_values, codes)
        default = st.default_weights(tables, codes, year)
        return [default.get(i["index"], 0) for i in slider_ids]

    @app.callback(Output(page.WEIGHTS, "data"), Output({"type": page.WEIGHT_SHARE, "index": ALL}, "children"),
                  Input({"type": page.WEIGHT, "index": ALL}, "value"),
                  State({"type": page.WEIGHT, "index": ALL}, "id"), prevent_initial_call=True)
    def collect_weights(values, slider_ids):
        if (not isinstance(values, list) or not isinstance(slider_ids, list) or len(values) != len(slider_ids)
                or not all(isinstance(i, dict) and isinstance(i.get("index"), str) for i in slider_ids)):
            raise PreventUpdate
        weights = {}
        for ident, value in zip(slider_ids, values):
            weight = _float(value, 0.0)  # range inputs may report their value as text
            weights[ident["index"]] = weight if 0 <= weight <= st.WEIGHT_MAX else 0.0
        total = sum(w for w in weights.values() if w > 0)
        shares = [page.weight_text(weights[i["index"]], total) for i in slider_ids]
        order = current_tables().indicators["id"].tolist()
        return st.format_weights(weights, order), shares

    app.clientside_callback(
        "function(indicator) { const hide = indicator !== 'composite'; return [hide, hide]; }",
        Output(page.COMPOSITE_PANEL, "hidden"), Output(page.COMPOSITE_RESULTS, "hidden"),
        Input(page.INDICATOR, "value"),
    )
    app.clientside_callback(
        "function(n) { return n ? true : window.dash_clientside.no_update; }",
        Output(page.GRID, "exportDataAsCsv"), Input(page.CSV, "n_clicks"), prevent_initial_call=True,
    )

    app.clientside_callback(
        """function(payload) {
            const p = JSON.parse(payload || '{}');
            const empty = {data: [], layout: {}};
            return [p.bars || empty, p.contrib || empty, p.rows || [], p.columns || []];
        }""",
        Output(BARS[GRAPH], "figure"), Output(CONTRIBUTIONS[GRAPH], "figure"), Output(page.GRID, "rowData"),
        Output(page.GRID, "columnDefs"), Input(page.PAYLOAD, "data"), prevent_initial_call=True,
    )

    @app.callback(Output(page.PAYLOAD, "data"), Output(BARS[GRAPH], "style"), Output(BARS[TABLE], "children"),
                  Output(BARS[SOURCE], "children"), Output(BARS[TITLE], "children"),
                  Output(CONTRIBUTIONS[GRAPH], "style"), Output(CONTRIBUTIONS[TABLE], "children"),
                  Output(CONTRIBUTIONS[SOURCE], "children"), Output(CONTRIBUTIONS[TITLE], "children"),
                  Output(page.GRID, "csvExportParams"), Output(page.GRID_NOTE, "children"),
                  Output(page.SUMMARY, "children"), Output(page.EMPTY, "children"), Output(page.RESULTS, "hidden"),
                  Output(page.METHOD_NOTE, "children"),
                  Input(page.INDICATOR, "value"), Input(page.YEAR, "value"), Input(page.CMP, "value"),
                  Input(page.LEVEL, "value"), Input(page.EU, "value"), Input(page.COUNTRIES, "value"),
                  Input(page.ECOSYSTEM, "value"), Input(page.LQ, "value"), Input(page.PROGRAMME, "value"),
                  Input(page.BASKET, "value"), Input(page.MARK, "value"), Input(page.TOP_N, "value"),
                  Input(page.WEIGHTS, "data"), Input(page.NORM, "value"), Input(page.AGG, "value"))
    def update_ranking(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm, agg):
        """Rank the chosen set; figures and grid rows travel in one JSON string (unpacked in the browser)."""
        def failed(text, color):
            return ("{}", no_update, None, "", "", no_update, None, "", "", no_update, "", None,
                    dbc.Alert(text, color=color), True, "")

        c = clean(current_tables(), indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n,
                  weights, norm, agg)
        if c["year"] is None:
            return failed("No year has data for this choice at this NUTS level.", "info")
        try:
            view = ranking_view(*_args(c), tuple(c["mark"]), c["n"], c["weights"], c["norm"], c["agg"])
        except (KeyError, ValueError, TypeError):
            return failed("These settings cannot be ranked; please choose another indicator or year.", "warning")
        source = view["bars_source"]
        return (view["payload"], view["bars_style"], view["bars_table"], source, view["title"],
                view["contrib_style"], view["contrib_table"], source if view["has_contrib"] else "",
                view["contrib_title"], {"fileName": view["filename"], "processCellCallback": GRID_CSV_GUARD},
                view["grid_note"], view["summary"],
                view["empty"], view["empty"] is not None, view["method"])

    app.clientside_callback(
        "function(payload) { return payload ? JSON.parse(payload) : window.dash_clientside.no_update; }",
        Output(SENSITIVITY[GRAPH], "figure"), Input(page.SENS_PAYLOAD, "data"), prevent_initial_call=True,
    )

    @app.callback(Output(page.SENS_PAYLOAD, "data"), Output(SENSITIVITY[GRAPH], "style"),
                  Output(SENSITIVITY[TABLE], "children"),
                  Output(SENSITIVITY[SOURCE], "children"), Output(SENSITIVITY[TITLE], "children"),
                  Output(page.SENS_SUMMARY, "children"),
                  Input(page.INDICATOR, "value"), Input(page.YEAR, "value"), Input(page.LEVEL, "value"),
                  Input(page.EU, "value"), Input(page.COUNTRIES, "value"), Input(page.ECOSYSTEM, "value"),
                  Input(page.LQ, "value"), Input(page.PROGRAMME, "value"), Input(page.BASKET, "value"),
                  Input(page.MARK, "value"), Input(page.TOP_N, "value"), Input(page.WEIGHTS, "data"),
                  Input(page.NORM, "value"), Input(page.AGG, "value"), Input(page.DRAWS, "value"),
                  Input(page.CONC, "value"), Input(page.SEED, "value"))
    def update_sensitivity(indicator, year, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm, agg,
                           draws, conc, seed):
        tables = current_tables()
        c = clean(tables, indicator, year, None, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm,
                  agg, draws, conc, seed)
        if c["indicator"] != st.COMPOSITE or c["year"] is None:
            raise PreventUpdate
        args = _args(c)
        view = sensitivity_view(args[1], *args[3:], tuple(c["mark"]), c["n"], c["weights"], c["norm"], c["agg"],
                                c["draws"], c["conc"], c["seed"])
        weight_map = st.parse_weights(c["weights"], tables.indicators["id"].tolist(), []) or {}
        source = _sources(tables, list(weight_map), "sensitivity") if weight_map else ""
        return view["fig"], view["style"], view["table"], source, view["title"], view["summary"]

    @app.callback(Output(page.URL, "search"),
                  Input(page.INDICATOR, "value"), Input(page.YEAR, "value"), Input(page.CMP, "value"),
                  Input(page.LEVEL, "value"), Input(page.EU, "value"), Input(page.COUNTRIES, "value"),
                  Input(page.ECOSYSTEM, "value"), Input(page.LQ, "value"), Input(page.PROGRAMME, "value"),
                  Input(page.BASKET, "value"), Input(page.MARK, "value"), Input(page.TOP_N, "value"),
                  Input(page.WEIGHTS, "data"), Input(page.NORM, "value"), Input(page.AGG, "value"),
                  Input(page.DRAWS, "value"), Input(page.CONC, "value"), Input(page.SEED, "value"),
                  prevent_initial_call=True)
    def sync_url(indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm, agg,
                 draws, conc, seed):
        tables = current_tables()
        order = tables.indicators["id"].tolist()
        c = clean(tables, indicator, year, cmp, level, eu, countries, eco, lq, prog, basket, mark, n, weights, norm,
                  agg, draws, conc, seed)
        weight_map = st.parse_weights(c["weights"], order, []) or {}
        return st.rankings_search(c["indicator"], c["year"], c["cmp"], c["level"], c["eu"], c["countries"], c["eco"],
                                  c["lq"], c["prog"], c["basket"], c["mark"], c["n"], weight_map, c["norm"], c["agg"],
                                  c["draws"], c["conc"], c["seed"], order=order)
