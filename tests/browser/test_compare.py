"""Compare in a real browser: the pilot default, adding and removing regions, links that restore the view,
quadrants that follow the scatter's axes."""

import pytest

from app import create_app
from tests.browser.renderer import scroll_through
from tests.browser.test_region import pick, start

SCATTER_TITLE = '[id=\'{"index":"compare-scatter","type":"chart-title"}\']'
PROFILE_GRAPH = '[id=\'{"index":"compare-profile","type":"chart-graph"}\']'


@pytest.fixture(scope="module")
def dash_app():
    return create_app()  # one app for the module: each test still gets its own server and browser


# Read in one script: the chips and the legend are drawn again as answers arrive, and an element found by one
# WebDriver call can be gone by the next (a stale element reference).
TEXTS_JS = "return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.textContent.trim());"


def _chips(dash_duo):
    return dash_duo.driver.execute_script(TEXTS_JS, "#compare-chips .compare-chip a")


def _legend(dash_duo):
    return dash_duo.driver.execute_script(TEXTS_JS, f"{PROFILE_GRAPH} .legendtext")


def test_pilots_by_default_then_add_and_remove_update_url_and_charts_and_the_link_restores_them(dash_duo, dash_app):
    start(dash_duo, dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/compare")
    dash_duo.wait_for_contains_text("#compare-chips", "Wallonia (BE3)", timeout=15)
    assert _chips(dash_duo) == [
        "Cantabria (ES13)",
        "Centre-Val de Loire (FRB0)",
        "East & North Finland (FI1D)",
        "Hauts-de-France (FRE)",
        "Lithuania (LT)",
        "North-Middle Sweden (SE31)",
        "Piemonte (ITC1)",
        "Saxony (DED)",
        "Slovenia (SI)",
        "Wallonia (BE3)",
    ]
    dash_duo.wait_for_contains_text("#compare-table", "Peer-group average", timeout=15)
    scroll_through(dash_duo)  # the scatter is below the fold: drawn once scrolled to
    dash_duo.wait_for_contains_text("#compare-quadrant-summary", "Saxony (DED): DED2", timeout=15)

    # a smaller group: remove one region, add another with the picker; the link and the charts follow
    dash_duo.driver.get(dash_duo.server_url + "/compare?regions=FRE1,FRB0,SE31")
    dash_duo.wait_for_contains_text(PROFILE_GRAPH, "North-Middle Sweden (SE31)", timeout=15)
    scroll_through(dash_duo)
    remove = '[id=\'{"index":"FRB0","type":"compare-remove"}\']'
    dash_duo.driver.execute_script("arguments[0].click();", dash_duo.find_element(remove))
    dash_duo.wait_for_text_to_equal("#compare-chips .compare-chip:last-child a", "North-Middle Sweden (SE31)")
    assert _chips(dash_duo) == ["Nord-Pas de Calais (FRE1)", "North-Middle Sweden (SE31)"]
    assert dash_duo.driver.current_url.endswith("/compare?regions=FRE1,SE31")
    pick(dash_duo, "#compare-picker", "Piemonte", "Piemonte (ITC1)")
    dash_duo.wait_for_contains_text("#compare-table", "Piemonte (ITC1)", timeout=15)
    scroll_through(dash_duo)
    dash_duo.wait_for_contains_text("#compare-quadrant-summary", "Piemonte (ITC1)", timeout=15)
    dash_duo.wait_for_contains_text(PROFILE_GRAPH, "Piemonte (ITC1)", timeout=15)
    assert not any("Centre-Val de Loire" in t for t in _legend(dash_duo))
    assert "Centre-Val de Loire" not in dash_duo.find_element("#compare-table").text
    link = dash_duo.driver.current_url
    assert link.endswith("/compare?regions=FRE1,SE31,ITC1")
    chips = _chips(dash_duo)

    # the copied link restores the same selection
    dash_duo.driver.get(link)
    dash_duo.wait_for_contains_text("#compare-table", "Piemonte (ITC1)", timeout=15)
    assert _chips(dash_duo) == chips
    assert dash_duo.get_logs() == []


def test_a_copied_link_restores_axes_year_and_view_and_a_new_axis_recomputes_the_quadrants(dash_duo, dash_app):
    link = "/compare?regions=FRE1,ITC1&year=2019&view=bar&x=gdp_pc_pps&y=unemployment_rate"
    start(dash_duo, dash_app)
    dash_duo.driver.get(dash_duo.server_url + link)
    dash_duo.wait_for_contains_text("#compare-chips", "Piemonte (ITC1)", timeout=15)
    assert _chips(dash_duo) == ["Nord-Pas de Calais (FRE1)", "Piemonte (ITC1)"]
    assert dash_duo.find_element("#compare-year").text.startswith("2019")
    assert dash_duo.find_element("#compare-view input[value='bar']").is_selected()
    scroll_through(dash_duo)
    dash_duo.wait_for_contains_text(SCATTER_TITLE, "GDP/inh. (PPS) against Unemployment rate", timeout=15)
    dash_duo.wait_for_element(f"{PROFILE_GRAPH} .barlayer", timeout=15)  # the bar view, not the radar
    dash_duo.wait_for_contains_text("#compare-year-note", "Reference year 2019", timeout=15)
    dash_duo.wait_for_contains_text("#compare-quadrant-summary", "High GDP/inh. (PPS)", timeout=15)
    assert dash_duo.driver.current_url.endswith(link)
    before = dash_duo.find_element("#compare-quadrant-summary").text

    pick(dash_duo, "#compare-x", "Tertiary", "Tertiary education (% of population aged 25-64)")
    dash_duo.wait_for_contains_text("#compare-quadrant-summary", "High Tertiary education", timeout=15)
    after = dash_duo.find_element("#compare-quadrant-summary").text
    assert after != before and "medians Tertiary education" in after
    assert "x=tertiary_attainment" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text(SCATTER_TITLE, "Tertiary education against Unemployment rate", timeout=15)
    assert dash_duo.get_logs() == []
