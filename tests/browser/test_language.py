"""The language comes from the link (?lang=fr), stays in every link made from the page, and switches in place."""

from app import create_app

NARROW_NBSP = "\u202f"


def _text(dash_duo, selector):
    return dash_duo.driver.execute_script(f"return document.querySelector('{selector}').textContent;")


def _separators(dash_duo):
    return dash_duo.driver.execute_script("return document.querySelector('.js-plotly-plot').layout.separators;")


def test_a_french_link_shows_the_shell_and_chart_numbers_in_french_and_keeps_the_language(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?lang=fr&indicator=unemployment_rate")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    assert dash_duo.find_element("html").get_attribute("lang") == "fr"
    dash_duo.wait_for_contains_text("#share-copy-link", "Copier le lien", timeout=10)
    assert "Vue d’ensemble" in _text(dash_duo, "#navbar-nav") and "Classements" in _text(dash_duo, "#navbar-nav")
    assert _separators(dash_duo) == "," + NARROW_NBSP  # 37 800 and 12,5 on the charts
    dash_duo.driver.set_window_size(1400, 900)  # the navbar unfolds from 1200 px
    dash_duo.find_element("#navbar-nav a[href='/rankings']").click()
    dash_duo.wait_for_contains_text("#rankings-summary", "regions ranked", timeout=20)
    assert "lang=fr" in dash_duo.driver.current_url
    assert dash_duo.find_element("html").get_attribute("lang") == "fr"
    assert dash_duo.get_logs() == []


def test_the_language_button_switches_language_and_keeps_every_other_control(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?indicator=unemployment_rate&present=1")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    assert dash_duo.find_element("html").get_attribute("lang") == "en"
    assert _separators(dash_duo) in (None, ".,")
    dash_duo.find_element("#share-language").click()
    dash_duo.wait_for_contains_text("#share-copy-link", "Copier le lien", timeout=10)
    url = dash_duo.driver.current_url
    assert "lang=fr" in url and "indicator=unemployment_rate" in url and "present=1" in url
    assert dash_duo.find_element("html").get_attribute("lang") == "fr"
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    assert _separators(dash_duo) == "," + NARROW_NBSP
    dash_duo.find_element("#share-language").click()  # and back
    dash_duo.wait_for_contains_text("#share-copy-link", "Copy link", timeout=10)
    assert "lang=en" in dash_duo.driver.current_url
    assert dash_duo.find_element("html").get_attribute("lang") == "en"
    assert dash_duo.get_logs() == []


def test_the_briefing_in_french(dash_duo):
    """/briefing/FRB0?lang=fr: the page, its generated sentences and Figure 4 in French, French numbers."""
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/briefing/FRB0?peers=pilots&lang=fr")
    dash_duo.wait_for_contains_text("#page-content h1", "Note d’orientation", timeout=20)
    assert dash_duo.find_element("html").get_attribute("lang") == "fr"
    dash_duo.wait_for_contains_text("#briefing-sentence-economy", "de la valeur de l’UE27", timeout=20)
    dash_duo.wait_for_contains_text("#briefing-sentence-stars", "étoiles de cluster", timeout=20)
    dash_duo.wait_for_contains_text("#briefing-sentence-fig4", "Sur les 10 régions représentées", timeout=20)
    economy = _text(dash_duo, "#briefing-sentence-economy")
    assert "\u00a0%" in economy and NARROW_NBSP in economy  # 83 %, 37 800
    assert "Étoiles comptées sur les" in _text(dash_duo, "#page-content")
    for english in ("of the EU27 value", "Policy briefing", "Of the 10 regions drawn", "Recommended support"):
        assert english not in _text(dash_duo, "#page-content"), english
    assert dash_duo.get_logs() == []
