"""Programmes page callbacks.

One light callback turns the filters into a selection (row positions, in a dcc.Store) and the URL; the chart
callbacks draw from that selection, memoized per selection, so every change of a filter recomputes every chart and
table without the filter callback itself doing the drawing.
"""

from __future__ import annotations

import json

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, html

import caching
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, ids
from components.figures import programmes as figs
from components.figures.maps import boundaries_url
from data import programmes as q
from data.store import current_tables
from pages.programmes import (
    BARS,
    CLUSTER,
    CLUSTERS,
    CONTROLS,
    COVERAGE,
    GRID,
    GRID_CSV,
    MAP,
    NETWORK,
    PROJECT_GRID,
    SELECTION,
    STANDING,
    SUMMARY,
    TIMELINE,
    URL,
    summary,
    text_table,
)
from state.programmes import cached, clean_state, options, programmes_search, selection

DATA_SOURCE = (
    "Source: programme data compiled from public CORDIS, ECCP, project and cluster pages (the page of "
    "each row is linked in the partner list)."
)
GISCO = "© EuroGeographics for the administrative boundaries"
DEFAULT_FOCUS = "FR"  # the country of the published (seed) figures, shown when no country is chosen
MAX_FOCUS = 4


def _rows(tables, positions) -> pd.DataFrame:
    return tables.participations.iloc[list(positions)]


