"""Ecosystems page in a real browser: the country drives the charts and tables, the ecosystem selection lives in
the URL, a heatmap cell opens its region."""

from __future__ import annotations

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
from dash.testing.wait import until

from app import create_app

SHARES_GRAPH = '{"index":"ecosystems-shares","type":"chart-graph"}'
HEATMAP_GRAPH = '{"index":"ecosystems-heatmap","type":"chart-graph"}'


HEATMAP_READY = """
    const graph = document.getElementById(arguments[0]);
    const gd = graph && graph.querySelector('.js-plotly-plot');
    return !!(gd && gd.layout && gd.data && gd.data.length && gd.querySelector('.heatmaplayer')
              && !graph.classList.contains('dash-graph--pending') && !gd.classList.contains('dash-graph--pending')
              && Array.from(gd.data[gd.data.length - 1].y || []).indexOf('FRJ2') >= 0);
"""


@pytest.fixture(scope="module")
def dash_app():
    return create_app()


def start(dash_duo, app):
    """Start on a port the OS says is free (other test runs on this machine may hold dash's default ports)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(app, port=port)


def select(dash_duo, selector, label):
    """dash_duo.select_dcc_dropdown on a dropdown scrolled to the middle of the window. Dash 4 scrolls the open
    menu to the current value, so options above it sit under the sticky search box: pick one below it."""
    dash_duo.driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", selector)
    dash_duo.select_dcc_dropdown(selector, label)


def _trace_names(dash_duo, graph_id):
    return dash_duo.driver.execute_script(
        "const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');"
        "return gd && gd.data ? gd.data.map((t) => t.name) : [];",
        graph_id,
    )


def _query(dash_duo) -> dict:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def test_changing_the_country_redraws_the_share_chart_and_the_agglomeration_table(dash_duo, dash_app):
    start(dash_duo, dash_app)
    # A link with an unknown ecosystem falls back to the default view with a visible notice.
    dash_duo.driver.get(dash_duo.server_url + "/ecosystems?ecosystem=IES99")
    dash_duo.wait_for_contains_text("#ecosystems-notice", "Unknown ecosystem 'IES99'", timeout=10)
    dash_duo.wait_for_contains_text("#ecosystems-agg-table", "FR10: Ile-de-France", timeout=15)
    dash_duo.wait_for_contains_text("#page-content", "France and the EU27", timeout=10)
    until(lambda: _trace_names(dash_duo, SHARES_GRAPH)[:2] == ["France", "EU27"], timeout=10)
    select(dash_duo, "#ecosystems-country", "Italia (IT)")
    dash_duo.wait_for_contains_text("#ecosystems-agg-table", "ITC4: Lombardia", timeout=15)
    dash_duo.wait_for_contains_text("#page-content", "Italia and the EU27", timeout=10)
    until(lambda: _trace_names(dash_duo, SHARES_GRAPH)[:2] == ["Italia", "EU27"], timeout=10)
    assert "FR10" not in dash_duo.find_element("#ecosystems-agg-table").text
    assert _query(dash_duo)["country"] == ["IT"]
    assert dash_duo.get_logs() == []


def test_ecosystem_selection_is_in_the_url_and_a_heatmap_cell_click_opens_that_regions_page(dash_duo, dash_app):
    """One page load for both checks (loading the page is the expensive part of this suite); the way back from
    the region page re-renders the Ecosystems page from its URL, so it also shows the link restores the view."""
    start(dash_duo, dash_app)
    dash_duo.driver.get(dash_duo.server_url + "/ecosystems?lq=2.0")
    dash_duo.wait_for_element(".heatmaplayer", timeout=15)
    assert not dash_duo.find_element("#ecosystems-eco-section").is_displayed()
    select(dash_duo, "#ecosystems-ecosystem", "Digital")
    # the section is shown at once; its charts, below the fold, are drawn once scrolled to
    until(lambda: dash_duo.find_element("#ecosystems-eco-section").is_displayed(), timeout=15)
    dash_duo.driver.execute_script(
        "document.getElementById('ecosystems-eco-section').scrollIntoView({block: 'center', behavior: 'instant'});"
    )
    dash_duo.wait_for_contains_text("#ecosystems-eco-section", "Specialised in Digital", timeout=15)
    dash_duo.wait_for_element("#ecosystems-eco-section .choroplethlayer path", timeout=15)
    query = _query(dash_duo)
    assert query["ecosystem"] == ["IES05"] and query["lq"] == ["2.0"]
    # Click a heatmap cell through plotly's own event path, as a user click would (row FRJ2, first column),
    # once the heatmap is drawn (dcc.Graph listens for clicks only after its first plot).
    until(lambda: dash_duo.driver.execute_script(HEATMAP_READY, HEATMAP_GRAPH), timeout=15)
    dash_duo.driver.execute_script(
        """
        const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
        const trace = gd.data.length - 1;
        gd.emit('plotly_click', {points: [{x: gd.data[trace].x[0], y: 'FRJ2', curveNumber: trace}]});
    """,
        HEATMAP_GRAPH,
    )
    dash_duo.wait_for_contains_text("#page-content h1", "Midi-Pyrénées", timeout=10)
    assert urlsplit(dash_duo.driver.current_url).path.endswith("/region/FRJ2")
    # Back: the page is rebuilt from its URL with the same ecosystem, threshold and ranking.
    dash_duo.driver.back()
    dash_duo.wait_for_contains_text("#ecosystems-ecosystem", "Digital", timeout=10)
    until(lambda: dash_duo.find_element("#ecosystems-eco-section").is_displayed(), timeout=15)
    dash_duo.driver.execute_script(
        "document.getElementById('ecosystems-eco-section').scrollIntoView({block: 'center', behavior: 'instant'});"
    )
    dash_duo.wait_for_contains_text("#ecosystems-eco-section", "LQ > 2", timeout=15)
    dash_duo.wait_for_contains_text("#ecosystems-eco-section", "Stockholm (SE11)", timeout=10)
    assert _query(dash_duo)["ecosystem"] == ["IES05"]
    assert dash_duo.get_logs() == []
