"""What the Rankings page shows for a validated state: the ranking callback's outputs by name, as plain data.

`ranking_view(tables, state, data)` gives the figures, grid columns, the charts' text alternatives,
titles and sources for the ranked rows of `components.rankings_data.ranking_data`, and, for the summary, the
empty-result message and the composite's method note as plain facts, which `alert`, `summary` and `method_note`
turn into components after the cache read (callbacks/rankings.py caches the view per data version and state).
The grid's rows are not in it: the grid asks for them a block at a time (`grid_frame`, data.grid_rows).

The bulky outputs are kept as JSON text, under "json" (`bulky_as_json`): a warm answer then unpickles a few
strings that go into Dash's answer as they are, instead of rebuilding and re-encoding some 2,500 small values
(0.2 ms, a third of a warm answer; measured with benchmarks/callbacks_rankings.py).
"""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.io.json
from dash import html

from components import theme
from components.chart_card import data_table, with_csv
from components.figures import rankings as figs
from components.rankings_data import (
    LEVEL_NAMES,
    indicator_meta_of,
    labels,
    ranking_data,
    reference_values,
    sources,
)
from data import composite as comp
from data import grid_rows
from data.chart_data import MAX_ITEMS, ChartDataError, drawn, drawn_rows, spec
from data.ranking import shown_columns
from i18n import LANGUAGES, N_, Message, format_percent, ntranslator, translator
from state import rankings as st
from state.rankings import RankingsState

COMPOSITE_LABEL = N_("Composite indicator")
EMPTY_FIGURE = {"data": [], "layout": {}}
GRID_NOTE = N_(
    "Click a column header to sort, type in the boxes under the headers to filter. The CSV holds exactly "
    "the rows and columns shown, in the order shown."
)


def bulky_as_json(view: dict, names) -> dict:
    """`view` with the outputs `names` moved to view["json"] as JSON text."""
    return {k: v for k, v in view.items() if k not in names} | {
        "json": {k: plotly.io.json.to_json_plotly(view[k]) for k in names}
    }


def figure_style(figure) -> dict:
    return {"height": f"{figure.layout.height or 420}px"}


# --- the view ---------------------------------------------------------------------------------------------


def ranked_meta(tables, state: RankingsState, lang: str = "en") -> dict:
    """The label, unit, decimals and direction of what is ranked (texts in `lang`)."""
    _ = translator(lang)
    if state.composite:
        zscore_mean = state.norm == "zscore" and state.agg == "arithmetic"
        return {
            "label": _(COMPOSITE_LABEL),
            "unit": _("score (z-score mean)") if zscore_mean else _("score, 0 to 1"),
            "decimals": 2 if zscore_mean else 3,
            "higher_is_better": True,
        }
    meta = indicator_meta_of(tables, state.indicator)
    return {
        "label": _(meta["label"]),
        "unit": _(meta["unit"]),
        "decimals": int(meta["decimals"]),
        "higher_is_better": bool(meta["higher_is_better"]),
    }


def _title(meta, state: RankingsState, total: int, lang: str = "en") -> str:
    _ = translator(lang)
    regions = _(LEVEL_NAMES[state.level])
    if total > 2 * state.n:
        part = _("top and bottom {n} of {total} {regions}").format(n=state.n, total=total, regions=regions)
    else:
        part = _("all {total} {regions}").format(total=total, regions=regions)
    direction = "" if meta["higher_is_better"] else " " + _("(lower is better: rank 1 = lowest)")
    return (
        _("{indicator}, {year}: {regions}").format(indicator=meta["label"], year=state.year, regions=part) + direction
    )


