"""Ecosystems page callbacks: thin wiring between the controls (validated by state/ecosystems.py) and the named
parts of components/ecosystems_view.py.

The figures and records (`*_result`) and each callback's whole answer (`*_answer`) are memoized on plain values:
a warm call is one cache read.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, ctx, dcc, no_update

import caching
from components import ecosystems_notes as notes
from components import ecosystems_view as view
from components.chart_card import GRAPH, ids, visible_input
from components.chart_parts import chart_outputs
from components.language import PAGE_LANGUAGE, page_language
from data.store import current_tables
from data.tables_export import safe_csv
from pages.ecosystems import (
    AGG,
    AGG_CSV,
    AGG_CSV_BUTTON,
    AGG_SOURCE,
    AGG_SUMMARY,
    AGG_TABLE,
    BASIS,
    CAVEATS,
    COUNTRY,
    ECO_INFO,
    ECO_PROJECTS,
    ECO_PROMPT,
    ECO_SECTION,
    ECOSYSTEM,
    HEATMAP_CARD,
    LEVEL,
    LQ,
    MAP_CARD,
    NAV,
    RANKING_CARD,
    REGIONS,
    SCOPE,
    SET_SUMMARY,
    SHARE,
    SHARES_CARD,
    URL,
)
from state.ecosystems import DEFAULTS, clean_controls, ecosystems_search, lookups

HEATMAP, MAP, RANKING = ids(HEATMAP_CARD), ids(MAP_CARD), ids(RANKING_CARD)
SET_CONTROLS = {
    "country": Input(COUNTRY, "value"),
    "level": Input(LEVEL, "value"),
    "regions": Input(REGIONS, "value"),
    "lq": Input(LQ, "value"),
    "share": Input(SHARE, "value"),
}
LANGUAGE = {"lang": State(PAGE_LANGUAGE, "data")}  # the language the page was drawn in


# --- Memoized figures and records (primitive arguments, plain results; `lang` in every key) --------------------


@caching.memoize
def shares_result(country: str, basis: str, lang: str = "en") -> dict:
    return view.shares(current_tables(), country, basis, lang)


@caching.memoize
def heatmap_result(codes: str, label: str, lq_min: float, share_min: float, highlight: str, lang: str = "en") -> dict:
    return view.heatmap(current_tables(), codes, label, lq_min, share_min, highlight, lang)


@caching.memoize
def agglomeration_result(codes: str, kind: str, lq_min: float, share_min: float) -> dict:
    return view.agglomerations(current_tables(), codes, kind, lq_min, share_min)  # English records (and the CSV)


@caching.memoize
def map_result(ecosystem: str, level: int, lq_min: float, share_min: float, lang: str = "en") -> dict:
    return view.ecosystem_map(current_tables(), ecosystem, level, lq_min, share_min, lang)


@caching.memoize
def ranking_result(
    ecosystem: str, level: int, lq_min: float, share_min: float, codes: str, country: str, lang: str = "en"
) -> dict:
    return view.ranking(current_tables(), ecosystem, level, lq_min, share_min, codes, country, lang)


@caching.memoize
def projects_result(ecosystem: str, country: str, lang: str = "en") -> dict | None:
    return notes.programme_projects(current_tables(), ecosystem, country, lang)


# --- Whole callback answers by name ---------------------------------------------------------------------------


@caching.memoize
def shares_answer(country: str, basis: str, lang: str = "en") -> dict:
    return caching.plain(view.shares_answer(current_tables(), shares_result(country, basis, lang), country, lang))


@caching.memoize
def heatmap_answer(
    country: str, codes: str, label: str, lq_min: float, share_min: float, eco: str, custom: bool, lang: str = "en"
) -> dict:
    result = heatmap_result(codes, label, lq_min, share_min, eco, lang)
    eco_incomplete = 0 if custom else view.incomplete_shares(current_tables(), country, DEFAULTS["basis"])
    return caching.plain(view.heatmap_answer(current_tables(), result, codes, label, eco_incomplete, lang))


@caching.memoize
def agglomerations_answer(codes: str, label: str, kind: str, lq_min: float, share_min: float, lang: str = "en") -> dict:
    result = agglomeration_result(codes, kind, lq_min, share_min)
    return caching.plain(view.agglomerations_answer(current_tables(), result, label, kind, lq_min, share_min, lang))


@caching.memoize
def ecosystem_answer(
    ecosystem: str, country: str, level: int, lq_min: float, share_min: float, within: str, lang: str = "en"
) -> dict:
    mapped = map_result(ecosystem, level, lq_min, share_min, lang)
    ranked = ranking_result(ecosystem, level, lq_min, share_min, within, country, lang)
    projects = projects_result(ecosystem, country, lang)
    return caching.plain(view.ecosystem_answer(current_tables(), ecosystem, country, mapped, ranked, projects, lang))


def _region_set(tables, state, lang: str = "en") -> tuple[str, str]:
    """The region set of the state as the cached functions take it: codes joined by commas, and its label."""
    return ",".join(view.region_codes(tables, state)), view.set_label(tables, state, lang)


def register(app):
    @app.callback(
        output=chart_outputs(SHARES_CARD),
        inputs={"country": Input(COUNTRY, "value"), "basis": Input(BASIS, "value"), **LANGUAGE},
    )
    def update_shares(country, basis, lang):
        state = clean_controls(current_tables(), country=country, basis=basis)
        return shares_answer(state["country"], state["basis"], page_language(lang))

    @app.callback(
        output={
            "heatmap": {**chart_outputs(HEATMAP_CARD), "style": Output(HEATMAP[GRAPH], "style")},
            "summary": Output(SET_SUMMARY, "children"),
            "caveats": Output(CAVEATS, "children"),
        },
        inputs={**SET_CONTROLS, "ecosystem": Input(ECOSYSTEM, "value"), **LANGUAGE},
    )
    def update_heatmap(country, level, regions, lq, share, ecosystem, lang):
        tables = current_tables()
        lang = page_language(lang)
        state = clean_controls(tables, country, level, regions, ecosystem, lq, share)
        codes, label = _region_set(tables, state, lang)
        return heatmap_answer(
            state["country"],
            codes,
            label,
            state["lq"],
            state["share"] / 100,
            state["ecosystem"],
            bool(state["regions"]),
            lang,
        )

    @app.callback(
        output={
            "summary": Output(AGG_SUMMARY, "children"),
            "table": Output(AGG_TABLE, "children"),
            "source": Output(AGG_SOURCE, "children"),
            "class_name": Output(AGG_TABLE, "className"),
        },
        inputs={**SET_CONTROLS, "kind": Input(AGG, "value"), **LANGUAGE},
    )
    def update_agglomerations(country, level, regions, lq, share, kind, lang):
        tables = current_tables()
        lang = page_language(lang)
        state = clean_controls(tables, country, level, regions, lq=lq, share=share, agg=kind)
        codes, label = _region_set(tables, state, lang)
        return agglomerations_answer(codes, label, state["agg"], state["lq"], state["share"] / 100, lang)

    @app.callback(
        Output(AGG_CSV, "data"),
        inputs={
            "n_clicks": Input(AGG_CSV_BUTTON, "n_clicks"),
            **{k: State(i.component_id, "value") for k, i in SET_CONTROLS.items()},
            "kind": State(AGG, "value"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def download_agglomerations(n_clicks, country, level, regions, lq, share, kind, lang=None):
        if not n_clicks:
            return no_update
        tables = current_tables()
        state = clean_controls(tables, country, level, regions, lq=lq, share=share, agg=kind)
        result = agglomeration_result(_region_set(tables, state)[0], state["agg"], state["lq"], state["share"] / 100)
        df = notes.agg_frame(result["records"], state["agg"], page_language(lang))  # headers in the page's language
        return dcc.send_string(safe_csv(df), f"agglomerations-{state['agg']}-{state['country']}.csv", type="text/csv")

    @app.callback(
        output={
            "section_hidden": Output(ECO_SECTION, "hidden"),
            "prompt_hidden": Output(ECO_PROMPT, "hidden"),
            "info": Output(ECO_INFO, "children"),
            "map": chart_outputs(MAP_CARD),
            "ranking": {**chart_outputs(RANKING_CARD), "style": Output(RANKING[GRAPH], "style")},
            "projects": Output(ECO_PROJECTS, "children"),
        },
        inputs={
            "ecosystem": Input(ECOSYSTEM, "value"),
            **SET_CONTROLS,
            "scope": Input(SCOPE, "value"),
            "map_visible": visible_input(MAP_CARD),
            "ranking_visible": visible_input(RANKING_CARD),
            **LANGUAGE,
        },
    )
    def update_ecosystem(ecosystem, country, level, regions, lq, share, scope, map_visible, ranking_visible, lang):
        tables = current_tables()
        state = clean_controls(tables, country, level, regions, ecosystem, lq, share, scope=scope)
        drawn = map_visible is True or ranking_visible is True
        if not state["ecosystem"] or not drawn:  # no ecosystem; or its section shown, drawn once scrolled to
            unchanged = dict.fromkeys(("figure", "table", "source", "title"), no_update)
            return {
                "section_hidden": not state["ecosystem"],
                "prompt_hidden": bool(state["ecosystem"]),
                "info": no_update,
                "map": unchanged,
                "ranking": {**unchanged, "style": no_update},
                "projects": no_update,
            }
        within = _region_set(tables, state)[0] if state["scope"] == "set" else ""
        return ecosystem_answer(
            state["ecosystem"],
            state["country"],
            state["level"],
            state["lq"],
            state["share"] / 100,
            within,
            page_language(lang),
        )

    @app.callback(
        Output(URL, "search"),
        inputs={
            "country": Input(COUNTRY, "value"),
            "level": Input(LEVEL, "value"),
            "regions": Input(REGIONS, "value"),
            "ecosystem": Input(ECOSYSTEM, "value"),
            "lq": Input(LQ, "value"),
            "share": Input(SHARE, "value"),
            "basis": Input(BASIS, "value"),
            "agg": Input(AGG, "value"),
            "scope": Input(SCOPE, "value"),
        },
        prevent_initial_call=True,
    )
    def sync_url(country, level, regions, ecosystem, lq, share, basis, agg, scope):
        return ecosystems_search(country, level, regions, ecosystem, lq, share, basis, agg, scope)

    # The navigation Location is set by `href`, not `pathname`: once the page's own URL Location has pushed a new
    # search, the navigation Location still holds the old href and, given only a new pathname, pushes that stale
    # href back (seen with Dash 4.4: the click re-opened /ecosystems?<old query> instead of the region page).
    @app.callback(
        Output(NAV, "href"),
        Input(HEATMAP[GRAPH], "clickData"),
        Input(MAP[GRAPH], "clickData"),
        Input(RANKING[GRAPH], "clickData"),
        prevent_initial_call=True,
    )
    def open_region(heatmap_click, map_click, ranking_click):
        trigger = ctx.triggered_id["index"] if isinstance(ctx.triggered_id, dict) else None
        click = {HEATMAP_CARD: heatmap_click, MAP_CARD: map_click, RANKING_CARD: ranking_click}.get(trigger)
        code = region_from_click(click)
        if not code:
            return no_update
        return dash.get_relative_path(f"/region/{code}")


def region_from_click(click) -> str | None:
    """The NUTS code a click on the heatmap (y), the map (location) or the ranking (y) points at."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    code = point.get("location") or point.get("y")
    return code if isinstance(code, str) and code in lookups(current_tables()).names else None
