"""Every chart card's CSV button: the tidy frame of the chart (data.chart_data), made on the server from the spec
its figure carries, never from the drawn traces."""

from __future__ import annotations

import re
from datetime import date

from dash import MATCH, Input, Output, State, dcc

from components.chart_card import CSV_BUTTON, CSV_DOWNLOAD, CSV_NOTE, GRAPH, SOURCE, TITLE, ids
from components.language import PAGE_LANGUAGE, page_language
from components.rankings_view import ranking_chart
from data.chart_data import KINDS, ChartDataError, chart_frame, read_spec
from data.labels import translate_column
from data.store import current_tables
from data.tables_export import neutralise_formulas
from i18n import N_, in_language, translator


def filename(title) -> str:
    """'gdp-per-inhabitant-nuts-2-regions-2022-2026-12-05.csv' from the card's title."""
    text = title if isinstance(title, str) else ""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "chart"
    return f"{slug}-{date.today().isoformat()}.csv"


# The data kinds and those a page's view makes again (from the link of what it drew).
CSV_KINDS = {**KINDS, "ranking_chart": ranking_chart}


def chart_csv(clicks, figure, title, source, lang=None):
    """(download, note): the CSV of the chart, or no file and a sentence saying why. A frame without its own
    source line (drawn rows of a document or an upload) takes the card's."""
    if not clicks:
        return None, ""
    lang = page_language(lang)
    try:
        frame = chart_frame(current_tables(), read_spec(figure), CSV_KINDS)
    except ChartDataError as error:
        return None, in_language(error.args[:1], lang)[0] if error.args else ""
    if frame.empty:
        _ = translator(lang)
        return None, _("This chart has no data to download.")
    if isinstance(source, str):
        frame["source"] = frame["source"].where(frame["source"].astype(bool), source[:2000])
    return dcc.send_data_frame(
        neutralise_formulas(in_csv_language(frame, lang)).to_csv, filename(title), index=False
    ), ""


# The CSV's column names, for the catalogue: headers in the view's language, numbers left machine-readable.
HEADERS = {
    "indicator": N_("indicator"),
    "unit": N_("unit"),
    "year": N_("year"),
    "region_code": N_("region_code"),
    "region_name": N_("region_name"),
    "value": N_("value"),
    "flag": N_("flag"),
    "source": N_("source"),
}


def in_csv_language(frame, lang: str):
    """`frame` with its headers and its indicator and unit texts in `lang`; values (numbers, codes) as they are."""
    if lang == "en":
        return frame
    _ = translator(lang)
    frame = frame.assign(**{c: translate_column(frame[c], lang) for c in ("indicator", "unit") if c in frame})
    return frame.rename(columns={c: _(HEADERS[c]) for c in frame.columns if c in HEADERS})


def register(app):
    card = ids(MATCH)  # the card whose button was clicked
    app.callback(
        Output(card[CSV_DOWNLOAD], "data"),
        Output(card[CSV_NOTE], "children"),
        Input(card[CSV_BUTTON], "n_clicks"),
        State(card[GRAPH], "figure"),
        State(card[TITLE], "children"),
        State(card[SOURCE], "children"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )(chart_csv)
