"""The Compare page in French: its layout, notices and callbacks answer in the page's language (the page-language
store), numbers in French digits, the peer-review pack's table and charts too, and no English sentence of the
page's own texts is left."""

import json

import pytest

from state.compare import parse_compare
from tests.callbacks.components import answer_json, layout_json
from tests.catalogue import english_left, own_sentences

NNBSP, NBSP = "\u202f", "\u00a0"  # French digit groups; the space before a colon
STORE = {"regions": ["FRE1", "ITC1", "SI", "DED"], "default_year": 2024}
# The modules whose texts the Compare page shows (the pack controls, filters and chart cards are the lead's).
OWN = (
    "pages/compare.py",
    "callbacks/compare.py",
    "state/compare.py",
    "components/compare_view.py",
    "components/figures/profile.py",
)


def _layout(app, **query) -> str:
    return layout_json(app, "compare", "/compare", **query)


def _table(client, app, view="radar", year=2019, store=STORE, lang="fr") -> str:
    values = {"compare-regions.data": store, "compare-year.value": year, "compare-view.value": view}
    return answer_json(client, app, "compare-table.children", values, lang)


def _scatter(client, app, x="rci", y="ecosystem_agglomerations", store=STORE, lang="fr") -> str:
    values = {"compare-regions.data": store, "compare-year.value": 2024, "compare-x.value": x, "compare-y.value": y}
    return answer_json(client, app, "compare-quadrants.children", values, lang)


@pytest.fixture(scope="module")
def french(app, client):
    """Every part of the page in French: the layout with notices, and each of the page's own callbacks."""
    parts = {
        "layout": _layout(app, lang="fr", regions="FRE1,ITC1,XX99", year="1850", view="pie"),
        "limit": _layout(app, lang="fr", regions="FRE1,ITC1,SI,DED,ES51,PL91,NL35,PT1A,SE32"),
        "none": _layout(app, lang="fr", regions="XX99"),
        "radar": _table(client, app, "radar"),
        "bar": _table(client, app, "bar"),
        "scatter": _scatter(client, app),
        "scatter2": _scatter(client, app, "gdp_pc_pps", "unemployment_rate"),
        "chips": answer_json(client, app, "compare-chips.children", {"compare-regions.data": STORE}),
    }
    edit = {"compare-regions.data": {"regions": ["FRE1"], "default_year": 2024}, "compare-picker.value": "FRE1"}
    parts["already"] = answer_json(client, app, "compare-edit-notice.children", edit)
    return parts


def test_the_layout_and_its_notices_are_in_french(french):
    page = french["layout"]
    for text in (
        "Comparer des régions",
        "Régions comparées",
        "Ajouter une région",
        "Rechercher une région à ajouter…",
        "Revenir aux dix régions pilotes",
        "Correspondance entre les régions pilotes et les codes NUTS",
        "Indicateurs du profil à ce niveau (sur 8)",
        "Côte à côte",
        "Profils normalisés",
        "Deux indicateurs, quatre quadrants",
        "Axe horizontal",
        "Nuage de points en quadrants",
        "Barres",
        f"La comparaison accepte jusqu’à 8 régions de votre choix. Les dix régions pilotes sont la seule exception{NBSP}:",
        "Retirer Nord-Pas de Calais (FRE1)",
        "Piémont (ITC1)",  # a pilot by its French name; the NUTS name stays beside it in the mapping table
        "Agglomérations d’écosystèmes (sur 14 écosystèmes industriels), 2015",  # an axis option
        "PIB/hab. (SPA) (SPA par habitant)",
    ):
        assert text in page, text
    assert f"Valeurs inconnues pour «{NBSP}régions{NBSP}»{NBSP}: XX99" in page  # the link's notices
    assert f"Valeur inconnue pour «{NBSP}vue du profil{NBSP}»" in page
    for english in ("Compare regions", "Regions compared", "Reset to the ten", "Quadrant scatter", "Horizontal axis"):
        assert english not in page
    assert f"Au plus 8 régions à la fois (les dix régions pilotes ensemble font exception){NBSP}:" in french["limit"]
    assert f"Aucune région connue dans le lien{NBSP}: affichage des dix régions pilotes" in french["none"]


def test_the_table_and_profiles_write_french_numbers_ranks_and_notes(french):
    for view in ("radar", "bar"):
        table = french[view]
        assert "| Région | Niveau | PIB/hab. (SPA) (2019) |" in table
        assert f"| Nord-Pas de Calais (FRE1) | NUTS 2 | 26{NNBSP}800 (134/239) | 58,3 (215/244) |" in table
        assert "| Slovénie (SI) | pays |" in table and "| Saxe (DED) | NUTS 1 |" in table
        assert f"| Moyenne simple du groupe de pairs |  | 28{NNBSP}900 (n=4) |" in table
        assert "Profils normalisés, année de référence 2019" in table
        assert "Moyenne du groupe de pairs (8 sur 8)" in table and f"28{NNBSP}900 (moyenne de 4)" in table
        assert "| Série | PIB/hab. (SPA) (2019) |" in table and "| 0,26 |" in table  # the chart's text alternative
        assert f"Année de référence 2019. Toutes les régions utilisent la même année par indicateur{NBSP}:" in table
        assert "Eurostat (nama_10r_2gdp" in table and "Source:" not in table  # the source line's words
        for english in ("Peer-group average", "Reference year", "mean of", "26,800", "| Region |", "country |"):
            assert english not in table
    assert f"score{NBSP}: 0 = région NUTS 2 de l’UE la plus basse" in french["bar"]