def grid_columns(meta, cmp, composite, lang: str = "en") -> list[dict]:
    _ = translator(lang)
    fmt = f",.{meta['decimals']}f"
    number = NUMBER_FORMAT[lang]
    columns = [
        {"field": "rank", "headerName": _("Rank"), "filter": "agNumberColumnFilter", "maxWidth": 110, "sort": "asc"},
        {"field": "name", "headerName": _("Region"), "filter": "agTextColumnFilter", "minWidth": 200},
        {"field": "code", "headerName": _("Code"), "filter": "agTextColumnFilter", "maxWidth": 120},
        {"field": "country", "headerName": _("Country"), "filter": "agTextColumnFilter", "maxWidth": 120},
        {
            "field": "value",
            "headerName": f"{meta['label']} ({meta['unit']})",
            "filter": "agNumberColumnFilter",
            "type": "rightAligned",
            "minWidth": 160,
            "valueFormatter": {"function": f"params.value == null ? '' : {number}('{fmt}')(params.value)"},
        },
        {
            "field": "country_rank",
            "headerName": _("Rank in country"),
            "filter": "agNumberColumnFilter",
            "maxWidth": 150,
        },
    ]
    if cmp is not None:
        columns += [
            {
                "field": "earlier_rank",
                "headerName": _("Rank in {year}").format(year=cmp),
                "filter": "agNumberColumnFilter",
                "maxWidth": 140,
            },
            {
                "field": "rank_change",
                "headerName": _("Change since {year} (+ = up)").format(year=cmp),
                "filter": "agNumberColumnFilter",
                "maxWidth": 190,
                "valueFormatter": {
                    "function": "params.value == null ? " + json.dumps(_("no rank then")) + " : "
                    "(params.value > 0 ? '+' + params.value : String(params.value))"
                },
            },
        ]
    if composite:
        columns.append(
            {
                "field": "coverage",
                "headerName": _("Share of weight with a value"),
                "maxWidth": 200,
                "filter": "agNumberColumnFilter",
                "valueFormatter": {"function": f"params.value == null ? '' : {number}('.0%')(params.value)"},
            }
        )
    columns.append(
        {
            "field": "flag_text",
            "headerName": _("Flag"),
            "filter": "agTextColumnFilter",
            "minWidth": 160,
            "tooltipField": "flag_text",
        }
    )
    return columns


def _summary(data, meta, state: RankingsState, lang: str = "en") -> dict:
    """The summary line's parts: how many regions are ranked, on what, and which are left out and why."""
    _, ngettext = translator(lang), ntranslator(lang)
    ranked, missing = len(data["rows"]), len(data["missing"])
    what = _("the composite indicator") if state.composite else meta["label"]
    summary = {
        "ranked": _("{count} {regions} ranked").format(count=ranked, regions=_(LEVEL_NAMES[state.level])),
        "what": " " + _("on {what} in {year}: {regions}.").format(what=what, year=state.year, regions=data["set"]),
        "missing": None,
    }
    if missing:
        if state.composite:
            why = ngettext(
                "{count} region has values for less than {share} of the composite's weight in {year}",
                "{count} regions have values for less than {share} of the composite's weight in {year}",
                missing,
            ).format(count=missing, share=format_percent(100 * comp.MIN_SHARE, lang, 0), year=state.year)
        else:
            why = ngettext(
                "{count} region has no value for {year}", "{count} regions have no value for {year}", missing
            ).format(count=missing, year=state.year)
        names = ", ".join(f"{r['name']} ({r['code']})" for r in data["missing"][:60])
        more = " " + _("and {count} more").format(count=missing - 60) if missing > 60 else ""
        summary["missing"] = {
            "why": why,
            "verb": ngettext("and is left out of the ranking.", "and are left out of the ranking.", missing),
            "names": names + more,
            "which": _("Which?"),
        }
    return summary


