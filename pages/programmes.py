"""Programmes: who takes part in EU cluster programmes (ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1, Euroclusters), by
country, region and ecosystem, with the coverage of this dataset against the official totals on every chart."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card, table_box
from components.filters import filters
from components.grid_text import grid_text
from components.language import page_title
from components.programmes_view import CLUSTER_WORDS, LINK_RULE, NETWORK_CAP, STATUS_WORDS, in_words, text_table
from data.programmes import data_word, seed_comparison
from data.store import current_tables
from i18n import N_, format_number, translator
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
    {"label": N_("Country"), "value": "country"},
    {"label": N_("NUTS 2 region"), "value": "region"},
    {"label": N_("Organisation"), "value": "organisation"},
]
PAIR_COLUMNS = [
    {"field": "source_name", "headerName": N_("Participant"), "width": 300, "tooltipField": "source_name"},
    {"field": "target_name", "headerName": N_("Partner"), "width": 300, "tooltipField": "target_name"},
    {
        "field": "weight",
        "headerName": N_("Shared projects"),
        "width": 150,
        "filter": "agNumberColumnFilter",
        "cellDataType": "number",
        "sort": "desc",
    },
    {"field": "projects", "headerName": N_("Projects"), "width": 420, "tooltipField": "projects"},
    # Exported to CSV, not shown.
    {"field": "source", "headerName": N_("Participant code"), "hide": True},
    {"field": "target", "headerName": N_("Partner code"), "hide": True},
]
PAIR_CSV_COLUMNS = ["source", "source_name", "target", "target_name", "weight", "projects"]

# The partner grid: one row per participation. Text columns are shown as text (ag-grid does not parse them);
# only the link columns use the Markdown renderer, with Markdown built by data.programmes (labels escaped).
GRID_COLUMNS = [
    {"field": "programme", "headerName": N_("Programme"), "width": 120},
    {"field": "project", "headerName": N_("Project"), "width": 150},
    {"field": "organisation", "headerName": N_("Organisation"), "width": 300, "tooltipField": "organisation"},
    {"field": "country", "headerName": N_("Country"), "width": 100},
    {
        "field": "sources",
        "headerName": N_("Sources"),
        "width": 280,
        "cellRenderer": "markdown",
        "filter": False,
        "sortable": False,
    },
    {
        "field": "region_link",
        "headerName": N_("NUTS 2 region"),
        "width": 190,
        "cellRenderer": "markdown",
        "filter": False,
        "sortable": False,
    },
    {"field": "role", "headerName": N_("Role"), "width": 140},
    {"field": "is_cluster", "headerName": N_("Cluster"), "width": 100},
    {"field": "generation", "headerName": N_("Call / generation"), "width": 240},
    {"field": "start_date", "headerName": N_("Start"), "width": 110},
    {"field": "end_date", "headerName": N_("End"), "width": 110},
    # Exported to CSV, not shown.
    {"field": "region", "headerName": N_("NUTS 2 code"), "hide": True},
    {"field": "region_name", "headerName": N_("NUTS 2 name"), "hide": True},
    {"field": "place", "headerName": N_("Place (as stated)"), "hide": True},
    {"field": "organisation_id", "headerName": N_("Organisation id"), "hide": True},
    {"field": "filled", "headerName": N_("Filled from the organisation's other rows"), "hide": True},
    {"field": "source_url", "headerName": N_("Source URLs"), "hide": True},
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
    {"field": "programme", "headerName": N_("Programme"), "width": 120},
    {"field": "acronym", "headerName": N_("Project"), "width": 150},
    {"field": "title", "headerName": N_("Title"), "width": 320, "tooltipField": "title"},
    {"field": "generation", "headerName": N_("Call / generation"), "width": 230},
    {"field": "start_date", "headerName": N_("Start"), "width": 105},
    {"field": "end_date", "headerName": N_("End"), "width": 105},
    {
        "field": "partners_shown",
        "headerName": N_("Partners listed"),
        "width": 120,
        "filter": "agNumberColumnFilter",
        "cellDataType": "number",
    },
    {"field": "partners", "headerName": N_("Partners in this dataset"), "width": 360, "tooltipField": "partners"},
    {"field": "ecosystems", "headerName": N_("Sectors (as stated)"), "width": 220},
    {
        "field": "sources",
        "headerName": N_("Sources"),
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
    "localeText": {"noRowsToShow": N_("No participation matches these filters.")},
}
DEFAULT_COL = {
    "filter": True,
    "sortable": True,
    "resizable": True,
    "floatingFilter": True,
    "wrapText": False,
    "cellDataType": "text",
}


def columns_in(columns: list, lang: str) -> list:
    """Grid column definitions with their headers in `lang`."""
    _ = translator(lang)
    return [{**c, "headerName": _(c["headerName"])} for c in columns]


def grid_options(lang: str, options: dict | None = None, no_rows: str = GRID_OPTIONS["localeText"]["noRowsToShow"]):
    """A grid's options with AG Grid's own texts and its empty-grid message in `lang`."""
    _ = translator(lang)
    return {**(options or GRID_OPTIONS), "localeText": {**grid_text(lang), "noRowsToShow": _(no_rows)}}


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


def controls(state: dict, allowed: dict, lang: str = "en"):
    _ = translator(lang)
    allowed = {
        **allowed,
        "role": {key: _(text) for key, text in allowed["role"].items()},
        "generation": {key: data_word(text, lang) for key, text in allowed["generation"].items()},
    }
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Row(
                    [
                        _dropdown(
                            PROGRAMME, _("Programme"), state["programme"], allowed["programme"], _("All programmes")
                        ),
                        _dropdown(
                            GENERATION, _("Call or generation"), state["generation"], allowed["generation"], _("All")
                        ),
                        _dropdown(
                            ECOSYSTEM,
                            _("Industrial ecosystem (from stated sectors)"),
                            state["ecosystem"],
                            allowed["ecosystem"],
                            _("All ecosystems"),
                        ),
                        _dropdown(
                            COUNTRY,
                            _("Country (highlighted, network centre)"),
                            state["country"],
                            allowed["country"],
                            _("All countries"),
                        ),
                        _dropdown(
                            REGION,
                            _("NUTS 2 region (where known)"),
                            state["region"],
                            allowed["region"],
                            _("All regions"),
                        ),
                        _dropdown(ROLE, _("Role"), state["role"], allowed["role"], _("All roles")),
                        dbc.Col(
                            [
                                dbc.Label(_("Organisations"), html_for=CLUSTER, className="small fw-semibold mb-1"),
                                dbc.Switch(id=CLUSTER, label=_("Cluster organisations only"), value=state["cluster"]),
                            ],
                            md=4,
                            lg=3,
                        ),
                        dbc.Col(
                            html.A(
                                _("Clear all filters"), href=dash.get_relative_path("/programmes"), className="small"
                            ),
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


def summary(sel: dict, lang: str = "en"):
    """One line on what matches; a clear message when nothing does."""
    _ = translator(lang)
    n = len(sel["rows"])
    if n == 0:
        return dbc.Alert(
            [
                html.Strong(_("No participation matches these filters.") + " "),
                _(
                    "Remove a filter or choose another combination; the coverage below still says what the dataset "
                    "holds."
                ),
            ],
            color="warning",
            className="mb-0",
        )
    text = [
        html.Span(
            _("{n} participations of {organisations} organisations in {projects} projects match the filters.").format(
                n=format_number(n, lang),
                organisations=format_number(sel["organisations"], lang),
                projects=format_number(len(sel["projects"]), lang),
            ),
            className="fw-semibold",
        )
    ]
    if sel.get("focus"):
        text.append(
            html.Span(
                " "
                + _(
                    "The country charts show every country, the chosen ones highlighted; the network shows the pairs "
                    "with a participant from a chosen country; the timeline, the cluster chart and the lists show the "
                    "chosen countries' partners."
                ),
                className="text-body-secondary",
            )
        )
    return html.P(text, className="mb-0")


def _short_source(document: str, section: str) -> str:
    return f"{str(document).split(' (')[0].split(' ' + chr(39))[0]}, {section}"


def seed_section(tables, lang: str = "en"):
    """The published figures for France next to the same measures in this dataset (all rows of their scope)."""
    _ = translator(lang)
    comp = seed_comparison(tables.seed_reference, tables.projects, tables.participations, lang)
    comp = comp.assign(source=[_short_source(d, s) for d, s in zip(comp["document"], comp["section"])])
    quotes = comp.drop_duplicates("quote")
    return [
        html.H2(_("Published figures for France next to this dataset"), className="h5", id="programmes-seed-heading"),
        html.P(
            _(
                "What the DG GROW presentation (2019) and the ECCP country factsheet for France publish, and the same "
                "measure counted in this incomplete dataset over the same programmes and calls (whatever the filters "
                "above). Published figures count complete lists; this dataset's are lower bounds."
            ),
            className="small text-body-secondary",
        ),
        text_table(
            comp,
            {
                "programmes": _("Programme"),
                "figure": _("Figure"),
                "published": _("Published"),
                "in_data": _("This dataset"),
                "source": _("Source"),
                "note": _("Note"),
            },
            lang,
        ),
        html.Details(
            [
                html.Summary(_("The published statements, word for word"), className="small"),
                text_table(quotes, {"quote": _("Statement"), "document": _("Document"), "section": _("Section")}, lang),
            ],
            className="small mt-2",
        ),
    ]


def seed_partners_section(tables, lang: str = "en"):
    """The 18 French INNOSUP-1 partners the DG GROW presentation lists, next to this dataset's French partners in
    the same calls."""
    _ = translator(lang)
    seed = tables.seed_reference
    partners = seed[seed["kind"] == "partner"]
    gens = set(partners["generations"].dropna().iloc[0].split(";")) if len(partners) else set()
    projects = tables.projects[tables.projects["generation"].isin(gens)]
    parts = tables.participations
    ours = parts[parts["project"].isin(projects["project"]) & (parts["country"] == "FR").fillna(False)]
    ours = ours.assign(acronym=ours["project"].map(projects.set_index("project")["acronym"]))
    source = _short_source(partners["document"].iloc[0], partners["section"].iloc[0]) if len(partners) else ""
    if lang != "en":
        ours = ours.assign(is_cluster=in_words(ours["is_cluster"], CLUSTER_WORDS, lang))
        partners = partners.assign(
            is_cluster=in_words(partners["is_cluster"], CLUSTER_WORDS, lang),
            status=in_words(partners["status"], STATUS_WORDS, lang),
        )
    return [
        html.H2(
            _("French INNOSUP-1 partners: published list and this dataset"),
            className="h5",
            id="programmes-partners-heading",
        ),
        html.P(
            _(
                "{rows} rows published ({source}); {ours} French participations in the same calls (2015-2017) in this "
                "dataset. Names differ where organisations were renamed (e.g. ARVE Industries is now Mont-Blanc "
                "Industries)."
            ).format(rows=format_number(len(partners), lang), source=source, ours=format_number(len(ours), lang)),
            className="small text-body-secondary",
        ),
        html.H3(_("This dataset ({count})").format(count=format_number(len(ours), lang)), className="h6"),
        table_box(
            text_table(
                ours, {"organisation": _("Organisation"), "acronym": _("Project"), "is_cluster": _("Cluster")}, lang
            ),
            class_name="small mb-2",
        ),
        html.Details(
            [
                html.Summary(
                    _("Published (DG GROW, 2019): the {count} rows").format(count=format_number(len(partners), lang)),
                    className="small",
                ),
                table_box(
                    text_table(
                        partners,
                        {
                            "partner": _("Partner"),
                            "project": _("Project"),
                            "status": _("Status"),
                            "is_cluster": _("Cluster"),
                        },
                        lang,
                    ),
                    class_name="small mt-2",
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


def network_section(state: dict, lang: str = "en"):
    """The collaboration network at the level chosen: the graph and the adjacency heatmap side by side, then every
    pair in a sortable grid with its CSV."""
    _ = translator(lang)
    return html.Section(
        [
            html.H2(
                _("Collaboration network: who shares projects with whom"),
                className="h5",
                id="programmes-network-heading",
            ),
            html.Div(
                [
                    dbc.Label(_("Participants:"), html_for=LEVEL, className="small fw-semibold mb-0 me-2"),
                    dbc.RadioItems(
                        id=LEVEL,
                        value=state["network"],
                        inline=True,
                        options=[{**o, "label": _(o["label"])} for o in LEVEL_OPTIONS],
                    ),
                ],
                className="d-flex flex-wrap align-items-center mb-1",
            ),
            html.P(
                _(LINK_RULE)
                + " "
                + _(
                    "The charts show the {cap} participants with the most shared projects; the table below lists every pair."
                ).format(cap=NETWORK_CAP),
                className="small text-body-secondary",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(NETWORK, _("Collaboration network"), height=560, lang=lang, draw_when_visible=True),
                        lg=6,
                    ),
                    dbc.Col(
                        chart_card(
                            HEATMAP,
                            _("Shared projects per pair (adjacency heatmap)"),
                            height=560,
                            lang=lang,
                            draw_when_visible=True,
                        ),
                        lg=6,
                    ),
                ],
                className="g-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        grid_heading(
                            html.H3(
                                _("Pairs and their shared projects"), className="h6 mb-0", id="programmes-pairs-heading"
                            ),
                            PAIRS_CSV,
                            _("Download these pairs (CSV)"),
                        ),
                        html.P(id=PAIRS_NOTE, className="small text-body-secondary mb-2"),
                        server_grid(
                            PAIRS,
                            columns_in(PAIR_COLUMNS, lang),
                            grid_options(
                                lang,
                                {**GRID_OPTIONS, "paginationPageSize": 20},
                                N_("No pair shares a project in this selection."),
                            ),
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
    _ = translator(lang)
    tables = current_tables()
    allowed = options(tables)
    sel = selection(tables, state)
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=SELECTION, data=sel),
            html.H1(_("Programmes: who takes part in EU cluster programmes"), className="h3"),
            html.P(
                [
                    _(
                        "Participation in ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1 and Euroclusters, from lists compiled "
                        "from public CORDIS, ECCP, project and cluster pages. The lists are incomplete: the coverage "
                        "against the official totals is shown next to every chart, and a blank means unknown, never "
                        "zero."
                    )
                    + " ",
                    html.A(_("How the data was prepared"), href=dash.get_relative_path("/data")),
                ],
                className="text-body-secondary page-intro",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters("programmes", controls(state, allowed, lang), lang=lang),
            html.Div(summary(sel, lang), id=SUMMARY, className="mb-2", **{"aria-live": "polite"}),
            html.Div(id=COVERAGE, className="mb-3 present-last"),  # in presentation after the charts
            dbc.Row(
                [
                    dbc.Col(chart_card(BARS, _("Participations by country"), height=520, lang=lang), lg=6),
                    dbc.Col(chart_card(MAP, _("Participations by country (map)"), height=520, lang=lang), lg=6),
                ],
                className="g-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            STANDING, _("A country's count, share and rank per programme"), height=420, lang=lang
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        chart_card(
                            CLUSTERS,
                            _("Cluster organisations and others"),
                            height=380,
                            lang=lang,
                            draw_when_visible=True,
                        ),
                        lg=6,
                    ),
                ],
                className="g-3",
            ),
            network_section(state, lang),
            chart_card(TIMELINE, _("Projects on a timeline"), height=620, lang=lang, draw_when_visible=True),
            html.Section(
                dbc.CardBody(cached(tables, ("seed-partners", lang), lambda: seed_partners_section(tables, lang))),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-partners-heading"},
            ),
            html.Section(
                dbc.CardBody(cached(tables, ("seed-figures", lang), lambda: seed_section(tables, lang))),
                id=SEED,
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-seed-heading"},
            ),
            html.Section(
                dbc.CardBody(
                    [
                        grid_heading(
                            html.H2(
                                _("Partners (one row per organisation and project)"),
                                className="h5 mb-0",
                                id="programmes-grid-heading",
                            ),
                            GRID_CSV,
                            _("Download these rows (CSV)"),
                        ),
                        html.P(
                            _(
                                "The rows match the filters above; the column filters narrow them further, and the CSV "
                                "holds exactly the rows left. Sources open the page each row comes from."
                            ),
                            className="small text-body-secondary mb-2",
                        ),
                        server_grid(GRID, columns_in(GRID_COLUMNS, lang), grid_options(lang), 560, GRID_DOWNLOAD),
                    ]
                ),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-grid-heading"},
            ),
            html.Section(
                dbc.CardBody(
                    [
                        html.H2(_("Projects"), className="h5", id="programmes-project-heading"),
                        html.P(
                            _(
                                "Projects of the chosen programmes, calls and ecosystems (with a matching partner when "
                                "a country, region, role or cluster filter is set), with the partners this dataset "
                                "lists."
                            ),
                            className="small text-body-secondary mb-2",
                        ),
                        server_grid(
                            PROJECT_GRID,
                            columns_in(PROJECT_COLUMNS, lang),
                            grid_options(lang, GRID_OPTIONS, N_("No project matches these filters.")),
                            480,
                        ),
                    ]
                ),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": "programmes-project-heading"},
            ),
        ]
    )
