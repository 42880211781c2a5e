"""Policy page callbacks: controls -> queries (data.policy) -> figure builders; the URL follows the controls."""

from __future__ import annotations

from dash import Input, Output, State, no_update

import caching
from components import policy_view as view
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, data_table, drawn_when_visible, ids, visible_input
from components.figures import policy as figures
from components.language import PAGE_LANGUAGE, page_language
from data import policy as queries
from data.store import current_tables
from i18n import translator
from pages.policy import (
    COSTS_CARD,
    FRAMEWORK,
    MATRIX_CARD,
    ORDER,
    PLAN,
    PLAN_NOTE,
    REGION,
    REGION_PANEL,
    STATE_CARD,
    SWOT,
    SWOT_OUT,
    TIMELINE_CARD,
    URL,
)
from state.policy import policy_search

MATRIX, TIMELINE, COSTS, STATE = ids(MATRIX_CARD), ids(TIMELINE_CARD), ids(COSTS_CARD), ids(STATE_CARD)


def pick(value, allowed, default=""):
    """A control's value if it is one of the allowed strings, else the default (hostile input never raises)."""
    return value if isinstance(value, str) and value in allowed else default


@caching.memoize
def matrix_figure(order: str, highlight: str, lang: str = "en") -> dict:
    tables = current_tables()
    matrix = queries.recommendation_matrix(tables.policy_recommendations, order)
    title = translator(lang)(view.MATRIX_TITLE)
    return figures.recommendations_matrix(matrix, title, highlight or None, lang).to_plotly_json()


def matrix_table(tables, matrix, order: str, lang: str) -> dict:
    """The matrix's text alternative: the same whichever region is highlighted, so kept per data version."""
    key = ("policy.matrix_table", order, lang)
    return tables.memo(key, lambda: caching.plain(data_table(queries.matrix_table(matrix, lang), lang=lang)))


# Whole answers as plain data per validated choice and language: a warm call is one cache read.
@caching.memoize
def matrix_outputs(order: str, region: str, lang: str = "en") -> list:
    tables = current_tables()
    recs = tables.policy_recommendations
    matrix = queries.recommendation_matrix(recs, order)
    return caching.plain(
        [
            matrix_figure(order, region, lang),
            matrix_table(tables, matrix, order, lang),
            view.matrix_source(tables, lang),
            translator(lang)(view.MATRIX_TITLE),
            view.region_panel(recs, region, lang),
        ]
    )


@caching.memoize
def swot_outputs(code: str, lang: str = "en"):
    return caching.plain(view.swot_view(current_tables(), code, lang))


@caching.memoize
def plan_outputs(plan: str, lang: str = "en") -> list:
    return caching.plain(view.plan_parts(current_tables(), plan, lang))


@caching.memoize
def state_answer(lang: str = "en") -> list:
    return caching.plain(list(view.state_parts(current_tables(), lang)))


def register(app):
    @app.callback(
        Output(MATRIX[GRAPH], "figure"),
        Output(MATRIX[TABLE], "children"),
        Output(MATRIX[SOURCE], "children"),
        Output(MATRIX[TITLE], "children"),
        Output(REGION_PANEL, "children"),
        Input(REGION, "value"),
        Input(ORDER, "value"),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_matrix(region, order, lang):
        recs = current_tables().policy_recommendations
        return matrix_outputs(
            pick(order, queries.ORDERS, "document"), pick(region, set(recs["region_code"])), page_language(lang)
        )

    @app.callback(Output(REGION, "value"), Input(MATRIX[GRAPH], "clickData"), prevent_initial_call=True)
    def click_region(click):
        try:
            point = click["points"][0]
            custom = point.get("customdata")
            code = custom[0] if isinstance(custom, list) else custom
        except (TypeError, KeyError, IndexError, AttributeError):
            return no_update
        codes = set(current_tables().policy_recommendations["region_code"])
        return pick(code, codes, no_update)

    @app.callback(Output(SWOT_OUT, "children"), Input(SWOT, "value"), State(PAGE_LANGUAGE, "data"))
    def update_swot(code, lang):
        return swot_outputs(pick(code, set(current_tables().policy_swot["region_code"])), page_language(lang))

    @app.callback(
        Output(TIMELINE[GRAPH], "figure"),
        Output(TIMELINE[TABLE], "children"),
        Output(TIMELINE[SOURCE], "children"),
        Output(TIMELINE[TITLE], "children"),
        Output(COSTS[GRAPH], "figure"),
        Output(COSTS[TABLE], "children"),
        Output(COSTS[SOURCE], "children"),
        Output(COSTS[TITLE], "children"),
        Output(PLAN_NOTE, "children"),
        Input(PLAN, "value"),
        visible_input(TIMELINE_CARD),
        visible_input(COSTS_CARD),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_plan(plan, timeline_visible, costs_visible, lang):
        drawn_when_visible(timeline_visible, costs_visible)
        return plan_outputs(pick(plan, set(current_tables().policy_actions["region_code"])), page_language(lang))

    @app.callback(
        Output(STATE[GRAPH], "figure"),
        Output(STATE[TABLE], "children"),
        Output(STATE[SOURCE], "children"),
        Output(STATE[TITLE], "children"),
        Output(FRAMEWORK, "children"),
        Input(URL, "pathname"),
        visible_input(STATE_CARD),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_state(_pathname, visible, lang):
        drawn_when_visible(visible)
        return state_answer(page_language(lang))

    @app.callback(
        Output(URL, "search"),
        Input(REGION, "value"),
        Input(ORDER, "value"),
        Input(SWOT, "value"),
        Input(PLAN, "value"),
        prevent_initial_call=True,
    )
    def sync_url(region, order, swot, plan):
        return policy_search(region, order, swot, plan)
