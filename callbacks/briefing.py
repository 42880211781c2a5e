"""Policy briefing callbacks (/briefing/<code>): the report assembled from the Region page's builders and the
cluster stars, and Figure 4 redrawn when a threshold moves.

`briefing_report` and `figure4_data` cache the plain data built by components/briefing_view.py and
components/briefing_figure4.py (sections with sentence, figure, table, source), used by the page and by the PDF /
PowerPoint exports (callbacks/briefing_export.py) alike.
"""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, State, no_update
from dash.exceptions import PreventUpdate

import caching
from callbacks import region as r
from components import briefing_view as view
from components.briefing_figure4 import figure4_columns, figure4_parts
from components.chart_card import data_table
from components.language import PAGE_LANGUAGE, page_language
from data import typology as ty
from data.profile import PROFILE, default_year, region_info
from data.store import current_tables
from pages import briefing as page
from state.briefing import briefing_search
from state.rankings import parse_weights
from state.region import known


def default_peers(code: str) -> list[str]:
    """Its country's regions of its level (all EU countries for a country) plus, for a NUTS 2 region, its five
    most similar NUTS 2 regions elsewhere (the Region page's similarity on the profile indicators)."""
    tables = current_tables()
    info = region_info(tables.regions, code)
    regions = tables.regions[(tables.regions["level"] == info["level"]) & tables.regions["is_eu"]]
    if info["level"] > 0:
        regions = regions[regions["nuts0"] == info["nuts0"]]
    peers = regions["code"].tolist()
    if info["level"] == 2:
        year = default_year(tables.indicator_values, code)
        peers += [row["code"] for row in r.similar_data(code, year, list(PROFILE), 5, True)["rows"]]
    return [c for c in dict.fromkeys(peers) if c != code]


@caching.memoize
def figure4_data(
    codes: list, kind: str, c1: float, c2: float, s1, s2, weights: str, highlight: str, lang: str = "en"
) -> dict:
    """Figure 4 for `codes`: composite of each region among the EU regions of its level (the Rankings
    composite), total stars, the types; with the thresholds' note and one text row per region, in `lang`."""
    return figure4_parts(current_tables(), codes, kind, c1, c2, s1, s2, weights, highlight, lang)


@caching.memoize
def figure_sections(code: str, lang: str = "en") -> dict:
    """Figures 1-3 as plain data in `lang` (drawn by the Region page's builders), with the reference year and the
    country's name they were made for."""
    tables = current_tables()
    year = default_year(tables.indicator_values, code)
    headline = r.headline_data(code, year, lang)
    sections = view.figure_sections(tables, code, year, headline, lang)
    return {"year": year, "country_name": headline["country_name"], "sections": sections}


@caching.memoize
def context_sections(code: str, lang: str = "en") -> list[dict]:
    """The sections after Figure 4 (stars, programmes, organisations, policy) as plain data in `lang`."""
    return view.context_sections(current_tables(), code, lang)


def briefing_report(code: str, lang: str = "en") -> dict:
    """The briefing's sections other than Figure 4, in the seeds' order: the page's two parts, for the exports."""
    figures = figure_sections(code, lang)
    sections = figures["sections"] + context_sections(code, lang)
    return view.briefing_report(current_tables(), code, figures["year"], figures["country_name"], sections)


@caching.memoize
def figures_answer(code: str, lang: str = "en") -> list:
    """The sections before Figure 4 as components: an answer of its own, so that neither answer carries the whole
    report (the two were one answer of 60 KB)."""
    return caching.plain([view.section_component(s, lang) for s in figure_sections(code, lang)["sections"]])


@caching.memoize
def context_answer(code: str, lang: str = "en") -> list:
    """The sections after Figure 4 as components."""
    return caching.plain([view.section_component(s, lang) for s in context_sections(code, lang)])


