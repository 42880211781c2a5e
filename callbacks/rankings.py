"""Rankings page callbacks, wired by name: each takes the controls as the link's query keys, parses them into the
page's `RankingsState` (the parser links go through) and returns its outputs as a dict keyed by name.

What to show is built as plain data by components/rankings_data.py and components/rankings_view.py, cached here
per data version and state (and in rankings_sensitivity.py); the alerts, the summary and the method note are made
components from the view's plain facts when the view is made, and cached with it as the plain data Dash sends.
"""

from __future__ import annotations

import json

import orjson
import pandas as pd
from dash import ALL, Input, Output, State, dcc, no_update
from dash.exceptions import PreventUpdate

import caching
from callbacks.rankings_sensitivity import sensitivity_view
from components import rankings_data, rankings_view
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, drawn_when_visible, ids, visible_input
from components.language import PAGE_LANGUAGE, page_language
from data import grid_rows
from data.store import current_tables
from data.tables_export import neutralise_formulas
from i18n import translator
from pages import rankings as page
from state import rankings as st

BARS, CONTRIBUTIONS, SENSITIVITY = ids(page.BARS), ids(page.CONTRIBUTIONS), ids(page.SENSITIVITY)

# The page's controls by their key in the link (state/rankings.py): a callback's keyword arguments are a query.
CONTROLS = {
    "indicator": (page.INDICATOR, "value"),
    "year": (page.YEAR, "value"),
    "cmp": (page.CMP, "value"),
    "level": (page.LEVEL, "value"),
    "eu": (page.EU, "value"),
    "countries": (page.COUNTRIES, "value"),
    "eco": (page.ECOSYSTEM, "value"),
    "lq": (page.LQ, "value"),
    "prog": (page.PROGRAMME, "value"),
    "basket": (page.BASKET, "value"),
    "mark": (page.MARK, "value"),
    "n": (page.TOP_N, "value"),
    "w": (page.WEIGHTS, "data"),
    "norm": (page.NORM, "value"),
    "agg": (page.AGG, "value"),
    "draws": (page.DRAWS, "value"),
    "conc": (page.CONC, "value"),
    "seed": (page.SEED, "value"),
    "lang": (PAGE_LANGUAGE, "data"),  # the language the page was drawn in
}
SENSITIVITY_CONTROLS = ("draws", "conc", "seed")


def controls(*names: str, dependency=Input, leave_out=()) -> dict:
    """{query key: Input(...)} of the named controls (all of them when none is named)."""
    return {name: dependency(*CONTROLS[name]) for name in names or CONTROLS if name not in leave_out}


def _options(values) -> list[dict]:
    return [{"label": str(v), "value": v} for v in values]


# --- cached answers (plain data per data version and validated state) --------------------------------------

COMPOSITE_ONLY = ("weights", "weights_default", "norm", "agg")  # fields a single indicator's ranking ignores
SENSITIVITY_ONLY = ("draws", "conc", "seed")


def state_key(state: st.RankingsState, *ignored: str) -> str:
    """The state's cache key without `ignored` fields, nor the composite's when a single indicator is ranked."""
    return state.key(*ignored, *(() if state.composite else COMPOSITE_ONLY))


def ranking_data(state: st.RankingsState, lang: str = "en") -> dict:
    """Ranked rows, the regions without a value and what the page says about them (plain data)."""
    return _ranking_data(state_key(state, "mark", "n", *SENSITIVITY_ONLY), lang)


@caching.memoize
def _ranking_data(key: str, lang: str) -> dict:
    return rankings_data.ranking_data(current_tables(), st.RankingsState.from_key(key), lang)


def ranking_view(state: st.RankingsState, lang: str = "en") -> dict:
    """The ranking callback's outputs by name, the bulky ones as JSON text under "json"; `summary`, `empty` and
    `method` hold plain facts (or None), and "components" them as the components' plain data."""
    return _ranking_view(state_key(state, *SENSITIVITY_ONLY), lang)


@caching.memoize
def _ranking_view(key: str, lang: str) -> dict:
    state = st.RankingsState.from_key(key)
    view = rankings_view.ranking_view(current_tables(), state, ranking_data(state, lang), lang)
    # Components as plain data, made once with the view (a warm answer builds and encodes none): orjson then
    # encodes the whole answer in one pass (with one component left in, plotly's encoder walks it in Python).
    components = {
        "summary": rankings_view.summary(view["summary"]),
        "empty": rankings_view.alert(view["empty"]),
        "method": rankings_view.method_note(view["method"]),
    }
    return view | {"components": caching.plain(components)}


