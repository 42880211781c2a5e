"""The briefing's Figure 4 (composite indicator against cluster stars, the regions' types) as plain data.

A pure function of the tables and validated values: callbacks/briefing.py caches it per threshold choice, and the
page, the PDF and the PowerPoint (callbacks/briefing_export.py) read the same parts by name.
"""

from __future__ import annotations

import pandas as pd

from components.briefing_view import level_word
from components.chart_card import with_csv
from components.figures.briefing import figure4
from components.region_view import attribution
from data import briefing as say
from data import typology as ty
from data.chart_data import drawn
from data.labels import indicators_in
from data.queries import combine_attributions, source_line
from i18n import N_, format_number, translator
from state.rankings import format_weights, parse_weights

# The table's column headers, in English; `figure4_columns(lang)` gives them in a language.
FIG4_COLUMNS = {
    "code": N_("Code"),
    "name": N_("Region"),
    "level": N_("Compared with"),
    "composite": N_("Composite"),
    "stars": N_("Stars"),
    "type": N_("Type"),
}


def figure4_columns(lang: str = "en") -> dict:
    _ = translator(lang)
    return {key: _(label) for key, label in FIG4_COLUMNS.items()}


def _short(x, lang: str) -> str:
    """A threshold as `{:g}` writes it (0.5, 18.8), in the locale's format."""
    return format_number(x, lang, len(f"{x:g}".partition(".")[2]))


def figure4_parts(
    tables, codes: list, kind: str, c1: float, c2: float, s1, s2, weights: str, highlight: str, lang: str = "en"
) -> dict:
    """Figure 4 for `codes`: composite of each region among the EU regions of its level (the Rankings
    composite), total stars, the types; with the thresholds' note and one text row per region, in `lang`."""
    _ = translator(lang)
    totals = ty.star_totals(tables.cluster_stars, kind)
    th = ty.star_thresholds(totals, kind, s1, s2, lang)
    names = dict(zip(tables.regions["code"], tables.regions["name"]))
    levels = dict(zip(tables.regions["code"], tables.regions["level"].astype(int)))
    weight_map = parse_weights(weights, tables.indicators["id"].tolist(), []) if weights else None
    composite, method = {}, []
    labels = dict(zip(tables.indicators["id"], indicators_in(tables.indicators, lang)["short_label"]))
    for level in sorted({levels[c] for c in codes if c in levels}):
        res = ty.composite_by_level(tables.indicator_values, tables.indicators, tables.regions, level, weight_map)
        composite.update({k: v for k, v in res["value"].items() if pd.notna(v)})
        used = ", ".join(labels.get(i, i) for i in res["weights"]) or _("none")
        method.append(
            _("{level}: {year}, equal weights over {indicators}").format(
                level=level_word(level, lang), year=res["year"] or _("no year"), indicators=used
            )
            if not weight_map
            else _("{level}: {year}, weights {weights}").format(
                level=level_word(level, lang), year=res["year"], weights=format_weights(res["weights"])
            )
        )
    stars = {c: totals["stars"].get(c) for c in codes}
    points = ty.figure4_points(codes, names, levels, composite, stars, th, c1, c2, lang)
    kind_word = _(ty.KIND_WORDS[kind])
    title = (
        _("Composite indicator and cluster stars ({sectors})").format(sectors=kind_word)
        + "<br><sup>"
        + _("{count} regions; types by composite {c_low} / {c_high} and stars {s_low} / {s_high}").format(
            count=len(codes),
            c_low=_short(c1, lang),
            c_high=_short(c2, lang),
            s_low=_short(th["low"], lang),
            s_high=_short(th["high"], lang),
        )
        + "</sup>"
    )
    star_label = _("Cluster stars (total over {sectors})").format(sectors=kind_word)
    fig = figure4(
        points,
        th,
        c1,
        c2,
        title,
        star_label=star_label,
        composite_label=_("Composite indicator (0 to 1)"),
        highlight=highlight,
        lang=lang,
    )
    missing = _(say.MISSING)
    rows = [
        {
            "code": p["code"],
            "name": p["name"],
            "level": level_word(p["level"], lang),
            "composite": format_number(float(f"{p['composite']:.3f}"), lang, 3)
            if p["composite"] is not None
            else missing,
            "stars": format_number(float(f"{p['stars']:.0f}"), lang) if p["stars"] is not None else missing,
            "type": p["type_label"],
        }
        for p in points
    ]
    point = next((p for p in points if p["code"] == highlight), None)
    sentence = (
        say.figure4_sentence(point, points, level_word(levels.get(highlight), lang), kind_word, lang)
        if point
        else say.semicolons((_("{code}: {type}").format(code=p["code"], type=p["type_label"]) for p in points), lang)
        + "."
    )
    method_note = (
        _(
            "Composite: the Rankings composite (min-max, arithmetic mean) over the EU regions of each region's own "
            "level, with the Rankings default year and indicators ({method}). Stars: each region against the EU "
            "regions of its level."
        ).format(method=say.semicolons(method, lang))
        + " "
        + th["note"]
    )
    source = combine_attributions(
        [
            source_line(tables.indicators, tables.sources, list(weight_map or {}) or ["gdp_pc_pps", "gerd_pc_gdp"]),
            attribution(tables.sources, ["sbs"] + (["ecosystem_weights"] if kind == "ecosystem" else [])),
        ]
    )
    drawn_points = pd.DataFrame(
        [
            {
                "what": what,
                "unit": unit,
                "code": p["code"],
                "name": p["name"],
                "value": None if p[key] is None else round(p[key], 3),
            }
            for p in points
            for what, unit, key in (
                ("Composite indicator", "score, 0 to 1", "composite"),
                (f"Cluster stars (total over {ty.KIND_WORDS[kind]})", "stars", "stars"),
            )
        ]
    )
    with_csv(fig, drawn(drawn_points, source=source + "; composite and stars: own calculation"))
    return {
        "figure": fig.to_plotly_json(),
        "rows": rows,
        "sentence": sentence,
        "note": method_note,
        "source": source + "; " + _("composite and stars: own calculation"),
        "thresholds": th,
        "title": _("Figure 4: composite indicator and cluster stars ({sectors})").format(sectors=kind_word),
        "types": {p["code"]: p["type"] for p in points},
    }
