"""Region profile: a region against its country, the EU27 and similar regions (/region/<NUTS code>).

The layout holds the header and the controls; the callbacks in callbacks/region.py fill the headline cards, the
comparison bars, the time series, the profile, the specialisation charts and the similar regions from the
controls, whose values live in the query string (state/region.py).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.chart_card import chart_card, loading, records_table
from components.explorer_controls import chart_controls, table_pane, view_tabs
from components.figures.maps import boundaries_url, feature_bounds, locator_map
from components.filters import filters
from components.language import page_title
from components.pack_controls import pack_controls
from components.region_picker import country_name, region_dropdown, region_label
from components.region_view import ECONOMY_HEIGHT, INNOVATION_HEIGHT
from data.build.sources import GISCO_ATTRIBUTION
from data.explore import region_names
from data.labels import indicators_in
from data.profile import (
    PROFILE,
    close_matches,
    indicator_rows,
    locator_peers,
    named_cluster_organisations,
    participation_summary,
    region_info,
)
from data.region import indicator_choices, national_name
from data.store import current_tables
from i18n import N_, format_number, ntranslator, translations, translator
from state.region import K_CHOICES, TABS, VIEWS, parse_region

PAGE_TITLE = page_title(N_("Region"))


def _title(code=None, **_kwargs):
    """'FRE1 · Region · EU Cluster & Region Observatory', in the view's language."""
    return f"{str(code or '')[:20]} · {PAGE_TITLE()}"


dash.register_page(__name__, path_template="/region/<code>", title=_title, name="Region")

URL, NAV, STORE, PICKER, NOTICE = "region-url", "region-nav", "region-store", "region-picker", "region-notice"
YEAR, YEAR_NOTE, CARDS = "region-year", "region-year-note", "region-cards"
TS, VIEW, SIM, K, EXCL, SIMILAR = "region-ts", "region-view", "region-sim", "region-k", "region-excl", "region-similar"
ECONOMY, INNOVATION, TIMESERIES, PROFILE_CHART = (
    "region-economy",
    "region-innovation",
    "region-timeseries",
    "region-profile",
)
ECOSYSTEMS, NACE, LOCATOR = "region-ecosystems", "region-nace", "region-locator"
# The indicator explorer (TS is its indicator): view tabs, the line chart's controls, map and table panes.
TAB, ADDED, MEASURE, BASE, LOG = "region-tab", "region-regions", "region-measure", "region-base", "region-log"
EXPLORE_NOTE, MAP_CHART, MAP_NOTE, TABLE_OUT = "region-explore-note", "region-map", "region-map-note", "region-table"
PANES = {tab: f"region-pane-{tab}" for tab in TABS}
# A region's level as its badge names it, and the regions of that level (translated where drawn).
LEVEL_BADGES = {0: N_("country"), 1: N_("NUTS 1 region"), 2: N_("NUTS 2 region")}
LEVEL_REGIONS = {1: N_("the NUTS 1 regions of {country}"), 2: N_("the NUTS 2 regions of {country}")}
VIEW_LABELS = {"radar": N_("Radar"), "bar": N_("Bar")}


def _link(code: str, text: str):
    return dcc.Link(text, href=dash.get_relative_path(f"/region/{code}"))


def _old_code_notice(tables, code: str, names, lang: str = "en"):
    """What became of an old (NUTS 2013/2016/2021) code, with links to its NUTS 2024 successors; None if unknown."""
    _ = translator(lang)
    changes = tables.region_changes
    row = changes[changes["code"] == str(code).strip().upper()]
    if row.empty:
        return None
    row = row.iloc[0]
    successors = [c for c in str(row["successors"]).split(";") if c and c in names.index]
    links = [html.Li(_link(c, region_label(names[c], c))) for c in successors]
    old = f"{row['code']}" + (f" ({row['name']})" if row["name"] else "")
    return dbc.Alert(
        [
            html.H1(
                _("{code} is a NUTS {version} code").format(code=row["code"], version=row["version"]), className="h4"
            ),
            html.P(
                [
                    html.Strong(old),
                    " "
                    + _("is not a NUTS 2024 region: {change}.").format(change=_(str(row["change"])))
                    + " "
                    + _("The app follows NUTS 2024, the classification in which Eurostat publishes regional data.")
                    + " ",
                    _("Its territory is now in:")
                    if len(links) > 1
                    else _("It is now:")
                    if links
                    else _("No NUTS 2024 region is named as its successor."),
                ]
            ),
            html.Ul(links, className="mb-0") if links else None,
        ],
        color="info",
        className="mt-2",
        id="region-old-code",
    )


