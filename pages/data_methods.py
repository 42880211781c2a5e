"""Data & methods: every source with its attribution and coverage, the tables as CSV, the schema."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

import caching
from components.chart_card import data_table
from components.language import page_title
from data import schema
from data.composite import method_markdown
from data.quality import CHECK_NAMES, rules_markdown
from data.store import TABLE_NAMES, current_tables
from i18n import N_

dash.register_page(__name__, path="/data", title=page_title(N_("Data & methods")), name="Data & methods")

METHODS = """
**Region codes.** Everything is shown in NUTS 2024, the classification in which Eurostat publishes regional
data since 2024 (244 NUTS 2 regions in the EU). Inputs published in NUTS 2013, 2016 or 2021 are recoded with
Eurostat's official correspondence tables; a code is recoded only when its territory did not change (a new
name, a new code, or a shift of under 1% of the population that the NUTS regulation does not count as an
amendment, art. 5(2a): Emilia-Romagna ITH5 and Marche ITI3). Codes that were split, merged or whose boundary
shifted (LT00 into LT01 and LT02 in 2016; Utrecht NL31 and Zuid-Holland NL33, Centro PT16, Lisbon PT17 and
Alentejo PT18 in 2024) are left out rather than guessed, and the pipeline prints every code it drops. A link
with an old code (e.g. /region/PT17) opens a notice naming the NUTS 2024 regions that now cover its territory.

**Sums of parts.** Where a quantity adds up (GDP in euro, population, persons employed, R&D personnel) and the
source has no row for a NUTS 1 region, a country or the EU27, the pipeline sums its NUTS 2 parts (the EU27 its
27 countries), only when every part has a value, and labels the result "sum of NUTS 2 parts" wherever it is
shown. A published value, or a published confidential gap, is never replaced. Rates and per-head values are
never summed or averaged from regions; the one exception is a share of two counts (industry's share of
employment), which a parent gets as the ratio of its parts' summed counts, labelled "ratio of sums". This gives Hauts-de-France (FRE) and the other French NUTS 1 regions
their sector employment, location quotients and agglomerations: the 2015 file publishes them under NUTS 2013
codes that no longer exist.

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

RETRIEVED_DEFAULT = (
    "Retrieval dates are not recorded for these tables: they were built from copies of the public "
    "files gathered for the project (../shared/data; their vintage is stated under Coverage: the years "
    'each file covers, "extract of December 2020", "2017 vintage"). '
    "An IT team with internet access can bring them up to Eurostat's latest release with "
    "python -m data.refresh, which records the date of each dataset here and on every chart."
)
RETRIEVED_REFRESHED = (
    "Retrieved: the date python -m data.refresh fetched the dataset from Eurostat's API; Eurostat "
    'data update: when Eurostat last updated it, as Eurostat states. "not recorded" marks '
    "sources taken from the project's copies of the public files (vintage under Coverage)."
)


def _schema_table(name):
    cols = schema.SCHEMAS[name].columns
    return html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th("Column", scope="col"),
                        html.Th("Type", scope="col"),
                        html.Th("Missing allowed", scope="col"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr([html.Td(html.Code(c)), html.Td(str(col.dtype)), html.Td("yes" if col.nullable else "no")])
                    for c, col in cols.items()
                ]
            ),
        ],
        className="table table-sm mb-0",
    )


QUALITY, QUALITY_TABLE, DEFAULT_YEARS = "data-quality", "data-quality-table", "data-default-years"


