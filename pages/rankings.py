"""Rankings: rank any set of regions on one indicator or on a transparent composite with your own weights."""

from __future__ import annotations

import json

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card
from components.filters import filters
from components.grid_text import grid_text
from components.language import page_title
from data import composite as comp
from data.labels import indicators_in
from data.ranking import programme_available, programme_names
from data.store import current_tables, memo_for
from i18n import N_, format_number, format_percent, translator
from state import rankings as st

dash.register_page(__name__, path="/rankings", title=page_title(N_("Rankings")), name="Rankings")

URL, NOTICE = "rankings-url", "rankings-notice"
INDICATOR, YEAR, CMP, TOP_N = "rankings-indicator", "rankings-year", "rankings-cmp", "rankings-n"
LEVEL, EU, COUNTRIES = "rankings-level", "rankings-eu", "rankings-countries"
ECOSYSTEM, LQ = "rankings-ecosystem", "rankings-lq"
PROGRAMME, PROGRAMME_NOTE = "rankings-programme", "rankings-programme-note"
BASKET, MARK = "rankings-basket", "rankings-mark"
COMPOSITE_PANEL, WEIGHT, WEIGHT_SHARE, WEIGHTS = (
    "rankings-composite-panel",
    "rankings-weight",
    "rankings-weight-share",
    "rankings-weights",
)
RESET, NORM, AGG = "rankings-reset-weights", "rankings-norm", "rankings-agg"
DRAWS, CONC, SEED = "rankings-draws", "rankings-conc", "rankings-seed"
SUMMARY, EMPTY, RESULTS, METHOD_NOTE = "rankings-summary", "rankings-empty", "rankings-results", "rankings-method-note"
GRID, CSV, GRID_NOTE = "rankings-grid", "rankings-csv", "rankings-grid-note"
GRID_KEY, GRID_REFRESHED, GRID_DOWNLOAD = "rankings-grid-key", "rankings-grid-refreshed", "rankings-grid-download"
GRID_BLOCK = 100  # rows per answer of the grid (it shows about 15 at a time)
COMPOSITE_RESULTS, SENS_SUMMARY = "rankings-composite-results", "rankings-sensitivity-summary"
BARS, CONTRIBUTIONS, SENSITIVITY = "rankings-bars", "rankings-contributions", "rankings-sensitivity"

NORM_LABELS = {"minmax": N_("Min-max (0 to 1)"), "zscore": N_("z-score"), "rank": N_("Percentile rank")}
AGG_LABELS = {"arithmetic": N_("Weighted arithmetic mean"), "geometric": N_("Weighted geometric mean")}
CONC_LABELS = {
    5: N_("very wide"),
    10: N_("wide"),
    20: N_("moderate"),
    50: N_("narrow"),
    100: N_("very narrow"),
    200: N_("minimal"),
}
NO_PROGRAMME = N_("programme participation data not loaded yet")
THEME_ORDER = ("economy", "innovation", "labour", "competitiveness", "demography")


def _label(text, target):
    return dbc.Label(text, html_for=target, className="small fw-semibold mb-1")


# dbc.Input adds .form-control to every input; these undo its box so Bootstrap's .form-range styles the slider.
RANGE_STYLE = {"border": "0", "padding": "0", "backgroundColor": "transparent", "boxShadow": "none", "height": "1.5rem"}


def weight_text(weight, total, lang: str = "en") -> str:
    """'weight 2 · 40%': the slider's value and its share of the total weight."""
    weight = int(weight) if float(weight).is_integer() else weight
    share = format_percent(100 * weight / total if total else 0, lang, 0)
    _ = translator(lang)
    return _("weight {weight} · {share}").format(weight=format_number(weight, lang), share=share)


def weight_dom_id(indicator: str) -> str:
    """The DOM id Dash gives the weight slider of `indicator` (its dict id as JSON with sorted keys)."""
    return json.dumps({"index": indicator, "type": WEIGHT}, separators=(",", ":"), sort_keys=True)


