"""What a user reads never holds a programmer's value: no 'nan', 'None', 'undefined' or a year such as '2023.0',
on any page and at every NUTS level (the text of the page and of every chart's SVG)."""

import re

from dash.testing.wait import until

from app import create_app
from tests.browser.page_registry import registered_pages
from tests.browser.renderer import settle

RAW = re.compile(r"\b(nan|NaN|None|undefined|null)\b|\b(19|20)\d\d\.0\b|\(\)")

# Every registered page, with regions and settings at NUTS 0, 1 and 2 where the page has them.
URLS = {
    "/": ["/", "/?level=0", "/?level=1"],
    "/regions": ["/regions"],
    "/region/<code>": ["/region/FR", "/region/FRE", "/region/FRE1", "/region/PT1A", "/region/NL35", "/region/PT17"],
    "/compare": ["/compare?regions=FR,FRE,FRE1,PT1A"],
    "/rankings": ["/rankings?level=0", "/rankings?level=1", "/rankings"],
    "/ecosystems": ["/ecosystems?level=1", "/ecosystems"],
    "/programmes": ["/programmes"],
    "/policy": ["/policy"],
    "/clusters": ["/clusters"],
    "/data": ["/data"],
    "/slides": ["/slides?view=/region/FRE"],
    "/briefing/<code>": ["/briefing/FR", "/briefing/FRE", "/briefing/FRE1", "/briefing/PT17"],
}

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


def test_every_page_is_listed():
    create_app()
    assert set(registered_pages()) <= set(URLS), sorted(set(registered_pages()) - set(URLS))


def test_no_page_shows_nan_none_or_float_years(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(), navigate=False)
    found = {}
    for urls in URLS.values():
        for url in urls:
            dash_duo.driver.get(dash_duo.server.url + url)
            dash_duo.wait_for_element("#page-content", timeout=10)
            text = _settled_text(dash_duo)
            assert len(text) > 200, f"{url}: the page did not render ({text[:200]!r})"
            hits = sorted({m.group(0) for m in RAW.finditer(text)})
            if hits:
                lines = [line for line in text.splitlines() if RAW.search(line)][:3]
                found[url] = (hits, lines)
    assert found == {}
    assert dash_duo.get_logs() == []
