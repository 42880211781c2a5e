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
    dash_duo.find_element("#share-copy-link").click()
    dash_duo.wait_for_contains_text("#share-copy-status", "Lien copié", timeout=10)
    dash_duo.find_element("#share-embed-open").click()
    dash_duo.wait_for_contains_text("#share-embed-title", "Intégrer cette vue", timeout=10)
    assert "Observatoire européen" in dash_duo.find_element("#share-embed-code").get_attribute("value")
    dash_duo.find_element("#share-embed-modal .btn-close").click()
    dash_duo.driver.set_window_size(1400, 900)  # the navbar unfolds from 1200 px
    dash_duo.find_element("#navbar-nav a[href='/rankings']").click()
    dash_duo.wait_for_contains_text("#rankings-summary", "classées selon", timeout=20)
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
