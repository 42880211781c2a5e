"""The Region page in French: its layout, notices and callbacks answer in the page's language (the
page-language store), numbers in French digits, and no English sentence of the page's own texts is left."""

import pytest

from state.region import parse_region
from tests.callbacks.components import answer_json, layout_json
from tests.catalogue import own_sentences

NNBSP, NBSP = "\u202f", "\u00a0"  # French digit groups; the space before a colon
STORE = {"code": "FRE1", "default_year": 2024}
# The modules whose texts the Region page shows (the explorer, the pack controls and the shared components
# are translated elsewhere).
OWN = (
    "pages/region.py",
    "callbacks/region.py",
    "state/region.py",
    "components/region_view.py",
    "components/figures/profile.py",
    "data/region.py",
    "data/profile.py",
)


# The explorer's line chart and map of FRE1 (the page's default indicator), as the page's controls send them.
EXPLORER = {
    "region-ts.value": "gdp_pc_pps",
    "region-year.value": 2021,
    "region-regions.value": [],
    "region-measure.value": "abs",
    "region-base.value": None,
    "region-log.value": [],
    "region-store.data": STORE,
}
MAP = {
    "region-ts.value": "gdp_pc_pps",
    "region-year.value": 2021,
    "region-tab.value": "map",
    "region-store.data": STORE,
}


def _layout(app, code="FRE1", **query) -> str:
    return layout_json(app, "region", f"/region/{code}", code=code, **query)


@pytest.fixture(scope="module")
def french(app, client):
    """Every part of FRE1's page in French: the layout with notices, and each of the page's own callbacks."""
    parts = {"layout": _layout(app, lang="fr", year="1850", k="7")}
    parts["cards"] = answer_json(
        client, app, "region-cards.children", {"region-year.value": 2024, "region-store.data": STORE}
    )
    parts["note"] = answer_json(
        client, app, "region-year-note.children", {"region-year.value": 2021, "region-store.data": STORE}
    )
    for view in ("bar", "radar"):
        parts[view] = answer_json(
            client,
            app,
            '"index":"region-profile"',
            {"region-year.value": 2024, "region-view.value": view, "region-store.data": STORE},
        )
    parts["specialisation"] = answer_json(client, app, '"index":"region-ecosystems"', {"region-store.data": STORE})
    parts["similar"] = answer_json(
        client,
        app,
        "region-similar.children",
        {
            "region-year.value": 2024,
            "region-sim.value": ["gdp_pc_pps", "rci", "unemployment_rate"],
            "region-k.value": 5,
            "region-excl.value": [],
            "region-store.data": STORE,
        },
    )
    parts["explorer"] = answer_json(client, app, '"index":"region-timeseries"', EXPLORER)
    parts["map"] = answer_json(client, app, '"index":"region-map"', MAP)
    return parts


def test_the_layout_and_its_notices_are_in_french(french):
    page = french["layout"]
    for text in (
        "Indicateurs clés",
        "Indicateurs économiques comparés au pays et à l’UE27",
        "Profil normalisé",
        "Spécialisation",
        "Régions similaires",
        "Exclure son propre pays",
        "Participation aux programmes et organisations de clusters",
        "région NUTS 2",
        "FRE1 parmi les régions NUTS 2 du pays (France)",
        "| Code | Nom |",
        "PIB par habitant en SPA (SPA par habitant)",  # the explorer's indicator names, from the indicator texts
    ):
        assert text in page, text
    assert f"Valeur inconnue pour «{NBSP}année{NBSP}»{NBSP}: '1850'" in page  # the notices too
    assert "nombre de régions similaires" in page
    for english in ("Headline indicators", "Similar regions", "Leave out its own country", "Unknown year"):
        assert english not in page


def test_the_headline_cards_and_bars_write_french_numbers_ranks_and_benchmarks(french):
    cards = french["cards"]
    assert f"France{NBSP}: 37{NNBSP}800" in cards and f"UE27{NBSP}: 38{NNBSP}100" in cards
    assert "Rang 142 sur 244 régions NUTS 2 de l’UE · 12 sur 27 dans son pays (France)" in cards
    assert f"France{NBSP}: 37,9 en 2019 (pas de valeur pour 2024)" in cards  # a benchmark from an earlier year
    assert f"UE27{NBSP}: 18,4 (rapport de sommes des 27 pays de l’UE)" in cards  # how the pipeline made it
    assert f"UE27{NBSP}: absent des données" in cards and "Économie" in cards
    assert "Indicateurs économiques<br><sup>Nord-Pas de Calais, France, UE27</sup>" in cards  # the bar chart
    assert "| Indicateur | Année | Nord-Pas de Calais | France | UE27 |" in cards  # its text alternative
    assert f"31{NNBSP}400" in cards
    for english in ("Rank ", "not in the data", "EU27:", "Economic indicators", "27,800", "37,800"):
        assert english not in cards
    assert '"region-year-note": {"children": "Année de référence 2021.' in french["note"]


