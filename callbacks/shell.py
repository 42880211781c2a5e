"""Callbacks of the app shell: the navbar toggler, the shell's text in the view's language, the no-op yardstick."""

from dash import ClientsideFunction, Input, Output, State

from components.language import FOOTER, LANGUAGE_STORE, footer_text, request_language
from components.navbar import BRAND, NAV, nav_links
from components.share import (
    BUTTONS,
    LANGUAGE,
    PAGES_MENU,
    button_text,
    embed_text,
    language_switch,
    pages_menu_items,
)
from i18n import translator

NOOP_INPUT, NOOP_OUTPUT = "noop-input", "noop-output"


def shell_text(lang: str) -> dict:
    """Every text of the shell in `lang`, by component id and property."""
    _ = translator(lang)
    out = {
        NAV: {"children": nav_links(lang)},
        BRAND: {"children": _("EU Cluster & Region Observatory")},
        PAGES_MENU: {"label": _("Pages"), "children": pages_menu_items(lang)},
        LANGUAGE: dict(zip(("children", "title"), language_switch(lang))),
        FOOTER: {"children": footer_text(lang)},
    }
    for button in BUTTONS:
        out[button] = dict(zip(("children", "title"), button_text(button, lang)))
    return out | embed_text(lang)


def _outputs():
    return [Output(c, p) for c, props in shell_text("en").items() for p in props]


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

    # The view's language into the store when it changes (display.js: the link's ?lang=, else the page's own
    # <html lang>, which the server chose from Accept-Language), then the shell relabelled from the catalogue. An
    # English first render sends nothing: the shell is drawn in English.
    app.clientside_callback(
        ClientsideFunction(namespace="display", function_name="language"),
        Output(LANGUAGE_STORE, "data"),
        Input("display-url", "href"),
        State(LANGUAGE_STORE, "data"),
    )

    @app.callback(_outputs(), Input(LANGUAGE_STORE, "data"), prevent_initial_call=True)
    def relabel_shell(language):
        return [value for props in shell_text(request_language(language)).values() for value in props.values()]
