"""The page's language: <html lang> and the skip link from ?lang= or Accept-Language; the shell in French."""

import re

import pytest

from callbacks.shell import shell_text
from components.navbar import PAGES
from components.share import BUTTONS
from i18n import translator


def _html_tag(client, url, **headers):
    page = client.get(url, headers=headers)
    return re.search(r"<html[^>]*>", page.data.decode()).group(0), page


@pytest.mark.parametrize(
    ("url", "accept", "lang"),
    [
        ("/?lang=fr", None, "fr"),
        ("/region/FRE1?lang=FR", None, "fr"),
        ("/", "fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("/?lang=en", "fr-FR", "en"),  # the link wins over the browser
        ("/?lang=xx", "de-DE", "en"),  # unknown: English
    ],
)
def test_the_page_names_its_language(client, url, accept, lang):
    tag, page = _html_tag(client, url, **({"Accept-Language": accept} if accept else {}))
    assert f'lang="{lang}"' in tag
    assert ("Aller au contenu" in page.data.decode()) == (lang == "fr")
    assert "Accept-Language" in page.headers["Vary"]


def test_every_shell_label_has_a_french_translation():
    _ = translator("fr")
    same_in_french = {"Programmes", "Clusters", "Pages"}
    labels = [label for label, _path, _icon in PAGES] + [text for _i, *texts in BUTTONS.values() for text in texts]
    untranslated = [label for label in labels if _(label) == label and label not in same_in_french]
    assert untranslated == []


def test_the_shell_in_french():
    text = shell_text("fr")
    assert text["navbar-brand"]["children"] == "Observatoire européen des clusters et des régions"
    assert text["share-copy-link"]["title"] == "Copier un lien vers cette vue"
    assert str(text["share-language"]["children"]).count("English") == 1  # the switch offers the other language
