"""Figures of the Programmes page: participation by country (bars, map), a country's standing per programme,
the partner-country network, the project timeline and the cluster breakdown. Pure: DataFrames in, figures out.

Missing stays missing: participations without a country are their own grey bar ("country not stated"), projects
without dates are listed, not drawn at a made-up date, and an unknown cluster flag is its own category.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import theme
from components.chart_card import with_csv
from components.figures.maps import choropleth
from data.chart_data import drawn
from i18n import N_, format_percent, translator

PROGRAMME_COLOURS = {
    "ESCP-4i": theme.BLUE,
    "ESCP-S3": theme.ORANGE,
    "ESCP-4x": theme.GREEN,
    "INNOSUP-1": theme.PINK,
    "Euroclusters": theme.SKY_BLUE,
}
CLUSTER_COLOURS = {"yes": theme.BLUE, "no": theme.ORANGE, "not stated": theme.MUTED}
NOT_STATED = N_("country not stated")
CLUSTER_NAMES = {
    "yes": N_("cluster organisation"),
    "no": N_("not a cluster organisation"),
    "not stated": N_("not stated"),
}
CLUSTER_HOVER = {
    "yes": N_("cluster organisation: %{x}"),
    "no": N_("not a cluster organisation: %{x}"),
    "not stated": N_("not stated: %{x}"),
}
PARTICIPATIONS_UNIT = N_("participations (organisation × project)")
EDGE_LABELS = 12  # lines of the network graph that carry their number


def _colour(programme: str, n: int = 0) -> str:
    return PROGRAMME_COLOURS.get(programme, theme.OKABE_ITO[n % len(theme.OKABE_ITO)])


def country_bars(by_country: pd.DataFrame, names: dict, title: str, focus=(), lang: str = "en") -> go.Figure:
    """Horizontal bars of participations per country (largest on top); focus countries in the highlight colour,
    participations without a country as a separate grey bar. Texts in `lang` (`title` comes translated)."""
    _ = translator(lang)
    not_stated = _(NOT_STATED)
    if by_country.empty:
        return theme.empty_figure(_("No participation matches these filters."), title, height=320)
    focus = set(focus or ())
    known = by_country[by_country["country"].notna()]
    unknown = by_country[by_country["country"].isna()]
    labels = [f"{names.get(c, c)} ({c})" for c in known["country"]]
    colours = [theme.HIGHLIGHT if c in focus else theme.REGION_COLOUR for c in known["country"]]
    share = [f"{s:.0%}" if lang == "en" else format_percent(100 * s, lang, 0) for s in known["share"]]
    traces = [
        dict(
            type="bar",
            y=labels,
            x=known["participations"].tolist(),
            orientation="h",
            marker_color=colours,
            name=_("participations"),
            text=known["participations"].astype(str).tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=np.stack([share, known["organisations"].to_numpy(), known["projects"].to_numpy()], axis=-1)
            if len(known)
            else None,
            hovertemplate="<b>%{y}</b><br>"
            + _(
                "%{x} participations (%{customdata[0]} of those with a country)<br>%{customdata[1]} organisations in "
                "%{customdata[2]} projects"
            )
            + "<extra></extra>",
        )
    ]
    if len(unknown):  # plain trace dicts, in one figure: add_trace would validate each
        n = int(unknown["participations"].iloc[0])
        traces.append(
            dict(
                type="bar",
                y=[not_stated],
                x=[n],
                orientation="h",
                marker=dict(color=theme.MUTED, pattern_shape="/"),
                name=not_stated,
                text=[str(n)],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=f"<b>{not_stated}</b><br>"
                + _("%{x} participations whose source gives no country")
                + "<extra></extra>",
            )
        )
    fig = theme.figure(traces)
    order = labels[::-1] if not len(unknown) else [not_stated] + labels[::-1]
    height = max(320, 22 * len(order) + 110)
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None)
    fig.update_xaxes(title_text=_(PARTICIPATIONS_UNIT), rangemode="tozero")
    fig.update_layout(
        template=theme.template(),
        title=title,
        height=height,
        showlegend=False,
        margin=dict(l=10, r=40, t=50, b=40),
        bargap=0.25,
    )
    return with_csv(
        fig,
        drawn(
            pd.DataFrame(  # only the drawn columns: a copy of the whole frame is not needed
                dict(
                    what=_("Participations"),
                    code=by_country["country"].fillna(""),
                    value=by_country["participations"],
                    name=[names.get(c, c) if isinstance(c, str) else not_stated for c in by_country["country"]],
                )
            ),
            unit=_(PARTICIPATIONS_UNIT),
        ),
    )


def country_map(
    by_country: pd.DataFrame, countries: pd.DataFrame, geojson, title: str, focus=(), lang: str = "en"
) -> go.Figure:
    """Choropleth of participations per country; countries without any in this selection are grey ("no data")."""
    _ = translator(lang)
    counts = by_country[by_country["country"].notna()].set_index("country")["participations"]
    if counts.empty:
        return theme.empty_figure(_("No participation with a country matches these filters."), title, height=320)
    df = countries[["code", "name"]].copy()
    df["value"] = df["code"].map(counts).astype("float64")
    df["flag"] = None
    focus = list(focus or ())
    fig = choropleth(
        df, geojson, title, _("participations"), decimals=0, highlight=focus[0] if len(focus) == 1 else None, lang=lang
    )
    fig.update_layout(geo=dict(lataxis_range=[34, 71], lonaxis_range=[-25, 45]))
    return with_csv(fig, drawn(df.assign(what=_("Participations")), unit=_(PARTICIPATIONS_UNIT)))


def _by_country(standing: pd.DataFrame, programmes: list) -> dict:
    """Country -> its columns as lists in the order of `programmes` (missing: NaN share, <NA> counts), from the
    rows' lists: a country's few rows are not worth a grouped, re-indexed frame each."""
    cols = {c: standing[c].tolist() for c in ("country", "programme", "share", "count", "rank", "countries", "known")}
    rows: dict = {}
    for i, (country, prog) in enumerate(zip(cols["country"], cols["programme"])):
        if isinstance(country, str):  # as groupby: a row without a country is in no group
            rows.setdefault(country, {}).setdefault(prog, i)
    missing = {"share": float("nan")}
    return {
        country: {
            c: [cols[c][at[p]] if p in at else missing.get(c, pd.NA) for p in programmes]
            for c in ("share", "count", "rank", "countries", "known")
        }
        for country, at in rows.items()
    }


def _standing_rows(standing: pd.DataFrame, seed: pd.DataFrame | None, names: dict, lang: str = "en") -> pd.DataFrame:
    """The standing chart's CSV rows: each country's shares, then the published ones (only the drawn columns)."""
    _ = translator(lang)
    mine = pd.DataFrame(
        dict(
            what=_("Share of participations: ") + standing["programme"],
            code=standing["country"],
            name=standing["country"].map(lambda c: names.get(c, c)),
            value=(standing["share"].astype("float64") * 100).round(1),
            flag=[
                _("rank {rank} of {countries}; {count} of {known}").format(
                    rank=int(r), countries=int(n), count=int(c), known=int(k)
                )
                if pd.notna(r)
                else ""
                for r, n, c, k in zip(standing["rank"], standing["countries"], standing["count"], standing["known"])
            ],
        )
    )
    if seed is None or not len(seed):
        return mine
    published = pd.DataFrame(
        dict(
            what=_("Published share: ") + seed["programme"],
            value=(seed["share"] * 100).round(1),
            flag=seed["label"],
            name=_("published (seed documents)"),
        )
    )
    return pd.concat([mine, published])


def country_standing_chart(
    standing: pd.DataFrame, names: dict, title: str, seed: pd.DataFrame | None = None, lang: str = "en"
) -> go.Figure:
    """Share of participations per programme for one or more countries, labelled with rank and count; published
    figures (seed) as diamonds next to the bars. Programmes where the country has none are labelled, not drawn."""
    _ = translator(lang)
    if standing.empty or standing["total"].sum() == 0:
        return theme.empty_figure(_("No participation matches these filters."), title, height=320)
    programmes = list(dict.fromkeys(standing["programme"]))
    traces = []  # plain trace dicts, in one figure: add_trace would validate each
    for n, (country, g) in enumerate(_by_country(standing, programmes).items()):
        text = [
            _("no rows in this selection")
            if pd.isna(count)
            else _("none in this dataset")
            if count == 0
            else _("rank {rank} of {countries} · {count} of {known}").format(
                rank=int(rank), countries=int(countries), count=int(count), known=int(known)
            )
            for count, rank, countries, known in zip(g["count"], g["rank"], g["countries"], g["known"])
        ]
        colour = theme.HIGHLIGHT if n == 0 else theme.OKABE_ITO[(n + 1) % len(theme.OKABE_ITO)]
        traces.append(
            dict(
                type="bar",
                x=programmes,
                y=[v * 100 for v in g["share"]],
                name=_("{name} ({code}), this dataset").format(name=names.get(country, country), code=country),
                marker_color=colour,
                text=text,
                textposition="outside",
                cliponaxis=False,
                hovertemplate="<b>%{x}</b><br>"
                + _("%{y:.0f}% of participations with a country")
                + "<br>%{text}<extra>"
                + country
                + "</extra>",
            )
        )
    if seed is not None and len(seed):
        seed = seed[seed["programme"].isin(programmes)]
        if len(seed):
            traces.append(
                dict(
                    type="scatter",
                    x=seed["programme"].tolist(),
                    y=(seed["share"] * 100).tolist(),
                    mode="markers",
                    name=_("published (seed documents)"),
                    marker=dict(symbol="diamond", size=14, color=theme.BLACK, line=dict(color="white", width=1.5)),
                    customdata=seed["label"].tolist(),
                    hovertemplate="<b>%{x}</b><br>"
                    + _("published: %{customdata}")
                    + "<extra>"
                    + _("seed")
                    + "</extra>",
                )
            )
    fig = theme.figure(traces)
    top = np.nanmax([(standing["share"].astype("float64") * 100).max(), 10])
    if seed is not None and len(seed):
        top = max(top, float(seed["share"].max() * 100))
    fig.update_yaxes(title_text=_("% of participations with a country"), range=[0, min(100, top * 1.35 + 5)])
    fig.update_xaxes(title_text=None)
    fig.update_layout(
        template=theme.template(),
        title=title,
        height=420,
        barmode="group",
        margin=dict(l=10, r=10, t=80, b=40),
        legend=dict(y=1.02, yanchor="bottom"),
    )
    return with_csv(
        fig,
        drawn(
            _standing_rows(standing, seed, names, lang),
            unit=_("% of participations with a country"),
        ),
    )


def _circle(n: int, radius: float = 1.0, start: float = math.pi / 2):
    """Points on a circle, to 4 decimals (a hundredth of a pixel on the chart; full floats made the country
    network's answer 40% larger)."""
    angles = [start - 2 * math.pi * i / max(n, 1) for i in range(n)]
    return [(round(radius * math.cos(a), 4), round(radius * math.sin(a), 4)) for a in angles]


def _ring_labels(positions: list[tuple[float, float]]) -> list[str]:
    """Where each label goes outside the ring: to the left of nodes on the left half, to the right otherwise."""
    return ["middle left" if x < -0.05 else "middle right" if x > 0.05 else "top center" for x, _ in positions]


def _by_weight(edges: list[tuple]) -> dict:
    """Weight -> its (source, target) pairs, in the order given."""
    out: dict = {}
    for s, t, w in edges:
        out.setdefault(w, []).append((s, t))
    return out


def network_figure(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    labels: dict,
    title: str,
    short: dict | None = None,
    subtitle: str | None = None,
    lang: str = "en",
):
    """Participants as nodes (size: projects), lines between those sharing projects (width and number: shared
    projects). One focus participant sits in the centre with its partners around it; otherwise all on a circle in
    the order given (`nodes` sorted by the caller, e.g. so that close partners sit side by side).

    `labels`: node -> full name (hover); `short`: node -> the text next to the node (default: the node's code);
    `subtitle`: a line under the title (what a link means). Texts in `lang` (`title`, `subtitle` come in it)."""
    _ = translator(lang)
    short = short or {}
    if edges.empty:
        msg = (
            _("No partners: the selected countries share no project with another participant in these rows.")
            if nodes["focus"].any()
            else _("No project in this selection has two participants at this level.")
        )
        return theme.empty_figure(msg, title, height=460)
    # the columns read once as lists: the edges are drawn from them, not from a grouped frame and its row objects
    node_ids = nodes["node"].tolist()
    focus = [n for n, f in zip(node_ids, nodes["focus"].tolist()) if f]
    if len(focus) == 1 and len(nodes) > 2:
        centre = focus[0]
        ring = [c for c in node_ids if c != centre]
        pos = {centre: (0.0, 0.0)}
        pos.update(dict(zip(ring, _circle(len(ring)))))
    else:
        pos = dict(zip(node_ids, _circle(len(nodes))))
    drawn_edges = [
        (s, t, w)
        for s, t, w in zip(edges["source"].tolist(), edges["target"].tolist(), edges["weight"].tolist())
        if s in pos and t in pos
    ]
    traces = []  # plain trace dicts, in one figure: add_trace would validate each
    top = int(max(w for _s, _t, w in drawn_edges)) if drawn_edges else 1
    for weight, pairs in sorted(_by_weight(drawn_edges).items()):
        xs, ys = [], []
        for s, t in pairs:
            (x0, y0), (x1, y1) = pos[s], pos[t]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line=dict(width=1 + 7 * (weight - 1) / max(top - 1, 1), color="#8C96A0"),
                opacity=0.45 + 0.5 * weight / top,
                name=_("{count} shared").format(count=weight),
            )
        )
    weights = [w for _s, _t, w in drawn_edges]
    # The number of shared projects is written on the strongest lines only (the heatmap has every number).
    labelled = set(sorted(range(len(weights)), key=lambda i: -weights[i])[:EDGE_LABELS])
    traces.append(
        dict(
            type="scatter",
            x=[round((pos[s][0] + pos[t][0]) / 2, 4) for s, t, _w in drawn_edges],
            y=[round((pos[s][1] + pos[t][1]) / 2, 4) for s, t, _w in drawn_edges],
            mode="markers+text",
            text=[str(w) if i in labelled and w > 1 else "" for i, w in enumerate(weights)],
            textfont=dict(size=12, color=theme.TEXT_COLOUR),
            marker=dict(size=12, color="rgba(255,255,255,0.8)"),
            showlegend=False,
            customdata=np.stack(
                [
                    [labels.get(s, s) for s, _t, _w in drawn_edges],
                    [labels.get(t, t) for _s, t, _w in drawn_edges],
                    np.array(weights, dtype=object),
                ],
                axis=-1,
            )
            if drawn_edges
            else None,
            name=_("shared projects"),
            hovertemplate="%{customdata[0]} – %{customdata[1]}: "
            + _("%{customdata[2]} shared projects")
            + "<extra></extra>",
        )
    )
    size = (14 + 22 * np.sqrt(nodes["projects"] / max(int(nodes["projects"].max()), 1))).round(2)
    colours = [theme.HIGHLIGHT if f else theme.REGION_COLOUR for f in nodes["focus"]]
    xy = [pos[c] for c in node_ids]
    traces.append(
        dict(
            type="scatter",
            x=[x for x, _ in xy],
            y=[y for _, y in xy],
            mode="markers+text",
            text=[short.get(c, c) for c in node_ids],
            textposition=_ring_labels(xy),
            textfont=dict(size=12, color=theme.TEXT_COLOUR),
            marker=dict(size=size.tolist(), color=colours, line=dict(color="white", width=1.5)),
            showlegend=False,
            customdata=np.stack([[labels.get(c, c) for c in node_ids], nodes["projects"].to_numpy(object)], axis=-1),
            name=_("participants"),
            hovertemplate="<b>%{customdata[0]}</b><br>" + _("%{customdata[1]} projects") + "<extra></extra>",
        )
    )
    fig = theme.figure(traces)
    longest = max((len(short.get(c, c)) for c in node_ids), default=2)
    reach = 1.3 + 0.045 * longest  # room for the labels beside the ring
    fig.update_xaxes(visible=False, range=[-reach, reach])
    fig.update_yaxes(visible=False, range=[-1.2, 1.25], scaleanchor="x")
    fig.update_layout(
        template=theme.template(),
        title=_with_subtitle(title, subtitle),
        height=560,
        dragmode=False,
        margin=dict(l=10, r=10, t=80, b=10),
    )
    return fig