def _weight_slider(row, weight, share):  # row: the indicator's texts in the page's language
    # A native range input: keyboard-operable, labelled by its <label>, light to render.
    return dbc.Col(
        html.Div(
            [
                html.Div(
                    [
                        html.Label(
                            row.short_label,
                            htmlFor=weight_dom_id(row.id),
                            className="small mb-0",
                            title=f"{row.label} ({row.unit})",
                        ),
                        html.Span(
                            share,
                            id={"type": WEIGHT_SHARE, "index": row.id},
                            className="small text-body-secondary ms-auto",
                            **{"aria-live": "polite"},
                        ),
                    ],
                    className="d-flex gap-2",
                ),
                dbc.Input(
                    id={"type": WEIGHT, "index": row.id},
                    type="range",
                    min=0,
                    max=st.WEIGHT_MAX,
                    step=1,
                    value=weight,
                    debounce=50,  # a key press waits 50 ms; a drag still sends one value per pause
                    className="form-range weight-slider",
                    style=RANGE_STYLE,
                ),
            ],
            className="weight-cell",
        ),
        md=4,
        sm=6,
    )


def _parsed(tables, query) -> tuple[dict, list[str]]:
    state, notices = st.parse_rankings(tables, query)
    return state.plain(), notices  # the layout cache keys on plain data


def _place_options(regions, level: int, eu: bool) -> tuple[list[dict], list[dict]]:
    """(the regions of `level` by name, their countries by code) as dropdown options, once per data version, level
    and EU setting."""

    def build():
        at_level = regions[regions["level"] == level]
        if eu:
            at_level = at_level[at_level["is_eu"]]
        countries = regions[(regions["level"] == 0) & regions["code"].isin(at_level["country"].unique())]
        return tuple(
            [{"label": f"{name} ({code})", "value": code} for code, name in zip(frame["code"], frame["name"])]
            for frame in (at_level.sort_values("name"), countries.sort_values("code"))
        )

    return memo_for(regions, ("rankings.place_options", level, eu), build)


