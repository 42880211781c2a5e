"""Regions: find a region (searchable picker) or browse them by country; each opens its profile page.

The browse list names every country and opens one at a time (`?country=FR`, state/regions.py): the page carries
that country's NUTS 1 and NUTS 2 links, not all 450 (the layout was 148 KB with every list in it)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

import caching
from components.language import page_title
from components.region_picker import COUNTRY_NAMES, country_name, region_dropdown, region_label
from components.text_order import alphabetical_key
from data.profile import PILOTS
from data.store import current_tables
from i18n import N_, translator
from state.regions import parse_regions, regions_search

dash.register_page(__name__, path="/regions", title=page_title(N_("Regions")), name="Regions")

PICKER, NAV, NOTICE, OPEN = "regions-picker", "regions-nav", "regions-notice", "regions-open"


def _link(code, text):
    return dcc.Link(text, href=dash.get_relative_path(f"/region/{code}"))


def _country_block(by_country, country_code, national_name, is_open, lang="en"):
    """A country's line of the browse list: a link that opens it (`?country=`), or, open, its regions."""
    _ = translator(lang)
    nuts1, nuts2 = by_country.get((country_code, 1), []), by_country.get((country_code, 2), [])
    shown = country_name(country_code, lang) if lang != "en" else COUNTRY_NAMES.get(country_code, "")
    counts = html.Span(f" · {len(nuts1)} NUTS 1, {len(nuts2)} NUTS 2", className="text-body-secondary")
    if not is_open:
        link = dcc.Link(shown or national_name, href=dash.get_relative_path("/regions") + regions_search(country_code))
        return html.Li([link, f" ({country_code})", counts], className="mb-1 region-country")
    items = []
    for code1, name1, _parent in nuts1:
        sub = [html.Li(_link(c, region_label(n, c))) for c, n, parent in nuts2 if parent == code1 and c != code1]
        items.append(
            html.Li(
                [
                    _link(code1, region_label(name1, code1)),
                    html.Span(" NUTS 1", className="text-body-secondary"),
                    html.Ul(sub, className="mb-1") if sub else None,
                ]
            )
        )
    return html.Li(
        [
            html.Strong(shown or national_name),
            f" ({country_code})",
            counts,
            " ",
            dcc.Link(_("close"), href=dash.get_relative_path("/regions"), className="small"),
            html.Div(
                [
                    html.P(
                        _link(
                            country_code,
                            _("Country profile: {country} ({code})").format(country=national_name, code=country_code),
                        ),
                        className="mb-1",
                    ),
                    html.Ul(items, className="small"),
                ],
                className="ms-3 mt-1",
            ),
        ],
        id=OPEN,
        className="mb-2 region-country",
        **{"aria-current": "true"},
    )


@caching.memoize_layout(parse_regions, notice=NOTICE)
def layout(state, notices, lang):
    _ = translator(lang)
    tables = current_tables()
    regions = tables.regions
    countries = regions[regions["level"] == 0]
    countries = countries.assign(
        english=[COUNTRY_NAMES.get(c, n) for c, n in zip(countries["code"], countries["name"])]
    )
    if lang == "en":
        countries = countries.sort_values("english")
    else:  # by the name shown, accents filed with their letter (Équateur under E)
        shown = [country_name(c, lang) or n for c, n in zip(countries["code"], countries["name"])]
        countries = countries.assign(_order=[alphabetical_key(n) for n in shown]).sort_values("_order")
    names = regions.set_index("code")["name"]
    eu = countries[countries["is_eu"]]
    other = countries[~countries["is_eu"]]
    # (country, level) -> [(code, name, NUTS 1 parent)] in the table's order: one pass instead of a filter per block
    by_country: dict = {}
    for code, name, level, nuts0, nuts1 in zip(
        regions["code"], regions["name"], regions["level"], regions["nuts0"], regions["nuts1"]
    ):
        if level in (1, 2):
            by_country.setdefault((nuts0, int(level)), []).append((code, name, nuts1))
    # The pilots as the Observatory's reports name them (in English): marked as English on a page in another language.
    pilots = [
        html.Li(
            [
                _link(code, f"{pilot}" if lang == "en" else html.Span(pilot, lang="en")),
                html.Span(f" ({code}, {names.get(code, '')})", className="text-body-secondary"),
            ]
        )
        for pilot, code in PILOTS
    ]
    chosen = state["country"]

    def country_list(rows):
        return html.Ul(
            [_country_block(by_country, c, n, c == chosen, lang) for c, n in zip(rows["code"], rows["name"])],
            className="list-unstyled",
        )

    return html.Div(
        [
            dcc.Location(id=NAV, refresh="callback-nav"),
            html.H1(_("Regions"), className="h3"),
            dbc.Alert(notices, id=NOTICE, color="warning", is_open=bool(notices), dismissable=True),
            html.P(
                _(
                    "Find a region and read its profile against its country, the EU27 and similar regions. Every "
                    "country, NUTS 1 and NUTS 2 region of the 2021 classification is here; search by name, code or "
                    "the English name of the country."
                ),
                className="text-body-secondary",
            ),
            dbc.Row(
                dbc.Col(
                    [dbc.Label(_("Find a region"), html_for=PICKER), region_dropdown(PICKER, regions, tables.version)],
                    md=8,
                    lg=6,
                ),
                className="mb-4",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.P(
                                _("Choose a country to list its NUTS 1 and NUTS 2 regions."),
                                className="small text-body-secondary",
                            ),
                            html.H2(_("EU member states"), className="h5"),
                            country_list(eu),
                            html.H2(_("Other countries in the NUTS classification"), className="h5 mt-3"),
                            country_list(other),
                        ],
                        lg=8,
                    ),
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody(
                                [
                                    html.H2(_("The ten industrial-transition pilot regions"), className="h6"),
                                    html.P(
                                        _(
                                            "The regions of the European Observatory for Clusters and Industrial "
                                            "Change pilot (2018-2019) whose policy briefings this dashboard "
                                            "reproduces for any region."
                                        ),
                                        className="small text-body-secondary",
                                    ),
                                    html.Ul(pilots, className="small"),
                                    dcc.Link(
                                        _("Compare the pilot regions"),
                                        href=dash.get_relative_path("/compare"),
                                        className="small",
                                    ),
                                ]
                            )
                        ),
                        lg=4,
                    ),
                ],
                className="g-4",
            ),
        ]
    )
