"""Data & methods and the 404 page in French: headings, tables and method texts translated, numbers in French
format, the sources' and the pipeline's own English words marked lang="en"; English unchanged."""

from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder

from i18n import format_percent
from tests.callbacks.components import text_of


def _tree(component):
    return json.loads(json.dumps(component, cls=PlotlyJSONEncoder))


def _components(tree):
    if isinstance(tree, list):
        for item in tree:
            yield from _components(item)
    elif isinstance(tree, dict):
        yield tree
        yield from _components(tree.get("props", {}).get("children"))


def _markdown(tree) -> str:
    return "\n".join(c["props"]["children"] for c in _components(tree) if c.get("type") == "Markdown")


def _data_page(app, lang):
    from pages import data_methods

    with app.server.test_request_context("/data"):
        return _tree(data_methods.layout.uncached(lang=lang))


def test_data_and_methods_in_french(app):
    tree = _data_page(app, "fr")
    text, markdown = text_of(tree), _markdown(tree)
    for french in (
        "Données et méthodes",
        "Version des données",
        "Les dates de téléchargement ne sont pas enregistrées",
        "non enregistrée",
        "Jeu de données",
        "Qualité des données",
        "Cellules signalées (37)",
        "contient toutes les colonnes.",
        "Motif du signalement",
        "Concentration très au-delà de la dispersion habituelle de la division (national_concentration)",
        "Schéma",
        "454 lignes",  # regions.csv
    ):
        assert french in text, french
    for french in (
        "**Codes des régions.**",
        "| Indicateur | Unité | Thème | Meilleur si |",
        "| démographie | plus élevé |",
        "**Composite par défaut.**",
        f"au moins {format_percent(50, 'fr', 0)} des régions",  # DEFAULT_MIN_COVERAGE
        "dans [0,01\u202f; 1]",  # EPSILON with a decimal comma
        "«\u00a0Revenir au composite par défaut\u00a0»",
        f"au moins {format_percent(80, 'fr', 0)} des régions NUTS 2",  # the quality rules' COVERAGE
        f"de plus de {format_percent(0.5, 'fr', 1)}.",  # SECTION_TOLERANCE
        "(`part_flagged`)\u00a0: un chiffre de NUTS 1",
    ):
        assert french in markdown, french
    for english in (
        "Data version",
        "Retrieval dates are not recorded",
        "not recorded",
        "Flagged cells",
        "has every column",
        "**Region codes.**",
        "**Default composite.**",
        "Plausibility checks",
        "| Indicator | Unit |",
        "454 rows",
    ):
        assert english not in text + markdown, english


def test_french_data_page_marks_the_english_source_texts(app):
    tree = _data_page(app, "fr")
    cells = [c for c in _components(tree) if c.get("type") == "Td"]
    english = [c["props"]["children"] for c in cells if c["props"].get("lang") == "en"]
    french = [c["props"]["children"] for c in cells if "lang" not in c["props"]]
    # Source titles and attributions, and the pipeline's notes and reasons, stay English and say so.
    assert "Source: Eurostat (tgs00007)" in english
    assert any(t.startswith("13.2% of FR's G47 employment") for t in english)
    assert any(t.startswith("Opens on 2023, the latest year") for t in english)
    assert "non enregistrée" in french and "Nord-Pas de Calais (FRE1)" in french
    assert not any(t in ("not recorded", "Source: Eurostat (tgs00007)") for t in french)


def test_english_data_page_keeps_its_markdown_tables(app):
    text = text_of(_data_page(app, "en"))
    assert "| Retrieved | Eurostat data update |" in text and "| not recorded |" in text
    assert "Flagged cells (37)" in text and "data_quality.csv" in text


def test_the_composite_method_on_rankings_in_french(app):
    from pages import rankings

    with app.server.test_request_context("/rankings"):
        markdown = _markdown(_tree(rankings.layout.uncached(lang="fr")))
    assert "**Rangs.**" in markdown and "**Sensibilité des rangs**" in markdown
    assert "le PIB total mesure la taille d’une région" in markdown  # a composite note, from the catalogue
    assert "**Ranks.**" not in markdown


def test_the_404_page_in_french(app):
    from pages import not_found_404

    with app.server.test_request_context("/nowhere"):
        french = text_of(_tree(not_found_404.layout(lang="fr")))
        english = text_of(_tree(not_found_404.layout()))
    with app.server.test_request_context("/nowhere", headers={"Accept-Language": "fr-FR,fr;q=0.9"}):
        browser = text_of(_tree(not_found_404.layout()))
    assert "Page introuvable" in french and "Aller à la carte" in french and "Page not found" not in french
    assert "Page not found" in english and "There is no page at this address" in english
    assert browser == french  # no ?lang=: the browser's Accept-Language
