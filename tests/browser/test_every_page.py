"""One walk over every page in the default look, each URL opened once and checked for what a user must never meet:
a serious or critical axe-core violation, a programmer's value in the text ('nan', 'None', 'undefined', a year
such as '2023.0'), a request to another origin, a wrong heading, a polyfilled builtin or a browser error.

French, presentation mode and the dark theme (on a phone) run axe in their own walks (test_french_pages.py,
test_presenting.py): one page load serves every check of a mode.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from dash.testing.wait import until

from app import create_app
from tests.browser.axe_audit import MORE, serious
from tests.browser.origin import foreign_requests
from tests.browser.page_registry import page_urls, registered_pages
from tests.browser.renderer import scroll_through, settle

RAW = re.compile(r"\b(nan|NaN|None|undefined|null)\b|\b(19|20)\d\d\.0\b|\(\)")

# Every registered page, with regions and settings at NUTS 0, 1 and 2 where the page has them: each is read for raw
# values; the first URL of each page (and MORE) is also audited with axe.
URLS = {
    "/": ["/", "/?level=0", "/?level=1"],
    "/regions": ["/regions"],
    "/region/<code>": ["/region/FRE1", "/region/FR", "/region/FRE", "/region/PT1A", "/region/NL35", "/region/PT17"],
    "/compare": ["/compare", "/compare?regions=FR,FRE,FRE1,PT1A"],
    "/rankings": ["/rankings", "/rankings?level=0", "/rankings?level=1"],
    "/ecosystems": ["/ecosystems", "/ecosystems?level=1"],
    "/programmes": ["/programmes"],
    "/policy": ["/policy"],
    "/clusters": ["/clusters"],
    "/data": ["/data"],
    "/slides": ["/slides", "/slides?view=/region/FRE"],
    "/briefing/<code>": ["/briefing/FRE1", "/briefing/FR", "/briefing/FRE", "/briefing/PT17"],
}

HEADINGS = {
    "/": "Europe's regions at a glance",
    "/regions": "Regions",
    "/compare": "Compare",
    "/rankings": "Rankings",
    "/ecosystems": "Ecosystems",
    "/programmes": "Programmes",
    "/policy": "Policy",
    "/clusters": "Cluster organisations",
    "/data": "Data & methods",
    "/briefing": "Policy briefing",
    "/nope": "Page not found",
}

# core-js 2 counts U+180E as white space (the browsers' own trim no longer does) and makes its functions' toString
# read as native code: tell them apart by what they do.
NATIVE_BUILTINS_JS = (
    "const s = '\\u180E1';"
    "return s.trim() === s && s.trimStart() === s && Number.isNaN(parseInt(s)) && Number.isNaN(parseFloat(s));"
)

_TEXT = """
const parts = [document.body.innerText];
document.querySelectorAll('svg text').forEach(t => parts.push(t.textContent));
return parts.join('\\n');
"""


def _settled_text(duo, timeout=20.0) -> str:
    """The page's text once its callbacks have settled and the text is the same in two reads 0.2 s apart."""
    settle(duo)
    last = [None]

    def stable():
        text, previous = duo.driver.execute_script(_TEXT), last[0]
        last[0] = text
        return text == previous and "Loading..." not in text and text

    return until(stable, timeout, poll=0.2, msg=f"the text of {duo.driver.current_url} to settle")


def _raw_values(text: str) -> tuple[list, list] | None:
    hits = sorted({m.group(0) for m in RAW.finditer(text)})
    return (hits, [line for line in text.splitlines() if RAW.search(line)][:3]) if hits else None


def _heading(path: str) -> str | None:
    return HEADINGS.get("/" + urlsplit(path).path.strip("/").split("/")[0])  # by the path's first part


def _walk() -> list[tuple[str, bool]]:
    """(URL, audited with axe) for every URL of URLS, then MORE (audited only)."""
    walk = [(url, i == 0) for urls in URLS.values() for i, url in enumerate(urls)]
    return walk + [(url, True) for url in MORE if url not in URLS["/slides"]]


def test_every_page_is_listed():
    create_app()
    urls = page_urls()  # fails when a page with a path parameter has no sample value
    assert len(urls) == len(registered_pages()) and not [u for u in urls if "<" in u]
    assert set(registered_pages()) <= set(URLS), sorted(set(registered_pages()) - set(URLS))
    assert all(URLS[page][0] == url for page, url in zip(registered_pages(), urls))  # page_urls' URL is audited


def test_every_page_in_the_default_look(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.set_script_timeout(60)
    dash_duo.start_server(create_app(), navigate=False)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    dash_duo.driver.get_log("performance")  # start from this test's requests
    problems, recorded, audited = {}, 0, 0
    for url, audit in _walk():
        dash_duo.driver.get(dash_duo.server.url + url)
        dash_duo.wait_for_element("#page-content h1", timeout=20)
        scroll_through(dash_duo)  # the charts below the fold are drawn once scrolled to: read and audit them too
        text = _settled_text(dash_duo)
        if url not in MORE and len(text) < 200:
            problems[f"{url}: not rendered"] = text[:200]
        raw = _raw_values(text) if url != "/nope" else None
        if raw:
            problems[f"{url}: raw values"] = raw
        heading = _heading(url) if audit else None  # a page's first URL: the others may name a notice (PT17)
        shown = dash_duo.find_element("#page-content h1").text
        if heading and heading not in shown:
            problems[f"{url}: heading"] = shown
        if audit:
            audited += 1
            violations = serious(dash_duo)
            if violations:
                problems[f"{url}: axe"] = violations
        found, count = foreign_requests(dash_duo, origin)
        recorded += count
        problems.update({f"{url}: {kind}": urls for kind, urls in found.items()})
    assert problems == {}
    assert audited == len(page_urls()) + len(MORE) and recorded > 100  # the checks did run
    assert dash_duo.find_element("html").get_attribute("lang") == "en"
    # Dash's babel-polyfill would replace these with slow versions plotly calls for every colour: the app leaves it out
    assert dash_duo.driver.execute_script(NATIVE_BUILTINS_JS), "trim/parseInt/parseFloat are polyfills"
    assert dash_duo.get_logs() == []
