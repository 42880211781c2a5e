"""Figures of the region profile and Compare pages (plotly.graph_objects only, colours from the theme).

Missing values are never drawn as 0: a missing bar is left out and says "no data" (or "not published in this
dataset" for an aggregate the source does not publish), a missing radar point leaves a gap.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from components import theme
from i18n import DEFAULT_LANGUAGE, N_, format_number, format_percent, ntranslator, translator

# Series of several regions: twelve colours, each with its own marker (theme.series_style).
SERIES_COLOURS, SYMBOLS = theme.SERIES_COLOURS, theme.SERIES_SYMBOLS
PEER_COLOUR = theme.BLACK
NOT_PUBLISHED = "not published in this dataset"
NO_DATA = N_("no data")  # theme.MISSING_TEXT, in the figure's language
QUADRANT_POSITIONS = {
    "HH": (0.99, 0.99, "right", "top"),
    "LH": (0.01, 0.99, "left", "top"),
    "HL": (0.99, 0.01, "right", "bottom"),
    "LL": (0.01, 0.01, "left", "bottom"),
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(values) -> list:
    """Plain floats with None for missing (plotly draws None as a gap, never as 0)."""
    return [None if _missing(v) else float(v) for v in values]


def series_style(i: int) -> dict:
    """Colour, line dash and marker symbol of the i-th region of a comparison."""
    return theme.series_style(i)


def _vline(x, colour=theme.GUIDE_COLOUR, dash="dot"):
    return dict(
        type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=dict(color=colour, dash=dash, width=1)
    )


def _hline(y, colour="#444", dash="dash"):
    return dict(
        type="line", y0=y, y1=y, yref="y", x0=0, x1=1, xref="x domain", line=dict(color=colour, dash=dash, width=1)
    )


# Figures are built in one constructor call (data list + layout dict): plotly validates once, which is several
# times faster than adding traces, shapes and annotations one by one.

# --- Region against country and EU --------------------------------------------------------------------------------


# A panel's heading is wrapped to this many characters a line: two panels side by side on a 390 px phone are
# ~165 px wide each, and 22 characters of 12 px text fit in that.
HEADING_CHARS = 22
# Room a line of the title or a heading takes at the largest text a chart is shown with (presentation's 20 px
# headings, 26 px title): the margins are set once, at the server, and must hold at every size.
LINE_PX, TITLE_PX, TICKS_PX = 24, 72, 34


def _wrapped(text: str, chars: int = HEADING_CHARS) -> list[str]:
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


def comparison_bars(
    panels: list[dict],
    series: list[dict],
    title: str,
    columns: int = 2,
    height: int | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> go.Figure:
    """Small multiples of bars, one panel per indicator, one bar per series (region, country, EU27).

    panels: [{label, unit, year, decimals}]; series: [{name, short, colour, values: [per panel], missing_text:
    [per panel, optional]}]. A missing value has no bar; the panel says "no data" (or the series' own text)
    at its place instead. At most `columns` panels a row, so that each stays wide enough on a phone for its
    bars' values and its heading (wrapped to short lines); the figure is `height` px tall (default: 200 px a
    row of panels plus its headings), with room above each row for the tallest heading. Texts in `lang` (the labels, units and missing texts come translated).
    """
    _ = translator(lang)
    if not panels:
        return theme.empty_figure(_("No indicator to show."), title)
    n = len(panels)
    cols = max(1, min(columns, n))
    rows = math.ceil(n / cols)
    spacing = 0.1 if cols > 1 else 0.0
    width = (1 - spacing * (cols - 1)) / cols
    headings = []
    for panel in panels:
        unit = f"{panel['unit']}{', ' + str(panel['year']) if panel.get('year') else ''}"
        lines = _wrapped(str(panel["label"])) + [f"<sup>{line}</sup>" for line in _wrapped(unit)]
        headings.append(lines)
    heading_px = LINE_PX * max(len(h) for h in headings)
    top, bottom = TITLE_PX + heading_px, 50
    gap = TICKS_PX + heading_px  # between rows: the upper row's tick labels, the lower row's headings
    height = height or top + bottom + rows * 200 + (rows - 1) * gap
    plot_px = max(height - top - bottom, 1)
    row_px = max((plot_px - gap * (rows - 1)) / rows, 1)
    traces, annotations, layout = [], [], {}
    for col, panel in enumerate(panels, start=1):
        suffix = "" if col == 1 else str(col)
        row, place = divmod(col - 1, cols)
        lo = place * (width + spacing)
        y_hi = 1 - row * (row_px + gap) / plot_px
        y_lo = max(y_hi - row_px / plot_px, 0.0)
        layout[f"xaxis{suffix}"] = dict(domain=[lo, lo + width], anchor=f"y{suffix}", type="category", tickangle=0)
        layout[f"yaxis{suffix}"] = dict(
            domain=[y_lo, y_hi], anchor=f"x{suffix}", rangemode="tozero", showticklabels=False, showgrid=False
        )
        annotations.append(
            dict(
                text="<br>".join(headings[col - 1]),
                x=lo + width / 2,
                y=y_hi,
                xref="paper",
                yref="paper",
                xanchor="center",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=12),
            )
        )
        decimals = int(panel.get("decimals", 1))
        fmt = f",.{decimals}f"
        for s in series:
            value = s["values"][col - 1]
            missing = _missing(value)
            traces.append(
                dict(
                    type="bar",
                    x=[s["short"]],
                    y=[None if missing else float(value)],
                    name=s["name"],
                    legendgroup=s["name"],
                    showlegend=col == 1,
                    marker=dict(color=s["colour"], line=dict(width=0)),
                    text=None if missing else [_value_text(value, decimals, lang)],
                    textposition="outside",
                    cliponaxis=False,
                    xaxis=f"x{suffix}",
                    yaxis=f"y{suffix}",
                    hovertemplate=f"<b>{s['name']}</b><br>"
                    + _("{name}: {value}").format(
                        name=panel["label"], value=f"%{{y:{fmt}}} {panel['unit'].replace('%', '%%')}"
                    )
                    + "<extra></extra>",
                )
            )
            if missing:
                texts = s.get("missing_text") or []
                note = texts[col - 1] if col - 1 < len(texts) and texts[col - 1] else _(NO_DATA)
                annotations.append(
                    dict(
                        x=s["short"],
                        y=0.02,
                        xref=f"x{suffix}",
                        yref=f"y{suffix} domain",
                        text=note,
                        showarrow=False,
                        textangle=-90,
                        xanchor="center",
                        yanchor="bottom",
                        font=dict(size=11, color=theme.NOTE_COLOUR),
                    )
                )
    return theme.figure(
        data=traces,
        layout=dict(
            template=theme.template(),
            # Above the headings (plotly anchors a title's first line: its further lines need room of their own;
            # plotly moves the top margin if the title needs more).
            title=dict(
                text=title,
                yref="paper",
                y=1,
                yanchor="bottom",
                pad=dict(b=heading_px + LINE_PX * title.count("<br>") + 8),
                automargin=True,
            ),
            height=height,
            bargap=0.25,
            showlegend=True,
            margin=dict(t=top, l=10, r=10, b=bottom),
            annotations=annotations,
            legend=dict(orientation="h", y=-TICKS_PX / plot_px, yanchor="top", x=0),  # under the tick labels
            **layout,
        ),
    )


def _value_text(value, decimals: int, lang: str) -> str:
    """A number written into a chart (bar labels): theme.format_value in English, the locale's digits otherwise."""
    if lang == DEFAULT_LANGUAGE:
        return theme.format_value(value, decimals)
    return format_number(value, lang, decimals) if not _missing(value) else translator(lang)(NO_DATA)


