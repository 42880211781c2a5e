"""Programmes page callbacks: thin wiring between the controls (validated by state/programmes.py) and the named
parts of components/programmes_view.py.

One light callback turns the filters into a selection (row positions, in a dcc.Store); another writes the URL. The
chart callbacks draw from that selection, each answer memoized per selection as plain data keyed by name.
"""

from __future__ import annotations

import json

import pandas as pd
from dash import Input, Output, State, dcc

import caching
from components import programmes_view as view
from components.chart_card import GRAPH, drawn_when_visible, ids, visible_input
from components.chart_parts import chart_outputs
from components.language import PAGE_LANGUAGE, page_language
from data import grid_rows
from data.store import current_tables
from data.tables_export import neutralise_formulas
from pages.programmes import (
    BARS,
    CLUSTER,
    CLUSTERS,
    CONTROLS,
    COVERAGE,
    CSV_COLUMNS,
    CSV_FILE,
    GRID,
    GRID_COLUMNS,
    GRID_CSV,
    GRID_DOWNLOAD,
    HEATMAP,
    LEVEL,
    MAP,
    NETWORK,
    PAIR_COLUMNS,
    PAIR_CSV_COLUMNS,
    PAIRS,
    PAIRS_CSV,
    PAIRS_DOWNLOAD,
    PAIRS_FILE,
    PAIRS_NOTE,
    PROJECT_GRID,
    SELECTION,
    STANDING,
    SUMMARY,
    TIMELINE,
    URL,
    columns_in,
    refreshed,
    summary,
)
from state.programmes import checked_selection, clean_state, network_level, programmes_search, selection


# --- Cached answers (primitive, checked arguments; plain data keyed by name) --------------------------------------
@caching.memoize
def country_answer(rows_any: list, focus: list, programmes: list, generations: list, lang: str = "en") -> dict:
    """The country charts and the coverage box above them, as plain data: a warm call is one cache read (the box,
    as components, cost a walk of their tree on every call)."""
    tables = current_tables()
    charts = view.country_charts(tables, rows_any, focus, programmes, generations, lang)
    return caching.plain({**charts, "coverage": view.coverage_block(tables, programmes, generations, lang)})


@caching.memoize
def network_answer(
    rows_any: list, focus: list, programmes: list, generations: list, level: str, lang: str = "en"
) -> dict:
    return caching.plain(view.network(current_tables(), rows_any, focus, programmes, generations, level, lang))


@caching.memoize
def projects_answer(rows: list, projects: list, programmes: list, generations: list, lang: str = "en") -> dict:
    return caching.plain(view.projects(current_tables(), rows, projects, programmes, generations, lang))


@caching.memoize
def partner_records(rows: list, lang: str = "en") -> list:
    return view.records(view.partner_rows(current_tables(), rows, lang))


@caching.memoize
def project_records(projects: list, lang: str = "en") -> list:
    return view.records(view.project_rows(current_tables(), projects, lang))


@caching.memoize
def pair_records(rows_any: list, focus: list, level: str) -> list:
    return view.records(view.pair_rows(current_tables(), rows_any, focus, level))


def _rows_of(grid: str, sel, level=None, lang: str = "en") -> pd.DataFrame:
    """Every row of a grid for the selection (the browser gets them one block at a time), its texts in `lang`."""
    sel = checked_selection(current_tables(), sel)
    if grid == GRID:
        found = partner_records(sel["rows"], lang)
    elif grid == PROJECT_GRID:
        found = project_records(sel["projects"], lang)
    else:
        found = pair_records(sel["rows_any_country"], sel["focus"], network_level(level))
    return pd.DataFrame.from_records(found)


def grid_csv(frame: pd.DataFrame, request, columns: list, column_defs: list, file_name: str, lang: str = "en"):
    """The rows the grid shows (its filters and sort, from its last request), in `columns` under their headers (in
    `lang`; the values as the grid shows them)."""
    request = request if isinstance(request, dict) else {}
    shown = grid_rows.rows_shown(frame, request.get("filterModel"), request.get("sortModel"))
    headers = {c["field"]: c["headerName"] for c in columns_in(column_defs, lang)}
    shown = shown.reindex(columns=columns).rename(columns=headers)
    return dcc.send_data_frame(neutralise_formulas(shown).to_csv, file_name, index=False)


def _sized(name: str) -> dict:
    """A chart card's outputs and its graph's height."""
    return {**chart_outputs(name), "style": Output(ids(name)[GRAPH], "style")}