def _method(tables, data, state: RankingsState, lang: str = "en") -> dict | None:
    """The composite's method note: the weights used, and the indicators left out now or in the comparison year."""
    if not data["used"]:
        return None
    _ = translator(lang)
    names = labels(tables, lang)
    default = st.default_weights(tables, st.level_codes(tables, state.level, state.eu), state.year)
    positive = {k: w for k, w in state.weights.items() if w > 0}
    is_default = bool(default) and set(positive) == set(default) and len(set(positive.values())) == 1
    earlier_dropped = data["earlier_dropped"] if state.cmp is not None else []
    return {
        "head": (_("Default composite in {year}: ") if is_default else _("Composite in {year}: ")).format(
            year=state.year
        ),
        "used": ", ".join(f"{names.get(i, i)} {format_percent(100 * w, lang, 0)}" for i, w in data["weights"].items()),
        "dropped": ", ".join(names.get(i, i) for i in data["dropped"]),
        "earlier_dropped": ", ".join(names.get(i, i) for i in earlier_dropped),
        "year": state.year,
        "cmp": state.cmp,
        "lang": lang,
    }


# The grid's number formatter per language (assets/charts.js: eucFormat).
NUMBER_FORMAT = {"en": "d3.format", "fr": "eucFormat(d3, 'fr')"}

BULKY = ("bars", "bars_table", "contrib", "contrib_table", "columns")


def empty_view(**facts) -> dict:
    return {
        "bars": EMPTY_FIGURE,
        "bars_style": {"height": "420px"},
        "bars_table": None,
        "bars_source": "",
        "bars_title": "",
        "contrib": EMPTY_FIGURE,
        "contrib_style": {"height": "420px"},
        "contrib_table": None,
        "contrib_source": "",
        "contrib_title": "",
        "columns": [],
        "ranked": 0,
        "grid_note": "",
        "summary": None,
        "empty": None,
        "method": None,
    } | facts


def ranking_view(tables, state: RankingsState, data: dict, lang: str = "en") -> dict:
    """The ranking callback's outputs by name for the ranked rows `data`, the bulky ones as JSON text under
    "json"; `summary`, `empty` and `method` hold plain facts (or None). Texts in `lang`."""
    _ = translator(lang)
    meta = ranked_meta(tables, state, lang)
    method = _method(tables, data, state, lang) if state.composite else None
    if data["n_set"] == 0:
        return bulky_as_json(
            empty_view(
                method=method,
                empty={
                    "strong": _("No region matches these filters"),
                    "color": "info",
                    "text": " ("
                    + data["set"]
                    + "). "
                    + _("Remove a filter or choose another NUTS level to see a ranking."),
                },
            ),
            BULKY,
        )
    if not data["rows"]:
        what = _("the composite indicator") if state.composite else meta["label"]
        reason = " ".join(data["notes"]) or _("None of the {count} {regions} has a value for {what} in {year}.").format(
            count=data["n_set"], regions=_(LEVEL_NAMES[state.level]), what=what, year=state.year
        )
        return bulky_as_json(
            empty_view(
                method=method,
                summary=_summary(data, meta, state, lang),
                empty={
                    "strong": _("Nothing to rank.") + " ",
                    "text": reason + " " + _("Choose another year or indicator."),
                    "color": "info",
                },
            ),
            BULKY,
        )
    rows = shown_columns(data["rows"], state.n, state.mark)
    title = _title(meta, state, len(data["rows"]), lang)
    reference = None
    if not state.composite:
        reference = (reference_values(tables, "EU27_2020").get((state.indicator, state.year), float("nan")), "EU27")
    bars = figs.ranked_bars(rows, title, meta["unit"], meta["decimals"], reference, lang=lang)
    source = _source(tables, state, data, lang)
    with_csv(
        bars,
        composite_spec(state, "bars", lang)
        if state.composite
        else spec("indicator_values", indicators=[state.indicator], regions=list(rows["code"]), year=state.year),
    )
    shown = rows | {
        "value": [theme.format_value(v, meta["decimals"], lang=lang) for v in rows["value"]],
        "marked": [_("selected") if m else "" for m in rows["marked"]],
    }
    view = empty_view(
        bars=bars,
        bars_style=figure_style(bars),
        bars_title=title,
        bars_source=source,
        bars_table=data_table(
            shown,
            {
                "rank": _("Rank"),
                "name": _("Region"),
                "code": _("Code"),
                "value": f"{meta['label']} ({meta['unit']})",
                "flag_text": _("Flag"),
                "marked": _("Selected"),
            },
            lang=lang,
        ),
        summary=_summary(data, meta, state, lang),
        method=method,
        grid_note=_(GRID_NOTE),
        ranked=len(data["rows"]),
    )
    if state.composite and data["contributions"]:
        names = labels(tables, lang)
        contributions = data["contributions"]  # indicator -> {code: contribution}
        ctitle = _("What the composite is made of, {year}: contribution of each indicator").format(year=state.year)
        contrib = figs.contribution_bars(rows, contributions, names, ctitle, meta["decimals"], lang=lang)
        with_csv(contrib, composite_spec(state, "contributions", lang))
        ctable = {c: rows[c] for c in ("rank", "name", "code")} | {
            c: [theme.format_value(column.get(code), meta["decimals"], lang=lang) for code in rows["code"]]
            for c, column in contributions.items()
        }
        view.update(
            contrib=contrib,
            contrib_style=figure_style(contrib),
            contrib_title=ctitle,
            contrib_source=source,
            contrib_table=data_table(
                ctable,
                {"rank": _("Rank"), "name": _("Region"), "code": _("Code")}
                | {c: names.get(c, c) for c in contributions},
                lang=lang,
            ),
        )
    view.update(columns=grid_columns(meta, state.cmp, state.composite, lang))
    return bulky_as_json(view, BULKY)