def not_found(tables, code: str, lang: str = "en"):
    """A friendly panel for an unknown code: what became of an old code, or close matches, and the picker."""
    _ = translator(lang)
    names = tables.regions.set_index("code")["name"]
    old = _old_code_notice(tables, code, names, lang)
    if old is not None:
        return html.Div(
            [
                dcc.Location(id=NAV, refresh="callback-nav"),
                old,
                dbc.Label(_("Find a region"), html_for=PICKER),
                region_dropdown(PICKER, tables.regions, tables.version),
            ],
            style={"maxWidth": "760px"},
        )
    matches = close_matches(tables.regions, code)
    suggestions = (
        html.Ul([html.Li(_link(c, region_label(names[c], c))) for c in matches], className="mb-2")
        if matches
        else html.P(_("No region has a similar code or name."), className="mb-2")
    )
    return html.Div(
        [
            dcc.Location(id=NAV, refresh="callback-nav"),
            dbc.Alert(
                [
                    html.H1(_("Region not found"), className="h4"),
                    html.P(
                        [
                            _("No NUTS 2024 region (country, NUTS 1 or NUTS 2) has the code") + " ",
                            html.Strong(str(code)[:20]),
                            _(". It may come from an old or mistyped link."),
                        ]
                    ),
                    html.P(_("Did you mean:") if matches else "", className="mb-1"),
                    suggestions,
                ],
                color="warning",
                className="mt-2",
                id="region-not-found",
            ),
            dbc.Label(_("Find a region"), html_for=PICKER),
            region_dropdown(PICKER, tables.regions, tables.version),
            html.P(
                html.A(_("Browse all regions by country"), href=dash.get_relative_path("/regions")), className="mt-3"
            ),
        ],
        style={"maxWidth": "760px"},
    )


def _national_name(info: dict, lang: str = "en"):
    """The region's name in its national form, when NUTS gives one other than the Latin-script name (in the
    country's language, tagged where that language is plain)."""
    found = national_name(info)
    if found is None:
        return None
    text, tag = found
    _ = translator(lang)
    return html.P(
        [_("Name in the national language:"), " ", html.Span(text, lang=tag) if tag else html.Span(text)],
        className="small text-body-secondary mb-1 region-national-name",
    )


def _breadcrumb(tables, info: dict, lang: str = "en"):
    _ = translator(lang)
    names = region_names(tables.regions)
    level = info["level"]
    parts = [html.Span(_(LEVEL_BADGES[level]), className="badge text-bg-secondary me-2")]
    country = info["nuts0"]
    if level >= 1 and country in names.index:
        parts += [
            translations(lang).pgettext("breadcrumb: the region's country", "in") + " ",
            _link(country, f"{country_name(country, lang) or names[country]} ({country})"),
        ]
    if level == 2 and info.get("nuts1") in names.index:
        parts += [" · " + _("NUTS 1:") + " "]
        parts += [_link(info["nuts1"], f"{names[info['nuts1']]} ({info['nuts1']})")]
    if level < 2:
        children = tables.regions[
            (tables.regions["level"] == level + 1) & tables.regions["code"].str.startswith(info["code"])
        ]
        if len(children):
            parts.append(" · " + _("contains:") + " ")
            for n, (c, name) in enumerate(zip(children["code"], children["name"])):
                parts += ([", "] if n else []) + [_link(c, f"{name} ({c})")]
    if not info.get("is_eu"):
        parts.append(
            html.Span(
                " · " + _("not an EU member: EU ranks place it among the EU regions"), className="text-body-secondary"
            )
        )
    return html.P(parts, className="mb-2 small")


def _controls_year(state, lang: str = "en"):
    _ = translator(lang)
    return dbc.Row(
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
        className="g-3 mb-3 controls align-items-start",
    )


