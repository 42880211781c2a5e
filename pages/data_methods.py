"""Data & methods: every source with its attribution and coverage, the tables as CSV, the schema."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import data_table
from data import schema
from data.composite import method_markdown
from data.store import TABLE_NAMES, current_tables

dash.register_page(__name__, path="/data", title="Data & methods · EU Cluster & Region Observatory",
                   name="Data & methods")

METHODS = """
**Region codes.** Everything is shown in NUTS 2021. Inputs published in NUTS 2013 or 2016 are recoded with
Eurostat's correspondence table; a code is recoded only when its territory did not change. Codes that were
split, merged, discontinued or whose boundary shifted (for example LT00, split into LT01 and LT02) are left
out rather than guessed; the pipeline prints every code it drops.

**Missing values and flags.** A missing value stays missing: it is never shown as zero, never filled and never
ranked. Eurostat observation flags are kept and shown in words: b break in time series, c confidential,
d definition differs, e estimated, p provisional, u low reliability.

**Location quotients.** LQ of region r in activity i = (employment of r in i / employment of r) /
(EU employment in i / EU employment), on the business economy of Eurostat's structural business statistics
(2015). A *regionally relevant agglomeration* has LQ > 1.5 and at least 1% of the region's employment (the
definition of the ECCP country factsheets).

**Industrial ecosystems.** Employment in each of the 14 industrial ecosystems is estimated as the weighted sum
of employment in the NACE divisions, with the value-added weights of the Annual Single Market Report 2021.
Only the business economy is covered; activities outside it (agriculture, finance, public services, health,
education, culture) do not contribute, so ecosystems that rely on them are under-estimated.
"""


def _schema_table(name):
    cols = schema.SCHEMAS[name].columns
    return html.Table([
        html.Thead(html.Tr([html.Th("Column", scope="col"), html.Th("Type", scope="col"),
                            html.Th("Missing allowed", scope="col")])),
        html.Tbody([html.Tr([html.Td(html.Code(c)), html.Td(str(col.dtype)), html.Td("yes" if col.nullable else "no")])
                    for c, col in cols.items()]),
    ], className="table table-sm mb-0")


@caching.memoize_layout()
def layout(_state, _notices):
    tables = current_tables()
    sources = tables.sources[["title", "publisher", "dataset_code", "attribution", "coverage", "licence"]]
    downloads = [
        dbc.ListGroupItem([
            html.A([html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), f"{name}.csv"],
                   href=dash.get_relative_path(f"/download/{name}.csv")),
            html.Span(f" {len(tables.table(name)):,} rows", className="text-body-secondary small"),
        ]) for name in TABLE_NAMES
    ]
    return html.Div([
        html.H1("Data & methods", className="h3"),
        html.P(["Data version ", html.Code(tables.version), ". Every table the app uses is below as CSV, with the "
                "sources it is built from."]),
        html.H2("Sources", className="h4 mt-4"),
        data_table(sources, {"title": "Dataset", "publisher": "Publisher", "dataset_code": "Code",
                             "attribution": "Attribution", "coverage": "Coverage", "licence": "Licence"}),
        html.H2("Methods", className="h4 mt-4"),
        dcc.Markdown(METHODS),
        # --- Rankings and the composite indicator (issue 4) ---
        html.H3("Rankings and the composite indicator", className="h5 mt-3", id="rankings-method"),
        dcc.Markdown(method_markdown(tables.indicators)),
        html.H2("Tables", className="h4 mt-4"),
        dbc.ListGroup(downloads, className="mb-3"),
        html.H2("Schema", className="h4 mt-4"),
        html.P("An organisation can run the app on its own tables by pointing DATA_DIR at a folder with the same "
               "files and columns (see data/README.md)."),
        dbc.Accordion([dbc.AccordionItem(_schema_table(name), title=name) for name in TABLE_NAMES],
                      start_collapsed=True, always_open=True),
    ])
