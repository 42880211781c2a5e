"""Figure 4: types of region, rescaled star thresholds, label placement, the composite by level."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from components.figures.briefing import FIG4_H, FIG4_MARGIN, FIG4_W, figure4
from data import typology as ty
from data.profile import PILOT_CODES


@pytest.mark.parametrize(
    "composite, stars, expected",
    [
        (0.30, 30, "stars"),
        (0.49, 25, "stars"),
        (0.55, 30, "between"),
        (0.30, 10, "moderate"),
        (0.59, 5, "moderate"),
        (0.60, 5, "leader"),
        (0.75, 40, "leader"),
        (0.30, 20, "between"),
        (None, 20, "missing"),
        (0.3, None, "missing"),
    ],
)
def test_classify(composite, stars, expected):
    assert ty.classify(composite, stars, 0.5, 0.6, 18.8, 24.1) == expected


def test_moving_a_threshold_changes_the_type():
    assert ty.classify(0.3, 20, 0.5, 0.6, 18.8, 24.1) == "between"
    assert ty.classify(0.3, 20, 0.5, 0.6, 18.8, 19.5) == "stars"
    assert ty.classify(0.3, 20, 0.5, 0.6, 21, 24.1) == "moderate"
    assert ty.classify(0.3, 20, 0.2, 0.25, 18.8, 24.1) == "leader"


def test_star_thresholds_rescaled_by_piemonte():
    totals = pd.DataFrame({"stars": pd.array([37, 10], dtype="Int64")}, index=["ITC1", "FRE1"])
    th = ty.star_thresholds(totals)
    assert th["factor"] == pytest.approx(37 / 69)
    assert (th["low"], th["high"]) == (round(35 * 37 / 69, 1), round(45 * 37 / 69, 1))
    assert "37/69" in th["note"] and "35" in th["note"] and "45" in th["note"]
    assert ty.star_thresholds(totals, low=30, high=12)["low"] == 12  # swapped thresholds are put in order
    empty = ty.star_thresholds(totals.drop("ITC1"))
    assert (empty["low"], empty["high"]) == (35, 45) and "unscaled" in empty["note"]


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_labels_do_not_overlap_even_for_a_tight_cluster():
    xs = [0.30 + 0.004 * (i % 5) for i in range(14)]
    ys = [20 + (i // 5) for i in range(14)]
    texts = [f"R{i:02d}X" for i in range(14)]
    w, h = FIG4_W - FIG4_MARGIN["l"] - FIG4_MARGIN["r"], FIG4_H - FIG4_MARGIN["t"] - FIG4_MARGIN["b"]
    offsets = ty.place_labels(xs, ys, texts, [0, 1], [0, 40], w, h)
    assert offsets == ty.place_labels(xs, ys, texts, [0, 1], [0, 40], w, h)  # deterministic
    boxes = ty.label_boxes(xs, ys, texts, offsets, [0, 1], [0, 40], w, h)
    assert not any(_overlap(a, b) for a, b in itertools.combinations(boxes, 2))


def test_figure4_for_the_pilot_regions(tables):
    totals = ty.star_totals(tables.cluster_stars)
    th = ty.star_thresholds(totals)
    levels = dict(zip(tables.regions["code"], tables.regions["level"]))
    composite = {}
    for level in {levels[c] for c in PILOT_CODES}:
        composite.update(
            ty.composite_by_level(tables.indicator_values, tables.indicators, tables.regions, level)["value"]
            .dropna()
            .to_dict()
        )
    names = dict(zip(tables.regions["code"], tables.regions["name"]))
    points = ty.figure4_points(PILOT_CODES, names, levels, composite, totals["stars"].to_dict(), th, 0.5, 0.6)
    types = {p["code"]: p["type"] for p in points}
    assert len(points) == 10 and types["ITC1"] == "stars"  # Piemonte: many stars, moderate composite
    fig = figure4(points, th, 0.5, 0.6, "Figure 4")
    labels = [a.text for a in fig.layout.annotations if (a.name or "").startswith("label-")]
    assert sorted(labels) == sorted(p["code"] for p in points if p["type"] != "missing")
    shapes = [s.name for s in fig.layout.shapes if s.type == "rect"]
    assert shapes == ["stars", "moderate", "leader"]
    drawn = sum(len(t.x) for t in fig.data)
    assert drawn == sum(1 for p in points if p["type"] != "missing")
    # Hauts-de-France (NUTS 1): its 2015 composite uses the industry share computed as the ratio of its NUTS 2
    # parts' summed employment counts, so it is placed too.
    assert types["FRE"] != "missing"


def test_region_star_rows_and_stars_at_level_match_a_plain_filter(tables):
    stars = tables.cluster_stars
    for code, kind in [("FRE1", "nace"), ("ITC4", "ecosystem"), ("XX99", "nace")]:
        plain = stars[(stars["region"] == code) & (stars["kind"] == kind)]
        pd.testing.assert_frame_equal(ty.region_star_rows(stars, code, kind), plain)
    level2 = ty.stars_at_level(stars, tables.regions, 2)
    assert ty.stars_at_level(stars, tables.regions, 2) is level2  # kept per data version
    totals = ty.star_totals(stars)
    judged = level2.dropna(subset=["value"])
    assert len(judged) and (judged["value"] == judged["code"].map(totals["stars"]).astype("float64")).all()
    assert level2["value"].isna().sum() == (~level2["code"].isin(totals.index[totals["stars"].notna()])).sum()
