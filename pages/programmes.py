"""Programmes: who takes part in EU cluster programmes (ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1, Euroclusters), by
country, region and ecosystem, with the coverage of this dataset against the official totals on every chart."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card
from components.filters import filters
from components.language import page_title
from components.programmes_view import LINK_RULE, NETWORK_CAP, text_table
from data.programmes import seed_comparison
from data.store import current_tables
from i18n import N_
from state.programmes import cached, options, parse_programmes, selection

dash.register_page(__name__, path="/programmes", title=page_title(N_("Programmes")), name="Programmes")

URL = "programmes-url"
PROGRAMME, GENERATION, ECOSYSTEM, COUNTRY, REGION, ROLE, CLUSTER = (
    "programmes-programme",
    "programmes-generation",
    "programmes-ecosystem",
    "programmes-country",
    "programmes-region",
    "programmes-role",
    "programmes-cluster",
)
CONTROLS = {
    "programme": PROGRAMME,
    "generation": GENERATION,
    "ecosystem": ECOSYSTEM,
    "country": COUNTRY,
    "region": REGION,
    "role": ROLE,
}
NOTICE, SUMMARY, SELECTION, COVERAGE = (
    "programmes-notice",
    "programmes-summary",
    "programmes-selection",
    "programmes-coverage",
)
SEED = "programmes-seed"
GRID, GRID_CSV, PROJECT_GRID = "programmes-grid", "programmes-grid-csv", "programmes-project-grid"
BARS, MAP, STANDING, NETWORK, TIMELINE, CLUSTERS = (
    "programmes-bars",
    "programmes-map",
    "programmes-standing",
    "programmes-network",
    "programmes-timeline",
    "programmes-clusters",
)
CSV_FILE = "programme-participations.csv"
# The collaboration network: its level (in the URL as ?network=), the heatmap beside the graph, the pairs grid.
LEVEL, HEATMAP = "programmes-network-level", "programmes-adjacency"
PAIRS, PAIRS_NOTE, PAIRS_CSV = "programmes-pairs", "programmes-pairs-note", "programmes-pairs-csv"
PAIRS_FILE = "programme-partner-pairs.csv"
GRID_DOWNLOAD, PAIRS_DOWNLOAD = "programmes-grid-download", "programmes-pairs-download"


def refreshed(grid: str) -> str:
    """The store a grid's refresh writes to (the grids get their rows from the server, block by block)."""
    return f"{grid}-refreshed"


LEVEL_OPTIONS = [
    {"label": "Country", "value": "country"},
    {"label": "NUTS 2 region", "value": "region"},
    {"label": "Organisation", "value": "organisation"},
]
PAIR_COLUMNS = [
    {"field": "source_name", "headerName": "Participant", "width": 300, "tooltipField": "source_name"},
    {"field": "target_name", "headerName": "Partner", "width": 300, "tooltipField": "target_name"},
    {
        "field": "weight",
        "headerName": "Shared projects",
        "width": 150,
        "filter": "agNumberColumnFilter",
        "cellDataType": "number",
        "sort": "desc",
    },
    {"field": "projects", "headerName": "Projects", "width": 420, "tooltipField": "projects"},
    # Exported to CSV, not shown.
    {"field": "source", "headerName": "Participant code", "hide": True},
    {"field": "target", "headerName": "Partner code", "hide": True},
]
PAIR_CSV_COLUMNS = ["source", "source_name", "target", "target_name", "weight", "projects"]

