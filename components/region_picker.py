"""A searchable picker of every NUTS 0, 1 and 2 region: "Name (CODE)", found by name, code or English country.

Options are built once per data version (about 450 of them, 45 KB), kept with the loaded tables (`Tables.memo`).
They are not sent in page layouts: the layout holds the chosen regions' options only and a small store naming
the options file (OPTIONS_PATH, served by app.py with an ETag), which the browser fetches once, keeps in its HTTP
cache and fills every picker from (assets/pickers.js); the search itself stays in the browser.
"""

from __future__ import annotations

import dash
import pandas as pd
from babel import Locale
from dash import dcc, html

from data.store import memo_for

# English names of the countries, so "Lithuania" finds "Lietuva (LT)" and "Germany" finds the German regions.
COUNTRY_NAMES = {
    "AL": "Albania",
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "CH": "Switzerland",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "EL": "Greece",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IS": "Iceland",
    "IT": "Italy",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TR": "Türkiye",
    "UK": "United Kingdom",
}
LEVEL_WORDS = {0: "country", 1: "NUTS 1", 2: "NUTS 2"}
OPTIONS_PATH = "/regions/options.json"


def english_country(code: str | None) -> str:
    return COUNTRY_NAMES.get(str(code or "")[:2], "")


# NUTS country codes that are not ISO 3166 ones, and names the EU writes otherwise than CLDR.
_ISO = {"EL": "GR", "UK": "GB"}
_EU_NAMES = {"fr": {"TR": "Türkiye"}}


def country_name(code: str | None, lang: str = "en") -> str:
    """A country's name in `lang` (CLDR's, through Babel; the EU's own where it differs); '' when unknown."""
    english = english_country(code)
    if lang == "en" or not english:
        return english
    nuts = str(code)[:2]
    own = _EU_NAMES.get(lang, {}).get(nuts)
    return own or Locale.parse(lang).territories.get(_ISO.get(nuts, nuts), english)


def region_label(name: str, code: str) -> str:
    return f"{name} ({code})"


def region_options(regions: pd.DataFrame, version: str = "", exclude=()) -> list[dict]:
    """Dropdown options for the NUTS 0-2 regions, countries first then by code; `search` also matches the
    English country name and the level."""
    options = memo_for(regions, ("region_picker.options", version), lambda: _options(regions))
    if exclude:
        skip = set(exclude)
        return [o for o in options if o["value"] not in skip]
    return options


def _options(regions: pd.DataFrame) -> list[dict]:
    rows = regions[regions["level"].between(0, 2)].sort_values(["level", "code"], kind="stable")
    rows = pd.concat([rows[rows["level"] == 0], rows[rows["level"] > 0].sort_values("code", kind="stable")])
    options = []
    for code, name, level in zip(rows["code"], rows["name"], rows["level"]):
        country = english_country(code)
        options.append(
            {
                "label": region_label(name, code),
                "value": code,
                "search": f"{name} {code} {country} {LEVEL_WORDS[int(level)]}",
            }
        )
    return options


def chosen_options(regions: pd.DataFrame, version: str, value) -> list[dict]:
    """The options of the chosen region(s) only: what a picker shows before the full list has arrived."""
    chosen = set(value if isinstance(value, list) else [value] if value else [])
    return [o for o in region_options(regions, version) if o["value"] in chosen]


def options_source_id(ident: str) -> str:
    return f"{ident}-options-source"


def region_dropdown(
    ident,
    regions: pd.DataFrame,
    version: str = "",
    value=None,
    placeholder: str = "Search a region by name or code…",
    exclude=(),
    **kwargs,
) -> html.Div:
    """A region dropdown whose full list the browser fetches (see the module's note); `exclude`: codes left out."""
    source = {"url": dash.get_relative_path(OPTIONS_PATH), "exclude": list(exclude)}
    return html.Div(
        [
            dcc.Dropdown(
                id=ident,
                options=chosen_options(regions, version, value),
                value=value,
                placeholder=placeholder,
                searchable=True,
                maxHeight=320,
                **kwargs,
            ),
            dcc.Store(id=options_source_id(ident), data=source),
        ]
    )
