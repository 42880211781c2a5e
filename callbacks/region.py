"""Region page callbacks: thin wiring between the controls (validated by state/region.py) and the named parts of
components/region_view.py.

Each `*_answer` function caches one callback's whole answer (figures, tables, texts) as plain data keyed by name;
the callbacks, the peer-review pack (callbacks/pack.py) and the briefing read the same names.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

import caching
from components import region_view as view
from components.chart_card import drawn_when_visible, visible_input
from components.chart_parts import chart_outputs, empty_chart
from components.explorer_controls import switch_panes
from components.language import PAGE_LANGUAGE, page_language
from data.profile import PROFILE
from data.region import similar
from data.store import current_tables
from i18n import N_, translator
from pages.region import (
    ADDED,
    BASE,
    CARDS,
    ECONOMY,
    ECOSYSTEMS,
    EXCL,
    EXPLORE_NOTE,
    INNOVATION,
    LOG,
    MAP_CHART,
    MAP_NOTE,
    MEASURE,
    NACE,
    NAV,
    PANES,
    PICKER,
    PROFILE_CHART,
    SIM,
    SIMILAR,
    STORE,
    TAB,
    TABLE_OUT,
    TIMESERIES,
    TS,
    URL,
    VIEW,
    YEAR,
    YEAR_NOTE,
    K,
)
from pages.regions import NAV as REGIONS_NAV
from pages.regions import PICKER as REGIONS_PICKER
from state.region import clean_controls, known, region_search

# --- Cached answers (primitive arguments, plain data keyed by name) ----------------------------------------------


@caching.memoize
def headline_data(code: str, year: int, lang: str = "en") -> dict:
    """The headline rows and bar charts (the briefing's Figures 1 and 2 too)."""
    return view.headline_parts(current_tables(), code, year, lang)


@caching.memoize
def headline_answer(code: str, year: int, default_year, lang: str = "en") -> dict:
    return caching.plain(view.headline(current_tables(), code, year, default_year, lang))


@caching.memoize
def timeseries_answer(
    code: str, indicator: str, year, regions=(), measure="abs", base=None, log=False, lang: str = "en"
) -> dict:
    """The explorer's line chart in `lang`: its four parts and `note`."""
    return caching.plain(
        view.timeseries(current_tables(), code, indicator, year, list(regions), measure, base, log, lang)
    )


def explorer_args(state: dict, lang: str = "en") -> tuple:
    """timeseries_answer's arguments from a cleaned state and the page's language (the pack passes the same)."""
    base = state["base"] if state["measure"] == "rel" else None  # a base year only matters for a change
    regions = tuple(state["regions"])
    return state["code"], state["ts"], state["year"], regions, state["measure"], base, state["log"], lang


@caching.memoize
def map_answer(code: str, indicator: str, year, lang: str = "en") -> dict:
    return caching.plain(view.region_map(current_tables(), code, indicator, year, lang))


@caching.memoize
def profile_answer(code: str, year: int, view_name: str, lang: str = "en") -> dict:
    return caching.plain(view.profile_chart(current_tables(), code, year, view_name, lang))


@caching.memoize
def specialisation_answer(code: str, lang: str = "en") -> dict:
    return caching.plain(view.specialisation(current_tables(), code, lang))


@caching.memoize
def similar_data(code: str, year: int, sim: list, k: int, excl: bool) -> dict:
    return similar(current_tables(), code, year, sim, k, excl)


@caching.memoize
def similar_answer(code: str, year: int, sim: list, k: int, excl: bool, lang: str = "en"):
    return caching.plain(view.similar_list(similar_data(code, year, sim, k, excl), code, lang))


NO_REGION = N_("No region is selected: open one from the Regions page.")


def register(app):
    # The pickers of the region header, the not-found panel and the Regions page open the region chosen.
    for nav, picker in ((NAV, PICKER), (REGIONS_NAV, REGIONS_PICKER)):

        @app.callback(Output(nav, "href"), Input(picker, "value"), prevent_initial_call=True)
        def open_region(code):
            if not isinstance(code, str) or code not in known(current_tables())[0]:
                return no_update
            return dash.get_relative_path(f"/region/{code}")

    @app.callback(
        output={
            "cards": Output(CARDS, "children"),
            "year_note": Output(YEAR_NOTE, "children"),
            "economy": chart_outputs(ECONOMY),
            "innovation": chart_outputs(INNOVATION),
        },
        inputs={"year": Input(YEAR, "value"), "store": State(STORE, "data"), "lang": State(PAGE_LANGUAGE, "data")},
    )
    def update_headline(year, store, lang):
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store, year)
        if state is None or state["year"] is None:
            empty = dbc.Alert(
                _(NO_REGION) if state is None else _("This region has no data for the headline indicators."),
                color="info",
            )
            return {"cards": empty, "year_note": "", "economy": empty_chart(""), "innovation": empty_chart("")}
        return headline_answer(state["code"], state["year"], state["default_year"], lang)

    @app.callback(
        output={
            "chart": chart_outputs(TIMESERIES),
            "note": Output(EXPLORE_NOTE, "children"),
            "table": Output(TABLE_OUT, "children"),
        },
        inputs={
            "indicator": Input(TS, "value"),
            "year": Input(YEAR, "value"),
            "regions": Input(ADDED, "value"),
            "measure": Input(MEASURE, "value"),
            "base": Input(BASE, "value"),
            "log": Input(LOG, "value"),
            "visible": visible_input(TIMESERIES),
            "tab": Input(TAB, "value"),
            "store": State(STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_timeseries(indicator, year, regions, measure, base, log, visible, tab, store, lang):
        if tab != "table":  # the table pane, when it is the one shown, needs the numbers at once
            drawn_when_visible(visible)
        if ctx.triggered_id == TAB and (visible is True or tab != "table"):
            raise PreventUpdate  # another pane shown: the answer is already there or waits for the chart's turn
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(
            current_tables(), store, year, ts=indicator, regions=regions, measure=measure, base=base, log=log
        )
        if state is None:
            return {"chart": empty_chart(_(NO_REGION), _(view.TIME_SERIES)), "note": "", "table": _(NO_REGION)}
        answer = timeseries_answer(*explorer_args(state, lang))
        parts = {k: answer[k] for k in ("figure", "table", "source", "title")}
        return {"chart": parts, "note": answer["note"], "table": answer["table"]}

    @app.callback(
        output={"chart": chart_outputs(MAP_CHART), "note": Output(MAP_NOTE, "children")},
        inputs={
            "indicator": Input(TS, "value"),
            "year": Input(YEAR, "value"),
            "tab": Input(TAB, "value"),
            "store": State(STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_map(indicator, year, tab, store, lang):
        if tab != "map":  # drawn when first shown: most visits never open the map
            raise PreventUpdate
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store, year, ts=indicator)
        if state is None:
            return {"chart": empty_chart(_(NO_REGION), _(view.MAP)), "note": ""}
        answer = map_answer(state["code"], state["ts"], state["year"], lang)
        return {"chart": {k: answer[k] for k in ("figure", "table", "source", "title")}, "note": answer["note"]}

    @app.callback(
        output={"options": Output(BASE, "options"), "value": Output(BASE, "value")},
        inputs={"indicator": Input(TS, "value"), "base": State(BASE, "value"), "store": State(STORE, "data")},
        prevent_initial_call=True,
    )
    def update_base_years(indicator, base, store):
        state = clean_controls(current_tables(), store, ts=indicator, base=base)
        if state is None:
            raise PreventUpdate
        return {"options": [{"label": str(y), "value": y} for y in state["base_years"]], "value": state["base"]}

    switch_panes(app, TAB, PANES)

    @app.callback(
        output=chart_outputs(PROFILE_CHART),
        inputs={
            "year": Input(YEAR, "value"),
            "view": Input(VIEW, "value"),
            "visible": visible_input(PROFILE_CHART),
            "store": State(STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_profile(year, view, visible, store, lang):
        drawn_when_visible(visible)
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store, year, view=view)
        if state is None or state["year"] is None:
            return empty_chart(_(NO_REGION) if state is None else _("No data."), _("Normalised profile"))
        return profile_answer(state["code"], state["year"], state["view"], lang)

    @app.callback(
        output={"ecosystems": chart_outputs(ECOSYSTEMS), "nace": chart_outputs(NACE)},
        inputs={
            "store": Input(STORE, "data"),
            "eco": visible_input(ECOSYSTEMS),
            "nace": visible_input(NACE),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_specialisation(store, eco, nace, lang):
        drawn_when_visible(eco, nace)
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store)
        if state is None:
            return {
                "ecosystems": empty_chart(_(NO_REGION), _("Industrial ecosystems")),
                "nace": empty_chart(_(NO_REGION), _("NACE divisions")),
            }
        return specialisation_answer(state["code"], lang)

    @app.callback(
        Output(SIMILAR, "children"),
        inputs={
            "year": Input(YEAR, "value"),
            "sim": Input(SIM, "value"),
            "k": Input(K, "value"),
            "excl": Input(EXCL, "value"),
            "store": State(STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_similar(year, sim, k, excl, store, lang):
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store, year, sim=sim, k=k, excl=excl)
        if state is None or state["year"] is None:
            return dbc.Alert(_(NO_REGION) if state is None else _("No data to compare profiles."), color="info")
        if isinstance(sim, list) and len([s for s in sim if s in PROFILE]) < 2:
            return dbc.Alert(_("Choose at least two indicators to compare profiles."), color="info")
        return similar_answer(state["code"], state["year"], state["sim"], state["k"], state["excl"], lang)

    @app.callback(
        Output(URL, "search"),
        inputs={
            "year": Input(YEAR, "value"),
            "ts": Input(TS, "value"),
            "view": Input(VIEW, "value"),
            "sim": Input(SIM, "value"),
            "k": Input(K, "value"),
            "excl": Input(EXCL, "value"),
            "tab": Input(TAB, "value"),
            "regions": Input(ADDED, "value"),
            "measure": Input(MEASURE, "value"),
            "base": Input(BASE, "value"),
            "log": Input(LOG, "value"),
            "store": State(STORE, "data"),
        },
        prevent_initial_call=True,
    )
    def sync_url(store, **controls):
        state = clean_controls(current_tables(), store, **controls)
        if state is None:
            return no_update
        years = state["base_years"]
        return region_search(
            state["year"],
            state["ts"],
            state["view"],
            state["sim"],
            state["k"],
            state["excl"],
            state["default_year"],
            tab=state["tab"],
            regions=state["regions"],
            measure=state["measure"],
            base=state["base"],
            log=state["log"],
            base_default=years[0] if years else None,
        )