# --- Normalised profile -------------------------------------------------------------------------------------------


def profile_figure(
    labels: list[str], series: list[dict], view: str = "radar", title: str = "", lang: str = DEFAULT_LANGUAGE
) -> go.Figure:
    """0-1 scores by indicator as a radar (view='radar') or grouped horizontal bars (view='bar').

    series: [{name, scores (per label, None = missing), texts (per label: the raw value as read), colour,
    dash, symbol, fill}]. Legend names say how many indicators each series has. Texts in `lang`.
    """
    _ = translator(lang)
    if not labels or not series:
        return theme.empty_figure(_("No indicator to show."), title)
    n_labels = len(labels)
    traces, annotations = [], []
    slot = 0.8 / len(series)
    for j, s in enumerate(series):
        scores = _clean(s["scores"])
        known = sum(v is not None for v in scores)
        name = _("{name} ({known} of {n})").format(name=s["name"], known=known, n=n_labels)
        texts = [t if t else _(NO_DATA) for t in s.get("texts", [""] * n_labels)]
        score, value = _("score"), _("value")
        if view == "bar":
            traces.append(
                dict(
                    type="bar",
                    y=labels,
                    x=scores,
                    name=name,
                    orientation="h",
                    marker=dict(
                        color=s["colour"], pattern=dict(shape="/" if s.get("dash") not in (None, "solid") else "")
                    ),
                    customdata=texts,
                    hovertemplate=f"<b>{s['name']}</b><br>"
                    + _("{name}: {value}").format(name="%{y}", value=f"{score} %{{x:.2f}}")
                    + f"<br>{value} %{{customdata}}<extra></extra>",
                )
            )
            # say "no data" where a bar would be (grouped bars: slot j of the 80% of each category band)
            annotations += [
                dict(
                    x=0,
                    y=i - 0.4 + (j + 0.5) * slot,
                    xref="x",
                    yref="y",
                    text=_(NO_DATA),
                    showarrow=False,
                    xanchor="left",
                    font=dict(size=10, color="#777"),
                )
                for i, score in enumerate(scores)
                if score is None
            ]
        else:
            traces.append(
                dict(
                    type="scatterpolar",
                    r=scores + scores[:1],
                    theta=labels + labels[:1],
                    name=name,
                    mode="lines+markers",
                    connectgaps=False,
                    fill="toself" if s.get("fill") else "none",
                    line=dict(color=s["colour"], dash=s.get("dash", "solid"), width=s.get("width", 2)),
                    marker=dict(size=7, symbol=s.get("symbol", "circle")),
                    opacity=0.9,
                    customdata=texts + texts[:1],
                    hovertemplate=f"<b>{s['name']}</b><br>"
                    + _("{name}: {value}").format(name="%{theta}", value=f"{score} %{{r:.2f}}")
                    + f"<br>{value} %{{customdata}}<extra></extra>",
                )
            )
    layout = dict(template=theme.template(), title=title, legend=dict(y=-0.05, yanchor="top"), annotations=annotations)
    if view == "bar":
        layout.update(
            barmode="group",
            bargap=0.2,
            height=max(420, 120 + n_labels * len(series) * 14),
            xaxis=dict(range=[0, 1.02], title=_("score: 0 = lowest EU NUTS 2 region, 1 = highest"), dtick=0.25),
            yaxis=dict(autorange="reversed", automargin=True),
        )
    else:
        layout.update(
            polar=dict(
                radialaxis=dict(range=[0, 1], dtick=0.25, angle=90, tickfont=dict(size=10)),
                angularaxis=dict(direction="clockwise"),
            ),
            margin=dict(t=60, l=60, r=60, b=30),
            height=560,
        )
        layout["legend"] = dict(y=-0.1, yanchor="top")
    return theme.figure(data=traces, layout=layout)


