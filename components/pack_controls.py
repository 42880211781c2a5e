"""The "peer-review pack" control of the Region and Compare pages: a button, progress while the server
draws the charts, a cancel button and the download."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import translator


def pack_ids(page: str) -> dict:
    return {part: f"{page}-pack-{part}" for part in ("button", "cancel", "progress", "status", "download")}


def pack_controls(page: str, what: str, lang: str = "en"):
    """`what` names the view in `lang` ("this region's view")."""
    _ = translator(lang)
    i = pack_ids(page)
    return html.Div(
        [
            dbc.Button(
                [
                    html.I(className="bi bi-file-earmark-slides me-1", **{"aria-hidden": "true"}),
                    _("Peer-review pack (PowerPoint)"),
                ],
                id=i["button"],
                color="dark",
                outline=True,
                size="sm",
                title=_("Download {view} as PowerPoint slides: one chart per slide with its source").format(view=what),
            ),
            dbc.Button(
                _("Cancel"),
                id=i["cancel"],
                color="secondary",
                outline=True,
                size="sm",
                className="ms-2",
                style={"display": "none"},
            ),
            html.Div(
                dbc.Progress(
                    id=i["progress"],
                    value=0,
                    max=1,
                    striped=True,
                    animated=True,
                    style={"height": "1.1rem"},
                    className="mt-2",
                    label="",
                ),
                id=f"{i['progress']}-wrap",
                style={"display": "none"},
                **{"aria-live": "polite"},
            ),
            html.Div(id=i["status"], className="small text-body-secondary mt-1", role="status"),
            dcc.Download(id=i["download"]),
        ],
        className="pack-controls mb-2 app-toolbar",
    )
