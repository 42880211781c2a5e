"""Slides: open a deck from the editor (text or a .txt file) and move between its slides."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, no_update

from components.language import PAGE_LANGUAGE, page_language
from i18n import format_number, in_language, ntranslator, translator
from pages.slides import (
    CURRENT,
    DECK,
    FRAME,
    NAV,
    NEXT,
    OPEN,
    OPEN_NOTE,
    OPEN_VIEW,
    POSITION,
    PREV,
    TEXT,
    UPLOAD,
    UPLOAD_NOTE,
    URL,
    deck_href,
    frame_src,
    known_paths,
    prefix,
    request_host,
    slide_title,
)
from state import slides as st


def _host(href) -> list[str]:
    """The app's origins: the one the browser shows (the deck's own address) and those the request names."""
    try:
        parts = urlsplit(href)
        own = [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []
    except (TypeError, ValueError):
        own = []
    return own + (request_host() or [])


def open_deck(text, href, lang="en"):
    """(deck href or no_update, message) for the editor's text; the deck opens only when every line is usable."""
    _ = translator(lang)
    lines = st.lines_of(text)
    if not lines:
        return no_update, dbc.Alert(_("Write or paste at least one link first (one per line)."), color="warning")
    views, problems = st.parse_links(lines, prefix(), _host(href), known_paths())
    if problems:
        return no_update, dbc.Alert(
            [
                st.problem_notice(problems).in_language(lang),
                " " + _("Correct or remove these lines, then open the deck again."),
            ],
            color="warning",
        )
    if len(views) > st.MAX_SLIDES:
        return no_update, dbc.Alert(
            _("A deck has at most {most} slides; this one has {count}. Split it into two decks.").format(
                most=st.MAX_SLIDES, count=len(views)
            ),
            color="warning",
        )
    # The editor's own ?lang= goes on to the deck (the browser keeps it on a pushed link too).
    href = deck_href(views, lang=st.parse_slides(_display_query(_search_of(href)))[0]["lang"])
    if len(href) > st.MAX_DECK_LINK:
        return no_update, dbc.Alert(
            _(
                "This deck's link would be {length} characters, more than the {most} a server accepts. Shorten some "
                "links (leave out settings that are the defaults) or split the deck into two."
            ).format(length=format_number(len(href), lang), most=format_number(st.MAX_DECK_LINK, lang)),
            color="warning",
        )
    return href, ""


def read_upload(contents, filename, lang="en"):
    """(editor text or no_update, message) for a file dropped on the editor."""
    _ = translator(lang)
    if contents is None:
        return no_update, no_update
    text, problem = st.decode_upload(contents, filename)
    if text is None:
        return no_update, dbc.Alert(in_language([problem], lang)[0], color="warning", className="mb-0")
    n = len(st.lines_of(text))
    name = filename or _("the file")
    ngettext = ntranslator(lang)
    return text, dbc.Alert(
        ngettext(
            "Loaded {count} link from {name}. Check them, then open the deck.",
            "Loaded {count} links from {name}. Check them, then open the deck.",
            n,
        ).format(count=n, name=name),
        color="success",
        className="mb-0",
    )


def _search_of(href) -> str:
    try:
        return urlsplit(href).query if isinstance(href, str) else ""
    except ValueError:
        return ""


def move(delta, search, deck, lang="en"):
    """The outputs of the slide bar after Previous (-1) or Next (+1): URL (relative href), position, link, frame,
    buttons, deck. The slide gets the display modes (present, theme) of the deck's query string `search`."""
    deck = deck if isinstance(deck, dict) else {}
    raw = deck.get("views") if isinstance(deck.get("views"), list) else []
    # The store comes from the browser: its links are checked again before one becomes the frame's src.
    views, problems = st.parse_links([v for v in raw if isinstance(v, str)], prefix(), None, known_paths())
    i = deck.get("i") if isinstance(deck.get("i"), int) and not isinstance(deck.get("i"), bool) else 1
    if not views or problems or delta not in (-1, 1):
        return (no_update,) * 9
    i = st.step(i, len(views), delta)
    link = views[i - 1]
    _ = translator(lang)
    state, _notices = st.parse_slides(_display_query(search))
    own = state["lang"]  # the deck's own ?lang=, given to the slide like the display modes
    title = slide_title(i, len(views), lang)
    return (
        deck_href(views, i, lang=own),
        title,
        link,
        frame_src(link, state["present"], state["theme"], own),
        _("{slide}: {link}").format(slide=title, link=link),
        i <= 1,
        i >= len(views),
        dash.get_relative_path(st.in_language(link, own)),
        {"views": views, "i": i},
    )


def _display_query(search) -> dict:
    """The display parameters (present, theme) and the language of a query string."""
    if not isinstance(search, str):
        return {}
    parsed = parse_qs(search.lstrip("?"), keep_blank_values=True)
    return {k: v for k, v in parsed.items() if k in st.DISPLAY_PARAMS or k == "lang"}


def register(app):
    @app.callback(
        Output(NAV, "href"),
        Output(OPEN_NOTE, "children"),
        Input(OPEN, "n_clicks"),
        State(TEXT, "value"),
        State(NAV, "href"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    def open_clicked(_n, text, href, lang):
        return open_deck(text, href, page_language(lang))

    @app.callback(
        Output(TEXT, "value"),
        Output(UPLOAD_NOTE, "children"),
        Input(UPLOAD, "contents"),
        State(UPLOAD, "filename"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    def uploaded(contents, filename, lang):
        return read_upload(contents, filename, page_language(lang))

    @app.callback(
        Output(URL, "href"),
        Output(POSITION, "children"),
        Output(CURRENT, "children"),
        Output(FRAME, "src"),
        Output(FRAME, "title"),
        Output(PREV, "disabled"),
        Output(NEXT, "disabled"),
        Output(OPEN_VIEW, "href"),
        Output(DECK, "data"),
        Input(PREV, "n_clicks"),
        Input(NEXT, "n_clicks"),
        State(URL, "search"),
        State(DECK, "data"),
        State(PAGE_LANGUAGE, "data"),
        prevent_initial_call=True,
    )
    def moved(_prev, _next, search, deck, lang):
        return move({PREV: -1, NEXT: 1}.get(ctx.triggered_id), search, deck, page_language(lang))
