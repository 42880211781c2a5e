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
from data.queries import combine_attributions, source_line
from state.rankings import format_weights, parse_weights

FIG4_COLUMNS = {
    "code": "Code",
    "name": "Region",
    "level": "Compared with",
    "composite": "Composite",
    "stars": "Stars",
    "type": "Type",
}


def figure4_parts(tables, codes: list, kind: str, c1: float, c2: float, s1, s2, weights: str, highlight: str) -> dict:
    """Figure 4 for `codes`: composite of each region among the EU regions of its level (the Rankings
    composite), total stars, the types; with the thresholds' note and one text row per region."""
    totals = ty.star_totals(tables.cluster_stars, kind)
    th = ty.star_thresholds(totals, kind, s1, s2)
    names = dict(zip(tables.regions["code"], tables.regions["name"]))
    levels = dict(zip(tables.regions["code"], tables.regions["level"].astype(int)))
    weight_map = parse_weights(weights, tables.indicators["id"].tolist(), []) if weights else None
    composite, method = {}, []
    labels = dict(zip(tables.indicators["id"], tables.indicators["short_label"]))
    for level in sorted({levels[c] for c in codes if c in levels}):
        res = ty.composite_by_level(tables.indicator_values, tables.indicators, tables.regions, level, weight_map)
        composite.update({k: v for k, v in res["value"].items() if pd.notna(v)})
        used = ", ".join(labels.get(i, i) for i in res["weights"]) or "none"
        method.append(
            f"{level_word(level)}: {res['year'] or 'no year'}, equal weights over {used}"
            if not weight_map
            else f"{level_word(level)}: {res['year']}, weights {format_weights(res['weights'])}"
        )
    stars = {c: totals["stars"].get(c) for c in codes}
    points = ty.figure4_points(codes, names, levels, composite, stars, th, c1, c2)
    kind_word = ty.KIND_WORDS[kind]
    title = (
        f"Composite indicator and cluster stars ({kind_word})<br><sup>{len(codes)} regions; types by composite "
        f"{c1:g} / {c2:g} and stars {th['low']:g} / {th['high']:g}</sup>"
    )
    fig = figure4(points, th, c1, c2, title, star_label=f"Cluster stars (total over {kind_word})", highlight=highlight)
    rows = [
        {
            "code": p["code"],
            "name": p["name"],
            "level": level_word(p["level"]),
            "composite": f"{p['composite']:.3f}" if p["composite"] is not None else say.MISSING,
            "stars": f"{p['stars']:.0f}" if p["stars"] is not None else say.MISSING,
            "type": p["type_label"],
        }
        for p in points
    ]
    point = next((p for p in points if p["code"] == highlight), None)
    sentence = (
        say.figure4_sentence(point, points, level_word(levels.get(highlight)), kind_word)
        if point
        else "; ".join(f"{p['code']}: {p['type_label']}" for p in points) + "."
    )
    method_note = (
        "Composite: the Rankings composite (min-max, arithmetic mean) over the EU regions of each region's "
        "own level, with the Rankings default year and indicators (" + "; ".join(method) + "). Stars: "
        "each region against the EU regions of its level. " + th["note"]
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
                (f"Cluster stars (total over {kind_word})", "stars", "stars"),
            )
        ]
    )
    with_csv(fig, drawn(drawn_points, source=source + "; composite and stars: own calculation"))
    return {
        "figure": fig.to_plotly_json(),
        "rows": rows,
        "sentence": sentence,
        "note": method_note,
        "source": source + "; composite and stars: own calculation",
        "thresholds": th,
        "title": f"Figure 4: composite indicator and cluster stars ({kind_word})",
        "types": {p["code"]: p["type"] for p in points},
    }
