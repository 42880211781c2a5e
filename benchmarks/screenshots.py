"""Screenshots of every registered page at 1280x720 in presentation mode and at 390x844 (a phone), to look at.

Also prints, per page and size, the smallest chart text (px) and any negative tick on a chart whose values are
all positive, so a look at the pictures can start from the numbers.
Run: python -m benchmarks.screenshots OUT_DIR [--only /rankings] [--size phone-390x844] [--full] [--lang fr]
(--full: the whole page, not only the first screen; long pages make tall pictures. --lang: the pages in that
language, lang=... in each address and in the file names.)
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="screens-chromium-"))

import logging  # noqa: E402

from selenium import webdriver  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.WARNING)

from tests.integration.nginx import free_port, wait_for_port  # noqa: E402

SIZES = {"present-1280x720": ((1280, 720), "present=1"), "phone-390x844": ((390, 844), "")}
EXAMPLES = {
    "/region/<code>": "/region/FRE1",
    "/briefing/<code>": "/briefing/FRE1",
}  # a real value for each path template

SMALLEST_TEXT = """
    const sizes = Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
        .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize));
    return sizes.length ? Math.min.apply(null, sizes) : null;
"""


def page_paths() -> list[str]:
    import dash

    paths = []
    for page in dash.page_registry.values():
        template = page.get("path_template")
        paths.append(EXAMPLES.get(template, template) if template else page["path"])
    return paths


def serve(wsgi):
    port = free_port()
    server = make_server("127.0.0.1", port, wsgi, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    wait_for_port(port)
    return server, f"http://127.0.0.1:{port}"


def browser():
    options = webdriver.ChromeOptions()
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(options=options)


def settle(driver, timeout=30):
    """Wait until Dash has no callback in flight and the page has a heading."""
    end = time.time() + timeout
    while time.time() < end:
        busy = driver.execute_script(
            "return !document.querySelector('#page-content h1') || "
            "!!document.querySelector('[data-dash-is-loading=\"true\"]') || document.title === 'Updating...';"
        )
        if not busy:
            time.sleep(2.0)  # plotly draws (and display.js restyles) after the callback answers
            return
        time.sleep(0.2)


WAITING = """
return Array.from(document.querySelectorAll('[data-draw-when-visible]')).filter(function (card) {
    const note = card.querySelector('.draw-note');
    return card.offsetParent !== null && note && !note.hidden;
});
"""


def draw_all(driver, timeout=20):
    """Scroll each card drawn when scrolled into view to the window's middle until it has been asked for, then back
    to the top: a whole-page picture shows every chart, not the "drawn when scrolled" notes."""
    for card in driver.execute_script(WAITING):
        end = time.time() + timeout
        while time.time() < end:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", card)
            if card.find_element("css selector", ".draw-note").get_attribute("hidden") is not None:
                break
            time.sleep(0.3)
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")
    settle(driver)


def save(driver, path: Path, full: bool) -> None:
    """The window as a viewer sees it, or (full) the whole page at the window's width, every chart drawn."""
    if not full:
        driver.save_screenshot(str(path))
        return
    draw_all(driver)
    width, height = driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollHeight];"
    )
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "clip": clip})
    path.write_bytes(base64.b64decode(shot["data"]))


def main(
    out: Path, only: list[str] | None, full: bool = False, sizes: list[str] | None = None, lang: str | None = None
):
    from app import create_app

    app = create_app()
    out.mkdir(parents=True, exist_ok=True)
    server, url = serve(app.server)
    driver = browser()
    try:
        for label, ((width, height), query) in SIZES.items():
            if sizes and label not in sizes:
                continue
            driver.set_window_size(width, height)
            # The window's inner size is what a viewer sees: make it exactly the target.
            inner = driver.execute_script("return [window.innerWidth, window.innerHeight];")
            driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
            for path in only or page_paths():
                params = "&".join(p for p in (query, f"lang={lang}" if lang else "") if p)
                sep = "&" if "?" in path else "?"
                driver.get(url + path + (sep + params if params else ""))
                settle(driver)
                name = f"{label}{'-' + lang if lang else ''}{path.replace('/', '_') or '_'}.png"
                save(driver, out / name, full)
                smallest = driver.execute_script(SMALLEST_TEXT)
                print(f"{label:<18} {path:<16} smallest chart text {smallest} px -> {out / name}")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, help="folder the PNG files go to")
    parser.add_argument("--only", action="append", help="a path to shoot (repeatable); default: every page")
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    parser.add_argument("--size", action="append", choices=list(SIZES), help="a size to shoot (repeatable)")
    parser.add_argument("--lang", help="the pages' language (e.g. fr); default: the server's choice (English)")
    args = parser.parse_args()
    main(args.out, args.only, args.full, args.size, args.lang)
