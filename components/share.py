"""Share, embed and display controls of the app shell: copy link, iframe snippet, presentation, theme."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from components.language import other_language
from components.navbar import PAGES
from i18n import LANGUAGES, N_, translator

COPY_LINK, EMBED_OPEN, EMBED_MODAL, EMBED_CODE, EMBED_COPY, PRESENT, THEME = (
    "share-copy-link",
    "share-embed-open",
    "share-embed-modal",
    "share-embed-code",
    "share-embed-copy",
    "share-present",
    "share-theme",
)
SLIDES = "share-slides"
COPY_STATUS, COPIED = "share-copy-status", "share-copied-link"
PAGES_MENU = "share-pages-menu"
EMBED_TITLE, EMBED_HELP = "share-embed-title", "share-embed-help"
SHARE_TEXTS = "share-texts"  # what the browser-side copy says, in the view's language (callbacks/share.py)
DISPLAY_URL = "display-url"  # the shell's Location, which carries the display modes (callbacks/display.py)
LANGUAGE = "share-language"
# The toolbar's buttons: icon, label and tooltip (English source text of the message catalogue).
BUTTONS = {
    COPY_LINK: ("bi-link-45deg", N_("Copy link"), N_("Copy a link to this view")),
    EMBED_OPEN: ("bi-code-slash", N_("Embed"), N_("Get an iframe snippet for this view")),
    PRESENT: ("bi-easel", N_("Present"), N_("Presentation mode: large text, controls folded away")),
    THEME: ("bi-circle-half", N_("Theme"), N_("Switch between light and dark")),
    SLIDES: (
        "bi-collection-play",
        N_("Slides"),
        N_("Prepare a meeting: a list of saved views shown one after another"),
    ),
}


def _icon(name):
    return html.I(className=f"bi {name} me-1", **{"aria-hidden": "true"})


def button_text(button: str, lang: str = "en") -> tuple[list, str]:
    """A toolbar button's children and tooltip in `lang`."""
    _ = translator(lang)
    icon, label, tooltip = BUTTONS[button]
    return [_icon(icon), _(label)], _(tooltip)


def language_switch(lang: str = "en") -> tuple[list, str]:
    """The language button's children and tooltip: the other language, named in itself (and marked as such)."""
    other = other_language(lang)
    return [_icon("bi-translate"), html.Span(LANGUAGES[other], lang=other)], LANGUAGES[other]


def pages_menu_items(lang: str = "en") -> list:
    _ = translator(lang)
    return [dbc.DropdownMenuItem(_(label), href=dash.get_relative_path(path)) for label, path, _icon_name in PAGES]


def share_texts(lang: str = "en") -> dict:
    """The messages the copy and embed scripts write, in `lang`."""
    _ = translator(lang)
    return {
        "copied": _("✓ Link copied"),
        "fallback": _("Copy this address from the address bar"),
        "app": _("EU Cluster & Region Observatory"),
    }


def embed_text(lang: str = "en") -> dict:
    """The embed dialog's texts in `lang`, by component id and property."""
    _ = translator(lang)
    return {
        EMBED_TITLE: {"children": _("Embed this view")},
        EMBED_HELP: {
            "children": _(
                "Paste this into a page of your portal. The view opens without the navigation bar; the portal's "
                "domain must be allowed by the FRAME_ANCESTORS setting."
            )
        },
        EMBED_CODE: {"title": _("iframe snippet")},
        EMBED_COPY: {"title": _("Copy the snippet")},
        SHARE_TEXTS: {"data": share_texts(lang)},
    }


def _button(button: str, margin: str = "me-2"):
    children, tooltip = button_text(button)
    return dbc.Button(children, id=button, size="sm", color="dark", outline=True, className=margin, title=tooltip)


def share_controls():
    return html.Div(
        [
            # Shown in presentation mode only, where the navbar folds away: the whole chrome is this one bar.
            dbc.DropdownMenu(
                pages_menu_items(),
                label="Pages",
                id=PAGES_MENU,
                size="sm",
                color="outline-dark",
                className="me-auto present-only",
            ),
            # A real button (dcc.Clipboard is not reached by the Tab key); the copy happens in the browser.
            _button(COPY_LINK, "me-1"),
            html.Span(id=COPY_STATUS, role="status", className="small me-2 copy-status", **{"aria-live": "polite"}),
            dcc.Store(id=COPIED),
            dcc.Store(id=SHARE_TEXTS, data=share_texts()),
            _button(EMBED_OPEN),
            _button(PRESENT),
            _button(THEME),
            dbc.Button(
                language_switch()[0],
                id=LANGUAGE,
                size="sm",
                color="dark",
                outline=True,
                className="me-2",
                title=language_switch()[1],
            ),
            dcc.Link(
                button_text(SLIDES)[0],
                href=dash.get_relative_path("/slides"),
                id=SLIDES,
                className="btn btn-sm btn-outline-dark",
                title=button_text(SLIDES)[1],
            ),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(embed_text()[EMBED_TITLE]["children"], id=EMBED_TITLE)),
                    dbc.ModalBody(
                        [
                            html.P(embed_text()[EMBED_HELP]["children"], id=EMBED_HELP),
                            dcc.Textarea(
                                id=EMBED_CODE,
                                readOnly=True,
                                style={"width": "100%", "height": "7rem"},
                                className="form-control font-monospace small",
                                title=embed_text()[EMBED_CODE]["title"],
                            ),
                            html.Div(
                                [
                                    dcc.Clipboard(
                                        target_id=EMBED_CODE,
                                        id=EMBED_COPY,
                                        title=embed_text()[EMBED_COPY]["title"],
                                        className="btn btn-sm btn-outline-dark mt-2",
                                    )
                                ]
                            ),
                        ]
                    ),
                ],
                id=EMBED_MODAL,
                is_open=False,
                size="lg",
            ),
        ],
        className="d-flex align-items-center justify-content-end share-controls app-toolbar py-2",
    )
