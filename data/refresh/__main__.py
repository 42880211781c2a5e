"""`python -m data.refresh [--raw DIR] [--base DIR] [--out DIR] [--api URL]`: bring the Eurostat inputs up to
Eurostat's latest release through its public API (SDMX 3.0, SDMX-CSV), then rebuild the tables.

Exit codes: 0 all refreshed and rebuilt; 1 some datasets not refreshed (named; the tables are rebuilt from the
others) or none; 2 the build failed (tables unchanged); 3 offline (tables unchanged).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from data.build.common import DEFAULT_OUT_DIR, raw_dir
from data.refresh import api, files
from data.refresh.refresh import run


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.refresh", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--raw",
        type=Path,
        default=files.tree_dir(),
        help="the refresh's raw tree (default REFRESH_RAW_DIR or data/raw), made from --base if absent",
    )
    parser.add_argument(
        "--base",
        type=Path,
        default=raw_dir(),
        help="raw folder the tree is first copied from (default RAW_DATA_DIR or ../shared/data)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="folder of the tables (default data/tables)")
    parser.add_argument(
        "--api",
        default=os.environ.get("EUROSTAT_API", api.DEFAULT_BASE),
        help=f"API base URL (default EUROSTAT_API or {api.DEFAULT_BASE})",
    )
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, also when piped to a log
    try:
        return run(args.raw, args.base, args.out, api.Client(base=args.api))
    except FileNotFoundError as err:
        print(f"Refresh failed: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted. Datasets already saved are kept; run again to fetch the rest.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
