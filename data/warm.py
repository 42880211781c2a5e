"""Per-data-version lookups built once at start-up instead of by the first requests that need them.

Each indicator split by year (`data.profile`, read by the profiles, ranks, rankings and maps), the pools of
each NUTS level and the region index. They live with the tables (`Tables.memo`), so in gunicorn they are built
in the master and shared by the forked workers.
"""

from __future__ import annotations

from data import explore, policy, profile, specialisation


def warm(tables) -> None:
    """Build the lookups for `tables` (kept in `tables.derived`)."""
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
    ecosystems = tables.ecosystem_employment
    for ecosystem in ecosystems["ecosystem_id"].unique():
        specialisation.ecosystem_rows(ecosystems, str(ecosystem))
    orgs = tables.cluster_organisations
    policy.cluster_directory(orgs, regions)
    policy.directory_regions(orgs, regions)
    policy.directory_programmes(orgs)