# The partner grid: one row per participation. Text columns are shown as text (ag-grid does not parse them);
# only the link columns use the Markdown renderer, with Markdown built by data.programmes (labels escaped).
GRID_COLUMNS = [
    {"field": "programme", "headerName": "Programme", "width": 120},
    {"field": "project", "headerName": "Project", "width": 150},
    {"field": "organisation", "headerName": "Organisation", "width": 300, "tooltipField": "organisation"},
    {"field": "country", "headerName": "Country", "width": 100},
    {
        "field": "sources",
        "headerName": "Sources",
        "width": 280,
        "cellRenderer": "markdown",
        "filter": False,
        "sortable": False,
    },
    {
        "field": "region_link",
        "headerName": "NUTS 2 region",
        "width": 190,
        "cellRenderer": "markdown",
        "filter": False,
        "sortable": False,
    },
    {"field": "role", "headerName": "Role", "width": 140},
    {"field": "is_cluster", "headerName": "Cluster", "width": 100},
    {"field": "generation", "headerName": "Call / generation", "width": 240},
    {"field": "start_date", "headerName": "Start", "width": 110},
    {"field": "end_date", "headerName": "End", "width": 110},
    # Exported to CSV, not shown.
    {"field": "region", "headerName": "NUTS 2 code", "hide": True},
    {"field": "region_name", "headerName": "NUTS 2 name", "hide": True},
    {"field": "place", "headerName": "Place (as stated)", "hide": True},
    {"field": "organisation_id", "headerName": "Organisation id", "hide": True},
    {"field": "filled", "headerName": "Filled from the organisation's other rows", "hide": True},
    {"field": "source_url", "headerName": "Source URLs", "hide": True},
]
CSV_COLUMNS = [
    "programme",
    "project",
    "generation",
    "organisation",
    "organisation_id",
    "role",
    "country",
    "region",
    "region_name",
    "place",
    "is_cluster",
    "filled",
    "start_date",
    "end_date",
    "source_url",
]
PROJECT_COLUMNS = [
    {"field": "programme", "headerName": "Programme", "width": 120},
    {"field": "acronym", "headerName": "Project", "width": 150},
    {"field": "title", "headerName": "Title", "width": 320, "tooltipField": "title"},
    {"field": "generation", "headerName": "Call / generation", "width": 230},
    {"field": "start_date", "headerName": "Start", "width": 105},
    {"field": "end_date", "headerName": "End", "width": 105},
    {
        "field": "partners_shown",
        "headerName": "Partners listed",
        "width": 120,
        "filter": "agNumberColumnFilter",
        "cellDataType": "number",
    },
    {"field": "partners", "headerName": "Partners in this dataset", "width": 360, "tooltipField": "partners"},
    {"field": "ecosystems", "headerName": "Sectors (as stated)", "width": 220},
    {
        "field": "sources",
        "headerName": "Sources",
        "width": 340,
        "cellRenderer": "markdown",
        "filter": False,
        "sortable": False,
    },
]
GRID_OPTIONS = {
    "pagination": True,
    "paginationPageSize": 50,
    "animateRows": False,
    "enableCellTextSelection": True,
    "tooltipShowDelay": 400,
    "loadThemeGoogleFonts": False,
    "localeText": {"noRowsToShow": "No participation matches these filters."},
}
DEFAULT_COL = {
    "filter": True,
    "sortable": True,
    "resizable": True,
    "floatingFilter": True,
    "wrapText": False,
    "cellDataType": "text",
}


def _dropdown(ident, label, values, allowed, placeholder):
    return dbc.Col(
        [
            dbc.Label(label, html_for=ident, className="small fw-semibold mb-1"),
            dcc.Dropdown(
                id=ident,
                multi=True,
                value=values,
                placeholder=placeholder,
                options=[{"label": text, "value": key} for key, text in allowed.items()],
            ),
        ],
        md=4,
        lg=3,
    )


def controls(state: dict, allowed: dict):
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Row(
                    [
                        _dropdown(PROGRAMME, "Programme", state["programme"], allowed["programme"], "All programmes"),
                        _dropdown(GENERATION, "Call or generation", state["generation"], allowed["generation"], "All"),
                        _dropdown(
                            ECOSYSTEM,
                            "Industrial ecosystem (from stated sectors)",
                            state["ecosystem"],
                            allowed["ecosystem"],
                            "All ecosystems",
                        ),
                        _dropdown(
                            COUNTRY,
                            "Country (highlighted, network centre)",
                            state["country"],
                            allowed["country"],
                            "All countries",
                        ),
                        _dropdown(
                            REGION, "NUTS 2 region (where known)", state["region"], allowed["region"], "All regions"
                        ),
                        _dropdown(ROLE, "Role", state["role"], allowed["role"], "All roles"),
                        dbc.Col(
                            [
                                dbc.Label("Organisations", html_for=CLUSTER, className="small fw-semibold mb-1"),
                                dbc.Switch(id=CLUSTER, label="Cluster organisations only", value=state["cluster"]),
                            ],
                            md=4,
                            lg=3,
                        ),
                        dbc.Col(
                            html.A("Clear all filters", href=dash.get_relative_path("/programmes"), className="small"),
                            md=4,
                            lg=3,
                            className="d-flex align-items-end pb-2",
                        ),
                    ],
                    className="g-2",
                ),
            ]
        ),
        className="mb-3 controls",
    )


def summary(sel: dict):
    """One line on what matches; a clear message when nothing does."""
    n = len(sel["rows"])
    if n == 0:
        return dbc.Alert(
            [
                html.Strong("No participation matches these filters. "),
                "Remove a filter or choose another combination; the coverage below still says what the dataset holds.",
            ],
            color="warning",
            className="mb-0",
        )
    text = [
        html.Span(
            f"{n} participations of {sel['organisations']} organisations in {len(sel['projects'])} "
            "projects match the filters.",
            className="fw-semibold",
        )
    ]
    if sel.get("focus"):
        text.append(
            html.Span(
                " The country charts show every country, the chosen ones highlighted; the network shows the pairs "
                "with a participant from a chosen country; the timeline, the cluster chart and the lists show the "
                "chosen countries' partners.",
                className="text-body-secondary",
            )
        )
    return html.P(text, className="mb-0")


