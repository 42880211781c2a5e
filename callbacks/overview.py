"""Overview page callbacks: thin wiring between the controls, the queries and the map builder."""

from __future__ import annotations

import json

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update

import caching
from components import explore_view, theme
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, ids
from components.explorer_controls import switch_panes
from components.language import PAGE_LANGUAGE, page_language
from data.quality import default_year as indicator_default_year
from data.queries import values_for_year, years_with_data
from data.store import current_tables
from i18n import LANGUAGES, N_, format_number, translator
from pages.overview import (
    BASE,
    CHART_NOTE,
    HEADLINES,
    INDICATOR,
    LEVEL,
    LOG,
    MEASURE,
    NAV,
    PANES,
    PLAY,
    REGIONS,
    TAB,
    TABLE_OUT,
    TICK,
    URL,
    YEAR,
    year_marks,
)
from state.overview import DEFAULTS, overview_search, series_years

MAP = ids("overview-map")
PLAY_WORDS = (N_("Play"), N_("Pause"))  # the timeline button's words, drawn in the browser
LINES = ids("overview-lines")


@caching.memoize
def overview_map(indicator: str, year: int, level: int, lang: str = "en") -> dict:
    return caching.plain(explore_view.indicator_map(current_tables(), indicator, year, level, lang=lang)["figure"])


def headline_cards(df, meta, year, eu_value, lang="en"):
    """EU27, best and last placed and coverage in `year`; `meta` with its texts in `lang`."""
    _ = translator(lang)
    known = df[df["value"].notna()].sort_values("value", ascending=not meta["higher_is_better"])
    decimals, unit = int(meta["decimals"]), meta["unit"]

    def value(v):
        return theme.format_value(v, decimals, unit, lang)

    def card(label, value, detail):
        return dbc.Col(
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(label, className="small text-body-secondary"),
                        html.Div(value, className="fs-5 fw-semibold"),
                        html.Div(detail, className="small"),
                    ]
                )
            ),
            md=3,
        )

    if known.empty:
        return dbc.Alert(
            _("No region has a value for {indicator} in {year}.").format(indicator=meta["label"], year=year),
            color="info",
        )
    best, worst = known.iloc[0], known.iloc[-1]
    return dbc.Row(
        [
            card(_("EU27"), value(eu_value), str(year)),
            card(_("Best placed"), value(best["value"]), f"{best['name']} ({best['code']})"),
            card(_("Last placed"), value(worst["value"]), f"{worst['name']} ({worst['code']})"),
            card(
                _("Coverage"),
                _("{count} of {total}").format(
                    count=format_number(len(known), lang), total=format_number(len(df), lang)
                ),
                _("regions have a value in {year}").format(year=year),
            ),
        ],
        className="g-2",
    )


@caching.memoize
def indicator_years(indicator: str, level: int) -> list[int]:
    tables = current_tables()
    return years_with_data(tables.indicator_values, tables.regions, indicator, level)


@caching.memoize
def overview_outputs(indicator: str, year, level: int, lang: str = "en") -> list:
    """Map, its table, source, title and headline cards (in `lang`) as plain data: a warm call is one cache
    read."""
    _ = translator(lang)
    tables = current_tables()
    meta = explore_view.meta_in(tables, indicator, lang)
    if year is None:
        empty = dbc.Alert(
            _("No data for {indicator} at this NUTS level.").format(indicator=meta["label"]), color="info"
        )
        return caching.plain([{"data": [], "layout": {}}, empty, "", meta["label"], empty])
    df = values_for_year(tables.indicator_values, tables.regions, indicator, year, level)
    eu = values_for_year(tables.indicator_values, tables.regions, indicator, year, -1)
    part = explore_view.indicator_map(tables, indicator, year, level, lang=lang)
    return caching.plain(
        [
            part["figure"],  # the map drawn once (overview_map gives the same figure, for the chart CSV tests)
            part["table"],
            part["source"],
            part["title"],
            headline_cards(df, meta, year, eu["value"].iloc[0] if len(eu) else float("nan"), lang),
        ]
    )