def _source(tables, state: RankingsState, data: dict, lang: str = "en") -> str:
    _ = translator(lang)
    return sources(tables, data["used"] if state.composite else [state.indicator], _("ranks"), lang)


# --- the composite's chart CSVs (made on the server from the ranking's link) -------------------------------

COMPOSITE_CHARTS = ("bars", "contributions")


def composite_spec(state: RankingsState, chart: str, lang: str = "en") -> dict:
    """The CSV spec of a composite ranking's chart: the link of the regions it shows, not its rows (a row per
    region and indicator was most of a large composite's answer: 35 of 78 KB with 14 indicators)."""
    return spec("ranking_chart", search=st.chart_search(state), chart=chart, lang=lang)


def composite_drawn(tables, state: RankingsState, data: dict, chart: str, lang: str = "en") -> dict:
    """The rows of a composite ranking's chart (`chart`: "bars" or "contributions") as a `drawn` spec: the
    composite score, or each indicator's contribution, of every region the chart shows. Texts in `lang`."""
    _ = translator(lang)
    meta = ranked_meta(tables, state, lang)
    rows = pd.DataFrame(shown_columns(data["rows"], state.n, state.mark))
    source = _source(tables, state, data, lang)
    if chart == "bars":
        return drawn(
            rows, indicator=meta["label"], unit=meta["unit"], year=state.year, source=source, decimals=meta["decimals"]
        )
    names = labels(tables, lang)
    contributions = pd.DataFrame(data["contributions"])
    long = contributions.reindex(rows["code"]).rename_axis("code").reset_index().melt("code", var_name="what")
    return drawn(
        long.assign(
            what=_("Contribution: ") + long["what"].map(lambda i: names.get(i, i)),
            name=long["code"].map(dict(zip(rows["code"], rows["name"]))),
        ),
        unit=meta["unit"],
        year=state.year,
        source=source,
        decimals=meta["decimals"],
    )


def composite_csv(tables, search, chart, lang="en") -> pd.DataFrame:
    """The CSV frame of a composite ranking's chart from its spec (`composite_spec`; it comes back from the
    browser: the link is parsed like one, the chart and language checked); ChartDataError when nothing is ranked."""
    state = st.grid_state(tables, search)
    if state is None or not state.composite or state.year is None or chart not in COMPOSITE_CHARTS:
        raise ChartDataError(Message("This chart's download is not available."))
    lang = lang if isinstance(lang, str) and lang in LANGUAGES else "en"
    data = ranking_data(tables, state, lang)
    if not data["rows"] or (chart == "contributions" and not data["contributions"]):
        raise ChartDataError(Message("This chart has no rows to download."))
    return drawn_rows(tables, **composite_drawn(tables, state, data, chart, lang)["args"])


