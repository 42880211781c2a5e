"""The language of a request and the app shell's text in it (navbar, toolbar, footer, skip link).

A view's language is `?lang=` when the link names one, else the browser's Accept-Language, else English
(`i18n.choose_language`). The shell is drawn in English and relabelled by a callback (callbacks/shell.py) because
Dash fetches the shell's layout without the page's query; the page's `<html lang>` is set in the index."""

from __future__ import annotations

import contextlib
import json
from html import escape as html_escape
from urllib.parse import parse_qs

import dash
from dash import html

from i18n import LANGUAGES, N_, choose_language, plotly_separators, translator

LANGUAGE_STORE = "shell-language"  # the link's explicit ?lang= ('' when it has none), written in the browser
FOOTER = "app-footer-text"
# The language a page was drawn in, in its layout (caching.memoize_layout): its callbacks take it as State, so
# they answer in the page's language whatever else changes.
PAGE_LANGUAGE = "page-language"


def request_language(value: str | None = None) -> str:
    """The language of the current request: `value` (a link's ?lang=) if known, else Accept-Language."""
    from flask import has_request_context, request

    header = request.headers.get("Accept-Language") if has_request_context() else None
    return choose_language(value, header)


def other_language(lang: str) -> str:
    """The language the switcher offers (two languages: the one not shown)."""
    return next(code for code in LANGUAGES if code != lang)


def separators_by_language() -> str:
    """Plotly's number separators per language, as JSON for the page (display.js restyles charts with them)."""
    return json.dumps({code: plotly_separators(code) for code in LANGUAGES}, ensure_ascii=False)


def browser_texts_by_language() -> str:
    """What assets/display.js writes itself (names of unlabelled controls), per language, as JSON for the page.
    HTML-escaped for the single-quoted attribute it goes in."""
    texts = {}
    for code in LANGUAGES:
        _ = translator(code)
        texts[code] = {
            "option": _("Choose an option"),
            "value": _("Choose a value"),
            "file": _("Choose a file to upload"),
        }
    return html_escape(json.dumps(texts, ensure_ascii=False), quote=True)


def footer_text(lang: str) -> list:
    _ = translator(lang)
    return [
        _("Data: Eurostat, GISCO (© EuroGeographics for the administrative boundaries), European Commission.") + " ",
        html.A(_("Sources and methods"), href=dash.get_relative_path("/data")),
    ]


def page_language(value) -> str:
    """A callback's language from the page's PAGE_LANGUAGE store (State(PAGE_LANGUAGE, "data")): the language the
    page was drawn in; anything else that comes in falls back to the request's Accept-Language."""
    return request_language(value if isinstance(value, str) else None)


APP_NAME = N_("EU Cluster & Region Observatory")


def view_language() -> str:
    """The language of the view being drawn, for code that is not given it (a page's title): the router
    callback's link (dash.ctx), else the page request's ?lang=, else Accept-Language."""
    from flask import has_request_context, request

    search = None
    with contextlib.suppress(Exception):  # not inside a callback: the page's own request
        search = dash.ctx.inputs.get("_pages_location.search")
    if isinstance(search, str):
        return request_language(parse_qs(search.lstrip("?")).get("lang", [None])[-1])
    return request_language(request.args.get("lang") if has_request_context() else None)


def page_title(name: str):
    """A page's document title in the view's language (`name` marked N_): 'Classements · Observatoire ...'."""

    def title(**_path) -> str:
        _ = translator(view_language())
        return f"{_(name)} · {_(APP_NAME)}"

    return title