def clean(indicator, level) -> tuple[str, int]:
    """Known values only reach the memoized functions (their cache keys), the defaults otherwise."""
    tables = current_tables()
    known = tables.memo("overview.indicators", lambda: frozenset(tables.indicators["id"]))
    indicator = indicator if isinstance(indicator, str) and indicator in known else DEFAULTS["indicator"]
    level = level if level in (0, 1, 2) and not isinstance(level, bool) else DEFAULTS["level"]
    return indicator, int(level)


MAX_LINES = 24  # regions on one line chart (each with its country)


def clean_explorer(indicator, regions, measure, base, log) -> tuple:
    """The explorer's controls with unknown values dropped: only known codes and years reach the cached chart."""
    tables = current_tables()
    indicator = clean(indicator, 2)[0]
    known = tables.memo("overview.region_codes", lambda: frozenset(tables.regions["code"]))
    codes = tuple(
        dict.fromkeys(
            c for c in (regions if isinstance(regions, (list, tuple)) else ()) if isinstance(c, str) and c in known
        )
    )[:MAX_LINES]
    measure = measure if measure in ("abs", "rel") else "abs"
    years = series_years(tables, indicator)
    base = base if isinstance(base, int) and not isinstance(base, bool) and base in years else None
    return indicator, codes, measure, base, bool(log) if isinstance(log, (bool, int, list)) else False


@caching.memoize
def explorer_outputs(indicator: str, regions: tuple, measure: str, base, log: bool, lang: str = "en") -> list:
    """Line chart of the chosen regions with their countries and the EU27, its table, source, title and note (in
    `lang`)."""
    _ = translator(lang)
    part = explore_view.lines(current_tables(), indicator, list(regions), measure, base, log, lang=lang)
    note = (_("Add regions above to draw them next to the EU27.") + " " if not regions else "") + part["note"]
    return caching.plain([part["figure"], part["table"], part["source"], part["title"], note.strip()])


