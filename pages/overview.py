"""Overview: the indicator explorer. One indicator as a map (with a timeline that plays), as a line chart of any
chosen regions with their countries and the EU27 (values, change since a base year, log scale) or as a table."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card, loading
from components.explorer_controls import chart_controls, table_pane, view_tabs
from components.filters import filters
from components.language import page_title
from components.region_picker import region_dropdown
from data.labels import indicators_in
from data.store import current_tables
from i18n import N_, translator
from state.overview import TABS, parse_overview

dash.register_page(__name__, path="/", title=page_title(N_("Overview")), name="Overview")

INDICATOR, YEAR, LEVEL, URL, NAV, NOTICE, HEADLINES = (
    "overview-indicator",
    "overview-year",
    "overview-level",
    "overview-url",
    "overview-nav",
    "overview-notice",
    "overview-headlines",
)
TAB, PLAY, TICK, REGIONS, MEASURE, BASE, LOG, CHART_NOTE, TABLE_OUT = (
    "overview-tab",
    "overview-play",
    "overview-tick",
    "overview-regions",
    "overview-measure",
    "overview-base",
    "overview-log",
    "overview-chart-note",
    "overview-table",
)
PANES = {tab: f"overview-pane-{tab}" for tab in TABS}
PLAY_MS = 1200  # one year per 1.2 s: time to read the map before it moves on


def year_marks(years) -> dict:
    """Slider marks: every year when there are few, else every other one (always the first and the last)."""
    step = 1 if len(years) <= 12 else 2
    # Every year must be a mark (the slider stops only on marks); an unlabelled one gets a zero-width space.
    return {int(y): str(y) if (i % step == 0 or i == len(years) - 1) else "\u200b" for i, y in enumerate(years)}


def _timeline(state, lang):
    _ = translator(lang)
    years = state["years"] or [0]
    return dbc.Row(
        [
            dbc.Col(
                dbc.Button(
                    [html.I(className="bi bi-play-fill me-1", **{"aria-hidden": "true"}), _("Play")],
                    id=PLAY,
                    size="sm",
                    color="primary",
                    title=_("Play the years one after another"),
                    n_clicks=0,
                ),
                width="auto",
            ),
            dbc.Col(
                [
                    html.Label(_("Year"), htmlFor=YEAR, className="visually-hidden"),
                    dcc.Slider(
                        id=YEAR,
                        min=min(years),
                        max=max(years),
                        step=None,
                        value=state["year"],
                        marks=year_marks(years),
                        included=False,
                        allow_direct_input=False,
                        tooltip={"placement": "top", "always_visible": False},
                    ),
                ],
                className="timeline",
            ),
            dcc.Interval(id=TICK, interval=PLAY_MS, disabled=True),
        ],
        className="g-2 align-items-center mb-2 timeline-row",
    )  # kept in presentation: a presenter plays it


def _chart_controls(tables, state, lang):
    _ = translator(lang)
    return chart_controls(
        {"regions": REGIONS, "measure": MEASURE, "base": BASE, "log": LOG},
        state,
        region_dropdown(
            REGIONS,
            tables.regions,
            tables.version,
            state["regions"],
            _("Add regions by name or code…"),
            multi=True,
        ),
        _("Regions on the chart"),
        lang,
    )


@caching.memoize_layout(parse_overview, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    indicators = indicators_in(tables.indicators, lang).sort_values(["theme", "label"])
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Location(id=NAV, refresh="callback-nav"),
            html.H1(_("Europe's regions at a glance"), className="h3"),
            html.P(
                _(
                    "Choose an indicator and see it as a map over the years, as a line chart of the regions you "
                    "pick (with their countries and the EU27), or as a table; click a region on the map to open its "
                    "profile."
                ),
                className="text-body-secondary page-intro",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters(
                "overview",
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                dbc.Label(_("Indicator"), html_for=INDICATOR),
                                dcc.Dropdown(
                                    id=INDICATOR,
                                    value=state["indicator"],
                                    clearable=False,
                                    options=[
                                        {"label": f"{r.label} ({r.unit})", "value": r.id}
                                        for r in indicators.itertuples()
                                    ],
                                ),
                            ],
                            md=7,
                        ),
                        dbc.Col(
                            [
                                dbc.Label(_("NUTS level"), html_for=LEVEL),
                                dbc.RadioItems(
                                    id=LEVEL,
                                    value=state["level"],
                                    inline=True,
                                    options=[{"label": f"NUTS {n}", "value": n} for n in (0, 1, 2)],
                                ),
                            ],
                            md=5,
                        ),
                    ],
                    className="g-3 mb-3 controls",
                ),
                lang=lang,
            ),
            view_tabs(TAB, state["tab"], TABS, lang),
            html.Div(
                [
                    _timeline(state, lang),
                    loading(html.Div(id=HEADLINES, className="mb-3 present-hide")),
                    chart_card("overview-map", _("Map"), height=620, lang=lang),
                ],
                id=PANES["map"],
                hidden=state["tab"] != "map",
            ),
            html.Div(
                [
                    _chart_controls(tables, state, lang),
                    html.P(id=CHART_NOTE, className="small text-body-secondary mb-2", role="status"),
                    dbc.Row(
                        dbc.Col(
                            chart_card("overview-lines", _("Line chart"), height=520, lang=lang), className="chart-col"
                        )
                    ),
                ],
                id=PANES["chart"],
                hidden=state["tab"] != "chart",
            ),
            html.Div(
                table_pane(TABLE_OUT, _("Every region in the year chosen on the timeline")),
                id=PANES["table"],
                hidden=state["tab"] != "table",
            ),
        ]
    )
