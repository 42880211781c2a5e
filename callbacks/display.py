"""Display modes (present=1, theme=dark, embed=1, lang=fr in the URL): shown, toggled and kept across links by
assets/display.js, wired to the shell's dcc.Location and the toolbar's toggles here."""

from dash import ClientsideFunction, Input, Output

from components.share import DISPLAY_URL, LANGUAGE, PRESENT, THEME


def register(app):
    # The Location is both input and output: a toggle writes its href (Dash pushes the URL and tells the other
    # Locations, as a link does), a link or the back button changes it (the modes of the new URL are shown).
    app.clientside_callback(
        ClientsideFunction(namespace="display", function_name="modes"),
        Output(DISPLAY_URL, "href"),
        Input(DISPLAY_URL, "href"),
        Input(PRESENT, "n_clicks"),
        Input(THEME, "n_clicks"),
        Input(LANGUAGE, "n_clicks"),
    )
