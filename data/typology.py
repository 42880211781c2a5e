"""The seed briefings' Figure 4: composite indicator against total cluster stars, and the three types of region.

The EOCIC briefings (Hauts-de-France, Centre-Val de Loire, 2019, section 1.2) read three types off their
Figure 4: (1) many cluster stars but a moderate composite (below 0.5); (2) moderate on both (below 35 stars and
a composite below 0.6); (3) a leader on the composite (Walloon Brabant, 0.75). Their stars run to 69 (Piemonte).
Our star totals come from other sectors (68 NACE divisions or 14 ecosystems, 3 criteria: `data/build/stars.py`),
so the star thresholds 35 and 45 are **rescaled**: multiplied by Piemonte's total here over its 69 there
(`star_thresholds`). The composite thresholds stay 0.5 / 0.6: both composites run from 0 to 1 (min-max).

Types, for thresholds c_low <= c_high on the composite and s_low <= s_high on the stars:
1. many stars, moderate composite: stars >= s_high and composite < c_low;
2. moderate on both: stars < s_low and composite < c_high;
3. composite leader: composite >= c_high;
otherwise "between types" (the briefings' plane leaves these areas unnamed), and "not placed" when the
composite or the star total is missing. All pure functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import composite as comp
from data.store import memo_for
from i18n import N_, format_number, translator

SEED_COMPOSITE = (0.5, 0.6)
SEED_STARS = (35, 45)
SEED_ANCHOR = ("ITC1", "Piemonte", 69)  # the briefings' highest star total among the pilot NUTS 2 regions
# English, marked for the catalogue: shown as `translator(lang)(TYPES[key])`.
TYPES = {
    "stars": N_("Type 1: many stars, moderate composite"),
    "moderate": N_("Type 2: moderate on both"),
    "leader": N_("Type 3: composite leader"),
    "between": N_("Between types"),
    "missing": N_("Not placed (data missing)"),
}
KIND_WORDS = {"nace": N_("NACE divisions"), "ecosystem": N_("industrial ecosystems")}
LEVEL_WORDS = {0: N_("countries"), 1: N_("NUTS 1 regions"), 2: N_("NUTS 2 regions")}


def star_totals(cluster_stars: pd.DataFrame, kind: str = "nace") -> pd.DataFrame:
    """Per region (index): level, stars (sum over the sectors that could be judged), sectors, judged (sectors
    with at least one criterion judged), unknown_sectors (nothing could be judged), unknown_criteria,
    three_star (sectors with 3 stars). A region with no judged sector has stars <NA>, never 0. Kept per data
    version in the app (the callbacks and the briefing page read it on every request)."""
    return memo_for(cluster_stars, ("typology.star_totals", kind), lambda: _star_totals(cluster_stars, kind))


def _star_totals(cluster_stars: pd.DataFrame, kind: str) -> pd.DataFrame:
    rows = cluster_stars[cluster_stars["kind"] == kind]
    g = rows.groupby("region", sort=True)
    out = pd.DataFrame(
        {
            "level": g["level"].first(),
            "stars": g["stars"].sum(min_count=1).astype("Int64"),
            "sectors": g["sector"].size(),
            "judged": g["stars"].count(),
            "unknown_criteria": g["unknown"].sum(),
            "three_star": (rows["stars"] == 3).fillna(False).astype(int).groupby(rows["region"], sort=True).sum(),
        }
    )
    out["unknown_sectors"] = out["sectors"] - out["judged"]
    return out


def region_star_rows(cluster_stars: pd.DataFrame, code: str, kind: str = "nace") -> pd.DataFrame:
    """The rows of one region and kind, in table order. Their positions are kept per data version: filtering the
    whole table (~28,000 rows) on every request cost more than the rest of the briefing's stars section."""
    positions = memo_for(cluster_stars, ("typology.star_rows", kind), lambda: _star_positions(cluster_stars, kind))
    return cluster_stars.iloc[positions.get(code, np.array([], dtype="int64"))]


def _star_positions(cluster_stars: pd.DataFrame, kind: str) -> dict:
    """Region -> the ascending positions of its rows of `kind` (rows without a region are in none)."""
    rows = np.flatnonzero((cluster_stars["kind"] == kind).to_numpy(dtype=bool, na_value=False))
    groups = pd.Series(rows).groupby(cluster_stars["region"].to_numpy(dtype=object)[rows]).indices
    return {region: rows[at] for region, at in groups.items()}


def stars_at_level(cluster_stars: pd.DataFrame, regions: pd.DataFrame, level: int, kind: str = "nace") -> pd.DataFrame:
    """The EU regions of a level with their total stars (code, name, value, flag; missing where no sector could be
    judged): the stars map's rows, the same for every region of the level, kept per data version (read-only)."""
    key = ("typology.stars_at_level", int(level), kind)
    return memo_for(cluster_stars, key, lambda: _stars_at_level(cluster_stars, regions, int(level), kind))