def register(app):
    @app.callback(
        Output(YEAR, "marks"),
        Output(YEAR, "min"),
        Output(YEAR, "max"),
        Output(YEAR, "value"),
        Input(INDICATOR, "value"),
        Input(LEVEL, "value"),
        State(YEAR, "value"),
        prevent_initial_call=True,
    )
    def update_years(indicator, level, year):
        indicator, level = clean(indicator, level)
        years = indicator_years(indicator, level)
        keep = year if year in years else indicator_default_year(current_tables().indicators, indicator, years)
        if not years:
            return {}, 0, 0, None
        return year_marks(years), min(years), max(years), keep

    @app.callback(
        Output(BASE, "options"),
        Output(BASE, "value"),
        Input(INDICATOR, "value"),
        State(BASE, "value"),
        prevent_initial_call=True,
    )
    def update_base_years(indicator, base):
        years = series_years(current_tables(), clean(indicator, 2)[0])
        return [{"label": str(y), "value": y} for y in years], base if base in years else (years[0] if years else None)

    # The timeline plays in the browser: Play starts a 1.2 s interval that moves the slider on a year (from the
    # first year again when it stands on the last); it stops at the last year or on Pause. A tick that comes while
    # the page still draws the year before waits for the next one, so a slow server shows every year's map. The button's words in
    # the page's language: {language: {Play, Pause}} from the catalogues.
    words = json.dumps(
        {code: {word: translator(code)(word) for word in PLAY_WORDS} for code in LANGUAGES}, ensure_ascii=False
    )
    app.clientside_callback(
        """function(n, disabled, value, marks, lang) {
            const words = WORDS[lang] || WORDS.en;
            const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
            if (!years.length) { return [true, words.Play]; }
            if (disabled) {
                if (value === years[years.length - 1]) { window.dash_clientside.set_props('overview-year', {value: years[0]}); }
                return [false, words.Pause];
            }
            return [true, words.Play];
        }""".replace("WORDS", words),
        Output(TICK, "disabled"),
        Output(PLAY, "children"),
        Input(PLAY, "n_clicks"),
        State(TICK, "disabled"),
        State(YEAR, "value"),
        State(YEAR, "marks"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        """function(n, value, marks, lang) {
            const busy = document.querySelector('#page-content [data-dash-is-loading="true"]');
            if (busy) { return [window.dash_clientside.no_update, window.dash_clientside.no_update]; }
            const words = WORDS[lang] || WORDS.en;
            const years = Object.keys(marks || {}).map(Number).sort((a, b) => a - b);
            const i = years.indexOf(value);
            const last = i < 0 || i + 1 >= years.length - 1;
            if (last) { window.dash_clientside.set_props('overview-play', {children: words.Play}); }
            if (i < 0 || i >= years.length - 1) { return [window.dash_clientside.no_update, true]; }
            return [years[i + 1], last];
        }""".replace("WORDS", words),
        Output(YEAR, "value", allow_duplicate=True),
        Output(TICK, "disabled", allow_duplicate=True),
        Input(TICK, "n_intervals"),
        State(YEAR, "value"),
        State(YEAR, "marks"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    switch_panes(app, TAB, PANES)

    @app.callback(
        Output(LINES[GRAPH], "figure"),
        Output(LINES[TABLE], "children"),
        Output(LINES[SOURCE], "children"),
        Output(LINES[TITLE], "children"),
        Output(CHART_NOTE, "children"),
        Input(INDICATOR, "value"),
        Input(REGIONS, "value"),
        Input(MEASURE, "value"),
        Input(BASE, "value"),
        Input(LOG, "value"),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_lines(indicator, regions, measure, base, log, lang):
        return explorer_outputs(*clean_explorer(indicator, regions, measure, base, log), page_language(lang))

    @app.callback(
        Output(MAP[GRAPH], "figure"),
        Output(MAP[TABLE], "children"),
        Output(MAP[SOURCE], "children"),
        Output(MAP[TITLE], "children"),
        Output(HEADLINES, "children"),
        Output(TABLE_OUT, "children"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        State(PAGE_LANGUAGE, "data"),
    )
    def update_map(indicator, year, level, lang):
        indicator, level = clean(indicator, level)
        years = indicator_years(indicator, level)
        year = year if year in years and not isinstance(year, bool) else (years[-1] if years else None)
        out = overview_outputs(indicator, year, level, page_language(lang))
        return [*out, out[1]]  # the table tab shows the map's table

    @app.callback(
        Output(URL, "search"),
        Input(INDICATOR, "value"),
        Input(YEAR, "value"),
        Input(LEVEL, "value"),
        Input(TAB, "value"),
        Input(REGIONS, "value"),
        Input(MEASURE, "value"),
        Input(BASE, "value"),
        Input(LOG, "value"),
        prevent_initial_call=True,
    )
    def sync_url(indicator, year, level, tab, regions, measure, base, log):
        indicator, level = clean(indicator, level)
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        indicator, regions, measure, base, log = clean_explorer(indicator, regions, measure, base, log)
        years = series_years(current_tables(), indicator)
        return overview_search(
            indicator,
            year,
            level,
            tab if tab in ("map", "chart", "table") else "map",
            list(regions),
            measure,
            base,
            log,
            base_default=years[0] if years else None,
        )

    # href, not pathname: after the controls changed the search, a pathname alone would keep the old query.
    @app.callback(Output(NAV, "href"), Input(MAP[GRAPH], "clickData"), prevent_initial_call=True)
    def open_region(click):
        try:
            code = click["points"][0]["location"]
        except (TypeError, KeyError, IndexError):
            return no_update
        return dash.get_relative_path(f"/region/{code}")
