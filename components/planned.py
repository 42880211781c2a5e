"""What a page not yet built says: plainly what it will hold, no fake content."""
import dash_bootstrap_components as dbc
from dash import html


def planned_page(title: str, purpose: str, items: list[str]):
    return html.Div([
        html.H1(title, className="h3"),
        dbc.Alert([
            html.P([html.Strong("This page is not built yet. "), purpose]),
            html.P("It will hold:", className="mb-1"),
            html.Ul([html.Li(item) for item in items], className="mb-0"),
        ], color="secondary"),
    ])