def _names(tables) -> dict:
    regions = tables.regions
    return dict(zip(regions["code"], regions["name"]))


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing as None (pandas' JSON writer is the fast way to get there)."""
    return json.loads(df.to_json(orient="records", force_ascii=False))


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


# --------------------------------------------------------------------------------- memoized chart builders
def _map_countries(tables) -> pd.DataFrame:
    """The countries that have a boundary on the map (the same for every selection)."""
    countries = tables.regions[tables.regions["level"] == 0]
    geo_codes = {f["id"] for f in tables.geometries[0]["features"]}
    return countries[countries["code"].isin(geo_codes)]


@caching.memoize
def country_outputs(rows_any: list, focus: list, programmes: list, generations: list) -> dict:
    tables = current_tables()
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
        share=by_country["share"].map(lambda v: "" if v != v else f"{v:.1%}"),
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
    standing_title = f"{who}: share and rank per programme" + ("" if focus else " (choose a country to change)")
    fig_standing = figs.country_standing_chart(standing, names, standing_title, seed_points)
    standing_table = standing.assign(
        share=standing["share"].map(lambda v: "" if v != v else f"{v:.1%}"),
        count=standing["count"].map(lambda v: "" if v is pd.NA else str(v)),
        rank=standing["rank"].map(lambda v: "" if v is pd.NA else str(v)),
    )
    standing_md = text_table(
        standing_table,
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
    notes = []
    if len(focus) > MAX_FOCUS:
        notes.append(f"Showing the first {MAX_FOCUS} of the {len(focus)} countries chosen.")
    seed_note = (
        " Diamonds: published figures (DG GROW presentation, 2019; INNOSUP-1 counts the 13 projects of "
        "the 2015-2017 calls)."
        if len(seed_points)
        else ""
    )
    return caching.plain(
        {
            "bars": (bars.to_plotly_json(), bars_table, f"{DATA_SOURCE} {cover}", bars_title),
            "bars_height": bars.layout.height,
            "map": (fig_map.to_plotly_json(), bars_table, f"{DATA_SOURCE} {cover} {GISCO}", map_title),
            "standing": (
                fig_standing.to_plotly_json(),
                standing_md,
                f"{DATA_SOURCE} Shares are of the participations with a country; ties share a rank."
                f"{seed_note} {' '.join(notes)} {cover}",
                standing_title,
            ),
        }
    )


@caching.memoize
def network_outputs(rows_any: list, focus: list, programmes: list, generations: list) -> dict:
    tables = current_tables()
    names = _names(tables)
    parts = _rows(tables, rows_any)
    edges = q.network_edges(parts, focus)
    nodes = q.network_nodes(parts, edges, focus)
    who = ", ".join(f"{names.get(c, c)} ({c})" for c in focus)
    title = f"Partner countries of {who}" if focus else "Countries sharing projects"
    fig = figs.network_figure(nodes, edges, names, title)
    table = text_table(
        edges.assign(source_name=edges["source"].map(names), target_name=edges["target"].map(names)),
        {
            "source": "Country",
            "source_name": "Name",
            "target": "Partner country",
            "target_name": "Partner name",
            "weight": "Shared projects",
            "projects": "Projects",
        },
    )
    source = (
        f"{DATA_SOURCE} Line width: number of projects with partners from both countries; participations "
        f"without a country are left out. {coverage_text(tables, programmes, generations)}"
    )
    return caching.plain({"network": (fig.to_plotly_json(), table, source, title)})


@caching.memoize
def project_outputs(rows: list, projects: list, programmes: list, generations: list) -> dict:
    tables = current_tables()
    cover = coverage_text(tables, programmes, generations)
    chosen = tables.projects[tables.projects["project"].isin(projects)]
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

    grid = q.participations_table(parts, tables.projects, tables.regions)
    grid["region_link"] = [
        f"[{q.md_escape(name)} ({code})]({dash.get_relative_path('/region/' + code)})" if isinstance(code, str) else ""
        for code, name in zip(grid["region"], grid["region_name"].fillna(""))
    ]
    grid["sources"] = grid["source_url"].map(q.source_markdown)
    listed = tables.participations[tables.participations["project"].isin(chosen["project"])]
    project_rows = q.projects_table(chosen, listed)
    project_rows["sources"] = project_rows["source_url"].map(q.source_markdown)
    return caching.plain(
        {
            "timeline": (fig_time.to_plotly_json(), time_table, time_source, title),
            "clusters": (fig_clusters.to_plotly_json(), clusters_table, clusters_source, clusters_title),
            "timeline_height": fig_time.layout.height,
            "grid": _records(grid),
            "projects": _records(project_rows.drop(columns=["source_url"])),
        }
    )


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


def checked(tables, sel) -> dict:
    """The selection the browser sends back, checked: only known rows, projects, countries, programmes and
    generations are kept; anything that is not a selection falls back to the whole dataset."""
    if not isinstance(sel, dict):
        return selection(tables, clean_state(tables, {}))
    n = len(tables.participations)
    allowed = options(tables)

    def ints(value):
        if not isinstance(value, list):
            return []
        return list(dict.fromkeys(i for i in value if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n))

    def strs(value, known):
        return (
            [v for v in dict.fromkeys(v for v in value if isinstance(v, str)) if v in known]
            if isinstance(value, list)
            else []
        )

    projects = cached(tables, "project-keys", lambda: set(tables.projects["project"]))
    return {
        "rows": ints(sel.get("rows")),
        "rows_any_country": ints(sel.get("rows_any_country")),
        "projects": strs(sel.get("projects"), projects),
        "focus": strs(sel.get("focus"), allowed["country"]),
        "programmes": strs(sel.get("programmes"), allowed["programme"]),
        "generations": strs(sel.get("generations"), set(allowed["generation"].values())),
        "organisations": sel.get("organisations") if isinstance(sel.get("organisations"), int) else 0,
    }


# ------------------------------------------------------------------------------------------------ wiring
def _card(name):
    i = ids(name)
    return [
        Output(i[GRAPH], "figure"),
        Output(i[TABLE], "children"),
        Output(i[SOURCE], "children"),
        Output(i[TITLE], "children"),
    ]


def register(app):
    control_inputs = [Input(ident, "value") for ident in CONTROLS.values()] + [Input(CLUSTER, "value")]

    @app.callback(
        Output(URL, "search"),
        Output(SELECTION, "data"),
        Output(SUMMARY, "children"),
        *control_inputs,
        prevent_initial_call=True,
    )
    def update_selection(programme, generation, ecosystem, country, region, role, cluster):
        """The filter callback: controls -> URL and selection (no drawing here)."""
        tables = current_tables()
        state = clean_state(
            tables,
            {
                "programme": programme,
                "generation": generation,
                "ecosystem": ecosystem,
                "country": country,
                "region": region,
                "role": role,
                "cluster": cluster,
            },
        )
        sel = selection(tables, state)
        return programmes_search(state), sel, summary(sel)

    @app.callback(
        *_card(BARS),
        Output(ids(BARS)[GRAPH], "style"),
        *_card(MAP),
        *_card(STANDING),
        Output(COVERAGE, "children"),
        Input(SELECTION, "data"),
    )
    def update_country_charts(sel):
        tables = current_tables()
        sel = checked(tables, sel)
        out = country_outputs(sel["rows_any_country"], sel["focus"], sel["programmes"], sel["generations"])
        return (
            *out["bars"],
            {"height": f"{out['bars_height']}px"},
            *out["map"],
            *out["standing"],
            coverage_block(tables, sel["programmes"], sel["generations"]),
        )

    @app.callback(*_card(NETWORK), Input(SELECTION, "data"))
    def update_network(sel):
        sel = checked(current_tables(), sel)
        out = network_outputs(sel["rows_any_country"], sel["focus"], sel["programmes"], sel["generations"])
        return tuple(out["network"])

    @app.callback(
        *_card(TIMELINE),
        Output(ids(TIMELINE)[GRAPH], "style"),
        *_card(CLUSTERS),
        Output(GRID, "rowData"),
        Output(PROJECT_GRID, "rowData"),
        Input(SELECTION, "data"),
    )
    def update_projects(sel):
        sel = checked(current_tables(), sel)
        out = project_outputs(sel["rows"], sel["projects"], sel["programmes"], sel["generations"])
        return (
            *out["timeline"],
            {"height": f"{out['timeline_height']}px"},
            *out["clusters"],
            out["grid"],
            out["projects"],
        )

    app.clientside_callback(
        "function(n) { return n ? true : window.dash_clientside.no_update; }",
        Output(GRID, "exportDataAsCsv"),
        Input(GRID_CSV, "n_clicks"),
        prevent_initial_call=True,
    )
