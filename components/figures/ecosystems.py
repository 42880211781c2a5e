"""Figures of the Ecosystems page: country vs EU27 shares, the LQ heatmap, the LQ map and the ranking.

Location quotients are ratios, so their colours are symmetric in log2 around LQ = 1 (0.5 and 2 are equally far
from 1), on the colour-blind-safe diverging scale of the theme; beyond 0.25 and 4 the colour saturates, the hover
gives the exact value. Missing cells are grey and say "no data", never a colour for 0.

Traces get numpy arrays, not pandas Series: plotly's typed-array export reads a Series through narwhals, which
cost a quarter of the map's build.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import theme
from i18n import N_, format_number, translator

MISSING_COLOUR = theme.MISSING_COLOUR
OUTLINE = theme.BLACK
LOG_RANGE = 2.0  # colours span LQ 2**-2 .. 2**2
LQ_TICK_VALUES = [0.25, 0.5, 1, 2, 4]
ABOVE, BELOW = theme.DIVERGING[-1][1], theme.DIVERGING[0][1]
# The 14 ecosystems' names are marked for the catalogue once, in data/labels.py (French: the Commission's names,
# COM(2021) 350; the sources give English only).
SHORT_NAMES = {
    "Aerospace & Defence": N_("Aerospace & Defence"),
    "Cultural and Creative Industries": N_("Cultural & Creative"),
    "Energy - Renewables": N_("Energy-Renewables"),
    "Energy Intensive Industries": N_("Energy-Intensive Ind."),
    "Mobility - Transport - Automotive": N_("Mobility-Transport-Auto."),
    "Proximity, Social Economy and Civil Security": N_("Proximity & Social Econ."),
}


def ecosystem_name(name: str, lang: str = "en") -> str:
    """An ecosystem's name (as the data gives it, in English) in `lang`."""
    return translator(lang)(name) if isinstance(name, str) and name else name


def short_name(name: str, lang: str = "en") -> str:
    """An ecosystem's name short enough for an axis, in `lang`."""
    return ecosystem_name(SHORT_NAMES.get(name, name), lang)


def number_text(value, lang: str = "en", decimals: int | None = None) -> str:
    """A number for a text in `lang`: as Python's `:g` (a threshold: 1.5, 0.25) or with `decimals`; English as
    before ('1.50'), French with the locale's marks ('1,50')."""
    text = f"{value:g}" if decimals is None else f"{value:.{decimals}f}"
    if lang == "en":
        return text
    if decimals is None:
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return format_number(value, lang, decimals)


def lq_ticks(lang: str = "en") -> dict:
    """The LQ colour bar's ticks (log2 positions) labelled in `lang`."""
    text = [number_text(v, lang) for v in LQ_TICK_VALUES]
    return dict(tickvals=[-2, -1, 0, 1, 2], ticktext=["≤" + text[0], *text[1:4], "≥" + text[4]])


LQ_TICKS = lq_ticks()


