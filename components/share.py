"""Share, embed and display controls of the app shell: copy link, iframe snippet, presentation, theme."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from components.navbar import PAGES

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
DISPLAY_URL = "display-url"  # the shell's Location, which carries the display modes (callbacks/display.py)


def _icon(name):
    return html.I(className=f"bi {name} me-1", **{"aria-hidden": "true"})


def share_controls():
    return html.Div(
        [
            # Shown in presentation mode only, where the navbar folds away: the whole chrome is this one bar.
            dbc.DropdownMenu(
                [dbc.DropdownMenuItem(label, href=dash.get_relative_path(path)) for label, path, _icon_name in PAGES],
                label="Pages",
                id=PAGES_MENU,
                size="sm",
                color="outline-dark",
                className="me-auto present-only",
            ),
            # A real button (dcc.Clipboard is not reached by the Tab key); the copy happens in the browser.
            dbc.Button(
                [_icon("bi-link-45deg"), "Copy link"],
                id=COPY_LINK,
                size="sm",
                color="dark",
                outline=True,
                className="me-1",
                title="Copy a link to this view",
            ),
            html.Span(id=COPY_STATUS, role="status", className="small me-2 copy-status", **{"aria-live": "polite"}),
            dcc.Store(id=COPIED),
            dbc.Button(
                [_icon("bi-code-slash"), "Embed"],
                id=EMBED_OPEN,
                size="sm",
                color="dark",
                outline=True,
                className="me-2",
                title="Get an iframe snippet for this view",
            ),
            dbc.Button(
                [_icon("bi-easel"), "Present"],
                id=PRESENT,
                size="sm",
                color="dark",
                outline=True,
                className="me-2",
                title="Presentation mode: large text, controls folded away",
            ),
            dbc.Button(
                [_icon("bi-circle-half"), "Theme"],
                id=THEME,
                size="sm",
                color="dark",
                outline=True,
                className="me-2",
                title="Switch between light and dark",
            ),
            dcc.Link(
                [_icon("bi-collection-play"), "Slides"],
                href=dash.get_relative_path("/slides"),
                id=SLIDES,
                className="btn btn-sm btn-outline-dark",
                title="Prepare a meeting: a list of saved views shown one after another",
            ),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle("Embed this view")),
                    dbc.ModalBody(
                        [
                            html.P(
                                "Paste this into a page of your portal. The view opens without the navigation bar; "
                                "the portal's domain must be allowed by the FRAME_ANCESTORS setting."
                            ),
                            dcc.Textarea(
                                id=EMBED_CODE,
                                readOnly=True,
                                style={"width": "100%", "height": "7rem"},
                                className="form-control font-monospace small",
                                title="iframe snippet",
                            ),
                            html.Div(
                                [
                                    dcc.Clipboard(
                                        target_id=EMBED_CODE,
                                        id=EMBED_COPY,
                                        title="Copy the snippet",
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
