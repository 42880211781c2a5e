"""Slides: a deck of saved views (links) shown one after another, moved with the arrow keys, kept in one link."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

from components.language import page_title
from i18n import N_
from state import slides as st

dash.register_page(__name__, path="/slides", title=page_title(N_("Slides")), name="Slides")

URL, NAV, NOTICE = "slides-url", "slides-nav", "slides-notice"
TEXT, UPLOAD, UPLOAD_NOTE, OPEN, OPEN_NOTE = (
    "slides-text",
    "slides-upload",
    "slides-upload-note",
    "slides-open",
    "slides-open-note",
)
DECK, POSITION, CURRENT, PREV, NEXT, EDIT, FRAME, OPEN_VIEW = (
    "slides-deck",
    "slides-position",
    "slides-current",
    "slides-prev",
    "slides-next",
    "slides-edit",
    "slides-frame",
    "slides-open-view",
)

EXAMPLE = ["/region/FRE1", "/compare?regions=FRE1,BE3", "/rankings?indicator=unemployment_rate"]
PLACEHOLDER = "One link per line, for example:\n" + "\n".join(EXAMPLE)
# The navbar, the share toolbar and the slide bar stay visible above the slide.
FRAME_STYLE = {
    "width": "100%",
    "height": "calc(100vh - 10rem)",
    "minHeight": "20rem",
    "border": "1px solid var(--bs-border-color)",
    "borderRadius": "0.375rem",
    "display": "block",
}


def known_paths() -> list[str]:
    """The paths (and path templates) of the app's pages a slide may show: not the deck itself, not the 404."""
    return [
        p.get("path_template") or p["path"]
        for p in dash.page_registry.values()
        if p["module"] not in {__name__, "pages.not_found_404"}
    ]


def prefix() -> str:
    return dash.get_app().config.requests_pathname_prefix


def request_host() -> list[str] | None:
    """The app's own origins as the request shows them: the configured public URL (PUBLIC_URL), the
    proxy's X-Forwarded-Host/-Proto/-Port, and the Host header. Behind nginx with `proxy_set_header Host $host`
    the Host header has lost the port a browser's link carries: the setting or the forwarded headers give it."""
    if not flask.has_request_context():
        return None
    request = flask.request
    settings = flask.current_app.config.get("SETTINGS")
    # Only to recognise links to this app (a deck keeps their relative path): no absolute URL is built from them.
    origins = [getattr(settings, "public_url", None), request.host]
    forwarded = (request.headers.get("X-Forwarded-Host") or "").split(",")[0].strip()
    if forwarded:
        proto = (request.headers.get("X-Forwarded-Proto") or request.scheme).split(",")[0].strip()
        port = (request.headers.get("X-Forwarded-Port") or "").split(",")[0].strip()
        netloc = forwarded if ":" in forwarded or not port else f"{forwarded}:{port}"
        origins.append(f"{proto}://{netloc}")
    return [o for o in origins if o]


def deck_href(views, i=1, edit=False) -> str:
    return dash.get_relative_path("/slides" + st.slides_search(views, i, edit))


def slide_title(i: int, n: int) -> str:
    return f"Slide {i} of {n}"


def frame_src(link: str, present=False, theme="") -> str:
    return dash.get_relative_path(st.view_src(link, present, theme))


