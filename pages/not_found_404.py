"""The page shown for any path the app does not know."""

import dash
import dash_bootstrap_components as dbc
from dash import html

from components.language import page_title
from i18n import N_

dash.register_page(__name__, title=page_title(N_("Page not found")))


def layout(**_query):
    return dbc.Alert(
        [
            html.H1("Page not found", className="h4"),
            html.P("There is no page at this address. It may come from an old or mistyped link."),
            html.A("Go to the overview map", href=dash.get_relative_path("/"), className="alert-link"),
        ],
        color="warning",
        className="mt-3",
    )
