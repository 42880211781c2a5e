"""axe-core audit of every registered page (dash.page_registry) in one display mode: what the accessibility test
modules share. One module per mode, so that the test runner can run the modes side by side."""

from __future__ import annotations

from pathlib import Path

from app import create_app
from tests.browser.page_registry import page_urls

AXE = (Path(__file__).resolve().parents[1] / "fixtures" / "axe" / "axe.min.js").read_text(encoding="utf-8")
# Beyond one URL per page: the slides' deck (the bare /slides is its editor) and the not-found page.
MORE = ["/slides?view=/region/FRE1&view=/compare", "/nope"]


AUDIT = (
    "const done = arguments[arguments.length - 1];"
    "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
    "  done(r.violations.map(function (v) {"
    "    return {id: v.id, impact: v.impact, help: v.help,"
    "            nodes: v.nodes.slice(0, 3).map(function (n) { return n.html.slice(0, 200); })};"
    "  }));"
    "});"
)


def audit(dash_duo) -> list[dict]:
    """axe's violations on the page open in the browser."""
    dash_duo.driver.execute_script(AXE)
    return dash_duo.driver.execute_async_script(AUDIT)


def serious_violations(dash_duo, mode: str = "") -> dict:
    """{url: serious or critical violations} over every page opened with the query `mode` ("theme=dark", ...)."""
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.set_script_timeout(60)
    dash_duo.start_server(create_app(), navigate=False)
    problems = {}
    for path in page_urls() + MORE:
        url = path + ("&" if "?" in path else "?") + mode if mode else path
        dash_duo.driver.get(dash_duo.server.url + url)
        dash_duo.wait_for_element("#page-content h1", timeout=20)
        dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]', timeout=20)
        serious = [v for v in audit(dash_duo) if v["impact"] in ("serious", "critical")]
        if serious:
            problems[url] = serious
    return problems
