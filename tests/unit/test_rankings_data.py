"""The Rankings lookups kept per data version read the same cells as the frame functions they replace."""

import numpy as np
import pytest

from components import rankings_data as rd
from data.ranking import RegionFilter, region_set, values_in_year


@pytest.mark.parametrize(("indicator", "year"), [("gdp_pc_pps", 2021), ("unemployment_rate", 2015), ("x", 2020)])
def test_a_year_column_holds_each_regions_value_and_flag(tables, indicator, year):
    values, flags = rd.year_column(tables, indicator, year)
    rows = values_in_year(tables.indicator_values, indicator, year)
    at = rd.region_positions(tables, rows["region"].tolist())
    assert np.isnan(values).sum() == len(values) - rows.loc[at >= 0, "value"].notna().sum()
    for code, value, flag in zip(rows["region"], rows["value"], rows["flag"]):
        i = tables.regions["code"].tolist().index(code)
        assert (np.isnan(values[i]) and value != value) or values[i] == value
        assert flags[i] == (None if flag != flag else flag)
    with pytest.raises(ValueError):
        values[0] = 1.0  # kept per data version: read-only


def test_region_rows_are_the_region_set_in_the_same_order(tables):
    flt = RegionFilter(level=2, eu_only=True, countries=("FR", "DE"), basket=("FR10", "DE21", "ITC4", "FRE1"))
    at, (codes, names, countries) = rd.region_rows(tables, flt)
    expected = region_set(tables.regions, flt)
    assert codes.tolist() == expected["code"].tolist() and names.tolist() == expected["name"].tolist()
    assert tables.regions["code"].to_numpy()[at].tolist() == codes.tolist()


@pytest.mark.parametrize("level", [0, 1, 2])
def test_default_weights_from_the_coverage_of_every_year_are_those_of_the_year_alone(tables, level):
    from data import composite as comp
    from state import rankings as st

    codes = st.level_codes(tables, level, True)
    for year in range(2008, 2026):
        ids = comp.default_indicators(tables.indicators, tables.indicator_values, codes, year)
        ids = ids or comp.default_indicators(tables.indicators, tables.indicator_values, codes, year, min_coverage=1e-9)
        assert list(st.default_weights(tables, codes, year)) == ids
