"""The Cluster organisations page's parts built from the tables and the monitoring files: the directory as one
Markdown table, the files' status messages and the monitoring charts by name.

Pure functions: callbacks/clusters.py reads the controls and the browser store, caches the directory, and wires
these parts to the page by name.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import theme
from components.chart_card import data_table
from components.chart_parts import chart
from components.figures import policy as figures
from data import policy as queries

KEYS = list(queries.TEMPLATES)
MAX_MESSAGES = 50
URL_RE = re.compile(r"https?://[^\s|<>\"']+")


def programme_href(programme: str) -> str:
    return dash.get_relative_path("/programmes") + "?" + urlencode({"programme": programme})


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(text) -> str:
    """A data string as literal Markdown text (no emphasis, no links, no HTML), on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def md_link(label: str, href: str) -> str:
    href = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{md(label)}]({href})"


def directory_view(tables, region, programme):
    """The directory as one Markdown table: thousands of html components would make the browser crawl."""
    directory = queries.cluster_directory(
        tables.cluster_organisations, tables.regions, region or None, programme or None
    )
    labels = dict(zip(tables.sources["id"], tables.sources["dataset_code"]))
    lines = ["| Organisation | Region | Described as | EU programmes (project) | Sources |", "|---|---|---|---|---|"]
    for r in directory.itertuples():
        name = md(r.organisation) + (f" (also written: {md(r.also_written)})" if r.also_written else "")
        regions = " ".join(md_link(code, dash.get_relative_path(f"/region/{code}")) for code in r.region_codes)
        progs = ", ".join(
            md_link(f"{p}{': ' + proj if proj else ''}", programme_href(p)) for p, proj in r.programme_projects
        )
        urls = list(dict.fromkeys(u for raw in r.source_urls for u in URL_RE.findall(raw)))[:3]
        sources = "; ".join(md(labels.get(s, s)) for s in r.sources)
        if urls:
            sources += "; source pages: " + " ".join(md_link(f"{k}", u) for k, u in enumerate(urls, 1))
        lines.append(f"| {name} | {regions or 'not given'} | {md(r.described_as)} | {progs} | {sources} |")
    count = f"{len(directory)} cluster organisations" + (" for this selection" if region or programme else "") + "."
    if len(directory) == 0:
        return html.P("No cluster organisation for this selection.", className="text-body-secondary"), count
    return dcc.Markdown("\n".join(lines), className="md-table small"), count


def origin_text(entry) -> str:
    if entry["origin"] == "example":
        return "example file (invented values, not real data)"
    if entry["origin"] == "server":
        return f"{entry['filename']} in DATA_DIR/monitoring/"
    return f"{entry['filename']} (loaded in this browser tab)"


def status_view(entries: dict, results: dict, example: bool, year_note: str | None):
    blocks = []
    if example:
        blocks.append(
            dbc.Alert([html.Strong("Example data. "), queries.EXAMPLE_LABEL + "."], color="info", className="py-2")
        )
    if not entries:
        blocks.append(
            html.P(
                "No monitoring file loaded yet: download a template, fill it in and load it above, or "
                "switch on the example files.",
                className="text-body-secondary small",
            )
        )
    for key in KEYS:
        entry = entries.get(key)
        if not entry:
            continue
        title = queries.TEMPLATES[key].title
        if entry.get("error"):
            blocks.append(
                dbc.Alert(
                    f"{title}: {entry['filename']} was not read. {entry['error']}",
                    color="danger",
                    className="py-2 small",
                )
            )
            continue
        res = results[key]
        if res.file_error:
            blocks.append(
                dbc.Alert(
                    f"{title}: {entry['filename']} rejected. {res.file_error}", color="danger", className="py-2 small"
                )
            )
            continue
        rejected = res.rejected
        lines = [
            html.Li(f"line {r['line']}: {r['message']}" if r["line"] else r["message"]) for r in rejected[:MAX_MESSAGES]
        ]
        more = len(rejected) - MAX_MESSAGES
        blocks.append(
            dbc.Alert(
                [
                    html.Strong(f"{title}: "),
                    f"{len(res.accepted)} rows accepted, {len(rejected)} rejected ",
                    html.Span(f"({origin_text(entry)})", className="text-body-secondary"),
                    html.Ul(lines + ([html.Li(f"... and {more} more")] if more > 0 else []), className="mb-0 mt-1")
                    if lines
                    else None,
                ],
                color="warning" if rejected else "success",
                className="py-2 small",
            )
        )
    if year_note:
        blocks.append(dbc.Alert(year_note, color="warning", className="py-2 small"))
    return blocks


def monitoring_charts(entries: dict, accepted: dict, chosen: int | None, kpi: str, example: bool) -> dict:
    """The three monitoring chart cards' parts by name (members, funding, kpis), from the accepted rows of each
    file for the chosen year (None: each file's latest)."""

    def source(key):
        entry = entries.get(key)
        if not entry or entry.get("error"):
            return ""
        return (
            f"Source: {origin_text(entry)}; checked against the {queries.TEMPLATES[key].title} template "
            f"(indicators of the Auvergne-Rhône-Alpes CLUSTERIX 2.0 action plan)"
        )

    label = " (EXAMPLE DATA, not real)" if example else ""
    mix = queries.members_mix(accepted["members"], chosen)
    mix_year = f", {chosen}" if chosen else ", latest reporting year"
    members_title = f"Members by type{mix_year}{label}"
    funding = queries.funding_mix(accepted["management"], chosen)
    fund_year = chosen or (int(funding["year"].max()) if len(funding) else None)
    funding_title = f"Funding by source{', ' + str(fund_year) if fund_year else ''}{label}"
    kpis = (
        queries.kpi_by_year(accepted["objectives"], kpi)
        if kpi in accepted["objectives"]
        else pd.DataFrame(columns=["cluster", "year", "value", "periods"])
    )
    kpi_title = f"{queries.KPI_COLUMNS[kpi]} per cluster and year{label}"
    funding_table = funding.assign(
        eur=funding["eur"].map(lambda v: theme.format_value(v, 0)),
        share=funding["share"].map(lambda v: theme.format_value(v * 100, 1, "%")),
    )
    return {
        "members": chart(
            figures.members_mix_chart(mix, members_title, queries.MEMBER_TYPES).to_plotly_json(),
            data_table(
                mix,
                {
                    "cluster": "Cluster",
                    "year": "Year",
                    "member_type": "Type",
                    "members": "Members",
                    "in_governance": "In the governance",
                },
            ),
            source("members"),
            members_title,
        ),
        "funding": chart(
            figures.funding_mix_chart(funding, funding_title).to_plotly_json(),
            data_table(
                funding_table,
                {
                    "cluster": "Cluster",
                    "year": "Year",
                    "source": "Source of funding",
                    "eur": "EUR",
                    "share": "Share of known total",
                },
            ),
            source("management"),
            funding_title,
        ),
        "kpis": chart(
            figures.kpi_chart(kpis, kpi_title, queries.KPI_COLUMNS[kpi]).to_plotly_json(),
            data_table(
                kpis.assign(value=kpis["value"].map(lambda v: theme.format_value(v, 0))),
                {
                    "cluster": "Cluster",
                    "year": "Year",
                    "value": queries.KPI_COLUMNS[kpi],
                    "periods": "Reported periods",
                },
            ),
            source("objectives"),
            kpi_title,
        ),
    }
