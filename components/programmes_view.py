"""The Programmes page's named parts (charts, tables, coverage) built from the tables and plain values.

Pure functions of `tables` and the checked selection: the callbacks (callbacks/programmes.py) cache them as plain
data and wire them by name.
"""

from __future__ import annotations

import json

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table, with_csv
from components.chart_parts import chart
from components.figures import programmes as figs
from components.figures.maps import boundaries_url
from data import programmes as q
from data.chart_data import spec
from state.programmes import cached

DATA_SOURCE = (
    "Source: programme data compiled from public CORDIS, ECCP, project and cluster pages (the page of "
    "each row is linked in the partner list)."
)
GISCO = "© EuroGeographics for the administrative boundaries"
DEFAULT_FOCUS = "FR"  # the country of the published (seed) figures, shown when no country is chosen
MAX_FOCUS = 4
NETWORK_CAP = 30  # participants in the heatmap and the graph (every pair stays in the table and the CSV)
LINK_RULE = (
    "Two participants are linked when they take part in the same project; the number is how many projects they "
    "share (organisations of the same country or region in one project do not link it to itself)."
)
SUBTITLE = "Linked: both take part in the same project. Number: projects they share."
LEVEL_WORDS = {"country": "countries", "region": "NUTS 2 regions", "organisation": "organisations"}


def text_table(df, columns: dict):
    """data_table with missing values as blank cells (pandas NA cannot be compared, and blank = unknown)."""
    if df is None or len(df) == 0:
        return data_table(df, columns)
    shown = df[list(columns)].astype(object)
    return data_table(shown.where(shown.notna(), ""), columns)


def _rows(tables, positions) -> pd.DataFrame:
    return tables.participations.iloc[list(positions)]


