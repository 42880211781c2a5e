"""The look in one place: colour-blind-safe palettes, the plotly template, fonts."""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

from i18n import N_, format_number, translator

# Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Up to 12 series side by side (Compare, the explorer's line chart): Okabe-Ito without black (peer average) and
# yellow (faint on white), then six darker hues after Paul Tol; each series also gets its own marker symbol and,
# from the seventh on, a dashed line, so no two series share a colour and symbol even for colour-blind viewers.
SERIES_COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#882255",
    "#117733",
    "#44AA99",
    "#999933",
    "#661100",
]
SERIES_SYMBOLS = [
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "cross",
    "x",
    "star",
    "hexagon",
    "pentagon",
    "triangle-down",
    "hourglass",
    "bowtie",
]

# The same symbols as text, for legend chips outside the charts (Compare's region chips).
SYMBOL_GLYPHS = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "triangle-up": "▲",
    "cross": "✚",
    "x": "✖",
    "star": "★",
    "hexagon": "⬢",
    "pentagon": "⬟",
    "triangle-down": "▼",
    "hourglass": "⧗",
    "bowtie": "⋈",
}


def series_style(i: int) -> dict:
    """Colour, line dash and marker symbol of the i-th of up to 12 series (beyond 12 they cycle)."""
    n = len(SERIES_COLOURS)
    return {
        "colour": SERIES_COLOURS[i % n],
        "symbol": SERIES_SYMBOLS[i % len(SERIES_SYMBOLS)],
        "dash": "solid" if i % n < 6 else "dash",
    }


BLUE, ORANGE, GREEN, PINK, SKY_BLUE, VERMILION, YELLOW, BLACK = OKABE_ITO
REGION_COLOUR, COUNTRY_COLOUR, EU_COLOUR = BLUE, ORANGE, "#555555"
HIGHLIGHT, MUTED = VERMILION, "#B8C2CC"
MISSING_COLOUR = "#D9D9D9"  # regions and cells without data
TEXT_COLOUR = "#212529"  # the charts' text, as the page's
NOTE_COLOUR = "#555555"  # notes and messages written on a chart
GUIDE_COLOUR = "#888888"  # reference lines (a year, a threshold)
# Sequential and diverging scales that stay readable for colour-blind viewers and in greyscale.
SEQUENTIAL = "Cividis"
DIVERGING = [[0.0, "#2166AC"], [0.5, "#F7F7F7"], [1.0, "#B35806"]]  # blue - white - orange, centred
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MISSING_TEXT = N_("no data")

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color=TEXT_COLOUR),
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
pio.templates["eucluster"] = TEMPLATE
# Resolved once as JSON text: figures built without validation (`figure`) carry the template itself, not its name.
_TEMPLATE_JSON = json.dumps(TEMPLATE.to_plotly_json(), cls=PlotlyJSONEncoder)


def template() -> dict:
    """The layout template as plain data (a fresh copy: figures may be changed after they are built)."""
    return json.loads(_TEMPLATE_JSON)


