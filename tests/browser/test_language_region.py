"""/region/FRE1?lang=fr in a real browser: the page's headings, cards, chart titles, legends, axes and tables in
French, numbers in French digits, and no English sentence of the page's own texts anywhere on it."""

from app import create_app
from tests.browser.renderer import scroll_through
from tests.browser.test_region import start
from tests.callbacks.test_region_language import OWN
from tests.catalogue import own_sentences

NNBSP, NBSP = "\u202f", "\u00a0"

# Everything the page draws, as text: its HTML, the SVG of the charts (titles, axes, legends, annotations) and
# the chart tables (text alternatives), which are in the DOM even while folded.
# The indicator explorer's panes are left out: their texts are the explorer's (translated with explore_view).
PAGE_TEXT = """
let text = document.querySelector('#page-content').textContent;
document.querySelectorAll('[id^=region-pane-]').forEach(pane => { text = text.replace(pane.textContent, ''); });
return text;
"""
TABLE_HEADERS = """
return Array.from(document.querySelectorAll('#page-content table'))
    .map(t => Array.from(t.querySelectorAll('th')).map(th => th.textContent.trim()));
"""
FIGURE_TITLES = """
return Array.from(document.querySelectorAll('#page-content .js-plotly-plot'))
    .filter(gd => !gd.closest('[id^=region-pane-]'))
    .map(gd => (gd.layout && gd.layout.title && gd.layout.title.text) || '');
"""


def _chart(name: str) -> str:
    return f'[id=\'{{"index":"{name}","type":"chart-graph"}}\'] .gtitle'


def test_the_region_page_in_french(dash_duo):
    start(dash_duo, create_app())
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE1?lang=fr")
    dash_duo.wait_for_contains_text("#page-content h1", "Nord-Pas de Calais (FRE1)", timeout=15)
    assert dash_duo.find_element("html").get_attribute("lang") == "fr"
    dash_duo.wait_for_contains_text("#region-year-note", "la dernière année avec des données", timeout=15)
    dash_duo.wait_for_contains_text("#region-card-gdp_pc_pps", "Rang 142 sur 244 régions NUTS 2 de l’UE", timeout=15)
    card = dash_duo.driver.execute_script("return document.querySelector('#region-card-gdp_pc_pps').textContent;")
    assert f"France{NBSP}: 37{NNBSP}800" in card  # (WebDriver's .text turns no-break spaces into spaces)
    dash_duo.wait_for_contains_text(_chart("region-economy"), "Indicateurs économiques", timeout=15)
    scroll_through(dash_duo)  # the charts below the fold are drawn once scrolled to
    dash_duo.wait_for_contains_text(_chart("region-profile"), "Profil normalisé", timeout=15)
    dash_duo.wait_for_contains_text(_chart("region-ecosystems"), "Écosystèmes industriels", timeout=15)
    dash_duo.wait_for_contains_text(_chart("region-nace"), "Divisions de la NACE", timeout=15)
    dash_duo.wait_for_contains_text("#region-similar", "Comparer FRE1 avec les 5 régions les plus proches", timeout=15)

    headings = [h.text for h in dash_duo.find_elements("#page-content h2.h5")]
    for heading in ("Indicateurs clés", "Profil normalisé", "Spécialisation", "Régions similaires"):
        assert heading in headings
    legends = {e.text for e in dash_duo.find_elements("#page-content .legendtext")}
    assert {"UE27", "Pas une agglomération"} <= legends
    text = dash_duo.driver.execute_script(PAGE_TEXT)
    for french in (
        "quotient de localisation (1 = part de l’UE27)",  # an axis
        "Commerce de détail",  # an ecosystem's name
        "absent des données",
    ):
        assert french in text, french
    headers = dash_duo.driver.execute_script(TABLE_HEADERS)
    assert ["Activité", "QL", "Part de l’emploi", "Agglomération", "Note"] in headers  # a chart's text alternative
    titles = dash_duo.driver.execute_script(FIGURE_TITLES)
    assert any(t.startswith("Indicateurs d’innovation") for t in titles)
    left = [sentence for sentence in own_sentences(OWN) if sentence in text or any(sentence in t for t in titles)]
    assert left == []
    assert dash_duo.get_logs() == []
