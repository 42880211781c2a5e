import datetime as dt

import pytest

import i18n


@pytest.mark.parametrize(
    "value, header, expected",
    [
        ("fr", None, "fr"),
        ("FR", "en", "fr"),
        ("de", "de-DE,fr;q=0.8,en;q=0.5", "fr"),
        (None, "en-GB,en;q=0.9,fr;q=0.8", "en"),
        (None, "fr;q=0,en;q=0.1", "en"),
        (None, "es", "en"),
        (None, "da, fr;q=junk", "en"),
        ("<script>", None, "en"),
    ],
)
def test_choose_language(value, header, expected):
    assert i18n.choose_language(value, header) == expected


def test_french_catalogue_translates_and_english_is_the_source():
    assert i18n.translator("fr")("Data & methods") == "Données et méthodes"
    assert i18n.translator("en")("Data & methods") == "Data & methods"
    assert i18n.translator("fr")("A sentence nobody translated") == "A sentence nobody translated"


def test_french_plurals():
    n_ = i18n.ntranslator("fr")
    one, many = "{count} region not shown", "{count} regions not shown"
    assert n_(one, many, 1).format(count=1) == "1 région non affichée"
    assert n_(one, many, 2).format(count=2) == "2 régions non affichées"


@pytest.mark.parametrize(
    "lang, number, percent, day",
    [
        ("en", "37,800", "12.5%", "4 December 2026"),
        ("fr", "37\u202f800", "12,5\u00a0%", "4 décembre 2026"),
    ],
)
def test_locale_conventions(lang, number, percent, day):
    assert i18n.format_number(37800, lang) == number
    assert i18n.format_percent(12.5, lang) == percent
    assert i18n.format_day(dt.date(2026, 12, 4), lang) == day


def test_missing_stays_missing():
    assert i18n.format_number(float("nan"), "fr") == "–"
    assert i18n.format_percent(None, "en") == "–"


def test_plotly_separators_follow_the_locale():
    assert i18n.plotly_separators("en") == ".,"
    assert i18n.plotly_separators("fr") == ",\u202f"


def test_committed_catalogues_compile():
    assert i18n.check() == []


def test_a_translation_that_drops_a_placeholder_is_refused(tmp_path, monkeypatch):
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "{count} regions"\nmsgstr "des régions"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    with pytest.raises(i18n.CatalogueError, match="placeholders"):
        i18n._compile("fr")
