"""The pages run under the Content-Security-Policy (no inline script but Dash's hashed ones, no eval): charts,
grids and the slide frame render and the console holds no CSP violation (issue 15)."""

from __future__ import annotations

from app import create_app

PAGES = [
    ("/", ".js-plotly-plot .choroplethlocation", "Europe's regions at a glance"),
    ("/rankings?indicator=composite", "#rankings-grid .ag-row", "Rankings"),
    ("/region/FRE1", ".js-plotly-plot .main-svg", "Nord-Pas de Calais (FRE1)"),
    ("/programmes", ".js-plotly-plot .main-svg", "Programmes"),
    ("/slides?view=%2Fregion%2FFRE1", "iframe", "Slide 1 of 1"),
]


def test_pages_run_under_the_content_security_policy(dash_duo):
    app = create_app()
    policy = app.server.config["CONTENT_SECURITY_POLICY"]
    assert "default-src 'self'" in policy and "'unsafe-eval'" not in policy and "object-src 'none'" in policy
    dash_duo.start_server(app)
    for path, selector, text in PAGES:  # one server and browser for all: a start per page costs more than the page
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(selector, timeout=20)
        dash_duo.wait_for_contains_text("#page-content", text, timeout=10)
        logs = dash_duo.get_logs()  # CSP violations are console errors ("Refused to execute ...")
        assert [entry for entry in logs if "Content Security Policy" in entry["message"]] == [], path
        assert logs == [], path
