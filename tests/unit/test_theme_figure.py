"""theme.figure skips plotly's validation: its JSON must be what a validated go.Figure gives for the same calls."""

import json

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from components import theme


def _json(fig):
    def clean(x):
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if v is not None and v != {}}  # both mean "not set"
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return clean(json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder)))


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
    return fig


def test_unvalidated_figure_gives_the_validated_json():
    fast = _json(_build(theme.figure, dict))
    slow = _json(_build(go.Figure, lambda type, **kw: {"bar": go.Bar, "scatter": go.Scatter}[type](**kw)))
    assert fast == slow
    assert fast["layout"]["title"] == {"text": "Title", "x": 0.1}
    assert fast["layout"]["template"]["layout"]["font"]["size"] == 20  # the second template replaced the first


def test_template_is_data_and_a_fresh_copy():
    one, two = theme.template(), theme.template()
    assert one == two and one is not two and one["layout"]["colorway"] == theme.OKABE_ITO