# --- Specialisation -----------------------------------------------------------------------------------------------


def specialisation_bars(rows: list[dict], title: str, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """Horizontal bars of location quotients, highest first: [{label, lq, share, agglomeration, note}].

    Agglomerations (LQ > 1.5 and at least 1% of employment) are orange with a hatch, the rest blue; dotted lines
    mark LQ = 1 (the EU27 share) and 1.5. Texts in `lang` (the rows' labels and notes come translated)."""
    _ = translator(lang)
    rows = [r for r in rows if not _missing(r.get("lq"))]
    if not rows:
        return theme.empty_figure(_("No employment data for this region."), title)
    # A row flagged by a plausibility check ('warning') is labelled ⚠ and says why on hover.
    rows = [
        {**r, "label": f"⚠ {r['label']}", "note": "; ".join(x for x in (r.get("note"), "⚠ " + r["warning"]) if x)}
        if r.get("warning")
        else r
        for r in rows
    ]
    warned = any(r.get("warning") for r in rows)
    groups = [
        (True, _("Agglomeration: LQ > 1.5 and ≥ 1% of employment"), theme.HIGHLIGHT, "/"),
        (False, _("Not an agglomeration"), theme.REGION_COLOUR, ""),
    ]
    order = [r["label"] for r in rows]
    traces = []
    for flag, name, colour, pattern in groups:
        part = [r for r in rows if bool(r["agglomeration"]) == flag]
        if not part:
            continue
        traces.append(
            dict(
                type="bar",
                y=[r["label"] for r in part],
                x=[r["lq"] for r in part],
                orientation="h",
                name=name,
                marker=dict(color=colour, pattern=dict(shape=pattern)),
                textposition="outside",
                cliponaxis=False,
                text=[
                    _lq_label(r["lq"], r["share"], lang) + ("*" if r.get("note") and not r.get("warning") else "")
                    for r in part
                ],
                customdata=[[r["share"] * 100, r.get("note") or ""] for r in part],
                hovertemplate="<b>%{y}</b><br>"
                + _("LQ %{x:.2f}<br>%{customdata[0]:.1f}% of employment")
                + "<br>%{customdata[1]}<extra></extra>",
            )
        )
    top = max(r["lq"] for r in rows)
    notes = sorted({r["note"] for r in rows if r.get("note") and not r.get("warning")})
    if warned:
        notes.append("⚠ " + _("flagged by a plausibility check (hover, data table, Data & methods)"))
    return theme.figure(
        data=traces,
        layout=dict(
            template=theme.template(),
            title=dict(text=title),
            barmode="overlay",
            margin=dict(t=80, b=20),
            shapes=[_vline(1.0), _vline(1.5)],
            xaxis=dict(
                title=_("location quotient (1 = EU27 share)")
                + "<br><sup>"
                + _("labels: LQ · share of regional employment")
                + "</sup>"
                + ("<br><sup>* " + "; ".join(notes) + "</sup>" if notes else ""),
                range=[0, max(2.0, top * 1.3)],
            ),
            yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed"),
            showlegend=True,
            legend=dict(orientation="h", y=-0.3 if notes else -0.2, yanchor="top", x=0),
            height=max(420, 200 + 28 * len(rows)),
        ),
    )


def _lq_label(lq: float, share: float, lang: str) -> str:
    """A bar's label: '1.23 · 4.5%' (the location quotient, the share of the region's employment)."""
    if lang == DEFAULT_LANGUAGE:
        return f"{lq:.2f} · {share * 100:.1f}%"
    return f"{format_number(lq, lang, 2)} · {format_percent(share * 100, lang, 1)}"


# --- Quadrant scatter ---------------------------------------------------------------------------------------------


def quadrant_scatter(
    points: list[dict],
    highlights: list[dict],
    x_label: str,
    y_label: str,
    x_median: float,
    y_median: float,
    counts: dict,
    quadrant_names: dict,
    title: str,
    x_decimals: int = 2,
    y_decimals: int = 2,
    lang: str = DEFAULT_LANGUAGE,
) -> go.Figure:
    """All regions in grey with dashed median lines making four quadrants, each labelled with its count;
    selected regions on top in their own colours and symbols.

    points: [{code, name, x, y}] (rows missing x or y are not drawn); highlights: [{name, colour, symbol,
    points: [{code, name, x, y}]}]; counts / quadrant_names: keyed 'HH', 'LH', 'HL', 'LL' (x first). Texts in
    `lang` (the labels and quadrant names come translated)."""
    _, ngettext = translator(lang), ntranslator(lang)
    shown = [p for p in points if not _missing(p["x"]) and not _missing(p["y"])]
    if not shown:
        return theme.empty_figure(_("No region has values for both indicators."), title)
    xfmt, yfmt = f",.{x_decimals}f", f",.{y_decimals}f"
    hover = (
        _("{name}: {value}").format(name=x_label, value=f"%{{x:{xfmt}}}")
        + "<br>"
        + _("{name}: {value}").format(name=y_label, value=f"%{{y:{yfmt}}}")
    )
    traces = [
        dict(
            type="scatter",
            x=[p["x"] for p in shown],
            y=[p["y"] for p in shown],
            mode="markers",
            name=_("EU NUTS 2 regions"),
            text=[f"{p['name']} ({p['code']})" for p in shown],
            marker=dict(color=theme.MUTED, size=7, opacity=0.75),
            hovertemplate=f"<b>%{{text}}</b><br>{hover}<extra></extra>",
        )
    ]
    n_label = 0
    for h in highlights:
        pts = [p for p in h["points"] if not _missing(p["x"]) and not _missing(p["y"])]
        if not pts:
            continue
        # Labels alternate above and below their points, so neighbours on a row overlap less.
        positions = [("top center", "bottom center")[(n_label + k) % 2] for k in range(len(pts))]
        n_label += len(pts)
        traces.append(
            dict(
                type="scatter",
                x=[p["x"] for p in pts],
                y=[p["y"] for p in pts],
                mode="markers+text",
                name=h["name"],
                text=[p["code"] for p in pts],
                textposition=positions,
                textfont=dict(size=11, color=h["colour"]),
                customdata=[p["name"] for p in pts],
                marker=dict(
                    color=h["colour"], size=13, symbol=h.get("symbol", "circle"), line=dict(color="white", width=1)
                ),
                hovertemplate=f"<b>%{{customdata}} (%{{text}})</b><br>{hover}<extra>{h['name']}</extra>",
            )
        )
    annotations = [
        dict(
            text=f"<b>{quadrant_names[q]}</b><br>"
            + ngettext("{count} region", "{count} regions", counts.get(q, 0)).format(count=counts.get(q, 0)),
            x=x,
            y=y,
            xref="x domain",
            yref="y domain",
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            align="left" if xanchor == "left" else "right",
            bgcolor="rgba(255,255,255,0.8)",
            font=dict(size=12, color="#333"),
        )
        for q, (x, y, xanchor, yanchor) in QUADRANT_POSITIONS.items()
    ]

    def median(value, decimals):  # a number in an axis title: written here, not by plotly
        return f"{value:,.{decimals}f}" if lang == DEFAULT_LANGUAGE else format_number(value, lang, decimals)

    def padded(values):  # room in the corners for the quadrant labels
        lo, hi = min(values), max(values)
        pad = (hi - lo) * 0.18 or 1.0
        return [lo - pad, hi + pad]

    return theme.figure(
        data=traces,
        layout=dict(
            template=theme.template(),
            title=title,
            height=620,
            annotations=annotations,
            shapes=[_vline(x_median, "#444", "dash"), _hline(y_median)],
            xaxis=dict(
                title=_("{label} (dashed: median {median})").format(label=x_label, median=median(x_median, x_decimals)),
                zeroline=False,
                range=padded([p["x"] for p in shown]),
            ),
            yaxis=dict(
                title=_("{label} (dashed: median {median})").format(label=y_label, median=median(y_median, y_decimals)),
                zeroline=False,
                range=padded([p["y"] for p in shown]),
            ),
            legend=dict(y=-0.17, yanchor="top"),
            margin=dict(t=60, b=30),
        ),
    )
