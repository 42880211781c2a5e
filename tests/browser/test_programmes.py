"""Programmes page in a real browser: a programme choice redraws the charts and the URL, the country filter
changes the network, and the partner grid's CSV holds exactly the filtered rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from app import create_app
from data import programmes as q
from tests.browser.downloads import wait_for_file
from tests.browser.renderer import scroll_to

BARS = '{"index":"programmes-bars","type":"chart-graph"}'
NETWORK = '{"index":"programmes-network","type":"chart-graph"}'
NETWORK_TITLE = '{"index":"programmes-network","type":"chart-title"}'


@pytest.fixture(scope="module")
def dash_app():
    return create_app()


def figure(dash_duo, dom_id):
    """The figure drawn in a graph (typed arrays decoded by plotly itself)."""
    return dash_duo.driver.execute_script(
        """
        const outer = document.getElementById(arguments[0]);
        const gd = outer && (outer.classList.contains('js-plotly-plot') ? outer : outer.querySelector('.js-plotly-plot'));
        if (!gd || !gd.data) { return null; }
        return {title: (gd.layout.title || {}).text || '',
                data: (gd._fullData || []).map(t => ({name: t.name, x: Array.from(t.x || []), text: Array.from(t.text || [])})),
                y: Array.from((gd.data[0] || {}).y || [])};
    """,
        dom_id,
    )


def open_page(dash_duo, app, path):
    """Start the server and open `path` directly (not the Overview map first: faster tests)."""
    dash_duo.start_server(app, navigate=False)
    dash_duo.wait_for_page(url=dash_duo.server.url + path, timeout=20)


def scroll_to_network(dash_duo):
    """The network is below the fold: drawn once scrolled to (components/chart_card.py, draw_when_visible)."""
    scroll_to(dash_duo, dash_duo.wait_for_element('[data-draw-when-visible="programmes-network"]', timeout=20))


def close_menu(dash_duo):
    dash_duo.driver.execute_script("document.activeElement && document.activeElement.blur();")
    dash_duo.find_element("#page-content h1").click()


def test_choosing_a_programme_updates_the_charts_and_the_url(dash_duo, dash_app):
    open_page(dash_duo, dash_app, "/programmes")
    dash_duo.wait_for_contains_text("#page-content h1", "Programmes", timeout=10)
    until(lambda: (figure(dash_duo, BARS) or {}).get("title", "").endswith("all programmes"), 15, msg="bars")
    dash_duo.select_dcc_dropdown("#programmes-programme", "Euroclusters")
    close_menu(dash_duo)
    until(lambda: "programme=Euroclusters" in dash_duo.driver.current_url, 15, msg="the URL")
    fig = until(
        lambda: (f := figure(dash_duo, BARS)) and f["title"].endswith("Euroclusters") and f,
        15,
        msg="the bars for Euroclusters",
    )
    assert sum(sum(t["x"]) for t in fig["data"]) == 62  # every Euroclusters participation, with "not stated"
    dash_duo.wait_for_contains_text("#programmes-coverage", "21 of 30 Euroclusters", timeout=10)
    dash_duo.wait_for_contains_text("#programmes-coverage", "62 of 171 partners", timeout=10)
    dash_duo.wait_for_contains_text("#programmes-summary", "62 participations", timeout=10)
    assert (
        "21 of 30 Euroclusters" in dash_duo.find_element("#page-content .source-line").text
    )  # coverage next to the chart itself
    assert dash_duo.get_logs() == []


def test_country_filter_changes_the_network_and_the_csv_holds_the_filtered_rows(dash_duo, dash_app, tables):
    open_page(dash_duo, dash_app, "/programmes?programme=ESCP-4x,Euroclusters&cluster=1")
    scroll_to_network(dash_duo)
    until(lambda: (f := figure(dash_duo, NETWORK)) and len(f["data"]) > 1, 15, msg="the network")
    before = set(figure(dash_duo, NETWORK)["data"][-1]["text"])
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")  # the network stays drawn
    dash_duo.select_dcc_dropdown("#programmes-country", "Polska (PL)")
    close_menu(dash_duo)
    dash_duo.wait_for_contains_text(f"[id='{NETWORK_TITLE}']", "with PL", timeout=15)
    after = set(
        until(lambda: (f := figure(dash_duo, NETWORK)) and "with PL" in f["title"] and f, 15, msg="the PL network")[
            "data"
        ][-1]["text"]
    )
    rows = q.filter_participations(
        tables.participations, tables.projects, programmes=["ESCP-4x", "Euroclusters"], cluster_only=True
    )
    edges = q.network_edges(rows, ["PL"])
    assert after == {"PL"} | set(edges["source"]) | set(edges["target"]) and after != before
    until(lambda: "country=PL" in dash_duo.driver.current_url, 15, msg="the URL")

    # The partner grid now holds the Polish cluster organisations of these programmes; its CSV, exactly those.
    expected = q.filter_participations(
        tables.participations,
        tables.projects,
        programmes=["ESCP-4x", "Euroclusters"],
        countries=["PL"],
        cluster_only=True,
    )
    dash_duo.wait_for_contains_text("#programmes-summary", f"{len(expected)} participations", timeout=15)
    dash_duo.wait_for_contains_text("#programmes-grid", expected["organisation"].iloc[0], timeout=15)
    dash_duo.driver.execute_script("arguments[0].click();", dash_duo.find_element("#programmes-grid-csv"))
    path = wait_for_file(Path(dash_duo.download_path), ".csv")
    assert path.name == "programme-participations.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert len(rows) == len(expected)
    assert {r["Country"] for r in rows} == {"PL"} and {r["Cluster"] for r in rows} == {"yes"}
    assert sorted(r["Organisation"] for r in rows) == sorted(expected["organisation"])
    assert all(r["Source URLs"].startswith("http") for r in rows)
    # The page fetched nothing outside its own origin (grid, maps and fonts included).
    resources = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in resources if not r.startswith(dash_duo.server.url)] == []
    assert dash_duo.get_logs() == []


HEATMAP = '{"index":"programmes-adjacency","type":"chart-graph"}'
HEATMAP_CSV = '{"index":"programmes-adjacency","type":"chart-csv-button"}'


def test_switching_to_regions_shows_the_heatmap_and_the_pairs_table(dash_duo, dash_app, tables):
    open_page(dash_duo, dash_app, "/programmes?programme=ESCP-4i,ESCP-S3")
    scroll_to_network(dash_duo)
    until(lambda: (f := figure(dash_duo, HEATMAP)) and f["title"].startswith("Countries"), 15, msg="the heatmap")
    # By keyboard, as the radio group is used without a mouse: focus "Country", arrow to "NUTS 2 region".
    country = dash_duo.find_element("#programmes-network-level input[value='country']")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", country)
    country.send_keys(Keys.ARROW_RIGHT)
    until(lambda: "network=region" in dash_duo.driver.current_url, 15, msg="the level in the URL")
    heat = until(
        lambda: (f := figure(dash_duo, HEATMAP)) and f["title"].startswith("NUTS 2 regions") and f,
        15,
        msg="the region heatmap",
    )
    assert "Rhône-Alpes (FRK2)" in heat["y"]
    painted = dash_duo.driver.execute_script(
        "return document.getElementById(arguments[0]).querySelectorAll('.hm image').length", HEATMAP
    )
    assert painted == 1  # the heatmap is drawn, not only sent
    rows = q.filter_participations(tables.participations, tables.projects, programmes=["ESCP-4i", "ESCP-S3"])
    pairs = q.network_edges(rows, level="region")
    dash_duo.wait_for_contains_text("#programmes-pairs", "Rhône-Alpes (FRK2)", timeout=15)
    dash_duo.wait_for_contains_text("#programmes-pairs-note", f"{len(pairs)} pairs of NUTS 2 regions", timeout=15)
    no_region = int(rows["region"].isna().sum())
    dash_duo.wait_for_contains_text("#programmes-pairs-note", f"{no_region} of the {len(rows)} participations", 15)
    # The strongest pair is on top of the table (sorted by shared projects).
    first = dash_duo.find_element("#programmes-pairs .ag-center-cols-container .ag-row[row-index='0']").text
    assert "Rhône-Alpes (FRK2)" in first and "Piemonte (ITC1)" in first and "2" in first
    # The heatmap's CSV: every pair of regions, from the server, with the projects they share.
    button = dash_duo.find_element(f"[id='{HEATMAP_CSV}']")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)
    with wait_for_file(Path(dash_duo.download_path), ".csv").open(encoding="utf-8-sig", newline="") as file:
        by_pair = {r["region_code"]: r for r in csv.DictReader(file)}
    assert len(by_pair) == len(pairs)
    assert by_pair["FRK2 – ITC1"]["value"] == "2" and "S3martMed" in by_pair["FRK2 – ITC1"]["flag"]
    # A reload keeps the level.
    dash_duo.driver.refresh()
    scroll_to_network(dash_duo)
    until(lambda: (f := figure(dash_duo, HEATMAP)) and f["title"].startswith("NUTS 2 regions"), 20, msg="after reload")
    assert dash_duo.get_logs() == []
