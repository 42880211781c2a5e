"""Cluster organisations: what the ECCP factsheet counts, the organisations the documents name, and monitoring."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

import caching
from components import theme
from components.chart_card import chart_card, data_table, loading, table_box
from components.figures import policy as figures
from components.filters import filters
from components.language import page_title
from data import policy as queries
from data.labels import data_text
from data.store import current_tables, memo_for
from i18n import N_, format_number, translator
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
FORMATS = [("csv", N_("Template (CSV)")), ("xlsx", N_("Template (Excel)")), ("example", N_("Example file (CSV)"))]

MONITORING_INTRO = N_("""
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
""")


def _label(text, lang):
    """A count's category (a region's name, an ecosystem or a type of member, as the factsheet writes it) in
    `lang`: ecosystems and types of member through the catalogue, region names as they are."""
    return data_text(queries.count_text(text, lang), lang)


def _built_once(tables, key: tuple, build) -> list:
    """`build()`'s components as plain data, built once per data version, language and path prefix (their links):
    the seed counts and the template cards are the same in every view and were 85% of this page's layout time."""
    return memo_for(tables.cluster_counts, (*key, dash.get_relative_path("/")), lambda: caching.plain(build()))


def _eccp_cards(tables, lang):
    _ = translator(lang)
    counts, sources = tables.cluster_counts, tables.sources
    src = "seed_eccp_factsheet_fr"
    section = "2.3 Cluster organisations & interregional cooperation"
    regions = queries.eccp_regions(counts, tables.regions)
    ecos = queries.counts_for(counts, queries.ECCP_ECOSYSTEM_MEASURE)
    members = queries.counts_for(counts, queries.ECCP_MEMBERS_MEASURE)
    total = queries.eccp_total(counts)
    source = queries.source_line(sources, [src], [section])
    source_text = html.Span(source, lang="en") if lang != "en" else source  # the factsheet's attribution and section
    region_note = _("Figure 2 of the factsheet (all regions) is a map image: the text gives only these regions.")
    region_table = regions.assign(
        region=[f"{c} ({code})" for c, code in zip(regions["category"], regions["region_code"])],
        note=[queries.count_text(n, lang) for n in regions["note"]],
    )
    ecos = ecos.assign(category=[_label(c, lang) for c in ecos["category"]])
    members = members.assign(category=[_label(c, lang) for c in members["category"]])
    unit = _("cluster organisations")
    return [
        dbc.Row(
            [
                dbc.Col(
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.Div(_("Cluster organisations from France on the ECCP"), className="small"),
                                html.Div(theme.format_value(total, 0, lang=lang), className="fs-3 fw-semibold"),
                                html.Div(
                                    _(
                                        "registered on the European Cluster Collaboration Platform, "
                                        "data extracted 21/12/2023"
                                    ),
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
                                    _("The factsheet gives the region for four of them:") + " ",
                                    *[
                                        x
                                        for r in regions.itertuples()
                                        for x in (
                                            html.A(
                                                f"{r.category}", href=dash.get_relative_path(f"/region/{r.region_code}")
                                            ),
                                            f" {format_number(int(r.value), lang)}; ",
                                        )
                                    ],
                                    _("the map of all regions (its Figure 2) is an image and is not in the text."),
                                ],
                                className="small mb-0",
                            ),
                            html.P(source_text, className="source-line small text-body-secondary"),
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
                        _("French cluster organisations on the ECCP, regions named in the text"),
                        source=source_text,
                        height=300,
                        figure=figures.counts_bar(
                            regions, "category", _("On the ECCP, by region (named in the text)"), unit, lang=lang
                        ),
                        subtitle=region_note,
                        table=data_table(
                            region_table,
                            {"region": _("Region"), "value": _("Cluster organisations"), "note": _("Note")},
                            lang=lang,
                        ),
                        lang=lang,
                    ),
                    lg=6,
                ),
                dbc.Col(
                    chart_card(
                        ECCP_MEMBERS,
                        _("Member organisations of French ECCP cluster organisations, France vs EU"),
                        source=source_text,
                        height=380,
                        figure=figures.composition_chart(members, _("Members by type, France vs EU (%)"), lang=lang),
                        table=data_table(
                            members,
                            {"category": _("Type of member"), "value": _("France (%)"), "eu_value": _("EU (%)")},
                            lang=lang,
                        ),
                        lang=lang,
                    ),
                    lg=6,
                ),
            ],
            className="g-3",
        ),
        chart_card(
            ECCP_ECOSYSTEMS,
            _("French ECCP cluster organisations by industrial ecosystem"),
            source=source_text,
            height=520,
            subtitle=_(
                "Not all cluster organisations gave an ecosystem and one can work in several, "
                "so these do not add up to {total}."
            ).format(total=format_number(113, lang)),
            figure=figures.counts_bar(
                ecos,
                "category",
                _("French ECCP cluster organisations by industrial ecosystem"),
                unit,
                colour=theme.COUNTRY_COLOUR,
                lang=lang,
            ),
            table=data_table(
                ecos, {"category": _("Industrial ecosystem"), "value": _("Cluster organisations")}, lang=lang
            ),
            lang=lang,
        ),
    ]


def _other_counts(tables, lang):
    _ = translator(lang)
    en = {"lang": "en"} if lang != "en" else {}  # the documents' words, as published
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
                    html.Td(queries.count_text(r.measure, lang)),
                    html.Td(theme.format_value(r.value, 0, lang=lang)),
                    html.Td("" if pd.isna(r.year) else str(r.year)),
                    html.Td(html.Q(r.quote, **en)),
                    html.Td(
                        queries.source_line(tables.sources, [r.source_id], [r.section]).replace("Source: ", ""), **en
                    ),
                ]
            )
        )
    return html.Details(
        [
            html.Summary(_("Other counts of clusters in the seed documents"), className="small"),
            table_box(
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(_(h), scope="col")
                                    for h in (
                                        N_("Region"),
                                        N_("What is counted"),
                                        N_("Number"),
                                        N_("Year"),
                                        N_("As written"),
                                        N_("Source"),
                                    )
                                ]
                            )
                        ),
                        html.Tbody(rows),
                    ],
                    className="table table-sm small",
                ),
                class_name="mt-2",
            ),
        ],
        className="mb-4",
    )


