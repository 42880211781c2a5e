"""Overview page callbacks: thin wiring between the controls, the queries and the map builder."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update

import caching
from components import theme
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, data_table, ids
from components.figures.maps import choropleth
from components.figures.maps import boundaries_url
from data.quality import default_year as indicator_default_year
from data.queries import flag_text, indicator_meta, source_line, values_for_year, years_with_data
from data.store import current_tables
from pages.overview import HEADLINES, INDICATOR, LEVEL, NAV, URL, YEAR
from state.overview import DEFAULTS, overview_search

MAP = ids("overview-map")
LEVEL_NAMES = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}


@caching.memoize
def overview_map(indicator: str, year: int, level: int) -> dict:
    tables = current_tables()
    meta = indicator_meta(tables.indicators, indicator)
    df = values_for_year(tables.indicator_values, tables.regions, indicator, year, level)
    geo_codes = tables.memo(("overview.geo_codes", level),
                            lambda: frozenset(f["id"] for f in tables.geometries[level]["features"]))
    df = df[df["code"].isin(geo_codes)]
    title = f"{meta['label']}, {LEVEL_NAMES[level]}, {year}"
    geojson_url = boundaries_url(level, tables.version)
    fig = choropleth(df, geojson_url, title, meta["unit"], int(meta["decimals"]), year)
    return fig.to_plotly_json()


def headline_cards(df, meta, year, eu_value):
    known = df[df["value"].notna()].sort_values("value", ascending=not meta["higher_is_better"])
    decimals, unit = int(meta["decimals"]), meta["unit"]

    def card(label, value, detail):
        return dbc.Col(dbc.Card(dbc.CardBody([
            html.Div(label, className="small text-body-secondary"),
            html.Div(value, className="fs-5 fw-semibold"),
            html.Div(detail, className="small"),
        ])), md=3)

    if known.empty:
        return dbc.Alert(f"No region has a value for {meta['label']} in {year}.", color="info")
    best, worst = known.iloc[0], known.iloc[-1]
    return dbc.Row([
        card("EU27", theme.format_value(eu_value, decimals, unit), str(year)),
        card("Best placed", theme.format_value(best["value"], decimals, unit), f"{best['name']} ({best['code']})"),
        card("Last placed", theme.format_value(worst["value"], decimals, unit), f"{worst['name']} ({worst['code']})"),
        card("Coverage", f"{len(known)} of {len(df)}", f"regions have a value in {year}"),
    ], className="g-2")


@caching.memoize
def indicator_years(indicator: str, level: int) -> list[int]:
    tables = current_tables()
    return years_with_data(tables.indicator_values, tables.regions, indicator, level)


@caching.memoize
def overview_outputs(indicator: str, year, level: int) -> list:
    """Map, its table, source, title and headline cards as plain data: a warm call is one cache read."""
    tables = current_tables()
    meta = indicator_meta(tables.indicators, indicator)
    if year is None:
        empty = dbc.Alert(f"No data for {meta['label']} at this NUTS level.", color="info")
        return caching.plain([{"data": [], "layout": {}}, empty, "", meta["label"], empty])
    df = values_for_year(tables.indicator_values, tables.regions, indicator, year, level)
    eu = values_for_year(tables.indicator_values, tables.regions, indicator, year, -1)
    table = df.assign(value=df["value"].map(lambda v: theme.format_value(v, int(meta["decimals"]))),
                      flag=df["flag"].map(flag_text))
    source = source_line(tables.indicators, tables.sources, [indicator]) + \
        "; © EuroGeographics for the administrative boundaries"
    return caching.plain([
        overview_map(indicator, year, level),
        data_table(table, {"code": "Code", "name": "Region", "value": f"{meta['label']} ({meta['unit']})",
                           "flag": "Flag"}),
        source, f"{meta['label']}, {LEVEL_NAMES[level]}, {year}",
        headline_cards(df, meta, year, eu["value"].iloc[0] if len(eu) else float("nan")),
    ])


def clean(indicator, level) -> tuple[str, int]:
    """Known values only reach the memoized functions (their cache keys), the defaults otherwise."""
    tables = current_tables()
    known = tables.memo("overview.indicators", lambda: frozenset(tables.indicators["id"]))
    indicator = indicator if isinstance(indicator, str) and indicator in known else DEFAULTS["indicator"]
    level = level if level in (0, 1, 2) and not isinstance(level, bool) else DEFAULTS["level"]
    return indicator, int(level)


def register(app):
    @app.callback(Output(YEAR, "options"), Output(YEAR, "value"),
                  Input(INDICATOR, "value"), Input(LEVEL, "value"), State(YEAR, "value"),
                  prevent_initial_call=True)
    def update_years(indicator, level, year):
        years = indicator_years(*clean(indicator, level))
        keep = year if year in years else indicator_default_year(current_tables().indicators, indicator, years)
        return [{"label": str(y), "value": y} for y in years], keep

    @app.callback(Output(MAP[GRAPH], "figure"), Output(MAP[TABLE], "children"), Output(MAP[SOURCE], "children"),
                  Output(MAP[TITLE], "children"), Output(HEADLINES, "children"),
                  Input(INDICATOR, "value"), Input(YEAR, "value"), Input(LEVEL, "value"))
    def update_map(indicator, year, level):
        indicator, level = clean(indicator, level)
        years = indicator_years(indicator, level)
        year = year if year in years and not isinstance(year, bool) else (years[-1] if years else None)
        return overview_outputs(indicator, year, level)

    @app.callback(Output(URL, "search"), Input(INDICATOR, "value"), Input(YEAR, "value"), Input(LEVEL, "value"),
                  prevent_initial_call=True)
    def sync_url(indicator, year, level):
        indicator, level = clean(indicator, level)
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        return overview_search(indicator, year, level)

    # href, not pathname: after the controls changed the search, a pathname alone would keep the old query.
    @app.callback(Output(NAV, "href"), Input(MAP[GRAPH], "clickData"), prevent_initial_call=True)
    def open_region(click):
        try:
            code = click["points"][0]["location"]
        except (TypeError, KeyError, IndexError):
            return no_update
        return dash.get_relative_path(f"/region/{code}")