def _names(tables) -> dict:
    regions = tables.regions
    return dict(zip(regions["code"], regions["name"]))


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing as None (pandas' JSON writer is the fast way to get there)."""
    return json.loads(df.to_json(orient="records", force_ascii=False))


# --------------------------------------------------------------------------------------------------- coverage
def coverage_programmes(tables, programmes, generations) -> list[str]:
    if programmes:
        return list(programmes)
    if generations:
        projects = tables.projects
        return list(dict.fromkeys(projects.loc[projects["generation"].isin(generations), "programme"]))
    return []


def coverage_of(tables, programmes, generations):
    """Coverage rows of the programmes in scope. What the dataset holds per official total does not depend on the
    other filters, so it is computed once per data version and subset here."""
    every = cached(
        tables, "coverage", lambda: q.coverage(tables.official_totals, tables.projects, tables.participations)
    )
    progs = coverage_programmes(tables, programmes, generations)
    return every[every["programme"].isin(progs)] if progs else every


def coverage_text(tables, programmes, generations) -> str:
    """The coverage under each chart: this dataset of the official projects and participants (countries in the
    coverage box above the charts)."""
    cov = coverage_of(tables, programmes, generations)
    lines = q.coverage_lines(cov[cov["measure"] != "countries"])
    if not lines:
        return "Coverage unknown: no official total is published for this selection."
    return "Coverage, this dataset of the official totals: " + "; ".join(lines) + "."


def coverage_block(tables, programmes, generations):
    """The coverage box above the charts (the same for every selection of the same programmes)."""
    progs = coverage_programmes(tables, programmes, generations)
    return cached(tables, ("coverage-block", tuple(progs)), lambda: _coverage_block(tables, progs))


def _coverage_block(tables, progs):
    cov = coverage_of(tables, progs, [])
    gaps = q.uncovered_generations(tables.projects, tables.official_totals, progs)
    table = text_table(
        cov.assign(headline=cov["headline"].map({True: "yes", False: "no"})),
        {
            "programme": "Programme",
            "scope": "Scope",
            "text": "This dataset of the official total",
            "headline": "Used above",
            "document": "Official total from",
            "section": "Section",
            "note": "Note",
        },
    )
    lines = q.coverage_lines(cov)
    return dbc.Alert(
        [
            html.H2("Coverage: this dataset of the official totals", className="h6 mb-1"),
            html.Ul([html.Li(line) for line in lines], className="mb-1 small ps-3")
            if lines
            else html.P("No official total is published for this selection: coverage unknown.", className="mb-1"),
            html.P(
                "No official total is published for: " + "; ".join(gaps) + " (coverage unknown there).",
                className="mb-1 small",
            )
            if gaps
            else None,
            html.Details(
                [
                    html.Summary("Every published total, with its source", className="small"),
                    html.Div(table, className="table-responsive small mt-2"),
                ]
            ),
        ],
        color="info",
        className="mb-0",
    )


# ------------------------------------------------------------------------------------------ country charts
def _map_countries(tables) -> pd.DataFrame:
    """The countries that have a boundary on the map (the same for every selection)."""
    countries = tables.regions[tables.regions["level"] == 0]
    geo_codes = {f["id"] for f in tables.geometries[0]["features"]}
    return countries[countries["code"].isin(geo_codes)]


def _pct(value) -> str:
    return "" if value != value else f"{value:.1%}"


def country_charts(tables, rows_any: list, focus: list, programmes: list, generations: list) -> dict:
    """Participations by country (bars with their height, map) and the focus countries' standing per programme."""
    names = _names(tables)
    parts = _rows(tables, rows_any)
    by_country = q.participations_by_country(parts)
    cover = coverage_text(tables, programmes, generations)
    scope = ", ".join(programmes) if programmes else "all programmes"

    bars_title = f"Participations by country, {scope}"
    bars = figs.country_bars(by_country, names, bars_title, focus)
    table = by_country.assign(
        country=by_country["country"].fillna(figs.NOT_STATED),
        name=by_country["country"].map(names).fillna(""),
        share=by_country["share"].map(_pct),
    )
    bars_table = text_table(
        table,
        {
            "country": "Country",
            "name": "Name",
            "participations": "Participations",
            "share": "Share of those with a country",
            "organisations": "Organisations",
            "projects": "Projects",
        },
    )
    countries = tables.memo("programmes.map_countries", lambda: _map_countries(tables))
    map_title = f"Participations by country (map), {scope}"
    fig_map = figs.country_map(by_country, countries, boundaries_url(0, tables.version), map_title, focus)
    return {
        "bars": {
            **chart(bars, bars_table, f"{DATA_SOURCE} {cover}", bars_title),
            "style": {"height": f"{bars.layout.height}px"},
        },
        "map": chart(fig_map, bars_table, f"{DATA_SOURCE} {cover} {GISCO}", map_title),
        "standing": standing_chart(tables, parts, focus, programmes, cover),
    }


def standing_chart(tables, parts, focus: list, programmes: list, cover: str) -> dict:
    """The chosen countries' (else France's) share and rank per programme, next to the published figures."""
    names = _names(tables)
    shown = list(focus)[:MAX_FOCUS] or [DEFAULT_FOCUS]
    order = list(tables.programmes.sort_values("order")["programme"])
    order = [p for p in order if not programmes or p in programmes]
    ranks = q.country_ranks(parts)
    standing = pd.concat([q.country_standing(parts, c, order, ranks) for c in shown], ignore_index=True)
    seed = tables.seed_reference
    seed = seed[(seed["kind"] == "figure") & (seed["measure"] == "participations_rank") & seed["country"].isin(shown)]
    seed_points = pd.DataFrame(
        {
            "programme": seed["programmes"],
            "share": seed["share"],
            "label": [
                f"{c} {int(v)} of {int(t)} ({s:.0%}), rank {int(r)}"
                for c, v, t, s, r in zip(seed["country"], seed["value"], seed["total"], seed["share"], seed["rank"])
            ],
        }
    )
    who = ", ".join(f"{names.get(c, c)} ({c})" for c in shown)
    title = f"{who}: share and rank per programme" + ("" if focus else " (choose a country to change)")
    fig = figs.country_standing_chart(standing, names, title, seed_points)
    shown_table = standing.assign(
        share=standing["share"].map(_pct),
        count=standing["count"].map(lambda v: "" if v is pd.NA else str(v)),
        rank=standing["rank"].map(lambda v: "" if v is pd.NA else str(v)),
    )
    table = text_table(
        shown_table,
        {
            "programme": "Programme",
            "country": "Country",
            "count": "Participations",
            "known": "With a country",
            "not_stated": "Country not stated",
            "share": "Share",
            "rank": "Rank",
            "countries": "Countries ranked",
        },
    )
    notes = f" Showing the first {MAX_FOCUS} of the {len(focus)} countries chosen." if len(focus) > MAX_FOCUS else ""
    seed_note = (
        " Diamonds: published figures (DG GROW presentation, 2019; INNOSUP-1 counts the 13 projects of "
        "the 2015-2017 calls)."
        if len(seed_points)
        else ""
    )
    source = (
        f"{DATA_SOURCE} Shares are of the participations with a country; ties share a rank.{seed_note}{notes} {cover}"
    )
    return chart(fig, table, source, title)


# ------------------------------------------------------------------------------------------------ network
def _short_labels(labels: dict, level: str) -> dict:
    """The text next to a node or under a column: the code for countries and regions, a cut name for
    organisations."""
    if level == "organisation":
        return {n: theme.truncate(label, 18) for n, label in labels.items()}
    return {n: n for n in labels}


def _network_titles(focus: list, level: str) -> tuple[str, str]:
    """Short titles (the mode bar sits beside them): 'Countries sharing projects: network', 'NUTS 2 regions of FR
    and partners: shared projects'."""
    what = LEVEL_WORDS[level][0].upper() + LEVEL_WORDS[level][1:]
    who = ", ".join(focus)
    if focus:
        what += f" sharing projects with {who}" if level == "country" else f" of {who} and partners"
    else:
        what += " sharing projects"
    return f"{what}: network", f"{what}: pairs"


def _level_note(parts: pd.DataFrame, level: str) -> str:
    left = q.left_out_of_level(parts, level)
    if not left:
        return ""
    if level == "region":
        return (
            f"{left} of the {len(parts)} participations have no NUTS 2 region in the sources: they are left out of "
            "this view (they count in the country view; no region is guessed)."
        )
    return f"{left} of the {len(parts)} participations have no country in the sources: they are left out."


def network(tables, rows_any: list, focus: list, programmes: list, generations: list, level: str) -> dict:
    """The collaboration network at `level` (country, region, organisation): the graph, the adjacency heatmap of
    the NETWORK_CAP participants with the most shared projects (in an order that shows groups), the pairs for the
    table and how many were left out, said in the notes."""
    parts = _rows(tables, rows_any)
    edges = q.network_edges(parts, focus, level)
    nodes = q.network_nodes(parts, edges, focus, level)
    labels = q.node_labels(parts, tables.regions, level)
    matrix, left = q.adjacency(nodes, edges, NETWORK_CAP)
    if level == "country" and len(focus) == 1 and focus[0] in matrix.index:
        # One country and its partners (a star): the country first, then its partners by shared projects.
        others = matrix[focus[0]].drop(focus[0]).sort_values(ascending=False, kind="stable").index
        matrix = matrix.loc[[focus[0], *others], [focus[0], *others]]
    shown = nodes.set_index("node").loc[list(matrix.index)].reset_index()
    graph_title, heatmap_title = _network_titles(focus, level)
    short = _short_labels(labels, level)
    csv = spec("co_participation", rows=list(rows_any), level=level, focus=list(focus))

    graph = with_csv(figs.network_figure(shown, edges, labels, graph_title, short, SUBTITLE), csv)
    heatmap = with_csv(figs.adjacency_heatmap(matrix, labels, heatmap_title, short, SUBTITLE), csv)
    pairs = _pairs(edges, labels)
    cap = (
        f"Showing the {len(matrix)} {LEVEL_WORDS[level]} with the most shared projects of {len(nodes)}; "
        f"{left} left out of the chart (every pair is in the table below and the CSV). "
        if left
        else ""
    )
    notes = f"{LINK_RULE} {cap}{_level_note(parts, level)}".strip()
    source = f"{DATA_SOURCE} {notes} {coverage_text(tables, programmes, generations)}"
    node_table = text_table(
        shown.assign(name=shown["node"].map(labels)),
        {"name": "Participant", "projects": "Projects", "partners": "Partners", "links": "Shared projects, summed"},
    )
    drawn = pairs[pairs["source"].isin(matrix.index) & pairs["target"].isin(matrix.index)]
    pair_table = text_table(
        drawn,
        {"source_name": "Participant", "target_name": "Partner", "weight": "Shared projects", "projects": "Projects"},
    )
    return {
        "graph": chart(graph, node_table, source, graph_title),
        "heatmap": {
            **chart(heatmap, pair_table, source, heatmap_title),
            "style": {"height": f"{heatmap.layout.height}px"},
        },
        "pairs_note": (
            f"{len(pairs)} pairs of {LEVEL_WORDS[level]} sharing at least one project. {notes}"
            if len(pairs)
            else f"No pair of {LEVEL_WORDS[level]} shares a project in this selection. {_level_note(parts, level)}"
        ),
    }


# ------------------------------------------------------------------------------------ projects and partners
def projects(tables, rows: list, chosen_projects: list, programmes: list, generations: list) -> dict:
    """The project timeline (with its height), the cluster breakdown and the rows of the partner and project grids."""
    cover = coverage_text(tables, programmes, generations)
    chosen = tables.projects[tables.projects["project"].isin(chosen_projects)]
    timeline = q.project_timeline(chosen)
    undated = timeline[timeline["dates"] == "none"]
    title = f"Projects on a timeline ({len(timeline)} projects" + (
        f"; {len(undated)} without dates in the sources, listed in the table)" if len(undated) else ")"
    )
    fig_time = figs.timeline_figure(timeline, title)
    time_table = text_table(
        timeline,
        {
            "programme": "Programme",
            "acronym": "Project",
            "generation": "Call / generation",
            "start_date": "Start (as stated)",
            "end_date": "End (as stated)",
            "n_participants": "Partners in this dataset",
        },
    )
    undated_note = ("Without dates: " + ", ".join(undated["acronym"]) + ". ") if len(undated) else ""
    time_source = (
        f"{DATA_SOURCE} A year or month stands for its whole period (2017 = 1 Jan to 31 Dec 2017). "
        f"{undated_note}{cover}"
    )

    parts = _rows(tables, rows)
    order = list(tables.programmes.sort_values("order")["programme"])
    breakdown = q.cluster_breakdown(parts, [p for p in order if p in set(parts["programme"])])
    clusters_title = "Cluster organisations and others, per programme"
    fig_clusters = figs.cluster_figure(breakdown, clusters_title)
    clusters_table = text_table(
        breakdown, {"programme": "Programme", "is_cluster": "Cluster organisation", "participations": "Participations"}
    )
    clusters_source = (
        f"{DATA_SOURCE} 'Not stated': the source does not say whether the organisation is a cluster "
        f"(not counted as 'no'). {cover}"
    )

    return {
        "timeline": {
            **chart(fig_time, time_table, time_source, title),
            "style": {"height": f"{fig_time.layout.height}px"},
        },
        "clusters": chart(fig_clusters, clusters_table, clusters_source, clusters_title),
    }


def partner_rows(tables, rows: list) -> pd.DataFrame:
    """The partner grid's rows (and its CSV's): one per participation, with Markdown links to the region page and
    the sources."""
    grid = q.participations_table(_rows(tables, rows), tables.projects, tables.regions)
    grid["region_link"] = [
        f"[{q.md_escape(name)} ({code})]({dash.get_relative_path('/region/' + code)})" if isinstance(code, str) else ""
        for code, name in zip(grid["region"], grid["region_name"].fillna(""))
    ]
    grid["sources"] = grid["source_url"].map(q.source_markdown)
    return grid


def project_rows(tables, chosen_projects: list) -> pd.DataFrame:
    """The project grid's rows: one per project with the partners this dataset lists."""
    chosen = tables.projects[tables.projects["project"].isin(chosen_projects)]
    listed = tables.participations[tables.participations["project"].isin(chosen["project"])]
    out = q.projects_table(chosen, listed)
    out["sources"] = out["source_url"].map(q.source_markdown)
    return out.drop(columns=["source_url"])


def pair_rows(tables, rows_any: list, focus: list, level: str) -> pd.DataFrame:
    """The pairs grid's rows: every pair of participants at `level` with the projects they share."""
    parts = _rows(tables, rows_any)
    edges = q.network_edges(parts, focus, level)
    labels = q.node_labels(parts, tables.regions, level)
    return _pairs(edges, labels)


def _pairs(edges: pd.DataFrame, labels: dict) -> pd.DataFrame:
    return edges.assign(source_name=edges["source"].map(labels), target_name=edges["target"].map(labels))[
        ["source", "source_name", "target", "target_name", "weight", "projects"]
    ]
