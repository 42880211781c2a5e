"""The Ecosystems and Regions pages in French: layouts, link notices and callbacks answer in the page's language
(the page-language store), numbers in French digits, ecosystem names in French, NACE labels (English only in the
sources) marked as English, and no English sentence of the pages' own texts left."""

import json
import re

import pytest

from benchmarks.harness import call, payload
from tests.callbacks.components import layout_json
from tests.callbacks.test_ecosystems_callbacks import controls as ecosystem_controls
from tests.catalogue import english_left, own_sentences

NNBSP = "\u202f"  # French digit groups
OWN = (
    "pages/ecosystems.py",
    "callbacks/ecosystems.py",
    "state/ecosystems.py",
    "components/ecosystems_view.py",
    "components/ecosystems_notes.py",
    "components/figures/ecosystems.py",
    "pages/regions.py",
)
HEATMAP_FIG = '{"index":"ecosystems-heatmap","type":"chart-graph"}'
SHARES_FIG = '{"index":"ecosystems-shares","type":"chart-graph"}'
RANKING_FIG = '{"index":"ecosystems-ranking","type":"chart-graph"}'


def controls(lang="fr", **overrides):
    return {**ecosystem_controls(**overrides), "page-language.data": lang}


def _answer(app, client, output, lang="fr", **overrides) -> dict:
    response = call(client, app, payload(app, output, controls(lang, **overrides)))
    return response.get_json()["response"]


def _text(answer) -> str:
    return json.dumps(answer, ensure_ascii=False)


def _english_left(text: str) -> list[str]:
    return english_left(text, OWN)


def test_the_check_knows_the_pages_sentences():
    sentences = own_sentences(OWN)
    assert "Regionally relevant agglomerations" in sentences and "EU member states" in sentences
    assert len(sentences) > 80


def test_the_ecosystems_layout_in_french(app):
    text = layout_json(app, "ecosystems", "/ecosystems?lang=fr", lang="fr")
    assert "Écosystèmes et spécialisation régionale" in text and "Agglomérations d’importance régionale" in text
    assert '"data": "fr"' in text or '"data":"fr"' in text.replace(" ", "")  # the page-language store
    # ecosystem names: the Commission's French names, in French alphabetical order (É with E)
    names = re.findall(r'"label": "([^"]+)", "value": "IES\d\d"', text)
    assert names[:3] == ["Aérospatiale et défense", "Agroalimentaire", "Commerce de détail"]
    assert names.index("Électronique") < names.index("Industries culturelles et créatives")
    assert "Agglomération\u00a0: QL supérieur à ce seuil (1 à 5\u202f; par défaut 1,5)." in text
    assert _english_left(text) == []
    english = layout_json(app, "ecosystems", "/ecosystems?lang=en", lang="en")
    assert "Ecosystems and regional specialisation" in english and "Aerospace & Defence" in english


def test_link_notices_in_french(app):
    text = layout_json(app, "ecosystems", "/ecosystems?lang=fr&lq=9", lang="fr", lq="9")
    assert "seuil de QL (1,0 à 5,0)" in text


def test_shares_chart_in_french(app, client):
    answer = _answer(app, client, "ecosystems-shares")
    figure = answer[SHARES_FIG]["figure"]
    assert figure["layout"]["title"]["text"] == (
        "France et l’UE27\u00a0: part de l’emploi par écosystème industriel, 2015"
    )
    assert (
        "Mobilité-transports-auto." in figure["data"][0]["y"] or "Mobilité-transports-auto. *" in figure["data"][0]["y"]
    )
    assert all("," in t for t in figure["data"][2]["text"])  # ratios with a decimal comma
    table = _text(answer['{"index":"ecosystems-shares","type":"chart-table"}'])
    assert "Personnes occupées" in table and NNBSP in table  # 1 234 567 in French digits
    source = answer['{"index":"ecosystems-shares","type":"chart-source"}']["children"]
    assert source.startswith("Source\u00a0: Eurostat (sbs_r_nuts06_r2)\u202f; Source\u00a0: Commission européenne")
    assert _english_left(_text(answer)) == []


def test_heatmap_summary_and_caveats_in_french(app, client):
    answer = _answer(app, client, "ecosystems-heatmap")
    summary = answer["ecosystems-set-summary"]["children"]
    assert summary.startswith(
        "Carte de chaleur et tableaux des agglomérations\u00a0: régions NUTS 2 (France), 27 régions"
    )
    caveats = _text(answer["ecosystems-caveats"])
    assert "Couverture de ces chiffres" in caveats and "Toutes les cellules sont supprimées" in caveats
    absent = _text(_answer(app, client, "ecosystems-heatmap", country="PL", level=1)["ecosystems-caveats"])
    assert "Aucune donnée pour 1 des régions NUTS 1 (Polska)\u00a0: " in absent
    figure = answer[HEATMAP_FIG]["figure"]
    assert figure["layout"]["title"]["text"].startswith("Quotients de localisation par écosystème, régions NUTS 2")
    assert "Numérique" in figure["data"][-1]["x"]
    assert figure["data"][-1]["colorbar"]["ticktext"] == ["≤0,25", "0,5", "1", "2", "≥4"]
    assert _english_left(_text(answer)) == []


