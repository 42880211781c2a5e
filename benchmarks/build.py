"""Time and peak memory of the pipeline (`python -m data.build`), each run in a fresh process into a scratch folder.
Target (issue 13): under 60 s and 2 GB. Measured before the NUTS 2024 frame (6ec308f): 3.3 s, 212 MB.

Run: python -m benchmarks.build [--runs 3] [--raw DIR]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(raw: Path | None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one build in a child process."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "data.build", "--out", out] + (["--raw", str(raw)] if raw else [])
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of the children is the largest child so far: each run is as large or larger than the last.
    return seconds, max(peak, before) / 1024


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--raw", type=Path, default=None)
    args = parser.parse_args(argv)
    runs = [one_run(args.raw) for _ in range(args.runs)]
    seconds = [s for s, _ in runs]
    print(
        f"python -m data.build, {args.runs} runs: median {statistics.median(seconds):.1f} s, "
        f"max {max(seconds):.1f} s (target < 60 s)"
    )
    print(f"  peak RSS of the build process: {max(m for _, m in runs):.0f} MB (target < 2,048 MB)")


if __name__ == "__main__":
    main()
