"""Image actions every chart card has, in the browser: PNG and SVG with title and source (the CSV comes from the
server: callbacks/chart_csv.py); and the watch of the cards drawn when scrolled into view."""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State

from components.chart_card import GRAPH, PNG_BUTTON, SOURCE, SVG_BUTTON, TITLE, VISIBLE, VISIBLE_NOTE


def register(app):
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

    # A card drawn when scrolled into view (chart_card(..., draw_when_visible=True)): watched from its first
    # render (assets/draw_when_visible.js); its note is hidden once the card is near the viewport.
    app.clientside_callback(
        ClientsideFunction(namespace="drawWhenVisible", function_name="watch"),
        Output({"type": VISIBLE_NOTE, "index": MATCH}, "hidden"),
        Input({"type": VISIBLE, "index": MATCH}, "data"),
        State({"type": VISIBLE, "index": MATCH}, "id"),
    )
