"""The briefing's generated sentences state the numbers and say what is missing."""

from __future__ import annotations

from data import briefing as say

ROW = {
    "indicator": "gdp_pc_pps",
    "short_label": "GDP/inh. (PPS)",
    "unit": "PPS per inhabitant",
    "decimals": 0,
    "higher_is_better": True,
    "year": 2023,
    "value": 24900.0,
    "eu_value": 30000.0,
    "country_value": 29700.0,
}


def test_level_indicator_as_share_of_eu27_and_country():
    text = say.indicator_sentence(ROW, "Nord-Pas de Calais", "France")
    assert text == "GDP/inh. (PPS) (2023) is 83% of the EU27 value (24,900 PPS per inhabitant), below France (99%)."


def test_rate_compared_in_its_unit_and_missing_benchmark_said():
    row = dict(
        ROW,
        short_label="Employment rate",
        unit="% of population aged 15-64",
        decimals=1,
        value=63.9,
        eu_value=None,
        country_value=68.0,
    )
    text = say.indicator_sentence(row, "X", "France")
    assert "63.9 (% of population aged 15-64)" in text and "below France (68.0)" in text
    assert "the EU27 value is not in the data" in text


def test_missing_region_value_claims_nothing():
    text = say.indicator_sentence(dict(ROW, value=None), "Warszawski stołeczny", "Poland")
    assert text == "GDP/inh. (PPS): no value for Warszawski stołeczny up to 2023 (not in the data)."
    assert "%" not in text


def test_profile_sentence_names_missing_axes():
    rows = [
        {"short_label": "A", "score": 0.8, "eu_score": 0.5, "country_score": None},
        {"short_label": "B", "score": 0.1, "eu_score": 0.4, "country_score": 0.3},
        {"short_label": "C", "score": None, "eu_score": None, "country_score": None},
    ]
    text = say.profile_sentence(rows, "R", "France")
    assert "highest on A (0.80)" in text and "lowest on B (0.10)" in text
    assert "above the EU27 on 1 of the 2" in text and "above France on 0 of the 1" in text
    assert "No value for R: C." in text


def test_stars_sentence_missing_and_present():
    assert "not in the data" in say.stars_sentence(None, [], "PL91 region", "NACE divisions")
    total = {"stars": 14, "judged": 54, "unknown_sectors": 14, "level_word": "NUTS 2 regions"}
    text = say.stars_sentence(total, [{"label": "G47 Retail", "stars": 3}], "Nord", "NACE divisions")
    assert text.startswith("Nord has 14 cluster stars over 54 NACE divisions") and "14 could not be judged" in text
    assert "G47 Retail" in text


def test_figure4_sentence_lists_types():
    points = [
        {
            "code": "A",
            "name": "A",
            "composite": 0.2,
            "stars": 30.0,
            "type": "stars",
            "type_label": "Type 1: many stars, moderate composite",
        },
        {
            "code": "B",
            "name": "B",
            "composite": None,
            "stars": 3.0,
            "type": "missing",
            "type_label": "Not placed (data missing)",
        },
    ]
    text = say.figure4_sentence(points[1], points, "NUTS 2 regions", "NACE divisions")
    assert "no composite indicator value (not in the data)" in text and "cannot be placed" in text
    assert "Type 1: many stars, moderate composite: 1" in text
