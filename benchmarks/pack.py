"""Time to make a peer-review pack (PowerPoint) on the server: collecting the charts, drawing them with kaleido
in chromium, writing the .pptx. Run: python -m benchmarks.pack [--runs 3]

In the app this runs in a background process (Dash background callback), so it costs the user this long
with a progress bar, and costs other users nothing but CPU.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="bench-chromium-"))

import contextlib

from app import create_app
from callbacks.pack import compare_pack, region_pack
from components.peer_review_pack import ChartSlide, make_pack
from state.compare import parse_compare
from state.region import parse_region


def browser_memory(run):
    """Run `run()` while sampling the memory of this process's children (kaleido's chromium): the peak of their
    summed PSS (shared pages counted once), in MB."""
    import psutil

    me, peak, done = psutil.Process(), [0.0], threading.Event()

    def sample():
        while not done.is_set():
            total = 0
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_full_info().pss
            peak[0] = max(peak[0], total / 2**20)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        result = run()
    finally:
        done.set()
        sampler.join()
    return result, peak[0]


def main(runs: int):
    app = create_app()
    with app.server.app_context():
        from data.store import current_tables

        tables = current_tables()
        views = {
            "region FRE1": lambda: region_pack(parse_region(tables, "FRE1", {})[0], "http://127.0.0.1/region/FRE1"),
            "compare, ten pilots": lambda: compare_pack(parse_compare(tables, {})[0], "http://127.0.0.1/compare"),
        }
        for name, collect in views.items():
            totals, collects, sizes, memory = [], [], [], []
            for _ in range(runs):
                start = time.perf_counter()
                pack, _ = collect()
                collected = time.perf_counter()
                body, mb = browser_memory(lambda pack=pack: make_pack(pack))
                memory.append(mb)
                totals.append(time.perf_counter() - start)
                collects.append(collected - start)
                sizes.append(len(body))
            charts = sum(isinstance(s, ChartSlide) for s in pack.slides)
            print(
                f"{name:<22} {len(pack.slides) + 1} slides, {charts} charts: median {statistics.median(totals):.2f} s "
                f"(collecting {statistics.median(collects) * 1000:.0f} ms, the rest drawing and writing), "
                f"{statistics.median(sizes) / 1024:.0f} KB; chromium peak {max(memory):.0f} MB (PSS)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    main(parser.parse_args().runs)
