"""The indicator explorer's line chart: chosen regions in their series styles, their countries dotted, the EU27
dashed; Eurostat's breaks in series and values flagged by a plausibility check marked on the points.
Plain trace dicts through theme.figure; gaps stay gaps."""

from __future__ import annotations

import plotly.graph_objects as go

from components import theme
from i18n import N_, translator

MARK_STYLES = {
    "break": dict(name=N_("Break in time series (Eurostat flag b)"), symbol="diamond-open", colour=theme.BLACK),
    "suspect": dict(name=N_("⚠ Flagged by a plausibility check"), symbol="triangle-up-open", colour=theme.HIGHLIGHT),
}


def year_line(x, colour=theme.GUIDE_COLOUR, dash="dot") -> dict:
    return dict(
        type="line", xref="x", yref="y domain", x0=x, x1=x, y0=0, y1=1, line=dict(color=colour, dash=dash, width=1)
    )


def mark_traces(marks: list[dict], lang: str = "en") -> tuple[list[dict], list[dict]]:
    """marks: [{kind: 'break' | 'suspect', year, value, text}] as large open markers on the points (one legend
    entry per kind in `lang`, the text on hover) and, for a break, a faint vertical line at its year:
    (traces, shapes)."""
    _ = translator(lang)
    marks = [m for m in marks if m.get("value") is not None and m["value"] == m["value"]]
    traces, shapes = [], []
    for kind, style in MARK_STYLES.items():
        part = [m for m in marks if m["kind"] == kind]
        if not part:
            continue
        traces.append(
            dict(
                type="scatter",
                x=[m["year"] for m in part],
                y=[float(m["value"]) for m in part],
                mode="markers",
                name=_(style["name"]),
                meta=kind,
                marker=dict(size=15, symbol=style["symbol"], color=style["colour"], line=dict(width=2)),
                hovertext=[m["text"] for m in part],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        if kind == "break":
            shapes += [year_line(y, theme.BLACK, "dashdot") for y in sorted({m["year"] for m in part})]
    return traces, shapes


def explorer_lines(
    df,
    title: str,
    axis_title: str,
    decimals: int,
    log: bool = False,
    base: int | None = None,
    marks: list[dict] | None = None,
    mark_year: int | None = None,
    lang: str = "en",
) -> go.Figure:
    """df: rows (code, name, kind, year, shown, flag) from data.explore.transform; `marks` as in `mark_traces`
    (placed at the shown values); `mark_year` a reference year drawn as a faint vertical line. The legend's
    words and the empty chart's message in `lang` (`title` and `axis_title` come in it)."""
    _ = translator(lang)
    fig_data = []
    colour_of = {}
    regions = list(dict.fromkeys(df.loc[df["kind"] == "region", "code"]))
    for i, code in enumerate(regions):
        colour_of[code[:2]] = colour_of.get(code[:2], theme.series_style(i)["colour"])
    fmt = f",.{decimals}f"
    for code, part in df.groupby("code", sort=False):
        kind = part["kind"].iloc[0]
        name = f"{part['name'].iloc[0]} ({code})" if kind != "eu" else _("EU27")
        if kind == "region":
            style = theme.series_style(regions.index(code))
            line = dict(color=style["colour"], dash=style["dash"], width=2.5)
            marker = dict(symbol=style["symbol"], size=8, color=style["colour"])
            mode = "lines+markers"
        elif kind == "country":
            line = dict(color=colour_of.get(code, theme.COUNTRY_COLOUR), dash="dot", width=2)
            marker, mode, name = None, "lines", _("{region}, country").format(region=name)
        else:
            line = dict(color=theme.EU_COLOUR, dash="dash", width=3)
            marker, mode = None, "lines"
        fig_data.append(
            dict(
                type="scatter",
                x=part["year"].tolist(),
                y=[None if v != v else float(v) for v in part["shown"]],
                name=name,
                mode=mode,
                line=line,
                **({"marker": marker} if marker else {}),
                connectgaps=False,
                customdata=part["flag"].tolist(),
                hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{y:{fmt}}} %{{customdata}}<extra></extra>",
            )
        )
    mark_data, shapes = mark_traces(marks or [], lang) if fig_data else ([], [])
    layout = dict(
        template=theme.template(),
        title=title,
        hovermode="x unified",
        # Every year while few; else plotly's own spacing, which follows the chart's width (a phone's too).
        xaxis=dict(title=None, tickformat="d", **({"dtick": 1} if df["year"].nunique() <= 8 else {})),
        yaxis=dict(title=axis_title, type="log" if log else "linear", zeroline=base is not None),
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
        margin=dict(l=10, r=10, t=80 if "<br>" in title else 60, b=10),
    )
    if base is not None:
        shapes.append(year_line(base))
    if mark_year is not None and mark_year != base:
        shapes.append(year_line(mark_year))
    if shapes:
        layout["shapes"] = shapes
    if not fig_data:
        layout["annotations"] = [
            dict(text=_("No data for this choice."), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
        ]
    return theme.figure(data=fig_data + mark_data, layout=layout)