def _template_card(key, lang):
    _ = translator(lang)
    tpl = queries.TEMPLATES[key]
    title = _(tpl.title)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(title, className="h6"),
                html.P(_(tpl.purpose), className="small"),
                html.Div(
                    [
                        dbc.Button(
                            _(label),
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
                            _(
                                "{title}: drop or choose a file (.xlsx, or .csv in UTF-8; up to {size} MB and {rows} "
                                "rows)"
                            ).format(title=title, size=format_number(2, lang), rows=format_number(5000, lang)),
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
                    [
                        html.Summary(_("Columns"), className="small"),
                        data_table(
                            queries.template_doc(key, lang),
                            {"column": _("column"), "required": _("required"), "description": _("description")},
                            lang=lang,
                        ),
                    ],
                    className="mt-2",
                ),
            ]
        ),
        className="h-100 shadow-sm",
    )


@caching.memoize_layout(parse_clusters, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    orgs = tables.cluster_organisations
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=RAW_STORE, storage_type="memory", data={}),
            dcc.Download(id=DOWNLOAD),
            html.H1(_("Cluster organisations"), className="h3"),
            html.P(
                _(
                    "How many cluster organisations France has on the European Cluster Collaboration Platform, the "
                    "cluster organisations the seed documents and the programme data name, and a way for a region to "
                    "monitor the clusters it funds."
                ),
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            html.H2(_("Cluster organisations in France: the ECCP factsheet's counts"), className="h4 mt-3"),
            *_built_once(
                tables,
                ("clusters.seed_counts", lang),
                lambda: [*_eccp_cards(tables, lang), _other_counts(tables, lang)],
            ),
            html.H2(_("Cluster organisations named in the documents and the programme data"), className="h4 mt-3"),
            html.P(
                _(
                    "The 22 clusters of the Auvergne-Rhône-Alpes action plan, the clusters the ECCP factsheet and the "
                    "DG GROW presentation name, the pôles de compétitivité of phase V and the French cluster "
                    "participants in EU programmes (the programme data is incomplete: see the Programmes page). "
                    "Regions are given only where a source gives them."
                ),
                className="small",
            ),
            filters(
                "clusters",
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                dbc.Label(_("Region"), html_for=REGION),
                                dcc.Dropdown(
                                    id=REGION,
                                    value=state["region"] or None,
                                    placeholder=_("All regions"),
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
                                dbc.Label(_("EU programme"), html_for=PROGRAMME),
                                dcc.Dropdown(
                                    id=PROGRAMME,
                                    value=state["programme"] or None,
                                    placeholder=_("Any or none"),
                                    clearable=True,
                                    options=[{"label": p, "value": p} for p in queries.directory_programmes(orgs)],
                                ),
                            ],
                            md=4,
                        ),
                    ],
                    className="g-3 mb-2 controls",
                ),
                lang=lang,
            ),
            html.P(id=DIRECTORY_COUNT, className="small mb-1"),
            loading(
                table_box(
                    id=DIRECTORY,
                    class_name="mb-4 directory border bg-white",
                    style={"maxHeight": "640px", "overflowY": "auto"},
                    role="region",
                    **{"aria-label": _("Cluster organisations (scrollable table)")},
                )
            ),
            html.H2(_("Cluster monitoring"), className="h4 mt-3"),
            dcc.Markdown(_(MONITORING_INTRO), className="small"),
            *_built_once(
                tables,
                ("clusters.templates", lang),
                lambda: [
                    dbc.Row(
                        [dbc.Col(_template_card(key, lang), lg=4, className="mb-3") for key in queries.TEMPLATES],
                        className="g-3",
                    )
                ],
            ),
            filters(
                "clusters-monitoring",
                dbc.Row(
                    [
                        dbc.Col(
                            dbc.Switch(
                                id=EXAMPLE,
                                value=bool(state["example"]),
                                label=_("Show the example files instead (invented values, not real data)"),
                            ),
                            md=5,
                        ),
                        dbc.Col(
                            [
                                dbc.Label(_("Year (funding mix and members)"), html_for=YEAR),
                                # The link's year is an option from the start: Dash 4's dropdown drops a value that is not
                                # among its options, and the options of the data arrive a callback later.
                                dcc.Dropdown(
                                    id=YEAR,
                                    value=state["year"],
                                    placeholder=_("latest year"),
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
                                dbc.Label(_("Operational objective"), html_for=KPI),
                                dcc.Dropdown(
                                    id=KPI,
                                    value=state["kpi"],
                                    clearable=False,
                                    options=[
                                        {"label": _(label), "value": k} for k, label in queries.KPI_COLUMNS.items()
                                    ],
                                ),
                            ],
                            md=4,
                        ),
                    ],
                    className="g-3 mb-2 controls align-items-end",
                ),
                _("Monitoring options"),
                lang=lang,
            ),
            html.Div(id=STATUS, className="mb-3", **{"aria-live": "polite"}),
            chart_card(MON_MEMBERS, _("Members by type"), height=360, lang=lang),
            chart_card(MON_FUNDING, _("Funding by source"), height=380, lang=lang),
            chart_card(MON_KPI, _("Operational objectives by year"), height=400, lang=lang),
        ]
    )
