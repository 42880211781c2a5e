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
from components.chart_card import data_table, table_box, with_csv
from components.chart_parts import chart
from components.figures import programmes as figs
from components.figures.maps import boundaries_url
from data import programmes as q
from data.chart_data import spec
from i18n import N_, format_number, format_percent, translator
from state.programmes import cached

DATA_SOURCE = N_(
    "Source: programme data compiled from public CORDIS, ECCP, project and cluster pages (the page of "
    "each row is linked in the partner list)."
)
GISCO = N_("© EuroGeographics for the administrative boundaries")
DEFAULT_FOCUS = "FR"  # the country of the published (seed) figures, shown when no country is chosen
MAX_FOCUS = 4
NETWORK_CAP = 30  # participants in the heatmap and the graph (every pair stays in the table and the CSV)
LINK_RULE = N_(
    "Two participants are linked when they take part in the same project; the number is how many projects they "
    "share (organisations of the same country or region in one project do not link it to itself)."
)
SUBTITLE = N_("Linked: both take part in the same project. Number: projects they share.")
LEVEL_WORDS = {"country": N_("countries"), "region": N_("NUTS 2 regions"), "organisation": N_("organisations")}
ROLE_WORDS = {
    "coordinator": N_("coordinator"),
    "participant": N_("participant"),
    "associated partner": N_("associated partner"),
}
CLUSTER_WORDS = {"yes": N_("yes"), "no": N_("no")}
STATUS_WORDS = {  # a project's status in the seed documents
    "under implementation": N_("under implementation"),
    "Grant Agreement Preparation": N_("Grant Agreement Preparation"),
}
FILLED_WORDS = {"region": N_("region"), "cluster": N_("cluster"), "country": N_("country")}


def text_table(df, columns: dict, lang: str = "en"):
    """data_table with missing values as blank cells (blank = unknown): its cells already are (`_md_cell`), so the
    frame goes as it is, without an object copy of its columns."""
    return data_table(df, columns, lang=lang)


def in_words(values: pd.Series, words: dict, lang: str) -> pd.Series:
    """Coded values (a role, a cluster flag) in `lang`; anything else as it is, missing stays missing."""
    if lang == "en":
        return values
    _ = translator(lang)
    return values.map(lambda v: _(words[v]) if isinstance(v, str) and v in words else v)


def _pct(value, lang: str = "en") -> str:
    if value != value:
        return ""
    return f"{value:.1%}" if lang == "en" else format_percent(100 * value, lang, 1)


def _rows(tables, positions) -> pd.DataFrame:
    return tables.participations.iloc[list(positions)]


def _names(tables) -> dict:
    """Region code -> name (kept per data version: callers only read it)."""
    return tables.memo("programmes.names", lambda: dict(zip(tables.regions["code"], tables.regions["name"])))


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


def coverage_text(tables, programmes, generations, lang: str = "en") -> str:
    """The coverage under each chart: this dataset of the official projects and participants (countries in the
    coverage box above the charts). The same for every selection of the same programmes: kept per data version."""
    progs = tuple(coverage_programmes(tables, programmes, generations))
    return cached(tables, ("coverage-text", progs, lang), lambda: _coverage_text(tables, list(progs), lang))


def _coverage_text(tables, progs: list, lang: str) -> str:
    _ = translator(lang)
    cov = coverage_of(tables, progs, [])
    lines = q.coverage_lines(cov[cov["measure"] != "countries"], lang)
    if not lines:
        return _("Coverage unknown: no official total is published for this selection.")
    return _("Coverage, this dataset of the official totals: {lines}.").format(lines=_(q.SEMICOLON).join(lines))


def coverage_block(tables, programmes, generations, lang: str = "en"):
    """The coverage box above the charts (the same for every selection of the same programmes)."""
    progs = coverage_programmes(tables, programmes, generations)
    return cached(tables, ("coverage-block", tuple(progs), lang), lambda: _coverage_block(tables, progs, lang))


