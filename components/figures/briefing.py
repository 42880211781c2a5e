"""Figures of the policy briefing and the cluster-stars page: Figure 4 (composite against cluster stars, with the
three types of region as areas of the plane) and the map of star totals. plotly.graph_objects only."""

from __future__ import annotations

import plotly.graph_objects as go

from components import theme
from components.figures.maps import choropleth
from data.typology import TYPES, axis_ranges, place_labels
from i18n import translator

# Figure 4 has a fixed size so that the label placement, made in pixels, holds on screen, in the PDF and slides.
FIG4_W, FIG4_H = 900, 600
FIG4_MARGIN = dict(l=70, r=20, t=90, b=60)
TYPE_COLOURS = {"stars": "rgba(230,159,0,0.16)", "moderate": "rgba(86,180,233,0.16)", "leader": "rgba(0,158,115,0.16)"}
MARKERS = {
    "stars": ("circle", theme.ORANGE),
    "moderate": ("square", theme.BLUE),
    "leader": ("diamond", theme.GREEN),
    "between": ("circle-open", theme.NOTE_COLOUR),
    "missing": ("x", "#999999"),
}


def figure4(
    points: list[dict],
    thresholds: dict,
    c_low: float,
    c_high: float,
    title: str,
    star_label: str = "Cluster stars (total)",
    composite_label: str = "Composite indicator (0 to 1)",
    highlight: str | None = None,
    lang: str = "en",
) -> go.Figure:
    """Composite (x) against total stars (y); the types' areas shaded; every placed region labelled by code. The
    labels handed in are in `lang`; the types' names and the hover text are translated here."""
    _ = translator(lang)
    placed = [p for p in points if p["type"] != "missing"]
    x_range, y_range = axis_ranges(placed, thresholds, c_high)
    s_low, s_high = thresholds["low"], thresholds["high"]
    fig = theme.figure()
    areas = {
        "stars": (0, c_low, s_high, y_range[1]),
        "moderate": (0, c_high, 0, s_low),
        "leader": (c_high, x_range[1], 0, y_range[1]),
    }
    width = FIG4_W - FIG4_MARGIN["l"] - FIG4_MARGIN["r"]
    height = FIG4_H - FIG4_MARGIN["t"] - FIG4_MARGIN["b"]
    captions = []  # the areas' names, in pixels, kept clear of the region labels
    for key, (x0, x1, y0, y1) in areas.items():
        fig.add_shape(
            type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=TYPE_COLOURS[key], line_width=0, layer="below", name=key
        )
        text = _(TYPES[key]).split(":", 1)[1].strip()
        fig.add_annotation(
            x=(x0 + x1) / 2,
            y=y1,
            yanchor="top",
            showarrow=False,
            text=text,
            font=dict(size=11, color="#495057"),
            name=f"area-{key}",
        )
        cx = ((x0 + x1) / 2 - x_range[0]) / (x_range[1] - x_range[0]) * width
        top = height - (y1 - y_range[0]) / (y_range[1] - y_range[0]) * height
        captions.append((cx - 3.5 * len(text) - 4, top, cx + 3.5 * len(text) + 4, top + 16))
    for value in (c_low, c_high):
        fig.add_vline(x=value, line_dash="dot", line_color="#6C757D", line_width=1)
    for value in (s_low, s_high):
        fig.add_hline(y=value, line_dash="dot", line_color="#6C757D", line_width=1)
    for key in ("stars", "moderate", "leader", "between"):
        group = [p for p in placed if p["type"] == key]
        if not group:
            continue
        symbol, colour = MARKERS[key]
        fig.add_trace(
            dict(
                type="scatter",
                x=[p["composite"] for p in group],
                y=[p["stars"] for p in group],
                mode="markers",
                name=_(TYPES[key]),
                marker=dict(
                    symbol=symbol,
                    color=colour,
                    size=[14 if p["code"] == highlight else 10 for p in group],
                    line=dict(width=2 if key != "between" else 1.5, color=colour),
                ),
                customdata=[[p["name"], p["type_label"]] for p in group],
                hovertemplate="<b>%{customdata[0]}</b><br>"
                + _("Composite")
                + " %{x:.3f}<br>"
                + _("Stars")
                + " %{y:.0f}<br>%{customdata[1]}<extra></extra>",
            )
        )
    offsets = place_labels(
        [p["composite"] for p in placed],
        [p["stars"] for p in placed],
        [p["code"] for p in placed],
        x_range,
        y_range,
        width,
        height,
        obstacles=captions,
    )
    for p, (ax, ay) in zip(placed, offsets):
        fig.add_annotation(
            x=p["composite"],
            y=p["stars"],
            text=p["code"],
            ax=ax,
            ay=ay,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#ADB5BD",
            name=f"label-{p['code']}",
            font=dict(size=12, color=theme.HIGHLIGHT if p["code"] == highlight else theme.TEXT_COLOUR),
        )
    fig.update_layout(
        template=theme.template(),
        title=title,
        width=FIG4_W,
        height=FIG4_H,
        autosize=False,
        margin=FIG4_MARGIN,
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
        xaxis=dict(title=composite_label, range=x_range, automargin=False, zeroline=False),
        yaxis=dict(title=star_label, range=y_range, automargin=False, zeroline=False),
    )
    return fig


def stars_map(
    df, geojson, title: str, unit: str = "stars", highlight: str | None = None, lang: str = "en"
) -> go.Figure:
    """Total stars by region (df: code, name, value, flag); regions with no judged sector are grey 'no data'
    (hover words in `lang`)."""
    return choropleth(df, geojson, title, unit, decimals=0, year=2015, highlight=highlight, lang=lang)
