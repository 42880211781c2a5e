"""Per-data-version lookups built once at start-up instead of by the first requests that need them.

Each indicator split by year (`data.profile`, read by the profiles, ranks, rankings and maps), the pools of
each NUTS level and the region index. They live with the tables (`Tables.memo`), so in gunicorn they are built
in the master and shared by the forked workers.
"""

from __future__ import annotations

from data import profile


def warm(tables) -> None:
    """Build the lookups for `tables` (kept in `tables.derived`)."""
    values, regions = tables.indicator_values, tables.regions
    for indicator in tables.indicators["id"]:
        profile._indicator(values, indicator)
    for level in (0, 1, 2):
        profile.pool_codes(regions, level)
    profile.region_info(regions, "")
