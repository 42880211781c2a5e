"""Cluster organisations: what the ECCP factsheet counts, the organisations the documents name, and monitoring."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

import caching
from components import theme
from components.chart_card import chart_card, data_table, loading
from components.figures import policy as figures
from components.filters import filters
from components.language import page_title
from data import policy as queries
from data.store import current_tables
from i18n import N_
from state.clusters import parse_clusters

dash.register_page(__name__, path="/clusters", title=page_title(N_("Cluster organisations")), name="Clusters")

URL, NOTICE = "clusters-url", "clusters-notice"
REGION, PROGRAMME, DIRECTORY, DIRECTORY_COUNT = (
    "clusters-region",
    "clusters-programme",
    "clusters-directory",
    "clusters-directory-count",
)
EXAMPLE, YEAR, KPI, STATUS, RAW_STORE = (
    "clusters-example",
    "clusters-year",
    "clusters-kpi",
    "clusters-status",
    "clusters-raw",
)
UPLOAD = {key: f"clusters-upload-{key}" for key in queries.TEMPLATES}
TEMPLATE_BUTTON, DOWNLOAD = "clusters-template", "clusters-template-download"
ECCP_REGIONS, ECCP_ECOSYSTEMS, ECCP_MEMBERS = (
    "clusters-eccp-regions",
    "clusters-eccp-ecosystems",
    "clusters-eccp-members",
)
MON_MEMBERS, MON_FUNDING, MON_KPI = "clusters-mon-members", "clusters-mon-funding", "clusters-mon-kpi"
FORMATS = [("csv", "Template (CSV)"), ("xlsx", "Template (Excel)"), ("example", "Example file (CSV)")]

MONITORING_INTRO = """
The Auvergne-Rhône-Alpes action plan (CLUSTERIX 2.0) sets out how a region can monitor the clusters it funds:
**Action 1** a cluster management database (FTEs in cluster management, people made available by companies,
allocation of main expenses, amount and share of private funding by memberships, sponsorship and projects, and of
public funding from the State and the Region, governance); **Action 2** a members database (large, medium and
small companies, research institutions, training and university institutions, government and public
organisations, other; year of membership; participation in the governance); **Action 3** four operational
objectives reported quarterly (projects or actions led in common, prospecting actions to gain members,
communication actions, and "story telling").