RANKING_OUTPUTS = {
    "bars": Output(BARS[GRAPH], "figure"),
    "bars_style": Output(BARS[GRAPH], "style"),
    "bars_table": Output(BARS[TABLE], "children"),
    "bars_source": Output(BARS[SOURCE], "children"),
    "bars_title": Output(BARS[TITLE], "children"),
    "contrib": Output(CONTRIBUTIONS[GRAPH], "figure"),
    "contrib_style": Output(CONTRIBUTIONS[GRAPH], "style"),
    "contrib_table": Output(CONTRIBUTIONS[TABLE], "children"),
    "contrib_source": Output(CONTRIBUTIONS[SOURCE], "children"),
    "contrib_title": Output(CONTRIBUTIONS[TITLE], "children"),
    "columns": Output(page.GRID, "columnDefs"),
    "grid_key": Output(page.GRID_KEY, "data"),
    "grid_note": Output(page.GRID_NOTE, "children"),
    "summary": Output(page.SUMMARY, "children"),
    "empty": Output(page.EMPTY, "children"),
    "hidden": Output(page.RESULTS, "hidden"),
    "method": Output(page.METHOD_NOTE, "children"),
}
SENSITIVITY_OUTPUTS = {
    "figure": Output(SENSITIVITY[GRAPH], "figure"),
    "style": Output(SENSITIVITY[GRAPH], "style"),
    "table": Output(SENSITIVITY[TABLE], "children"),
    "source": Output(SENSITIVITY[SOURCE], "children"),
    "title": Output(SENSITIVITY[TITLE], "children"),
    "summary": Output(page.SENS_SUMMARY, "children"),
}


YEAR_OUTPUTS = {
    "year_options": Output(page.YEAR, "options"),
    "year": Output(page.YEAR, "value"),
    "cmp_options": Output(page.CMP, "options"),
    "cmp": Output(page.CMP, "value"),
}


def year_outputs(state: st.RankingsState, values: dict, lang: str = "en") -> dict:
    """The year and comparison-year choices for a state; a value is sent only when it changes (a value set, even
    to itself, would run every callback that reads it again)."""
    _ = translator(lang)
    cmp = st.NONE if state.cmp is None else state.cmp
    return {
        "year_options": _options(state.years),
        "year": state.year if str(state.year) != str(values.get("year")) else no_update,
        "cmp_options": [{"label": _("no comparison"), "value": st.NONE}] + _options(state.cmp_years),
        "cmp": cmp if str(cmp) != str(values.get("cmp")) else no_update,
    }


def ranking_outputs(state: st.RankingsState, lang: str = "en") -> dict:
    """The ranking callback's answer for a state: the cached view, its facts as the cached components."""
    _ = translator(lang)
    if state.year is None:
        return _failed(_("No year has data for this choice at this NUTS level."), "info")
    try:
        view = ranking_view(state, lang)
    except (KeyError, ValueError, TypeError):
        return _failed(_("These settings cannot be ranked; please choose another indicator or year."), "warning")
    grid_key = st.grid_search(state) if view["ranked"] else ""
    # Not outputs: whether the grid has rows, and the components (sent in place of the facts they show).
    outputs = {k: v for k, v in view.items() if k not in ("ranked", "components")}
    return sent_as_is(outputs) | view["components"] | {"hidden": view["empty"] is not None, "grid_key": grid_key}


def _failed(text: str, color: str) -> dict:
    view = rankings_view.bulky_as_json(rankings_view.empty_view(), rankings_view.BULKY)
    return sent_as_is({k: v for k, v in view.items() if k != "ranked"}) | {
        "bars_style": no_update,
        "contrib_style": no_update,
        "grid_key": "",
        "empty": caching.plain(rankings_view.alert({"text": text, "color": color})),
        "hidden": True,
        "method": "",
    }