def _short_source(document: str, section: str) -> str:
    return f"{str(document).split(' (')[0].split(' ' + chr(39))[0]}, {section}"


def seed_section(tables):
    """The published figures for France next to the same measures in this dataset (all rows of their scope)."""
    comp = seed_comparison(tables.seed_reference, tables.projects, tables.participations)
    comp = comp.assign(source=[_short_source(d, s) for d, s in zip(comp["document"], comp["section"])])
    quotes = comp.drop_duplicates("quote")
    return [
        html.H2("Published figures for France next to this dataset", className="h5", id="programmes-seed-heading"),
        html.P(
            "What the DG GROW presentation (2019) and the ECCP country factsheet for France publish, and the same "
            "measure counted in this incomplete dataset over the same programmes and calls (whatever the filters "
            "above). Published figures count complete lists; this dataset's are lower bounds.",
            className="small text-body-secondary",
        ),
        text_table(
            comp,
            {
                "programmes": "Programme",
                "figure": "Figure",
                "published": "Published",
                "in_data": "This dataset",
                "source": "Source",
                "note": "Note",
            },
        ),
        html.Details(
            [
                html.Summary("The published statements, word for word", className="small"),
                text_table(quotes, {"quote": "Statement", "document": "Document", "section": "Section"}),
            ],
            className="small mt-2",
        ),
    ]


def seed_partners_section(tables):
    """The 18 French INNOSUP-1 partners the DG GROW presentation lists, next to this dataset's French partners in
    the same calls."""
    seed = tables.seed_reference
    partners = seed[seed["kind"] == "partner"]
    gens = set(partners["generations"].dropna().iloc[0].split(";")) if len(partners) else set()
    projects = tables.projects[tables.projects["generation"].isin(gens)]
    parts = tables.participations
    ours = parts[parts["project"].isin(projects["project"]) & (parts["country"] == "FR").fillna(False)]
    ours = ours.assign(acronym=ours["project"].map(projects.set_index("project")["acronym"]))
    source = _short_source(partners["document"].iloc[0], partners["section"].iloc[0]) if len(partners) else ""
    return [
        html.H2(
            "French INNOSUP-1 partners: published list and this dataset",
            className="h5",
            id="programmes-partners-heading",
        ),
        html.P(
            f"{len(partners)} rows published ({source}); {len(ours)} French participations in the same calls "
            "(2015-2017) in this dataset. Names differ where organisations were renamed (e.g. ARVE Industries is "
            "now Mont-Blanc Industries).",
            className="small text-body-secondary",
        ),
        html.H3(f"This dataset ({len(ours)})", className="h6"),
        html.Div(
            text_table(ours, {"organisation": "Organisation", "acronym": "Project", "is_cluster": "Cluster"}),
            className="table-responsive small mb-2",
        ),
        html.Details(
            [
                html.Summary(f"Published (DG GROW, 2019): the {len(partners)} rows", className="small"),
                html.Div(
                    text_table(
                        partners,
                        {"partner": "Partner", "project": "Project", "status": "Status", "is_cluster": "Cluster"},
                    ),
                    className="table-responsive small mt-2",
                ),
            ],
            open=True,
        ),
    ]


def grid_heading(heading, button: str, label: str):
    """A grid's heading with the button that downloads its rows as CSV."""
    return html.Div(
        [
            heading,
            dbc.Button(
                [html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), label],
                id=button,
                size="sm",
                color="primary",
                outline=True,
                className="ms-auto",
            ),
        ],
        className="d-flex align-items-center gap-2 mb-2",
    )


def server_grid(ident: str, columns: list, options: dict, height: int, download: str | None = None):
    """A grid whose rows come from the server a page at a time (AG Grid's infinite row model: its filters and sort
    run on the server, so only the page shown travels); with `download`, the dcc.Download of its CSV button."""
    return html.Div(
        [
            dag.AgGrid(
                id=ident,
                columnDefs=columns,
                rowModelType="infinite",
                defaultColDef=DEFAULT_COL,
                dashGridOptions={**options, "cacheBlockSize": options["paginationPageSize"], "maxBlocksInCache": 10},
                style={"height": f"{height}px"},
            ),
            dcc.Store(id=refreshed(ident)),
            dcc.Download(id=download) if download else None,
        ]
    )