Load your own files below, one per table, as CSV or Excel in the template's columns. Every file is checked:
rows with a problem are listed with the reason and left out; the rest are charted. Files stay in this browser
tab and are not stored on the server. Operators can also place `management`, `members` and `objectives` files
(`.csv` or `.xlsx`) in the `monitoring/` folder of `DATA_DIR`: they are checked the same way and shown here.
"""


def _eccp_cards(tables):
    counts, sources = tables.cluster_counts, tables.sources
    src = "seed_eccp_factsheet_fr"
    section = "2.3 Cluster organisations & interregional cooperation"
    regions = queries.eccp_regions(counts, tables.regions)
    ecos = queries.counts_for(counts, queries.ECCP_ECOSYSTEM_MEASURE)
    members = queries.counts_for(counts, queries.ECCP_MEMBERS_MEASURE)
    total = queries.eccp_total(counts)
    source = queries.source_line(sources, [src], [section])
    region_note = "Figure 2 of the factsheet (all regions) is a map image: the text gives only these regions."
    region_table = regions.assign(
        region=[f"{c} ({code})" for c, code in zip(regions["category"], regions["region_code"])]
    )
    return [
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.Div("Cluster organisations from France on the ECCP", className="small"),
                                html.Div(theme.format_value(total, 0), className="fs-3 fw-semibold"),
                                html.Div(
                                    "registered on the European Cluster Collaboration Platform, "
                                    "data extracted 21/12/2023",
                                    className="small",
                                ),
                            ]
                        )
                    ),
                    md=4,
                ),
                dbc.Col(
                    html.Div(
                        [
                            html.P(
                                [
                                    "The factsheet gives the region for four of them: ",
                                    *[
                                        x
                                        for r in regions.itertuples()
                                        for x in (
                                            html.A(
                                                f"{r.category}", href=dash.get_relative_path(f"/region/{r.region_code}")
                                            ),
                                            f" {int(r.value)}; ",
                                        )
                                    ],
                                    "the map of all regions (its Figure 2) is an image and is not in the text.",
                                ],
                                className="small mb-0",
                            ),
                            html.P(source, className="source-line small text-body-secondary"),
                        ]
                    ),
                    md=8,
                ),
            ],
            className="g-3 mb-3 align-items-center",
        ),
        dbc.Row(
            [
                dbc.Col(
                    chart_card(
                        ECCP_REGIONS,
                        "French cluster organisations on the ECCP, regions named in the text",
                        source=source,
                        height=300,
                        figure=figures.counts_bar(
                            regions, "category", "On the ECCP, by region (named in the text)", "cluster organisations"
                        ),
                        subtitle=region_note,
                        table=data_table(
                            region_table, {"region": "Region", "value": "Cluster organisations", "note": "Note"}
                        ),
                    ),
                    lg=6,
                ),
                dbc.Col(
                    chart_card(
                        ECCP_MEMBERS,
                        "Member organisations of French ECCP cluster organisations, France vs EU",
                        source=source,
                        height=380,
                        figure=figures.composition_chart(members, "Members by type, France vs EU (%)"),
                        table=data_table(
                            members, {"category": "Type of member", "value": "France (%)", "eu_value": "EU (%)"}
                        ),
                    ),
                    lg=6,
                ),
            ],
            className="g-3",
        ),
        chart_card(
            ECCP_ECOSYSTEMS,
            "French ECCP cluster organisations by industrial ecosystem",
            source=source,
            height=520,
            subtitle="Not all cluster organisations gave an ecosystem and one can work in several, "
            "so these do not add up to 113.",
            figure=figures.counts_bar(
                ecos,
                "category",
                "French ECCP cluster organisations by industrial ecosystem",
                "cluster organisations",
                colour=theme.COUNTRY_COLOUR,
            ),
            table=data_table(ecos, {"category": "Industrial ecosystem", "value": "Cluster organisations"}),
        ),
    ]


def _other_counts(tables):
    other = queries.other_counts(tables.cluster_counts)
    names = dict(zip(tables.regions["code"], tables.regions["name"]))
    rows = []
    for r in other.sort_values(["region_code", "measure", "year"], na_position="last").itertuples():
        place = r.region_code if isinstance(r.region_code, str) else ""
        rows.append(
            html.Tr(
                [
                    html.Td(
                        html.A(f"{names.get(place, place)} ({place})", href=dash.get_relative_path(f"/region/{place}"))
                        if place
                        else ""
                    ),
                    html.Td(r.measure),
                    html.Td(theme.format_value(r.value, 0)),
                    html.Td("" if pd.isna(r.year) else str(r.year)),
                    html.Td(html.Q(r.quote)),
                    html.Td(queries.source_line(tables.sources, [r.source_id], [r.section]).replace("Source: ", "")),
                ]
            )
        )
    return html.Details(
        [
            html.Summary("Other counts of clusters in the seed documents", className="small"),
            html.Div(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(h, scope="col")
                                    for h in ("Region", "What is counted", "Number", "Year", "As written", "Source")
                                ]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    className="table table-sm small",
                ),
                className="table-responsive mt-2",
            ),
        ],
        className="mb-4",
    )


def _template_card(key):
    tpl = queries.TEMPLATES[key]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(tpl.title, className="h6"),
                html.P(tpl.purpose, className="small"),
                html.Div(
                    [
                        dbc.Button(
                            label,
                            id={"type": TEMPLATE_BUTTON, "key": key, "fmt": fmt},
                            size="sm",
                            color="secondary",
                            outline=True,
                            className="me-1 mb-1",
                        )
                        for fmt, label in FORMATS
                    ]
                ),
                dcc.Upload(
                    id=UPLOAD[key],
                    multiple=False,
                    max_size=queries.MAX_UPLOAD_BYTES,
                    className="upload-box mt-2",
                    children=html.Div(
                        [
                            html.I(className="bi bi-upload me-1", **{"aria-hidden": "true"}),
                            f"{tpl.title}: drop or choose a file (.xlsx, or .csv in UTF-8; up to 2 MB and 5,000 rows)",
                        ]
                    ),
                    style={
                        "border": "2px dashed #8c99a6",
                        "borderRadius": "6px",
                        "padding": "0.6rem",
                        "textAlign": "center",
                        "cursor": "pointer",
                        "background": "#fff",
                    },
                ),
                html.Details(
                    [html.Summary("Columns", className="small"), data_table(queries.template_doc(key))],
                    className="mt-2",
                ),
            ]
        ),
        className="h-100 shadow-sm",
    )


@caching.memoize_layout(parse_clusters, notice=NOTICE)
def layout(state, notices, lang):
    tables = current_tables()
    orgs = tables.cluster_organisations
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=RAW_STORE, storage_type="memory", data={}),
            dcc.Download(id=DOWNLOAD),
            html.H1("Cluster organisations", className="h3"),
            html.P(
                "How many cluster organisations France has on the European Cluster Collaboration Platform, the cluster "
                "organisations the seed documents and the programme data name, and a way for a region to monitor the "
                "clusters it funds.",
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            html.H2("Cluster organisations in France: the ECCP factsheet's counts", className="h4 mt-3"),
            *_eccp_cards(tables),
            _other_counts(tables),
            html.H2("Cluster organisations named in the documents and the programme data", className="h4 mt-3"),
            html.P(
                "The 22 clusters of the Auvergne-Rhône-Alpes action plan, the clusters the ECCP factsheet and the DG GROW "
                "presentation name, the pôles de compétitivité of phase V and the French cluster participants in EU "
                "programmes (the programme data is incomplete: see the Programmes page). Regions are given only where "
                "a source gives them.",
                className="small",
            ),
            filters(
                "clusters",
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                dbc.Label("Region", html_for=REGION),
                                dcc.Dropdown(
                                    id=REGION,
                                    value=state["region"] or None,
                                    placeholder="All regions",
                                    clearable=True,
                                    options=[
                                        {"label": label, "value": code}
                                        for code, label in queries.directory_regions(orgs, tables.regions)
                                    ],
                                ),
                            ],
                            md=5,
                        ),
                        dbc.Col(
                            [
                                dbc.Label("EU programme", html_for=PROGRAMME),
                                dcc.Dropdown(
                                    id=PROGRAMME,
                                    value=state["programme"] or None,
                                    placeholder="Any or none",
                                    clearable=True,
                                    options=[{"label": p, "value": p} for p in queries.directory_programmes(orgs)],
                                ),
                            ],
                            md=4,
                        ),
                    ],
                    className="g-3 mb-2 controls",
                ),
            ),
            html.P(id=DIRECTORY_COUNT, className="small mb-1"),
            loading(
                html.Div(
                    id=DIRECTORY,
                    className="table-responsive mb-4 directory border bg-white",
                    style={"maxHeight": "640px", "overflowY": "auto"},
                    tabIndex="0",
                    role="region",
                    **{"aria-label": "Cluster organisations (scrollable table)"},
                )
            ),
            html.H2("Cluster monitoring", className="h4 mt-3"),
            dcc.Markdown(MONITORING_INTRO, className="small"),
            dbc.Row(
                [dbc.Col(_template_card(key), lg=4, className="mb-3") for key in queries.TEMPLATES], className="g-3"
            ),
            filters(
                "clusters-monitoring",
                dbc.Row(
                    [
                        dbc.Col(
                            dbc.Switch(
                                id=EXAMPLE,
                                value=bool(state["example"]),
                                label="Show the example files instead (invented values, not real data)",
                            ),
                            md=5,
                        ),
                        dbc.Col(
                            [
                                dbc.Label("Year (funding mix and members)", html_for=YEAR),
                                # The link's year is an option from the start: Dash 4's dropdown drops a value that is not
                                # among its options, and the options of the data arrive a callback later.
                                dcc.Dropdown(
                                    id=YEAR,
                                    value=state["year"],
                                    placeholder="latest year",
                                    clearable=True,
                                    options=[{"label": str(state["year"]), "value": state["year"]}]
                                    if state["year"]
                                    else [],
                                ),
                            ],
                            md=3,
                        ),
                        dbc.Col(
                            [
                                dbc.Label("Operational objective", html_for=KPI),
                                dcc.Dropdown(
                                    id=KPI,
                                    value=state["kpi"],
                                    clearable=False,
                                    options=[{"label": label, "value": k} for k, label in queries.KPI_COLUMNS.items()],
                                ),
                            ],
                            md=4,
                        ),
                    ],
                    className="g-3 mb-2 controls align-items-end",
                ),
                "Monitoring options",
            ),
            html.Div(id=STATUS, className="mb-3", **{"aria-live": "polite"}),
            chart_card(MON_MEMBERS, "Members by type", height=360),
            chart_card(MON_FUNDING, "Funding by source", height=380),
            chart_card(MON_KPI, "Operational objectives by year", height=400),
        ]
    )