def _section(title: str, *children, lead: str | None = None):
    return html.Section(
        [
            html.H2(title, className="h5 mt-4 mb-2"),
            html.P(lead, className="small text-body-secondary section-lead") if lead else None,
            *children,
        ]
    )


def path_parser(parse):
    """The state parser of a page at /<page>/<code>: `parse(tables, code, query)` for a known region; an unknown
    code gives no state (the not-found panel, never cached: it quotes the code) and the code as its one notice."""

    def parse_page(tables, query: dict):
        query = dict(query)
        raw = str(query.pop("code", None) or "")
        info = region_info(tables.regions, raw.upper()) if raw else None
        if info is None or info["level"] < 0:
            return None, [raw]
        state, notices = parse(tables, info["code"], query)
        return {**state, "code": info["code"]}, notices

    return parse_page


parse_page = path_parser(parse_region)


@caching.memoize_layout(parse_page, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    if state is None:
        return not_found(tables, notices[0], lang)
    code = state["code"]
    info = region_info(tables.regions, code)
    texts = indicators_in(tables.indicators, lang)
    indicators = indicator_rows(texts)
    ts_options = [{"label": f"{label} ({unit})", "value": i} for label, unit, i in indicator_choices(texts)]
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Location(id=NAV, refresh="callback-nav"),
            dcc.Store(id=STORE, data={"code": code, "default_year": state["default_year"]}),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H1(f"{info['name']} ({code})", className="h3 mb-1"),
                            _national_name(info, lang),
                            _breadcrumb(tables, info, lang),
                            html.P(
                                [
                                    html.I(className="bi bi-file-earmark-text me-1", **{"aria-hidden": "true"}),
                                    dcc.Link(
                                        _("Policy briefing for this region (Figures 1-4, cluster stars, PDF)"),
                                        href=dash.get_relative_path(f"/briefing/{code}"),
                                        id="region-briefing-link",
                                    ),
                                ],
                                className="small mb-2 mt-1",
                            ),
                            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
                            filters("region", _controls_year(state, lang), lang=lang),
                            pack_controls("region", _("this region's charts"), lang),
                        ],
                        lg=8,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Go to another region"), html_for=PICKER, className="small mb-1"),
                            region_dropdown(PICKER, tables.regions, tables.version),
                            _locator(tables, info, lang),
                        ],
                        lg=4,
                        className="present-hide",
                    ),
                ],
                className="g-2 region-head",
            ),
            _section(
                _("Headline indicators"),
                loading(html.Div(id=CARDS)),
                lead=_(
                    "The region's value, its country's and the EU27's in the same year, with ranks (1 = best "
                    "placed) and Eurostat's observation flags. Where Eurostat publishes no country or EU27 "
                    "figure in this dataset, the card says so; nothing is estimated."
                ),
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ECONOMY,
                            _("Economic indicators against the country and the EU27"),
                            height=ECONOMY_HEIGHT,
                            lang=lang,
                        ),
                        lg=7,
                        className="chart-col",
                    ),
                    dbc.Col(
                        chart_card(
                            INNOVATION,
                            _("Innovation indicators against the country and the EU27"),
                            height=INNOVATION_HEIGHT,
                            lang=lang,
                            subtitle=_("R&D personnel is a head count, so it is compared in the cards, not in bars."),
                        ),
                        lg=5,
                        className="chart-col",
                    ),
                ],
                className="g-3 region-charts",
            ),
            _section(
                _("Explore an indicator"),
                *_explorer(tables, state, ts_options, lang),
                lead=_(
                    "One indicator over the years for this region, its country and the EU27, with any regions you "
                    "add; as values or as change since a base year. The map shows every region of the same level in "
                    "the reference year; the table, the chart's numbers."
                ),
            ),
            _section(
                _("Normalised profile"),
                dbc.Row(
                    [
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
                        )
                    ],
                    className="mb-2 controls",
                ),
                chart_card(PROFILE_CHART, _("Normalised profile"), height=560, lang=lang, draw_when_visible=True),
                lead=_(
                    "Each indicator scored from 0 (the lowest EU NUTS 2 region in that year) to 1 (the highest), "
                    "turned round where lower is better (unemployment), so further out is always better. The "
                    "country and the EU27 are placed on the same scale where their values are published."
                ),
            ),
            _section(
                _("Specialisation"),
                dbc.Row(
                    [
                        dbc.Col(
                            chart_card(
                                ECOSYSTEMS,
                                _("Industrial ecosystems by location quotient"),
                                height=560,
                                lang=lang,
                                draw_when_visible=True,
                            ),
                            lg=6,
                        ),
                        dbc.Col(
                            chart_card(
                                NACE,
                                _("NACE divisions by location quotient"),
                                height=560,
                                lang=lang,
                                draw_when_visible=True,
                            ),
                            lg=6,
                        ),
                    ],
                    className="g-3",
                ),
                lead=_(
                    "Location quotients of employment in 2015 (1 = the EU27 share). Agglomerations, marked, "
                    "have LQ > 1.5 and at least 1% of the region's employment (the ECCP country factsheets' "
                    "definition)."
                ),
            ),
            _section(
                _("Similar regions"),
                dbc.Row(
                    [
                        dbc.Col(
                            html.Fieldset(
                                [
                                    html.Legend(
                                        _("Indicators compared (at least two)"), className="form-label fs-6 mb-1"
                                    ),
                                    dbc.Checklist(
                                        id=SIM,
                                        value=state["sim"],
                                        inline=True,
                                        options=[{"label": indicators[i]["short_label"], "value": i} for i in PROFILE],
                                    ),
                                ]
                            ),
                            md=7,
                        ),
                        dbc.Col(
                            [
                                dbc.Label(_("How many"), html_for=K),
                                dcc.Dropdown(
                                    id=K,
                                    value=state["k"],
                                    clearable=False,
                                    searchable=False,
                                    options=[{"label": str(k), "value": k} for k in K_CHOICES],
                                ),
                            ],
                            width=4,
                            md=2,
                        ),
                        dbc.Col(
                            dbc.Checklist(
                                id=EXCL,
                                value=[1] if state["excl"] else [],
                                switch=True,
                                options=[{"label": _("Leave out its own country"), "value": 1}],
                                className="mt-md-4",
                            ),
                            md=3,
                        ),
                    ],
                    className="g-3 mb-2 controls",
                ),
                loading(html.Div(id=SIMILAR)),
            ),
            _section(_("Programme participation and cluster organisations"), _programmes(tables, info, lang)),
        ],
        className="region-page",
    )


