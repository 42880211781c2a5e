"""Choropleth maps of NUTS regions (offline: no tiles, no topojson from a CDN)."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from components import theme
from data.queries import flag_text


def boundaries_url(level: int, version: str) -> str:
    """Where the browser fetches a level's boundaries; the data version in the query string makes a rebuilt
    file a new URL, so browsers never keep stale boundaries (the file itself is cached a day)."""
    import dash

    return dash.get_relative_path(f"/geo/nuts{int(level)}.geojson") + f"?v={version}"


def choropleth(df, geojson: dict | str, title: str, unit: str, decimals: int = 1, year: int | None = None,
               colorscale=theme.SEQUENTIAL, zmid: float | None = None, present: bool = False,
               highlight: str | None = None) -> go.Figure:
    """Map `df` (code, name, value, flag) onto the GeoJSON features whose `id` is the NUTS code.

    `geojson` is the GeoJSON itself or, better for the app, the URL the browser fetches it from once.

    Regions with a missing value are drawn in grey and say 'no data' on hover, never a colour for 0.
    """
    has_value = df["value"].notna()
    fmt = f",.{decimals}f"
    flags = df["flag"].map(flag_text) if "flag" in df else ""
    known = df[has_value]
    missing = df[~has_value]
    hover = "<b>%{customdata[0]}</b> (%{location})<br>%{z:" + fmt + "} " + unit.replace("%", "%%") \
        + f"<br>{year if year is not None else ''} %{{customdata[1]}}<extra></extra>"
    fig = go.Figure()
    if len(missing):
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="id", locations=missing["code"], z=np.zeros(len(missing)),
            customdata=np.stack([missing["name"], ["no data"] * len(missing)], axis=-1),
            colorscale=[[0, "#D9D9D9"], [1, "#D9D9D9"]], showscale=False, name="no data", meta="missing",
            hovertemplate="<b>%{customdata[0]}</b> (%{location})<br>no data<extra></extra>",
            marker_line_color="white", marker_line_width=0.4,
        ))
    fig.add_trace(go.Choropleth(
        geojson=geojson, featureidkey="id", locations=known["code"], z=known["value"],
        customdata=np.stack([known["name"], flags[has_value] if len(known) else []], axis=-1) if len(known) else None,
        colorscale=colorscale, zmid=zmid, name=title, hovertemplate=hover,
        marker_line_color="white", marker_line_width=0.4,
        colorbar=dict(title=dict(text=unit, side="right"), thickness=14, len=0.8),
    ))
    if highlight and highlight in set(df["code"]):
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="id", locations=[highlight], z=[0],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
            marker_line_color=theme.HIGHLIGHT, marker_line_width=2.5, hoverinfo="skip", name="selected",
        ))
    fig.update_geos(
        visible=False, fitbounds=False, projection_type="mercator",
        lataxis_range=[34, 72], lonaxis_range=[-25, 45],
    )
    fig.update_layout(template=theme.template(present), title=title, margin=dict(l=0, r=0, t=50, b=0),
                      dragmode=False, showlegend=False)
    return fig
