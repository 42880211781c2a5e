"""The language comes from the link (?lang=fr), stays in every link made from the page, and switches in place."""

import re

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


# Words that give an English sentence away on the Overview page (region names, "Name (CODE)", are left out).
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|with|in|by|choose|show|values?|change|since|scale|year|chart|map|table|play|pause|no data|"
    r"coverage|best|last|placed|add|regions?|countries|indicator|level|note|flag|source:)\b",
    re.IGNORECASE,
)
# Texts of the shared components (chart card actions and its table summary, the phone's filter buttons, plotly's
# mode bar): translated by the lead, not by the page.
SHARED = "summary, .chart-actions, .filters-open, [data-filters-close], .modebar"


def _visible_texts(dash_duo, root="#page-content"):
    """Every text node shown inside the page (not the shell), charts' SVG text included, hidden panes left out."""
    return dash_duo.driver.execute_script(
        """
        const root = document.querySelector(arguments[0]), skip = arguments[1], out = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const el = walker.currentNode.parentElement, text = walker.currentNode.textContent.trim();
            if (!text || !el || el.closest(skip) || el.closest('[hidden]') || !el.getClientRects().length) continue;
            if (getComputedStyle(el).visibility === 'hidden' || el.closest('.visually-hidden')) continue;
            const details = el.closest('details');  // a closed table of a chart: not shown
            if (details && !details.open) continue;
            out.push(text);
        }
        return out;
        """,
        root,
        SHARED,
    )


def _english(texts) -> list[str]:
    proper = re.compile(r".+ \([A-Z]{2}[A-Z0-9]{0,3}\)(, pays)?$")  # a region's name and code
    return [t for t in texts if ENGLISH_WORDS.search(t) and not proper.fullmatch(t)]


def test_the_overview_in_french_shows_french_headings_controls_and_charts(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.get(dash_duo.server_url + "/?lang=fr&regions=FRE1")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    dash_duo.wait_for_contains_text("h1", "Les régions d’Europe en un coup d’œil", timeout=10)
    dash_duo.wait_for_contains_text("#overview-headlines", "En tête", timeout=20)
    dash_duo.wait_for_contains_text(".gtitle", "PIB par habitant en SPA, régions NUTS 2", timeout=20)
    texts = _visible_texts(dash_duo)
    for french in ("Indicateur", "Niveau NUTS", "Carte", "Graphique", "Tableau", "Lecture", "UE27", "Couverture"):
        assert french in texts, french
    assert "PIB par habitant en SPA (SPA par habitant)" in texts  # the chosen indicator, with its unit
    assert any(t.startswith("Source\u00a0: Eurostat") for t in texts)
    assert _english(texts) == [], _english(texts)
    dash_duo.find_element("#overview-play").click()  # the timeline's button, relabelled in the browser
    dash_duo.wait_for_text_to_equal("#overview-play", "Pause", timeout=10)
    dash_duo.find_element("#overview-play").click()
    dash_duo.wait_for_text_to_equal("#overview-play", "Lecture", timeout=10)

    dash_duo.find_element("label[for='_dbcprivate_radioitems_overview-tab_input_chart']").click()
    dash_duo.wait_for_contains_text("#overview-pane-chart .gtitle", "PIB par habitant en SPA", timeout=20)
    dash_duo.wait_for_element("#overview-pane-chart .legendtext", timeout=20)
    texts = _visible_texts(dash_duo)
    assert {"UE27", "France (FR), pays", "Nord-Pas de Calais (FRE1)"} <= set(texts)  # the legend
    for french in ("Régions du graphique", "Afficher", "Valeurs", "Année de base", "Échelle logarithmique"):
        assert french in texts, french
    assert _english(texts) == [], _english(texts)


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
