"""The page shown for any path the app does not know."""

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.language import page_title, request_language
from i18n import N_, translator

dash.register_page(__name__, title=page_title(N_("Page not found")))


def layout(**query):
    _ = translator(request_language(query.get("lang")))  # not memoized: the link's ?lang=, else Accept-Language
    return dbc.Alert(
        [
            html.H1(_("Page not found"), className="h4"),
            html.P(_("There is no page at this address. It may come from an old or mistyped link.")),
            html.A(_("Go to the overview map"), href=dash.get_relative_path("/"), className="alert-link"),
        ],
        color="warning",
        className="mt-3",
    )