def lq_colour_value(lq) -> np.ndarray:
    """log2(LQ) clipped to +-LOG_RANGE (LQ 0 -> the lowest colour); NaN stays NaN."""
    lq = np.asarray(lq, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log2(np.where(lq > 0, lq, 2.0**-LOG_RANGE))
    return np.where(np.isnan(lq), np.nan, np.clip(out, -LOG_RANGE, LOG_RANGE))


def _lq_text(value, lang: str = "en") -> str:
    return theme.format_value(value, 2, lang=lang)


def share_bars(df: pd.DataFrame, country_name: str, basis_label: str, year: int = 2015, lang: str = "en") -> go.Figure:
    """Country vs EU27 employment share per ecosystem (bars) and the share ratio (dots on a log axis around 1).

    `df`: rows in display order (largest country employment first) with name (as the data gives it), share,
    eu_share, ratio, employment, complete. An incomplete country estimate (a lower bound) is marked with * in its
    label. `basis_label` comes translated; the figure's own texts are in `lang`.
    """
    _ = translator(lang)
    title = _("{country} and the EU27: employment share by industrial ecosystem, {year}").format(
        country=country_name, year=year
    )
    if df.empty or df["share"].notna().sum() == 0:
        return theme.empty_figure(
            _("No ecosystem employment for {country}.").format(country=country_name), title, height=300
        )
    labels = [short_name(n, lang) + ("" if c else " *") for n, c in zip(df["name"], df["complete"])]
    names = [ecosystem_name(n, lang) for n in df["name"]]
    fig = theme.figure()
    emp = [theme.format_value(v, 0, lang=lang) for v in df["employment"]]
    bound = ["" if c else " " + _("(lower bound: some NACE cells suppressed)") for c in df["complete"]]
    persons = _("persons employed")
    fig.add_trace(
        dict(
            type="bar",
            y=labels,
            x=df["share"].to_numpy() * 100,
            orientation="h",
            name=country_name,
            marker_color=theme.COUNTRY_COLOUR,
            customdata=np.stack([names, emp, bound], axis=-1),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("{name}: {value}").format(name=country_name.replace("%", "%%"), value="%{x:.1f} %")
            + f"<br>%{{customdata[1]}} {persons}%{{customdata[2]}}<extra></extra>",
        )
    )
    fig.add_trace(
        dict(
            type="bar",
            y=labels,
            x=df["eu_share"].to_numpy() * 100,
            orientation="h",
            name=_("EU27"),
            marker_color=theme.EU_COLOUR,
            customdata=np.stack([names, [theme.format_value(v, 0, lang=lang) for v in df["eu_employment"]]], axis=-1),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("{name}: {value}").format(name=_("EU27"), value="%{x:.1f} %")
            + f"<br>%{{customdata[1]}} {persons}<extra></extra>",
        )
    )
    ratio = df["ratio"]
    known = ratio.notna() & (ratio > 0)
    fig.add_trace(
        dict(
            type="scatter",
            y=[lab for lab, k in zip(labels, known) if k],
            x=ratio[known].to_numpy(),
            mode="markers+text",
            xaxis="x2",
            marker=dict(
                size=11, color=[ABOVE if r >= 1 else BELOW for r in ratio[known]], line=dict(color=OUTLINE, width=0.6)
            ),
            text=[number_text(r, lang, 2) for r in ratio[known]],
            textposition="middle right",
            textfont=dict(size=11),
            name=_("share ratio"),
            showlegend=False,
            cliponaxis=False,
            customdata=[n for n, k in zip(names, known) if k],
            hovertemplate="<b>%{customdata}</b><br>" + _("share ratio") + " %{x:.2f}<extra></extra>",
        )
    )
    if (~known).any():
        fig.add_trace(
            dict(
                type="scatter",
                y=[lab for lab, k in zip(labels, known) if not k],
                x=[1.0] * int((~known).sum()),
                mode="text",
                text=[_(theme.MISSING_TEXT)] * int((~known).sum()),
                showlegend=False,
                hoverinfo="skip",
                xaxis="x2",
            )
        )
    lo = min(0.5, float(ratio[known].min()) * 0.9) if known.any() else 0.5
    hi = max(2.0, float(ratio[known].max()) * 1.25) if known.any() else 2.0
    ticks = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4]
    fig.update_layout(
        xaxis=dict(domain=[0, 0.66], anchor="y"),
        xaxis2=dict(
            domain=[0.69, 1],
            anchor="y",
            type="log",
            range=[np.log10(lo), np.log10(hi)],
            tickvals=ticks,
            ticktext=[number_text(t, lang) for t in ticks],
        ),
        yaxis=dict(autorange="reversed", categoryorder="array", categoryarray=labels),
        shapes=[
            dict(
                type="line",
                xref="x2",
                yref="paper",
                x0=1,
                x1=1,
                y0=0,
                y1=1,
                line=dict(color=theme.EU_COLOUR, dash="dot"),
            )
        ],
        annotations=[
            dict(
                text=text,
                x=x,
                xref="paper",
                xanchor="center",
                y=1.0,
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=13),
            )
            for text, x in (
                (_("Share of {basis} (%)").format(basis=basis_label), 0.33),
                (_("Specialisation: share ratio (log scale)"), 0.845),
            )
        ],
    )
    fig.update_layout(
        template=theme.template(),
        title=title,
        barmode="group",
        bargap=0.25,
        height=max(440, 34 * len(df) + 160),
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.06, yanchor="top"),
        margin=dict(l=10, r=20, t=90, b=70),
    )
    return fig


def _aligned(frame: pd.DataFrame, index: list, columns: list) -> pd.DataFrame:
    """`frame` reindexed to `index` x `columns`, as it is when it already has them (a reindex costs a copy)."""
    if list(frame.index) == index and list(frame.columns) == columns:
        return frame
    return frame.reindex(index=index, columns=columns)


