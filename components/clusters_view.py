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
from i18n import format_number, ntranslator, translator

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


def _directory_lines(tables, lang: str) -> dict:
    """Each organisation's Markdown row (by org_key) in `lang`, made once per data version, language and path
    prefix (the links carry it): a selection only picks its rows."""
    _ = translator(lang)
    prefix = dash.get_relative_path("/")

    def compute() -> dict:
        directory = queries.cluster_directory(tables.cluster_organisations, tables.regions)
        labels = dict(zip(tables.sources["id"], tables.sources["dataset_code"]))
        out = {}
        for r in directory.itertuples():
            name = md(r.organisation) + (
                " " + _("(also written: {names})").format(names=md(r.also_written)) if r.also_written else ""
            )
            regions = " ".join(md_link(code, dash.get_relative_path(f"/region/{code}")) for code in r.region_codes)
            progs = ", ".join(
                md_link(f"{p}{': ' + proj if proj else ''}", programme_href(p)) for p, proj in r.programme_projects
            )
            urls = list(dict.fromkeys(u for raw in r.source_urls for u in URL_RE.findall(raw)))[:3]
            sources = "; ".join(md(labels.get(s, s)) for s in r.sources)
            if urls:
                sources += "; " + _("source pages:") + " " + " ".join(md_link(f"{k}", u) for k, u in enumerate(urls, 1))
            regions = regions or _("not given")
            out[r.org_key] = f"| {name} | {regions} | {md(r.described_as)} | {progs} | {sources} |"
        return out

    return tables.memo(("clusters.directory_lines", lang, prefix), compute)


def directory_view(tables, region, programme, lang: str = "en"):
    """The directory as one Markdown table: thousands of html components would make the browser crawl. Its own
    words in `lang`; organisation names, how the sources describe them, programmes and projects as published."""
    _, ngettext = translator(lang), ntranslator(lang)
    directory = queries.cluster_directory(
        tables.cluster_organisations, tables.regions, region or None, programme or None
    )
    headers = (_("Organisation"), _("Region"), _("Described as"), _("EU programmes (project)"), _("Sources"))
    lines = ["| " + " | ".join(headers) + " |", "|---|---|---|---|---|"]
    rows = _directory_lines(tables, lang)
    lines += [rows[key] for key in directory["org_key"]]
    n = len(directory)
    if region or programme:
        count = ngettext(
            "{count} cluster organisation for this selection.", "{count} cluster organisations for this selection.", n
        )
    else:
        count = ngettext("{count} cluster organisation.", "{count} cluster organisations.", n)
    count = count.format(count=format_number(n, lang))
    if n == 0:
        return html.P(_("No cluster organisation for this selection."), className="text-body-secondary"), count
    return dcc.Markdown("\n".join(lines), className="md-table small"), count


def origin_text(entry, lang: str = "en") -> str:
    _ = translator(lang)
    if entry["origin"] == "example":
        return _("example file (invented values, not real data)")
    if entry["origin"] == "server":
        return _("{filename} in DATA_DIR/monitoring/").format(filename=entry["filename"])
    return _("{filename} (loaded in this browser tab)").format(filename=entry["filename"])


