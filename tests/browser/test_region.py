"""Region pages in a real browser: the picker opens a region, FRE1 shows the raw Eurostat value, unknown codes
get a friendly panel."""

import csv
import socket

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from app import create_app
from components.chart_card import DRAW_NOTE
from data.build.common import raw_dir
from tests.browser.renderer import read


@pytest.fixture(scope="module")
def dash_app():
    return create_app()  # one app for the module: each test still gets its own server and browser


def _raw_gdp(code: str, year: int) -> float:
    path = raw_dir() / "eurostat" / "eurostat_gdp_pc_pps_nuts2.csv"
    if not path.exists():
        pytest.skip("raw inputs not available")
    with path.open(encoding="utf-8") as f:
        return next(float(r["obs_value"]) for r in csv.DictReader(f) if r["geo"] == code and r["time"] == str(year))


def start(dash_duo, app):
    """Serve `app` on a free port: with the default ports, test runs side by side (CI shards, several checkouts)
    can reach each other's servers, since the runner only checks that *a* server answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dash_duo.start_server(app, port=port)
    dash_duo.driver.set_window_size(1400, 1000)


def pick(dash_duo, selector: str, search: str, label: str):
    """Choose `label` in a long dcc.Dropdown: its menu renders only the visible options, so search first (the
    search box has the focus once the menu opens). Clicks go through the DOM, so charts still resizing above
    the control cannot move it away from under the pointer."""
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)
    box = dash_duo.wait_for_element(".dash-dropdown-search", timeout=5)
    box.send_keys(search)
    dash_duo.wait_for_contains_text(".dash-dropdown-options", label, timeout=5)
    for option in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option"):
        if option.text == label:
            dash_duo.driver.execute_script("arguments[0].click();", option)
            return
    raise AssertionError(f"no option {label!r}")


def test_pickers_open_regions_and_fre1_shows_its_raw_2021_gdp_next_to_france_and_the_eu(dash_duo, dash_app):
    raw_2021 = _raw_gdp("FRE1", 2021)
    start(dash_duo, dash_app)  # one browser for the whole journey: plotly loads once
    dash_duo.driver.get(dash_duo.server_url + "/regions")
    dash_duo.wait_for_contains_text("#page-content h1", "Regions", timeout=10)

    # the Regions page picker opens the region chosen
    dash_duo.select_dcc_dropdown("#regions-picker", value="Belgique/België (BE)")
    dash_duo.wait_for_contains_text("#page-content h1", "Belgique/België (BE)", timeout=15)
    assert dash_duo.driver.current_url.endswith("/region/BE")

    # the picker in the region header, searched by name, opens another region
    pick(dash_duo, "#region-picker", "Nord-Pas", "Nord-Pas de Calais (FRE1)")
    dash_duo.wait_for_contains_text("#page-content h1", "Nord-Pas de Calais (FRE1)", timeout=15)
    assert dash_duo.driver.current_url.endswith("/region/FRE1")
    dash_duo.wait_for_contains_text("#region-year-note", "the latest year with data for this region", timeout=15)

    # the year is a control in the URL: 2021 shows the raw Eurostat value, with France's and the EU's
    dash_duo.select_dcc_dropdown("#region-year", value="2021")
    dash_duo.wait_for_contains_text("#region-card-gdp_pc_pps", f"{raw_2021:,.0f}", timeout=15)
    assert dash_duo.driver.current_url.endswith("/region/FRE1?year=2021")
    card = dash_duo.find_element("#region-card-gdp_pc_pps").text
    assert "2021" in card and "France: 33,500" in card and "EU27: 33,200" in card and "Rank" in card
    dash_duo.wait_for_contains_text("#region-card-employment_rate", "EU27: not in the data")

    # the link restores the view; every chart has its source line and a text alternative
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE1?year=2021")
    dash_duo.wait_for_contains_text("#page-content h1", "Nord-Pas de Calais", timeout=15)
    dash_duo.wait_for_contains_text("#region-card-gdp_pc_pps", f"{raw_2021:,.0f}", timeout=15)
    assert dash_duo.find_element("#region-year").text.startswith("2021")
    dash_duo.wait_for_contains_text('[id=\'{"index":"region-economy","type":"chart-source"}\']', "Eurostat")
    assert (
        len(dash_duo.driver.find_elements(By.CSS_SELECTOR, ".chart-card .chart-alt")) == 8
    )  # seven charts (the explorer's line chart and map among them) and the locator map
    assert dash_duo.get_logs() == []


def test_an_unknown_region_code_shows_the_not_found_panel(dash_duo, dash_app):
    start(dash_duo, dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/region/XX99")
    dash_duo.wait_for_contains_text("#page-content h1", "Region not found", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE9")
    dash_duo.wait_for_contains_text("#region-not-found", "FRE1", timeout=10)
    assert dash_duo.get_logs() == []


def _tab(dash_duo, label: str):
    return dash_duo.driver.find_element(By.XPATH, f"//*[@id='region-tab']//label[normalize-space()='{label}']")


def _legend(dash_duo, pane: str) -> list[str]:
    return [e.text for e in dash_duo.find_elements(f"#region-pane-{pane} .legendtext")]


def test_the_indicator_explorer_restores_its_view_from_the_link_and_adds_a_region(dash_duo, dash_app):
    start(dash_duo, dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE1?ts=gdp_pc_pps&regions=ITC1&measure=rel&base=2010")
    dash_duo.wait_for_contains_text("#page-content h1", "Nord-Pas de Calais (FRE1)", timeout=15)
    dash_duo.wait_for_element('[id=\'{"index":"region-economy","type":"chart-graph"}\'] .trace', timeout=20)

    # at load the charts below the fold (components/chart_card.py, draw_when_visible) are neither computed nor
    # sent: the specialisation charts, far below, wait with a note
    nace, store = '{"index":"region-nace","type":"chart-graph"}', '{"index":"region-nace","type":"chart-visible"}'
    state = read(dash_duo, {nace: ["figure.data"], store: ["data"]})
    assert state[nace]["figure.data"] == [] and state[store]["data"] is False
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, _card("region-nace") + " .trace")
    assert dash_duo.find_element(_card("region-nace") + " .draw-note").text == DRAW_NOTE

    # the link's view: FRE1 and the added Piemonte, each with its country, and the EU27, as change since 2010
    # (the explorer is below the fold: drawn once scrolled to)
    dash_duo.driver.execute_script("document.getElementById('region-tab').scrollIntoView({block: 'center'});")
    until(lambda: len(_legend(dash_duo, "chart")) == 5, 20, msg="five series on the explorer's chart")
    legend = _legend(dash_duo, "chart")
    assert legend[:2] == ["Nord-Pas de Calais (FRE1)", "Piemonte (ITC1)"] and legend[-1] == "EU27"
    assert {"France (FR), country", "Italia (IT), country"} <= set(legend)
    dash_duo.wait_for_contains_text("#region-pane-chart .gtitle", "change since 2010", timeout=10)
    assert dash_duo.find_element("#region-base").text.startswith("2010")
    assert dash_duo.find_element("#region-measure input[value=rel]").is_selected()

    # a region added with the picker joins the chart and the link, which keeps the rest of the view
    pick(dash_duo, "#region-regions", "Oberbayern", "Oberbayern (DE21)")
    until(lambda: len(_legend(dash_duo, "chart")) == 7, 20, msg="Oberbayern and Germany added")
    assert "Oberbayern (DE21)" in _legend(dash_duo, "chart")
    until(lambda: "regions=ITC1,DE21" in dash_duo.driver.current_url, 10, msg="the added region in the link")
    assert "measure=rel" in dash_duo.driver.current_url and "base=2010" in dash_duo.driver.current_url

    # the map tab: every NUTS 2 region in the reference year, in the link too; the table tab: the chart's numbers
    _tab(dash_duo, "Map").click()
    dash_duo.wait_for_contains_text("#region-pane-map .gtitle", "NUTS 2 regions", timeout=15)
    assert dash_duo.find_element("#region-pane-chart").get_attribute("hidden")
    until(lambda: "tab=map" in dash_duo.driver.current_url, 10, msg="tab=map in the link")
    _tab(dash_duo, "Table").click()
    dash_duo.wait_for_contains_text("#region-table", "Oberbayern (DE21)", timeout=10)
    assert "%)" in dash_duo.find_element("#region-table").text  # each value with its change since 2010

    # scrolled to, the specialisation charts are drawn, with their source line and text alternative
    dash_duo.driver.execute_script(f"document.querySelector('{_card('region-nace')}').scrollIntoView();")
    dash_duo.wait_for_element(_card("region-nace") + " .trace", timeout=20)
    dash_duo.wait_for_element(_card("region-ecosystems") + " .trace", timeout=20)
    dash_duo.wait_for_contains_text(_card("region-nace") + " .source-line", "Eurostat", timeout=10)
    assert "LQ" in dash_duo.find_element(_card("region-nace") + " .chart-alt").get_attribute("textContent")
    assert not dash_duo.find_element(_card("region-nace") + " .draw-note").is_displayed()
    assert dash_duo.get_logs() == []


def _card(name: str) -> str:
    return f'[data-draw-when-visible="{name}"]'


# Every text of a chart (title, panel headings, notes, tick labels, bar values, legend) as a box in the page.
CHART_TEXT_BOXES = """
    const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
    if (!gd || !gd.querySelector('.bartext')) { return null; }
    const kinds = {title: '.gtitle', annotation: '.annotation-text', tick: '.xtick text', value: '.bartext',
                   legend: '.legendtext'};
    const out = [];
    Object.entries(kinds).forEach(function ([kind, selector]) {
        gd.querySelectorAll(selector).forEach(function (el) {
            const r = el.getBoundingClientRect();
            if (r.width && el.textContent.trim()) {
                out.push({kind: kind, text: el.textContent.trim(), l: r.left, r: r.right, t: r.top, b: r.bottom});
            }
        });
    });
    return out;
