"""Overview: a map of Europe for any indicator, year and NUTS level, with headline figures."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from state.overview import parse_overview
from components.chart_card import chart_card, loading
from data.store import current_tables

dash.register_page(__name__, path="/", title="Overview · EU Cluster & Region Observatory", name="Overview")

INDICATOR, YEAR, LEVEL, URL, NAV, NOTICE, HEADLINES = (
    "overview-indicator", "overview-year", "overview-level", "overview-url", "overview-nav", "overview-notice",
    "overview-headlines")


@caching.memoize_layout
def layout(**query):
    tables = current_tables()
    state, notices = parse_overview(tables, query)
    indicators = tables.indicators.sort_values(["theme", "label"])
    return html.Div([
        dcc.Location(id=URL, refresh=False),
        dcc.Location(id=NAV, refresh="callback-nav"),
        html.H1("Europe's regions at a glance", className="h3"),
        html.P("Choose an indicator, a year and a NUTS level; click a region to open its profile.",
               className="text-body-secondary page-intro"),
        dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
        dbc.Row([
            dbc.Col([dbc.Label("Indicator", html_for=INDICATOR),
                     dcc.Dropdown(id=INDICATOR, value=state["indicator"], clearable=False,
                                  options=[{"label": f"{r.label} ({r.unit})", "value": r.id}
                                           for r in indicators.itertuples()])], md=6),
            dbc.Col([dbc.Label("Year", html_for=YEAR),
                     dcc.Dropdown(id=YEAR, value=state["year"], clearable=False,
                                  options=[{"label": str(y), "value": y} for y in state["years"]])], md=2),
            dbc.Col([dbc.Label("NUTS level", html_for=LEVEL),
                     dbc.RadioItems(id=LEVEL, value=state["level"], inline=True,
                                    options=[{"label": f"NUTS {n}", "value": n} for n in (0, 1, 2)])], md=4),
        ], className="g-3 mb-3 controls"),
        loading(html.Div(id=HEADLINES, className="mb-3")),
        chart_card("overview-map", "Map", height=620),
    ])
