"""Behind a portal: DASH_REQUESTS_PATHNAME_PREFIX=/portal/cluster/, routes at /, a real nginx strips the prefix.

Every link, asset, download and callback must work through the proxy.
"""

import re
import threading

import pytest
import requests
from werkzeug.serving import make_server

from app import create_app
from settings import Settings
from tests.integration.nginx import free_port, nginx_available, nginx_proxy, wait_for_port

PREFIX = "/portal/cluster/"
pytestmark = pytest.mark.skipif(
    not nginx_available(), reason="nginx not installed (apt-get install nginx; .ci/run does)"
)


@pytest.fixture(scope="module")
def portal(tables, tmp_path_factory):
    app = create_app(Settings.from_env({"DASH_REQUESTS_PATHNAME_PREFIX": PREFIX}), tables=tables)
    port = free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wait_for_port(port)
    with nginx_proxy(port, PREFIX, tmp_path_factory.mktemp("nginx")) as proxy_port:
        yield f"http://127.0.0.1:{proxy_port}{PREFIX}", app
    server.shutdown()


def test_page_and_its_assets_load_through_the_prefix(portal):
    base, _ = portal
    page = requests.get(base, timeout=10)
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    local = [u for u in urls if u.startswith("/")]
    assert local and all(u.startswith(PREFIX) for u in local), local
    for url in local:
        assert requests.get(f"{base[: -len(PREFIX)]}{url}", timeout=10).status_code == 200, url


def test_layout_callback_download_and_geometry_through_the_prefix(portal):
    base, app = portal
    assert requests.get(base + "_dash-layout", timeout=10).status_code == 200
    assert requests.get(base + "_dash-dependencies", timeout=10).status_code == 200
    from benchmarks.harness import payload

    body = payload(
        app,
        "overview-map",
        {"overview-indicator.value": "gdp_pc_pps", "overview-year.value": 2021, "overview-level.value": 2},
    )
    answer = requests.post(base + "_dash-update-component", json=body, timeout=30)
    assert answer.status_code == 200
    figure = next(v["figure"] for v in answer.json()["response"].values() if "figure" in v)
    version = portal[1].server.extensions["eu_cluster_tables"].version
    assert {trace["geojson"] for trace in figure["data"]} == {f"{PREFIX}geo/nuts2.geojson?v={version}"}
    csv = requests.get(base + "download/regions.csv", timeout=10)
    assert csv.status_code == 200 and csv.text.startswith("code,name")
    geo = requests.get(base + "geo/nuts2.geojson", timeout=10)
    assert geo.status_code == 200 and geo.json()["type"] == "FeatureCollection"
    assert requests.get(base + "assets/topojson/world_110m.json", timeout=10).status_code == 200


def test_browser_navigates_and_runs_callbacks_under_the_prefix(portal, dash_br):
    base, _ = portal
    dash_br.driver.set_window_size(1400, 1000)
    dash_br.driver.get(base)
    dash_br.wait_for_element(".choroplethlayer path", timeout=20)  # a callback ran, the geometry loaded
    dash_br.find_element(f"a.nav-link[href='{PREFIX}data']").click()
    dash_br.wait_for_contains_text("#page-content h1", "Data & methods", timeout=10)
    assert dash_br.driver.current_url == base + "data"
    link = dash_br.find_element(f"a[href='{PREFIX}download/regions.csv']")
    assert link.is_displayed()
    assert dash_br.get_logs() == []


def test_the_powerpoint_pack_is_made_and_downloaded_under_the_prefix(portal, dash_br):
    """A background callback (the pack) polls and downloads through the proxy too."""
    from pathlib import Path

    from tests.browser.downloads import wait_for_file

    base, _ = portal
    dash_br.driver.get(base + "compare?regions=FRE1,ITC1")
    dash_br.wait_for_element("#compare-pack-button", timeout=20)
    dash_br.wait_for_element("#compare-chips", timeout=20)
    dash_br.driver.execute_script("document.getElementById('compare-pack-button').click();")
    path = wait_for_file(Path(dash_br.download_path), ".pptx", timeout=60)
    assert path.name.startswith("peer-review-compare-")
    dash_br.wait_for_contains_text("#compare-pack-status", "slides", timeout=30)
    assert dash_br.get_logs() == []
