"""The look in one place: colour-blind-safe palettes, the plotly template, fonts."""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.utils import to_typed_array_spec
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


# The template every figure made without one carries: shared, never changed in place (test_theme_figure checks).
_TEMPLATE = json.loads(_TEMPLATE_JSON)
_ARRAY_TYPES = (np.ndarray, pd.Series, pd.Index)


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
    """`new` merged into `old` as plotly's update does for nested objects (None unsets a property)."""
    out = dict(old)
    for key, value in new.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = _set(value)
    return out


def _set(value):
    """A property's new value without its unset (None) properties, as plotly stores it: in objects and arrays
    of objects, not in data arrays (a None there is a gap)."""
    if isinstance(value, dict):
        return {k: _set(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], dict):
        return [_set(v) for v in value]
    return value


def _prop(value):
    """A property given by a builder as plotly reads it: magic underscores, titles as text, None as unset."""
    return _set(_titled(_nested(value)))


_ARRAYS = {"annotations", "shapes", "images", "sliders", "updatemenus", "selections"}


def _merged_arrays(old: list, new) -> list:
    """plotly's update of an array of objects that already has items: item by item, the extra new ones appended."""
    new = list(new)
    merged = [_merged(o, n) if isinstance(o, dict) and isinstance(n, dict) else _set(n) for o, n in zip(old, new)]
    return merged + list(old[len(new) :]) + [_set(n) for n in new[len(old) :]]


def _view(value):
    """A figure's plain data read as plotly's objects read (`fig.layout.title.text`, `fig.data[0].x`): dicts as
    attribute views, lists as tuples, an unset property as None."""
    if isinstance(value, dict):
        return Props(value)
    if isinstance(value, list):
        return tuple(Props(v) if isinstance(v, dict) else v for v in value)
    return value


