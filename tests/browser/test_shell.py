"""The map leads to a region page (every page opening without browser errors: test_every_page.py)."""

import pytest
from selenium.webdriver.common.by import By

from app import create_app


@pytest.fixture
def dash_app():
    return create_app()


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
