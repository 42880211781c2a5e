"""Callbacks of the app shell (navbar)."""

from dash import Input, Output, State

NOOP_INPUT, NOOP_OUTPUT = "noop-input", "noop-output"


def register(app):
    # A callback that does nothing: the yardstick benchmarks compare every other callback with.
    @app.callback(Output(NOOP_OUTPUT, "children"), Input(NOOP_INPUT, "data"), prevent_initial_call=True)
    def noop(value):
        return None

    app.clientside_callback(
        "function(n, isOpen) { return n ? !isOpen : isOpen; }",
        Output("navbar-collapse", "is_open"),
        Input("navbar-toggler", "n_clicks"),
        State("navbar-collapse", "is_open"),
        prevent_initial_call=True,
    )