"""


def _overlaps(boxes, slack=1.0):
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack
    ]


@pytest.mark.parametrize("code", ["FRE1", "DE21"])
def test_on_a_phone_no_text_of_the_comparison_bars_overlaps_another(dash_duo, dash_app, code):
    """At 390 px the bar charts' title, panel headings, values, ticks and legend each have their own room."""
    start(dash_duo, dash_app)
    dash_duo.driver.set_window_size(390, 844)
    inner = dash_duo.driver.execute_script("return [window.innerWidth, window.innerHeight];")
    dash_duo.driver.set_window_size(2 * 390 - inner[0], 2 * 844 - inner[1])
    dash_duo.driver.get(dash_duo.server_url + f"/region/{code}")
    for chart in ("region-economy", "region-innovation"):
        selector = f'[id=\'{{"index":"{chart}","type":"chart-graph"}}\']'
        until(lambda s=selector: dash_duo.driver.execute_script(CHART_TEXT_BOXES, s), 30, msg=f"{chart} drawn")
        boxes = dash_duo.driver.execute_script(CHART_TEXT_BOXES, selector)
        assert {b["kind"] for b in boxes} >= {"title", "annotation", "tick", "value", "legend"}
        width = dash_duo.driver.execute_script("return window.innerWidth;")
        assert all(b["l"] >= 0 and b["r"] <= width for b in boxes), "a text cut at the screen's edge"
        assert _overlaps(boxes) == [], chart
    assert dash_duo.get_logs() == []
