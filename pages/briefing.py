"""Policy briefing for one region (/briefing/<NUTS code>), in the order of the EOCIC seed briefings: key economic
indicators (Figure 1), technology indicators (Figure 2), the normalised profile (Figure 3), composite against
cluster stars among its peers with the three types of region (Figure 4), cluster stars, programme participation,
cluster organisations, recommendations and action plan. Each section says what it shows with the numbers.

The layout holds the header, Figure 4's controls (in the query string, state/briefing.py) and the exports; the
callbacks in callbacks/briefing.py fill the sections.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import GRAPH, SOURCE, TABLE, chart_card, ids
from components.region_picker import region_label
from data import typology as ty
from data.profile import region_info
from data.store import current_tables
from i18n import ntranslator, translator
from pages.region import not_found, path_parser
from state.briefing import STAR_MAX, parse_briefing
from state.rankings import format_weights

SITE = "EU Cluster & Region Observatory"


def _title(code=None, **_kwargs):
    return f"{str(code or '')[:20]} · Briefing · {SITE}"


dash.register_page(__name__, path_template="/briefing/<code>", title=_title, name="Briefing")

URL, STORE, NOTICE, BEFORE, AFTER = (
    "briefing-url",
    "briefing-store",
    "briefing-notice",
    "briefing-before",
    "briefing-after",
)
C1, C2, S1, S2, KIND = "briefing-c1", "briefing-c2", "briefing-s1", "briefing-s2", "briefing-kind"
FIG4, FIG4_SENTENCE, FIG4_NOTE = "briefing-fig4", "briefing-sentence-fig4", "briefing-note-fig4"
FIG4_IDS = {"graph": ids(FIG4)[GRAPH], "table": ids(FIG4)[TABLE], "source": ids(FIG4)[SOURCE]}


def export_ids(fmt: str) -> dict:
    return {part: f"briefing-{fmt}-{part}" for part in ("button", "cancel", "progress", "status", "download")}


def _export(fmt: str, label: str, icon: str, lang: str):
    _ = translator(lang)
    i = export_ids(fmt)
    return html.Div(
        [
            dbc.Button(
                [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), label],
                id=i["button"],
                color="dark",
                outline=True,
                size="sm",
            ),
            dbc.Button(
                _("Cancel"),
                id=i["cancel"],
                color="secondary",
                outline=True,
                size="sm",
                className="ms-2",
                style={"display": "none"},
            ),
            html.Div(
                dbc.Progress(
                    id=i["progress"],
                    value=0,
                    max=1,
                    striped=True,
                    animated=True,
                    label="",
                    style={"height": "1.1rem"},
                    className="mt-2",
                ),
                id=f"{i['progress']}-wrap",
                style={"display": "none"},
                **{"aria-live": "polite"},
            ),
            html.Div(id=i["status"], className="small text-body-secondary mt-1", role="status"),
            dcc.Download(id=i["download"]),
        ],
        className="me-3 mb-2 app-toolbar",
    )


def _number(ident, label, value, maximum, step):
    return dbc.Col(
        [
            dbc.Label(label, html_for=ident, className="small mb-0"),
            dbc.Input(id=ident, type="number", min=0, max=maximum, step=step, value=value, debounce=True, size="sm"),
        ],
        xs=6,
        md=2,
    )


def _controls(state, th, lang):
    _ = translator(lang)
    return dbc.Row(
        [
            _number(C1, _("Composite: type 1 below"), state["c1"], 1, 0.05),
            _number(C2, _("Composite: type 3 from"), state["c2"], 1, 0.05),
            _number(S1, _("Stars: type 2 below"), th["low"], STAR_MAX, 0.1),
            _number(S2, _("Stars: type 1 from"), th["high"], STAR_MAX, 0.1),
            dbc.Col(
                [
                    dbc.Label(_("Stars counted over"), html_for=KIND, className="small mb-0"),
                    dbc.RadioItems(
                        id=KIND,
                        value=state["kind"],
                        inline=True,
                        options=[{"label": _(w), "value": k} for k, w in ty.KIND_WORDS.items()],
                    ),
                ],
                md=4,
            ),
        ],
        className="g-2 mb-2 controls align-items-end",
    )


@caching.memoize_layout(path_parser(parse_briefing), notice=NOTICE)
def layout(state, notices, lang):
    tables = current_tables()
    if state is None:
        return not_found(tables, notices[0])
    _, ngettext = translator(lang), ntranslator(lang)
    code = state["code"]
    info = region_info(tables.regions, code)
    totals = ty.star_totals(tables.cluster_stars, state["kind"])
    th = ty.star_thresholds(totals, state["kind"], state["s1"], state["s2"], lang)
    weights = format_weights(state["weights"]) if state["weights"] else ""
    if state["pilots"]:
        peers = _("Peers: the ten pilot regions of the seed briefings.")
    elif state["peers"]:
        n = len(state["peers"])
        peers = ngettext("Peers: {count} region from the link.", "Peers: {count} regions from the link.", n).format(
            count=n
        )
    elif info["level"] == 2:
        peers = _("Peers: its country's regions of the same level and its five most similar NUTS 2 regions.")
    else:
        peers = _("Peers: its country's regions of the same level.")
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(
                id=STORE,
                data={
                    "code": code,
                    "peers": state["peers"],
                    "pilots": state["pilots"],
                    "weights": weights,
                    "default_stars": [th["default_low"], th["default_high"]],
                },
            ),
            html.H1(
                _("Policy briefing: {region}").format(region=region_label(info["name"], code)), className="h3 mb-1"
            ),
            html.P(
                [
                    _(
                        "The EOCIC policy briefing's analysis for this region, generated from the data: each section "
                        "says what its chart shows, with the numbers; what the data does not hold is said to be "
                        "missing."
                    )
                    + " ",
                    dcc.Link(_("Open the region's full profile"), href=dash.get_relative_path(f"/region/{code}")),
                    ".",
                ],
                className="small mb-2",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            html.Div(
                [
                    _export("pdf", _("Briefing (PDF)"), "bi-file-earmark-pdf", lang),
                    _export("pptx", _("Briefing (PowerPoint)"), "bi-file-earmark-slides", lang),
                ],
                className="d-flex flex-wrap",
            ),
            dcc.Loading(html.Div(id=BEFORE), type="dot", delay_show=300),
            html.Section(
                [
                    html.H2(
                        _("Figure 4: composite indicator and cluster stars among its peers"), className="h5 mt-4 mb-2"
                    ),
                    html.P(
                        peers
                        + " "
                        + _(
                            "The shaded areas are the seed briefings' three types of region; move the thresholds to "
                            "see regions change type."
                        ),
                        className="small text-body-secondary",
                    ),
                    _controls(state, th, lang),
                    html.P(id=FIG4_SENTENCE, className="briefing-sentence"),
                    html.Div(
                        chart_card(FIG4, _("Figure 4: composite indicator and cluster stars"), height=600, lang=lang),
                        style={"overflowX": "auto"},
                    ),
                    html.P(id=FIG4_NOTE, className="small text-body-secondary"),
                ],
                id="briefing-fig4-section",
            ),
            dcc.Loading(html.Div(id=AFTER), type="dot", delay_show=300),
        ]
    )