def sections_answer(code: str, lang: str = "en") -> dict:
    """Both parts of the page around Figure 4, as the page shows them."""
    return {"before": figures_answer(code, lang), "after": context_answer(code, lang)}


def figure4_codes(store: dict) -> list[str]:
    code = store["code"]
    peers = store.get("peers") or default_peers(code)
    return [code] + [c for c in peers if c != code]


@caching.memoize
def figure4_answer(codes: list, kind: str, c1, c2, s1, s2, weights: str, code: str, lang: str = "en") -> dict:
    data = figure4_data(codes, kind, c1, c2, s1, s2, weights, code, lang)
    return caching.plain(
        {
            "figure": data["figure"],
            "table": data_table(pd.DataFrame(data["rows"]), figure4_columns(lang)),
            "source": data["source"],
            "sentence": data["sentence"],
            "note": data["note"],
        }
    )


def _region_of(store) -> str:
    if not isinstance(store, dict) or store.get("code") not in known(current_tables())[0]:
        raise PreventUpdate
    return store["code"]


def _float(value, default):
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return out if out == out else default


def register(app):
    @app.callback(Output(page.BEFORE, "children"), Input(page.STORE, "data"), State(PAGE_LANGUAGE, "data"))
    def fill_figures(store, lang):
        return figures_answer(_region_of(store), page_language(lang))

    @app.callback(Output(page.AFTER, "children"), Input(page.STORE, "data"), State(PAGE_LANGUAGE, "data"))
    def fill_context(store, lang):
        return context_answer(_region_of(store), page_language(lang))

    fig4 = page.FIG4_IDS

    @app.callback(
        output={
            "figure": Output(fig4["graph"], "figure"),
            "table": Output(fig4["table"], "children"),
            "source": Output(fig4["source"], "children"),
            "sentence": Output(page.FIG4_SENTENCE, "children"),
            "note": Output(page.FIG4_NOTE, "children"),
        },
        inputs={
            "c1": Input(page.C1, "value"),
            "c2": Input(page.C2, "value"),
            "s1": Input(page.S1, "value"),
            "s2": Input(page.S2, "value"),
            "kind": Input(page.KIND, "value"),
            "store": State(page.STORE, "data"),
            "lang": State(PAGE_LANGUAGE, "data"),
        },
    )
    def update_figure4(c1, c2, s1, s2, kind, store, lang):
        codes_known = known(current_tables())[0]
        if not isinstance(store, dict) or store.get("code") not in codes_known:
            raise PreventUpdate
        c1, c2 = sorted((min(max(_float(c1, 0.5), 0), 1), min(max(_float(c2, 0.6), 0), 1)))
        s1 = _float(s1, None) if s1 not in (None, "") else None
        s2 = _float(s2, None) if s2 not in (None, "") else None
        kind = kind if kind in ty.KIND_WORDS else "nace"
        codes = [c for c in figure4_codes(store) if c in codes_known][:41]
        return figure4_answer(
            codes, kind, c1, c2, s1, s2, store.get("weights") or "", store["code"], page_language(lang)
        )

    @app.callback(
        Output(page.URL, "search"),
        Input(page.C1, "value"),
        Input(page.C2, "value"),
        Input(page.S1, "value"),
        Input(page.S2, "value"),
        Input(page.KIND, "value"),
        State(page.STORE, "data"),
        prevent_initial_call=True,
    )
    def sync_url(c1, c2, s1, s2, kind, store):
        if not isinstance(store, dict):
            return no_update
        c1, c2 = sorted((_float(c1, 0.5), _float(c2, 0.6)))
        weights = (
            parse_weights(store.get("weights") or "", current_tables().indicators["id"].tolist(), [])
            if store.get("weights")
            else None
        )
        return briefing_search(
            store.get("peers") if not store.get("pilots") else [],
            kind,
            c1,
            c2,
            _float(s1, None),
            _float(s2, None),
            weights,
            bool(store.get("pilots")),
            tuple(store.get("default_stars") or (None, None)),
        )
