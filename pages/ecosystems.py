"""Ecosystems: a country's economy read through the 14 industrial ecosystems, as in the ECCP country factsheets.

Country vs EU27 employment shares (factsheet Figure 1), a heatmap of location quotients (regions x ecosystems),
the regionally relevant agglomerations per region for NACE divisions and for ecosystems (Tables 1 and 2) and,
for one ecosystem, the regions specialised in it (map and ranking).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card, loading, table_box
from components.figures.ecosystems import ecosystem_name, number_text
from components.filters import filters
from components.language import page_title
from components.text_order import alphabetical_key
from data.specialisation import BASIS_BUSINESS, BASIS_ECOSYSTEMS
from data.store import current_tables
from i18n import N_, translator
from state.ecosystems import LQ_RANGE, MAX_REGIONS, SHARE_RANGE, countries, parse_ecosystems, selectable_regions

dash.register_page(__name__, path="/ecosystems", title=page_title(N_("Ecosystems")), name="Ecosystems")

(
    URL,
    NAV,
    NOTICE,
    COUNTRY,
    LEVEL,
    REGIONS,
    ECOSYSTEM,
    LQ,
    SHARE,
    BASIS,
    AGG,
    SCOPE,
    CAVEATS,
    SET_SUMMARY,
    AGG_TITLE,
    AGG_SUMMARY,
    AGG_TABLE,
    AGG_SOURCE,
    AGG_CSV_BUTTON,
    AGG_CSV,
    ECO_SECTION,
    ECO_INFO,
    ECO_PROMPT,
    ECO_PROJECTS,
) = (
    "ecosystems-url",
    "ecosystems-nav",
    "ecosystems-notice",
    "ecosystems-country",
    "ecosystems-level",
    "ecosystems-regions",
    "ecosystems-ecosystem",
    "ecosystems-lq",
    "ecosystems-share",
    "ecosystems-basis",
    "ecosystems-agg",
    "ecosystems-scope",
    "ecosystems-caveats",
    "ecosystems-set-summary",
    "ecosystems-agg-title",
    "ecosystems-agg-summary",
    "ecosystems-agg-table",
    "ecosystems-agg-source",
    "ecosystems-agg-csv-button",
    "ecosystems-agg-csv",
    "ecosystems-eco-section",
    "ecosystems-eco-info",
    "ecosystems-eco-prompt",
    "ecosystems-eco-projects",
)
SHARES_CARD, HEATMAP_CARD, MAP_CARD, RANKING_CARD = (
    "ecosystems-shares",
    "ecosystems-heatmap",
    "ecosystems-map",
    "ecosystems-ranking",
)
LEVEL_OPTIONS = [
    {"label": N_("Countries (EU27)"), "value": 0},
    {"label": "NUTS 1", "value": 1},
    {"label": "NUTS 2", "value": 2},
]


def _region_label(row) -> str:
    return f"{row.name} ({row.code})"


@caching.memoize_layout(parse_ecosystems, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    regions = tables.regions.set_index("code")
    country_options = [{"label": f"{regions.loc[c, 'name']} ({c})", "value": c} for c in countries(tables)]
    country_options.sort(key=lambda o: o["label"])
    region_rows = tables.regions[tables.regions["code"].isin(selectable_regions(tables))].sort_values("code")
    region_options = [{"label": _region_label(r), "value": r.code} for r in region_rows.itertuples()]
    ecosystem_options = [
        {"label": ecosystem_name(r.name, lang), "value": r.ecosystem_id}
        for r in tables.ecosystems.sort_values("name").itertuples()
    ]
    if lang != "en":
        ecosystem_options.sort(key=lambda o: alphabetical_key(o["label"]))

    def control(label, component, html_for, md, help_text=None):
        return dbc.Col(
            [
                dbc.Label(label, html_for=html_for, className="fw-semibold small mb-1"),
                component,
                html.Div(help_text, className="form-text") if help_text else None,
            ],
            md=md,
        )

    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Location(id=NAV, refresh="callback-nav"),
            html.H1(_("Ecosystems and regional specialisation"), className="h3"),
            html.P(
                [
                    _(
                        "A country's economy through the 14 industrial ecosystems of the EU industrial strategy: its "
                        "employment against the EU27, the location quotients (LQ) of its regions, and their "
                        "regionally relevant agglomerations (LQ above the threshold and at least the share threshold "
                        "of regional employment), as in the ECCP country factsheets. Click a heatmap cell, a map "
                        "region or a bar to open that region's page."
                    )
                ],
                className="text-body-secondary page-intro",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters(
                "ecosystems",
                html.Div(
                    [
                        dbc.Row(
                            [
                                control(
                                    _("Country"),
                                    dcc.Dropdown(
                                        id=COUNTRY, value=state["country"], clearable=False, options=country_options
                                    ),
                                    COUNTRY,
                                    3,
                                ),
                                control(
                                    _("Regions shown"),
                                    dbc.RadioItems(
                                        id=LEVEL,
                                        value=state["level"],
                                        inline=True,
                                        options=[{**o, "label": _(o["label"])} for o in LEVEL_OPTIONS],
                                    ),
                                    LEVEL,
                                    3,
                                    _("Of the country, for the heatmap and the agglomeration tables."),
                                ),
                                control(
                                    _("Or your own region set"),
                                    dcc.Dropdown(
                                        id=REGIONS,
                                        value=state["regions"],
                                        multi=True,
                                        options=region_options,
                                        placeholder=_("Any regions, from any country (optional)"),
                                    ),
                                    REGIONS,
                                    6,
                                    _(
                                        "Replaces country and level in the heatmap and the tables; up to {count} "
                                        "regions."
                                    ).format(count=MAX_REGIONS),
                                ),
                            ],
                            className="g-3 mb-2",
                        ),
                        dbc.Row(
                            [
                                control(
                                    _("Ecosystem"),
                                    dcc.Dropdown(
                                        id=ECOSYSTEM,
                                        value=state["ecosystem"] or None,
                                        clearable=True,
                                        options=ecosystem_options,
                                        placeholder=_("All ecosystems (choose one to filter)"),
                                    ),
                                    ECOSYSTEM,
                                    4,
                                    _("Shows the regions specialised in it: map and ranking below."),
                                ),
                                # Number inputs rather than sliders: labelled form fields (Dash 4 slider handles have no
                                # accessible name), exact values, and they update on Enter or leaving the field.
                                control(
                                    _("LQ above"),
                                    dbc.Input(
                                        id=LQ,
                                        type="number",
                                        min=LQ_RANGE[0],
                                        max=LQ_RANGE[1],
                                        step=0.1,
                                        value=state["lq"],
                                        debounce=True,
                                        inputmode="decimal",
                                    ),
                                    LQ,
                                    2,
                                    _("Agglomeration: LQ above this ({low} to {high}; default {default}).").format(
                                        low=number_text(LQ_RANGE[0], lang),
                                        high=number_text(LQ_RANGE[1], lang),
                                        default=number_text(1.5, lang),
                                    ),
                                ),
                                control(
                                    _("Share of regional employment at least (%)"),
                                    dbc.Input(
                                        id=SHARE,
                                        type="number",
                                        min=SHARE_RANGE[0],
                                        max=SHARE_RANGE[1],
                                        step=0.1,
                                        value=state["share"],
                                        debounce=True,
                                        inputmode="decimal",
                                    ),
                                    SHARE,
                                    3,
                                    _("Regionally relevant: {low} to {high} %; default {default} %.").format(
                                        low=number_text(SHARE_RANGE[0], lang),
                                        high=number_text(SHARE_RANGE[1], lang),
                                        default=number_text(1, lang),
                                    ),
                                ),
                            ],
                            className="g-3",
                        ),
                    ],
                    className="controls mb-3",
                ),
                lang=lang,
            ),
            # Coverage notes: above the charts at a desk, after them in presentation (the chart opens the slide).
            dbc.Alert(id=CAVEATS, color="light", className="small border mb-3 present-last"),
            html.Div(
                [
                    dbc.Label(_("Share of"), html_for=BASIS, className="small fw-semibold me-2 mb-0"),
                    dbc.RadioItems(
                        id=BASIS,
                        value=state["basis"],
                        inline=True,
                        className="small d-inline-block",
                        options=[
                            {
                                "label": _("employment in the 14 ecosystems (as in the factsheets)"),
                                "value": BASIS_ECOSYSTEMS,
                            },
                            {"label": _("business-economy employment (ratio = LQ)"), "value": BASIS_BUSINESS},
                        ],
                    ),
                ],
                className="mb-1 controls",
            ),
            chart_card(
                SHARES_CARD,
                _("Employment share by industrial ecosystem"),
                height=620,
                subtitle=_(
                    "Ordered by the country's employment. A share ratio above 1 means the country is "
                    "more specialised than the EU27. * the country's estimate is a lower bound "
                    "(suppressed NACE cells)."
                ),
                lang=lang,
            ),
            html.P(id=SET_SUMMARY, className="small text-body-secondary mb-1"),
            chart_card(
                HEATMAP_CARD,
                _("Location quotients, regions x ecosystems"),
                height=820,
                subtitle=_(
                    "LQ = the region's employment share in the ecosystem / the EU27 share; colours centred "
                    "on 1 (orange above, blue below), grey = no data. Bold: regionally relevant "
                    "agglomeration at the thresholds above."
                ),
                lang=lang,
            ),
            html.Section(
                dbc.CardBody(
                    [
                        html.Div(
                            [
                                html.H2(_("Regionally relevant agglomerations"), id=AGG_TITLE, className="h6 mb-0"),
                                dbc.Button(
                                    [html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}), "CSV"],
                                    id=AGG_CSV_BUTTON,
                                    size="sm",
                                    color="secondary",
                                    outline=True,
                                    className="ms-auto",
                                    title=_("Download this table as CSV"),
                                ),
                            ],
                            className="d-flex align-items-start gap-2 mb-2",
                        ),
                        dbc.RadioItems(
                            id=AGG,
                            value=state["agg"],
                            inline=True,
                            className="small mb-1 controls",
                            options=[
                                {"label": _("NACE divisions (factsheet Table 1)"), "value": "nace"},
                                {"label": _("Ecosystems (factsheet Table 2)"), "value": "ecosystems"},
                            ],
                        ),
                        html.P(id=AGG_SUMMARY, className="small mb-2"),
                        loading(table_box(id=AGG_TABLE, class_name="small")),
                        html.P(id=AGG_SOURCE, className="source-line small text-body-secondary mb-0 mt-1"),
                        dcc.Download(id=AGG_CSV),
                    ]
                ),
                className="card mb-3 shadow-sm",
                **{"aria-labelledby": AGG_TITLE},
            ),
            html.H2(_("One ecosystem: the regions specialised in it"), className="h5 mt-4"),
            html.P(
                _(
                    "Choose an ecosystem above to see a map of its LQs and the ranking of the regions specialised "
                    "in it."
                ),
                id=ECO_PROMPT,
                className="text-body-secondary",
                hidden=bool(state["ecosystem"]),
            ),
            html.Div(
                [
                    html.Div(id=ECO_INFO, className="small mb-2"),
                    html.Div(
                        [
                            dbc.Label(_("Rank"), html_for=SCOPE, className="small fw-semibold me-2 mb-0"),
                            dbc.RadioItems(
                                id=SCOPE,
                                value=state["scope"],
                                inline=True,
                                className="small d-inline-block",
                                options=[
                                    {"label": _("across the EU"), "value": "eu"},
                                    {"label": _("within the regions shown above"), "value": "set"},
                                ],
                            ),
                        ],
                        className="mb-2 controls",
                    ),
                    dbc.Row(
                        [
                            dbc.Col(
                                chart_card(MAP_CARD, _("LQ map"), height=560, lang=lang, draw_when_visible=True), lg=7
                            ),
                            dbc.Col(
                                chart_card(
                                    RANKING_CARD,
                                    _("Specialised regions"),
                                    height=560,
                                    lang=lang,
                                    draw_when_visible=True,
                                ),
                                lg=5,
                            ),
                        ],
                        className="g-3",
                    ),
                    html.Section(
                        id=ECO_PROJECTS,
                        className="card card-body mb-3 shadow-sm small",
                        **{"aria-label": _("Programme projects and cluster organisations in this ecosystem")},
                    ),
                ],
                id=ECO_SECTION,
                hidden=not state["ecosystem"],
            ),
        ]
    )
