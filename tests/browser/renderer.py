"""Reading a page's state in a dash_duo test from Dash's renderer store (`window.store`): a component's props by
its id, and whether any callback is still pending (in the page and its same-origin iframes)."""

from __future__ import annotations

import time

from dash.testing.wait import until

MISSING = "<no component with this id>"

READ_JS = """
const specs = arguments[0], missing = arguments[1];
const s = window.store && window.store.getState();
if (!s || !s.paths || !s.layout) { return null; }
function pathOf(id) {
    if (id.charAt(0) !== '{') { return s.paths.strs[id]; }
    const obj = JSON.parse(id), keys = Object.keys(obj).sort();
    const want = JSON.stringify(keys.map((k) => obj[k]));
    const hit = ((s.paths.objs || {})[keys.join(',')] || []).find((e) => JSON.stringify(e.values) === want);
    return hit && hit.path;
}
const out = {};
specs.forEach(function (spec) {
    const id = spec[0], prop = spec[1], path = pathOf(id);
    const node = path ? path.reduce((n, k) => (n == null ? n : n[k]), s.layout) : null;
    out[id] = out[id] || {};
    if (!node || !node.props) { out[id][prop] = missing; return; }
    let value = node.props;
    prop.split('.').forEach((k) => { value = value == null ? undefined : value[k]; });
    out[id][prop] = value === undefined ? null : value;
});
return out;
"""

# Callbacks requested, waiting or running, in the page and in its same-origin iframes (the slides).
PENDING_JS = """
function pending(win) {
    let n = 0;
    try {
        if (win.document.readyState !== 'complete' || !win.store) { return 1; }
        const cb = Object.assign({}, win.store.getState().callbacks);
        delete cb.stored; delete cb.completed;
        n = Object.values(cb).reduce((a, list) => a + (list ? list.length : 0), 0);
    } catch (err) { return 0; }  // not same-origin: not ours to wait for
    Array.from(win.document.querySelectorAll('iframe')).forEach(function (f) {
        if (f.contentWindow && f.src && !f.src.startsWith('about:')) { n += pending(f.contentWindow); }
    });
    return n;
}
return pending(window);
"""


def read(dash_duo, specs: dict) -> dict:
    pairs = [[ident, prop] for ident, props in specs.items() for prop in props]
    return dash_duo.driver.execute_script(READ_JS, pairs, MISSING)


def settle(dash_duo, timeout=30, quiet=0.3):
    """Wait until no callback is pending for `quiet` seconds (chained callbacks start one after another)."""
    calm_since = []

    def calm():
        if dash_duo.driver.execute_script(PENDING_JS):
            calm_since.clear()
            return False
        calm_since[:] = calm_since or [time.monotonic()]
        return time.monotonic() - calm_since[0] >= quiet

    until(calm, timeout, poll=0.05, msg=f"callbacks still pending after {timeout} s")


def rendered(dash_duo, ids) -> bool:
    found = read(dash_duo, {i: ["id"] for i in ids})
    return bool(found) and all(MISSING not in props.values() for props in found.values())


def load(dash_duo, url, ids):
    """Open `url`, wait for the components `ids` to be in the renderer's layout and for the callbacks to settle."""
    dash_duo.driver.get(url)
    until(lambda: rendered(dash_duo, ids), 20, poll=0.05, msg=f"the components {sorted(ids)} of {url}")
    settle(dash_duo)


# Cards drawn when scrolled into view (components/chart_card.py, draw_when_visible) that are shown and not drawn yet.
WAITING_JS = """
return Array.from(document.querySelectorAll('[data-draw-when-visible]')).filter(function (card) {
    const note = card.querySelector('.draw-note');
    return card.offsetParent !== null && note && !note.hidden;
});
"""


def scroll_to(dash_duo, card, timeout=20):
    """Scroll a card drawn when scrolled into view to the middle of the window until it has been asked for (its
    note hidden). Scrolled again at each poll: while a page fills (or the browser restores the scroll position of
    a reload), the parts above the card grow and push it out of view again, and then it rightly waits."""

    def asked():
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", card)
        return card.find_element("css selector", ".draw-note").get_attribute("hidden") is not None

    until(
        asked, timeout, poll=0.5, msg=f"the card {card.get_attribute('data-draw-when-visible')} drawn when scrolled to"
    )


def scroll_through(dash_duo, timeout=20):
    """Scroll each shown card drawn when scrolled into view to the middle of the window in turn, until it has been
    asked for (its note hidden), then back to the top: for tests that read a whole page."""
    for card in dash_duo.driver.execute_script(WAITING_JS):
        scroll_to(dash_duo, card, timeout)
    dash_duo.driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")
