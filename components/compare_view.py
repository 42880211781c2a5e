"""The Compare page's named parts (side-by-side table, profiles, quadrant scatter) built from the tables.

Pure functions of `tables`: callbacks/compare.py caches them, and the peer-review pack reads the same names.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table, with_csv
from components.chart_parts import chart
from components.figures.profile import PEER_COLOUR, profile_figure, quadrant_scatter, series_style
from data.chart_data import spec
from data.profile import (
    AGGLOMERATIONS,
    PILOTS,
    PROFILE,
    comparison,
    indicator_years,
    measure_meta,
    nuts2_parts,
    peer_average,
    quadrant_frame,
)
from data.queries import combine_attributions, source_line
from data.region import number as _num

QUADRANT_WORDS = {"H": "high", "L": "low"}
LEVELS = {0: "country", 1: "NUTS 1", 2: "NUTS 2"}
PILOT_NAMES = {code: name for name, code in PILOTS}


def display_name(names, code: str) -> str:
    """The pilots by their English names (as in the briefings), the rest by their NUTS names."""
    return f"{PILOT_NAMES.get(code) or names.get(code, code)} ({code})"


def _fmt(value, decimals):
    v = _num(value)
    return theme.format_value(v if v is not None else float("nan"), decimals)


def _names(tables):
    return tables.regions.set_index("code")["name"]


def comparison_parts(tables, codes: list, year: int, view: str) -> dict:
    """Each region's values with EU ranks, the peer-group average and the normalised profiles (figure, rows)."""
    names = _names(tables)
    meta = tables.indicators.set_index("id")
    comp = comparison(tables.indicator_values, tables.regions, tables.indicators, codes, year)
    peer = peer_average(comp).set_index("indicator") if len(comp) else pd.DataFrame()
    years = indicator_years(tables.indicator_values, tables.regions, PROFILE, year, None, 2)
    labels = [f"{meta.loc[i, 'short_label']} ({years[i]})" if years[i] else meta.loc[i, "short_label"] for i in PROFILE]
    series = []
    for n, code in enumerate(codes):
        rows = comp[comp["region"] == code].set_index("indicator").reindex(list(PROFILE))
        style = series_style(n)
        series.append(
            {
                "name": display_name(names, code),
                "scores": [_num(v) for v in rows["score"]],
                "texts": [
                    _fmt(v, int(meta.loc[i, "decimals"])) if _num(v) is not None else ""
                    for i, v in zip(PROFILE, rows["value"])
                ],
                "colour": style["colour"],
                "dash": style["dash"],
                "symbol": style["symbol"],
            }
        )
    if len(codes) > 1:
        p = peer.reindex(list(PROFILE))
        series.append(
            {
                "name": "Peer-group average",
                "scores": [_num(v) for v in p["score"]],
                "texts": [
                    f"{_fmt(v, int(meta.loc[i, 'decimals']))} (mean of {int(k)})" if k else ""
                    for i, v, k in zip(PROFILE, p["value"], p["n"].fillna(0))
                ],
                "colour": PEER_COLOUR,
                "dash": "dash",
                "symbol": "x",
                "width": 3,
            }
        )
    title = f"Normalised profiles, reference year {year}"
    fig = profile_figure(labels, series, view, title) if codes else None
    if fig:
        with_csv(fig, spec("indicator_values", indicators=list(PROFILE), regions=list(codes), years=dict(years)))

    def cell(r):
        if _num(r["value"]) is None:
            return theme.MISSING_TEXT
        rank = f" ({int(r['rank'])}/{int(r['n'])})" if _num(r["rank"]) is not None else ""
        return _fmt(r["value"], int(meta.loc[r["indicator"], "decimals"])) + rank

    table = []
    for code in codes:
        rows = comp[comp["region"] == code].set_index("indicator")
        level = int(rows["level"].iloc[0]) if len(rows) else 2
        row = {"region": display_name(names, code), "level": LEVELS[level]}
        for i in PROFILE:
            row[i] = cell({**rows.loc[i].to_dict(), "indicator": i})
        table.append(row)
    if len(codes) > 1:
        row = {"region": "Peer-group average (simple mean)", "level": ""}
        for i in PROFILE:
            r = peer.loc[i] if i in peer.index else None
            row[i] = (
                f"{_fmt(r['value'], int(meta.loc[i, 'decimals']))} (n={int(r['n'])})"
                if r is not None and int(r["n"]) > 0
                else theme.MISSING_TEXT
            )
        table.append(row)
    columns = {"region": "Region", "level": "Level"}
    columns.update(
        {i: f"{meta.loc[i, 'short_label']} ({years[i]})" if years[i] else meta.loc[i, "short_label"] for i in PROFILE}
    )
    score_table = [
        {
            "series": s["name"],
            **{lab: (f"{v:.2f}" if v is not None else theme.MISSING_TEXT) for lab, v in zip(labels, s["scores"])},
        }
        for s in series
    ]
    return {
        "figure": fig.to_plotly_json() if fig else None,
        "table": table,
        "columns": columns,
        "score_table": score_table,
        "score_columns": ["series"] + labels,
        "title": title,
        "years": {meta.loc[i, "short_label"]: years[i] for i in PROFILE},
    }


