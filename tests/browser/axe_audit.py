"""axe-core audit of the page open in the browser: what the walks over every page share (the default look in
test_every_page.py, French in test_french_pages.py, presentation mode and the dark theme on a phone in
test_presenting.py)."""

from __future__ import annotations

from pathlib import Path

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
    dash_duo.driver.set_script_timeout(60)
    dash_duo.driver.execute_script(AXE)
    return dash_duo.driver.execute_async_script(AUDIT)


def serious(dash_duo) -> list[dict]:
    """axe's serious or critical violations on the page open in the browser."""
    return [v for v in audit(dash_duo) if v["impact"] in ("serious", "critical")]


def with_query(url: str, query: str) -> str:
    """`url` with `query` ("theme=dark", ...) added to its query string."""
    return url + ("&" if "?" in url else "?") + query if query else url


def audit_pages(dash_duo, urls, query: str = "") -> dict:
    """{url: serious or critical violations} over `urls` opened with `query`, each once its callbacks are done;
    pages without any are left out."""
    found = {}
    for url in urls:
        dash_duo.driver.get(dash_duo.server.url + with_query(url, query))
        dash_duo.wait_for_element("#page-content h1", timeout=20)
        dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]', timeout=20)
        violations = serious(dash_duo)
        if violations:
            found[url] = violations
    return found
