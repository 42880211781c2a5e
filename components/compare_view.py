"""The Compare page's named parts (side-by-side table, profiles, quadrant scatter) built from the tables.

Pure functions of `tables`: callbacks/compare.py caches them, and the peer-review pack reads the same names.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from components import theme
from components.chart_card import records_table, with_csv
from components.chart_parts import chart
from components.figures.profile import PEER_COLOUR, profile_figure, quadrant_scatter, series_style
from data.chart_data import spec
from data.labels import indicators_in
from data.profile import (
    AGGLOMERATIONS,
    PILOTS,
    PROFILE,
    comparison_records,
    indicator_rows,
    indicator_years,
    measure_meta,
    nuts2_parts,
    peer_average,
    quadrant_frame,
)
from data.queries import combine_attributions, source_line, source_text
from data.region import number as _num
from i18n import DEFAULT_LANGUAGE, N_, format_number, ntranslator, translator

# A quadrant by its place against the medians (x first): its name in the chart and table, and in a sentence.
QUADRANT_NAMES = {
    "HH": N_("High {x}, high {y}"),
    "LH": N_("Low {x}, high {y}"),
    "HL": N_("High {x}, low {y}"),
    "LL": N_("Low {x}, low {y}"),
}
QUADRANT_PLACES = {
    "HH": N_("high {x}, high {y}"),
    "LH": N_("low {x}, high {y}"),
    "HL": N_("high {x}, low {y}"),
    "LL": N_("low {x}, low {y}"),
}
LEVELS = {0: N_("country"), 1: "NUTS 1", 2: "NUTS 2"}
PILOT_NAMES = {code: name for name, code in PILOTS}
PEER_AVERAGE = N_("Peer-group average")


def display_name(names, code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The pilots by their names in the briefings (in `lang`), the rest by their NUTS names."""
    pilot = PILOT_NAMES.get(code)
    return f"{translator(lang)(pilot) if pilot else names.get(code, code)} ({code})"


def _fmt(value, decimals, lang: str = DEFAULT_LANGUAGE):
    v = _num(value)
    return theme.format_value(v if v is not None else float("nan"), decimals, lang=lang)


def _decimal(value, decimals: int, lang: str) -> str:
    """A number with thousands separators written into text (English as before: '1,234.56')."""
    return f"{value:,.{decimals}f}" if lang == DEFAULT_LANGUAGE else format_number(value, lang, decimals)


def _list_separator(lang: str) -> str:
    """'; ' between items of a list in a sentence (French puts a narrow no-break space before the semicolon)."""
    return "; " if lang == DEFAULT_LANGUAGE else "\u202f; "


