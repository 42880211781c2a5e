"""First render time of each page in headless Chromium, next to a bare Dash page on the same machine.

Time from navigation to the page's main content being drawn (its "ready" selector), median of N loads; and,
with --settled, also the time from navigation until the main thread is quiet (the end of the last long task or
callback answer once no callback is pending: the page's first view computed, sent and drawn) and the bytes of the
callback answers received by then (what charts drawn when scrolled into view save at load).
Run: python -m benchmarks.first_render [--runs 5] [--settled]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="bench-chromium-"))

import dash  # noqa: E402
from dash import dcc, html  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from tests.integration.nginx import free_port, wait_for_port  # noqa: E402

PAGES = {  # path -> CSS selector that is there once the page's main content is drawn (a chart with data)
    "/": ".choroplethlayer path",
    "/region/FRE1": ".js-plotly-plot .trace",
    "/compare": ".js-plotly-plot .trace",
    "/rankings": ".js-plotly-plot .trace",
    "/ecosystems": ".js-plotly-plot .trace",
    "/programmes": ".js-plotly-plot .trace",
    "/policy": ".js-plotly-plot .trace",
    "/data": "#page-content h1",
}


def serve(wsgi):
    port = free_port()
    server = make_server("127.0.0.1", port, wsgi, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    wait_for_port(port)
    return server, f"http://127.0.0.1:{port}"


def bare_app():
    app = dash.Dash(__name__)
    app.layout = html.Div([html.H1("Bare Dash page", id="bare")])
    return app


def bare_chart_app():
    """The floor of any chart page: a bare Dash page with one plotly chart (plotly.js is 4.8 MB to parse)."""
    app = dash.Dash(__name__)
    app.layout = html.Div(
        [
            html.H1("Bare Dash page with a chart"),
            dcc.Graph(id="bare-chart", figure={"data": [{"type": "bar", "x": [1, 2], "y": [3, 1]}]}),
        ]
    )
    return app


def browser():
    options = webdriver.ChromeOptions()
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(options=options)


# Injected before any page script: the end of the latest long task (> 50 ms of main thread), in ms since navigation.
LONG_TASKS_JS = """
window.__eucLongTaskEnd = 0;
try {
    new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (e) {
            window.__eucLongTaskEnd = Math.max(window.__eucLongTaskEnd, e.startTime + e.duration);
        });
    }).observe({type: 'longtask', buffered: true});
} catch (err) { /* no long-task timing */ }
"""

# [callbacks requested, waiting or running (Dash's renderer store); bytes of the callback answers received; the
# end of the last long task or callback answer, in ms since navigation].
PENDING_JS = """
if (document.readyState !== 'complete' || !window.store) { return [1, 0, 0]; }
const cb = Object.assign({}, window.store.getState().callbacks);
delete cb.stored; delete cb.completed;
const n = Object.values(cb).reduce((a, list) => a + (list ? list.length : 0), 0);
const answers = performance.getEntriesByType('resource').filter((e) => e.name.indexOf('_dash-update-component') >= 0);
const bytes = answers.reduce((a, e) => a + (e.encodedBodySize || 0), 0);
const last = answers.reduce((a, e) => Math.max(a, e.responseEnd), window.__eucLongTaskEnd || 0);
return [n, bytes, last];
"""


def settled_at(driver, quiet=1.0, timeout=60):
    """(seconds from navigation to the end of the last long task or callback answer, answer bytes) once no
    callback has been pending for `quiet` seconds: the page's first view computed, sent and drawn."""
    start = last_busy = time.perf_counter()
    while time.perf_counter() - start < timeout:
        pending, size, last = driver.execute_script(PENDING_JS)
        now = time.perf_counter()
        if pending:
            last_busy = now
        elif now - last_busy >= quiet:
            return last / 1000, size
        time.sleep(0.02)
    return float("nan"), 0


def time_load(driver, url, selector, runs, settled=False):
    samples, calm, sizes = [], [], []
    for _ in range(runs):
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(url)
        WebDriverWait(driver, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))
        samples.append(time.perf_counter() - start)
        if settled:
            at, size = settled_at(driver)
            calm.append(at)
            sizes.append(size)
    if settled:
        return statistics.median(samples), statistics.median(calm), statistics.median(sizes)
    return statistics.median(samples)


def main(runs: int, settled: bool = False):
    from app import create_app

    app_server, app_url = serve(create_app().server)
    bare_server, bare_url = serve(bare_app().server)
    chart_server, chart_url = serve(bare_chart_app().server)
    driver = browser()
    if settled:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS_JS})
    try:
        for path, selector in PAGES.items():  # warm the figure cache and the browser's cache
            time_load(driver, app_url + path, selector, 1)
        bare = time_load(driver, bare_url + "/", "#bare", runs)
        chart = time_load(driver, chart_url + "/", "#bare-chart .trace", runs)
        print(
            f"bare Dash page: {bare * 1000:.0f} ms; bare Dash page with one chart: {chart * 1000:.0f} ms "
            f"(median of {runs})"
        )
        for path, selector in PAGES.items():
            if settled:
                t, calm, size = time_load(driver, app_url + path, selector, runs, settled=True)
                extra = f"   settled {calm * 1000:6.0f} ms   answers {size / 1024:5.0f} KB"
            else:
                t, extra = time_load(driver, app_url + path, selector, runs), ""
            print(f"{path:<16} {t * 1000:6.0f} ms   {t / bare:4.1f}x bare   {t / chart:4.1f}x bare with a chart{extra}")
    finally:
        driver.quit()
        app_server.shutdown()
        bare_server.shutdown()
        chart_server.shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settled", action="store_true", help="also time until no callback is pending")
    args = parser.parse_args()
    main(args.runs, args.settled)
