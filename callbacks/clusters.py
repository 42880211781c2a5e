"""Cluster organisations page callbacks: directory filters, template downloads, monitoring uploads and charts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

import caching
from components import theme
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, data_table, ids
from components.figures import policy as figures
from data import policy as queries
from data.store import current_tables
from data.tables_export import safe_csv
from pages.clusters import (
    DIRECTORY,
    DIRECTORY_COUNT,
    DOWNLOAD,
    EXAMPLE,
    KPI,
    MON_FUNDING,
    MON_KPI,
    MON_MEMBERS,
    PROGRAMME,
    RAW_STORE,
    REGION,
    STATUS,
    TEMPLATE_BUTTON,
    UPLOAD,
    URL,
    YEAR,
)
from state.clusters import clusters_search

MEMBERS, FUNDING, KPIS = ids(MON_MEMBERS), ids(MON_FUNDING), ids(MON_KPI)
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


@caching.memoize
def directory_outputs(region: str, programme: str) -> list:
    """The directory answer as plain data per validated choice (a warm call is one cache read)."""
    return caching.plain(list(directory_view(current_tables(), region, programme)))


def pick(value, allowed, default=""):
    """A control's value if it is one of the allowed strings, else the default (hostile input never raises)."""
    return value if isinstance(value, str) and value in allowed else default


