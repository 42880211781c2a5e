"""The profile figures carry the right bars, lines, scores and labels; missing values are never drawn as 0."""

import pytest

from components import theme
from components.figures.profile import (
    PEER_COLOUR,
    comparison_bars,
    profile_figure,
    quadrant_scatter,
    series_style,
    specialisation_bars,
)

PANELS = [
    {"label": "GDP/inh.", "unit": "PPS", "year": 2021, "decimals": 0},
    {"label": "Employment", "unit": "%", "year": 2021, "decimals": 1},
]
SERIES = [
    {"name": "Nord-Pas de Calais (FRE1)", "short": "FRE1", "colour": theme.REGION_COLOUR, "values": [27800, 63.1]},
    {
        "name": "France",
        "short": "FR",
        "colour": theme.COUNTRY_COLOUR,
        "values": [33500, None],
        "missing_text": ["", "not published"],
    },
    {
        "name": "EU27",
        "short": "EU27",
        "colour": theme.EU_COLOUR,
        "values": [33200, float("nan")],
        "missing_text": ["", "not published"],
    },
]


def test_comparison_bars_one_panel_per_indicator_with_the_values_and_missing_said():
    fig = comparison_bars(PANELS, SERIES, "Economy")
    bars = [(t.name, t.x[0], t.y[0], t.xaxis) for t in fig.data]
    assert ("Nord-Pas de Calais (FRE1)", "FRE1", 27800.0, "x") in bars
    assert ("France", "FR", 33500.0, "x") in bars and ("EU27", "EU27", 33200.0, "x") in bars
    assert ("France", "FR", None, "x2") in bars and ("EU27", "EU27", None, "x2") in bars  # no bar, not 0
    assert [t.marker.color for t in fig.data[:3]] == [theme.REGION_COLOUR, theme.COUNTRY_COLOUR, theme.EU_COLOUR]
    notes = [a.text for a in fig.layout.annotations if a.xref == "x2"]
    assert notes == ["not published", "not published"]
    titles = [a.text for a in fig.layout.annotations if a.xref == "paper"]
    assert titles[0].startswith("GDP/inh.") and "2021" in titles[0]
    assert sum(t.showlegend for t in fig.data) == 3  # one legend entry per series
    assert fig.data[0].text[0] == "27,800"


def _profile_series():
    return [
        {"name": "Region", "scores": [0.2, None, 0.9], "texts": ["1", "", "3"], "colour": "#0072B2", "fill": True},
        {"name": "EU27", "scores": [0.5, 0.5, None], "texts": ["2", "2", ""], "colour": "#555555", "dash": "dot"},
    ]


def test_profile_radar_closes_the_shape_keeps_gaps_and_counts_indicators():
    fig = profile_figure(["A (2020)", "B (2020)", "C (2012)"], _profile_series(), "radar", "Profile")
    region = fig.data[0]
    assert list(region.r) == [0.2, None, 0.9, 0.2] and list(region.theta) == [
        "A (2020)",
        "B (2020)",
        "C (2012)",
        "A (2020)",
    ]
    assert region.name == "Region (2 of 3)" and region.fill == "toself" and fig.data[1].name == "EU27 (2 of 3)"
    assert list(region.customdata)[1] == theme.MISSING_TEXT
    assert tuple(fig.layout.polar.radialaxis.range) == (0, 1)


def test_profile_bars_say_no_data_where_a_bar_is_missing():
    fig = profile_figure(["A", "B", "C"], _profile_series(), "bar", "Profile")
    assert [t.type for t in fig.data] == ["bar", "bar"] and list(fig.data[0].x) == [0.2, None, 0.9]
    notes = [(a.text, round(a.y, 2)) for a in fig.layout.annotations]
    # Region misses B (category 1, first of two slots), EU27 misses C (category 2, second slot)
    assert notes == [(theme.MISSING_TEXT, 0.8), (theme.MISSING_TEXT, 2.2)]


def test_specialisation_bars_mark_agglomerations_and_skip_missing_lq():
    rows = [
        {"label": "Retail", "lq": 1.68, "share": 0.404, "agglomeration": True, "note": ""},
        {"label": "Textile", "lq": 0.56, "share": 0.01, "agglomeration": False, "note": "lower bound"},
        {"label": "Unknown", "lq": None, "share": None, "agglomeration": False, "note": ""},
    ]
    fig = specialisation_bars(rows, "Ecosystems")
    agg, other = fig.data
    assert list(agg.y) == ["Retail"] and agg.marker.pattern.shape == "/" and agg.marker.color == theme.HIGHLIGHT
    assert list(other.y) == ["Textile"] and other.text[0] == "0.56 · 1.0%*"
    assert list(fig.layout.yaxis.categoryarray) == ["Retail", "Textile"]
    assert sorted(s.x0 for s in fig.layout.shapes) == [1.0, 1.5]


def test_quadrant_scatter_draws_medians_counts_and_highlights():
    points = [{"code": f"R{i}", "name": f"Region {i}", "x": float(i), "y": float(10 - i)} for i in range(5)]
    points.append({"code": "RX", "name": "No y", "x": 1.0, "y": None})
    names = {"HH": "High x, high y", "LH": "Low x, high y", "HL": "High x, low y", "LL": "Low x, low y"}
    counts = {"HH": 1, "LH": 2, "HL": 2, "LL": 0}
    hl = [
        {
            "name": "Pick",
            "colour": "#E69F00",
            "symbol": "square",
            "points": [{"code": "R1", "name": "Region 1", "x": 1.0, "y": 9.0}],
        }
    ]
    fig = quadrant_scatter(points, hl, "X", "Y", 2.0, 8.0, counts, names, "Scatter")
    assert len(fig.data[0].x) == 5  # the region without y is not drawn
    assert fig.data[1].name == "Pick" and list(fig.data[1].text) == ["R1"] and fig.data[1].marker.symbol == "square"
    lines = {(s.type, s.x0 if s.x0 == s.x1 else None, s.y0 if s.y0 == s.y1 else None) for s in fig.layout.shapes}
    assert ("line", 2.0, None) in lines and ("line", None, 8.0) in lines
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "High x, high y</b><br>1 region <b>" in texts and "Low x, high y</b><br>2 regions" in texts
    assert "median 2.00" in fig.layout.xaxis.title.text


def test_twelve_series_never_share_a_colour_or_a_symbol():
    styles = [series_style(i) for i in range(12)]
    assert len({s["colour"] for s in styles}) == 12 and len({s["symbol"] for s in styles}) == 12
    assert all(s["colour"] != PEER_COLOUR for s in styles)
    assert styles[0]["colour"] in theme.OKABE_ITO and all(s["symbol"] in theme.SYMBOL_GLYPHS for s in styles)


@pytest.mark.parametrize(
    "builder,args",
    [
        (comparison_bars, ([], [], "T")),
        (profile_figure, ([], [], "radar", "T")),
        (specialisation_bars, ([], "T")),
    ],
)
def test_empty_inputs_give_a_message_not_an_error(builder, args):
    fig = builder(*args)
    assert fig.layout.annotations and not fig.data
