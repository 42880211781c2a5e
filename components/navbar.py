"""The app-wide navigation bar; links are relative so the app works under a path prefix."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from i18n import N_, translator

# Labels are the English source text of the message catalogue (gettext_noop: translated where drawn).
PAGES = [
    (N_("Overview"), "/", "bi-map"),
    (N_("Regions"), "/regions", "bi-geo-alt"),
    (N_("Compare"), "/compare", "bi-columns-gap"),
    (N_("Rankings"), "/rankings", "bi-bar-chart-steps"),
    (N_("Ecosystems"), "/ecosystems", "bi-diagram-3"),
    (N_("Programmes"), "/programmes", "bi-people"),
    (N_("Policy"), "/policy", "bi-journal-text"),
    (N_("Clusters"), "/clusters", "bi-building"),
    (N_("Data & methods"), "/data", "bi-database"),
]
NAV = "navbar-nav"
BRAND = "navbar-brand"


def nav_links(lang: str = "en") -> list:
    _ = translator(lang)
    return [
        dbc.NavItem(
            dbc.NavLink(
                [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), _(label)],
                href=dash.get_relative_path(path),
                active="exact",
            )
        )
        for label, path, icon in PAGES
    ]


def navbar():
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    "EU Cluster & Region Observatory",
                    href=dash.get_relative_path("/"),
                    className="fw-semibold",
                    id=BRAND,
                ),
                dbc.NavbarToggler(id="navbar-toggler"),
                dbc.Collapse(
                    dbc.Nav(nav_links(), navbar=True, className="ms-auto", id=NAV),
                    id="navbar-collapse",
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="xl",
        className="app-navbar",
        id="app-navbar",
    )
