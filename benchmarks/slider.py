"""Composite slider in headless Chromium: time from moving a weight slider to the ranking chart redrawn.

The app runs with the cache off (CACHE_TYPE=NullCache, as after a deploy), on gunicorn as the Procfile starts it.
Each move is one arrow key on a weight slider; the clock stops when plotly has drawn a new figure in the ranking
chart (the graph's data array is replaced). Run: python -m benchmarks.slider [--moves 12]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="bench-chromium-"))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from benchmarks.first_render import browser  # noqa: E402
from benchmarks.servers import gunicorn  # noqa: E402

GRAPH = '{"index":"rankings-bars","type":"chart-graph"}'
MARK = f"""const el = document.getElementById('{GRAPH}'); const gd = el && el.querySelector('.js-plotly-plot');
if (!gd || !gd.data) return false; gd.data.__bench = true; return true;"""
REDRAWN = f"""const el = document.getElementById('{GRAPH}'); const gd = el && el.querySelector('.js-plotly-plot');
return !!(gd && gd.data && !gd.data.__bench && gd.layout);"""


def main(moves: int = 12, cache: str = "NullCache"):
    with gunicorn(env={"CACHE_TYPE": cache, "CACHE_DIR": tempfile.mkdtemp(prefix="bench-slider-")}) as base:
        driver = browser()
        try:
            driver.get(base + "/rankings?indicator=composite")
            wait = WebDriverWait(driver, 60)
            wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, f"[id='{GRAPH}'] .js-plotly-plot .trace")))
            sliders = driver.find_elements(By.CSS_SELECTOR, "input[type=range][id*='rankings-weight']")
            samples = []
            for n in range(moves):
                slider = sliders[n % len(sliders)]
                key = Keys.ARROW_RIGHT if (n // len(sliders)) % 2 == 0 else Keys.ARROW_LEFT
                time.sleep(0.5)  # let the previous move's other callbacks (sensitivity, URL) settle
                wait.until(lambda d: d.execute_script(MARK))
                start = time.perf_counter()
                slider.send_keys(key)
                WebDriverWait(driver, 60, poll_frequency=0.005).until(lambda d: d.execute_script(REDRAWN))
                samples.append(time.perf_counter() - start)
        finally:
            driver.quit()
    samples.sort()
    print(
        f"composite slider -> ranking chart redrawn, cache {cache}, {moves} moves, load average "
        f"{os.getloadavg()[0]:.1f}: median {statistics.median(samples) * 1000:.0f} ms, "
        f"max {samples[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=12)
    parser.add_argument("--cache", default="NullCache")
    args = parser.parse_args()
    main(args.moves, args.cache)