def _quality_section(tables):
    """The default-year rule, breaks, the plausibility checks with their thresholds, and every flagged cell."""
    dq = tables.table("data_quality")
    counts = dq["check"].value_counts()
    names = tables.regions.set_index("code")["name"]
    labels = tables.indicators.set_index("id")["short_label"]
    rows = dq.assign(
        check=[f"{CHECK_NAMES.get(c, c)} ({c})" for c in dq["check"]],
        region=[f"{names.get(r, r)} ({r})" for r in dq["region"]],
        what=[
            labels.get(k, k) if t == "indicator_values" else f"NACE {k}"
            for t, k in zip(dq["table"], dq["indicator_or_nace"])
        ],
    )
    ind = tables.indicators.sort_values(["theme", "label"])
    years = pd.DataFrame(
        {
            "label": ind["label"],
            "default_year": [str(int(y)) if pd.notna(y) else "none" for y in ind["default_year"]],
            "note": ind["default_year_note"].fillna(""),
        }
    )
    summary = ", ".join(f"{counts.get(c, 0)} {CHECK_NAMES[c].lower()}" for c in CHECK_NAMES)
    return [
        html.H2("Data quality", className="h4 mt-4", id=QUALITY),
        dcc.Markdown(rules_markdown()),
        html.H3("Default year of each indicator", className="h5 mt-3"),
        html.Div(
            data_table(years, {"label": "Indicator", "default_year": "Opens on", "note": "Note"}),
            id=DEFAULT_YEARS,
            className="table-responsive small",
        ),
        html.H3(f"Flagged cells ({len(dq)})", className="h5 mt-3"),
        html.P(
            [
                f"{summary}. ",
                html.A(
                    [html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), "data_quality.csv"],
                    href=dash.get_relative_path("/download/data_quality.csv"),
                ),
                " has every column.",
            ],
            className="small",
        ),
        html.Div(
            data_table(
                rows,
                {
                    "check": "Check",
                    "region": "Region",
                    "what": "Indicator or activity",
                    "year": "Year",
                    "detail": "Why it is flagged",
                },
            ),
            id=QUALITY_TABLE,
            className="table-responsive small",
        ),
    ]


def _indicators(tables) -> html.Div:
    """Every indicator of the catalogue (data/catalogue.py) as the tables hold it: what it measures and how to read it."""
    ind = tables.indicators.sort_values(["theme", "label"])
    rows = pd.DataFrame(
        {
            "label": ind["label"],
            "unit": ind["unit"],
            "theme": ind["theme"],
            "better": ["higher" if h else "lower" for h in ind["higher_is_better"]],
            "dataset_code": ind["dataset_code"],
            "description": ind["description"],
        }
    )
    return html.Div(
        data_table(
            rows,
            {
                "label": "Indicator",
                "unit": "Unit",
                "theme": "Theme",
                "better": "Better when",
                "dataset_code": "Dataset",
                "description": "What it measures",
            },
        ),
        className="table-responsive small",
    )


@caching.memoize_layout()
def layout(_state, _notices, lang):
    tables = current_tables()
    sources = tables.sources[["title", "publisher", "dataset_code", "attribution", "coverage", "licence"]].copy()
    # Retrieval dates exist only for datasets fetched by `python -m data.refresh`; say so instead of a blank.
    sources["retrieved"] = tables.sources["retrieved"].fillna("not recorded")
    sources["release"] = tables.sources["release"].fillna("")
    refreshed = tables.sources["retrieved"].notna().any()
    downloads = [
        dbc.ListGroupItem(
            [
                html.A(
                    [html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), f"{name}.csv"],
                    href=dash.get_relative_path(f"/download/{name}.csv"),
                ),
                html.Span(f" {len(tables.table(name)):,} rows", className="text-body-secondary small"),
            ]
        )
        for name in TABLE_NAMES
    ]
    return html.Div(
        [
            html.H1("Data & methods", className="h3"),
            html.P(
                [
                    "Data version ",
                    html.Code(tables.version),
                    ". Every table the app uses is below as CSV, with the sources it is built from.",
                ]
            ),
            html.H2("Sources", className="h4 mt-4"),
            html.P(RETRIEVED_REFRESHED if refreshed else RETRIEVED_DEFAULT, className="small"),
            data_table(
                sources,
                {
                    "title": "Dataset",
                    "publisher": "Publisher",
                    "dataset_code": "Code",
                    "attribution": "Attribution",
                    "coverage": "Coverage",
                    "licence": "Licence",
                    "retrieved": "Retrieved",
                    "release": "Eurostat data update",
                },
            ),
            html.H2("Indicators", className="h4 mt-4"),
            _indicators(tables),
            html.H2("Methods", className="h4 mt-4"),
            dcc.Markdown(METHODS),
            # --- Rankings and the composite indicator (issue 4) ---
            html.H3("Rankings and the composite indicator", className="h5 mt-3", id="rankings-method"),
            dcc.Markdown(method_markdown(tables.indicators)),
            *_quality_section(tables),
            html.H2("Tables", className="h4 mt-4"),
            dbc.ListGroup(downloads, className="mb-3"),
            html.H2("Schema", className="h4 mt-4"),
            html.P(
                "An organisation can run the app on its own tables by pointing DATA_DIR at a folder with the same "
                "files and columns (see data/README.md)."
            ),
            dbc.Accordion(
                [dbc.AccordionItem(_schema_table(name), title=name) for name in TABLE_NAMES],
                start_collapsed=True,
                always_open=True,
            ),
        ]
    )
