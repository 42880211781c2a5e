"""Compare: several regions side by side, their normalised profiles with a peer-group average, and a scatter of
any two indicators split into quadrants by the medians of the EU NUTS 2 regions.

Default: the ten industrial-transition pilot regions of the seed briefings (their mapping to NUTS codes is on
the page). Everything shown is in the query string (state/compare.py).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components import theme
from components.chart_card import chart_card, loading, table_box
from components.compare_view import LEVELS, display_name, measure_texts
from components.figures.profile import series_style
from components.filters import filters
from components.language import page_title
from components.pack_controls import pack_controls
from components.region_picker import region_dropdown
from data.profile import AGGLOMERATIONS, AGGLOMERATIONS_META, PROFILE, pilot_mapping
from data.store import current_tables, memo_for
from i18n import DEFAULT_LANGUAGE, N_, translator
from state.compare import LIMIT_NOTE, LIMIT_VALUES, SCATTER_MEASURES, VIEWS, parse_compare

dash.register_page(__name__, path="/compare", title=page_title(N_("Compare")), name="Compare")

URL, STORE, PICKER, RESET, CHIPS = "compare-url", "compare-regions", "compare-picker", "compare-reset", "compare-chips"
NOTICE, EDIT_NOTICE, YEAR, YEAR_NOTE, VIEW = (
    "compare-notice",
    "compare-edit-notice",
    "compare-year",
    "compare-year-note",
    "compare-view",
)
X, Y, TABLE, TABLE_SOURCE, QUADRANTS = (
    "compare-x",
    "compare-y",
    "compare-table",
    "compare-table-source",
    "compare-quadrants",
)
REMOVE = "compare-remove"  # pattern id type of the remove buttons: {"type": REMOVE, "index": code}
PROFILE_CHART, SCATTER = "compare-profile", "compare-scatter"
VIEW_LABELS = {"radar": N_("Radar"), "bar": N_("Bar")}


def chips(tables, codes, lang: str = DEFAULT_LANGUAGE):
    """One removable chip per region, in the colour of its series in the charts; texts in `lang`."""
    _ = translator(lang)
    names = tables.regions.set_index("code")["name"]
    if not codes:
        return html.P(_("No region selected: add one with the picker."), className="text-body-secondary mb-0")
    out = []
    for i, code in enumerate(codes):
        style = series_style(i)
        out.append(
            html.Span(
                [
                    # The chart's colour and marker symbol, so a chip matches its legend entry.
                    html.Span(
                        theme.SYMBOL_GLYPHS[style["symbol"]],
                        className="compare-swatch",
                        **{"aria-hidden": "true"},
                        style={"color": style["colour"], "marginRight": "0.35em", "fontSize": "1.1em"},
                    ),
                    dcc.Link(
                        display_name(names, code, lang),
                        href=dash.get_relative_path(f"/region/{code}"),
                        className="text-body",
                    ),
                    html.Button(
                        "×",
                        id={"type": REMOVE, "index": code},
                        n_clicks=0,
                        className="btn btn-sm btn-link p-0 ms-1",
                        title=_("Remove {region}").format(region=code),
                        **{"aria-label": _("Remove {region}").format(region=display_name(names, code, lang))},
                    ),
                ],
                className="badge rounded-pill text-bg-light border fw-normal fs-6 me-2 mb-2 compare-chip",
            )
        )
    return out


def mapping_table(tables, lang: str = DEFAULT_LANGUAGE):
    _ = translator(lang)
    df = pilot_mapping(tables.regions, tables.indicator_values)
    header = html.Thead(
        html.Tr(
            [
                html.Th(h)
                for h in (
                    _("Pilot region"),
                    _("NUTS 2024 code"),
                    _("Name in NUTS"),
                    _("Level"),
                    _("Its NUTS 2 regions"),
                    _("Profile indicators at this level (of {count})").format(count=len(PROFILE)),
                )
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(_(r.pilot)),
                    html.Td(dcc.Link(r.code, href=dash.get_relative_path(f"/region/{r.code}"))),
                    html.Td(r.name),
                    html.Td(_(LEVELS[r.level]) if r.level in LEVELS else ""),
                    html.Td(", ".join(r.parts) or _("itself")),
                    html.Td(str(r.indicators)),
                ]
            )
            for r in df.itertuples()
        ]
    )
    return dbc.Table([header, body], size="sm", striped=True, className="small mb-2")


def _measure_options(tables, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """The scatter's axis choices in `lang`, once per data version and language."""
    return memo_for(tables.indicators, ("compare.measure_options", lang), lambda: _measure_choices(tables, lang))


