"""Programmes page callbacks: thin wiring between the controls (validated by state/programmes.py) and the named
parts of components/programmes_view.py.

One light callback turns the filters into a selection (row positions, in a dcc.Store); another writes the URL. The
chart callbacks draw from that selection, each answer memoized per selection as plain data keyed by name.
"""

from __future__ import annotations

from dash import Input, Output

import caching
from components import programmes_view as view
from components.chart_card import GRAPH, ids
from components.chart_parts import chart_outputs
from data.store import current_tables
from pages.programmes import (
    BARS,
    CLUSTER,
    CLUSTERS,
    CONTROLS,
    COVERAGE,
    GRID,
    GRID_CSV,
    HEATMAP,
    LEVEL,
    MAP,
    NETWORK,
    PAIRS,
    PAIRS_CSV,
    PAIRS_NOTE,
    PROJECT_GRID,
    SELECTION,
    STANDING,
    SUMMARY,
    TIMELINE,
    URL,
    summary,
)
from state.programmes import checked_selection, clean_state, network_level, programmes_search, selection


# --- Cached answers (primitive, checked arguments; plain data keyed by name) --------------------------------------
@caching.memoize
def country_answer(rows_any: list, focus: list, programmes: list, generations: list) -> dict:
    return caching.plain(view.country_charts(current_tables(), rows_any, focus, programmes, generations))


@caching.memoize
def network_answer(rows_any: list, focus: list, programmes: list, generations: list, level: str) -> dict:
    return caching.plain(view.network(current_tables(), rows_any, focus, programmes, generations, level))


@caching.memoize
def projects_answer(rows: list, projects: list, programmes: list, generations: list) -> dict:
    return caching.plain(view.projects(current_tables(), rows, projects, programmes, generations))


def _sized(name: str) -> dict:
    """A chart card's outputs and its graph's height."""
    return {**chart_outputs(name), "style": Output(ids(name)[GRAPH], "style")}


def _csv_button(app, grid: str, button: str):
    app.clientside_callback(
        "function(n) { return n ? true : window.dash_clientside.no_update; }",
        Output(grid, "exportDataAsCsv"),
        Input(button, "n_clicks"),
        prevent_initial_call=True,
    )


def register(app):
    filters = {key: Input(ident, "value") for key, ident in CONTROLS.items()} | {"cluster": Input(CLUSTER, "value")}

    @app.callback(
        output={"selection": Output(SELECTION, "data"), "summary": Output(SUMMARY, "children")},
        inputs=filters,
        prevent_initial_call=True,
    )
    def update_selection(**values):
        """The filter callback: controls -> selection (no drawing here)."""
        tables = current_tables()
        sel = selection(tables, clean_state(tables, values))
        return {"selection": sel, "summary": summary(sel)}

    @app.callback(
        Output(URL, "search"), inputs={**filters, "network": Input(LEVEL, "value")}, prevent_initial_call=True
    )
    def sync_url(**values):
        return programmes_search(clean_state(current_tables(), values))

    @app.callback(
        output={
            "bars": _sized(BARS),
            "map": chart_outputs(MAP),
            "standing": chart_outputs(STANDING),
            "coverage": Output(COVERAGE, "children"),
        },
        inputs={"sel": Input(SELECTION, "data")},
    )
    def update_country_charts(sel):
        tables = current_tables()
        sel = checked_selection(tables, sel)
        answer = country_answer(sel["rows_any_country"], sel["focus"], sel["programmes"], sel["generations"])
        return {**answer, "coverage": view.coverage_block(tables, sel["programmes"], sel["generations"])}

    @app.callback(
        output={
            "graph": chart_outputs(NETWORK),
            "heatmap": _sized(HEATMAP),
            "pairs": Output(PAIRS, "rowData"),
            "pairs_note": Output(PAIRS_NOTE, "children"),
        },
        inputs={"sel": Input(SELECTION, "data"), "level": Input(LEVEL, "value")},
    )
    def update_network(sel, level):
        sel = checked_selection(current_tables(), sel)
        return network_answer(
            sel["rows_any_country"], sel["focus"], sel["programmes"], sel["generations"], network_level(level)
        )

    @app.callback(
        output={
            "timeline": _sized(TIMELINE),
            "clusters": chart_outputs(CLUSTERS),
            "grid": Output(GRID, "rowData"),
            "projects": Output(PROJECT_GRID, "rowData"),
        },
        inputs={"sel": Input(SELECTION, "data")},
    )
    def update_projects(sel):
        sel = checked_selection(current_tables(), sel)
        return projects_answer(sel["rows"], sel["projects"], sel["programmes"], sel["generations"])

    _csv_button(app, GRID, GRID_CSV)
    _csv_button(app, PAIRS, PAIRS_CSV)