def _with_subtitle(title: str, subtitle: str | None) -> dict:
    return (
        {"text": title, "subtitle": {"text": subtitle, "font": {"size": 12, "color": theme.NOTE_COLOUR}}}
        if subtitle
        else {"text": title}
    )


def adjacency_heatmap(
    matrix: pd.DataFrame,
    labels: dict,
    title: str,
    short: dict | None = None,
    subtitle: str | None = None,
    lang: str = "en",
) -> go.Figure:
    """Shared projects of every pair of participants as a square heatmap in the matrix's order (clusters along
    the diagonal), the count written in each cell with at least one; the diagonal is blank (not a pair). Rows are
    named in full (`labels`), columns by `short` (default: the code)."""
    _ = translator(lang)
    short = short or {}
    if matrix.empty or not (matrix.fillna(0) > 0).to_numpy().any():
        return theme.empty_figure(_("No project in this selection has two participants at this level."), title, 460)
    names = [theme.truncate(labels.get(n, n), 34) for n in matrix.index]
    columns = [short.get(n, n) for n in matrix.index]
    z = [[None if v != v else int(v) for v in row] for row in matrix.to_numpy()]
    text = [["" if v is None or v == 0 else str(v) for v in row] for row in z]
    top = max(v for row in z for v in row if v is not None)
    fig = theme.figure(
        dict(
            type="heatmap",
            z=z,
            x=columns,
            y=names,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=11),
            colorscale=[[0.0, "#FFFFFF"], [0.001, "#DEEBF7"], [1.0, theme.BLUE]],
            zmin=0,
            xgap=1,
            ygap=1,
            zmax=max(top, 1),
            colorbar=dict(
                title=dict(text=_("shared<br>projects")), thickness=12, tickformat="d", dtick=1 if top <= 8 else None
            ),
            hovertemplate="%{y} – %{x}: " + _("%{z} shared projects") + "<extra></extra>",
        )
    )
    n = len(names)
    fig.update_xaxes(tickangle=-90, tickfont=dict(size=11), showgrid=False, side="bottom")
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=11), showgrid=False)
    fig.update_layout(
        template=theme.template(),
        title=_with_subtitle(title, subtitle),
        height=max(420, 18 * n + 260),
        margin=dict(l=10, r=10, t=80, b=10),
        plot_bgcolor="#F1F3F5",
    )
    return fig


