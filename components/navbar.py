"""The app-wide navigation bar; links are relative so the app works under a path prefix."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

PAGES = [
    ("Overview", "/", "bi-map"),
    ("Regions", "/regions", "bi-geo-alt"),
    ("Compare", "/compare", "bi-columns-gap"),
    ("Rankings", "/rankings", "bi-bar-chart-steps"),
    ("Ecosystems", "/ecosystems", "bi-diagram-3"),
    ("Programmes", "/programmes", "bi-people"),
    ("Policy", "/policy", "bi-journal-text"),
    ("Clusters", "/clusters", "bi-building"),
    ("Data & methods", "/data", "bi-database"),
]


def navbar():
    links = [
        dbc.NavItem(
            dbc.NavLink(
                [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), label],
                href=dash.get_relative_path(path),
                active="exact",
            )
        )
        for label, path, icon in PAGES
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    "EU Cluster & Region Observatory", href=dash.get_relative_path("/"), className="fw-semibold"
                ),
                dbc.NavbarToggler(id="navbar-toggler"),
                dbc.Collapse(dbc.Nav(links, navbar=True, className="ms-auto"), id="navbar-collapse", navbar=True),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="xl",
        className="app-navbar",
        id="app-navbar",
    )