def _valid_entry(entry) -> bool:
    """A store entry as receive_upload writes it (anything else in the store is ignored)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("filename"), str):
        return False
    if "error" in entry:
        return isinstance(entry["error"], str)
    cols, rows = entry.get("columns"), entry.get("rows")
    return (
        isinstance(cols, list)
        and all(isinstance(c, str) for c in cols)
        and isinstance(rows, list)
        and all(isinstance(r, list) and len(r) == len(cols) for r in rows)
    )


def _raw_frame(entry) -> pd.DataFrame | None:
    if not entry or entry.get("error"):
        return None
    df = pd.DataFrame(entry["rows"], columns=entry["columns"], dtype="object").fillna("").astype(str)
    df.attrs["too_wide"] = entry.get("too_wide", [])
    return df


def _entry(df: pd.DataFrame, filename: str, origin: str) -> dict:
    return {
        "filename": filename,
        "origin": origin,
        "columns": list(df.columns),
        "rows": df.values.tolist(),
        "too_wide": df.attrs.get("too_wide", []),
    }


def server_files(data_dir: Path) -> dict:
    """Monitoring files an operator placed in DATA_DIR/monitoring/, as store entries."""
    out = {}
    for key, found in queries.monitoring_files(Path(data_dir) / "monitoring").items():
        if "error" in found:
            out[key] = {"filename": found["filename"], "origin": "server", "error": found["error"]}
        else:
            out[key] = _entry(found["frame"], found["filename"], "server")
    return out


def loaded_tables(tables, stored: dict | None, example: bool) -> dict:
    """What is charted: the example files, or the server files overridden table by table by the uploads."""
    if example:
        return {
            key: _entry(
                queries.example_frame(key).astype(str).replace({"nan": "", "None": ""}),
                f"example {key} file",
                "example",
            )
            for key in KEYS
        }
    entries = server_files(tables.data_dir)
    if isinstance(stored, dict):
        entries.update({k: {**v, "origin": "upload"} for k, v in stored.items() if k in KEYS and _valid_entry(v)})
    return entries


def _origin_text(entry) -> str:
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
                    html.Span(f"({_origin_text(entry)})", className="text-body-secondary"),
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


def register(app):
    @app.callback(
        Output(DIRECTORY, "children"),
        Output(DIRECTORY_COUNT, "children"),
        Input(REGION, "value"),
        Input(PROGRAMME, "value"),
    )
    def update_directory(region, programme):
        tables = current_tables()
        orgs = tables.cluster_organisations
        region = pick(region, {c for c, _ in queries.directory_regions(orgs, tables.regions)})
        programme = pick(programme, set(queries.directory_programmes(orgs)))
        return directory_outputs(region, programme)

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input({"type": TEMPLATE_BUTTON, "key": ALL, "fmt": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def download_template(_clicks):
        trigger = ctx.triggered_id
        if (
            not isinstance(trigger, dict)
            or not isinstance(_clicks, list)
            or not any(isinstance(c, int) and c > 0 for c in _clicks)
        ):
            return no_update
        key, fmt = trigger.get("key"), trigger.get("fmt")
        if key not in queries.TEMPLATES:
            return no_update
        if fmt == "xlsx":
            return dcc.send_bytes(queries.template_xlsx(key), f"cluster-{key}-template.xlsx")
        if fmt == "example":
            return {
                "content": safe_csv(queries.example_frame(key), lineterminator="\n"),
                "filename": f"cluster-{key}-EXAMPLE-not-real-data.csv",
                "type": "text/csv",
            }
        return {
            "content": safe_csv(queries.template_frame(key), lineterminator="\n"),
            "filename": f"cluster-{key}-template.csv",
            "type": "text/csv",
        }

    @app.callback(
        Output(RAW_STORE, "data"),
        [Input(UPLOAD[k], "contents") for k in KEYS],
        [State(UPLOAD[k], "filename") for k in KEYS],
        State(RAW_STORE, "data"),
        prevent_initial_call=True,
    )
    def receive_upload(*args):
        contents, filenames = args[: len(KEYS)], args[len(KEYS) : 2 * len(KEYS)]
        stored = {k: v for k, v in (args[-1] if isinstance(args[-1], dict) else {}).items() if k in KEYS}
        trigger = ctx.triggered_id
        if not isinstance(trigger, str) or trigger not in UPLOAD.values():
            return no_update
        key = next(k for k, v in UPLOAD.items() if v == trigger)
        i = KEYS.index(key)
        name = str(filenames[i])[:120] if isinstance(filenames[i], str) and filenames[i] else "file"
        try:
            if not isinstance(contents[i], str):
                raise queries.UploadError("No file was received.")
            # The browser keeps the parsed table, cut to the columns the page uses, never the file itself.
            df = queries.kept_table(key, queries.read_upload(contents[i], name))
            stored[key] = _entry(df, name, "upload")
        except queries.UploadError as err:
            stored[key] = {"filename": name, "origin": "upload", "error": str(err)}
        return stored

    @app.callback(
        Output(STATUS, "children"),
        Output(YEAR, "options"),
        Output(MEMBERS[GRAPH], "figure"),
        Output(MEMBERS[TABLE], "children"),
        Output(MEMBERS[SOURCE], "children"),
        Output(MEMBERS[TITLE], "children"),
        Output(FUNDING[GRAPH], "figure"),
        Output(FUNDING[TABLE], "children"),
        Output(FUNDING[SOURCE], "children"),
        Output(FUNDING[TITLE], "children"),
        Output(KPIS[GRAPH], "figure"),
        Output(KPIS[TABLE], "children"),
        Output(KPIS[SOURCE], "children"),
        Output(KPIS[TITLE], "children"),
        Input(RAW_STORE, "data"),
        Input(EXAMPLE, "value"),
        Input(YEAR, "value"),
        Input(KPI, "value"),
    )
    def update_monitoring(stored, example, year, kpi):
        tables = current_tables()
        example = example is True
        entries = loaded_tables(tables, stored, example)
        raw = {k: _raw_frame(e) for k, e in entries.items()}
        directory = set(
            tables.cluster_organisations.loc[tables.cluster_organisations["is_cluster"] == "yes", "organisation"]
        )
        results = queries.validate_all(raw, set(tables.regions["code"]), directory)
        empty = {k: pd.DataFrame(columns=queries.TEMPLATES[k].names) for k in KEYS}
        accepted = {k: (results[k].accepted if k in results else empty[k]) for k in KEYS}
        years = sorted(
            set(queries.monitoring_years(accepted["management"])) | {int(y) for y in accepted["members"]["year"]}
        )
        year_note = None
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        if year is not None and years and int(year) not in years:
            year_note = f"The loaded files have no row for {year}: showing the latest year of each file instead."
        chosen = int(year) if year is not None and int(year) in years else None
        kpi = pick(kpi, queries.KPI_COLUMNS, "joint_projects_actions")

        def source(key):
            entry = entries.get(key)
            if not entry or entry.get("error"):
                return ""
            return (
                f"Source: {_origin_text(entry)}; checked against the {queries.TEMPLATES[key].title} template "
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
        return (
            status_view(entries, results, example, year_note),
            [{"label": str(y), "value": y} for y in years],
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
        )

    @app.callback(
        Output(URL, "search"),
        Input(REGION, "value"),
        Input(PROGRAMME, "value"),
        Input(EXAMPLE, "value"),
        Input(YEAR, "value"),
        Input(KPI, "value"),
        prevent_initial_call=True,
    )
    def sync_url(region, programme, example, year, kpi):
        year = year if isinstance(year, int) and not isinstance(year, bool) else None
        return clusters_search(
            pick(region, {region} if isinstance(region, str) else set()),
            pick(programme, {programme} if isinstance(programme, str) else set()),
            1 if example is True else 0,
            year,
            pick(kpi, queries.KPI_COLUMNS, None),
        )
