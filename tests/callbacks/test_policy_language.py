"""The Policy page in French: its layout, notices and callbacks answer in the page's language (the page-language
store), numbers in French digits, the documents' own words quoted in English and marked so, and no English sentence
of the page's own texts is left."""

import pytest

from tests.callbacks.components import answer_json, layout_json
from tests.catalogue import english_left, own_sentences

NNBSP, NBSP = "\u202f", "\u00a0"  # French digit groups; the space before a colon
# The modules whose texts the Policy page shows (chart cards and filters are the shared components').
OWN = (
    "pages/policy.py",
    "callbacks/policy.py",
    "state/policy.py",
    "components/policy_view.py",
    "components/figures/policy.py",
    "data/policy.py",
)


def _layout(app, **query) -> str:
    return layout_json(app, "policy", "/policy", **query)


def _matrix(client, app, region=None, order="document", lang="fr"):
    return answer_json(
        client, app, "policy-region-panel.children", {"policy-region.value": region, "policy-order.value": order}, lang
    )


@pytest.fixture(scope="module")
def french(app, client):
    """Every part of the page in French: the layout with notices, and each callback for each choice it offers."""
    parts = {"layout": _layout(app, lang="fr", region="XX1", order="sideways", swot="ZZ", plan="ZZ")}
    parts["matrix"] = _matrix(client, app)
    parts["matrix-region"] = _matrix(client, app, "FRE", "count")
    for code in ("FRE", "FRB"):
        parts[f"swot-{code}"] = answer_json(client, app, "policy-swot-out.children", {"policy-swot.value": code})
    for code in ("FRK", "FRE", "FRB"):
        parts[f"plan-{code}"] = answer_json(client, app, "policy-plan-note.children", {"policy-plan.value": code})
    parts["state"] = answer_json(client, app, "policy-framework.children", {"policy-url.pathname": "/policy"})
    return parts


def test_the_layout_and_its_notices_are_in_french(french):
    page = french["layout"]
    for text in (
        f"Politique{NBSP}: recommandations, SWOT, plans d’action et état des lieux de la politique des clusters",
        "Recommandations aux dix régions pilotes en transition industrielle",
        "Mettre une région en évidence",
        "Les dix régions",
        "comme dans le document",
        "les plus fréquents d’abord",
        "Comment les colonnes de la matrice ont été lues",
        "La matrice de la présentation compte dix colonnes",
        "SWOT et défis",
        "Calendrier du plan d’action",
        "État des lieux de la politique des clusters en France",
        "Les termes des documents sont cités en anglais, tels que publiés.",
        "Filtres",  # the shared filters panel, told the language
    ):
        assert text in page, text
    # the notices of a link with unknown values, each term in French
    for term in ("région pilote", "ordre de la matrice", "région de l’analyse SWOT", "plan d’action"):
        assert f"«{NBSP}{term}{NBSP}»" in page, term
    for english in ("Highlight a region", "as in the document", "Action plans", "Unknown pilot region"):
        assert english not in page


def test_the_matrix_its_table_and_region_panel_are_in_french(french):
    matrix = french["matrix"]
    assert "Types de soutien recommandés aux dix régions pilotes" in matrix  # chart title and card title
    assert "| Type de soutien | Cantabria |" in matrix and "| Types de soutien par région |" in matrix
    assert "types de soutien par région" in matrix and "%{y} types de soutien" in matrix  # the bars and hover
    assert '"non recommandé"' in matrix  # the hover of an empty cell
    assert f"Recommandé{NBSP}: Support for cluster development" in matrix  # the CSV (the type is the document's)
    assert "Choisissez une région (ou cliquez sur sa colonne)" in matrix
    assert '"Source\u00a0: "' in matrix  # the word; the source's title follows, marked English
    assert "colonnes lues dans la liste des régions retenues de" in matrix
    panel = french["matrix-region"]
    assert f"types de soutien recommandés sur 7{NBSP}:" in panel and "Profil de la région" in panel
    assert '"lang": "en"' in panel  # the document's types of support and the code note, marked as English
    for english in ("types of support recommended", "Region profile", "columns read from", "not recommended"):
        assert english not in matrix + panel


