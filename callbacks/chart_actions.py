"""Actions every chart card has: CSV of the chart's own data, built in the browser from the figure."""
from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State

from components.chart_card import CSV_BUTTON, CSV_DOWNLOAD, GRAPH, TITLE


def register(app):
    app.clientside_callback(
        ClientsideFunction(namespace="charts", function_name="figureToCsv"),
        Output({"type": CSV_DOWNLOAD, "index": MATCH}, "data"),
        Input({"type": CSV_BUTTON, "index": MATCH}, "n_clicks"),
        State({"type": GRAPH, "index": MATCH}, "figure"),
        State({"type": TITLE, "index": MATCH}, "children"),
        prevent_initial_call=True,
    )