def sent_as_is(view: dict) -> dict:
    """A cached view's outputs, its JSON text (view["json"]) put into Dash's answer unparsed: Dash encodes its
    answers with plotly's JSON encoder, which hands them to orjson, and orjson.Fragment is JSON already."""
    return {k: v for k, v in view.items() if k != "json"} | {k: orjson.Fragment(t) for k, t in view["json"].items()}


# --- the grid's rows, a block at a time (AG Grid's infinite row model) ---------------------------------------


@caching.memoize
def grid_records(key: str, lang: str) -> list:
    """Every ranked row in the grid's columns (plain records), per ranking: what its blocks and CSV are cut from."""
    state = st.RankingsState.from_key(key)
    frame = rankings_view.grid_frame(current_tables(), state, ranking_data(state, lang), lang)
    return caching.plain(frame.astype(object).where(frame.notna(), None).to_dict("records"))


def grid_of(search, lang: str) -> tuple[st.RankingsState | None, pd.DataFrame]:
    """The state of a grid key (a link's query, parsed like one) and every row of its grid."""
    state = st.grid_state(current_tables(), search)
    if state is None or state.year is None:
        return None, pd.DataFrame()
    try:
        records = grid_records(state_key(state, "mark", "n", *SENSITIVITY_ONLY), lang)
    except (KeyError, ValueError, TypeError):  # as the ranking itself: these settings cannot be ranked
        return None, pd.DataFrame()
    frame = pd.DataFrame.from_records(records)
    for column in rankings_view.RANK_COLUMNS & set(frame.columns):  # whole numbers, missing ones included
        frame[column] = pd.array(frame[column], dtype="Int64")
    return state, frame


def grid_csv(search, request, lang: str = "en"):
    """The rows the grid shows (its filters and sort, from its last request), every one of them, under the grid's
    headers; formulas neutralised."""
    state, frame = grid_of(search, lang)
    if state is None:
        raise PreventUpdate
    shown = rankings_view.rows_shown(current_tables(), state, frame, request, lang)
    return dcc.send_data_frame(neutralise_formulas(shown).to_csv, rankings_view.grid_file_name(state), index=False)


# The sliders' weights as the ranking reads them ('id:w,...', positive weights only, as state.format_weights
# writes them); a value that is not a weight from 0 to WEIGHT_MAX counts as 0, as in _slider_weight.
WEIGHTS_JS = """function (values, sliders) {
    const max = MAX, parts = [];
    (sliders || []).forEach(function (ident, i) {
        const w = typeof values[i] === 'boolean' ? 0 : parseFloat(values[i]);
        if (w > 0 && w <= max) { parts.push(ident.index + ':' + (Number.isInteger(w) ? w : Math.round(w * 100) / 100)); }
    });
    return parts.join(',');
}""".replace("MAX", str(st.WEIGHT_MAX))


def _slider_weight(value) -> float:
    """A slider's weight: range inputs may report their value as text; anything else counts as 0."""
    try:
        weight = float(value) if not isinstance(value, bool) else 0.0
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return weight if 0 <= weight <= st.WEIGHT_MAX else 0.0


