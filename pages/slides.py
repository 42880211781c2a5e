"""Slides: a deck of saved views (links) shown one after another, moved with the arrow keys, kept in one link."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import flask
from dash import dcc, html

from components.language import PAGE_LANGUAGE, page_title, request_language
from components.sentence import sentence
from i18n import N_, in_language, translator
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
PLACEHOLDER = N_("One link per line, for example:")
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


def deck_href(views, i=1, edit=False, lang="") -> str:
    """The deck's link (`lang`: the deck's own language, written when it has one)."""
    return dash.get_relative_path("/slides" + st.slides_search(views, i, edit, lang))


def slide_title(i: int, n: int, lang: str = "en") -> str:
    _ = translator(lang)
    return _("Slide {i} of {n}").format(i=i, n=n)


def frame_src(link: str, present=False, theme="", lang="") -> str:
    return dash.get_relative_path(st.view_src(link, present, theme, lang))


def _editor(state, notices, lang):
    _ = translator(lang)
    return html.Div(
        [
            dcc.Store(id=PAGE_LANGUAGE, data=lang),
            dcc.Location(id=NAV, refresh="callback-nav"),
            html.H1(_("Slides"), className="h3"),
            html.P(
                sentence(
                    _(
                        "Prepare a meeting as a set of links: the views are shown one after another, full width, and "
                        "the {right} and {left} keys (or Page Down and Page Up, as most presentation clickers send "
                        "them) move between them."
                    ),
                    right=html.Kbd("\u2192"),
                    left=html.Kbd("\u2190"),
                ),
                className="text-body-secondary",
            ),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(_("Links to show, one per line"), html_for=TEXT, className="fw-semibold"),
                            dcc.Textarea(
                                id=TEXT,
                                value=st.editor_text(state["views"]),
                                placeholder=_(PLACEHOLDER) + "\n" + "\n".join(EXAMPLE),
                                rows=10,
                                className="form-control font-monospace",
                                style={"width": "100%"},
                                spellCheck="false",
                            ),
                            html.P(
                                sentence(
                                    _(
                                        "Paste links copied with \u201c{copy}\u201d from any page, or write paths "
                                        "such as {example}. Lines starting with # are left out (notes to yourself). "
                                        "At most {most} slides."
                                    ).format(copy=_("Copy link"), example="{example}", most=st.MAX_SLIDES),
                                    example=html.Code(EXAMPLE[0]),
                                ),
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
                                        _(
                                            "Drop a .txt file here or click to choose one (one link per line, "
                                            "up to {size} KB)"
                                        ).format(size=st.MAX_FILE_BYTES // 1000),
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
                                            _("Open the deck"),
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
                                    _(
                                        "Once the deck is open, \u201c{copy}\u201d in the toolbar above saves the whole "
                                        "deck as one link, and \u201c{present}\u201d enlarges the text of every slide."
                                    ).format(copy=_("Copy link"), present=_("Present"))
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
                                    html.H2(_("Example"), className="h6"),
                                    html.Ol([html.Li(html.Code(link)) for link in EXAMPLE], className="small"),
                                    html.A(
                                        _("Open the example deck"),
                                        href=deck_href(EXAMPLE, lang=state["lang"]),
                                        className="small",
                                    ),
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


def _deck(state, notices, lang):
    _ = translator(lang)
    views, i, own = state["views"], state["i"], state["lang"]
    n, link = len(views), views[i - 1]
    return html.Div(
        [
            dcc.Store(id=PAGE_LANGUAGE, data=lang),
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=DECK, data={"views": views, "i": i}),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True, className="mb-2"),
            html.Div(
                [
                    html.H1(
                        sentence(
                            _("{slide}: {link}"),
                            slide=html.Span(slide_title(i, n, lang), id=POSITION),
                            link=html.Code(link, id=CURRENT, className="slides-current"),
                        ),
                        className="h5 mb-0 me-auto text-truncate",
                    ),
                    # html.Button: dbc.Button takes no aria-label.
                    html.Button(
                        [html.I(className="bi bi-chevron-left me-1", **{"aria-hidden": "true"}), _("Previous")],
                        id=PREV,
                        type="button",
                        className="btn btn-sm btn-outline-secondary",
                        disabled=i <= 1,
                        title=_("Previous slide (\u2190 or Page Up)"),
                        **{"aria-label": _("Previous slide")},
                    ),
                    html.Button(
                        [_("Next"), html.I(className="bi bi-chevron-right ms-1", **{"aria-hidden": "true"})],
                        id=NEXT,
                        type="button",
                        className="btn btn-sm btn-outline-secondary",
                        disabled=i >= n,
                        title=_("Next slide (\u2192 or Page Down)"),
                        **{"aria-label": _("Next slide")},
                    ),
                    html.A(
                        [html.I(className="bi bi-box-arrow-up-right me-1", **{"aria-hidden": "true"}), _("Open view")],
                        id=OPEN_VIEW,
                        href=dash.get_relative_path(st.in_language(link, own)),
                        className="btn btn-sm btn-outline-secondary",
                        title=_("Open this view on its own page"),
                    ),
                    dcc.Link(
                        [html.I(className="bi bi-pencil me-1", **{"aria-hidden": "true"}), _("Edit deck")],
                        id=EDIT,
                        href=deck_href(views, edit=True, lang=own),
                        className="btn btn-sm btn-outline-secondary",
                    ),
                ],
                className="d-flex align-items-center gap-2 mb-2 px-2 py-1 bg-body border rounded-2 slides-bar",
            ),
            html.Iframe(
                id=FRAME,
                src=frame_src(link, state["present"], state["theme"], own),
                title=_("{slide}: {link}").format(slide=slide_title(i, n, lang), link=link),
                style=FRAME_STYLE,
            ),
        ]
    )


def layout(**query):
    state, notices = st.parse_slides(query, prefix(), request_host(), known_paths())
    lang = request_language(state["lang"] or None)  # the deck's ?lang=, else the browser's Accept-Language
    notices = in_language(notices, lang)
    return _editor(state, notices, lang) if state["edit"] else _deck(state, notices, lang)