def _stars_at_level(cluster_stars: pd.DataFrame, regions: pd.DataFrame, level: int, kind: str) -> pd.DataFrame:
    totals = star_totals(cluster_stars, kind)
    at_level = totals[totals["level"] == level]
    level_regions = regions[(regions["level"] == level) & regions["is_eu"]]
    df = pd.DataFrame({"code": level_regions["code"], "name": level_regions["name"]})
    df["value"] = df["code"].map(at_level["stars"]).astype("Float64").astype("float64")
    df["flag"] = None
    return df


def _short(x, lang: str) -> str:
    """A threshold as written by `{:g}` (18.8, 35), in the locale's format."""
    decimals = len(f"{x:g}".partition(".")[2])
    return format_number(x, lang, decimals)


def star_thresholds(
    totals: pd.DataFrame, kind: str = "nace", low: float | None = None, high: float | None = None, lang: str = "en"
) -> dict:
    """The star thresholds (defaults: the briefings' 35 and 45 rescaled) and the sentence that says how (in
    `lang`)."""
    _ = translator(lang)
    code, name, seed_total = SEED_ANCHOR
    ours = totals["stars"].get(code, pd.NA) if len(totals) else pd.NA
    factor = float(ours) / seed_total if pd.notna(ours) and float(ours) > 0 else None
    if factor is None:  # the anchor has no total: keep the briefings' numbers and say so
        d_low, d_high, note = (
            SEED_STARS[0],
            SEED_STARS[1],
            _(
                "{region} ({code}) has no star total here, so the briefings' thresholds ({low} and {high} stars) "
                "are used unscaled."
            ).format(region=name, code=code, low=SEED_STARS[0], high=SEED_STARS[1]),
        )
    else:
        d_low, d_high = round(SEED_STARS[0] * factor, 1), round(SEED_STARS[1] * factor, 1)
        note = _(
            "Star thresholds rescaled from the briefings' {seed_low} and {seed_high}: {region} ({code}) has "
            "{seed_total} stars there and {total} here ({sectors}, 3 criteria), so each is multiplied by "
            "{total}/{seed_total} = {factor}, giving {low} and {high}."
        ).format(
            seed_low=SEED_STARS[0],
            seed_high=SEED_STARS[1],
            region=name,
            code=code,
            seed_total=seed_total,
            total=int(ours),
            sectors=_(KIND_WORDS[kind]),
            factor=format_number(float(f"{factor:.2f}"), lang, 2),
            low=_short(d_low, lang),
            high=_short(d_high, lang),
        )
    low = d_low if low is None else float(low)
    high = d_high if high is None else float(high)
    return {
        "low": min(low, high),
        "high": max(low, high),
        "default_low": d_low,
        "default_high": d_high,
        "factor": factor,
        "note": note,
    }


def classify(composite: float, stars: float, c_low: float, c_high: float, s_low: float, s_high: float) -> str:
    """The type key (see TYPES) of one region."""
    if composite is None or stars is None or pd.isna(composite) or pd.isna(stars):
        return "missing"
    c_low, c_high = min(c_low, c_high), max(c_low, c_high)
    s_low, s_high = min(s_low, s_high), max(s_low, s_high)
    if composite >= c_high:
        return "leader"
    if stars >= s_high and composite < c_low:
        return "stars"
    if stars < s_low:
        return "moderate"
    return "between"


def composite_by_level(
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    regions: pd.DataFrame,
    level: int,
    weights: dict | None = None,
    year: int | None = None,
    norm: str = "minmax",
    agg: str = "arithmetic",
) -> dict:
    """The Rankings composite over the EU regions of one NUTS level (the same function, `data.composite`, with
    the same default year and equal default weights as the Rankings page): {year, weights, value (Series by
    region), dropped}. value is empty when no indicator has data. Kept per data version and arguments in the app
    (Figure 4 asks for the same level and weights on every threshold change)."""
    key = ("typology.composite_by_level", level, tuple(sorted((weights or {}).items())), year, norm, agg)
    return memo_for(
        values, key, lambda: _composite_by_level(values, indicators, regions, level, weights, year, norm, agg)
    )