def scatter_parts(tables, codes: list, year: int, x: str, y: str) -> dict:
    """The EU NUTS 2 regions on two measures split at the medians, with the chosen regions (or their NUTS 2
    parts) highlighted and placed in words."""
    names = _names(tables)
    xm, ym = measure_meta(tables.indicators, x), measure_meta(tables.indicators, y)
    df, summary = quadrant_frame(tables.indicator_values, tables.regions, tables.ecosystem_employment, x, y, year)
    x_label = f"{xm['short_label']} ({summary['x_year']})"
    y_label = f"{ym['short_label']} ({summary['y_year']})"
    xs, ys = xm["short_label"], ym["short_label"]
    quadrant_names = {
        q: f"{QUADRANT_WORDS[q[0]].capitalize()} {xs}, {QUADRANT_WORDS[q[1]]} {ys}" for q in ("HH", "LH", "HL", "LL")
    }
    by_code = df.set_index("code")
    highlights, notes, highlighted = [], [], {}
    for n, code in enumerate(codes):
        parts = [p for p in nuts2_parts(tables.regions, code) if p in by_code.index]
        style = series_style(n)
        pts = [
            {"code": p, "name": by_code.loc[p, "name"], "x": _num(by_code.loc[p, "x"]), "y": _num(by_code.loc[p, "y"])}
            for p in parts
        ]
        label = display_name(names, code) + ("" if parts == [code] else f": NUTS 2 {', '.join(parts)}")
        highlights.append({"name": label, "colour": style["colour"], "symbol": style["symbol"], "points": pts})
        placed = []
        for p in parts:
            highlighted[p] = display_name(names, code)
            q = by_code.loc[p, "quadrant"]
            where = (
                f"{QUADRANT_WORDS[q[0]]} {xs}, {QUADRANT_WORDS[q[1]]} {ys}"
                if isinstance(q, str)
                else "no data for one of the axes"
            )
            placed.append(where if parts == [code] else f"{p} {where}")
        if not parts:
            placed.append("no NUTS 2 region in the EU set")
        notes.append(f"{display_name(names, code)}: " + "; ".join(placed))
    points = [{"code": r.code, "name": r.name, "x": _num(r.x), "y": _num(r.y)} for r in df.itertuples()]
    title = f"{xs} against {ys}, EU NUTS 2 regions"
    fig = quadrant_scatter(
        points,
        highlights,
        x_label,
        y_label,
        summary["x_median"],
        summary["y_median"],
        summary["counts"],
        quadrant_names,
        f"{title}<br><sup>{x_label} · {y_label}</sup>",
        int(xm["decimals"]),
        int(ym["decimals"]),
    )
    with_csv(
        fig,
        spec(
            "indicator_values",
            indicators=[x, y],
            level=2,
            eu_only=True,
            years={x: summary["x_year"], y: summary["y_year"]},
        ),
    )
    table = df.assign(
        selected=df["code"].map(highlighted).fillna(""),
        xv=[_fmt(v, int(xm["decimals"])) for v in df["x"]],
        yv=[_fmt(v, int(ym["decimals"])) for v in df["y"]],
        quad=[quadrant_names[q] if isinstance(q, str) else theme.MISSING_TEXT for q in df["quadrant"]],
    )
    table = table.assign(order=(table["selected"] == "")).sort_values(["order", "code"])
    return {
        "figure": fig.to_plotly_json(),
        "title": title,
        "notes": notes,
        "summary": summary,
        "quadrant_names": quadrant_names,
        "x_label": x_label,
        "y_label": y_label,
        "table": table[["code", "name", "selected", "xv", "yv", "quad"]].to_dict("records"),
    }


def comparison_answer(tables, data: dict, year: int, default_year) -> dict:
    """The side-by-side table, its source and year note, and the profiles chart, by name, from `comparison_parts`."""
    source = source_line(tables.indicators, tables.sources, PROFILE)
    note = (
        f"Reference year {year}"
        + (" (the latest year with data)" if year == default_year else "")
        + ". Every region uses the same year per indicator: the latest up to then with data for most EU "
        "NUTS 2 regions (" + ", ".join(f"{k} {v}" for k, v in data["years"].items() if v) + ")."
    )
    scores = data_table(
        pd.DataFrame(data["score_table"]), {c: "Series" if c == "series" else c for c in data["score_columns"]}
    )
    return {
        "table": data_table(pd.DataFrame(data["table"]), data["columns"]),
        "table_source": source,
        "year_note": note,
        "profile": chart(data["figure"], scores, source, data["title"]),
    }


def scatter_answer(tables, data: dict, x: str, y: str) -> dict:
    """The quadrant scatter chart and the quadrants' summary, by name, from `scatter_parts`."""
    s = data["summary"]
    counts = " · ".join(f"{data['quadrant_names'][q]}: {s['counts'][q]}" for q in ("HH", "LH", "HL", "LL"))
    summary = html.Div(
        [
            html.P(
                [
                    html.Strong("Quadrants "),
                    f"(medians {data['x_label']} {s['x_median']:,.2f}, "
                    f"{data['y_label']} {s['y_median']:,.2f}): {counts}. "
                    f"{s['missing']} regions lack one of the values and are not placed.",
                ],
                className="mb-1",
            ),
            html.Ul([html.Li(n) for n in data["notes"]], className="mb-0") if data["notes"] else None,
        ],
        id="compare-quadrant-summary",
    )
    columns = {
        "code": "Code",
        "name": "Region",
        "selected": "Selected as",
        "xv": data["x_label"],
        "yv": data["y_label"],
        "quad": "Quadrant",
    }
    table = data_table(pd.DataFrame(data["table"]), columns)
    return {"scatter": chart(data["figure"], table, _sources(tables, [x, y]), data["title"]), "quadrants": summary}


def _sources(tables, measures):
    ids_ = [m for m in measures if m != AGGLOMERATIONS]
    text = source_line(tables.indicators, tables.sources, ids_) if ids_ else ""
    if AGGLOMERATIONS in measures:
        attribution = tables.sources.set_index("id")["attribution"]
        extra = [attribution[i] for i in ("sbs", "ecosystem_weights") if i in attribution.index]
        text = combine_attributions([text] + extra)
    return text