def test_the_profile_specialisation_and_similar_regions_are_in_french(french):
    for view in ("bar", "radar"):
        profile = french[view]
        assert f"Profil normalisé{NBSP}: Nord-Pas de Calais, France et l’UE27" in profile
        assert "Étendue des régions NUTS 2 de l’UE" in profile and "Nord-Pas de Calais (FRE1) (8 sur 8)" in profile
        assert "valeur %{customdata}" in profile and "EU NUTS 2 range" not in profile
    assert f"score{NBSP}: 0 = région NUTS 2 de l’UE la plus basse" in french["bar"]
    spec = french["specialisation"]
    assert "Écosystèmes industriels par quotient de localisation" in spec and "Commerce de détail" in spec
    assert "| Activité | QL | Part de l’emploi | Agglomération | Note |" in spec and f"40,4{NBSP}%" in spec
    assert "utilise G47, signalé par un contrôle de plausibilité" in spec
    assert "(intitulés NACE en anglais)" in spec  # the NACE labels are English only: said
    # (the NACE divisions keep their English labels, "G47 Retail trade…": the one table holds no other)
    for english in ('Retail"', "Not an agglomeration", "lower bound", "flagged by", "location quotient (1"):
        assert english not in spec
    similar = french["similar"]
    assert "Comparer FRE1 avec les 5 régions les plus proches" in similar and f"Distance{NBSP}: l’écart" in similar
    assert "root-mean-square" not in similar and "Compare FRE1" not in similar


def test_no_english_sentence_of_the_pages_own_texts_is_left_in_french(french):
    sentences = own_sentences(OWN)
    assert len(sentences) > 50  # the check reads the catalogue: it has the page's texts to look for
    shown = " ".join(french.values())
    left = [s for s in sentences if s in shown]
    assert left == []


def test_empty_states_and_an_unknown_region_are_in_french(app, client):
    empty = answer_json(client, app, "region-cards.children", {"region-year.value": 2024, "region-store.data": None})
    assert "Aucune région n’est sélectionnée" in empty
    few = answer_json(
        client,
        app,
        "region-similar.children",
        {"region-year.value": 2024, "region-sim.value": ["rci"], "region-store.data": STORE},
    )
    assert "Choisissez au moins deux indicateurs" in few
    page = _layout(app, code="FRE9", lang="fr")
    assert "Région introuvable" in page and "Vouliez-vous dire" in page and "Region not found" not in page
    old = _layout(app, code="PT17", lang="fr")
    assert "PT17 est un code NUTS" in old and "n’est pas une région de la NUTS 2024" in old


def test_english_stays_the_default_and_the_cache_keys_on_the_language(app, client, tables):
    english = answer_json(
        client, app, "region-cards.children", {"region-year.value": 2021, "region-store.data": STORE}, "en"
    )
    assert "France: 33,500" in english and "Rank 136 of 244 EU NUTS 2 regions" in english
    french = answer_json(client, app, "region-cards.children", {"region-year.value": 2021, "region-store.data": STORE})
    assert f"France{NBSP}: 33{NNBSP}500" in french  # the same arguments otherwise: not the English answer cached
    _, notices = parse_region(tables, "FRE1", {"view": "pie"})
    assert notices == ["Unknown profile view 'pie': showing radar instead."]


def test_the_explorers_chart_and_map_are_in_french(app, client, french):
    chart = french["explorer"]
    assert "PIB par habitant en SPA<br><sup>Nord-Pas de Calais, France et l’UE27</sup>" in chart  # the drawn title
    # the card's title (the explorer's catalogue entry has a plain space before the colon: either is taken)
    assert "PIB par habitant en SPA : Nord-Pas de Calais, France et l’UE27" in chart.replace(NBSP, " ")
    assert "Source : Eurostat (nama_10r_2gdp)" in chart.replace(NBSP, " ")
    for english in ("and the EU27", "GDP per inhabitant", "Source: "):
        assert english not in chart, english
    assert "PIB par habitant en SPA, régions NUTS 2, 2021" in french["map"] and "GDP per" not in french["map"]
    added = answer_json(client, app, '"index":"region-timeseries"', {**EXPLORER, "region-regions.value": ["ITC1"]})
    assert "Nord-Pas de Calais et 1 autre région" in added and "other region" not in added
    english = answer_json(client, app, '"index":"region-timeseries"', EXPLORER, "en")  # the cache keys on the language
    assert "GDP per inhabitant in PPS<br><sup>Nord-Pas de Calais, France and the EU27</sup>" in english


def test_the_national_name_of_a_region_is_shown_under_its_name(app):
    for lang, words in (("fr", f"Nom dans la langue nationale{NBSP}:"), ("en", "Name in the national language:")):
        page = _layout(app, code="BG31", lang=lang)
        assert "Severozapaden (BG31)" in page and words in page
        assert '{"children": "Северозападен", "lang": "bg"}' in page  # tagged with the country's language
    assert "Ελλάδα" in _layout(app, code="EL", lang="fr")
    assert "region-national-name" not in _layout(
        app, code="FRE1", lang="fr"
    )  # NUTS has no other form of Nord-Pas de Calais


def test_link_notices_are_english_messages_said_in_the_views_language(tables):
    from i18n import in_language

    english, _ = parse_region(tables, "FRE1", {"sim": "rci", "tab": "pie"}), None
    french, _ = parse_region(tables, "FRE1", {"sim": "rci", "tab": "pie", "lang": "fr"}), None
    assert english[1] == french[1]  # made the same whatever the link's language
    assert english[1] == [
        "Similarity needs at least 2 indicators: using all 8 instead.",
        "Unknown view 'pie': showing chart instead.",
    ]
    said = in_language(french[1], "fr")
    assert said[0] == f"La similarité demande au moins 2 indicateurs{NBSP}: les 8 sont utilisés à la place."
    assert "vue" in said[1] and "Unknown" not in said[1]