def lq_heatmap(
    lq: pd.DataFrame,
    region_labels: list[str],
    ecosystem_names: list[str],
    agglomeration: pd.DataFrame,
    complete: pd.DataFrame,
    title: str,
    highlight: str | None = None,
    warnings: dict | None = None,
    lang: str = "en",
) -> go.Figure:
    """Regions (rows, y = NUTS code so a click gives the code) x ecosystems (columns) of LQ.

    `lq`, `agglomeration` (bool) and `complete` share index (region codes) and columns (ecosystem ids);
    regionally relevant agglomerations are in bold. `highlight`: an ecosystem id to outline. `warnings`:
    {(region code, ecosystem id): text} of estimates using a cell flagged by a plausibility check, marked ⚠.
    `ecosystem_names` as the data gives them; `title` and `warnings` come translated.
    """
    _ = translator(lang)
    if lq.empty:
        return theme.empty_figure(_("No regions in this set."), title, height=300)
    codes = list(lq.index)
    ids = list(lq.columns)
    x = [short_name(n, lang) for n in ecosystem_names]
    values = lq.to_numpy(dtype="float64")
    missing = np.isnan(values)
    agg = _aligned(agglomeration, codes, ids).fillna(False).to_numpy(dtype=bool)
    comp = _aligned(complete, codes, ids).to_numpy(dtype=object)
    lq_text = np.array([[_lq_text(v, lang) for v in row] for row in values], dtype=object)
    text = np.where(missing, "", np.where(agg, "<b>" + lq_text + "</b>", lq_text))
    lower = (comp == False) & ~missing  # noqa: E712
    # A note every cell with a value has (every estimate of a country can be a lower bound) is written once, in
    # the hover template, not in each cell: 30 of Germany's 60 KB at NUTS 2.
    lower_everywhere = bool(lower.any() and lower[~missing].all())
    lower_note = "<br>" + _("lower bound (suppressed NACE cells)")
    note = np.where(lower & ~lower_everywhere, lower_note, "")
    note = np.where(agg, note + "<br>" + _("regionally relevant agglomeration"), note)
    if warnings:
        warn = np.array([[warnings.get((c, i), "") for i in ids] for c in codes], dtype=object)
        has = (warn != "") & ~missing
        note = np.where(has, note + "<br>⚠ " + warn, note)
        text = np.where(has, text + " ⚠", text)
    custom = np.dstack([lq_text, note])  # region names are on the axis; the hover names the code
    fig = theme.figure()
    if missing.any():
        fig.add_trace(
            dict(
                type="heatmap",
                x=x,
                y=codes,
                z=np.where(missing, 0.0, np.nan),
                colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                showscale=False,
                xgap=1,
                ygap=1,
                hoverongaps=False,
                name=_(theme.MISSING_TEXT),
                hovertemplate="%{y}<br>%{x}<br>" + _(theme.MISSING_TEXT) + "<extra></extra>",
            )
        )
    fig.add_trace(
        dict(
            type="heatmap",
            x=x,
            y=codes,
            z=lq_colour_value(values),
            zmin=-LOG_RANGE,
            zmax=LOG_RANGE,
            zmid=0,
            colorscale=theme.DIVERGING,
            xgap=1,
            ygap=1,
            hoverongaps=False,
            name=_("LQ"),
            customdata=custom,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=11),
            colorbar=dict(title=dict(text=_("LQ"), side="right"), thickness=14, len=0.8, **lq_ticks(lang)),
            hovertemplate="<b>%{y}</b> %{x}<br>"
            + _("LQ")
            + " %{customdata[0]}"
            + (lower_note if lower_everywhere else "")
            + "%{customdata[1]}<br>"
            + _("click to open the region")
            + "<extra></extra>",
        )
    )
    if highlight in ids:
        i = ids.index(highlight)
        for colour, width in (("white", 5), (OUTLINE, 2.5)):  # visible on light and dark backgrounds
            fig.add_shape(
                type="rect",
                x0=i - 0.5,
                x1=i + 0.5,
                y0=-0.5,
                y1=len(codes) - 0.5,
                xref="x",
                yref="y",
                line=dict(color=colour, width=width),
                fillcolor="rgba(0,0,0,0)",
            )
    fig.update_yaxes(
        autorange="reversed",
        tickvals=codes,
        ticktext=[f"{theme.truncate(n, 30)} ({c})" for n, c in zip(region_labels, codes)],
        showgrid=False,
    )
    fig.update_xaxes(side="top", tickangle=-35, showgrid=False)
    fig.update_layout(
        template=theme.template(),
        title=dict(text=title, y=0.995, yanchor="top"),
        height=max(360, 26 * len(codes) + 230),
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=150, b=10),
    )
    return fig