@caching.memoize_layout(_parsed, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    state = st.RankingsState.from_plain(state)
    tables = current_tables()
    texts = indicators_in(tables.indicators, lang)
    indicators = texts.sort_values(["theme", "label"])
    themes = {t: i for i, t in enumerate(THEME_ORDER)}
    slider_rows = texts.assign(_order=texts["theme"].map(themes).fillna(len(themes)))
    slider_rows = slider_rows.sort_values(["_order", "label"])
    region_options, country_options = _place_options(tables.regions, state.level, state.eu)
    has_programmes = programme_available(tables.frames)
    programmes = programme_names(tables.frames["participations"]) if has_programmes else []
    weights = state.weights
    total = sum(weights.values()) or 1
    is_composite = state.composite
    ecosystems = tables.ecosystems.sort_values("name")
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=WEIGHTS, data=state.weights_text),
            html.H1(_("Rankings"), className="h3"),
            html.P(
                [
                    _("Rank a set of regions on one indicator or on a composite of several with your own weights.")
                    + " ",
                    html.Strong(_("Ties share a rank")),
                    " "
                    + _(
                        "(competition ranking: 1, 2, 2, 4). Regions without a value are left out of the ranking "
                        "and counted, never ranked as zero. The direction comes from the indicator: for "
                        "unemployment, the lowest rate ranks first."
                    ),
                ],
                className="text-body-secondary page-intro",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters(
                "rankings",
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H2(_("What to rank"), className="h6"),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        [
                                            _label(_("Rank by"), INDICATOR),
                                            dcc.Dropdown(
                                                id=INDICATOR,
                                                value=state.indicator,
                                                clearable=False,
                                                options=[
                                                    {
                                                        "label": _("Composite indicator (your weights, below)"),
                                                        "value": st.COMPOSITE,
                                                    }
                                                ]
                                                + [
                                                    {"label": f"{r.label} ({r.unit})", "value": r.id}
                                                    for r in indicators.itertuples()
                                                ],
                                            ),
                                        ],
                                        lg=5,
                                        md=12,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Year"), YEAR),
                                            dcc.Dropdown(
                                                maxHeight=600,
                                                id=YEAR,
                                                value=state.year,
                                                clearable=False,
                                                options=[{"label": str(y), "value": y} for y in state.years],
                                            ),
                                        ],
                                        lg=2,
                                        md=4,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Change of rank since"), CMP),
                                            dcc.Dropdown(
                                                maxHeight=600,
                                                id=CMP,
                                                clearable=False,
                                                value=st.NONE if state.cmp is None else state.cmp,
                                                options=[{"label": _("no comparison"), "value": st.NONE}]
                                                + [{"label": str(y), "value": y} for y in state.cmp_years],
                                            ),
                                        ],
                                        lg=2,
                                        md=4,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Chart: top and bottom"), TOP_N),
                                            dcc.Dropdown(
                                                maxHeight=320,
                                                id=TOP_N,
                                                value=state.n,
                                                clearable=False,
                                                options=[
                                                    {"label": _("{n} regions each").format(n=n), "value": n}
                                                    for n in st.TOP_N
                                                ],
                                            ),
                                        ],
                                        lg=3,
                                        md=4,
                                    ),
                                ],
                                className="g-3",
                            ),
                            html.H2(_("Which regions"), className="h6 mt-3"),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        [
                                            _label(_("NUTS level"), LEVEL),
                                            dbc.RadioItems(
                                                id=LEVEL,
                                                value=state.level,
                                                inline=True,
                                                options=[{"label": f"NUTS {n}", "value": n} for n in st.LEVELS],
                                            ),
                                            dbc.Switch(
                                                id=EU, value=state.eu, label=_("EU regions only"), className="small"
                                            ),
                                        ],
                                        lg=3,
                                        md=6,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Countries"), COUNTRIES),
                                            dcc.Dropdown(
                                                id=COUNTRIES,
                                                value=state.countries,
                                                multi=True,
                                                placeholder=_("All countries"),
                                                options=country_options,
                                            ),
                                        ],
                                        lg=3,
                                        md=6,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Specialised in ecosystem"), ECOSYSTEM),
                                            dcc.Dropdown(
                                                id=ECOSYSTEM,
                                                value=state.eco or None,
                                                placeholder=_("Any ecosystem"),
                                                options=[
                                                    {"label": r.name, "value": r.ecosystem_id}
                                                    for r in ecosystems.itertuples()
                                                ],
                                            ),
                                            html.Div(
                                                [
                                                    dbc.Label(_("LQ above"), html_for=LQ, className="small mb-0 me-2"),
                                                    dbc.Input(
                                                        id=LQ,
                                                        type="number",
                                                        value=state.lq,
                                                        min=st.LQ_RANGE[0],
                                                        max=st.LQ_RANGE[1],
                                                        step=0.1,
                                                        debounce=True,
                                                        size="sm",
                                                        style={"width": "6rem"},
                                                    ),
                                                    html.Span(
                                                        _("employment 2015"), className="small text-body-secondary ms-2"
                                                    ),
                                                ],
                                                className="d-flex align-items-center mt-1",
                                            ),
                                        ],
                                        lg=3,
                                        md=6,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("With participants in programme"), PROGRAMME),
                                            dcc.Dropdown(
                                                id=PROGRAMME,
                                                value=state.prog or None,
                                                disabled=not has_programmes,
                                                placeholder=_("Any programme") if has_programmes else _(NO_PROGRAMME),
                                                options=[{"label": p, "value": p} for p in programmes],
                                            ),
                                            html.Div(
                                                "" if has_programmes else _(NO_PROGRAMME).capitalize() + ".",
                                                id=PROGRAMME_NOTE,
                                                className="small text-body-secondary mt-1",
                                            ),
                                        ],
                                        lg=3,
                                        md=6,
                                    ),
                                ],
                                className="g-3",
                            ),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        [
                                            _label(_("Custom basket: rank only these regions"), BASKET),
                                            dcc.Dropdown(
                                                id=BASKET,
                                                value=state.basket,
                                                multi=True,
                                                options=region_options,
                                                placeholder=_("All regions that match the filters"),
                                            ),
                                        ],
                                        md=6,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Selected regions (always shown and marked)"), MARK),
                                            dcc.Dropdown(
                                                id=MARK,
                                                value=state.mark,
                                                multi=True,
                                                options=region_options,
                                                placeholder=_("Pick regions to follow"),
                                            ),
                                        ],
                                        md=6,
                                    ),
                                ],
                                className="g-3 mt-1",
                            ),
                        ]
                    ),
                    className="mb-3 controls shadow-sm",
                ),
                lang=lang,
            ),
            html.Div(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H2(_("Composite indicator"), className="h6"),
                            html.P(
                                _(
                                    "Move a slider to change an indicator's weight from 0 (left out) to 10; the share "
                                    "of the total weight is shown next to each name. The ranking below is recomputed "
                                    "on every change."
                                ),
                                className="small text-body-secondary mb-2",
                            ),
                            dbc.Row(
                                [
                                    _weight_slider(
                                        r, weights.get(r.id, 0), weight_text(weights.get(r.id, 0), total, lang)
                                    )
                                    for r in slider_rows.itertuples()
                                ],
                                className="g-2",
                            ),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        [
                                            _label(_("Normalisation"), NORM),
                                            dbc.RadioItems(
                                                id=NORM,
                                                value=state.norm,
                                                inline=True,
                                                options=[{"label": _(v), "value": k} for k, v in NORM_LABELS.items()],
                                            ),
                                        ],
                                        md=5,
                                    ),
                                    dbc.Col(
                                        [
                                            _label(_("Aggregation"), AGG),
                                            dbc.RadioItems(
                                                id=AGG,
                                                value=state.agg,
                                                inline=True,
                                                options=[{"label": _(v), "value": k} for k, v in AGG_LABELS.items()],
                                            ),
                                        ],
                                        md=5,
                                    ),
                                    dbc.Col(
                                        dbc.Button(
                                            _("Reset to the default composite"),
                                            id=RESET,
                                            size="sm",
                                            color="secondary",
                                            outline=True,
                                            className="mt-md-4",
                                        ),
                                        md=2,
                                    ),
                                ],
                                className="g-3 mt-2",
                            ),
                            html.Div(id=METHOD_NOTE, className="small mt-2"),
                            html.Details(
                                [
                                    html.Summary(_("How the composite is computed"), className="small"),
                                    dcc.Markdown(comp.method_markdown(tables.indicators, lang), className="small mt-2"),
                                    html.P(
                                        [
                                            _("The same text is on") + " ",
                                            html.A(_("Data & methods"), href=dash.get_relative_path("/data")),
                                            ".",
                                        ],
                                        className="small",
                                    ),
                                ],
                                className="mt-2",
                            ),
                        ]
                    ),
                    className="mb-3 shadow-sm",
                ),
                id=COMPOSITE_PANEL,
                hidden=not is_composite,
            ),
            html.Div(id=SUMMARY, className="mb-2", role="status", **{"aria-live": "polite"}),
            html.Div(id=EMPTY),
            html.Div(
                [
                    chart_card(BARS, _("Ranking"), lang=lang),
                    html.Div(
                        [
                            chart_card(CONTRIBUTIONS, _("What the composite is made of"), lang=lang),
                            html.Section(
                                dbc.CardBody(
                                    [
                                        html.H2(_("Rank sensitivity to the weights"), className="h6"),
                                        dbc.Row(
                                            [
                                                dbc.Col(
                                                    [
                                                        _label(_("Random weight draws"), DRAWS),
                                                        dcc.Dropdown(
                                                            maxHeight=320,
                                                            id=DRAWS,
                                                            value=state.draws,
                                                            clearable=False,
                                                            options=[{"label": str(d), "value": d} for d in st.DRAWS],
                                                        ),
                                                    ],
                                                    md=3,
                                                ),
                                                dbc.Col(
                                                    [
                                                        _label(
                                                            _("Spread of the weights (Dirichlet concentration)"), CONC
                                                        ),
                                                        dcc.Dropdown(
                                                            maxHeight=320,
                                                            id=CONC,
                                                            value=state.conc,
                                                            clearable=False,
                                                            options=[
                                                                {"label": f"{_(CONC_LABELS[c])} ({c})", "value": c}
                                                                for c in st.CONCENTRATIONS
                                                            ],
                                                        ),
                                                    ],
                                                    md=5,
                                                ),
                                                dbc.Col(
                                                    [
                                                        _label(_("Random seed"), SEED),
                                                        dbc.Input(
                                                            id=SEED,
                                                            type="number",
                                                            value=state.seed,
                                                            min=0,
                                                            max=st.SEED_MAX,
                                                            step=1,
                                                            debounce=True,
                                                        ),
                                                    ],
                                                    md=2,
                                                ),
                                            ],
                                            className="g-3 mb-2",
                                        ),
                                        html.Div(id=SENS_SUMMARY, className="small mb-2"),
                                        chart_card(
                                            SENSITIVITY, _("Rank sensitivity"), lang=lang, draw_when_visible=True
                                        ),
                                    ]
                                ),
                                className="card mb-3 shadow-sm",
                                **{"aria-label": _("Rank sensitivity")},
                            ),
                        ],
                        id=COMPOSITE_RESULTS,
                        hidden=not is_composite,
                    ),
                    html.Section(
                        dbc.CardBody(
                            [
                                html.Div(
                                    [
                                        html.H2(_("All ranked regions"), className="h6 mb-0"),
                                        dbc.Button(
                                            [
                                                html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}),
                                                _("CSV of the rows shown"),
                                            ],
                                            id=CSV,
                                            size="sm",
                                            color="secondary",
                                            outline=True,
                                            className="ms-auto",
                                            title=_("Download the table as shown: after your sorting and filtering"),
                                        ),
                                    ],
                                    className="d-flex align-items-center mb-2",
                                ),
                                html.P(id=GRID_NOTE, className="small text-body-secondary mb-2"),
                                # Rows come from the server a block at a time (AG Grid's infinite row model: its
                                # filters and sort run on the server, data.grid_rows); GRID_KEY names the ranking
                                # shown, and a new one empties the grid's cache (callbacks/rankings.py).
                                dag.AgGrid(
                                    id=GRID,
                                    columnDefs=[],
                                    rowModelType="infinite",
                                    className="rankings-grid",
                                    defaultColDef={
                                        "sortable": True,
                                        "filter": True,
                                        "floatingFilter": True,
                                        "resizable": True,
                                        "minWidth": 90,
                                        "wrapHeaderText": True,
                                        "autoHeaderHeight": True,
                                    },
                                    dashGridOptions={
                                        "theme": "themeAlpine",
                                        "animateRows": False,
                                        "enableCellTextSelection": True,
                                        "ensureDomOrder": True,
                                        "tooltipShowDelay": 300,
                                        "localeText": grid_text(lang),
                                        "cacheBlockSize": GRID_BLOCK,
                                        "maxBlocksInCache": 10,
                                    },
                                    columnSize="responsiveSizeToFit",
                                    getRowId="params.data.code",
                                    style={"height": "560px", "width": "100%"},
                                ),
                                dcc.Store(id=GRID_KEY),
                                dcc.Store(id=GRID_REFRESHED),
                                dcc.Download(id=GRID_DOWNLOAD),
                            ]
                        ),
                        className="card mb-3 shadow-sm",
                        **{"aria-label": _("All ranked regions")},
                    ),
                ],
                id=RESULTS,
            ),
        ]
    )
