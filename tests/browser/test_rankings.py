"""Rankings in a real browser: controls re-rank and update the link (a country filter restricts the table), a
copied link restores the view, a weight slider reorders the composite, the CSV holds the rows shown; no external
request, no console error."""

from __future__ import annotations

import csv
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app

ROWS_JS = """
return Array.from(document.querySelectorAll('#rankings-grid .ag-center-cols-container .ag-row'))
    .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
    .map(r => ({code: (r.querySelector('[col-id="code"]') || {}).textContent,
                country: (r.querySelector('[col-id="country"]') || {}).textContent,
                rank: (r.querySelector('[col-id="rank"]') || {}).textContent}));
"""


@pytest.fixture(scope="module")
def dash_app():
    return create_app()  # one app for the module: each test still gets its own server and browser


def start(dash_duo, app, path):
    dash_duo.start_server(app)
    dash_duo.driver.set_window_size(1400, 1000)  # a laptop screen: the grid shows all its columns
    dash_duo.driver.get(dash_duo.server_url + path)


def grid_rows(dash_duo):
    return dash_duo.driver.execute_script(ROWS_JS)


def wait_for(dash_duo, predicate, timeout=10, message="condition"):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
        except Exception:  # the grid re-renders rows while we read them
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {message}; grid: {grid_rows(dash_duo)[:5]}")


def query(dash_duo) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlparse(dash_duo.driver.current_url).query).items()}


def external_requests(dash_duo) -> list[str]:
    names = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [n for n in names if not n.startswith(dash_duo.server_url)]


def choose(dash_duo, selector, text):
    """Pick an option with dash_duo.select_dcc_dropdown, then close the menu before the next control."""
    dash_duo.driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", selector)
    dash_duo.select_dcc_dropdown(selector, text)
    # Absence is checked in the page (find_elements would sit out the implicit wait when nothing matches).
    menu_open = "return !!document.querySelector('.dash-dropdown-options, .dash-dropdown-search')"
    if dash_duo.driver.execute_script(menu_open):
        dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_for(dash_duo, lambda: not dash_duo.driver.execute_script(menu_open), message="the menu to close")


def first_codes(dash_duo, n=5):
    return [r["code"] for r in grid_rows(dash_duo)[:n]]


def test_indicator_year_and_country_filter_rerank_and_update_the_link(dash_duo, dash_app):
    start(dash_duo, dash_app, "/rankings")
    dash_duo.wait_for_contains_text("#rankings-summary", "regions ranked", timeout=15)
    wait_for(dash_duo, lambda: len(grid_rows(dash_duo)) > 10, message="grid rows")
    dash_duo.wait_for_contains_text(
        "#rankings-summary", "244 NUTS 2 regions ranked", timeout=5
    )  # NUTS 2024: all have a value
    before = first_codes(dash_duo)
    assert dash_duo.find_element(".ag-root-wrapper")  # the grid rendered with its built-in theme
    # The rows come from the server a block at a time: scrolled to the end, the grid asks for the last block.
    dash_duo.driver.execute_script(
        "const v = document.querySelector('#rankings-grid .ag-body-viewport'); v.scrollTop = v.scrollHeight;"
    )
    wait_for(dash_duo, lambda: "244" in [r["rank"] for r in grid_rows(dash_duo)], message="the last block of rows")
    dash_duo.driver.execute_script("document.querySelector('#rankings-grid .ag-body-viewport').scrollTop = 0;")

    choose(dash_duo, "#rankings-indicator", "Unemployment rate, persons aged 15-74 (% of labour force aged 15-74)")
    dash_duo.wait_for_contains_text("#rankings-summary", "Unemployment rate", timeout=10)
    wait_for(dash_duo, lambda: first_codes(dash_duo) != before, message="a new order")
    assert query(dash_duo)["indicator"] == "unemployment_rate"
    dash_duo.wait_for_contains_text(".chart-card", "lower is better", timeout=5)

    choose(dash_duo, "#rankings-year", "2019")
    wait_for(dash_duo, lambda: query(dash_duo).get("year") == "2019", message="year in the link")
    dash_duo.wait_for_contains_text("#rankings-summary", "in 2019", timeout=10)

    choose(dash_duo, "#rankings-countries", "Österreich (AT)")
    wait_for(dash_duo, lambda: query(dash_duo).get("countries") == "AT", message="country in the link")
    rows = wait_for(
        dash_duo,
        lambda: (lambda r: r if r and {x["country"] for x in r} == {"AT"} else None)(grid_rows(dash_duo)),
        message="only Austrian rows",
    )
    assert len(rows) == 9  # the nine Austrian NUTS 2 regions
    assert external_requests(dash_duo) == []
    assert dash_duo.get_logs() == []


