"""Start-up time (Python imports + table load and validation + app build) and memory. Target: under 3 s.

Run: python -m benchmarks.startup
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import resource, time, json
t0 = time.perf_counter()
import app
t1 = time.perf_counter()
from data.store import load_tables
from settings import DEFAULT_DATA_DIR
t2 = time.perf_counter(); load_tables(DEFAULT_DATA_DIR); t3 = time.perf_counter()
print(json.dumps({"total": t1 - t0, "load_tables": t3 - t2,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main(runs: int = 5):
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    total = [r["total"] for r in results]
    load = [r["load_tables"] for r in results]
    print(
        f"start-up (import app: imports + load + validate + build app), {runs} runs: "
        f"median {statistics.median(total):.2f} s, max {max(total):.2f} s (target < 3 s)"
    )
    print(f"  of which load_tables alone: median {statistics.median(load):.2f} s")
    print(f"  peak RSS of one process: {statistics.median(r['rss_mb'] for r in results):.0f} MB")


if __name__ == "__main__":
    main()
