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


# French: whole sentences from the catalogue, numbers in the French format (narrow no-break space groups, decimal
# comma, a space before % and :), plurals by ngettext. The words handed in are already French.
NNBSP, NBSP = "\u202f", "\u00a0"
ROW_FR = dict(ROW, short_label="PIB/hab. (SPA)", unit="SPA par habitant")


def test_french_indicator_sentence_has_french_numbers():
    text = say.indicator_sentence(ROW_FR, "Nord-Pas de Calais", "France", "fr")
    assert text == (
        f"PIB/hab. (SPA) (2023){NBSP}: 83{NBSP}% de la valeur de l’UE27 (24{NNBSP}900 SPA par habitant), en dessous "
        f"de la valeur nationale (France{NBSP}: 99{NBSP}%)."
    )


def test_french_rate_and_missing_values_said_in_french():
    row = dict(ROW_FR, short_label="Taux d’emploi", unit="% de la population de 15 à 64 ans", decimals=1, value=63.9)
    text = say.indicator_sentence(dict(row, eu_value=None, country_value=68.0), "X", "France", "fr")
    assert "63,9 (% de la population de 15 à 64 ans)" in text and f"(France{NBSP}: 68,0)" in text
    assert f"{NNBSP}; la valeur de l’UE27 est absente des données." in text
    missing = say.indicator_sentence(dict(ROW_FR, value=None), "Warszawski stołeczny", "Poland", "fr")
    assert (
        missing == f"PIB/hab. (SPA){NBSP}: aucune valeur pour Warszawski stołeczny jusqu’en 2023 (absente des données)."
    )


def test_french_plurals_and_counts():
    total = {"stars": 1, "judged": 1200, "unknown_sectors": 0, "level_word": "régions NUTS 2"}
    one = say.stars_sentence(total, [], "Nord", "divisions NACE", "fr")
    assert (
        one
        == f"Nord compte 1 étoile de cluster sur 1{NNBSP}200 divisions NACE évaluables (par rapport aux régions NUTS 2 de l’UE)."
    )
    many = say.stars_sentence(dict(total, stars=14, unknown_sectors=3), [], "Nord", "divisions NACE", "fr")
    assert "14 étoiles de cluster" in many and f"non évaluables (emploi confidentiel){NBSP}: 3." in many
    assert say.policy_sentence(["Financement"], 1, "Hauts-de-France (FRE)", "Nord", "fr").endswith(
        f"Plan d’action{NBSP}: 1 étape."
    )
    assert say.organisations_sentence({"count": 6}, "Nord", "Hauts-de-France (FRE)", "fr") == (
        "Les documents de politique citent 6 organisations de clusters pour Hauts-de-France (FRE)."
    )


def test_french_profile_and_figure4_sentences():
    rows = [
        {"short_label": "A", "score": 0.8, "eu_score": 0.5, "country_score": None},
        {"short_label": "B", "score": 0.1, "eu_score": 0.4, "country_score": 0.3},
    ]
    text = say.profile_sentence(rows, "R", "France", "fr")
    assert "le plus élevé pour A (0,80)" in text and "le plus faible pour B (0,10)" in text
    assert "pour 1 des 2 indicateurs disposant d’une valeur pour l’UE27" in text
    assert "pour 0 sur 1 indicateur disposant d’une valeur nationale" in text
    point = {"code": "A", "name": "A", "composite": 0.456, "stars": 30.0, "type": "stars", "type_label": "Type 1"}
    text = say.figure4_sentence(point, [point], "régions NUTS 2", "divisions NACE", "fr")
    assert text.startswith("A a un indicateur composite de 0,46 (parmi les régions NUTS 2 de l’UE) et 30 étoiles")
    assert text.endswith(f"Sur 1 région représentée{NBSP}: Type 1{NBSP}: 1.")
    for sentence in (text, say.participation_sentence(None, "R", "fr"), say.policy_sentence([], 0, None, "R", "fr")):
        assert "not in the data" not in sentence and " the " not in sentence