def test_a_copied_link_restores_the_view_a_weight_slider_reorders_and_the_csv_holds_the_rows_shown(dash_duo, dash_app):
    # One page load for three behaviours keeps the browser tests short (each page load starts a fresh server).
    start(
        dash_duo,
        dash_app,
        "/rankings?indicator=composite&year=2015&cmp=2013&countries=DE,AT"
        "&w=gdp_pc_pps:2,industry_share:1&norm=rank&agg=geometric&seed=77&draws=100&mark=DE21&n=5&conc=3",
    )
    # 1. The copied link restores every control; an invalid value falls back with a visible notice.
    dash_duo.wait_for_contains_text("#rankings-notice", "Unknown concentration '3'", timeout=15)
    dash_duo.wait_for_contains_text("#rankings-method-note", "Composite in 2015", timeout=15)
    dash_duo.wait_for_contains_text("#rankings-indicator", "Composite indicator")
    dash_duo.wait_for_contains_text("#rankings-countries", "Deutschland (DE)")
    dash_duo.wait_for_contains_text("#rankings-mark", "Oberbayern (DE21)")
    assert dash_duo.find_element("#rankings-seed").get_attribute("value") == "77"
    assert dash_duo.find_element("#rankings-norm input[value='rank']").is_selected()
    assert dash_duo.find_element("#rankings-agg input[value='geometric']").is_selected()
    assert dash_duo.find_element('input[type=range][id*=\'"index":"gdp_pc_pps"\']').get_attribute("value") == "2"
    # the sensitivity chart is below the fold: computed once scrolled to
    dash_duo.driver.execute_script(
        "document.getElementById('rankings-sensitivity-summary').scrollIntoView({block: 'center', behavior: 'instant'});"
    )
    dash_duo.wait_for_contains_text("#rankings-sensitivity-summary", "100 random weight sets", timeout=15)
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")
    dash_duo.wait_for_contains_text(".chart-card", "Oberbayern", timeout=5)
    rows = wait_for(
        dash_duo,
        lambda: (lambda r: r if r and {x["country"] for x in r} == {"AT", "DE"} else None)(grid_rows(dash_duo)),
        message="Austrian and German rows",
    )

    # 2. Moving a weight slider reorders the ranking and goes into the link.
    before = first_codes(dash_duo, 8)
    slider = dash_duo.driver.find_element(By.CSS_SELECTOR, 'input[type=range][id*=\'"index":"industry_share"\']')
    assert slider.get_attribute("value") == "1"
    slider.send_keys(Keys.HOME)  # weight 0: industry leaves the composite
    wait_for(dash_duo, lambda: query(dash_duo).get("w") == "gdp_pc_pps:2", message="weights in the link")
    wait_for(
        dash_duo, lambda: (lambda c: c if c and c != before else None)(first_codes(dash_duo, 8)), message="a new order"
    )
    dash_duo.wait_for_contains_text(
        "[id*='\"index\":\"gdp_pc_pps\"'][id*='rankings-weight-share']", "weight 2 \u00b7 100%"
    )

    # 3. Filter the table to Austria in the grid itself, then download: the CSV holds exactly those rows.
    country_filter = dash_duo.driver.find_element(
        By.CSS_SELECTOR,
        "#rankings-grid .ag-floating-filter[aria-colindex='4'] input, "
        "#rankings-grid .ag-header-cell.ag-floating-filter[col-id='country'] input",
    )
    country_filter.send_keys("AT")
    shown = wait_for(
        dash_duo,
        lambda: (lambda r: r if r and {x["country"] for x in r} == {"AT"} else None)(grid_rows(dash_duo)),
        message="grid filtered to AT",
    )
    assert len(shown) < len(rows)
    dash_duo.find_element("#rankings-csv").click()
    target = Path(dash_duo.download_path) / "rankings-composite-2015-nuts2.csv"
    wait_for(dash_duo, lambda: target.exists() and target.stat().st_size > 0, message="the CSV download")
    with target.open(encoding="utf-8-sig") as handle:
        records = list(csv.DictReader(handle))
    assert [r["Code"] for r in records] == [r["code"] for r in shown]
    assert [r["Rank"] for r in records] == [r["rank"] for r in shown]
    assert {r["Country"] for r in records} == {"AT"}
    assert external_requests(dash_duo) == []
    assert dash_duo.get_logs() == []