def measure_texts(tables, measure: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """`measure_meta` with its label, short label and unit in `lang`."""
    meta = measure_meta(indicators_in(tables.indicators, lang), measure)
    if measure == AGGLOMERATIONS:
        _ = translator(lang)
        meta.update({k: _(meta[k]) for k in ("label", "short_label", "unit")})
    return meta


def _names(tables):
    return tables.regions.set_index("code")["name"]


def comparison_parts(tables, codes: list, year: int, view: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """Each region's values with EU ranks, the peer-group average and the normalised profiles (figure, rows), in
    `lang`."""
    _ = translator(lang)
    names = _names(tables)
    meta = indicator_rows(indicators_in(tables.indicators, lang))
    records = comparison_records(tables.indicator_values, tables.regions, tables.indicators, codes, year)
    by_cell = {(r["region"], r["indicator"]): r for r in records}
    peer = peer_average(pd.DataFrame(records)).set_index("indicator").to_dict("index") if records else {}
    years = indicator_years(tables.indicator_values, tables.regions, PROFILE, year, None, 2)
    short = {i: meta[i]["short_label"] for i in PROFILE}
    decimals = {i: int(meta[i]["decimals"]) for i in PROFILE}
    labels = [f"{short[i]} ({years[i]})" if years[i] else short[i] for i in PROFILE]
    series = []
    for n, code in enumerate(codes):
        rows = [by_cell[code, i] for i in PROFILE]
        style = series_style(n)
        series.append(
            {
                "name": display_name(names, code, lang),
                "scores": [_num(r["score"]) for r in rows],
                "texts": [
                    _fmt(r["value"], decimals[i], lang) if _num(r["value"]) is not None else ""
                    for i, r in zip(PROFILE, rows)
                ],
                "colour": style["colour"],
                "dash": style["dash"],
                "symbol": style["symbol"],
            }
        )
    if len(codes) > 1:
        p = [peer.get(i, {}) for i in PROFILE]
        series.append(
            {
                "name": _(PEER_AVERAGE),
                "scores": [_num(r.get("score")) for r in p],
                "texts": [
                    _("{value} (mean of {count})").format(value=_fmt(r["value"], decimals[i], lang), count=int(r["n"]))
                    if r.get("n")
                    else ""
                    for i, r in zip(PROFILE, p)
                ],
                "colour": PEER_COLOUR,
                "dash": "dash",
                "symbol": "x",
                "width": 3,
            }
        )
    title = _("Normalised profiles, reference year {year}").format(year=year)
    fig = profile_figure(labels, series, view, title, lang) if codes else None
    if fig:
        with_csv(fig, spec("indicator_values", indicators=list(PROFILE), regions=list(codes), years=dict(years)))

    def cell(r):
        if _num(r["value"]) is None:
            return _(theme.MISSING_TEXT)
        rank = f" ({int(r['rank'])}/{int(r['n'])})" if _num(r["rank"]) is not None else ""
        return _fmt(r["value"], decimals[r["indicator"]], lang) + rank

    table = []
    for code in codes:
        level = by_cell[code, PROFILE[0]]["level"] if PROFILE else 2
        row = {"region": display_name(names, code, lang), "level": _(LEVELS[level])}
        for i in PROFILE:
            row[i] = cell(by_cell[code, i])
        table.append(row)
    if len(codes) > 1:
        row = {"region": _("Peer-group average (simple mean)"), "level": ""}
        for i in PROFILE:
            r = peer.get(i)
            row[i] = (
                f"{_fmt(r['value'], decimals[i], lang)} (n={int(r['n'])})"
                if r is not None and int(r["n"]) > 0
                else _(theme.MISSING_TEXT)
            )
        table.append(row)
    columns = {"region": _("Region"), "level": _("Level")}
    columns.update(dict(zip(PROFILE, labels)))
    score_table = [
        {
            "series": s["name"],
            **{
                lab: (_decimal(v, 2, lang) if v is not None else _(theme.MISSING_TEXT))
                for lab, v in zip(labels, s["scores"])
            },
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
        "years": {short[i]: years[i] for i in PROFILE},
    }


def scatter_parts(tables, codes: list, year: int, x: str, y: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The EU NUTS 2 regions on two measures split at the medians, with the chosen regions (or their NUTS 2
    parts) highlighted and placed in words, in `lang`."""
    _ = translator(lang)
    names = _names(tables)
    xm, ym = measure_texts(tables, x, lang), measure_texts(tables, y, lang)
    df, summary = quadrant_frame(tables.indicator_values, tables.regions, tables.ecosystem_employment, x, y, year)
    x_label = f"{xm['short_label']} ({summary['x_year']})"
    y_label = f"{ym['short_label']} ({summary['y_year']})"
    xs, ys = xm["short_label"], ym["short_label"]
    quadrant_names = {q: _(QUADRANT_NAMES[q]).format(x=xs, y=ys) for q in ("HH", "LH", "HL", "LL")}
    columns = {c: df[c].tolist() for c in ("code", "name", "x", "y")}
    quadrants = list(df["quadrant"])  # str or NA
    by_code = {c: k for k, c in enumerate(columns["code"])}
    highlights, notes, highlighted = [], [], {}
    for n, code in enumerate(codes):
        parts = [p for p in nuts2_parts(tables.regions, code) if p in by_code]
        style = series_style(n)
        pts = [
            {
                "code": p,
                "name": columns["name"][by_code[p]],
                "x": _num(columns["x"][by_code[p]]),
                "y": _num(columns["y"][by_code[p]]),
            }
            for p in parts
        ]
        name = display_name(names, code, lang)
        label = name if parts == [code] else _("{name}: NUTS 2 {codes}").format(name=name, codes=", ".join(parts))
        highlights.append({"name": label, "colour": style["colour"], "symbol": style["symbol"], "points": pts})
        placed = []
        for p in parts:
            highlighted[p] = name
            q = quadrants[by_code[p]]
            where = _(QUADRANT_PLACES[q]).format(x=xs, y=ys) if isinstance(q, str) else _("no data for one of the axes")
            placed.append(where if parts == [code] else f"{p} {where}")
        if not parts:
            placed.append(_("no NUTS 2 region in the EU set"))
        notes.append(_("{name}: {places}").format(name=name, places=_list_separator(lang).join(placed)))
    points = [
        {"code": c, "name": name, "x": _num(x), "y": _num(y)}
        for c, name, x, y in zip(columns["code"], columns["name"], columns["x"], columns["y"])
    ]
    title = _("{x} against {y}, EU NUTS 2 regions").format(x=xs, y=ys)
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
        lang,
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
    x_decimals, y_decimals = int(xm["decimals"]), int(ym["decimals"])
    table = [
        {
            "code": c,
            "name": name,
            "selected": highlighted.get(c, ""),
            "xv": _fmt(x, x_decimals, lang),
            "yv": _fmt(y, y_decimals, lang),
            "quad": quadrant_names[q] if isinstance(q, str) else _(theme.MISSING_TEXT),
        }
        for c, name, x, y, q in zip(columns["code"], columns["name"], columns["x"], columns["y"], quadrants)
    ]
    table.sort(key=lambda r: (r["selected"] == "", r["code"]))  # the chosen regions first, then by code
    return {
        "figure": fig.to_plotly_json(),
        "title": title,
        "notes": notes,
        "summary": summary,
        "quadrant_names": quadrant_names,
        "x_label": x_label,
        "y_label": y_label,
        "table": table,
    }


def comparison_answer(tables, data: dict, year: int, default_year, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The side-by-side table, its source and year note, and the profiles chart, by name, from `comparison_parts`
    (made in the same `lang`)."""
    _ = translator(lang)
    source = source_line(tables.indicators, tables.sources, PROFILE, lang)
    note = (
        _("Reference year {year}").format(year=year)
        + (" " + _("(the latest year with data)") if year == default_year else "")
        + ". "
        + _(
            "Every region uses the same year per indicator: the latest up to then with data for most EU NUTS 2 "
            "regions ({years})."
        ).format(years=", ".join(f"{k} {v}" for k, v in data["years"].items() if v))
    )
    scores = records_table(
        data["score_table"],
        {c: _("Series") if c == "series" else c for c in data["score_columns"]},
        lang=lang,
    )
    return {
        "table": records_table(data["table"], data["columns"], lang=lang),
        "table_source": source,
        "year_note": note,
        "profile": chart(data["figure"], scores, source, data["title"]),
    }


def scatter_answer(tables, data: dict, x: str, y: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The quadrant scatter chart and the quadrants' summary, by name, from `scatter_parts` (made in the same
    `lang`)."""
    _, ngettext = translator(lang), ntranslator(lang)
    s = data["summary"]
    counts = " · ".join(
        _("{name}: {value}").format(name=data["quadrant_names"][q], value=s["counts"][q])
        for q in ("HH", "LH", "HL", "LL")
    )
    missing = int(s["missing"])
    summary = html.Div(
        [
            html.P(
                [
                    html.Strong(_("Quadrants") + " "),
                    _("(medians {x} {x_median}, {y} {y_median}): {counts}.").format(
                        x=data["x_label"],
                        x_median=_decimal(s["x_median"], 2, lang),
                        y=data["y_label"],
                        y_median=_decimal(s["y_median"], 2, lang),
                        counts=counts,
                    )
                    + " "
                    + ngettext(
                        "{count} region lacks one of the values and is not placed.",
                        "{count} regions lack one of the values and are not placed.",
                        missing,
                    ).format(count=missing),
                ],
                className="mb-1",
            ),
            html.Ul([html.Li(n) for n in data["notes"]], className="mb-0") if data["notes"] else None,
        ],
        id="compare-quadrant-summary",
    )
    columns = {
        "code": _("Code"),
        "name": _("Region"),
        "selected": _("Selected as"),
        "xv": data["x_label"],
        "yv": data["y_label"],
        "quad": _("Quadrant"),
    }
    table = records_table(data["table"], columns, lang=lang)
    source = _sources(tables, [x, y], lang)
    return {"scatter": chart(data["figure"], table, source, data["title"]), "quadrants": summary}


def _sources(tables, measures, lang: str = DEFAULT_LANGUAGE):
    ids_ = [m for m in measures if m != AGGLOMERATIONS]
    text = source_line(tables.indicators, tables.sources, ids_) if ids_ else ""
    if AGGLOMERATIONS in measures:
        attribution = tables.sources.set_index("id")["attribution"]
        extra = [attribution[i] for i in ("sbs", "ecosystem_weights") if i in attribution.index]
        text = combine_attributions([text] + extra)
    return source_text(text, lang)