def _coverage_block(tables, progs, lang: str = "en"):
    _ = translator(lang)
    cov = coverage_of(tables, progs, [])
    gaps = q.uncovered_generations(tables.projects, tables.official_totals, progs)
    table = text_table(
        cov.assign(
            headline=cov["headline"].map({True: _("yes"), False: _("no")}),
            scope=[q.data_word(v, lang) for v in cov["scope"]],
            text=q.coverage_texts(cov, lang),
        ),
        {
            "programme": _("Programme"),
            "scope": _("Scope"),
            "text": _("This dataset of the official total"),
            "headline": _("Used above"),
            "document": _("Official total from"),
            "section": _("Section"),
            "note": _("Note"),
        },
        lang,
    )
    lines = q.coverage_lines(cov, lang)
    return dbc.Alert(
        [
            html.H2(_("Coverage: this dataset of the official totals"), className="h6 mb-1"),
            html.Ul([html.Li(line) for line in lines], className="mb-1 small ps-3")
            if lines
            else html.P(_("No official total is published for this selection: coverage unknown."), className="mb-1"),
            html.P(
                _("No official total is published for: {calls} (coverage unknown there).").format(
                    calls=_(q.SEMICOLON).join(q.data_word(g, lang) for g in gaps)
                ),
                className="mb-1 small",
            )
            if gaps
            else None,
            html.Details(
                [
                    html.Summary(_("Every published total, with its source"), className="small"),
                    table_box(table, class_name="small mt-2"),
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


def country_charts(tables, rows_any: list, focus: list, programmes: list, generations: list, lang: str = "en") -> dict:
    """Participations by country (bars with their height, map) and the focus countries' standing per programme."""
    _ = translator(lang)
    names = _names(tables)
    parts = _rows(tables, rows_any)
    by_country = q.participations_by_country(parts)
    cover = coverage_text(tables, programmes, generations, lang)
    scope = ", ".join(programmes) if programmes else _("all programmes")

    bars_title = _("Participations by country, {scope}").format(scope=scope)
    bars = figs.country_bars(by_country, names, bars_title, focus, lang)
    table = by_country.assign(
        country=by_country["country"].fillna(_(figs.NOT_STATED)),
        name=by_country["country"].map(names).fillna(""),
        share=by_country["share"].map(lambda v: _pct(v, lang)),
    )
    bars_table = text_table(
        table,
        {
            "country": _("Country"),
            "name": _("Name"),
            "participations": _("Participations"),
            "share": _("Share of those with a country"),
            "organisations": _("Organisations"),
            "projects": _("Projects"),
        },
        lang,
    )
    countries = tables.memo("programmes.map_countries", lambda: _map_countries(tables))
    map_title = _("Participations by country (map), {scope}").format(scope=scope)
    fig_map = figs.country_map(by_country, countries, boundaries_url(0, tables.version), map_title, focus, lang)
    source = _(DATA_SOURCE)
    return {
        "bars": {
            **chart(bars, bars_table, f"{source} {cover}", bars_title),
            "style": {"height": f"{bars.layout.height}px"},
        },
        "map": chart(fig_map, bars_table, f"{source} {cover} {_(GISCO)}", map_title),
        "standing": standing_chart(tables, parts, focus, programmes, cover, lang),
    }


def _programme_order(tables) -> list[str]:
    """The programmes in their display order (kept per data version: callers only read it)."""
    return tables.memo("programmes.order", lambda: list(tables.programmes.sort_values("order")["programme"]))


def _published_ranks(seed: pd.DataFrame) -> pd.DataFrame:
    """The seed documents' published participation ranks (the standing chart's diamonds)."""
    return seed[(seed["kind"] == "figure") & (seed["measure"] == "participations_rank")]


def standing_chart(tables, parts, focus: list, programmes: list, cover: str, lang: str = "en") -> dict:
    """The chosen countries' (else France's) share and rank per programme, next to the published figures."""
    _ = translator(lang)
    names = _names(tables)
    shown = list(focus)[:MAX_FOCUS] or [DEFAULT_FOCUS]
    order = [p for p in _programme_order(tables) if not programmes or p in programmes]
    standing = q.countries_standing(parts, shown, order, q.country_ranks(parts))
    seed = tables.memo("programmes.published_ranks", lambda: _published_ranks(tables.seed_reference))
    seed = seed[seed["country"].isin(shown)]
    seed_points = pd.DataFrame(
        {
            "programme": seed["programmes"],
            "share": seed["share"],
            "label": [
                _("{country} {count} of {total} ({share}), rank {rank}").format(
                    country=c,
                    count=format_number(int(v), lang),
                    total=format_number(int(t), lang),
                    share=f"{s:.0%}" if lang == "en" else format_percent(100 * s, lang, 0),
                    rank=format_number(int(r), lang),
                )
                for c, v, t, s, r in zip(seed["country"], seed["value"], seed["total"], seed["share"], seed["rank"])
            ],
        }
    )
    who = ", ".join(f"{names.get(c, c)} ({c})" for c in shown)
    title = _("{who}: share and rank per programme").format(who=who) + (
        "" if focus else " " + _("(choose a country to change)")
    )
    fig = figs.country_standing_chart(standing, names, title, seed_points, lang)
    shown_table = standing.assign(
        share=standing["share"].map(lambda v: _pct(v, lang)),
        count=standing["count"].map(lambda v: "" if v is pd.NA else str(v)),
        rank=standing["rank"].map(lambda v: "" if v is pd.NA else str(v)),
    )
    table = text_table(
        shown_table,
        {
            "programme": _("Programme"),
            "country": _("Country"),
            "count": _("Participations"),
            "known": _("With a country"),
            "not_stated": _("Country not stated"),
            "share": _("Share"),
            "rank": _("Rank"),
            "countries": _("Countries ranked"),
        },
        lang,
    )
    notes = (
        " "
        + _("Showing the first {shown} of the {chosen} countries chosen.").format(shown=MAX_FOCUS, chosen=len(focus))
        if len(focus) > MAX_FOCUS
        else ""
    )
    seed_note = (
        " "
        + _(
            "Diamonds: published figures (DG GROW presentation, 2019; INNOSUP-1 counts the 13 projects of the "
            "2015-2017 calls)."
        )
        if len(seed_points)
        else ""
    )
    shares = _("Shares are of the participations with a country; ties share a rank.")
    source = f"{_(DATA_SOURCE)} {shares}{seed_note}{notes} {cover}"
    return chart(fig, table, source, title)


# ------------------------------------------------------------------------------------------------ network
def _short_labels(labels: dict, level: str) -> dict:
    """The text next to a node or under a column: the code for countries and regions, a cut name for
    organisations."""
    if level == "organisation":
        return {n: theme.truncate(label, 18) for n, label in labels.items()}
    return {n: n for n in labels}


# The networks' titles: who the participants are, per level, with and without chosen countries.
NETWORK_WHO = {
    "country": (N_("Countries sharing projects"), N_("Countries sharing projects with {who}")),
    "region": (N_("NUTS 2 regions sharing projects"), N_("NUTS 2 regions of {who} and partners")),
    "organisation": (N_("Organisations sharing projects"), N_("Organisations of {who} and partners")),
}


def _network_titles(focus: list, level: str, lang: str = "en") -> tuple[str, str]:
    """Short titles (the mode bar sits beside them): 'Countries sharing projects: network', 'NUTS 2 regions of FR
    and partners: shared projects'."""
    _ = translator(lang)
    alone, with_focus = NETWORK_WHO[level]
    what = _(with_focus).format(who=", ".join(focus)) if focus else _(alone)
    return _("{what}: network").format(what=what), _("{what}: pairs").format(what=what)


def _level_note(parts: pd.DataFrame, level: str, lang: str = "en") -> str:
    _ = translator(lang)
    left = q.left_out_of_level(parts, level)
    if not left:
        return ""
    numbers = {"left": format_number(left, lang), "total": format_number(len(parts), lang)}
    if level == "region":
        return _(
            "{left} of the {total} participations have no NUTS 2 region in the sources: they are left out of this "
            "view (they count in the country view; no region is guessed)."
        ).format(**numbers)
    return _("{left} of the {total} participations have no country in the sources: they are left out.").format(
        **numbers
    )


def network(
    tables, rows_any: list, focus: list, programmes: list, generations: list, level: str, lang: str = "en"
) -> dict:
    """The collaboration network at `level` (country, region, organisation): the graph, the adjacency heatmap of
    the NETWORK_CAP participants with the most shared projects (in an order that shows groups), the pairs for the
    table and how many were left out, said in the notes."""
    _ = translator(lang)
    parts = _rows(tables, rows_any)
    edges = q.network_edges(parts, focus, level)
    nodes = q.network_nodes(parts, edges, focus, level)
    labels = q.node_labels(parts, tables.regions, level)
    matrix, left = q.adjacency(nodes, edges, NETWORK_CAP)
    if level == "country" and len(focus) == 1 and focus[0] in matrix.index:
        # One country and its partners (a star): the country first, then its partners by shared projects.
        others = matrix[focus[0]].drop(focus[0]).sort_values(ascending=False, kind="stable").index
        matrix = matrix.loc[[focus[0], *others], [focus[0], *others]]
    at = {n: i for i, n in enumerate(nodes["node"].tolist())}
    shown = nodes.iloc[[at[n] for n in matrix.index]].reset_index(drop=True)  # the heatmap's participants, in order
    graph_title, heatmap_title = _network_titles(focus, level, lang)
    short = _short_labels(labels, level)
    csv = spec("co_participation", rows=list(rows_any), level=level, focus=list(focus))

    subtitle = _(SUBTITLE)
    graph = with_csv(figs.network_figure(shown, edges, labels, graph_title, short, subtitle, lang), csv)
    heatmap = with_csv(figs.adjacency_heatmap(matrix, labels, heatmap_title, short, subtitle, lang), csv)
    pairs = _pairs(edges, labels)
    words = _(LEVEL_WORDS[level])
    cap = (
        _(
            "Showing the {shown} {participants} with the most shared projects of {total}; {left} left out of the "
            "chart (every pair is in the table below and the CSV)."
        ).format(
            shown=format_number(len(matrix), lang),
            participants=words,
            total=format_number(len(nodes), lang),
            left=format_number(left, lang),
        )
        + " "
        if left
        else ""
    )
    level_note = _level_note(parts, level, lang)
    notes = f"{_(LINK_RULE)} {cap}{level_note}".strip()
    source = f"{_(DATA_SOURCE)} {notes} {coverage_text(tables, programmes, generations, lang)}"
    node_table = text_table(
        shown.assign(name=shown["node"].map(labels)),
        {
            "name": _("Participant"),
            "projects": _("Projects"),
            "partners": _("Partners"),
            "links": _("Shared projects, summed"),
        },
        lang,
    )
    # The heatmap's text alternative: the numbers it draws. The projects of each pair are in the pairs grid under
    # it (every pair, paged from the server), not repeated here (they were 14 of the answer's 64 KB).
    drawn = pairs[pairs["source"].isin(matrix.index) & pairs["target"].isin(matrix.index)]
    pair_table = text_table(
        drawn,
        {"source_name": _("Participant"), "target_name": _("Partner"), "weight": _("Shared projects")},
        lang,
    )
    return {
        "graph": chart(graph, node_table, source, graph_title),
        "heatmap": {
            **chart(heatmap, pair_table, source, heatmap_title),
            "style": {"height": f"{heatmap.layout.height}px"},
        },
        "pairs_note": (
            _("{count} pairs of {participants} sharing at least one project.").format(
                count=format_number(len(pairs), lang), participants=words
            )
            + f" {notes}"
            if len(pairs)
            else _("No pair of {participants} shares a project in this selection.").format(participants=words)
            + f" {level_note}"
        ),
    }


# ------------------------------------------------------------------------------------ projects and partners
def projects(tables, rows: list, chosen_projects: list, programmes: list, generations: list, lang: str = "en") -> dict:
    """The project timeline (with its height), the cluster breakdown and the rows of the partner and project grids."""
    _ = translator(lang)
    cover = coverage_text(tables, programmes, generations, lang)
    # Every project's period once per data version; a stable sort keeps the chosen ones in the same order.
    every = tables.memo("programmes.timeline", lambda: q.project_timeline(tables.projects))
    timeline = every[every["project"].isin(chosen_projects)].reset_index(drop=True)
    undated = timeline[timeline["dates"] == "none"]
    count = format_number(len(timeline), lang)
    title = (
        _("Projects on a timeline ({count} projects; {undated} without dates in the sources, listed in the table)")
        if len(undated)
        else _("Projects on a timeline ({count} projects)")
    ).format(count=count, undated=format_number(len(undated), lang))
    fig_time = figs.timeline_figure(timeline, title, lang)
    time_table = text_table(
        timeline.assign(generation=[q.data_word(g, lang) for g in timeline["generation"]]),
        {
            "programme": _("Programme"),
            "acronym": _("Project"),
            "generation": _("Call / generation"),
            "start_date": _("Start (as stated)"),
            "end_date": _("End (as stated)"),
            "n_participants": _("Partners in this dataset"),
        },
        lang,
    )
    undated_note = (
        _("Without dates: {projects}.").format(projects=", ".join(undated["acronym"])) + " " if len(undated) else ""
    )
    period = _("A year or month stands for its whole period (2017 = 1 Jan to 31 Dec 2017).")
    time_source = f"{_(DATA_SOURCE)} {period} {undated_note}{cover}"

    parts = _rows(tables, rows)
    order = _programme_order(tables)
    breakdown = q.cluster_breakdown(parts, [p for p in order if p in set(parts["programme"])])
    clusters_title = _("Cluster organisations and others, per programme")
    fig_clusters = figs.cluster_figure(breakdown, clusters_title, lang)
    clusters_table = text_table(
        breakdown.assign(is_cluster=in_words(breakdown["is_cluster"], figs.CLUSTER_NAMES, lang)),
        {
            "programme": _("Programme"),
            "is_cluster": _("Cluster organisation"),
            "participations": _("Participations"),
        },
        lang,
    )
    not_stated = _("'Not stated': the source does not say whether the organisation is a cluster (not counted as 'no').")
    clusters_source = f"{_(DATA_SOURCE)} {not_stated} {cover}"

    return {
        "timeline": {
            **chart(fig_time, time_table, time_source, title),
            "style": {"height": f"{fig_time.layout.height}px"},
        },
        "clusters": chart(fig_clusters, clusters_table, clusters_source, clusters_title),
    }


def partner_rows(tables, rows: list, lang: str = "en") -> pd.DataFrame:
    """The partner grid's rows (and its CSV's): one per participation, with Markdown links to the region page and
    the sources; roles, cluster flags and call labels in `lang` (what the grid shows is what its filters match)."""
    grid = q.participations_table(_rows(tables, rows), tables.projects, tables.regions)
    if lang != "en":
        grid = grid.assign(
            role=in_words(grid["role"], ROLE_WORDS, lang),
            is_cluster=in_words(grid["is_cluster"], CLUSTER_WORDS, lang),
            generation=grid["generation"].map(lambda g: q.data_word(g, lang)),
            filled=grid["filled"].map(lambda v: _filled(v, lang)),
        )
    grid["region_link"] = [
        f"[{q.md_escape(name)} ({code})]({dash.get_relative_path('/region/' + code)})" if isinstance(code, str) else ""
        for code, name in zip(grid["region"], grid["region_name"].fillna(""))
    ]
    grid["sources"] = grid["source_url"].map(q.source_markdown)
    return grid


def _filled(value, lang: str):
    """'region; cluster' (what was filled from the organisation's other rows) in `lang`."""
    if not isinstance(value, str):
        return value
    _ = translator(lang)
    return "; ".join(_(FILLED_WORDS[w]) if w in FILLED_WORDS else w for w in value.split("; "))


def project_rows(tables, chosen_projects: list, lang: str = "en") -> pd.DataFrame:
    """The project grid's rows: one per project with the partners this dataset lists (call labels in `lang`)."""
    chosen = tables.projects[tables.projects["project"].isin(chosen_projects)]
    listed = tables.participations[tables.participations["project"].isin(chosen["project"])]
    out = q.projects_table(chosen, listed)
    if lang != "en":
        out["generation"] = out["generation"].map(lambda g: q.data_word(g, lang))
    out["sources"] = out["source_url"].map(q.source_markdown)
    return out.drop(columns=["source_url"])


def pair_rows(tables, rows_any: list, focus: list, level: str) -> pd.DataFrame:
    """The pairs grid's rows: every pair of participants at `level` with the projects they share."""
    parts = _rows(tables, rows_any)
    edges = q.network_edges(parts, focus, level)
    labels = q.node_labels(parts, tables.regions, level)
    return _pairs(edges, labels)


def _pairs(edges: pd.DataFrame, labels: dict) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": edges["source"],
            "source_name": edges["source"].map(labels),
            "target": edges["target"],
            "target_name": edges["target"].map(labels),
            "weight": edges["weight"],
            "projects": edges["projects"],
        }
    )
