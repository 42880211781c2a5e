"""The Cluster organisations page in French: its layout, notices and callbacks (directory, uploads, monitoring
status and charts) answer in the page's language (the page-language store), numbers in French digits, published
texts marked English, and no English sentence of the page's own texts is left."""

import base64
import io
import json

import pandas as pd
import pytest

from benchmarks.harness import call, payload
from tests.callbacks.components import answer_json, layout_json
from tests.catalogue import english_left, own_sentences

NNBSP, NBSP = "\u202f", "\u00a0"  # French digit groups; the space before a colon
# The modules whose texts the Clusters page shows (the chart cards, filters and notices' own words are the shared
# components', translated elsewhere).
OWN = (
    "pages/clusters.py",
    "callbacks/clusters.py",
    "state/clusters.py",
    "components/clusters_view.py",
    "components/figures/policy.py",
    "data/policy.py",
)
MONITORING = "clusters-status.children"


def _published_left_out(node):
    """The answer without the parts marked lang="en" (published quotes and source lines, shown as published)."""
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict) and node["props"].get("lang") == "en":
            return None
        return {k: _published_left_out(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_published_left_out(v) for v in node]
    return node


def _unpublished(text: str) -> str:
    return json.dumps(_published_left_out(json.loads(text)), ensure_ascii=False)


def _answer(client, app, output, values, lang="fr", trigger=None) -> str:
    return _unpublished(answer_json(client, app, output, values, lang, trigger))


def _layout(app, **query) -> str:
    return _unpublished(layout_json(app, "clusters", "/clusters", **query))


def _upload(client, app, key, text, stored, lang="fr") -> dict:
    url = "data:text/csv;base64," + base64.b64encode(text.encode()).decode()
    values = {f"clusters-upload-{key}.contents": url, f"clusters-upload-{key}.filename": f"{key}.csv"}
    body = payload(app, "clusters-raw.data", {**values, "clusters-raw.data": stored, "page-language.data": lang})
    body["changedPropIds"] = [f"clusters-upload-{key}.contents"]
    return call(client, app, body).get_json()["response"]["clusters-raw"]["data"]


def _monitoring(client, app, stored=None, example=False, year=None, kpi="story_telling", lang="fr") -> str:
    values = {
        "clusters-raw.data": stored or {},
        "clusters-example.value": example,
        "clusters-year.value": year,
        "clusters-kpi.value": kpi,
    }
    return _answer(client, app, MONITORING, values, lang)


# Files of a monitoring region, with problems: French member types and yes/no words are accepted.
MANAGEMENT = "cluster,region,year,fte_cluster_management,public_state_eur\n" + "Grappe Alpha,FRK,2023,2,150000\n" * 2
MEMBERS = (
    "cluster,year,member_type,in_governance\n"
    "Grappe Alpha,2023,PME,oui\n"
    "Grappe Alpha,2023,grande entreprise,non\n"
    "Inconnue,20x,martien,peut-être\n"
)


@pytest.fixture(scope="module")
def french(app, client):
    parts = {"layout": _layout(app, lang="fr", region="ZZ9", example="2")}
    directory = {"clusters-region.value": None, "clusters-programme.value": None}
    parts["directory"] = _answer(client, app, "clusters-directory.children", directory)
    selection = {"clusters-region.value": "FRK", "clusters-programme.value": "ESCP-4i"}
    parts["selection"] = _answer(client, app, "clusters-directory.children", selection)
    parts["empty"] = _monitoring(client, app)
    parts["example"] = _monitoring(client, app, example=True, year=1999)
    stored = _upload(client, app, "management", MANAGEMENT, {})
    stored = _upload(client, app, "members", MEMBERS, stored)
    stored = _upload(client, app, "objectives", "cluster,year,autre\nGrappe Alpha,2023,1\n", stored)
    parts["uploads"] = json.dumps(stored, ensure_ascii=False)
    parts["loaded"] = _monitoring(client, app, stored)
    return parts


def test_the_layout_and_its_notices_are_in_french(french):
    page = french["layout"]
    for text in (
        "Organisations de clusters en France",
        f"Organisations de clusters en France{NBSP}: les décomptes de la fiche de l’ECCP",
        "Organisations de clusters françaises de l’ECCP par écosystème industriel",  # a chart card's title
        "Industries culturelles et créatives",  # the factsheet's ecosystem names, on the chart
        "grandes entreprises",  # the factsheet's types of member
        "UE (%)",  # the composition chart's text alternative
        "% des organisations membres",  # its axis
        "Autres décomptes de clusters dans les documents de référence",
        "pôles de compétitivité labellisés en phase V",  # what is counted, in the page's language
        "Programme de l’UE",
        "Tous ou aucun",
        "Suivi des clusters",
        "Modèle (Excel)",
        "Nombre d’ETP dans la gestion du cluster",  # a template's column description
        "| colonne | obligatoire | description |",
        f"déposez ou choisissez un fichier (.xlsx, ou .csv en UTF-8{NNBSP}; jusqu’à 2 Mo et 5{NNBSP}000 lignes)",
        "Afficher plutôt les fichiers d’exemple",
        "Projets ou actions menés en commun",  # an objective, as a dropdown option
        "Objectifs opérationnels par année",
    ):
        assert text in page, text
    assert f"Valeur inconnue pour «{NBSP}région{NBSP}»{NBSP}: 'ZZ9'" in page  # the link's notices too
    assert f"«{NBSP}bouton des fichiers d’exemple{NBSP}»{NBSP}: '2'" in page
    for english in ("Cluster monitoring", "Template (Excel)", "Other counts", "Unknown region", "Members by type"):
        assert english not in page


def test_the_directory_is_in_french_with_french_numbers(french):
    directory = french["directory"]
    assert "| Organisation | Région | Décrite comme | Programmes de l’UE (projet) | Sources |" in directory
    assert " organisations de clusters." in directory and "pages sources" in directory
    assert "not given" not in directory and "cluster organisations." not in directory
    assert "organisation de clusters pour cette sélection." in french["selection"]  # one: singular


def test_the_monitoring_status_and_charts_are_in_french(french):
    empty = french["empty"]
    assert "Aucun fichier de suivi chargé pour l’instant" in empty
    assert "Aucune ligne de membres acceptée pour l’instant" in empty  # the empty charts say why
    example = french["example"]
    assert "DONNÉES D’EXEMPLE" in example and "Cluster d’exemple A (valeurs d’exemple)" in example
    assert "Les fichiers chargés n’ont aucune ligne pour 1999" in example
    assert "Financement public" in example and "du total connu)" in example  # legend and hover text
    assert f"{NBSP}%" in example and "Récits d’expérience" in example  # the objective's title
    assert "| Cluster | Année | Source de financement | EUR | Part du total connu |" in example
    assert f"1{NNBSP}" in example  # the funding table's euros in French digits
    loaded = french["loaded"]
    assert f"Gestion du cluster{NBSP}: " in loaded and "1 ligne acceptée, 1 refusée(s)" in loaded
    assert f"Financement public{NBSP}: État" in loaded and f"150{NNBSP}000" in loaded  # the funding table
    assert f"ligne 3{NBSP}: répète la ligne 2 (cluster, year)" in loaded
    assert "2 lignes acceptées" in loaded  # PME and oui, grande entreprise and non: accepted
    assert "cluster inconnu 'Inconnue'" in loaded and "ne fait pas partie de" in loaded
    assert "'peut-être' n’est ni oui ni non" in loaded
    assert f"Colonnes incorrectes (colonnes obligatoires manquantes{NBSP}: joint_projects_actions" in loaded
    assert "Utilisez le modèle «" in loaded
    assert "Membres du cluster" in loaded and "PME" in loaded and "grande entreprise" in loaded


def test_no_english_sentence_of_the_pages_own_texts_is_left_in_french(french):
    assert len(own_sentences(OWN)) > 80  # the check reads the catalogue: it has the page's texts to look for
    for name, shown in french.items():
        assert english_left(shown, OWN) == [], name


def test_an_upload_that_is_not_a_file_says_so_in_french(app, client):
    body = payload(app, "clusters-raw.data", {"clusters-raw.data": {}, "page-language.data": "fr"})
    body["changedPropIds"] = ["clusters-upload-members.contents"]
    stored = call(client, app, body).get_json()["response"]["clusters-raw"]["data"]
    assert stored["members"]["error"] == "Aucun fichier n’a été reçu."
    shown = _monitoring(client, app, stored)
    assert "n’a pas été lu. Aucun fichier n’a été reçu." in shown


def test_english_stays_the_default_and_the_directory_cache_keys_on_the_language(app, client):
    values = {"clusters-region.value": "FRK", "clusters-programme.value": None}
    french = _answer(client, app, "clusters-directory.children", values)
    english = _answer(client, app, "clusters-directory.children", values, "en")
    assert "| Organisation | Region | Described as | EU programmes (project) | Sources |" in english
    assert "cluster organisations for this selection." in english and "Région" not in english
    assert "Région" in french  # the same arguments otherwise: not the English answer cached
    page = _layout(app)
    assert "Cluster organisations in France: the ECCP factsheet's counts" in page and "Suivi" not in page


@pytest.mark.parametrize("key", ["management", "members", "objectives"])
def test_the_templates_and_example_files_download_in_french(app, client, key):
    def download(fmt):
        button = {"type": "clusters-template", "key": key, "fmt": fmt}
        body = payload(app, "clusters-template-download.data", {"page-language.data": "fr"})
        body["inputs"] = [[{"id": button, "property": "n_clicks", "value": 1}]]  # the one button clicked
        body["changedPropIds"] = [json.dumps(button, sort_keys=True, separators=(",", ":")) + ".n_clicks"]
        return call(client, app, body).get_json()["response"]["clusters-template-download"]["data"]

    workbook = download("xlsx")
    sheets = pd.read_excel(io.BytesIO(base64.b64decode(workbook["content"])), sheet_name=None)
    readme = sheets["README"]
    assert list(readme.columns) == ["column", "required", "description"]  # the file's own words: kept
    assert set(readme["required"]) <= {"oui", "non"} and "Année de déclaration" in set(readme["description"])
    assert {"Gestion du cluster", "Membres du cluster", "Objectifs opérationnels"} & set(sheets)
    example = download("example")
    assert "Cluster d’exemple A (valeurs d’exemple)" in example["content"]
    assert example["content"].splitlines()[0].startswith("cluster,")  # the columns stay the template's