def register(app):
    @app.callback(
        output={
            "country_options": Output(page.COUNTRIES, "options"),
            "countries": Output(page.COUNTRIES, "value"),
            "basket_options": Output(page.BASKET, "options"),
            "basket": Output(page.BASKET, "value"),
            "mark_options": Output(page.MARK, "options"),
            "mark": Output(page.MARK, "value"),
        },
        inputs=controls("level", "eu") | controls("countries", "basket", "mark", dependency=State),
        prevent_initial_call=True,
    )
    def update_region_options(**values):
        tables = current_tables()
        state = st.state_of_controls(tables, values)
        countries, regions = rankings_data.region_options(tables, state.level, state.eu)
        return {
            "country_options": countries,
            "countries": list(state.countries),
            "basket_options": regions,
            "basket": list(state.basket),
            "mark_options": regions,
            "mark": list(state.mark),
        }

    @app.callback(
        output={"weights": Output({"type": page.WEIGHT, "index": ALL}, "value")},
        inputs={
            "_clicks": Input(page.RESET, "n_clicks"),
            "sliders": State({"type": page.WEIGHT, "index": ALL}, "id"),
            **controls("year", "level", "eu", dependency=State),
        },
        prevent_initial_call=True,
    )
    def reset_weights(_clicks, sliders, **values):
        """The default composite's weights (the state of the link without `w`) onto the sliders."""
        if not isinstance(sliders, list) or not all(isinstance(i, dict) and "index" in i for i in sliders):
            raise PreventUpdate
        state = st.state_of_controls(current_tables(), values | {"indicator": st.COMPOSITE})
        return {"weights": [state.weights.get(i["index"], 0) for i in sliders]}

    # The weights the ranking reads, collected in the browser: a slider move is then one request (the ranking),
    # not a request for the weights and then one for the ranking. The server validates them (state.parse_weights).
    app.clientside_callback(
        WEIGHTS_JS,
        Output(page.WEIGHTS, "data"),
        Input({"type": page.WEIGHT, "index": ALL}, "value"),
        State({"type": page.WEIGHT, "index": ALL}, "id"),
        prevent_initial_call=True,
    )

    @app.callback(
        output={"shares": Output({"type": page.WEIGHT_SHARE, "index": ALL}, "children")},
        inputs={
            "values": Input({"type": page.WEIGHT, "index": ALL}, "value"),
            "sliders": State({"type": page.WEIGHT, "index": ALL}, "id"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def weight_shares(values, sliders, lang):
        """Each slider's weight and share of the total, in the page's language (beside the slider)."""
        if (
            not isinstance(values, list)
            or not isinstance(sliders, list)
            or len(values) != len(sliders)
            or not all(isinstance(i, dict) and isinstance(i.get("index"), str) for i in sliders)
        ):
            raise PreventUpdate
        weights = [_slider_weight(value) for value in values]
        total = sum(w for w in weights if w > 0)
        return {"shares": [page.weight_text(w, total, page_language(lang)) for w in weights]}

    app.clientside_callback(
        "function(indicator) { const hide = indicator !== 'composite'; return [hide, hide]; }",
        Output(page.COMPOSITE_PANEL, "hidden"),
        Output(page.COMPOSITE_RESULTS, "hidden"),
        Input(page.INDICATOR, "value"),
    )

    @app.callback(
        Output(page.GRID, "getRowsResponse"),
        inputs={
            "request": Input(page.GRID, "getRowsRequest"),
            "key": State(page.GRID_KEY, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def grid_block(request, key, lang=None):
        return grid_rows.block(grid_of(key, page_language(lang))[1], request)

    # A new ranking empties the grid's cache: it asks for its rows again.
    app.clientside_callback(
        "function() { dash_ag_grid.getApiAsync("
        + json.dumps(page.GRID)
        + ").then(function (api) { api.purgeInfiniteCache(); }); return Date.now(); }",
        Output(page.GRID_REFRESHED, "data"),
        Input(page.GRID_KEY, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(page.GRID_DOWNLOAD, "data"),
        inputs={
            "clicks": Input(page.CSV, "n_clicks"),
            "request": State(page.GRID, "getRowsRequest"),
            "key": State(page.GRID_KEY, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
        prevent_initial_call=True,
    )
    def download_grid(clicks, request, key, lang=None):
        return grid_csv(key, request, page_language(lang))

    # The years offered depend on the indicator, level, EU setting and weights: the ranking's own callback sets
    # them (year and cmp are its inputs and outputs), so a control change is one request, not years then ranking.
    @app.callback(output=RANKING_OUTPUTS | YEAR_OUTPUTS, inputs=controls(leave_out=SENSITIVITY_CONTROLS))
    def update_ranking(**values):
        state = st.state_of_controls(current_tables(), values)
        lang = page_language(values.get("lang"))
        return ranking_outputs(state, lang) | year_outputs(state, values, lang)

    @app.callback(
        output=SENSITIVITY_OUTPUTS,
        inputs={**controls(leave_out=("cmp",)), "visible": visible_input(page.SENSITIVITY)},
    )
    def update_sensitivity(visible, **values):
        state = st.state_of_controls(current_tables(), values)
        if not state.composite or state.year is None:
            raise PreventUpdate
        drawn_when_visible(visible)
        return sent_as_is(sensitivity_view(state, page_language(values.get("lang"))))

    @app.callback(
        output={"search": Output(page.URL, "search")}, inputs=controls(leave_out=("lang",)), prevent_initial_call=True
    )
    def sync_url(**values):
        return {"search": st.rankings_search(st.state_of_controls(current_tables(), values))}
