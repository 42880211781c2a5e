"""Policy: the pilot regions' recommendations matrix, SWOT and challenges, action plans, France's cluster policy."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card, loading
from components.filters import filters
from components.language import page_title
from components.policy_view import MATRIX_TITLE, STATE_TITLE
from data.policy import plan_options, recommendation_matrix, swot_regions
from data.store import current_tables
from i18n import N_, translator
from state.policy import parse_policy

dash.register_page(__name__, path="/policy", title=page_title(N_("Policy")), name="Policy")

URL, NOTICE = "policy-url", "policy-notice"
REGION, ORDER, REGION_PANEL = "policy-region", "policy-order", "policy-region-panel"
SWOT, SWOT_OUT = "policy-swot", "policy-swot-out"
PLAN, PLAN_NOTE = "policy-plan", "policy-plan-note"
FRAMEWORK = "policy-framework"
MATRIX_CARD, TIMELINE_CARD, COSTS_CARD, STATE_CARD = "policy-matrix", "policy-timeline", "policy-costs", "policy-state"

ORDER_LABELS = {"document": N_("as in the document"), "count": N_("most frequent first")}

READING = N_("""
The presentation's matrix has ten columns whose headings were images (flags) and did not survive in the text of
the document. The columns follow the list of the ten pilot regions in the order the policy briefings print it
(Cantabria, Centre-Val de Loire, East & North Finland, Hauts-de-France, Lithuania, North-Middle Sweden, Piemonte,
Saxony, Slovenia, Wallonia). The text under the matrix confirms this reading: it names Lithuania and North-Middle
Sweden for promotion of cooperation and Centre-Val de Loire and Wallonia for funding for education and training,
which are exactly the ticked columns 5-6 and 2 and 10, and its counts (seven, five, five, five regions) match the
ticks. The data pipeline checks both every time it runs. Region codes are this dashboard's mapping of the names
to NUTS 2024 (the two countries, Lithuania and Slovenia, link to their country page).
""")


def _section(title, *children, id_=None):
    return html.Section([html.H2(title, className="h4 mt-4 mb-2"), *children], id=id_)


@caching.memoize_layout(parse_policy, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    matrix = recommendation_matrix(tables.policy_recommendations)
    regions = matrix.regions.sort_values("column")
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            html.H1(_("Policy: recommendations, SWOT, action plans and the state of cluster policy"), className="h3"),
            html.P(
                _(
                    "What the seed policy documents say, as tables: every item is cited to its document and section. "
                    "Nothing here is estimated."
                )
                + ("" if lang == "en" else " " + _("The documents' own words are quoted in English, as published.")),
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            _section(
                _("Recommendations to the ten pilot regions in industrial transition"),
                filters(
                    "policy",
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label(_("Highlight a region"), html_for=REGION),
                                    dcc.Dropdown(
                                        id=REGION,
                                        value=state["region"] or None,
                                        clearable=True,
                                        placeholder=_("All ten regions"),
                                        options=[
                                            {"label": r.region, "value": r.region_code} for r in regions.itertuples()
                                        ],
                                    ),
                                ],
                                md=5,
                            ),
                            dbc.Col(
                                [
                                    dbc.Label(_("Order"), html_for=ORDER),
                                    dbc.RadioItems(
                                        id=ORDER,
                                        value=state["order"],
                                        inline=True,
                                        options=[
                                            {"label": _(label), "value": value} for value, label in ORDER_LABELS.items()
                                        ],
                                    ),
                                ],
                                md=7,
                            ),
                        ],
                        className="g-3 mb-2 controls",
                    ),
                    lang=lang,
                ),
                html.P(_("Click a column to highlight a region."), className="small text-body-secondary mb-1"),
                chart_card(MATRIX_CARD, _(MATRIX_TITLE), height=560, lang=lang),
                loading(html.Div(id=REGION_PANEL, className="mb-2")),
                html.Details(
                    [
                        html.Summary(_("How the columns of the matrix were read"), className="small"),
                        dcc.Markdown(_(READING), className="small mt-2"),
                    ],
                    className="mb-3",
                ),
                id_="policy-recommendations",
            ),
            _section(
                _("SWOT and challenges"),
                dbc.Label(_("Region"), html_for=SWOT, className="me-3"),
                dbc.RadioItems(
                    id=SWOT,
                    value=state["swot"],
                    inline=True,
                    className="mb-2 d-inline-block",
                    options=[{"label": name, "value": code} for code, name in swot_regions(tables.policy_swot)],
                ),
                loading(html.Div(id=SWOT_OUT)),
                id_="policy-swot-section",
            ),
            _section(
                _("Action plans"),
                dbc.Label(_("Action plan of"), html_for=PLAN, className="me-3"),
                dbc.RadioItems(
                    id=PLAN,
                    value=state["plan"],
                    inline=True,
                    className="mb-2 d-inline-block",
                    options=[{"label": name, "value": code} for code, name in plan_options(tables.policy_actions)],
                ),
                html.Div(id=PLAN_NOTE, className="small text-body-secondary mb-2"),
                chart_card(TIMELINE_CARD, _("Action plan timeline"), height=640, lang=lang, draw_when_visible=True),
                chart_card(COSTS_CARD, _("Action plan costs"), height=360, lang=lang, draw_when_visible=True),
                id_="policy-plans",
            ),
            _section(
                _("State of play of France's cluster policy"),
                html.P(
                    _(
                        "The ECCP country factsheet rates national cluster policy on four criteria, each on a "
                        "four-level scale (the framework is below). Filled cells are the level France reaches "
                        "for 2023: dark where the factsheet's text states it, light where it follows from dates "
                        "the text gives. The factsheet's table marks the level graphically and that marking is "
                        "not in the text of the document, so a level the text does not state is left empty."
                    ),
                    className="small",
                ),
                chart_card(STATE_CARD, _(STATE_TITLE), height=460, lang=lang, draw_when_visible=True),
                loading(html.Div(id=FRAMEWORK)),
                id_="policy-state-section",
            ),
        ]
    )
