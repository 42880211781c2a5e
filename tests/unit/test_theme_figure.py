"""theme.figure skips plotly's validation: its JSON must be what a validated go.Figure gives for the same calls."""

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from components import theme


def _json(fig):
    return json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))


def _larger_text() -> dict:
    """The theme's template with larger text: a second template that replaces the first."""
    larger = theme.template()
    larger["layout"]["font"]["size"] = 20
    return larger


def _build(make, trace):
    fig = make(
        data=[
            trace(
                type="bar",
                x=["a", "b"],
                y=[1, 2],
                marker_line_width=0,
                marker=dict(color=["#000", "#111"], line_color="red"),
                error_x=dict(array=[1, 1]),
                text=None,  # unset: not sent
                customdata=np.array([3, 4]),  # typed arrays (base64), as plotly sends numpy and pandas arrays
                hovertext=pd.Series(["p", "q"]),
            )
        ],
        layout=dict(template=theme.template(), title="Title", xaxis=dict(title="x", domain=[0, 0.5])),
    )
    fig.add_trace(trace(type="scatter", x=[1], y=[2], mode="markers", name="s", marker_symbol="x"))
    fig.add_shape(type="rect", x0=0, x1=1, y0=0, y1=1, line_width=0, fillcolor="red", layer="below")
    fig.add_annotation(text="note", x=0, y=1, xref="paper", yref="paper", showarrow=False, font_size=11)
    fig.add_vline(x=1, line_dash="dot", line_color="#6C757D", line_width=1)
    fig.add_hline(y=2, line_dash="dash")
    fig.update_layout(
        template=_larger_text(),
        legend=dict(title="Owner", orientation="h"),
        height=300,
        xaxis_title_text="x axis",
        yaxis_visible=False,
        paper_bgcolor="white",
        margin=dict(l=1, r=2),
    )
    fig.update_layout(xaxis=dict(range=[0, 1]), title=dict(x=0.1))
    fig.update_xaxes(title_text="changed")
    fig.update_layout(xaxis2=dict(domain=[0.6, 1]))
    fig.update_xaxes(tickangle=-30, showgrid=False)
    fig.update_yaxes(categoryorder="array", categoryarray=["b", "a"], title=None)
    fig.update_layout(annotations=[dict(text="first note changed")], yaxis=dict(title=dict(text=None)))
    fig.add_trace(trace(type="choropleth", locations=["FR"], z=[1.5], geojson="/geo/nuts0.geojson"))
    fig.update_geos(visible=False, projection_type="mercator", lataxis_range=[34, 71])
    fig.update_geos(fitbounds="locations")
    return fig


def test_unvalidated_figure_gives_the_validated_json():
    fast = _json(_build(theme.figure, dict))
    slow = _json(
        _build(
            go.Figure,
            lambda type, **kw: {"bar": go.Bar, "scatter": go.Scatter, "choropleth": go.Choropleth}[type](**kw),
        )
    )
    assert fast == slow
    assert "text" not in fast["data"][0] and fast["data"][0]["customdata"]["bdata"]
    assert (
        fast["layout"]["annotations"][0]["text"] == "first note changed" and fast["layout"]["geo"]["visible"] is False
    )
    assert fast["layout"]["title"] == {"text": "Title", "x": 0.1}
    assert fast["layout"]["template"]["layout"]["font"]["size"] == 20  # the second template replaced the first


def test_template_is_data_and_a_fresh_copy():
    one, two = theme.template(), theme.template()
    assert one == two and one is not two and one["layout"]["colorway"] == theme.OKABE_ITO


def test_figures_share_the_template_and_never_change_it():
    pristine = theme.template()
    one, two = theme.figure(), theme.figure(layout=dict(title="t"))
    one.update_layout(font=dict(size=30), xaxis_title="x")
    exported = one.to_plotly_json()
    exported["layout"]["template"]["layout"]["font"]["size"] = 99  # what a caller may do with the data it gets
    assert two.to_plotly_json()["layout"]["template"] == pristine == theme._TEMPLATE


def test_figure_reads_as_plotly_objects():
    fig = theme.figure(
        [dict(type="bar", x=[1, 2], y=["a", "b"], marker_color="red")], dict(title="T", yaxis_autorange="reversed")
    )
    fig.add_annotation(text="n", x=0, y=0)
    bar = fig.data[0]
    assert bar.type == "bar" and bar.x == (1, 2) and bar.marker.color == "red" and bar.name is None
    assert fig.layout.title.text == "T" and fig.layout.yaxis.autorange == "reversed" and fig.layout.height is None
    assert [a.text for a in fig.layout.annotations] == ["n"]
    fig.layout["meta"] = {"csv": 1}  # components.chart_card.with_csv
    assert fig.to_plotly_json()["layout"]["meta"] == {"csv": 1}
