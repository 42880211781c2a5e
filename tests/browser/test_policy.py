"""Policy page in a real browser: the recommendations matrix and an action-plan timeline, driven from the URL."""

from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from tests.browser.renderer import scroll_through

FIGURE = """
    const list = (v) => (v && typeof v === 'object' && typeof v !== 'string' && v.length !== undefined)
        ? Array.from(v, list) : v;
    const el = document.getElementById(arguments[0]);
    const gd = el && (el.classList.contains('js-plotly-plot') ? el : el.querySelector('.js-plotly-plot'));
    return gd && gd.data ? {data: gd.data.map(t => ({type: t.type, name: t.name, x: list(t.x), y: list(t.y), z: list(t.z)})),
                            shapes: (gd.layout.shapes || []).length,
                            title: gd.layout.title && gd.layout.title.text} : null;
"""
MATRIX_GRAPH = '{"index":"policy-matrix","type":"chart-graph"}'
TIMELINE_GRAPH = '{"index":"policy-timeline","type":"chart-graph"}'
TIMELINE_TITLE = '[id=\'{"index":"policy-timeline","type":"chart-title"}\']'
MATRIX_SOURCE = '[id=\'{"index":"policy-matrix","type":"chart-source"}\']'
COSTS_TABLE = '[id=\'{"index":"policy-costs","type":"chart-table"}\']'
COSTS_TITLE = '[id=\'{"index":"policy-costs","type":"chart-title"}\']'


def click(dash_duo, selector):
    """Click a control even while charts above it are still changing the page's height."""
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)


def figure(dash_duo, graph_id):
    return dash_duo.driver.execute_script(FIGURE, graph_id)


def test_matrix_region_choice_and_order_then_timeline_plan_switch_all_in_the_url(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/policy?order=nonsense")
    dash_duo.wait_for_contains_text("#policy-notice", "Unknown matrix order", timeout=15)
    dash_duo.wait_for_element(".heatmaplayer", timeout=15)
    fig = figure(dash_duo, MATRIX_GRAPH)
    heat = next(t for t in fig["data"] if t["type"] == "heatmap")
    assert sum(map(sum, heat["z"])) == 30
    assert [t["y"] for t in fig["data"] if t["type"] == "bar"][0] == [3, 5, 1, 2, 3, 3, 2, 4, 2, 5]
    dash_duo.wait_for_contains_text(MATRIX_SOURCE, "DG GROW", timeout=10)

    dash_duo.select_dcc_dropdown("#policy-region", "Wallonia")
    dash_duo.wait_for_contains_text("#policy-region-panel", "5 of 7 types of support", timeout=10)
    dash_duo.wait_for_contains_text("#policy-region-panel", "Funding for education/training")
    link = dash_duo.find_element("#policy-region-panel a")
    assert link.get_attribute("href").endswith("/region/BE3")
    until(lambda: "region=BE3" in dash_duo.driver.current_url, timeout=10)
    until(lambda: figure(dash_duo, MATRIX_GRAPH)["shapes"] == 1, timeout=10)

    click(dash_duo, "#_dbcprivate_radioitems_policy-order_input_count")
    until(lambda: "order=count" in dash_duo.driver.current_url, timeout=10)
    until(
        lambda: (
            next(t for t in figure(dash_duo, MATRIX_GRAPH)["data"] if t["type"] == "heatmap")["y"][0]
            == "Support for cluster development"
        ),
        timeout=10,
    )

    # One action-plan timeline: the default plan (Auvergne-Rhône-Alpes), then Hauts-de-France (below the fold,
    # like the state of play: drawn once scrolled to).
    scroll_through(dash_duo)
    dash_duo.wait_for_contains_text(TIMELINE_TITLE, "Auvergne-Rhône-Alpes: action plan", timeout=15)
    fig = figure(dash_duo, TIMELINE_GRAPH)
    names = {t["name"] for t in fig["data"] if t.get("name")}
    assert "Economy Department" in names
    dash_duo.wait_for_text_to_equal(COSTS_TITLE, "Auvergne-Rhône-Alpes: costs of the actions", timeout=10)

    click(dash_duo, "#_dbcprivate_radioitems_policy-plan_input_FRE")
    until(lambda: "plan=FRE" in dash_duo.driver.current_url, timeout=10)
    until(lambda: "Hauts-de-France" in (figure(dash_duo, TIMELINE_GRAPH)["title"] or ""), timeout=10)
    owners = {t["name"] for t in figure(dash_duo, TIMELINE_GRAPH)["data"] if t.get("name")}
    assert {"Région Hauts-de-France/HDFID", "Steering group"} <= owners
    until(
        lambda: (
            "No costs in the document."
            in dash_duo.driver.execute_script("return document.querySelector(arguments[0]).textContent", COSTS_TABLE)
        ),
        timeout=10,
    )
    # The SWOT of the same page still answers.
    click(dash_duo, "#_dbcprivate_radioitems_policy-swot_input_FRB")
    dash_duo.wait_for_contains_text("#policy-swot-out", "Weak SME innovation", timeout=10)
    assert dash_duo.find_element("#policy-swot-out a").get_attribute("href").endswith("/region/FRB")
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#policy-state-section .heatmaplayer")
    assert dash_duo.get_logs() == []