def test_the_swot_and_challenges_are_in_french_with_the_documents_words_marked(french):
    swot = french["swot-FRE"]
    for text in (
        "Forces (",
        "Faiblesses (",
        "Opportunités (",
        "Menaces (",
        "Analyse SWOT de la transition industrielle",
    ):
        assert text in swot, text
    assert "défis que la note d’orientation en déduit" in swot
    assert swot.count('"lang": "en"') >= 5  # four quadrants' items and the challenges (and the source line)
    assert "Strengths (" not in swot and "challenges the briefing" not in swot


def test_the_action_plans_are_in_french_with_french_numbers_and_months(french):
    calendar = french["plan-FRK"]
    assert f"Auvergne-Rhône-Alpes{NBSP}: calendrier du plan d’action" in calendar
    assert f"Auvergne-Rhône-Alpes{NBSP}: coûts des actions" in calendar
    assert '"janv.<br>2020"' in calendar  # plotly writes months in English only: the ticks are given in French
    assert "Chaque étape est placée au mois que donne le document" in calendar
    assert "| Intervention / action | Étape | Échéance telle qu’écrite | Responsable | Note |" in calendar
    assert "jours-personnes" in calendar and f"{NBSP}€" in calendar and "Responsable" in calendar
    assert "Région du plan" in calendar and "/region/FRK" in calendar
    relative = french["plan-FRB"]
    assert "mois après T0 (début de l’intervention" in relative
    assert "Les délais sont exprimés en mois après T0" in relative
    costs = french["plan-FRE"] + relative
    assert f"70{NNBSP}000{NBSP}€ – 90{NNBSP}000{NBSP}€" in costs  # a range, in French digits
    assert "à la charge de non indiqué" in costs and "not stated" not in costs  # a payer the document leaves out
    for english in ("action plan timeline", "costs of the actions", "staff days", "Times are months", "Owner"):
        assert english not in calendar + costs


def test_the_state_of_play_is_in_french(french):
    state = french["state"]
    for text in (
        f"France{NBSP}: état des lieux de la politique des clusters (2023)",
        '"niveau 1"',
        "indiqué dans le texte",
        "déduit des dates du texte",
        "niveau non lisible",
        "| Critère | Niveau | Intitulé du niveau | Comment le niveau est connu | Ce que dit la fiche pays |",
        "4 sur 4",
        "Le cadre",
        "| Critère | Ce qu’il évalue | Niveau 1 |",
    ):
        assert text in state, text
    for english in ('"level 1"', "stated in the text", "How the level is known", "of 4 "):
        assert english not in state


def test_no_english_sentence_of_the_pages_own_texts_is_left_in_french(french):
    assert len(own_sentences(OWN)) > 40  # the check reads the catalogue: it has the page's texts to look for
    assert english_left(" ".join(french.values()), OWN) == []


def test_empty_states_are_in_french(app, client):
    empty = answer_json(client, app, "policy-plan-note.children", {"policy-plan.value": "ZZ"})
    assert "Aucun plan d’action pour cette sélection." in empty and "Coûts du plan d’action" in empty
    swot = answer_json(client, app, "policy-swot-out.children", {"policy-swot.value": "ZZ"})
    assert "Les documents de référence ne contiennent pas d’analyse SWOT" in swot


def test_english_is_unchanged(app, client):
    """The same answers in English: the page's words as before, and no lang marks (all of it is English)."""
    page = _layout(app, lang="en")
    assert "Policy: recommendations, SWOT, action plans and the state of cluster policy" in page
    assert "quoted in English" not in page
    plan = answer_json(client, app, "policy-plan-note.children", {"policy-plan.value": "FRK"}, "en")
    assert "Auvergne-Rhône-Alpes: action plan timeline" in plan and '"lang": "en"' not in plan
    assert "janv." not in plan and '"tickformat": "%b\\n%Y"' in plan
    swot = answer_json(client, app, "policy-swot-out.children", {"policy-swot.value": "FRE"}, "en")
    assert "Strengths (" in swot and '"lang": "en"' not in swot
