"""Region profile (planned): the page a map click opens; says what it will hold until it is built."""
import dash
import dash_bootstrap_components as dbc
from dash import html

from components.planned import planned_page
from data.store import current_tables

dash.register_page(__name__, path_template="/region/<code>", title="Region · EU Cluster & Region Observatory",
                   name="Region")


def layout(code=None, **_query):
    regions = current_tables().regions
    row = regions[regions["code"] == str(code or "").upper()]
    if row.empty:
        return dbc.Alert([html.H1("Region not found", className="h4"),
                          html.P(f"No NUTS 2021 region has the code {str(code)[:20]!r}."),
                          html.A("Back to the map", href=dash.get_relative_path("/"))], color="warning")
    name = f"{row.iloc[0]['name']} ({row.iloc[0]['code']})"
    return planned_page(name, "The region profile is not built yet.",
                        ["headline indicators against the country and the EU27", "time series and a normalised profile",
                         "specialisation and similar regions"])