def status_view(entries: dict, results: dict, example: bool, year_note: str | None, lang: str = "en"):
    """The loaded files' status: what was read, accepted and rejected (and why), in `lang`."""
    _, ngettext = translator(lang), ntranslator(lang)
    blocks = []
    if example:
        blocks.append(
            dbc.Alert(
                [html.Strong(_("Example data.") + " "), _(queries.EXAMPLE_LABEL) + "."], color="info", className="py-2"
            )
        )
    if not entries:
        blocks.append(
            html.P(
                _(
                    "No monitoring file loaded yet: download a template, fill it in and load it above, or "
                    "switch on the example files."
                ),
                className="text-body-secondary small",
            )
        )
    for key in KEYS:
        entry = entries.get(key)
        if not entry:
            continue
        title = _(queries.TEMPLATES[key].title)
        if entry.get("error"):
            blocks.append(
                dbc.Alert(
                    _("{title}: {filename} was not read. {error}").format(
                        title=title, filename=entry["filename"], error=entry["error"]
                    ),
                    color="danger",
                    className="py-2 small",
                )
            )
            continue
        res = results[key]
        if res.file_error:
            blocks.append(
                dbc.Alert(
                    _("{title}: {filename} rejected. {error}").format(
                        title=title, filename=entry["filename"], error=res.file_error
                    ),
                    color="danger",
                    className="py-2 small",
                )
            )
            continue
        rejected = res.rejected
        lines = [
            html.Li(
                _("line {line}: {message}").format(line=r["line"], message=r["message"]) if r["line"] else r["message"]
            )
            for r in rejected[:MAX_MESSAGES]
        ]
        more = len(rejected) - MAX_MESSAGES
        blocks.append(
            dbc.Alert(
                [
                    html.Strong(_("{title}:").format(title=title) + " "),
                    ngettext(
                        "{accepted} row accepted, {rejected} rejected",
                        "{accepted} rows accepted, {rejected} rejected",
                        len(res.accepted),
                    ).format(
                        accepted=format_number(len(res.accepted), lang), rejected=format_number(len(rejected), lang)
                    )
                    + " ",
                    html.Span(f"({origin_text(entry, lang)})", className="text-body-secondary"),
                    html.Ul(
                        lines
                        + (
                            [html.Li(_("... and {more} more").format(more=format_number(more, lang)))]
                            if more > 0
                            else []
                        ),
                        className="mb-0 mt-1",
                    )
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


def monitoring_charts(
    entries: dict, accepted: dict, chosen: int | None, kpi: str, example: bool, lang: str = "en"
) -> dict:
    """The three monitoring chart cards' parts by name (members, funding, kpis), from the accepted rows of each
    file for the chosen year (None: each file's latest), in `lang`."""
    _ = translator(lang)

    def source(key):
        entry = entries.get(key)
        if not entry or entry.get("error"):
            return ""
        return _(
            "Source: {origin}; checked against the {template} template "
            "(indicators of the Auvergne-Rhône-Alpes CLUSTERIX 2.0 action plan)"
        ).format(origin=origin_text(entry, lang), template=_(queries.TEMPLATES[key].title))

    label = " " + _("(EXAMPLE DATA, not real)") if example else ""
    mix = queries.members_mix(accepted["members"], chosen)
    if chosen:
        members_title = _("Members by type, {year}").format(year=chosen) + label
    else:
        members_title = _("Members by type, latest reporting year") + label
    funding = queries.funding_mix(accepted["management"], chosen)
    fund_year = chosen or (int(funding["year"].max()) if len(funding) else None)
    funding_title = (
        _("Funding by source, {year}").format(year=fund_year) if fund_year else _("Funding by source")
    ) + label
    kpis = (
        queries.kpi_by_year(accepted["objectives"], kpi)
        if kpi in accepted["objectives"]
        else pd.DataFrame(columns=["cluster", "year", "value", "periods"])
    )
    kpi_label = _(queries.KPI_COLUMNS[kpi])
    kpi_title = _("{objective} per cluster and year").format(objective=kpi_label) + label
    funding_table = funding.assign(
        source=[_(s) for s in funding["source"]],
        eur=funding["eur"].map(lambda v: theme.format_value(v, 0, lang=lang)),
        share=funding["share"].map(lambda v: theme.format_value(v * 100, 1, "%", lang=lang)),
    )
    return {
        "members": chart(
            figures.members_mix_chart(mix, members_title, queries.MEMBER_TYPES, lang).to_plotly_json(),
            data_table(
                mix.assign(member_type=[_(t) for t in mix["member_type"]]),
                {
                    "cluster": _("Cluster"),
                    "year": _("Year"),
                    "member_type": _("Type"),
                    "members": _("Members"),
                    "in_governance": _("In the governance"),
                },
                lang=lang,
            ),
            source("members"),
            members_title,
        ),
        "funding": chart(
            figures.funding_mix_chart(funding, funding_title, lang).to_plotly_json(),
            data_table(
                funding_table,
                {
                    "cluster": _("Cluster"),
                    "year": _("Year"),
                    "source": _("Source of funding"),
                    "eur": _("EUR"),
                    "share": _("Share of known total"),
                },
                lang=lang,
            ),
            source("management"),
            funding_title,
        ),
        "kpis": chart(
            figures.kpi_chart(kpis, kpi_title, kpi_label, lang).to_plotly_json(),
            data_table(
                kpis.assign(value=kpis["value"].map(lambda v: theme.format_value(v, 0, lang=lang))),
                {
                    "cluster": _("Cluster"),
                    "year": _("Year"),
                    "value": kpi_label,
                    "periods": _("Reported periods"),
                },
                lang=lang,
            ),
            source("objectives"),
            kpi_title,
        ),
    }
