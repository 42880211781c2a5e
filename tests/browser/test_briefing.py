"""The briefing in a real browser: every section of FRB0 rendered, Figure 4 of the pilot regions, a moved threshold
changes regions' types (and the link), missing data said for PL91, the not-found panel for an unknown code."""

import pytest
from selenium.webdriver.common.keys import Keys

from app import create_app
from tests.browser.test_region import start


@pytest.fixture(scope="module")
def dash_app():
    return create_app()


SENTENCE = "#briefing-sentence-fig4"


def test_all_sections_and_a_threshold_moves_regions_between_types(dash_duo, dash_app):
    start(dash_duo, dash_app)
    dash_duo.wait_for_page(dash_duo.server_url + "/briefing/FRB0?peers=pilots")
    dash_duo.wait_for_contains_text("#page-content h1", "Policy briefing: Centre", timeout=15)
    for key, text in [
        ("economy", "of the EU27 value"),
        ("innovation", "R&D spending"),
        ("profile", "On the 0-1 scale"),
        ("stars", "cluster stars over"),
        ("programmes", "Centre"),
        ("organisations", "cluster organisation"),
        ("policy", "Recommended support for Centre"),
    ]:
        dash_duo.wait_for_contains_text(f"#briefing-sentence-{key}", text, timeout=20)
    dash_duo.wait_for_contains_text(SENTENCE, "Of the 10 regions drawn", timeout=20)
    before = dash_duo.find_element(SENTENCE).text
    assert "Type 1: many stars, moderate composite: 1" in before  # Piemonte
    assert "Productivity: not computed" in dash_duo.find_element("#briefing-note-stars").text
    # Raise the star threshold of type 1 above Piemonte's total: it leaves type 1.
    box = dash_duo.find_element("#briefing-s2")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("40", Keys.ENTER)
    assert "Between types: 1" in before
    dash_duo.wait_for_contains_text(SENTENCE, "Between types: 2", timeout=15)
    assert "Type 1" not in dash_duo.find_element(SENTENCE).text
    assert "s2=40" in dash_duo.driver.current_url and "peers=pilots" in dash_duo.driver.current_url
    graph = dash_duo.driver.execute_script(
        "return document.querySelector('[id*=\"briefing-fig4\"] .js-plotly-plot').data.map(t => t.name)"
    )
    assert "Type 1: many stars, moderate composite" not in graph
    assert dash_duo.get_logs() == []


def test_missing_data_is_said_and_unknown_code_gets_matches(dash_duo, dash_app):
    start(dash_duo, dash_app)
    dash_duo.wait_for_page(dash_duo.server_url + "/briefing/PL91")
    dash_duo.wait_for_contains_text("#briefing-sentence-stars", "not in the data", timeout=20)
    dash_duo.wait_for_contains_text(SENTENCE, "no star total (not in the data)", timeout=20)
    dash_duo.wait_for_page(dash_duo.server_url + "/briefing/FRE9")
    dash_duo.wait_for_contains_text("#region-not-found", "Did you mean", timeout=10)
    assert "FRE1" in dash_duo.find_element("#region-not-found").text
    assert dash_duo.get_logs() == []