# --- the grid's rows (sent a block at a time) --------------------------------------------------------------


RANK_COLUMNS = frozenset({"rank", "country_rank", "earlier_rank", "rank_change"})


def grid_frame(tables, state: RankingsState, data: dict, lang: str = "en") -> pd.DataFrame:
    """Every ranked row in rank order, in the grid's columns (values rounded as shown; missing stays missing)."""
    meta = ranked_meta(tables, state, lang)
    columns = [c["field"] for c in grid_columns(meta, state.cmp, state.composite, lang)]
    if not data["rows"]:
        return pd.DataFrame(columns=columns)
    grid = pd.DataFrame(data["rows"])
    for col in RANK_COLUMNS:
        grid[col] = pd.array(grid[col], dtype="Int64")
    grid["value"] = grid["value"].astype("float64").round(meta["decimals"])
    if "coverage" in grid:
        grid["coverage"] = grid["coverage"].astype("float64").round(3)
    return grid.reindex(columns=columns)


def rows_shown(tables, state: RankingsState, frame: pd.DataFrame, request, lang: str = "en") -> pd.DataFrame:
    """The rows of `frame` the grid shows (the filters and sort of its `request`), every one of them, in the
    grid's columns under its headers (the CSV of the rows shown)."""
    request = request if isinstance(request, dict) else {}
    shown = grid_rows.rows_shown(frame, request.get("filterModel"), request.get("sortModel"))
    columns = grid_columns(ranked_meta(tables, state, lang), state.cmp, state.composite, lang)
    return shown.reindex(columns=[c["field"] for c in columns]).rename(
        columns={c["field"]: c["headerName"] for c in columns}
    )


def grid_file_name(state: RankingsState) -> str:
    return f"rankings-{state.indicator}-{state.year}-nuts{state.level}.csv"


# --- components from plain facts (built after the cache read) ----------------------------------------------


def alert(notice: dict | None):
    if notice is None:
        return None
    text = [html.Strong(notice["strong"]), notice["text"]] if notice.get("strong") else notice["text"]
    return dbc.Alert(text, color=notice["color"])


def summary(facts: dict | None):
    if facts is None:
        return None
    parts = [html.Strong(facts["ranked"]), facts["what"]]
    missing = facts["missing"]
    if missing:
        parts += [
            " ",
            html.Strong(missing["why"]),
            f" {missing['verb']} ",
            html.Details(
                [html.Summary(missing["which"], className="d-inline"), missing["names"]],
                className="d-inline-block small",
            ),
        ]
    return html.Div(parts, className="mb-1")  # a Div: <details> may not sit inside a <p>


def method_note(facts: dict | None):
    if facts is None:
        return ""
    _ = translator(facts.get("lang", "en"))
    text = facts["used"] + " " + _("(weights re-scaled to sum to 100%).")
    if facts["dropped"]:
        text += " " + _("Left out, no value in {year}: {indicators}.").format(
            year=facts["year"], indicators=facts["dropped"]
        )
    if facts["earlier_dropped"]:
        text += " " + _(
            "In {year} there is no value for {indicators}: the {year} ranks use the other indicators."
        ).format(year=facts["cmp"], indicators=facts["earlier_dropped"])
    return html.P([html.Strong(facts["head"]), text], className="mb-0")


def ranking_chart(tables, search, chart, lang="en") -> pd.DataFrame:
    """The CSV kind "ranking_chart" (registered in callbacks/chart_csv.py): the rows of a composite ranking's chart
    (the composite's bars or each indicator's contribution) for the ranking's link `search`, made again on the
    server: the figure carries the link, not the rows."""
    if not isinstance(search, str) or len(search) > 20 * MAX_ITEMS:
        raise ChartDataError(Message("This chart's download is not available."))
    return composite_csv(tables, search, chart, lang)