def test_agglomerations_in_french_with_nace_labels_marked_english(app, client):
    answer = _answer(app, client, "ecosystems-agg-summary", lq=1.5, share=1.0)
    summary = _text(answer["ecosystems-agg-summary"])
    assert "agglomérations d’importance régionale" in summary and "QL > 1,5" in summary
    table = answer["ecosystems-agg-table"]["children"]
    text = _text(table)
    assert "J58 (" in text and "Publishing activities" in text
    english = [c for c in table["props"]["children"][1:] if "lang" in json.dumps(c)]
    assert english and all('"lang": "en"' in json.dumps(c) for c in english)
    assert "signalé par un contrôle de plausibilité" in text  # FRD1, FRE1 G47
    assert answer["ecosystems-agg-source"]["children"] == "Source\u00a0: Eurostat (sbs_r_nuts06_r2)"
    eco = _text(_answer(app, client, "ecosystems-agg-summary", agg="ecosystems", level=1))
    assert "Numérique (1,63)" in eco and "Digital" not in eco
    assert _english_left(text) == [] and _english_left(eco) == []


def test_one_ecosystem_in_french(app, client):
    answer = _answer(app, client, "ecosystems-eco-section", ecosystem="IES05")
    info = _text(answer["ecosystems-eco-info"])
    assert "Numérique\u00a0: " in info and "Codes NACE pondérés" in info
    ranking = answer[RANKING_FIG]["figure"]
    assert ranking["layout"]["title"]["text"].startswith("Spécialisées\u00a0: Numérique")
    assert ranking["layout"]["xaxis"]["title"]["text"] == "QL (UE27 = 1)\u202f; tirets\u00a0: seuil 1,5"
    assert all("," in t or "." not in t for t in ranking["data"][0]["text"])
    projects = _text(answer["ecosystems-eco-projects"])
    assert "Projets des programmes et organisations de clusters\u00a0: Numérique" in projects
    map_source = answer['{"index":"ecosystems-map","type":"chart-source"}']["children"]
    assert map_source.endswith("© EuroGeographics pour les limites administratives")
    assert _english_left(_text(answer)) == []
    note = _text(_answer(app, client, "ecosystems-eco-section", ecosystem="IES03")["ecosystems-eco-info"])
    assert "Note (en anglais)" in note


@pytest.mark.parametrize("output", ["ecosystems-shares", "ecosystems-heatmap", "ecosystems-agg-summary"])
def test_each_language_has_its_own_cached_answer(app, client, output):
    french = _text(_answer(app, client, output, lang="fr"))
    english = _text(_answer(app, client, output, lang="en"))
    again = _text(_answer(app, client, output, lang="fr"))
    assert french == again and french != english
    assert "QL" not in english.replace("SQL", "")


def test_the_regions_page_in_french(app):
    text = layout_json(app, "regions", "/regions?lang=fr&country=DE", lang="fr", country="DE")  # Germany open
    assert "États membres de l’UE" in text and "Trouver une région" in text
    assert "Allemagne" in text and "Profil du pays\u00a0: Deutschland (DE)" in text
    # the pilots as the Observatory's reports name them, marked English
    assert '{"children": "Wallonia", "lang": "en"}' in text
    assert _english_left(text) == []
    # countries in French alphabetical order: Allemagne before Autriche before Belgique
    # (the open country in bold, the others links to their own list)
    shown = re.findall(r'"children": "([^"]+)"(?:\}, "type": "Strong"|, "href": "/regions\?country=)', text)
    assert shown[:4] == ["Allemagne", "Autriche", "Belgique", "Bulgarie"] and shown.index("Tchéquie") == 26
    english = layout_json(app, "regions", "/regions?lang=en", lang="en")
    assert "EU member states" in english and "Germany" in english


def test_the_agglomeration_csv_has_french_headers_and_the_same_values(app, client):
    def csv_lines(lang):
        values = {**controls(lang, agg="ecosystems", level=1), "ecosystems-agg-csv-button.n_clicks": 1}
        return _answer_raw(app, client, values)["ecosystems-agg-csv"]["data"]["content"].splitlines()

    french, english = csv_lines("fr"), csv_lines("en")
    assert french[0].startswith(
        "région,nom,agglomérations,sans_valeur,estimations_borne_inférieure,écosystème_1,ql_1,écosystème_2,ql_2"
    )
    assert french[0].endswith(",signalé")
    assert english[0].startswith("region,name,agglomerations,without_value,lower_bound_estimates,ecosystem_1,lq_1")
    assert french[1:] == english[1:]  # values machine-readable, as in English (codes, 1.627)


def _answer_raw(app, client, values) -> dict:
    return call(client, app, payload(app, "ecosystems-agg-csv.data", values)).get_json()["response"]
