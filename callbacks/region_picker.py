"""Region dropdowns fill their full list in the browser from the options file (components/region_picker.py)."""

from dash import ClientsideFunction, Input, Output

from components.region_picker import options_source_id
from pages import compare, overview, region, regions

DROPDOWNS = (compare.PICKER, overview.REGIONS, region.PICKER, region.ADDED, regions.PICKER)


def register(app):
    for ident in DROPDOWNS:
        app.clientside_callback(
            ClientsideFunction(namespace="pickers", function_name="regionOptions"),
            Output(ident, "options"),
            Input(options_source_id(ident), "data"),
            prevent_initial_call=False,
        )