def _titled(value):
    """plotly's validation turns `title="x"` into `title={"text": "x"}`, the only form plotly.js 3 reads."""
    if isinstance(value, dict):
        return {k: ({"text": v} if k == "title" and isinstance(v, str) else _titled(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
        return [_titled(v) for v in value]
    return value


_UNDERSCORED = {"paper_bgcolor", "plot_bgcolor", "error_x", "error_y", "error_z"}


def _nested(props: dict) -> dict:
    """`line_width=0` as plotly's magic underscores read it: {"line": {"width": 0}}, at every depth but the
    template's (the only layout properties with an underscore in their names are in _UNDERSCORED)."""
    out: dict = {}
    for key, value in props.items():
        if isinstance(value, dict) and key != "template":
            value = _nested(value)
        *path, last = [key] if key in _UNDERSCORED else key.split("_")
        node = out
        for part in path:
            node = node.setdefault(part, {})
        node[last] = _merged(node[last], value) if isinstance(node.get(last), dict) else value
    return out


def _merged(old: dict, new: dict) -> dict:
    """`new` merged into `old` as plotly's update does for nested objects."""
    out = dict(old)
    for key, value in new.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


_ARRAYS = {"annotations", "shapes", "images", "sliders", "updatemenus", "selections"}


class _Figure(go.Figure):
    """A figure whose property changes are not validated (see `figure`); titles given as text are wrapped.
    Shapes, annotations and reference lines are appended as plain data (plotly's own methods take 0.2-1.7 ms each)."""

    def _append(self, name: str, item: dict, row=None, col=None):
        if row is not None or col is not None:  # subplot references: plotly's own bookkeeping
            return getattr(super(), f"add_{name[:-1]}")(item, row=row, col=col)
        self.layout[name] = [*self.layout._props.get(name, ()), _titled(_nested(item))]
        return self

    def _update_axes(self, prefix: str, patch, row, col, selector, kwargs):
        if row is not None or col is not None or selector is not None:
            return getattr(super(), f"update_{prefix}es")(patch, selector=selector, row=row, col=col, **kwargs)
        # Every axis of that direction in the layout, the first one always (as plotly's select_xaxes gives them)
        names = ["xaxis" if prefix == "xaxis" else "yaxis"] + [
            k for k in (self.layout._props or {}) if k.startswith(prefix) and k[len(prefix) :].isdigit()
        ]
        change = {**(patch or {}), **kwargs}
        return self.update_layout(dict.fromkeys(dict.fromkeys(names), change))

    def update_xaxes(self, patch=None, selector=None, overwrite=False, row=None, col=None, **kwargs):
        if overwrite:
            return super().update_xaxes(patch, selector, overwrite, row, col, **kwargs)
        return self._update_axes("xaxis", patch, row, col, selector, kwargs)

    def update_yaxes(self, patch=None, selector=None, overwrite=False, row=None, col=None, **kwargs):
        if overwrite:
            return super().update_yaxes(patch, selector, overwrite, row, col, **kwargs)
        return self._update_axes("yaxis", patch, row, col, selector, kwargs)

    def add_shape(self, arg=None, row=None, col=None, **kwargs):
        return self._append("shapes", {**(arg or {}), **kwargs}, row, col)

    def add_annotation(self, arg=None, row=None, col=None, **kwargs):
        return self._append("annotations", {**(arg or {}), **kwargs}, row, col)

    def add_vline(self, x, row=None, col=None, **kwargs):
        if row is not None or col is not None:
            return super().add_vline(x, row=row, col=col, **kwargs)
        return self.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", **kwargs)

    def add_hline(self, y, row=None, col=None, **kwargs):
        if row is not None or col is not None:
            return super().add_hline(y, row=row, col=col, **kwargs)
        return self.add_shape(type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y", **kwargs)

    def add_trace(self, trace, *args, **kwargs):
        return super().add_trace(_titled(_nested(trace)) if isinstance(trace, dict) else trace, *args, **kwargs)

    def update_layout(self, dict1=None, overwrite=False, **kwargs):
        """plotly's merge, done on plain data (its own walks the property tree: ~1 ms a call)."""
        changes = _titled(_nested({**(dict1 or {}), **kwargs}))
        props = self.layout._props or {}
        slow = {}
        for key, value in changes.items():
            old = props.get(key)
            if key in _ARRAYS and old:  # plotly merges arrays element by element: leave that to it
                slow[key] = value
            elif key != "template" and not overwrite and isinstance(value, dict) and isinstance(old, dict):
                self.layout[key] = _merged(old, value)
            else:  # new, replaced, or the template (replaced, not merged into the one the figure was made with)
                self.layout[key] = value
        if slow:
            super().update_layout(slow, overwrite)
        return self


def figure(data=None, layout=None, **kwargs) -> go.Figure:
    """A figure built without plotly's property validation, which is ~90% of a chart's build time. Builders pass
    plain trace dicts (`dict(type="bar", ...)`) and `template()`, so the JSON is what validation would give;
    the browser tests draw every chart."""
    if isinstance(data, dict):
        data = [data]
    # plotly would put its own default template on a figure made without one
    layout = {"template": template(), **_titled(_nested(layout or {}))}
    data = [_titled(_nested(trace)) if isinstance(trace, dict) else trace for trace in data or []]
    return _Figure(data=data, layout=layout, _validate=False, **kwargs)


def format_value(value, decimals: int = 1, unit: str = "", lang: str = "en") -> str:
    """Numbers as people read them in `lang` (37,800 / 37 800); a missing value says so rather than showing 0."""
    if value is None or value != value:  # NaN
        return translator(lang)(MISSING_TEXT)
    text = f"{value:,.{decimals}f}" if lang == "en" else format_number(value, lang, decimals)
    return f"{text} {unit}".strip() if unit else text


def truncate(text, limit: int) -> str:
    """`text` cut to `limit` characters, the cut marked with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def empty_figure(message: str, title: str = "", height: int | None = None) -> go.Figure:
    """A chart that says why it has nothing to draw (never empty axes that read as zero); the message is shown
    as text, even when it quotes data."""
    layout = dict(
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[
            dict(
                text=html.escape(str(message), quote=False),
                x=0.5,
                y=0.5,
                xref="paper",
                yref="paper",
                showarrow=False,
                font=dict(size=15, color=NOTE_COLOUR),
            )
        ],
    )
    if title:
        layout["title"] = title
    if height:
        layout["height"] = height
    return figure(layout=layout)
