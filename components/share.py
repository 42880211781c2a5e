"""Share, embed and display controls of the app shell: copy link, iframe snippet, presentation, theme."""
from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

COPY_LINK, EMBED_OPEN, EMBED_MODAL, EMBED_CODE, EMBED_COPY, PRESENT, THEME = (
    "share-copy-link", "share-embed-open", "share-embed-modal", "share-embed-code", "share-embed-copy",
    "share-present", "share-theme")
SLIDES = "share-slides"


def _icon(name):
    return html.I(className=f"bi {name} me-1", **{"aria-hidden": "true"})


def share_controls():
    return html.Div([
        html.Div([
            dcc.Clipboard(id=COPY_LINK, title="Copy a link to this view", className="btn btn-sm btn-outline-dark",
                          style={"display": "inline-block"}, content=""),
            html.Span("Copy link", className="ms-1 small"),
        ], className="d-inline-flex align-items-center me-2"),
        dbc.Button([_icon("bi-code-slash"), "Embed"], id=EMBED_OPEN, size="sm", color="dark", outline=True,
                   className="me-2", title="Get an iframe snippet for this view"),
        dbc.Button([_icon("bi-easel"), "Present"], id=PRESENT, size="sm", color="dark", outline=True,
                   className="me-2", title="Presentation mode: large text, controls folded away"),
        dbc.Button([_icon("bi-circle-half"), "Theme"], id=THEME, size="sm", color="dark", outline=True,
                   className="me-2", title="Switch between light and dark"),
        dcc.Link([_icon("bi-collection-play"), "Slides"], href=dash.get_relative_path("/slides"), id=SLIDES,
               className="btn btn-sm btn-outline-dark",
               title="Prepare a meeting: a list of saved views shown one after another"),
        dbc.Modal([
            dbc.ModalHeader(dbc.ModalTitle("Embed this view")),
            dbc.ModalBody([
                html.P("Paste this into a page of your portal. The view opens without the navigation bar; "
                       "the portal's domain must be allowed by the FRAME_ANCESTORS setting."),
                dcc.Textarea(id=EMBED_CODE, readOnly=True, style={"width": "100%", "height": "7rem"},
                             className="form-control font-monospace small", title="iframe snippet"),
                html.Div([dcc.Clipboard(target_id=EMBED_CODE, id=EMBED_COPY, title="Copy the snippet",
                                        className="btn btn-sm btn-outline-dark mt-2")]),
            ]),
        ], id=EMBED_MODAL, is_open=False, size="lg"),
    ], className="d-flex align-items-center justify-content-end share-controls app-toolbar py-2")