def _server_rows(app, grid: str, *levels):
    """The grid asks for a block of rows; a new selection (or level) empties its cache, so it asks again."""

    @app.callback(
        Output(grid, "getRowsResponse"),
        inputs={
            "request": Input(grid, "getRowsRequest"),
            "sel": State(SELECTION, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
            **levels_state(levels),
        },
    )
    def grid_block(request, sel, lang=None, level=None):
        return grid_rows.block(_rows_of(grid, sel, level, page_language(lang)), request)

    app.clientside_callback(
        "function() { dash_ag_grid.getApiAsync("
        + json.dumps(grid)
        + ").then(function (api) { api.purgeInfiniteCache(); }); return Date.now(); }",
        Output(refreshed(grid), "data"),
        Input(SELECTION, "data"),
        *[Input(level, "value") for level in levels],
        prevent_initial_call=True,
    )


def levels_state(levels) -> dict:
    return {"level": State(levels[0], "value")} if levels else {}


def register(app):
    filters = {key: Input(ident, "value") for key, ident in CONTROLS.items()} | {"cluster": Input(CLUSTER, "value")}

    @app.callback(
        output={"selection": Output(SELECTION, "data"), "summary": Output(SUMMARY, "children")},
        inputs={**filters, "lang": State(PAGE_LANGUAGE, "data")},
        prevent_initial_call=True,
    )
    def update_selection(lang=None, **values):
        """The filter callback: controls -> selection (no drawing here)."""
        tables = current_tables()
        sel = selection(tables, clean_state(tables, values))
        return {"selection": sel, "summary": summary(sel, page_language(lang))}

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
        inputs={"sel": Input(SELECTION, "data"), "lang": State(PAGE_LANGUAGE, "data")},
    )
    def update_country_charts(sel, lang=None):
        tables = current_tables()
        sel = checked_selection(tables, sel)
        lang = page_language(lang)
        return country_answer(sel["rows_any_country"], sel["focus"], sel["programmes"], sel["generations"], lang)

    @app.callback(
        output={
            "graph": chart_outputs(NETWORK),
            "heatmap": _sized(HEATMAP),
            "pairs_note": Output(PAIRS_NOTE, "children"),
        },
        inputs={
            "sel": Input(SELECTION, "data"),
            "level": Input(LEVEL, "value"),
            "network": visible_input(NETWORK),
            "heatmap": visible_input(HEATMAP),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_network(sel, level, network, heatmap, lang=None):
        drawn_when_visible(network, heatmap)
        sel = checked_selection(current_tables(), sel)
        return network_answer(
            sel["rows_any_country"],
            sel["focus"],
            sel["programmes"],
            sel["generations"],
            network_level(level),
            page_language(lang),
        )

    @app.callback(
        output={
            "timeline": _sized(TIMELINE),
            "clusters": chart_outputs(CLUSTERS),
        },
        inputs={
            "sel": Input(SELECTION, "data"),
            "timeline": visible_input(TIMELINE),
            "clusters": visible_input(CLUSTERS),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_projects(sel, timeline, clusters, lang=None):
        drawn_when_visible(timeline, clusters)
        sel = checked_selection(current_tables(), sel)
        return projects_answer(sel["rows"], sel["projects"], sel["programmes"], sel["generations"], page_language(lang))

    _server_rows(app, GRID)
    _server_rows(app, PROJECT_GRID)
    _server_rows(app, PAIRS, LEVEL)

    @app.callback(
        Output(GRID_DOWNLOAD, "data"),
        inputs={
            "clicks": Input(GRID_CSV, "n_clicks"),
            "request": State(GRID, "getRowsRequest"),
            "sel": State(SELECTION, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def download_partners(clicks, request, sel, lang=None):
        lang = page_language(lang)
        return grid_csv(_rows_of(GRID, sel, lang=lang), request, CSV_COLUMNS, GRID_COLUMNS, CSV_FILE, lang)

    @app.callback(
        Output(PAIRS_DOWNLOAD, "data"),
        inputs={
            "clicks": Input(PAIRS_CSV, "n_clicks"),
            "request": State(PAIRS, "getRowsRequest"),
            "sel": State(SELECTION, "data"),
            "level": State(LEVEL, "value"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def download_pairs(clicks, request, sel, level, lang=None):
        lang = page_language(lang)
        return grid_csv(_rows_of(PAIRS, sel, level), request, PAIR_CSV_COLUMNS, PAIR_COLUMNS, PAIRS_FILE, lang)