def _composite_by_level(values, indicators, regions, level, weights, year, norm, agg) -> dict:
    rows = regions[(regions["level"] == level) & regions["is_eu"]]
    codes = rows["code"].tolist()
    if year is None:
        year = comp.best_year(values, codes, weights) if weights else comp.default_year(indicators, values, codes)
    if year is None:
        return {"year": None, "weights": weights or {}, "value": pd.Series(dtype="float64"), "dropped": []}
    if not weights:
        ids = comp.default_indicators(indicators, values, codes, year)
        weights = dict.fromkeys(ids, 1)
    hib = dict(zip(indicators["id"], indicators["higher_is_better"]))
    frame, _ = comp.indicator_frame(values, codes, list(weights), year)
    try:
        result = comp.composite(frame, weights, hib, norm, agg)
    except ValueError:
        return {"year": year, "weights": weights, "value": pd.Series(dtype="float64"), "dropped": list(weights)}
    return {"year": int(year), "weights": dict(result.weights), "value": result.value, "dropped": result.dropped}


def figure4_points(
    codes,
    names: dict,
    levels: dict,
    composite: dict,
    stars: dict,
    thresholds: dict,
    c_low: float,
    c_high: float,
    lang: str = "en",
) -> list[dict]:
    """One record per region: code, name, level, composite, stars, type, type_label (in `lang`; in `codes`
    order)."""
    _ = translator(lang)
    out = []
    for code in codes:
        c, s = composite.get(code), stars.get(code)
        c = None if c is None or pd.isna(c) else float(c)
        s = None if s is None or pd.isna(s) else float(s)
        key = classify(c, s, c_low, c_high, thresholds["low"], thresholds["high"])
        out.append(
            {
                "code": code,
                "name": names.get(code, code),
                "level": levels.get(code),
                "composite": c,
                "stars": s,
                "type": key,
                "type_label": _(TYPES[key]),
            }
        )
    return out


def place_labels(
    xs, ys, texts, x_range, y_range, width: int, height: int, char_px: float = 8.0, line_px: float = 17.0, obstacles=()
) -> list[tuple[float, float]]:
    """Pixel offsets (ax, ay) of each label from its point so that no two labels overlap, and no label covers a
    point: a deterministic greedy search over 8 directions at growing distances, points taken left to right.
    `width`/`height` are the plot area in pixels; labels are assumed `char_px` per character and `line_px` high;
    `obstacles` are other pixel boxes (x0, y0, x1, y1, from the top left) that labels must not cover.
    Returns the offset of the last candidate tried when nothing fits (rare: very crowded plots)."""
    n = len(xs)
    px = [(x - x_range[0]) / ((x_range[1] - x_range[0]) or 1) * width for x in xs]
    py = [height - (y - y_range[0]) / ((y_range[1] - y_range[0]) or 1) * height for y in ys]
    boxes: list[tuple[float, float, float, float]] = list(obstacles)
    points = [(px[i] - 4, py[i] - 4, px[i] + 4, py[i] + 4) for i in range(n)]
    out: list[tuple[float, float] | None] = [None] * n
    directions = [(1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1), (1, 0), (-1, 0)]

    def overlaps(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for i in sorted(range(n), key=lambda k: (px[k], py[k], texts[k])):
        w, h = char_px * len(texts[i]) + 4, line_px
        chosen = None
        for step in range(1, 12):
            r = 14 * step
            for dx, dy in directions:
                ax, ay = dx * (r + (w / 2 if dx else 0)), dy * (r * 0.8)
                cx, cy = px[i] + ax, py[i] + ay
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                    continue
                if any(overlaps(box, b) for b in boxes) or any(overlaps(box, p) for p in points):
                    continue
                chosen = (ax, ay, box)
                break
            if chosen:
                break
        if chosen is None:
            chosen = (0.0, -20.0, (px[i] - w / 2, py[i] - 20 - h / 2, px[i] + w / 2, py[i] - 20 + h / 2))
        boxes.append(chosen[2])
        out[i] = (round(chosen[0], 1), round(chosen[1], 1))
    return out  # type: ignore[return-value]


def label_boxes(xs, ys, texts, offsets, x_range, y_range, width, height, char_px=8.0, line_px=17.0):
    """The pixel boxes the labels occupy (for tests and for checking a placement)."""
    boxes = []
    for x, y, t, (ax, ay) in zip(xs, ys, texts, offsets):
        cx = (x - x_range[0]) / ((x_range[1] - x_range[0]) or 1) * width + ax
        cy = height - (y - y_range[0]) / ((y_range[1] - y_range[0]) or 1) * height + ay
        w = char_px * len(t) + 4
        boxes.append((cx - w / 2, cy - line_px / 2, cx + w / 2, cy + line_px / 2))
    return boxes


def axis_ranges(points: list[dict], thresholds: dict, c_high: float) -> tuple[list[float], list[float]]:
    """Composite axis 0..1; stars axis from 0 to a little above the highest star total or threshold."""
    stars = [p["stars"] for p in points if p["stars"] is not None]
    top = max(stars + [thresholds["high"] * 1.2, 5.0])
    return [0.0, 1.0], [0.0, float(np.ceil(top * 1.1))]
