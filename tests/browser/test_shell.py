"""Every page opens without browser errors; the map leads to a region page."""

import pytest
from selenium.webdriver.common.by import By

from app import create_app

PAGES = [
    ("/", "Europe's regions at a glance"),
    ("/regions", "Regions"),
    ("/compare", "Compare"),
    ("/rankings", "Rankings"),
    ("/ecosystems", "Ecosystems"),
    ("/programmes", "Programmes"),
    ("/policy", "Policy"),
    ("/clusters", "Cluster organisations"),
    ("/data", "Data & methods"),
    ("/briefing/FRB0", "Policy briefing"),
    ("/no/such/page", "Page not found"),
]

# core-js 2 counts U+180E as white space (the browsers' own trim no longer does) and makes its functions' toString
# read as native code: tell them apart by what they do.
NATIVE_BUILTINS_JS = (
    "const s = '\\u180E1';"
    "return s.trim() === s && s.trimStart() === s && Number.isNaN(parseInt(s)) && Number.isNaN(parseFloat(s));"
)


@pytest.fixture
def dash_app():
    return create_app()


def test_every_page_opens_without_browser_errors(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    for path, heading in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_contains_text("#page-content h1", heading, timeout=10)
    assert dash_duo.find_element("html").get_attribute("lang") == "en"
    # Dash's babel-polyfill replaces these with slow versions plotly calls for every colour: the app puts them back
    assert dash_duo.driver.execute_script(NATIVE_BUILTINS_JS), "trim/parseInt/parseFloat are polyfills"
    assert dash_duo.get_logs() == []


def test_overview_map_shows_real_data_and_a_click_opens_the_region(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    dash_duo.wait_for_element(".choroplethlayer path", timeout=15)
    dash_duo.wait_for_contains_text("#chart-source-overview-map, .source-line", "Eurostat", timeout=10)
    regions = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".choroplethlayer .trace:last-of-type path")
    assert len(regions) > 200  # NUTS 2 regions with a value
    # Click a region through plotly's own event path, as a user click would.
    dash_duo.driver.execute_script("""
        const gd = document.querySelector('.js-plotly-plot');
        const trace = gd.data.length - 1;
        gd.emit('plotly_click', {points: [{location: 'FRE1', curveNumber: trace, pointNumber: 0}]});
    """)
    dash_duo.wait_for_contains_text("#page-content h1", "Nord-Pas de Calais", timeout=10)
    assert dash_duo.driver.current_url.endswith("/region/FRE1")
    assert dash_duo.get_logs() == []
