"""Compare page callbacks: edit the selection, then the table, profiles and scatter of components/compare_view.py,
cached as plain data keyed by name (the peer-review pack reads the same names)."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

import caching
from components import compare_view as view_parts
from components.chart_card import GRAPH, drawn_when_visible, ids, visible_input
from components.chart_parts import chart_outputs, empty_chart
from components.language import PAGE_LANGUAGE, page_language
from data.store import current_tables
from i18n import DEFAULT_LANGUAGE, translator
from pages.compare import (
    CHIPS,
    EDIT_NOTICE,
    PICKER,
    PROFILE_CHART,
    QUADRANTS,
    REMOVE,
    RESET,
    SCATTER,
    STORE,
    TABLE_SOURCE,
    URL,
    VIEW,
    YEAR,
    YEAR_NOTE,
    X,
    Y,
    chips,
)
from pages.compare import (
    TABLE as SIDE_TABLE,
)
from state.compare import MAX_REGIONS, PILOT_CODES, clean_controls, compare_search, region_limit
from state.region import known

PROF = ids(PROFILE_CHART)


# --- Pure-ish helpers (plain values in and out) --------------------------------------------------------------------


def edit_selection(
    codes: list[str],
    add: str | None = None,
    remove: str | None = None,
    reset: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> tuple[list[str], str]:
    """The new selection and a message in `lang` (empty when all went well)."""
    _ = translator(lang)
    if reset:
        return list(PILOT_CODES), ""
    codes = list(codes or [])
    if remove:
        return [c for c in codes if c != remove], ""
    if add:
        if add in codes:
            return codes, _("{code} is already in the comparison.").format(code=add)
        new = codes + [add]
        if len(new) > region_limit(new):
            return codes, _(
                "Compare holds at most {limit} regions (all ten pilot regions as a group are the one exception): "
                "remove a region before adding {code}."
            ).format(limit=MAX_REGIONS, code=add)
        return new, ""
    return codes, ""


# --- Cached answers (primitive arguments, plain data keyed by name) ----------------------------------------------


# The language is the last argument, so part of each cache key (the answers hold text).


@caching.memoize
def compare_data(codes: list, year: int, view: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    return view_parts.comparison_parts(current_tables(), codes, year, view, lang)


@caching.memoize
def compare_answer(codes: list, year: int, view: str, default_year, lang: str = DEFAULT_LANGUAGE) -> dict:
    data = compare_data(codes, year, view, lang)
    return caching.plain(view_parts.comparison_answer(current_tables(), data, year, default_year, lang))


@caching.memoize
def scatter_answer(codes: list, year: int, x: str, y: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    tables = current_tables()
    data = view_parts.scatter_parts(tables, codes, year, x, y, lang)
    return caching.plain(view_parts.scatter_answer(tables, data, x, y, lang))


def register(app):
    @app.callback(
        output={
            "store": Output(STORE, "data"),
            "picker": Output(PICKER, "value"),
            "message": Output(EDIT_NOTICE, "children"),
            "message_open": Output(EDIT_NOTICE, "is_open"),
        },
        inputs={
            "add": Input(PICKER, "value"),
            "removes": Input({"type": REMOVE, "index": ALL}, "n_clicks"),
            "reset": Input(RESET, "n_clicks"),
            "store": State(STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def edit_regions(add, removes, reset, store, lang):
        lang = page_language(lang)
        _ = translator(lang)
        tables = current_tables()
        state = clean_controls(tables, store)
        store = {"regions": state["regions"], "default_year": state["default_year"]}
        trigger = ctx.triggered_id
        if trigger is None:
            raise PreventUpdate
        if isinstance(trigger, dict):  # a remove button; new buttons appearing (n_clicks 0) are not clicks
            if not ctx.triggered[0]["value"]:
                raise PreventUpdate
            codes, message = edit_selection(store["regions"], remove=trigger.get("index"), lang=lang)
        elif trigger == RESET:
            codes, message = edit_selection(store["regions"], reset=True, lang=lang)
        else:
            if not add:
                raise PreventUpdate
            if not isinstance(add, str) or add not in known(tables)[0]:
                return {
                    "store": no_update,
                    "picker": None,
                    "message": _("Unknown region: choose one from the list."),
                    "message_open": True,
                }
            codes, message = edit_selection(store["regions"], add=add, lang=lang)
        return {"store": {**store, "regions": codes}, "picker": None, "message": message, "message_open": bool(message)}

    @app.callback(
        Output(CHIPS, "children"), Input(STORE, "data"), State(PAGE_LANGUAGE, "data"), prevent_initial_call=True
    )
    def update_chips(store, lang):
        tables = current_tables()
        return chips(tables, clean_controls(tables, store)["regions"], page_language(lang))

    @app.callback(
        output={
            "table": Output(SIDE_TABLE, "children"),
            "table_source": Output(TABLE_SOURCE, "children"),
            "year_note": Output(YEAR_NOTE, "children"),
            "profile": {**chart_outputs(PROFILE_CHART), "style": Output(PROF[GRAPH], "style")},
        },
        inputs={
            "store": Input(STORE, "data"),
            "year": Input(YEAR, "value"),
            "view": Input(VIEW, "value"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_table_and_profile(store, year, view, lang):
        lang = page_language(lang)
        _ = translator(lang)
        state = clean_controls(current_tables(), store, year, view)
        if not state["regions"] or state["year"] is None:
            empty = html.P(_("Add a region to compare."), className="text-body-secondary")
            return {
                "table": empty,
                "table_source": "",
                "year_note": "",
                "profile": {
                    **empty_chart(empty, _("Normalised profiles"), {"data": [], "layout": {}}),
                    "style": {"height": "200px"},
                },
            }
        answer = compare_answer(state["regions"], state["year"], state["view"], state["default_year"], lang)
        height = answer["profile"]["figure"]["layout"].get("height") or 600  # the bar view grows with the regions
        return {**answer, "profile": {**answer["profile"], "style": {"height": f"{height}px"}}}

    @app.callback(
        output={"scatter": chart_outputs(SCATTER), "quadrants": Output(QUADRANTS, "children")},
        inputs={
            "store": Input(STORE, "data"),
            "year": Input(YEAR, "value"),
            "x": Input(X, "value"),
            "y": Input(Y, "value"),
            "visible": visible_input(SCATTER),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_scatter(store, year, x, y, visible, lang):
        drawn_when_visible(visible)
        lang = page_language(lang)
        state = clean_controls(current_tables(), store, year, x=x, y=y)
        if state["year"] is None:
            title = translator(lang)("Quadrant scatter")
            return {"scatter": empty_chart("", title, {"data": [], "layout": {}}), "quadrants": ""}
        return scatter_answer(state["regions"], state["year"], state["x"], state["y"], lang)

    @app.callback(
        Output(URL, "search"),
        Input(STORE, "data"),
        Input(YEAR, "value"),
        Input(VIEW, "value"),
        Input(X, "value"),
        Input(Y, "value"),
        prevent_initial_call=True,
    )
    def sync_url(store, year, view, x, y):
        state = clean_controls(current_tables(), store, year, view, x, y)
        return compare_search(
            state["regions"], state["year"], state["view"], state["x"], state["y"], state["default_year"]
        )