def _explorer(tables, state, ts_options, lang: str = "en") -> list:
    """The indicator, the view tabs and the three panes (chart, map, table); every control in the URL."""
    _ = translator(lang)
    code = state["code"]
    chart_pane = [
        chart_controls(
            {"regions": ADDED, "measure": MEASURE, "base": BASE, "log": LOG},
            state,
            region_dropdown(
                ADDED,
                tables.regions,
                tables.version,
                state["regions"],
                _("Regions by name or code…"),
                exclude=(code,),
                multi=True,
            ),
            _("Add regions to the chart"),
            lang,
        ),
        html.P(id=EXPLORE_NOTE, className="small text-body-secondary mb-2", role="status"),
        chart_card(TIMESERIES, _("Time series"), height=460, lang=lang, draw_when_visible=True),
    ]
    map_pane = [
        html.P(id=MAP_NOTE, className="small text-body-secondary mb-2", role="status"),
        chart_card(MAP_CHART, _("Map"), height=560, lang=lang),
    ]
    return [
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Label(_("Indicator"), html_for=TS),
                        dcc.Dropdown(id=TS, value=state["ts"], clearable=False, options=ts_options),
                    ],
                    md=6,
                    className="controls",
                ),
                dbc.Col(
                    view_tabs(TAB, state["tab"], TABS, lang), md=6, className="align-self-end"
                ),  # kept in present mode
            ],
            className="mb-2",
        ),
        html.Div(chart_pane, id=PANES["chart"], hidden=state["tab"] != "chart"),
        html.Div(map_pane, id=PANES["map"], hidden=state["tab"] != "map"),
        html.Div(
            table_pane(TABLE_OUT, _("The chart's numbers by year"), "h6"),
            id=PANES["table"],
            hidden=state["tab"] != "table",
        ),
    ]