def lq_map(
    df: pd.DataFrame, geojson: dict | str, title: str, specialised: list[str] | None = None, lang: str = "en"
) -> go.Figure:
    """Map of LQ (df: code, name, value, complete) on the log-symmetric diverging scale; regions in
    `specialised` are outlined in black; regions without data are grey and say so."""
    _ = translator(lang)
    has = df["value"].notna()
    known, missing = df[has], df[~has]
    fig = theme.figure()
    if len(missing):
        fig.add_trace(
            dict(
                type="choropleth",
                geojson=geojson,
                featureidkey="id",
                locations=missing["code"].to_numpy(),
                z=np.zeros(len(missing)),
                customdata=missing["name"].to_numpy(),
                colorscale=[[0, MISSING_COLOUR], [1, MISSING_COLOUR]],
                showscale=False,
                hovertemplate="<b>%{customdata}</b> (%{location})<br>" + _(theme.MISSING_TEXT) + "<extra></extra>",
                name=_(theme.MISSING_TEXT),
                marker_line_color="white",
                marker_line_width=0.4,
            )
        )
    if len(known):
        bound = np.where(
            known["complete"].fillna(True).astype(bool), "", "<br>" + _("lower bound (suppressed NACE cells)")
        )
        fig.add_trace(
            dict(
                type="choropleth",
                geojson=geojson,
                featureidkey="id",
                locations=known["code"].to_numpy(),
                z=lq_colour_value(known["value"]),
                zmin=-LOG_RANGE,
                zmax=LOG_RANGE,
                zmid=0,
                colorscale=theme.DIVERGING,
                name=_("LQ"),
                customdata=np.stack([known["name"], [_lq_text(v, lang) for v in known["value"]], bound], axis=-1),
                hovertemplate="<b>%{customdata[0]}</b> (%{location})<br>"
                + _("LQ")
                + " %{customdata[1]}%{customdata[2]}<extra></extra>",
                marker_line_color="white",
                marker_line_width=0.4,
                colorbar=dict(title=dict(text=_("LQ"), side="right"), thickness=14, len=0.8, **lq_ticks(lang)),
            )
        )
    drawn = set(df["code"])
    outlined = [c for c in (specialised or []) if c in drawn]
    for colour, width in (("white", 3.2), (OUTLINE, 1.6)) if outlined else ():  # visible on light and dark
        fig.add_trace(
            dict(
                type="choropleth",
                geojson=geojson,
                featureidkey="id",
                locations=outlined,
                z=[0] * len(outlined),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                hoverinfo="skip",
                marker_line_color=colour,
                marker_line_width=width,
                name=_("specialised"),
            )
        )
    fig.update_geos(
        visible=False, fitbounds=False, projection_type="mercator", lataxis_range=[34, 71], lonaxis_range=[-25, 42]
    )
    fig.update_layout(
        template=theme.template(),
        title=title,
        margin=dict(l=0, r=0, t=50, b=0),
        dragmode=False,
        showlegend=False,
        height=560,
    )
    return fig


def ranking_bars(
    df: pd.DataFrame,
    title: str,
    lq_min: float,
    country: str | None = None,
    max_rows: int = 40,
    subtitle: str = "",
    lang: str = "en",
) -> go.Figure:
    """Specialised regions, highest LQ first (df: code, name, country, value, share, complete, rank); regions of
    `country` in the country colour; the LQ threshold as a dashed line. `title` and `subtitle` come translated."""
    _ = translator(lang)
    if df.empty:
        return theme.empty_figure(_("No region passes both thresholds."), title, height=240)
    shown = df.head(max_rows)
    colours = [theme.COUNTRY_COLOUR if c == country else theme.REGION_COLOUR for c in shown["country"]]
    bound = np.where(shown["complete"].fillna(True).astype(bool), "", " " + _("(lower bound)"))
    fig = theme.figure(
        dict(
            type="bar",
            y=shown["code"].to_numpy(),
            x=shown["value"].to_numpy(),
            orientation="h",
            marker_color=colours,
            text=[number_text(v, lang, 2) for v in shown["value"]],
            textposition="outside",
            cliponaxis=False,
            customdata=np.stack(
                [
                    shown["name"],
                    [number_text(s * 100, lang, 1) for s in shown["share"]],
                    bound,
                    shown["rank"].astype(str),
                ],
                axis=-1,
            ),
            hovertemplate="#%{customdata[3]} <b>%{customdata[0]}</b> (%{y})<br>"
            + _("LQ")
            + " %{x:.2f}%{customdata[2]}<br>"
            + _("{share} % of business-economy employment").format(share="%{customdata[1]}")
            + "<extra></extra>",
            name=_("LQ"),
        )
    )
    fig.add_vline(x=lq_min, line_dash="dash", line_color=OUTLINE)
    fig.update_yaxes(
        autorange="reversed",
        tickvals=list(shown["code"]),
        ticktext=[f"{theme.truncate(n, 26)} ({c})" for n, c in zip(shown["name"], shown["code"])],
    )
    fig.update_xaxes(
        title_text=_("LQ (EU27 = 1); dashed: threshold {threshold}").format(threshold=number_text(lq_min, lang)),
        rangemode="tozero",
        range=[0, float(shown["value"].max()) * 1.18],
    )
    more = " " + _("(first {shown} of {total})").format(shown=max_rows, total=len(df)) if len(df) > max_rows else ""
    text = title + more + (f"<br><sup>{subtitle}</sup>" if subtitle else "")
    fig.update_layout(
        template=theme.template(),
        title=text,
        showlegend=False,
        height=max(300, 24 * len(shown) + 150),
        margin=dict(l=10, r=20, t=80, b=40),
    )
    return fig
