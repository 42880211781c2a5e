"""Actions every chart card has, all in the browser: PNG and SVG images with title and source, CSV of the data."""
from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State

from components.chart_card import CSV_BUTTON, CSV_DOWNLOAD, GRAPH, PNG_BUTTON, SOURCE, SVG_BUTTON, TITLE


def register(app):
    app.clientside_callback(
        ClientsideFunction(namespace="charts", function_name="figureToCsv"),
        Output({"type": CSV_DOWNLOAD, "index": MATCH}, "data"),
        Input({"type": CSV_BUTTON, "index": MATCH}, "n_clicks"),
        State({"type": GRAPH, "index": MATCH}, "figure"),
        State({"type": TITLE, "index": MATCH}, "children"),
        prevent_initial_call=True,
    )

    for button, function in ((PNG_BUTTON, "downloadPng"), (SVG_BUTTON, "downloadSvg")):
        app.clientside_callback(
            ClientsideFunction(namespace="charts", function_name=function),
            Output({"type": button, "index": MATCH}, "disabled"),
            Input({"type": button, "index": MATCH}, "n_clicks"),
            State({"type": GRAPH, "index": MATCH}, "id"),
            State({"type": SOURCE, "index": MATCH}, "children"),
            State({"type": TITLE, "index": MATCH}, "children"),
            prevent_initial_call=True,
        )
