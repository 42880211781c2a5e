"""Figures of the policy and cluster pages: pure builders (tidy inputs -> go.Figure), graph_objects only."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from components import theme
from components.chart_card import with_csv
from data.chart_data import drawn
from data.policy import NOT_NAMED, NOT_STATED
from i18n import N_, format_percent, translator

TICK, NO_TICK = theme.BLUE, "#EEF1F4"
# How a level of the state of play is known (the table's `basis`), as the chart says it.
BASIS_TEXT = {"stated": N_("stated in the text"), "derived": N_("derived from dates in the text")}
BASIS_WORD = {"stated": N_("stated"), "derived": N_("derived")}  # the same, in the CSV
STATE_STATED, STATE_DERIVED = theme.BLUE, theme.SKY_BLUE


def esc(text) -> str:
    """Plotly reads a few HTML tags in labels: data strings are escaped so they show as text."""
    return html.escape("" if text is None else str(text), quote=False)


def wrap(text, width: int = 28) -> str:
    return "<br>".join(esc(line) for line in textwrap.wrap(str(text), width)) or ""


empty_figure = theme.empty_figure  # the name the Policy callbacks use


# --- recommendations matrix ------------------------------------------------------------------------------------


def _matrix_cells(matrix, z: list, lang: str = "en") -> pd.DataFrame:
    """One row per cell, type by type (the rows of `z`, the ticks as 0/1), for the chart's CSV."""
    _ = translator(lang)
    n = len(matrix.regions)
    return pd.DataFrame(
        {
            "what": np.repeat([_("Recommended: {support}").format(support=t) for t in matrix.support_types], n),
            "code": np.tile(matrix.regions["region_code"].to_numpy(dtype=object), len(z)),
            "name": np.tile(matrix.regions["region"].to_numpy(dtype=object), len(z)),
            "value": np.array(z, dtype="int64").reshape(-1),
        }
    )


