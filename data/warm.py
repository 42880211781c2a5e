"""Per-data-version lookups built once at start-up instead of by the first requests that need them.

Each indicator split by year (`data.profile`, read by the profiles, ranks, rankings and maps), the pools of
each NUTS level and the region index. They live with the tables (`Tables.memo`), so in gunicorn they are built
in the master and shared by the forked workers.

Loading and splitting the tables leaves freed memory in pyarrow's pool (mimalloc or jemalloc keep it for reuse)
and in the C heap; once the start-up work is done it is handed back to the system, so a worker starts from
the memory the app holds, not from the high-water mark of its start-up (-20 MB at NUTS 3 scale).
"""

from __future__ import annotations

import ctypes
import ctypes.util

from data import explore, policy, profile, specialisation


def warm(tables) -> None:
    """Build the lookups for `tables` (kept in `tables.derived`), then return the memory start-up freed."""
    values, regions = tables.indicator_values, tables.regions
    for indicator in tables.indicators["id"]:
        profile._indicator(values, indicator)
        profile.region_value_years(values, indicator)  # a region's years (Region headline, briefing)
        explore.indicator_series(values, indicator)  # a region's series (time series, explorer)
    for level in (0, 1, 2):
        profile.pool_codes(regions, level)
    profile.region_info(regions, "")
    profile.region_years(values, "")  # each region's first and last year of the headline indicators
    profile.nuts2_parts(regions, "")
    explore.region_names(regions)
    specialisation.ecosystem_grid(tables.ecosystem_employment)  # the Ecosystems page's and the rankings' LQs
    specialisation.nace_grid(tables.sector_employment)
    programme_tables = specialisation.tagged_programme_tables(tables.frames)
    if programme_tables is not None:  # the Ecosystems page's programme projects
        projects, participations = programme_tables
        specialisation.ecosystem_programme_rows(projects, participations, regions)
        specialisation.project_participations_by_country(participations)
    orgs = tables.cluster_organisations
    policy.cluster_directory(orgs, regions)
    policy.directory_regions(orgs, regions)
    policy.directory_programmes(orgs)
    release_memory()


def release_memory() -> None:
    """Hand freed memory back to the system: pyarrow's pool, then the C heap (glibc's malloc_trim, where present)."""
    # No gc.collect(): the split frames are freed by reference counting; a full collection costs 0.3-0.5 s here.
    import pyarrow

    pyarrow.default_memory_pool().release_unused()
    name = ctypes.util.find_library("c")
    if name:
        try:
            trim = ctypes.CDLL(name).malloc_trim
        except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
            return
        trim(0)
