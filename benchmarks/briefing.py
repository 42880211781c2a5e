"""Time and memory to make the policy briefing on the server: collecting the sections (cold cache), drawing the
charts with kaleido in chromium, writing the PDF (fpdf2) or the .pptx. Run: python -m benchmarks.briefing [--runs 3]

In the app this runs in a background process (Dash background callback) with a progress bar.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time

os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))
os.environ.setdefault("TMPDIR", tempfile.mkdtemp(prefix="bench-chromium-"))

from app import create_app
from benchmarks.pack import browser_memory
from callbacks.briefing_export import briefing_parts, make_pdf, make_pptx

STATE = {"peers": [], "weights": "", "c1": 0.5, "c2": 0.6, "s1": None, "s2": None, "kind": "nace"}


def main(runs: int, codes: list[str]):
    app = create_app()
    with app.server.app_context():
        for code in codes:
            state = {**STATE, "code": code}
            start = time.perf_counter()
            _, _, sections = briefing_parts(state)  # the first call fills the cache, as the page does
            collect = time.perf_counter() - start
            for fmt, make in (("PDF", make_pdf), ("PowerPoint", make_pptx)):
                times, memory, sizes = [], [], []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    (body, _name), mb = browser_memory(
                        lambda make=make, state=state, code=code: make(state, f"http://127.0.0.1/briefing/{code}")
                    )
                    times.append(time.perf_counter() - t0)
                    memory.append(mb)
                    sizes.append(len(body))
                charts = sum(1 for s in sections if s["figure"])
                print(
                    f"{code:<5} {fmt:<10} {len(sections)} sections, {charts} charts: median "
                    f"{statistics.median(times):.2f} s (max {max(times):.2f} s), {statistics.median(sizes) / 1024:.0f} KB; "
                    f"chromium peak {max(memory):.0f} MB (PSS)"
                )
            print(f"{code:<5} collecting the sections (cold cache): {collect * 1000:.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Python process peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--codes", default="FRE1,FRB0,FR")
    args = parser.parse_args()
    main(args.runs, args.codes.split(","))
