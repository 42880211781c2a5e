"""The indicator explorer's line chart: chosen regions in their series styles, their countries dotted, the EU27
dashed. plotly.graph_objects only; gaps stay gaps."""

from __future__ import annotations

import plotly.graph_objects as go

from components import theme


def explorer_lines(
    df, title: str, axis_title: str, decimals: int, log: bool = False, base: int | None = None
) -> go.Figure:
    """df: rows (code, name, kind, year, shown, flag) from data.explore.transform."""
    fig_data = []
    colour_of = {}
    regions = list(dict.fromkeys(df.loc[df["kind"] == "region", "code"]))
    for i, code in enumerate(regions):
        colour_of[code[:2]] = colour_of.get(code[:2], theme.series_style(i)["colour"])
    fmt = f",.{decimals}f"
    for code, part in df.groupby("code", sort=False):
        kind = part["kind"].iloc[0]
        name = f"{part['name'].iloc[0]} ({code})" if kind != "eu" else "EU27"
        if kind == "region":
            style = theme.series_style(regions.index(code))
            line = dict(color=style["colour"], dash=style["dash"], width=2.5)
            marker = dict(symbol=style["symbol"], size=8, color=style["colour"])
            mode = "lines+markers"
        elif kind == "country":
            line = dict(color=colour_of.get(code, theme.COUNTRY_COLOUR), dash="dot", width=2)
            marker, mode, name = None, "lines", f"{name}, country"
        else:
            line = dict(color=theme.EU_COLOUR, dash="dash", width=3)
            marker, mode = None, "lines"
        fig_data.append(
            go.Scatter(
                x=part["year"].tolist(),
                y=[None if v != v else float(v) for v in part["shown"]],
                name=name,
                mode=mode,
                line=line,
                marker=marker,
                connectgaps=False,
                customdata=part["flag"].tolist(),
                hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{y:{fmt}}} %{{customdata}}<extra></extra>",
            )
        )
    layout = dict(
        template=theme.template(),
        title=title,
        hovermode="x unified",
        xaxis=dict(title=None, dtick=1, tickformat="d"),
        yaxis=dict(title=axis_title, type="log" if log else "linear", zeroline=base is not None),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(l=10, r=10, t=60, b=10),
    )
    if base is not None:
        layout["shapes"] = [
            dict(
                type="line",
                xref="x",
                yref="y domain",
                x0=base,
                x1=base,
                y0=0,
                y1=1,
                line=dict(color=theme.GUIDE_COLOUR, dash="dot", width=1),
            )
        ]
    if not fig_data:
        layout["annotations"] = [
            dict(text="No data for this choice.", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
        ]
    return go.Figure(data=fig_data, layout=layout)