class Props:
    """Attribute access to a plain dict of a figure (read: what plotly's objects give; write: by item)."""

    __slots__ = ("_props",)

    def __init__(self, props: dict):
        self._props = props

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _view(self._props.get(name))

    def __getitem__(self, name: str):
        return _view(self._props[name])

    def __setitem__(self, name: str, value) -> None:
        self._props[name] = value

    def __contains__(self, name: str) -> bool:
        return name in self._props

    def __eq__(self, other) -> bool:
        return self._props == (other._props if isinstance(other, Props) else other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Props({self._props!r})"

    def to_plotly_json(self) -> dict:
        return self._props


def _exported(value):
    """`value` with numpy and pandas arrays held in dicts as plotly.js typed arrays (base64), as plotly's
    `to_plotly_json` sends them; new dicts and lists along the way, the figure's own data is left as it is.
    Lists whose first item is a plain value are taken as arrays of plain values and passed as they are."""
    if isinstance(value, dict):
        return {
            k: (
                v
                if k in _NOT_TYPED
                else to_typed_array_spec(v)
                if isinstance(v, _ARRAY_TYPES)
                else _exported(v)
                if isinstance(v, (dict, list, tuple))
                else v
            )
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (dict, list, tuple)):
        return [_exported(v) if isinstance(v, (dict, list, tuple)) else v for v in value]
    return value


_NOT_TYPED = {"geojson", "layer", "layers", "range"}  # as plotly's is_skipped_key


class Figure:
    """A chart as plain data: `data` (a list of trace dicts) and `layout` (a dict), changed with the few methods of
    plotly's go.Figure the builders use, merged as plotly merges, never validated nor copied. Read in tests as
    plotly's objects are (`fig.data[0].x`, `fig.layout.title.text`); `to_plotly_json()` gives the data Dash sends
    (numpy arrays as typed arrays, as plotly gives them). The layout's template is the theme's shared one unless
    the builder gives another: never change it in place."""

    __slots__ = ("_data", "_layout")

    def __init__(self, data: list, layout: dict):
        self._data, self._layout = data, layout

    @property
    def data(self) -> tuple:
        return tuple(Props(t) for t in self._data)

    @property
    def layout(self) -> Props:
        return Props(self._layout)

    def to_plotly_json(self) -> dict:
        return {"data": _exported(self._data), "layout": _exported(self._layout)}

    to_dict = to_plotly_json

    def _no_subplots(self, row, col, selector=None) -> None:
        if row is not None or col is not None or selector is not None:
            raise NotImplementedError("theme.figure has no subplot grid: place traces with their axis names")

    def add_trace(self, trace: dict, row=None, col=None, **kwargs):
        self._no_subplots(row, col)
        self._data.append(_prop({**trace, **kwargs}))
        return self

    def add_traces(self, traces):
        for trace in traces:
            self.add_trace(trace)
        return self

    def _append(self, name: str, item: dict):
        self._layout[name] = [*self._layout.get(name, ()), _prop(item)]
        return self

    def add_shape(self, arg=None, row=None, col=None, **kwargs):
        self._no_subplots(row, col)
        return self._append("shapes", {**(arg or {}), **kwargs})

    def add_annotation(self, arg=None, row=None, col=None, **kwargs):
        self._no_subplots(row, col)
        return self._append("annotations", {**(arg or {}), **kwargs})

    def add_vline(self, x, row=None, col=None, **kwargs):
        self._no_subplots(row, col)
        return self.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", **kwargs)

    def add_hline(self, y, row=None, col=None, **kwargs):
        self._no_subplots(row, col)
        return self.add_shape(type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y", **kwargs)

    def _update_subplots(self, first: str, prefix: str, patch, row, col, selector, overwrite, kwargs):
        """Every subplot of that kind in the layout, the first one always (as plotly's select_xaxes gives them)."""
        self._no_subplots(row, col, selector)
        names = [first] + [k for k in self._layout if k.startswith(prefix) and k[len(prefix) :].isdigit()]
        change = {**(patch or {}), **kwargs}
        return self.update_layout(dict.fromkeys(dict.fromkeys(names), change), overwrite=overwrite)

    def update_xaxes(self, patch=None, selector=None, overwrite=False, row=None, col=None, **kwargs):
        return self._update_subplots("xaxis", "xaxis", patch, row, col, selector, overwrite, kwargs)

    def update_yaxes(self, patch=None, selector=None, overwrite=False, row=None, col=None, **kwargs):
        return self._update_subplots("yaxis", "yaxis", patch, row, col, selector, overwrite, kwargs)

    def update_geos(self, patch=None, selector=None, overwrite=False, row=None, col=None, **kwargs):
        return self._update_subplots("geo", "geo", patch, row, col, selector, overwrite, kwargs)

    def update_layout(self, dict1=None, overwrite=False, **kwargs):
        """plotly's merge, on plain data: objects merged key by key, arrays of objects item by item, the rest (and
        the template, which replaces the one the figure was made with) replaced."""
        changes = _titled(_nested({**(dict1 or {}), **kwargs}))
        layout = self._layout
        for key, value in changes.items():
            old = layout.get(key)
            if value is None:
                layout.pop(key, None)
            elif overwrite or key == "template":
                layout[key] = _set(value)
            elif key in _ARRAYS and old and isinstance(value, (list, tuple)):
                layout[key] = _merged_arrays(old, value)
            elif isinstance(value, dict) and isinstance(old, dict):
                layout[key] = _merged(old, value)
            else:
                layout[key] = _set(value)
        return self


def figure(data=None, layout=None) -> Figure:
    """A figure as plain data, built without plotly's property validation and objects (which were most of a
    chart's build time). Builders pass plain trace dicts (`dict(type="bar", ...)`, `marker_color=...` as plotly's
    magic underscores read it, titles as text), so the JSON is what validation would give (tests/unit/
    test_theme_figure.py); the browser tests draw every chart."""
    if isinstance(data, dict):
        data = [data]
    # plotly would put its own default template on a figure made without one: the theme's, shared, instead
    layout = {"template": _TEMPLATE, **_prop(layout or {})}
    return Figure([_prop(trace) for trace in data or []], layout)


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


def empty_figure(message: str, title: str = "", height: int | None = None) -> Figure:
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
