"""Requests a page made to another origin than the app's (an embedding portal has no internet access): read from
the Resource Timing API, the addresses in the page's elements and Chrome's performance log (every request, failed
ones included; tests/conftest.py turns that log on)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

# Every request the page and its same-origin iframes made (Resource Timing), and the addresses of their <link>,
# <script>, <img>, <iframe>, <source> and <object> elements.
REQUESTS_JS = """
const out = {requests: [], elements: [], closed_frames: []};
function collect(win, where) {
    let doc;
    try { doc = win.document; doc.body; } catch (err) { out.closed_frames.push(where); return; }
    win.performance.getEntriesByType('navigation').concat(win.performance.getEntriesByType('resource'))
        .forEach((e) => out.requests.push(e.name));
    doc.querySelectorAll('link[href]').forEach((e) => out.elements.push(e.href));
    doc.querySelectorAll('script[src], img[src], iframe[src], source[src], embed[src]')
        .forEach((e) => out.elements.push(e.src));
    doc.querySelectorAll('object[data]').forEach((e) => out.elements.push(e.data));
    Array.from(doc.querySelectorAll('iframe')).forEach((f, i) => {
        if (f.contentWindow) { collect(f.contentWindow, where + ' > iframe ' + i); }
    });
}
collect(window, 'page');
return out;
"""

LOCAL_SCHEMES = ("data", "blob", "about", "javascript")


def _foreign(urls, origin) -> list[str]:
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or url.startswith("about:"):
            continue
        if f"{parts.scheme}://{parts.netloc}" != origin:
            out.append(url)
    return sorted(set(out))


def _performance_log_urls(dash_duo) -> list[str]:
    urls = []
    for entry in dash_duo.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method", ""), message.get("params", {})
        if method == "Network.requestWillBeSent":
            urls.append(params["request"]["url"])
        elif method == "Network.webSocketCreated":
            urls.append(params["url"])
    return urls


def foreign_requests(dash_duo, origin: str) -> tuple[dict, int]:
    """({kind: addresses of another origin} over the page open and its same-origin iframes, with the performance
    log's requests since it was last read; how many requests Resource Timing recorded)."""
    found = dash_duo.driver.execute_script(REQUESTS_JS)
    out = {}
    for kind, urls in (
        ("requests (Resource Timing)", found["requests"]),
        ("element addresses", found["elements"]),
        ("requests (Chrome performance log)", _performance_log_urls(dash_duo)),
    ):
        bad = _foreign(urls, origin)
        if bad:
            out[kind] = bad
    if found["closed_frames"]:
        out["frames of another origin"] = found["closed_frames"]
    return out, len(found["requests"])
