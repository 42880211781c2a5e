"""Slides in French: the editor, the deck, its notices and the callbacks' messages; the deck's own ?lang= goes to
every slide. English unchanged."""

from __future__ import annotations

import base64
import json

from plotly.utils import PlotlyJSONEncoder

from tests.callbacks.components import text_of


def _text(component) -> str:
    return text_of(json.loads(json.dumps(component, cls=PlotlyJSONEncoder)))


def _props(component, ident):
    tree = json.loads(json.dumps(component, cls=PlotlyJSONEncoder))
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if node.get("props", {}).get("id") == ident:
                return node["props"]
            stack.append(node.get("props", {}).get("children"))
    raise KeyError(ident)


def test_the_editor_in_french(app):
    from pages import slides

    with app.server.test_request_context("/slides?lang=fr"):
        page = slides.layout(lang="fr")
    text = _text(page)
    assert "Préparez une réunion sous la forme d’une liste de liens" in text
    assert "Ouvrir la présentation" in text and "«\u00a0Copier le lien\u00a0»" in text
    assert "Prepare a meeting" not in text and "Open the deck" not in text
    assert _props(page, slides.TEXT)["placeholder"].startswith("Un lien par ligne, par exemple\u00a0:\n/region/FRE1")
    assert _props(page, "page-language")["data"] == "fr"


def test_the_deck_and_its_notices_in_french(app):
    from pages import slides

    query = {"lang": "fr", "view": ["/region/FRE1", "/rankings", "https://evil.example/"], "i": "7"}
    with app.server.test_request_context("/slides"):
        page = slides.layout(**query)
    text = _text(page)
    assert (
        "1 lien écarté, qui ne peut pas être une diapositive\u00a0: 'https://evil.example/'\u00a0: un lien vers" in text
    )
    assert "La présentation compte 2 diapositives\u00a0: affichage de la diapositive 2 au lieu de la 7." in text
    assert "Diapositive 2 sur 2" in text and "Précédente" in text and "Modifier la présentation" in text
    assert "Left out" not in text and "Slide 2 of 2" not in text and "Previous" not in text
    # The deck's language goes to the slide, its Open view link and the editor link.
    assert _props(page, slides.FRAME)["src"] == "/rankings?lang=fr&embed=1"
    assert _props(page, slides.FRAME)["title"] == "Diapositive 2 sur 2\u00a0: /rankings"
    assert _props(page, slides.OPEN_VIEW)["href"] == "/rankings?lang=fr"
    assert _props(page, slides.EDIT)["href"].endswith("&edit=1&lang=fr")


def test_the_deck_without_lang_follows_the_browser_and_leaves_links_alone(app):
    from pages import slides

    with app.server.test_request_context("/slides", headers={"Accept-Language": "fr-FR,fr;q=0.9"}):
        page = slides.layout(view=["/region/FRE1?lang=en"])
    assert "Diapositive 1 sur 1" in _text(page)
    assert _props(page, slides.FRAME)["src"] == "/region/FRE1?lang=en&embed=1"  # the link's own language, kept


def test_the_callbacks_answer_in_french(app):
    from callbacks import slides as cb

    with app.server.test_request_context("/_dash-update-component"):
        _href, empty = cb.open_deck("", "http://127.0.0.1/slides?lang=fr", "fr")
        _href, problems = cb.open_deck("/region/FRE1\n/nowhere", "http://127.0.0.1/slides?lang=fr", "fr")
        href, _message = cb.open_deck("/region/FRE1", "http://127.0.0.1/slides?lang=fr&edit=1", "fr")
        data = "data:text/plain;base64," + base64.b64encode(b"/region/FRE1\n/rankings\n").decode()
        _text_value, loaded = cb.read_upload(data, "reunion.txt", "fr")
        _text_value, refused = cb.read_upload("data:text/plain;base64,@@@", None, "fr")
        moved = cb.move(1, "?lang=fr&present=1", {"views": ["/region/FRE1", "/rankings"], "i": 1}, "fr")
    assert _text(empty) == "Écrivez ou collez d’abord au moins un lien (un par ligne)."
    assert "aucune page de cette application n’a cette adresse" in _text(problems)
    assert "Corrigez ou supprimez ces lignes" in _text(problems)
    assert href.endswith("&i=1&lang=fr")  # the editor's language goes on to the deck
    assert _text(loaded) == "2 liens chargés depuis reunion.txt. Vérifiez-les, puis ouvrez la présentation."
    assert _text(refused).startswith("Le fichier n’a pas pu être lu\u00a0: choisissez un fichier .txt")
    url, position, _link, src, title, *_rest = moved
    assert position == "Diapositive 2 sur 2" and title == "Diapositive 2 sur 2\u00a0: /rankings"
    assert url.endswith("&i=2&lang=fr") and src == "/rankings?lang=fr&embed=1&present=1"


def test_the_callbacks_in_english_are_unchanged(app):
    from callbacks import slides as cb

    with app.server.test_request_context("/_dash-update-component"):
        data = "data:text/plain;base64," + base64.b64encode(b"/region/FRE1\n").decode()
        _text_value, loaded = cb.read_upload(data, "deck.txt")
        moved = cb.move(1, "?present=1", {"views": ["/region/FRE1", "/rankings"], "i": 1})
    assert _text(loaded) == "Loaded 1 link from deck.txt. Check them, then open the deck."
    assert moved[1] == "Slide 2 of 2" and moved[3] == "/rankings?embed=1&present=1"
    assert moved[4] == "Slide 2 of 2: /rankings" and moved[7] == "/rankings"
