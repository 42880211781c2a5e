"""Embed, present and theme modes come from the URL and survive navigation; the embed dialog gives a snippet."""

import time

from dash.testing.wait import until

from app import create_app
from tests.browser.renderer import settle

# Counts, per graph, Plotly.react calls that draw again the figure the graph already shows (the same traces),
# installed before the page's scripts run (plotly's bundle sets window.Plotly once).
COUNT_REDRAWS_JS = """
window.redraws = {};
let plotly;
Object.defineProperty(window, 'Plotly', {configurable: true, get() { return plotly; }, set(value) {
    plotly = value;
    const react = value.react;
    value.react = function (gd, figure) {
        const id = gd.parentElement ? gd.parentElement.id : '?';
        const again = Boolean(figure && gd.data && figure.data === gd.data);
        window.redraws[id] = (window.redraws[id] || 0) + (again ? 1 : 0);
        return react.apply(this, arguments);
    };
}});
"""


def _min_chart_font_px(dash_duo):
    return dash_duo.driver.execute_script("""
        const sizes = Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
            .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
            .map((t) => parseFloat(getComputedStyle(t).fontSize));
        return sizes.length ? Math.min.apply(null, sizes) : null;
    """)


def test_embed_hides_the_chrome_and_keeps_the_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?embed=1&indicator=unemployment_rate")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    assert not dash_duo.find_element("#app-navbar").is_displayed()
    assert not dash_duo.find_element(".app-toolbar").is_displayed()
    dash_duo.wait_for_contains_text("#page-content", "Unemployment rate", timeout=10)
    assert dash_duo.get_logs() == []


def test_present_mode_renders_chart_text_at_18px_or_more_and_survives_navigation(dash_duo):
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?present=1")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    dash_duo.wait_for_element(".colorbar", timeout=10)
    assert _min_chart_font_px(dash_duo) >= 18
    assert not dash_duo.find_element(".controls").is_displayed()  # controls folded away
    dash_duo.find_element("#share-pages-menu").click()
    dash_duo.find_element("#share-pages-menu a.dropdown-item[href='/data']").click()
    dash_duo.wait_for_contains_text("#page-content h1", "Data & methods", timeout=10)
    assert "present=1" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_present_mode_restyles_each_chart_in_place_without_drawing_it_again(dash_duo):
    """dcc.Graph draws its figure again (Plotly.react) on a relayout event: the mode's changes were undone and made
    again, the present-mode scatter drawn four times. A figure is drawn when it comes, then restyled in place."""
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_REDRAWS_JS})
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/compare?present=1")
    dash_duo.wait_for_element(".js-plotly-plot .scatterlayer .point", timeout=20)
    settle(dash_duo, quiet=0.5)
    seen = []

    def quiet():  # the mode's restyling runs after the answers: nothing drawn for two seconds
        seen.append((time.monotonic(), dash_duo.driver.execute_script("return JSON.stringify(window.redraws)")))
        since = [t for t, counts in seen if counts == seen[-1][1]]
        return seen[-1][0] - since[0] >= 2

    until(quiet, 30, poll=0.2)
    redraws = dash_duo.driver.execute_script("return window.redraws")
    assert len(redraws) == 2  # the profile and the scatter were drawn
    assert redraws == dict.fromkeys(redraws, 0)
    assert dash_duo.get_logs() == []


def test_embed_dialog_gives_an_iframe_of_the_current_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?indicator=employment_rate")
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    dash_duo.find_element("#share-embed-open").click()
    dash_duo.wait_for_element("#share-embed-code", timeout=5)
    code = dash_duo.find_element("#share-embed-code").get_attribute("value")
    assert code.startswith("<iframe src=") and "embed=1" in code and "indicator=employment_rate" in code
    assert dash_duo.get_logs() == []


def test_theme_toggle_switches_page_and_charts_to_dark(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    dash_duo.find_element("#share-theme").click()
    dash_duo.wait_for_element("html[data-bs-theme='dark']", timeout=5)
    assert "theme=dark" in dash_duo.driver.current_url
    bg = dash_duo.driver.execute_script("return document.querySelector('.js-plotly-plot').layout.paper_bgcolor;")
    assert bg == "#212529"
    assert dash_duo.get_logs() == []


def test_a_control_changed_after_the_present_and_theme_toggles_still_reaches_the_link(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE1")
    dash_duo.wait_for_contains_text("#region-similar", "Picardie", timeout=20)
    dash_duo.find_element("#share-theme").click()
    dash_duo.find_element("#share-present").click()
    dash_duo.wait_for_element("html[data-bs-theme='dark']", timeout=5)
    dash_duo.wait_for_contains_text("#region-similar", "Picardie", timeout=20)
    dash_duo.driver.execute_script("document.querySelector('#region-excl input').click();")
    dash_duo.wait_for_contains_text("#region-similar", "Prov. Hainaut", timeout=10)
    url = dash_duo.driver.current_url
    assert "excl=1" in url and "theme=dark" in url and "present=1" in url
    assert dash_duo.get_logs() == []