def _locator(tables, info, lang: str = "en"):
    """A small map placing the region among its country's regions of the same level (a country among the EU's)."""
    _ = translator(lang)
    level, code = info["level"], info["code"]
    peers = locator_peers(tables.regions, level, info["nuts0"])
    country = country_name(info["nuts0"], lang) or info["nuts0"]
    where = _("the EU countries") if level == 0 else _(LEVEL_REGIONS[level]).format(country=country)
    title = _("{code} among {where}").format(code=code, where=where)
    figure = locator_map(
        peers,
        code,
        boundaries_url(level, tables.version),
        title,
        around=feature_bounds(tables.geometries.get(level), code),
    )
    table = records_table(
        [
            {"code": c, "name": name, "shown": _("this region") if c == code else ""}
            for c, name in zip(peers["code"], peers["name"])
        ],
        {"code": _("Code"), "name": _("Name"), "shown": ""},
        lang=lang,
    )
    return html.Div(
        chart_card(LOCATOR, title, source=_(GISCO_ATTRIBUTION), height=230, figure=figure, table=table, lang=lang),
        className="mt-2 locator",
    )


def _programmes(tables, info, lang: str = "en"):
    """Counts from the participation and cluster-organisation tables when they are loaded; said plainly if not."""
    _, ngettext = translator(lang), ntranslator(lang)
    code, frames, out = info["code"], tables.frames, []
    names = region_names(tables.regions)
    try:
        if "participations" in frames:
            s = participation_summary(frames["participations"], tables.regions, code)
            if s["participations"]:
                key, value = s["filter"]
                value = value if isinstance(value, str) else ",".join(value)
                out.append(
                    html.P(
                        [
                            _(
                                "{participations} in {projects} ({programmes}) by {organisations}, {clusters} of "
                                "them cluster organisations."
                            ).format(
                                participations=ngettext(
                                    "{count} participation", "{count} participations", s["participations"]
                                ).format(count=format_number(s["participations"], lang)),
                                projects=ngettext("{count} project", "{count} projects", s["projects"]).format(
                                    count=format_number(s["projects"], lang)
                                ),
                                programmes=", ".join(s["programmes"]),
                                organisations=ngettext(
                                    "{count} organisation", "{count} organisations", s["organisations"]
                                ).format(count=format_number(s["organisations"], lang)),
                                clusters=format_number(s["clusters"], lang),
                            )
                            + " ",
                            dcc.Link(
                                _("See them on the Programmes page"),
                                href=dash.get_relative_path(f"/programmes?{key}={value}"),
                            ),
                            ".",
                        ],
                        className="mb-1",
                    )
                )
            else:
                out.append(
                    html.P(
                        _("No participation in the EU cluster programmes is recorded for this region in this dataset."),
                        className="mb-1",
                    )
                )
            out.append(
                html.P(
                    _(
                        "The participation list is partial (collected from public pages): these are counts of "
                        "what the dataset lists, not official totals."
                    ),
                    className="small text-body-secondary",
                )
            )
        if "cluster_organisations" in frames:
            c = named_cluster_organisations(frames["cluster_organisations"], tables.regions, code)
            if c["count"]:
                where = _("this region") if c["region"] == code else f"{names.get(c['region'], '')} ({c['region']})"
                out.append(
                    html.P(
                        [
                            ngettext(
                                "{count} cluster organisation is named in the policy documents for {where}.",
                                "{count} cluster organisations are named in the policy documents for {where}.",
                                c["count"],
                            ).format(count=format_number(c["count"], lang), where=where)
                            + " ",
                            dcc.Link(
                                _("See the directory"), href=dash.get_relative_path(f"/clusters?region={c['region']}")
                            ),
                            ".",
                        ],
                        className="mb-1",
                    )
                )
    except (KeyError, ValueError, TypeError):  # a table of another shape than expected: say nothing rather than guess
        out = []
    return html.Div(
        out
        or html.P(
            _(
                "Not available yet: the programme and cluster-organisation tables are not loaded, "
                "so nothing is shown rather than a guess."
            ),
            className="small text-body-secondary",
        )
    )
