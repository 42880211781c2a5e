"""axe-core audit of every registered page (dash.page_registry), in each display mode and in French: zero serious
or critical violations."""

from pathlib import Path

from app import create_app
from tests.browser.page_registry import page_urls, registered_pages

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


def _audit(dash_duo):
    dash_duo.driver.execute_script(AXE)
    return dash_duo.driver.execute_async_script(AUDIT)


def test_every_registered_page_has_a_url_to_audit():
    create_app()
    urls = page_urls()  # fails when a page with a path parameter has no sample value
    assert len(urls) == len(registered_pages()) and not [u for u in urls if "<" in u]


def test_no_serious_or_critical_accessibility_violations(dash_duo, subtests):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.set_script_timeout(60)
    dash_duo.start_server(create_app(), navigate=False)
    # One server and browser for the display modes, and every page in French (lang="fr" on <html>).
    for mode in ("", "theme=dark", "present=1", "lang=fr"):
        with subtests.test(mode=mode or "default"):
            problems = {}
            for path in page_urls() + MORE:
                url = path + ("&" if "?" in path else "?") + mode if mode else path
                dash_duo.driver.get(dash_duo.server.url + url)
                dash_duo.wait_for_element("#page-content h1", timeout=20)
                dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]', timeout=20)
                serious = [v for v in _audit(dash_duo) if v["impact"] in ("serious", "critical")]
                if serious:
                    problems[url] = serious
            assert problems == {}
            assert dash_duo.get_logs() == []