def _measure_choices(tables, lang: str) -> list[dict]:
    known = set(tables.indicators["id"]) | {AGGLOMERATIONS}
    out = []
    for m in SCATTER_MEASURES:
        if m not in known:
            continue
        meta = measure_texts(tables, m, lang)
        if m == AGGLOMERATIONS:
            out.append({"label": f"{meta['label']}, {AGGLOMERATIONS_META['year']}", "value": m})
        else:
            out.append({"label": f"{meta['short_label']} ({meta['unit']})", "value": m})
    return out


@caching.memoize_layout(parse_compare, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    measures = _measure_options(tables, lang)
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=STORE, data={"regions": state["regions"], "default_year": state["default_year"]}),
            html.H1(_("Compare regions"), className="h3"),
            html.P(
                _(
                    "Regions side by side: values and ranks, normalised profiles with the group's average, and a "
                    "scatter of any two indicators among all EU NUTS 2 regions. By default, the ten regions of the "
                    "EU industrial-transition pilot whose briefings this reproduces."
                ),
                className="text-body-secondary page-intro",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            filters(
                "compare",
                [
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.H2(_("Regions compared"), className="h6"),
                                html.Div(
                                    chips(tables, state["regions"], lang),
                                    id=CHIPS,
                                    className="mb-2",
                                    **{"aria-live": "polite"},
                                ),
                                dbc.Row(
                                    [
                                        dbc.Col(
                                            [
                                                dbc.Label(_("Add a region"), html_for=PICKER, className="small mb-1"),
                                                region_dropdown(
                                                    PICKER,
                                                    tables.regions,
                                                    tables.version,
                                                    placeholder=_("Search a region to add…"),
                                                ),
                                            ],
                                            md=6,
                                        ),
                                        dbc.Col(
                                            dbc.Button(
                                                _("Reset to the ten pilot regions"),
                                                id=RESET,
                                                color="secondary",
                                                outline=True,
                                                size="sm",
                                                className="mt-md-4",
                                            ),
                                            md="auto",
                                        ),
                                    ],
                                    className="g-2 align-items-start present-hide",
                                ),
                                html.P(
                                    _(LIMIT_NOTE).format(**LIMIT_VALUES),
                                    className="small text-body-secondary mt-2 mb-1 present-hide",
                                ),
                                dbc.Alert(
                                    id=EDIT_NOTICE,
                                    color="info",
                                    is_open=False,
                                    dismissable=True,
                                    className="mt-2 mb-0 py-2",
                                ),
                                html.Details(
                                    [
                                        html.Summary(_("How the pilot regions map to NUTS codes"), className="small"),
                                        html.Div(
                                            [
                                                html.P(
                                                    _(
                                                        "Each pilot is taken at the NUTS 2024 level of its own "
                                                        "territory. Five are single NUTS 2 regions. Hauts-de-France, "
                                                        "Saxony and Wallonia are NUTS 1 regions and Lithuania and "
                                                        "Slovenia countries: in this dataset Eurostat publishes only "
                                                        "GDP, industry share, R&D personnel (and for countries the "
                                                        "RCI) at those levels, so their other indicators show 'no "
                                                        "data' here, and the scatter shows their NUTS 2 regions "
                                                        "instead, as the briefings' Figure 4 does. Open one of their "
                                                        "NUTS 2 regions for the full profile."
                                                    ),
                                                    className="small mb-2",
                                                ),
                                                mapping_table(tables, lang),
                                            ],
                                            className="mt-2",
                                        ),
                                    ],
                                    className="mt-2 present-hide",
                                ),
                            ]
                        ),
                        className="mb-3 shadow-sm",
                    ),
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label(_("Reference year"), html_for=YEAR),
                                    dcc.Dropdown(
                                        id=YEAR,
                                        value=state["year"],
                                        clearable=False,
                                        searchable=False,
                                        options=[{"label": str(y), "value": y} for y in reversed(state["years"])],
                                    ),
                                ],
                                width=6,
                                md=2,
                            ),
                            dbc.Col(html.P(id=YEAR_NOTE, className="small text-body-secondary mb-0 mt-md-4"), md=10),
                        ],
                        className="g-3 mb-3 controls",
                    ),
                ],
                lang=lang,
            ),
            pack_controls("compare", _("this comparison"), lang),
            html.Section(
                [
                    html.H2(_("Side by side"), className="h5"),
                    dbc.Card(
                        dbc.CardBody(
                            [
                                html.P(
                                    _(
                                        "Value (rank among the EU regions of the same NUTS level / number ranked; 1 = "
                                        "best placed, i.e. lowest for unemployment). The peer-group average is the "
                                        "simple, unweighted mean of the regions with a value."
                                    ),
                                    className="small text-body-secondary",
                                ),
                                table_box(id=TABLE, class_name="small"),
                                html.P(id=TABLE_SOURCE, className="source-line small text-body-secondary mb-0 mt-2"),
                            ]
                        ),
                        className="mb-3 shadow-sm",
                    ),
                ]
            ),
            html.Section(
                [
                    html.H2(_("Normalised profiles"), className="h5"),
                    dbc.Row(
                        dbc.Col(
                            [
                                dbc.Label(_("View"), html_for=VIEW, className="me-2"),
                                dbc.RadioItems(
                                    id=VIEW,
                                    value=state["view"],
                                    inline=True,
                                    options=[{"label": _(VIEW_LABELS[v]), "value": v} for v in VIEWS],
                                ),
                            ]
                        ),
                        className="mb-2 controls",
                    ),
                    chart_card(
                        PROFILE_CHART,
                        _("Normalised profiles"),
                        height=600,
                        subtitle=_(
                            "0 = the lowest EU NUTS 2 region in the indicator's year, 1 = the highest; turned round "
                            "for unemployment, so further out is always better. Black dashed: the peer-group "
                            "average (simple mean of the regions shown)."
                        ),
                        lang=lang,
                    ),
                ]
            ),
            html.Section(
                [
                    html.H2(_("Two indicators, four quadrants"), className="h5"),
                    filters(
                        "compare-axes",
                        dbc.Row(
                            [
                                dbc.Col(
                                    [
                                        dbc.Label(_("Horizontal axis"), html_for=X),
                                        dcc.Dropdown(id=X, value=state["x"], clearable=False, options=measures),
                                    ],
                                    md=6,
                                ),
                                dbc.Col(
                                    [
                                        dbc.Label(_("Vertical axis"), html_for=Y),
                                        dcc.Dropdown(id=Y, value=state["y"], clearable=False, options=measures),
                                    ],
                                    md=6,
                                ),
                            ],
                            className="g-3 mb-2 controls",
                        ),
                        _("Scatter axes"),
                        lang=lang,
                    ),
                    chart_card(
                        SCATTER,
                        _("Quadrant scatter"),
                        height=620,
                        draw_when_visible=True,
                        subtitle=_(
                            "All EU NUTS 2 regions in grey; dashed lines at the medians make four quadrants (at or "
                            "above the median counts as high). Selected regions in colour; a country or NUTS 1 region "
                            "is shown by its NUTS 2 regions. The default axes follow the briefings' Figure 4: a "
                            "composite index (here the RCI) against cluster presence (here the count of ecosystem "
                            "agglomerations; the cluster stars the briefings used are not in this dataset)."
                        ),
                        lang=lang,
                    ),
                    loading(html.Div(id=QUADRANTS, className="small mb-3")),
                ]
            ),
        ]
    )