def network_section(state: dict):
    """The collaboration network at the level chosen: the graph and the adjacency heatmap side by side, then every
    pair in a sortable grid with its CSV."""
    return html.Section(
        [
            html.H2(
                "Collaboration network: who shares projects with whom", className="h5", id="programmes-network-heading"
            ),
            html.Div(
                [
                    dbc.Label("Participants:", html_for=LEVEL, className="small fw-semibold mb-0 me-2"),
                    dbc.RadioItems(id=LEVEL, value=state["network"], inline=True, options=LEVEL_OPTIONS),
                ],
                className="d-flex flex-wrap align-items-center mb-1",
            ),
            html.P(
                f"{LINK_RULE} The charts show the {NETWORK_CAP} participants with the most shared projects; the "
                "table below lists every pair.",
                className="small text-body-secondary",
            ),
            dbc.Row(
                [
                    dbc.Col(chart_card(NETWORK, "Collaboration network", height=560), lg=6),
                    dbc.Col(chart_card(HEATMAP, "Shared projects per pair (adjacency heatmap)", height=560), lg=6),
                ],
                className="g-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        grid_heading(
                            html.H3(
                                "Pairs and their shared projects", className="h6 mb-0", id="programmes-pairs-heading"
                            ),
                            PAIRS_CSV,
                            "Download these pairs (CSV)",
                        ),
                        html.P(id=PAIRS_NOTE, className="small text-body-secondary mb-2"),
                        server_grid(
                            PAIRS,
                            PAIR_COLUMNS,
                            {
                                **GRID_OPTIONS,
                                "paginationPageSize": 20,
                                "localeText": {"noRowsToShow": "No pair shares a project in this selection."},
                            },
                            520,
                            PAIRS_DOWNLOAD,
                        ),
                    ]
                ),
                className="mb-3 shadow-sm",
            ),
        ],
        id="programmes-network-section",
        **{"aria-labelledby": "programmes-network-heading"},
    )


@caching.memoize_layout(parse_programmes, notice=NOTICE)
def layout(state, notices, lang):
    tables = current_tables()
    allowed = options(tables)
    sel = selection(tables, state)
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=SELECTION, data=sel),
            html.H1("Programmes: who takes part in EU cluster programmes", className="h3"),
            html.P(
                [
                    "Participation in ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1 and Euroclusters, from lists compiled from "
                    "public CORDIS, ECCP, project and cluster pages. The lists are incomplete: the coverage against "
                    "the official totals is shown next to every chart, and a blank means unknown, never zero. ",
                    html.A("How the data was prepared", href=dash.get_relative_path("/data")),
                ],
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters("programmes", controls(state, allowed)),
            html.Div(summary(sel), id=SUMMARY, className="mb-2", **{"aria-live": "polite"}),
            html.Div(id=COVERAGE, className="mb-3"),
            dbc.Row(
                [
                    dbc.Col(chart_card(BARS, "Participations by country", height=520), lg=6),
                    dbc.Col(chart_card(MAP, "Participations by country (map)", height=520), lg=6),
                ],
                className="g-3",
            ),
            dbc.Row(
                [
                    dbc.Col(chart_card(STANDING, "A country's count, share and rank per programme", height=420), lg=6),
                    dbc.Col(chart_card(CLUSTERS, "Cluster organisations and others", height=380), lg=6),
                ],
                className="g-3",
            ),
            network_section(state),
            chart_card(TIMELINE, "Projects on a timeline", height=620),
            html.Section(
                dbc.CardBody(cached(tables, "seed-partners", lambda: seed_partners_section(tables))),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-partners-heading"},
            ),
            html.Section(
                dbc.CardBody(cached(tables, "seed-figures", lambda: seed_section(tables))),
                id=SEED,
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-seed-heading"},
            ),
            html.Section(
                dbc.CardBody(
                    [
                        grid_heading(
                            html.H2(
                                "Partners (one row per organisation and project)",
                                className="h5 mb-0",
                                id="programmes-grid-heading",
                            ),
                            GRID_CSV,
                            "Download these rows (CSV)",
                        ),
                        html.P(
                            "The rows match the filters above; the column filters narrow them further, and the CSV holds "
                            "exactly the rows left. Sources open the page each row comes from.",
                            className="small text-body-secondary mb-2",
                        ),
                        server_grid(GRID, GRID_COLUMNS, GRID_OPTIONS, 560, GRID_DOWNLOAD),
                    ]
                ),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-grid-heading"},
            ),
            html.Section(
                dbc.CardBody(
                    [
                        html.H2("Projects", className="h5", id="programmes-project-heading"),
                        html.P(
                            "Projects of the chosen programmes, calls and ecosystems (with a matching partner when a country, "
                            "region, role or cluster filter is set), with the partners this dataset lists.",
                            className="small text-body-secondary mb-2",
                        ),
                        server_grid(
                            PROJECT_GRID,
                            PROJECT_COLUMNS,
                            {**GRID_OPTIONS, "localeText": {"noRowsToShow": "No project matches these filters."}},
                            480,
                        ),
                    ]
                ),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-project-heading"},
            ),
        ]
    )