def _editor(state, notices):
    return html.Div(
        [
            dcc.Location(id=NAV, refresh="callback-nav"),
            html.H1("Slides", className="h3"),
            html.P(
                [
                    "Prepare a meeting as a set of links: the views are shown one after another, full width, and the ",
                    html.Kbd("\u2192"),
                    " and ",
                    html.Kbd("\u2190"),
                    " keys (or Page Down and Page Up, as most presentation clickers send them) move between them.",
                ],
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Links to show, one per line", html_for=TEXT, className="fw-semibold"),
                            dcc.Textarea(
                                id=TEXT,
                                value=st.editor_text(state["views"]),
                                placeholder=PLACEHOLDER,
                                rows=10,
                                className="form-control font-monospace",
                                style={"width": "100%"},
                                spellCheck="false",
                            ),
                            html.P(
                                [
                                    "Paste links copied with \u201cCopy link\u201d from any page, or write paths such as ",
                                    html.Code(EXAMPLE[0]),
                                    ". Lines starting with # are left out (notes to yourself). At "
                                    f"most {st.MAX_SLIDES} slides.",
                                ],
                                className="small text-body-secondary mt-1",
                            ),
                            # No `accept`: the drop zone would silently refuse other files; the callback says why instead.
                            dcc.Upload(
                                id=UPLOAD,
                                multiple=False,
                                className="slides-upload",
                                children=html.Div(
                                    [
                                        html.I(className="bi bi-file-earmark-text me-2", **{"aria-hidden": "true"}),
                                        "Drop a .txt file here or click to choose one (one link per line, "
                                        f"up to {st.MAX_FILE_BYTES // 1000} KB)",
                                    ]
                                ),
                                style={
                                    "border": "1px dashed var(--bs-border-color)",
                                    "borderRadius": "0.375rem",
                                    "padding": "0.75rem",
                                    "textAlign": "center",
                                    "cursor": "pointer",
                                },
                            ),
                            html.Div(id=UPLOAD_NOTE, className="mt-2", role="status", **{"aria-live": "polite"}),
                            html.Div(
                                [
                                    dbc.Button(
                                        [
                                            html.I(className="bi bi-play-fill me-1", **{"aria-hidden": "true"}),
                                            "Open the deck",
                                        ],
                                        id=OPEN,
                                        color="primary",
                                    ),
                                ],
                                className="mt-3",
                            ),
                            html.Div(id=OPEN_NOTE, className="mt-2", role="status", **{"aria-live": "polite"}),
                            html.P(
                                [
                                    "Once the deck is open, \u201cCopy link\u201d in the toolbar above saves the whole deck as "
                                    "one link, and \u201cPresent\u201d enlarges the text of every slide."
                                ],
                                className="small text-body-secondary mt-3",
                            ),
                        ],
                        lg=8,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2("Example", className="h6"),
                                    html.Ol([html.Li(html.Code(link)) for link in EXAMPLE], className="small"),
                                    html.A("Open the example deck", href=deck_href(EXAMPLE), className="small"),
                                ]
                            ),
                            className="shadow-sm",
                        ),
                        lg=4,
                    ),
                ],
                className="g-3",
            ),
        ]
    )


def _deck(state, notices):
    views, i = state["views"], state["i"]
    n, link = len(views), views[i - 1]
    return html.Div(
        [
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=DECK, data={"views": views, "i": i}),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True, className="mb-2"),
            html.Div(
                [
                    html.H1(
                        [
                            html.Span(slide_title(i, n), id=POSITION),
                            ": ",
                            html.Code(link, id=CURRENT, className="slides-current"),
                        ],
                        className="h5 mb-0 me-auto text-truncate",
                    ),
                    # html.Button: dbc.Button takes no aria-label.
                    html.Button(
                        [html.I(className="bi bi-chevron-left me-1", **{"aria-hidden": "true"}), "Previous"],
                        id=PREV,
                        type="button",
                        className="btn btn-sm btn-outline-secondary",
                        disabled=i <= 1,
                        title="Previous slide (\u2190 or Page Up)",
                        **{"aria-label": "Previous slide"},
                    ),
                    html.Button(
                        ["Next", html.I(className="bi bi-chevron-right ms-1", **{"aria-hidden": "true"})],
                        id=NEXT,
                        type="button",
                        className="btn btn-sm btn-outline-secondary",
                        disabled=i >= n,
                        title="Next slide (\u2192 or Page Down)",
                        **{"aria-label": "Next slide"},
                    ),
                    html.A(
                        [html.I(className="bi bi-box-arrow-up-right me-1", **{"aria-hidden": "true"}), "Open view"],
                        id=OPEN_VIEW,
                        href=dash.get_relative_path(link),
                        className="btn btn-sm btn-outline-secondary",
                        title="Open this view on its own page",
                    ),
                    dcc.Link(
                        [html.I(className="bi bi-pencil me-1", **{"aria-hidden": "true"}), "Edit deck"],
                        id=EDIT,
                        href=deck_href(views, edit=True),
                        className="btn btn-sm btn-outline-secondary",
                    ),
                ],
                className="d-flex align-items-center gap-2 mb-2 px-2 py-1 bg-body border rounded-2 slides-bar",
            ),
            html.Iframe(
                id=FRAME,
                src=frame_src(link, state["present"], state["theme"]),
                title=f"{slide_title(i, n)}: {link}",
                style=FRAME_STYLE,
            ),
        ]
    )


def layout(**query):
    state, notices = st.parse_slides(query, prefix(), request_host(), known_paths())
    return _editor(state, notices) if state["edit"] else _deck(state, notices)
