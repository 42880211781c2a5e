"""Callbacks of the app shell (navbar)."""
from dash import Input, Output, State


def register(app):
    app.clientside_callback(
        "function(n, isOpen) { return n ? !isOpen : isOpen; }",
        Output("navbar-collapse", "is_open"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )
