"""Figures of the Rankings page: ranked bars, composite contributions and rank sensitivity.

All take the rows to show (`data.ranking.shown_rows`, or `shown_columns`: code, name, rank, value, marked,
gap_before), read column by column (a DataFrame or a dict of lists), so the three charts list the same regions
in the same order. Selected regions are drawn in the highlight colour, in bold and under their own legend entry
(never colour alone).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from components import theme
from i18n import ntranslator, translator

ROW_HEIGHT = 24
GAP_MARK = "\u22ef"  # midline ellipsis
PATTERNS = ["", "/", "x", ".", "\\", "+", "-", "|"]


NAME_MAX = 34


def region_label(row) -> str:
    return _label(row["rank"], row["name"], row["code"], row.get("marked"))


def _label(rank, name, code, marked) -> str:
    text = f"{rank}. {theme.truncate(name, NAME_MAX)} ({code})"
    return f"<b>\u25b6 {text}</b>" if marked else text


def _gap_label(count: int, i: int, lang: str = "en") -> str:
    # Zero-width spaces keep two gaps of the same size distinct categories.
    ngettext = ntranslator(lang)
    text = ngettext("{count} region not shown", "{count} regions not shown", count).format(count=count)
    return f"{GAP_MARK} {text} {GAP_MARK}" + "\u200b" * i


def _column(rows, name: str, default) -> list:
    """A column of `rows` (a DataFrame or a dict of lists) as a list; `default` for each row where it is absent."""
    return list(rows[name]) if name in rows else [default] * len(rows["code"])


def _categories(rows, lang: str = "en") -> tuple[list[str], list[str], list[str]]:
    """(all categories in order, labels of the rows, gap labels)."""
    order, labels, gaps = [], [], []
    columns = (_column(rows, c, d) for c, d in (("rank", None), ("name", None), ("code", None), ("marked", None)))
    for gap, (rank, name, code, marked) in zip(_column(rows, "gap_before", 0), zip(*columns)):
        if gap > 0:
            label = _gap_label(int(gap), len(gaps), lang)
            gaps.append(label)
            order.append(label)
        label = _label(rank, name, code, marked)
        labels.append(label)
        order.append(label)
    return order, labels, gaps


def _height(n_categories: int, extra: int = 130) -> int:
    return max(260, extra + ROW_HEIGHT * n_categories)


def _layout(order, title, xaxis_title, **extra) -> dict:
    """One layout dict for the three charts (a figure built in one go: much faster than step by step)."""
    layout = dict(
        template=theme.template(),
        title=dict(text=title),
        height=_height(len(order)),
        margin=dict(l=10, r=30, t=80, b=40),
        bargap=0.25,
        hovermode="closest",
        yaxis=dict(
            categoryorder="array",
            categoryarray=order,
            autorange="reversed",
            type="category",
            title=None,
            automargin=True,
            tickmode="array",
            tickvals=order,  # every category labelled (the labels are the categories: no ticktext copy)
        ),
        xaxis=dict(title=dict(text=xaxis_title), automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = layout[key] | value
        else:
            layout[key] = value
    return layout


def _gap_trace(gaps, kind="bar"):
    if kind == "bar":
        return dict(
            type="bar",
            y=gaps,
            x=[0] * len(gaps),
            orientation="h",
            marker=dict(color="rgba(0,0,0,0)"),
            hoverinfo="skip",
            showlegend=False,
            name="not shown",
        )
    return dict(type="scatter", y=gaps, x=[None] * len(gaps), mode="markers", showlegend=False, hoverinfo="skip")


def ranked_bars(
    rows, title: str, unit: str, decimals: int = 1, reference: tuple | None = None, lang: str = "en"
) -> go.Figure:
    """Horizontal bars of `rows` in rank order (rank 1 at the top), selected regions marked.

    `reference` = (value, label), e.g. the EU27 value, drawn as a dashed line. `title` and `unit` come translated.
    """
    _ = translator(lang)
    order, labels, gaps = _categories(rows, lang)
    fmt = f",.{decimals}f"
    hover = (
        "<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
        + _("rank")
        + " %{customdata[2]}<br>%{x:"
        + fmt
        + "} "
        + unit.replace("%", "%%")
        + "<br>%{customdata[3]}<extra></extra>"
    )
    is_marked = [bool(m) for m in _column(rows, "marked", False)]
    flags = ["" if f is None or f != f else f for f in _column(rows, "flag_text", "")]
    columns = list(zip(labels, rows["value"], rows["name"], rows["code"], rows["rank"], flags))
    data = []
    series = ((False, _("Regions"), theme.REGION_COLOUR), (True, _("Selected regions"), theme.HIGHLIGHT))
    for marked, name, colour in series:
        part = [row for row, m in zip(columns, is_marked) if m == marked]
        if not part:
            continue
        label, value, names, codes, ranks, flag = zip(*part)
        data.append(
            dict(
                type="bar",
                y=list(label),
                x=np.array(value, dtype="float64"),
                orientation="h",
                name=name,
                marker=dict(color=colour),
                textfont=dict(size=11),
                text=[theme.format_value(v, decimals, lang=lang) for v in value],
                textposition="outside",
                cliponaxis=False,
                customdata=np.array([names, codes, [str(r) for r in ranks], flag], dtype=object).T,
                hovertemplate=hover,
            )
        )
    if gaps:
        data.append(_gap_trace(gaps))
    extra = {"showlegend": any(is_marked)}
    values = np.array(rows["value"], dtype="float64")
    values = values[np.isfinite(values)]
    if len(values) and values.min() >= 0:
        # Positive values: the axis starts at 0 (never a negative tick, e.g. "-50k" on a phone) and leaves room
        # for the value written after the longest bar, so plotly need not shrink or clip it.
        top = max(values.max(), reference[0] if reference is not None and reference[0] == reference[0] else 0)
        extra["xaxis"] = {"range": [0, top * 1.18 if top > 0 else 1], "rangemode": "nonnegative"}
    if reference is not None and reference[0] == reference[0]:
        extra["shapes"] = [
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=reference[0],
                x1=reference[0],
                y0=0,
                y1=1,
                line=dict(dash="dash", color=theme.EU_COLOUR, width=1.5),
            )
        ]
        extra["annotations"] = [
            dict(
                xref="x",
                yref="paper",
                x=reference[0],
                y=1,
                yanchor="bottom",
                showarrow=False,
                text=f"{_(reference[1])}: {theme.format_value(reference[0], decimals, lang=lang)}",
                font=dict(size=12),
            )
        ]
    return theme.figure(data=data, layout=_layout(order, title, unit, **extra))


def contribution_bars(rows, contributions, labels: dict, title: str, decimals: int = 3, lang: str = "en") -> go.Figure:
    """Stacked bars: each region's composite split into its indicators' contributions (rows' order);
    `contributions`: indicator -> {code: contribution} (a dict of dicts, or a DataFrame indexed by code)."""
    _ = translator(lang)
    order, region_labels, gaps = _categories(rows, lang)
    # The regions' codes are the categories, their labels the tick texts (sent once): each indicator's trace then
    # repeats a code per bar, not a label (14 indicators x 59 bars of ~40 characters were 37 KB of the answer).
    codes = [str(c) for c in rows["code"]]
    by_label = dict(zip(region_labels, codes))
    categories = [by_label.get(c, c) for c in order]
    data = []
    for i, indicator in enumerate(contributions):
        name = labels.get(indicator, indicator)
        column = contributions[indicator]  # code -> contribution (a dict or a Series)
        data.append(
            dict(
                type="bar",
                y=codes,
                x=np.array([column.get(code, np.nan) for code in rows["code"]], dtype="float64"),
                orientation="h",
                name=name,
                marker=dict(
                    color=theme.OKABE_ITO[i % len(theme.OKABE_ITO)],
                    pattern=dict(shape=PATTERNS[(i // len(theme.OKABE_ITO)) % len(PATTERNS)]),
                ),
                # The region's code and the trace's name: nothing repeated per bar but the code.
                hovertemplate="<b>%{y}</b><br>%{fullData.name}: %{x:." + str(decimals) + "f}<extra></extra>",
            )
        )
    if gaps:
        data.append(_gap_trace(gaps))
    layout = _layout(categories, title, _("contribution to the composite score"), barmode="relative", showlegend=True)
    layout["yaxis"] = layout["yaxis"] | {"ticktext": order}
    return theme.figure(data=data, layout=layout)


def sensitivity_chart(rows, title: str, total: int, lang: str = "en") -> go.Figure:
    """Each region's rank under the chosen weights, median rank and 5-95% band under perturbed weights.

    `rows`: code, name, rank, median, low, high, marked, gap_before (in rank order).
    """
    _ = translator(lang)
    order, labels, gaps = _categories(rows, lang)
    low, high, median = (np.array(rows[c], dtype="float64") for c in ("low", "high", "median"))
    custom = np.array(
        [list(rows["name"])] + [[str(v) for v in rows[c]] for c in ("rank", "median", "low", "high")], dtype=object
    ).T
    data = [
        dict(
            type="scatter",
            y=labels,
            x=median,
            mode="markers",
            name=_("Median rank, with 5-95% band"),
            marker=dict(color=theme.REGION_COLOUR, size=9, symbol="circle"),
            error_x=dict(
                type="data",
                symmetric=False,
                array=high - median,
                arrayminus=median - low,
                color=theme.REGION_COLOUR,
                thickness=2.5,
                width=4,
            ),
            customdata=custom,
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("rank with your weights: {rank}<br>median rank: {median}<br>5-95%% band: {low} to {high}").format(
                rank="%{customdata[1]}", median="%{customdata[2]}", low="%{customdata[3]}", high="%{customdata[4]}"
            )
            + "<extra></extra>",
        ),
        dict(
            type="scatter",
            y=labels,
            x=np.array(rows["rank"], dtype="float64"),
            mode="markers",
            name=_("Rank with your weights"),
            hoverinfo="skip",
            marker=dict(color=theme.HIGHLIGHT, size=10, symbol="diamond-open", line=dict(width=2)),
        ),
    ]
    if gaps:
        data.append(_gap_trace(gaps, "scatter"))
    return theme.figure(
        data=data,
        layout=_layout(
            order, title, _("rank (1 = best)"), showlegend=True, xaxis=dict(range=[0, total + 1], zeroline=False)
        ),
    )


empty_figure = theme.empty_figure  # the name the Rankings callbacks use
