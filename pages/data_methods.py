"""Data & methods: every source with its attribution and coverage, the tables as CSV, the schema."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

import caching
from components.chart_card import data_table, table_box
from components.language import page_title
from components.sentence import sentence
from data import schema
from data.composite import method_markdown
from data.labels import indicators_in
from data.quality import CHECK_NAMES, check_name, rules_markdown
from data.store import TABLE_NAMES, current_tables
from i18n import DEFAULT_LANGUAGE, N_, format_number, ntranslator, translator

dash.register_page(__name__, path="/data", title=page_title(N_("Data & methods")), name="Data & methods")

# One catalogue message per paragraph (Markdown kept), translated where drawn.
METHODS = (
    N_(
        "**Region codes.** Everything is shown in NUTS 2024, the classification in which Eurostat publishes regional\n"
        "data since 2024 (244 NUTS 2 regions in the EU). Inputs published in NUTS 2013, 2016 or 2021 are recoded with\n"
        "Eurostat's official correspondence tables; a code is recoded only when its territory did not change (a new\n"
        "name, a new code, or a shift of under 1% of the population that the NUTS regulation does not count as an\n"
        "amendment, art. 5(2a): Emilia-Romagna ITH5 and Marche ITI3). Codes that were split, merged or whose boundary\n"
        "shifted (LT00 into LT01 and LT02 in 2016; Utrecht NL31 and Zuid-Holland NL33, Centro PT16, Lisbon PT17 and\n"
        "Alentejo PT18 in 2024) are left out rather than guessed, and the pipeline prints every code it drops. A link\n"
        "with an old code (e.g. /region/PT17) opens a notice naming the NUTS 2024 regions that now cover its territory."
    ),
    N_(
        "**Sums of parts.** Where a quantity adds up (GDP in euro, population, persons employed, R&D personnel) and the\n"
        "source has no row for a NUTS 1 region, a country or the EU27, the pipeline sums its NUTS 2 parts (the EU27 its\n"
        '27 countries), only when every part has a value, and labels the result "sum of NUTS 2 parts" wherever it is\n'
        "shown. A published value, or a published confidential gap, is never replaced. Rates and per-head values are\n"
        "never summed or averaged from regions; the one exception is a share of two counts (industry's share of\n"
        'employment), which a parent gets as the ratio of its parts\' summed counts, labelled "ratio of sums". This gives Hauts-de-France (FRE) and the other French NUTS 1 regions\n'
        "their sector employment, location quotients and agglomerations: the 2015 file publishes them under NUTS 2013\n"
        "codes that no longer exist."
    ),
    N_(
        "**Missing values and flags.** A missing value stays missing: it is never shown as zero, never filled and never\n"
        "ranked. Eurostat observation flags are kept and shown in words: b break in time series, c confidential,\n"
        "d definition differs, e estimated, p provisional, u low reliability."
    ),
    N_(
        "**Location quotients.** LQ of region r in activity i = (employment of r in i / employment of r) /\n"
        "(EU employment in i / EU employment), on the business economy of Eurostat's structural business statistics\n"
        "(2015). A *regionally relevant agglomeration* has LQ > 1.5 and at least 1% of the region's employment (the\n"
        "definition of the ECCP country factsheets)."
    ),
    N_(
        "**Industrial ecosystems.** Employment in each of the 14 industrial ecosystems is estimated as the weighted sum\n"
        "of employment in the NACE divisions, with the value-added weights of the Annual Single Market Report 2021.\n"
        "Only the business economy is covered; activities outside it (agriculture, finance, public services, health,\n"
        "education, culture) do not contribute, so ecosystems that rely on them are under-estimated."
    ),
)

RETRIEVED_DEFAULT = N_(
    "Retrieval dates are not recorded for these tables: they were built from copies of the public "
    "files gathered for the project (../shared/data; their vintage is stated under Coverage: the years "
    'each file covers, "extract of December 2020", "2017 vintage"). '
    "An IT team with internet access can bring them up to Eurostat's latest release with "
    "python -m data.refresh, which records the date of each dataset here and on every chart."
)
RETRIEVED_REFRESHED = N_(
    "Retrieved: the date python -m data.refresh fetched the dataset from Eurostat's API; Eurostat "
    'data update: when Eurostat last updated it, as Eurostat states. "not recorded" marks '
    "sources taken from the project's copies of the public files (vintage under Coverage)."
)


THEMES = {  # data/catalogue.py THEMES, as the indicators table shows them
    "economy": N_("economy"),
    "innovation": N_("innovation"),
    "labour": N_("labour"),
    "competitiveness": N_("competitiveness"),
    "demography": N_("demography"),
}


def _cell(value, english: bool):
    text = "" if value is None or value != value else str(value)
    return html.Td(text, lang="en") if english else html.Td(text)


def _table(df, columns: dict[str, str], lang: str, english=()):
    """`data_table`, or where some columns hold English source text (titles, the pipeline's notes) on a page in
    another language, the same table with those cells marked lang="en" (a Markdown table cannot mark a cell)."""
    if lang == DEFAULT_LANGUAGE or not english:
        return data_table(df, columns, lang=lang)
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(title, scope="col") for title in columns.values()])),
                html.Tbody(
                    [
                        html.Tr([_cell(value, column in english) for column, value in zip(columns, row)])
                        for row in df[list(columns)].itertuples(index=False)
                    ]
                ),
            ]
        ),
        className="md-table",
    )


def _schema_table(name, lang):
    """A table's columns as one Markdown table (one string, not a component per cell: the page's 19 schemas were
    128 KB of the layout as html.Table components)."""
    _ = translator(lang)
    yes, no = _("yes"), _("no")
    lines = ["| " + " | ".join([_("Column"), _("Type"), _("Missing allowed")]) + " |", "|---|---|---|"]
    lines += [
        f"| `{column}` | {spec.dtype} | {yes if spec.nullable else no} |"
        for column, spec in schema.SCHEMAS[name].columns.items()
    ]
    return dcc.Markdown("\n".join(lines), className="md-table mb-0")


QUALITY, QUALITY_TABLE, DEFAULT_YEARS = "data-quality", "data-quality-table", "data-default-years"


def _quality_section(tables, lang):
    """The default-year rule, breaks, the plausibility checks with their thresholds, and every flagged cell."""
    _ = translator(lang)
    dq = tables.table("data_quality")
    counts = dq["check"].value_counts()
    names = tables.regions.set_index("code")["name"]
    texts = indicators_in(tables.indicators, lang)
    labels = texts.set_index("id")["short_label"]
    rows = dq.assign(
        check=[f"{check_name(c, lang)} ({c})" for c in dq["check"]],
        region=[f"{names.get(r, r)} ({r})" for r in dq["region"]],
        what=[
            labels.get(k, k) if t == "indicator_values" else f"NACE {k}"
            for t, k in zip(dq["table"], dq["indicator_or_nace"])
        ],
    )
    ind = texts.sort_values(["theme", "label"])
    years = pd.DataFrame(
        {
            "label": ind["label"],
            "default_year": [str(int(y)) if pd.notna(y) else _("none") for y in ind["default_year"]],
            "note": ind["default_year_note"].fillna(""),
        }
    )
    summary = ", ".join(
        _("{count} {check}").format(count=format_number(counts.get(c, 0), lang), check=check_name(c, lang).lower())
        for c in CHECK_NAMES
    )
    csv_link = html.A(
        [html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), "data_quality.csv"],
        href=dash.get_relative_path("/download/data_quality.csv"),
    )
    return [
        html.H2(_("Data quality"), className="h4 mt-4", id=QUALITY),
        dcc.Markdown(rules_markdown(lang)),
        html.H3(_("Default year of each indicator"), className="h5 mt-3"),
        table_box(
            # The notes are the pipeline's, written in English (data/build/quality.py).
            _table(
                years,
                {"label": _("Indicator"), "default_year": _("Opens on"), "note": _("Note")},
                lang,
                english=("note",),
            ),
            id=DEFAULT_YEARS,
            class_name="small",
        ),
        html.H3(_("Flagged cells ({count})").format(count=format_number(len(dq), lang)), className="h5 mt-3"),
        html.P(
            sentence(_("{summary}. {file} has every column.").format(summary=summary, file="{file}"), file=csv_link),
            className="small",
        ),
        table_box(
            # Why a cell is flagged is the pipeline's text, in English (data/build/quality.py).
            _table(
                rows,
                {
                    "check": _("Check"),
                    "region": _("Region"),
                    "what": _("Indicator or activity"),
                    "year": _("Year"),
                    "detail": _("Why it is flagged"),
                },
                lang,
                english=("detail",),
            ),
            id=QUALITY_TABLE,
            class_name="small",
        ),
    ]


def _indicators(tables, lang) -> html.Div:
    """Every indicator of the catalogue (data/catalogue.py) as the tables hold it: what it measures and how to read it."""
    _ = translator(lang)
    ind = indicators_in(tables.indicators, lang).sort_values(["theme", "label"])
    rows = pd.DataFrame(
        {
            "label": ind["label"],
            "unit": ind["unit"],
            "theme": [_(THEMES[t]) if t in THEMES else t for t in ind["theme"]],
            "better": [_("higher") if h else _("lower") for h in ind["higher_is_better"]],
            "dataset_code": ind["dataset_code"],
            "description": ind["description"],
        }
    )
    return table_box(
        data_table(
            rows,
            {
                "label": _("Indicator"),
                "unit": _("Unit"),
                "theme": _("Theme"),
                "better": _("Better when"),
                "dataset_code": _("Dataset"),
                "description": _("What it measures"),
            },
            lang=lang,
        ),
        class_name="small",
    )


@caching.memoize_layout()
def layout(_state, _notices, lang):
    _ = translator(lang)
    ngettext = ntranslator(lang)
    tables = current_tables()
    sources = tables.sources[["title", "publisher", "dataset_code", "attribution", "coverage", "licence"]].copy()
    # Retrieval dates exist only for datasets fetched by `python -m data.refresh`; say so instead of a blank.
    sources["retrieved"] = tables.sources["retrieved"].fillna(_("not recorded"))
    sources["release"] = tables.sources["release"].fillna("")
    refreshed = tables.sources["retrieved"].notna().any()
    downloads = [
        dbc.ListGroupItem(
            [
                html.A(
                    [html.I(className="bi bi-filetype-csv me-1", **{"aria-hidden": "true"}), f"{name}.csv"],
                    href=dash.get_relative_path(f"/download/{name}.csv"),
                ),
                html.Span(
                    " " + ngettext("{count} row", "{count} rows", n).format(count=format_number(n, lang)),
                    className="text-body-secondary small",
                ),
            ]
        )
        for name, n in ((name, len(tables.table(name))) for name in TABLE_NAMES)
    ]
    return html.Div(
        [
            html.H1(_("Data & methods"), className="h3"),
            html.P(
                sentence(
                    _(
                        "Data version {version}. Every table the app uses is below as CSV, with the sources it is built from."
                    ),
                    version=html.Code(tables.version),
                )
            ),
            html.H2(_("Sources"), className="h4 mt-4"),
            html.P(_(RETRIEVED_REFRESHED) if refreshed else _(RETRIEVED_DEFAULT), className="small"),
            # Titles, publishers, attributions, coverage and licences are the sources' own words, in English.
            _table(
                sources,
                {
                    "title": _("Dataset"),
                    "publisher": _("Publisher"),
                    "dataset_code": _("Code"),
                    "attribution": _("Attribution"),
                    "coverage": _("Coverage"),
                    "licence": _("Licence"),
                    "retrieved": _("Retrieved"),
                    "release": _("Eurostat data update"),
                },
                lang,
                english=("title", "publisher", "attribution", "coverage", "licence"),
            ),
            html.H2(_("Indicators"), className="h4 mt-4"),
            _indicators(tables, lang),
            html.H2(_("Methods"), className="h4 mt-4"),
            dcc.Markdown("\n" + "\n\n".join(_(text) for text in METHODS) + "\n"),
            # --- Rankings and the composite indicator (issue 4) ---
            html.H3(_("Rankings and the composite indicator"), className="h5 mt-3", id="rankings-method"),
            dcc.Markdown(method_markdown(tables.indicators, lang)),
            *_quality_section(tables, lang),
            html.H2(_("Tables"), className="h4 mt-4"),
            dbc.ListGroup(downloads, className="mb-3"),
            html.H2(_("Schema"), className="h4 mt-4"),
            html.P(
                _(
                    "An organisation can run the app on its own tables by pointing DATA_DIR at a folder with the same "
                    "files and columns (see data/README.md)."
                )
            ),
            dbc.Accordion(
                [
                    # A table's name is its file's name (an English word such as "regions"): marked so.
                    dbc.AccordionItem(
                        _schema_table(name, lang),
                        title=name if lang == DEFAULT_LANGUAGE else html.Span(name, lang="en"),
                    )
                    for name in TABLE_NAMES
                ],
                start_collapsed=True,
                always_open=True,
            ),
        ]
    )