TIMELINE_COLUMNS = (
    "acronym",
    "programme",
    "start_date",
    "end_date",
    "n_participants",
    "start_day",
    "end_day",
    "span_ms",
)


def _timeline_rows(drawable: pd.DataFrame) -> dict:
    """(dates, programme) -> column -> its values, in row order: dates 'both' per programme (in order of
    appearance), 'start only' and 'end only' with programme None (all programmes, one marker trace each)."""
    cols = {c: drawable[c].tolist() for c in TIMELINE_COLUMNS}
    out: dict = {}
    for i, (dates, prog) in enumerate(zip(drawable["dates"].tolist(), cols["programme"])):
        group = out.setdefault((dates, prog if dates == "both" else None), {c: [] for c in TIMELINE_COLUMNS})
        for c in TIMELINE_COLUMNS:
            group[c].append(cols[c][i])
    return out


def timeline_figure(timeline: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """Projects as bars from the first day of their stated start to the last day of their stated end, coloured by
    programme; a project with one date is a marker at that date; projects without dates are left out (listed)."""
    _ = translator(lang)
    drawable = timeline[timeline["dates"] != "none"]
    if drawable.empty:
        msg = (
            _("None of these projects has a start or end date in the sources.")
            if len(timeline)
            else _("No project matches these filters.")
        )
        return theme.empty_figure(msg, title, height=320)
    traces = []  # plain trace dicts, in one figure: add_trace would validate each
    # the drawable rows' columns as lists, grouped by dates stated and programme (no grouped frames)
    rows = _timeline_rows(drawable)
    both = [(prog, g) for (dates, prog), g in rows.items() if dates == "both"]
    for n, (prog, g) in enumerate(both):
        traces.append(
            dict(
                type="bar",
                y=g["acronym"],
                x=g["span_ms"],
                base=g["start_day"],
                orientation="h",
                marker_color=_colour(prog, n),
                name=prog,
                legendgroup=prog,
                customdata=np.stack(
                    [
                        np.array(g["start_date"], dtype=object),
                        np.array(g["end_date"], dtype=object),
                        np.array(g["n_participants"], dtype=object),
                    ],
                    axis=-1,
                ),
                hovertemplate="<b>%{y}</b> ("
                + prog
                + ")<br>"
                + _("%{customdata[0]} to %{customdata[1]} (as stated)<br>%{customdata[2]} partners in this dataset")
                + "<extra></extra>",
            )
        )
    one_date = {
        "start only": (
            _("start date only"),
            _("start %{customdata[1]}; the other date is not stated"),
        ),
        "end only": (_("end date only"), _("end %{customdata[1]}; the other date is not stated")),
    }
    for kind, day, stated, symbol in (
        ("start only", "start_day", "start_date", "triangle-right"),
        ("end only", "end_day", "end_date", "triangle-left"),
    ):
        g = rows.get((kind, None))
        if g is None:
            continue
        traces.append(
            dict(
                type="scatter",
                y=g["acronym"],
                x=g[day],
                mode="markers",
                name=one_date[kind][0],
                marker=dict(
                    symbol=symbol,
                    size=11,
                    color=[_colour(p) for p in g["programme"]],
                    line=dict(color=theme.TEXT_COLOUR, width=1),
                ),
                customdata=np.stack(
                    [np.array(g["programme"], dtype=object), np.array(g[stated], dtype=object)], axis=-1
                ),
                hovertemplate="<b>%{y}</b> (%{customdata[0]})<br>" + one_date[kind][1] + "<extra></extra>",
            )
        )
    fig = theme.figure(traces)
    order = drawable["acronym"].tolist()[::-1]
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None, tickfont=dict(size=11))
    fig.update_xaxes(type="date", title=None)
    fig.update_layout(
        template=theme.template(),
        title=title,
        barmode="overlay",
        height=max(320, 19 * len(order) + 130),
        margin=dict(l=10, r=10, t=80, b=30),
        legend=dict(y=1.01, yanchor="bottom"),
    )
    return with_csv(
        fig,
        drawn(
            pd.DataFrame(  # only the drawn columns
                dict(
                    what=timeline["acronym"].astype(str) + " (" + timeline["programme"].astype(str) + ")",
                    value=timeline["n_participants"],
                    flag=[
                        _("{start} to {end}").format(start=a or _("start not stated"), end=b or _("end not stated"))
                        for a, b in zip(
                            timeline["start_date"].where(timeline["start_date"].notna(), None),
                            timeline["end_date"].where(timeline["end_date"].notna(), None),
                        )
                    ],
                )
            ),
            unit=_("partners in this dataset"),
        ),
    )