def recommendations_matrix(matrix, title: str, highlight: str | None = None, lang: str = "en") -> go.Figure:
    """Types of support x regions: ticked cells, with the count per region (top) and per type of support (right).
    The types of support are the document's words (English); the chart's own texts are in `lang`."""
    _ = translator(lang)
    regions = matrix.regions
    names = [esc(n) for n in regions["region"]]
    types = [esc(t) for t in matrix.support_types]
    z = matrix.ticks.astype(int).values.tolist()  # plain lists: the browser's CSV export and tests read them
    codes = regions["region_code"].tolist()
    yes, no = _("recommended"), _("not recommended")
    custom = [[[c, yes if v else no] for c, v in zip(codes, row)] for row in z]
    data = [
        dict(
            type="heatmap",
            z=z,
            x=names,
            y=types,
            customdata=custom,
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
            colorscale=[[0, NO_TICK], [0.5, NO_TICK], [0.5, TICK], [1, TICK]],
            text=[["✓" if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            textfont=dict(color="white", size=16),
            name=yes,
            hovertemplate="<b>%{x}</b><br>%{y}<br>%{customdata[1]}<extra></extra>",
            xaxis="x3",
            yaxis="y3",
        ),
        dict(
            type="bar",
            x=names,
            y=regions["count"].tolist(),
            marker_color=theme.COUNTRY_COLOUR,
            name=_("types of support per region"),
            text=regions["count"].astype(str).tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=codes,
            hovertemplate=_("<b>%{x}</b><br>%{y} types of support<extra></extra>"),
            xaxis="x",
            yaxis="y",
        ),
        dict(
            type="bar",
            y=types,
            x=matrix.type_counts.values.tolist(),
            orientation="h",
            marker_color=theme.EU_COLOUR,
            name=_("regions per type of support"),
            text=[str(v) for v in matrix.type_counts.values.tolist()],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=_("%{y}<br>%{x} regions<extra></extra>"),
            xaxis="x4",
            yaxis="y4",
        ),
    ]
    shapes = []
    if highlight in codes:
        i = codes.index(highlight)
        shapes.append(
            dict(
                type="rect",
                x0=i - 0.5,
                x1=i + 0.5,
                y0=-0.5,
                y1=len(types) - 0.5,
                xref="x3",
                yref="y3",
                line=dict(color=theme.HIGHLIGHT, width=3),
                fillcolor="rgba(0,0,0,0)",
            )
        )
    # The 2 x 2 grid plotly.subplots.make_subplots gives (shared columns and rows; top row 22%, right column 18%),
    # written out: make_subplots builds a validated figure, several times slower than the rest of this chart.
    top, right = [0.7866, 1.0], [0.8227, 1.0]
    left, bottom = [0.0, 0.8077], [0.0, 0.7566]
    layout = dict(
        template=theme.template(),
        title=esc(title),
        height=560,
        showlegend=False,
        bargap=0.35,
        margin=dict(l=10, r=30, t=60, b=10),
        clickmode="event",
        shapes=shapes,
        xaxis=dict(anchor="y", domain=left, matches="x3", showticklabels=False),
        yaxis=dict(anchor="x", domain=top, visible=False),
        xaxis2=dict(anchor="y2", domain=right, matches="x4", showticklabels=False, visible=False),
        yaxis2=dict(anchor="x2", domain=top, matches="y", showticklabels=False, visible=False),
        xaxis3=dict(anchor="y3", domain=left, tickangle=-30, side="bottom"),
        yaxis3=dict(anchor="x3", domain=bottom, autorange="reversed"),
        xaxis4=dict(anchor="y4", domain=right, visible=False),
        yaxis4=dict(anchor="x4", domain=bottom, matches="y3", showticklabels=False),
    )
    fig = theme.figure(data=data, layout=layout)
    return with_csv(
        fig,
        drawn(_matrix_cells(matrix, z, lang), unit=_("1 = recommended, 0 = not recommended")),
    )


# --- action plans ----------------------------------------------------------------------------------------------


def action_timeline(steps: pd.DataFrame, title: str, calendar: bool, lang: str = "en") -> go.Figure:
    """A Gantt-style timeline: one row per step, grouped by intervention/action, coloured by owner.

    Bars for a stated span; a diamond for a single month or moment; a triangle for 'from ... on'. Steps whose
    timing the document does not give in a usable form are left off and named under the chart. The steps, timings
    and owners are the document's words (English); the chart's own texts are in `lang`.
    """
    _ = translator(lang)
    if steps.empty:
        return empty_figure(_("No action plan for this selection."))
    rows, labels = [], []
    for (g, group), part in steps.groupby(["group_order", "group"], sort=True):
        labels.append(f"<b>{wrap(theme.truncate(group, 80), 70)}</b>")
        for r in part.itertuples():
            label = f"{g}.{r.step_order} {esc(theme.truncate(r.step, 58))}"
            labels.append(label)
            rows.append((label, r))
    # One colour per owner; the same owner written with another capital letter is the same owner.
    first_spelling = {}
    for o in steps["owner_label"]:
        first_spelling.setdefault(o.casefold(), _(o) if o == NOT_NAMED else o)
    owners = list(first_spelling.values())
    palette = {o: theme.OKABE_ITO[i % len(theme.OKABE_ITO)] for i, o in enumerate(owners)}
    if _(NOT_NAMED) in palette:
        palette[_(NOT_NAMED)] = theme.MUTED
    fig = theme.figure()
    for owner in owners:
        mine = [
            (label, r)
            for label, r in rows
            if (_(NOT_NAMED) if r.owner_label == NOT_NAMED else r.owner_label).casefold() == owner.casefold()
        ]
        colour = palette[owner]
        hover = _(
            "%{customdata[0]}<br><b>Timing:</b> %{customdata[1]}<br><b>Owner:</b> %{customdata[2]}<extra></extra>"
        )
        bars = [(label, r) for label, r in mine if r.shape == "range"]
        if bars:
            if calendar:
                base = [r.x0 for _, r in bars]
                width = [(pd.Timestamp(r.x1) - pd.Timestamp(r.x0)).total_seconds() * 1000 for _, r in bars]
            else:
                base = [r.x0 for _, r in bars]
                width = [r.x1 - r.x0 for _, r in bars]
            fig.add_trace(
                dict(
                    type="bar",
                    y=[label for label, _ in bars],
                    x=width,
                    base=base,
                    orientation="h",
                    marker_color=colour,
                    name=esc(theme.truncate(owner, 70)),
                    legendgroup=owner,
                    width=0.6,
                    customdata=[[wrap(r.step, 60), esc(r.timing), esc(owner)] for _, r in bars],
                    hovertemplate=hover,
                )
            )
        for shape, symbol in (("point", "diamond"), ("open", "triangle-right")):
            pts = [(label, r) for label, r in mine if r.shape == shape]
            if not pts:
                continue
            xs = [
                (pd.Timestamp(r.x0) + pd.Timedelta(days=14)).strftime("%Y-%m-%d") if calendar else r.x0 for _, r in pts
            ]
            fig.add_trace(
                dict(
                    type="scatter",
                    y=[label for label, _ in pts],
                    x=xs,
                    mode="markers",
                    name=esc(theme.truncate(owner, 70)),
                    legendgroup=owner,
                    showlegend=not bars and shape == ("point" if any(r.shape == "point" for _, r in mine) else "open"),
                    marker=dict(symbol=symbol, size=14, color=colour, line=dict(color="white", width=1)),
                    customdata=[[wrap(r.step, 60), esc(r.timing), esc(owner)] for _, r in pts],
                    hovertemplate=hover,
                )
            )
    unplaced = [r for _, r in rows if r.shape == "unplaced"]
    notes = [
        _("Not on the timeline: {step} (timing printed as '{timing}')").format(
            step=f"{g_r.group_order}.{g_r.step_order}", timing=esc(g_r.timing)
        )
        for g_r in unplaced
    ]
    fig.update_yaxes(
        categoryorder="array", categoryarray=labels[::-1], type="category", automargin=True, tickfont=dict(size=12)
    )
    # Group headings have no marks: make sure they are on the axis.
    fig.add_trace(
        dict(
            type="scatter",
            y=labels,
            x=[None] * len(labels),
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(opacity=0),
        )
    )
    if calendar:
        fig.update_xaxes(type="date", dtick="M3", tickformat="%b\n%Y", title=None)
        if lang != "en":  # plotly names months in English only: the quarters' ticks written out in `lang`
            fig.update_xaxes(**_month_ticks([v for v in list(steps["x0"]) + list(steps["x1"]) if v], lang))
    else:
        ends = [v for v in list(steps["x0"]) + list(steps["x1"]) if v is not None and v == v]
        fig.update_xaxes(
            title_text=_("months after T0 (the start of the intervention; no calendar date given)"),
            dtick=1,
            range=[-0.4, (max(ends) if ends else 1) + 0.6],
        )
    height = 140 + 26 * len(labels) + (20 * len(notes))
    fig.update_layout(
        template=theme.template(),
        title=esc(title),
        height=max(height, 320),
        barmode="overlay",
        legend=dict(title=_("Owner"), orientation="h", y=-0.12, yanchor="top"),
        margin=dict(l=10, r=20, t=60, b=40 + 18 * len(notes) + 30 * ((len(owners) + 1) // 2)),
    )
    for i, note in enumerate(notes):
        fig.add_annotation(
            text=note,
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0,
            xanchor="left",
            y=1.0,
            yanchor="bottom",
            yshift=-2 - 18 * i,
            font=dict(size=12, color=theme.NOTE_COLOUR),
        )
    return with_csv(
        fig,
        drawn(
            steps.assign(
                what=[
                    f"{g}. {group}: {o}. {step}"
                    for g, group, o, step in zip(
                        steps["group_order"], steps["group"], steps["step_order"], steps["step"]
                    )
                ],
                code=steps.get("region_code", ""),
                name=steps.get("plan", ""),
                value=None if calendar else steps["x0"],
                flag=[
                    _("timing as written: {timing}; owner: {owner}").format(
                        timing=t, owner=_(o) if o == NOT_NAMED else o
                    )
                    for t, o in zip(steps["timing"].astype(str), steps["owner_label"].astype(str))
                ],
            ),
            unit="" if calendar else _("start, months after T0"),
        ),
    )


def _month_ticks(dates: list, lang: str) -> dict:
    """Ticks at the first month of each quarter the dates span, as 'janv.<br>2020', for an x axis of dates."""
    if not dates:
        return {}
    stamps = [pd.Timestamp(d) for d in dates]
    first, last = min(stamps), max(stamps) + pd.Timedelta(days=14)
    ticks = pd.date_range(first.to_period("Q").start_time, last, freq="QS")
    return dict(
        tickvals=[t.strftime("%Y-%m-%d") for t in ticks],
        ticktext=[f"{format_date(t, 'LLL', locale=lang)}<br>{t.year}" for t in ticks],
        tickmode="array",
    )


def plan_costs_chart(costs: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """Costs per action: stacked by who bears them (staff days in the labels) and the stated total as a marker.
    The actions, cost items and payers are the document's words (English); the chart's own texts are in `lang`."""
    _ = translator(lang)
    parts = costs[costs["kind"].isin(["component", "estimate"])]
    if parts.empty:
        return empty_figure(_("The action plan gives no costs."), height=220)
    if (parts["kind"] == "estimate").any():
        return with_csv(_estimates_chart(costs, title, lang), _costs_rows(costs, lang))
    groups = list(dict.fromkeys(parts["group"]))
    ylab = {g: wrap(theme.truncate(g, 90), 40) for g in groups}
    ranged = parts["eur_high"].notna().any()
    fig = theme.figure()
    series = parts.assign(
        series=parts["payer"].where(
            parts["payer"].notna() & (parts["payer"] != "not stated"),
            parts["cost_item"].map(lambda t: theme.truncate(t, 45)),
        )
    )
    for i, (name, part) in enumerate(series.groupby("series", sort=False)):
        days = part["staff_days"]
        text = [
            _euros(e, h, lang)
            + (
                " " + _("({days} staff days)").format(days=theme.format_value(d, 1 if d % 1 else 0, lang=lang))
                if pd.notna(d)
                else ""
            )
            for e, h, d in zip(part["eur"], part["eur_high"], days)
        ]
        fig.add_trace(
            dict(
                type="bar",
                y=[ylab[g] for g in part["group"]],
                x=part["eur"],
                orientation="h",
                name=esc(name),
                marker_color=theme.OKABE_ITO[i % len(theme.OKABE_ITO)],
                text=text,
                textposition="inside",
                insidetextanchor="middle",
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=(part["eur_high"] - part["eur"]).fillna(0).tolist(),
                    visible=bool(part["eur_high"].notna().any()),
                ),
                customdata=[[wrap(c, 70), esc(p)] for c, p in zip(part["cost_item"], part["period"])],
                hovertemplate=_("%{customdata[0]}<br>%{x:,.0f} € (%{customdata[1]})<extra></extra>"),
            )
        )
    totals = costs[costs["kind"] == "total"]
    if len(totals):
        fig.add_trace(
            dict(
                type="scatter",
                y=[ylab.get(g, wrap(g, 40)) for g in totals["group"]],
                x=totals["eur"],
                mode="markers+text",
                name=_("stated total"),
                marker=dict(symbol="diamond", size=13, color=theme.BLACK),
                text=[_euros(v, None, lang) for v in totals["eur"]],
                textposition="middle right",
                cliponaxis=False,
                hovertemplate=_("stated total %{x:,.0f} €<extra></extra>"),
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=[ylab[g] for g in groups][::-1])
    fig.update_xaxes(title_text=_("EUR"), rangemode="tozero")
    fig.update_layout(
        template=theme.template(),
        title=esc(title),
        barmode="group" if ranged else "stack",
        height=170 + 70 * len(groups),
        uniformtext=dict(minsize=10, mode="hide"),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, traceorder="normal"),
        margin=dict(l=10, r=110, t=90, b=50),
    )
    return with_csv(fig, _costs_rows(costs, lang))


def _euros(low, high, lang: str) -> str:
    """'70,000 € – 90,000 €' (a range) or '70,000 €', numbers in `lang`."""
    _ = translator(lang)
    text = _("{amount} €").format(amount=theme.format_value(low, 0, lang=lang))
    if high is not None and pd.notna(high):
        text += " – " + _("{amount} €").format(amount=theme.format_value(high, 0, lang=lang))
    return text


def _costs_rows(costs: pd.DataFrame, lang: str = "en") -> dict:
    """The CSV spec of the costs chart: one row per cost as written, a range's upper end in the flag."""
    _ = translator(lang)
    notes = [
        [
            _("up to {amount} EUR").format(amount=theme.format_value(h, 0, lang=lang)) if pd.notna(h) else "",
            _("{days} staff days").format(days=theme.format_value(d, 1, lang=lang)) if pd.notna(d) else "",
            _("borne by {payer}").format(payer=_(p) if p == NOT_STATED else p) if isinstance(p, str) and p else "",
            str(per) if isinstance(per, str) else "",
        ]
        for h, d, p, per in zip(costs["eur_high"], costs["staff_days"], costs["payer"], costs["period"])
    ]
    return drawn(
        costs.assign(
            what=[
                f"{g}: " + (_("stated total") if k == "total" else str(c))
                for g, k, c in zip(costs["group"], costs["kind"], costs["cost_item"])
            ],
            code=costs.get("region_code", ""),
            value=costs["eur"],
            flag=["; ".join(n for n in row if n) for row in notes],
        ),
        unit=_("EUR"),
    )


def _estimates_chart(costs: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """Cost estimates (some as ranges, some per year): one bar per estimate as written, grouped by intervention."""
    _ = translator(lang)
    rows = costs[costs["kind"].isin(["estimate", "total"])]
    labels = [
        wrap(f"{g}: " + (_("stated total") if k == "total" else theme.truncate(c, 80)), 48)
        for g, k, c in zip(rows["group"], rows["kind"], rows["cost_item"])
    ]
    fig = theme.figure()
    for i, group in enumerate(dict.fromkeys(rows["group"])):
        mask = (rows["group"] == group).values
        part, ys = rows[mask], [lab for lab, m in zip(labels, mask) if m]
        is_total = (part["kind"] == "total").values
        text = [
            _euros(e, h, lang) + f" ({esc(per)})" for e, h, per in zip(part["eur"], part["eur_high"], part["period"])
        ]
        colour = theme.OKABE_ITO[i % len(theme.OKABE_ITO)]
        custom = [[wrap(c, 70), esc(per)] for c, per in zip(part["cost_item"], part["period"])]
        fig.add_trace(
            dict(
                type="bar",
                y=[y for y, t in zip(ys, is_total) if not t],
                x=part.loc[~is_total, "eur"],
                orientation="h",
                name=esc(group),
                marker_color=colour,
                text=[t for t, tot in zip(text, is_total) if not tot],
                textposition=["inside" if pd.notna(h) else "auto" for h in part.loc[~is_total, "eur_high"]],
                insidetextanchor="start",
                cliponaxis=False,
                error_x=dict(
                    type="data",
                    symmetric=False,
                    visible=bool(part.loc[~is_total, "eur_high"].notna().any()),
                    array=(part.loc[~is_total, "eur_high"] - part.loc[~is_total, "eur"]).fillna(0).tolist(),
                ),
                customdata=[c for c, tot in zip(custom, is_total) if not tot],
                hovertemplate=_("%{customdata[0]}<br>%{x:,.0f} € (%{customdata[1]})<extra></extra>"),
            )
        )
        if is_total.any():
            fig.add_trace(
                dict(
                    type="scatter",
                    y=[y for y, t in zip(ys, is_total) if t],
                    x=part.loc[is_total, "eur"],
                    mode="markers+text",
                    name=_("{group}: stated total").format(group=esc(group)),
                    marker=dict(symbol="diamond", size=13, color=theme.BLACK),
                    text=[t for t, tot in zip(text, is_total) if tot],
                    textposition="middle right",
                    cliponaxis=False,
                    hovertemplate=_("stated total %{x:,.0f} €<extra></extra>"),
                )
            )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    fig.update_xaxes(title_text=_("EUR (ranges as error bars)"), rangemode="tozero")
    fig.update_layout(
        template=theme.template(),
        title=esc(title),
        height=160 + 60 * len(rows),
        showlegend=False,
        margin=dict(l=10, r=160, t=60, b=50),
    )
    return fig


# --- state of play ---------------------------------------------------------------------------------------------


def state_of_play_chart(play: pd.DataFrame, framework: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """The four criteria on the four-level scale: every level's label in its cell, the assessed level filled. The
    criteria, level labels and evidence are the factsheet's words (English); the chart's own texts are in `lang`."""
    _ = translator(lang)
    basis_text = {b: _(text) for b, text in BASIS_TEXT.items()}
    level_names = [_("level {n}").format(n=k) for k in range(1, 5)]
    criteria = play["criterion"].tolist()
    z, text = [], []
    for c in criteria:
        levels = framework[framework["criterion"] == c].sort_values("level")
        row = play[play["criterion"] == c].iloc[0]
        lvl = row["level"]
        z.append(
            [
                (1.0 if row["basis"] == "stated" else 0.6) if pd.notna(lvl) and int(lvl) == k else 0.0
                for k in levels["level"]
            ]
        )
        how = basis_text.get(row["basis"], "")
        text.append(
            [
                wrap(label, 26) + (f"<br><i>({how})</i>" if z[-1][k - 1] else "")
                for k, label in zip(levels["level"], levels["label_table4"])
            ]
        )
    fig = theme.figure(
        dict(
            type="heatmap",
            z=z,
            x=level_names,
            y=[esc(c) for c in criteria],
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=4,
            ygap=4,
            hoverinfo="skip",
            colorscale=[
                [0, NO_TICK],
                [0.3, NO_TICK],
                [0.3, STATE_DERIVED],
                [0.8, STATE_DERIVED],
                [0.8, STATE_STATED],
                [1, STATE_STATED],
            ],
            textfont=dict(size=12),
        )
    )
    assessed = play[play["level"].notna()]
    fig.add_trace(
        dict(
            type="scatter",
            x=[level_names[int(v) - 1] for v in assessed["level"]],
            y=[esc(c) for c in assessed["criterion"]],
            mode="markers",
            name=_("assessed level"),
            marker=dict(size=1, opacity=0),
            text=[basis_text.get(b, b) for b in assessed["basis"]],
            customdata=[[esc(lbl), wrap(ev, 60)] for lbl, ev in zip(assessed["level_label"], assessed["evidence"])],
            hovertemplate="%{y}: %{customdata[0]}<br>(%{text})<br>%{customdata[1]}<extra></extra>",
        )
    )
    missing = play[play["level"].isna()]
    for c in missing["criterion"]:
        fig.add_annotation(
            x=1.0,
            xref="paper",
            xanchor="left",
            y=esc(c),
            text=_("level not readable<br>in the text file"),
            showarrow=False,
            font=dict(size=11, color=theme.HIGHLIGHT),
            xshift=6,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    fig.update_layout(
        template=theme.template(), title=esc(title), height=460, showlegend=False, margin=dict(l=10, r=130, t=90, b=10)
    )
    return with_csv(
        fig,
        drawn(
            play.assign(
                what=play["criterion"],
                code=play.get("country_code", ""),
                value=play["level"],
                flag=[
                    _("{basis}: {label}").format(basis=_(BASIS_WORD[b]) if b in BASIS_WORD else b, label=lbl)
                    if isinstance(lbl, str)
                    else _("level not readable in the text")
                    for b, lbl in zip(play["basis"], play["level_label"])
                ],
            ),
            unit=_("level, 1 to 4"),
        ),
    )


# --- cluster counts --------------------------------------------------------------------------------------------


def _colon(lang: str) -> str:
    """': ' between a label and its value in hover text (French puts a no-break space before the colon)."""
    return ": " if lang == "en" else "\u00a0: "


def _percent_sign(lang: str) -> str:
    """The percent sign as the language writes it after a number ('%' / narrow no-break space and '%')."""
    return format_percent(0, lang, 0)[1:]


def counts_bar(
    df: pd.DataFrame,
    label_col: str,
    title: str,
    unit: str,
    colour: str = theme.REGION_COLOUR,
    note: str | None = None,
    lang: str = "en",
) -> go.Figure:
    """Counts as horizontal bars; `title`, `unit`, `note` and the labels come in `lang`."""
    _ = translator(lang)
    if df.empty:
        return empty_figure(_("No counts for this selection."))
    d = df.sort_values(["value", label_col], ascending=[True, False])
    fig = theme.figure(
        dict(
            type="bar",
            y=[esc(v) for v in d[label_col]],
            x=d["value"],
            orientation="h",
            marker_color=colour,
            name=esc(unit),
            text=[theme.format_value(v, 0, lang=lang) for v in d["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}" + _colon(lang) + "%{x:,.0f} " + esc(unit) + "<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=esc(unit), rangemode="tozero")
    fig.update_layout(
        template=theme.template(),
        title=esc(title),
        height=max(260, 90 + 30 * len(d)),
        showlegend=False,
        margin=dict(l=10, r=40, t=60, b=40 + (30 if note else 0)),
    )
    if note:
        fig.add_annotation(
            text=esc(note),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0,
            xanchor="left",
            y=0,
            yanchor="top",
            yshift=-40,
            font=dict(size=12, color=theme.NOTE_COLOUR),
        )
    by_region = "region_code" in d  # a count per region: the region is who, else the label is what is counted
    return with_csv(
        fig,
        drawn(
            d.assign(
                what=unit if by_region else d[label_col],
                name=d[label_col] if by_region else "",
                code=d["region_code"] if by_region else "",
                unit=unit,
            ),
            unit=unit,
        ),
    )


def composition_chart(df: pd.DataFrame, title: str, country_label: str = "France", lang: str = "en") -> go.Figure:
    """Member composition: the country's shares next to the EU's, per type of member (`title`, the categories and
    `country_label` come in `lang`)."""
    _ = translator(lang)
    pct, eu = _percent_sign(lang), _("EU")
    unit = _("% of member organisations")
    cats = [esc(c) for c in df["category"]]
    fig = theme.figure(
        [
            dict(
                type="bar",
                x=cats,
                y=df["value"],
                name=esc(country_label),
                marker_color=theme.REGION_COLOUR,
                text=[theme.format_value(v, 0, lang=lang) + pct for v in df["value"]],
                textposition="outside",
                hovertemplate="%{x}" + _colon(lang) + "%{y:.0f}" + pct + " (" + esc(country_label) + ")<extra></extra>",
            ),
            dict(
                type="bar",
                x=cats,
                y=df["eu_value"],
                name=eu,
                marker_color=theme.EU_COLOUR,
                text=[theme.format_value(v, 0, lang=lang) + (pct if v == v else "") for v in df["eu_value"]],
                textposition="outside",
                hovertemplate="%{x}" + _colon(lang) + "%{y:.0f}" + pct + " (" + eu + ")<extra></extra>",
            ),
        ]
    )
    fig.update_yaxes(title_text=unit, rangemode="tozero", range=[0, 100])
    fig.update_layout(
        template=theme.template(),
        title=esc(title),
        barmode="group",
        height=380,
        legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom"),
        margin=dict(t=80),
    )
    what = [_("Member organisations: {category}").format(category=c) for c in df["category"]]
    return with_csv(
        fig,
        drawn(
            pd.concat(
                [
                    df.assign(what=what, name=country_label, unit=unit),
                    df.assign(what=what, name=eu, value=df["eu_value"], unit=unit),
                ]
            ),
            unit=unit,
        ),
    )


# --- cluster monitoring ----------------------------------------------------------------------------------------


def members_mix_chart(mix: pd.DataFrame, title: str, types: list[str], lang: str = "en") -> go.Figure:
    """Members per cluster by type of member, stacked (`title` in `lang`; the types are the template's values,
    shown in `lang`)."""
    _ = translator(lang)
    if mix.empty:
        return empty_figure(_("No accepted member rows yet: load a members file."))
    clusters = list(dict.fromkeys(mix["cluster"]))
    names, kinds = mix["cluster"].to_numpy(), mix["member_type"].to_numpy()
    members, extra = mix["members"].to_numpy(), mix[["in_governance", "year"]].to_numpy()
    traces = []
    for i, t in enumerate(types):
        rows = kinds == t
        if not rows.any():
            continue
        traces.append(
            dict(
                type="bar",
                y=[esc(c) for c in names[rows]],
                x=members[rows],
                orientation="h",
                name=esc(_(t)),
                marker_color=theme.OKABE_ITO[i % len(theme.OKABE_ITO)],
                customdata=extra[rows],
                hovertemplate="%{y}<br>"
                + esc(_(t))
                + _colon(lang)
                + _("{members} members ({governance} in the governance), {year}").format(
                    members="%{x}", governance="%{customdata[0]}", year="%{customdata[1]}"
                )
                + "<extra></extra>",
            )
        )
    fig = theme.figure(
        traces,
        dict(
            yaxis=dict(categoryorder="array", categoryarray=[esc(c) for c in clusters][::-1]),
            xaxis=dict(title_text=_("members")),
            title=esc(title),
            barmode="stack",
            height=230 + 40 * len(clusters),
            margin=dict(l=10, r=20, t=120, b=50),
            legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, traceorder="normal"),
        ),
    )
    return with_csv(
        fig,
        drawn(
            mix.assign(
                what=[_("Members: {type}").format(type=_(t)) for t in mix["member_type"]],
                name=mix["cluster"],
                value=mix["members"],
                flag=[
                    _("{governance} in the governance").format(governance=g) if pd.notna(g) else ""
                    for g in mix["in_governance"]
                ],
            ),
            unit=_("members"),
        ),
    )


def funding_mix_chart(mix: pd.DataFrame, title: str, lang: str = "en") -> go.Figure:
    """Funding by source per cluster, in EUR, stacked; private sources in blues, public in oranges (`title` in
    `lang`; the sources are the template's texts, shown in `lang`)."""
    _ = translator(lang)
    if mix.empty:
        return empty_figure(_("No accepted cluster management rows yet: load a cluster management file."))
    clusters = list(dict.fromkeys(mix["cluster"]))
    colours = {
        "private": [theme.BLUE, theme.SKY_BLUE, "#9ECAE9"],
        "public": [theme.VERMILION, theme.ORANGE, "#F0C05A", theme.PINK],
    }
    count = {"private": 0, "public": 0}
    names, sources, kinds = mix["cluster"].to_numpy(), mix["source"].to_numpy(), mix["kind"].to_numpy()
    eur, share = mix["eur"].to_numpy(dtype="float64"), (mix["share"] * 100).round(1).to_numpy()
    unknown = np.isnan(eur)
    traces = []
    for source in dict.fromkeys(sources):  # in the order of the rows, as groupby(sort=False) gives them
        rows = sources == source
        kind = kinds[rows][0]
        colour = colours[kind][count[kind] % len(colours[kind])]
        count[kind] += 1
        known = rows & ~unknown
        if not known.any():
            continue
        traces.append(
            dict(
                type="bar",
                y=[esc(c) for c in names[known]],
                x=eur[known],
                orientation="h",
                name=esc(_(source)),
                marker_color=colour,
                customdata=share[known],
                hovertemplate="%{y}<br>"
                + esc(_(source))
                + _colon(lang)
                + _("{eur} € ({share}% of the known total)").format(eur="%{x:,.0f}", share="%{customdata}")
                + "<extra></extra>",
            )
        )
    missing = [c for c in clusters if unknown[names == c].all()]
    layout = dict(
        yaxis=dict(categoryorder="array", categoryarray=[esc(c) for c in clusters][::-1], type="category"),
        xaxis=dict(title_text="EUR", rangemode="tozero"),
        title=esc(title),
        barmode="stack",
        height=260 + 40 * len(clusters),
        margin=dict(l=10, r=20, t=140, b=50),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, traceorder="normal"),
    )
    if missing:
        layout["annotations"] = [
            dict(y=esc(c), x=0, text=_("no data"), showarrow=False, xanchor="left", font=dict(color=theme.NOTE_COLOUR))
            for c in missing
        ]
    fig = theme.figure(traces, layout)
    return with_csv(
        fig,
        drawn(
            mix.assign(
                what=[_("Funding: {source}").format(source=_(s)) for s in mix["source"]],
                name=mix["cluster"],
                value=mix["eur"],
                flag=[_(k) for k in mix["kind"]],
            ),
            unit="EUR",
        ),
    )


def kpi_chart(values: pd.DataFrame, title: str, kpi_label: str, lang: str = "en") -> go.Figure:
    """An objective's count per cluster and year (`title` and `kpi_label` come in `lang`)."""
    _ = translator(lang)
    if values.empty:
        return empty_figure(_("No accepted objectives rows yet: load an operational objectives file."))
    names, years = values["cluster"].to_numpy(), values["year"].to_numpy()
    counts, periods = values["value"].to_numpy(), values["periods"].to_numpy()
    traces = []
    for i, cluster in enumerate(sorted(set(names))):  # as groupby("cluster") orders them
        rows = names == cluster
        traces.append(
            dict(
                type="bar",
                x=[str(y) for y in years[rows]],
                y=counts[rows],
                name=esc(cluster),
                marker_color=theme.OKABE_ITO[i % len(theme.OKABE_ITO)],
                # plotly's validation sends numeric text as float64
                text=counts[rows].astype("float64") if counts.dtype.kind in "iuf" else counts[rows],
                textposition="outside",
                customdata=periods[rows],
                hovertemplate=esc(cluster)
                + "<br>%{x}"
                + _colon(lang)
                + "%{y} ("
                + _("{periods} reported periods").format(periods="%{customdata}")
                + ")<extra></extra>",
            )
        )
    fig = theme.figure(
        traces,
        dict(
            xaxis=dict(title_text=_("year"), type="category"),
            yaxis=dict(title_text=esc(kpi_label), rangemode="tozero"),
            title=esc(title),
            barmode="group",
            height=420,
            margin=dict(t=90),
            legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        ),
    )
    return with_csv(
        fig,
        drawn(
            values.assign(
                what=kpi_label,
                name=values["cluster"],
                flag=[_("{periods} reported periods").format(periods=p) for p in values["periods"]],
            )
        ),
    )