def test_the_scatter_its_quadrants_and_the_selection_are_in_french(french):
    scatter = french["scatter"]
    for text in (
        "ICR (score z) par rapport à Agglomérations d’écosystèmes, régions NUTS 2 de l’UE",
        f"ICR (score z) (2019) (tirets{NBSP}: médiane -0,13)",  # the axis title, a French number
        "<b>Élevé en ICR (score z), élevé en Agglomérations d’écosystèmes</b><br>66 régions",
        "Régions NUTS 2 de l’UE",  # the grey points' legend
        "(médianes ICR (score z) (2019) -0,13, Agglomérations d’écosystèmes (2015) 1,00)",
        "31 régions n’ont pas l’une des valeurs et ne sont pas placées.",
        f"Saxe (DED){NBSP}: DED2 élevé en ICR (score z)",
        f"Saxe (DED){NBSP}: NUTS 2 DED2, DED4, DED5",  # the highlight's legend entry
        "| Code | Région | Sélectionnée comme | ICR (score z) (2019) | Agglomérations d’écosystèmes (2015) | Quadrant |",
        f"ICR (score z) (2019){NBSP}: %{{x:,.2f}}",  # hover text
    ):
        assert text in scatter, text
    assert f"PIB/hab. (SPA) (2023){NBSP}: %{{x:,.0f}}" in french["scatter2"] and f"35{NNBSP}600" in french["scatter2"]
    for english in ("against", "High ", "regions lack", "Selected as", "dashed: median", "EU NUTS 2 regions"):
        assert english not in scatter
    assert "Retirer Saxe (DED)" in french["chips"]
    assert "FRE1 figure déjà dans la comparaison." in french["already"]


def test_no_english_sentence_of_the_pages_own_texts_is_left_in_french(french):
    assert len(own_sentences(OWN)) > 40  # the check reads the catalogue: it has the page's texts to look for
    assert english_left(" ".join(french.values()), OWN) == []


def test_empty_states_and_edits_are_in_french(app, client):
    empty = _table(client, app, store={"regions": [], "default_year": 2024})
    assert "Ajoutez une région à comparer." in empty and "Profils normalisés" in empty
    chips = answer_json(client, app, "compare-chips.children", {"compare-regions.data": {"regions": []}})
    assert f"Aucune région sélectionnée{NBSP}: ajoutez-en une avec le sélecteur." in chips
    full = {"regions": ["FRE1", "ITC1", "SI", "DED", "ES51", "PL91", "NL35", "PT1A"], "default_year": 2024}
    refused = answer_json(
        client, app, "compare-edit-notice.children", {"compare-regions.data": full, "compare-picker.value": "SE32"}
    )
    assert "La comparaison compte au plus 8 régions" in refused and "avant d’ajouter SE32" in refused
    unknown = answer_json(
        client, app, "compare-edit-notice.children", {"compare-regions.data": full, "compare-picker.value": "XX99"}
    )
    assert f"Région inconnue{NBSP}: choisissez-en une dans la liste." in unknown


def test_the_peer_review_pack_has_its_table_and_charts_in_french(app, tables):
    from callbacks.pack import compare_pack

    state, _ = parse_compare(tables, {"regions": "FRE1,ITC1", "year": "2021", "lang": "fr"})
    with app.server.app_context():
        pack, name = compare_pack(state, "", "fr")
    table, profile, quadrants = pack.slides
    assert table.columns[:3] == ["Région", "Niveau", "PIB/hab. (SPA) (2021)"]
    assert table.rows[-1][0] == "Moyenne simple du groupe de pairs" and table.rows[0][1] == "NUTS 2"
    assert any(NNBSP in cell for cell in table.rows[0])  # French digit groups
    assert table.note.startswith("Année de référence 2021") and table.source.startswith("Source\u00a0: ")
    assert profile.title == "Profils normalisés, année de référence 2021"
    assert quadrants.title == "ICR (score z) par rapport à Agglomérations d’écosystèmes, régions NUTS 2 de l’UE"
    text = json.dumps([profile.figure, quadrants.figure], ensure_ascii=False)
    assert "Moyenne du groupe de pairs" in text and "Régions NUTS 2 de l’UE" in text and "Peer-group" not in text
    assert name == "peer-review-compare-2021.pptx"


def test_english_stays_the_default_and_the_cache_keys_on_the_language(app, client, tables):
    english = _table(client, app, lang="en")
    assert "| Region | Level |" in english and "| Nord-Pas de Calais (FRE1) | NUTS 2 | 26,800 (134/239) |" in english
    assert "Piemonte (ITC1)" in english and "Peer-group average (simple mean)" in english
    french = _table(client, app)  # the same arguments otherwise: not the English answer cached
    assert f"26{NNBSP}800 (134/239)" in french and "Piémont (ITC1)" in french
    assert "High RCI (z-score), high Ecosystem agglomerations" in _scatter(client, app, lang="en")
    _, notices = parse_compare(tables, {"view": "pie"})
    assert notices == ["Unknown profile view 'pie': showing radar instead."]