def _counts_by(breakdown: pd.DataFrame) -> dict:
    """(programme, cluster flag) -> participations (the first row of a pair, as a re-indexed frame has it)."""
    out: dict = {}
    for key, n in zip(
        zip(breakdown["programme"].tolist(), breakdown["is_cluster"].tolist()), breakdown["participations"].tolist()
    ):
        out.setdefault(key, n)
    return out


def cluster_figure(breakdown: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """Stacked bars per programme: participations of cluster organisations, of others, and not stated."""
    _ = translator(lang)
    if breakdown.empty or breakdown["participations"].sum() == 0:
        return theme.empty_figure(_("No participation matches these filters."), title, height=320)
    counts = _counts_by(breakdown)
    totals: dict = {}
    for prog, n in zip(breakdown["programme"].tolist(), breakdown["participations"].tolist()):
        totals[prog] = totals.get(prog, 0) + n
    programmes = [p for p in dict.fromkeys(breakdown["programme"].tolist()) if totals.get(p, 0) > 0]
    traces = []  # plain trace dicts, in one figure: add_trace would validate each
    names = {flag: _(name) for flag, name in CLUSTER_NAMES.items()}
    for flag in ("yes", "no", "not stated"):
        values = [counts.get((p, flag)) for p in programmes]
        if None in values:  # as a re-indexed integer column: floats, a missing count NaN
            values = [float("nan") if v is None else float(v) for v in values]
        traces.append(
            dict(
                type="bar",
                y=programmes,
                x=values,
                orientation="h",
                name=names[flag],
                marker=dict(color=CLUSTER_COLOURS[flag], pattern_shape="/" if flag == "not stated" else ""),
                text=[str(v) if v else "" for v in values],
                textposition="inside",
                hovertemplate="<b>%{y}</b><br>" + _(CLUSTER_HOVER[flag]) + "<extra></extra>",
            )
        )
    fig = theme.figure(traces)
    fig.update_yaxes(categoryorder="array", categoryarray=programmes[::-1], title=None)
    fig.update_xaxes(title_text=_("participations"))
    fig.update_layout(
        template=theme.template(),
        title=title,
        barmode="stack",
        height=max(260, 48 * len(programmes) + 140),
        margin=dict(l=10, r=10, t=80, b=40),
        legend=dict(y=1.01, yanchor="bottom"),
    )
    return with_csv(
        fig,
        drawn(
            pd.DataFrame(  # only the drawn columns
                dict(
                    what=_("Participations: ") + breakdown["is_cluster"].map(names),
                    name=breakdown["programme"],
                    value=breakdown["participations"],
                )
            ),
            unit=_("participations"),
        ),
    )
