"""`python -m data.build [--raw DIR] [--out DIR]`: raw public inputs -> validated precomputed tables.

Deterministic: the same inputs give byte-identical outputs. Prints every region code it had to drop.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from data import schema
from data.build.common import DEFAULT_OUT_DIR, RawInputError, raw_dir, write_table
from data.build.ecosystems import build_ecosystem_employment
from data.build.geometries import build_geometries
from data.build.indicators import build_indicators
from data.build.nace import build_nace
from data.build.nuts import build_regions
from data.build.quality import data_quality, with_default_years
from data.build.region_changes import build_region_changes
from data.build.sectors import build_sector_employment
from data.build.sources import build_sources
from data.build.stars import build_cluster_stars


def build_all(raw: Path) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """All tables (validated) and the dropped-code reports, without writing anything."""
    regions = build_regions(raw)
    indicators, values, dropped_values = build_indicators(raw)
    sectors, dropped_sectors = build_sector_employment(raw)
    ecosystem_employment, ecosystems = build_ecosystem_employment(raw, sectors)
    tables = {
        "regions": regions,
        "region_changes": build_region_changes(raw, regions),
        "indicators": with_default_years(indicators, values, regions),
        "indicator_values": values,
        "sector_employment": sectors,
        # Suspect cells, kept as they are and marked in the app (data/build/quality.py).
        "data_quality": data_quality(values, sectors, regions),
        "ecosystem_employment": ecosystem_employment,
        "ecosystems": ecosystems,
        # Cluster stars (size, specialisation, focus) per region and sector, against regions of the same level.
        "cluster_stars": build_cluster_stars(sectors, ecosystem_employment, regions),
        "sources": build_sources(raw),
        "nace": build_nace(raw),
    }
    # Policy and cluster tables: the transcription of the seed documents, checked against them (data/build/policy.py).
    from data.build.policy import build_policy

    tables.update(build_policy(raw, known_source_ids=set(tables["sources"]["id"])))
    # Participation in EU cluster programmes, official totals and the published French figures (data/build/programmes.py).
    from data.build.programmes import PROGRAMME_DIR, build_programme_tables

    tables.update(build_programme_tables(raw / PROGRAMME_DIR, regions))
    validated = {name: schema.validate(name, df) for name, df in tables.items()}
    for (table, column), (ref_table, ref_column) in schema.FOREIGN_KEYS.items():
        unknown = set(validated[table][column].dropna()) - set(validated[ref_table][ref_column])
        if unknown:
            raise ValueError(
                f"{table}.{column} has values missing from {ref_table}.{ref_column}: {sorted(unknown)[:10]}"
            )
    return validated, {"indicator_values": dropped_values, "sector_employment": dropped_sectors}


def report_dropped(dropped: dict[str, pd.DataFrame], out=sys.stdout) -> None:
    for table, df in dropped.items():
        if df is None or df.empty:
            continue
        print(f"{table}: {len(df)} codes left out", file=out)
        group_cols = [c for c in ("indicator", "status") if c in df.columns]
        for keys, group in df.groupby(group_cols, sort=True):
            keys = keys if isinstance(keys, tuple) else (keys,)
            codes = ", ".join(sorted(group["source_code"].astype(str).unique())[:12])
            more = len(group["source_code"].unique()) - 12
            print(f"  {' / '.join(map(str, keys))}: {codes}{f' and {more} more' if more > 0 else ''}", file=out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.build", description=__doc__)
    parser.add_argument("--raw", type=Path, default=raw_dir(), help="folder of raw inputs (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="folder for the tables (default data/tables)")
    args = parser.parse_args(argv)
    if not args.raw.is_dir():
        print(f"Raw data folder {args.raw} not found (set --raw or RAW_DATA_DIR).", file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        tables, dropped = build_all(args.raw)
    except (RawInputError, schema.SchemaErrors, ValueError) as err:
        print(f"Build failed: {err}", file=sys.stderr)
        return 1
    for name, df in tables.items():
        write_table(df, args.out / f"{name}.parquet")
        print(f"{name}: {len(df):,} rows")
    for name, size in build_geometries(args.raw, args.out).items():
        print(f"{name}: {size / 1024:,.0f} KB")
    report_dropped(dropped)
    print(f"Built in {time.perf_counter() - start:.1f} s into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
