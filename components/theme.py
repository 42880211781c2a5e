"""The look in one place: colour-blind-safe palettes, the plotly template, fonts."""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Up to 12 series side by side (Compare, the explorer's line chart): Okabe-Ito without black (peer average) and
# yellow (faint on white), then six darker hues after Paul Tol; each series also gets its own marker symbol and,
# from the seventh on, a dashed line, so no two series share a colour and symbol even for colour-blind viewers.
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                  "#332288", "#882255", "#117733", "#44AA99", "#999933", "#661100"]
SERIES_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon", "pentagon",
                  "triangle-down", "hourglass", "bowtie"]

# The same symbols as text, for legend chips outside the charts (Compare's region chips).
SYMBOL_GLYPHS = {"circle": "●", "square": "■", "diamond": "◆", "triangle-up": "▲", "cross": "✚", "x": "✖",
                 "star": "★", "hexagon": "⬢", "pentagon": "⬟", "triangle-down": "▼", "hourglass": "⧗",
                 "bowtie": "⋈"}


def series_style(i: int) -> dict:
    """Colour, line dash and marker symbol of the i-th of up to 12 series (beyond 12 they cycle)."""
    n = len(SERIES_COLOURS)
    return {"colour": SERIES_COLOURS[i % n], "symbol": SERIES_SYMBOLS[i % len(SERIES_SYMBOLS)],
            "dash": "solid" if i % n < 6 else "dash"}


REGION_COLOUR, COUNTRY_COLOUR, EU_COLOUR = "#0072B2", "#E69F00", "#555555"
HIGHLIGHT, MUTED = "#D55E00", "#B8C2CC"
# Sequential and diverging scales that stay readable for colour-blind viewers and in greyscale.
SEQUENTIAL = "Cividis"
DIVERGING = [[0.0, "#2166AC"], [0.5, "#F7F7F7"], [1.0, "#B35806"]]  # blue - white - orange, centred
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MISSING_TEXT = "no data"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color="#212529"),
        colorway=OKABE_ITO,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=50, b=10),
        title=dict(x=0.01, xanchor="left", font=dict(size=16)),
        hoverlabel=dict(font=dict(family=FONT, size=13)),
        xaxis=dict(gridcolor="#E9ECEF", zerolinecolor="#ADB5BD", automargin=True),
        yaxis=dict(gridcolor="#E9ECEF", zerolinecolor="#ADB5BD", automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )
)
# Presentation mode: larger text, higher contrast, for screen sharing.
PRESENT_TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=20, color="#000000"),
        colorway=OKABE_ITO,
        title=dict(font=dict(size=24)),
        xaxis=dict(gridcolor="#BFBFBF", tickfont=dict(size=18)),
        yaxis=dict(gridcolor="#BFBFBF", tickfont=dict(size=18)),
    )
)
pio.templates["eucluster"] = TEMPLATE
pio.templates["eucluster_present"] = PRESENT_TEMPLATE


def template(present: bool = False) -> str:
    return "eucluster+eucluster_present" if present else "eucluster"


def format_value(value, decimals: int = 1, unit: str = "") -> str:
    """Numbers as people read them; a missing value says so rather than showing 0 or nan."""
    if value is None or value != value:  # NaN
        return MISSING_TEXT
    text = f"{value:,.{decimals}f}"
    return f"{text} {unit}".strip() if unit else text
