"""`build_indicators` on the real raw inputs (skipped when the raw data folder is absent)."""

from __future__ import annotations

import gzip
import time

import pandas as pd
import pytest

from data.build import common, nuts
from data.build.indicators import INDICATOR_COLUMNS, INDICATORS, build_indicators
from data.build.sources import SOURCES
from data.catalogue import THEMES

RAW = common.raw_dir()


@pytest.fixture(scope="module")
def built():
    if not (RAW / "eurostat").is_dir() or not (RAW / "nuts").is_dir():
        pytest.skip(f"raw public inputs not found at {RAW} (set RAW_DATA_DIR to the shared data folder)")
    start = time.perf_counter()
    indicators, values, dropped = build_indicators(RAW)
    return {"indicators": indicators, "values": values, "dropped": dropped, "seconds": time.perf_counter() - start}


def _value(values: pd.DataFrame, indicator: str, region: str, year: int) -> pd.Series:
    rows = values[(values["indicator"] == indicator) & (values["region"] == region) & (values["year"] == year)]
    assert len(rows) == 1, f"{indicator} {region} {year}: {len(rows)} rows"
    return rows.iloc[0]


def _bulk_cell(path, key: str, year: int) -> str:
    """The raw cell of the row whose first column is `key`, read line by line."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        column = [h.strip() for h in header].index(str(year))
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if cells[0] == key:
                return cells[column]
    raise AssertionError(f"{key} not in {path}")


@pytest.mark.parametrize("region", ["FRE1", "FRB0", "ITC1"])
def test_gdp_per_inhabitant_pps_2021_equals_the_raw_file(built, region):
    raw = pd.read_csv(RAW / "eurostat" / "eurostat_gdp_pc_pps_nuts2.csv", dtype=str)
    expected = raw[(raw["geo"] == region) & (raw["time"] == "2021") & (raw["unit"] == "PPS_EU27_2020_HAB")]
    assert len(expected) == 1
    row = _value(built["values"], "gdp_pc_pps", region, 2021)
    assert row["value"] == float(expected["obs_value"].iloc[0])


def test_industry_share_equals_b_to_e_over_total_from_the_raw_tsv(built):
    path = RAW / "eurostat_2017" / "lfst_r_lfe2en2.tsv.gz"
    # FR30 (NUTS 2013, Nord-Pas-de-Calais) is FRE1 in NUTS 2021 and 2024.
    numerator = _bulk_cell(path, "THS,B-E,Y15-64,FR30", 2015).split()[0]
    denominator = _bulk_cell(path, "THS,TOTAL,Y15-64,FR30", 2015).split()[0]
    expected = float(numerator) / float(denominator) * 100
    assert _value(built["values"], "industry_share", "FRE1", 2015)["value"] == pytest.approx(expected, rel=1e-12)
    assert 5 < expected < 40


def test_industry_share_carries_the_break_flag_of_its_parts(built):
    path = RAW / "eurostat_2017" / "lfst_r_lfe2en2.tsv.gz"
    cells = [_bulk_cell(path, f"THS,{nace},Y15-64,DE40", 2011) for nace in ("B-E", "TOTAL")]
    assert all(cell.strip().endswith("b") for cell in cells)
    assert _value(built["values"], "industry_share", "DE40", 2011)["flag"] == "b"


def test_lt00_is_dropped_for_industry_share_not_guessed(built):
    dropped, values = built["dropped"], built["values"]
    lt00 = dropped[(dropped["indicator"] == "industry_share") & (dropped["source_code"] == "LT00")]
    assert len(lt00) == 1
    share = values[values["indicator"] == "industry_share"]
    assert not share["region"].isin(["LT00", "LT01", "LT02"]).any()


def test_unemployment_rate_is_lower_is_better(built):
    indicators = built["indicators"].set_index("id")
    assert not indicators.loc["unemployment_rate", "higher_is_better"]
    assert indicators.loc["employment_rate", "higher_is_better"]


def test_no_duplicated_region_indicator_year(built):
    assert not built["values"].duplicated(["region", "indicator", "year"]).any()


def test_values_are_sorted_by_indicator_region_year(built):
    values = built["values"]
    assert values.equals(values.sort_values(["indicator", "region", "year"]).reset_index(drop=True))


def test_every_indicator_cites_a_known_source(built):
    source_ids = {source["id"] for source in SOURCES}
    assert set(built["indicators"]["source_id"]) <= source_ids


def test_indicators_table_has_the_catalogue_columns_and_types(built):
    indicators = built["indicators"]
    assert list(indicators.columns) == INDICATOR_COLUMNS
    assert indicators["id"].tolist() == [spec["id"] for spec in INDICATORS]
    assert indicators["higher_is_better"].dtype == "bool"
    assert indicators["decimals"].dtype == "int64"
    assert set(indicators["theme"]) <= set(THEMES)
    assert set(indicators["nuts_version"]) <= {"2013", "2016", "2021", "2024"}
    assert indicators["additive"].dtype == "bool"
    assert indicators["description"].str.len().min() > 40


def test_every_indicator_has_values(built):
    counts = built["values"]["indicator"].value_counts()
    assert set(counts.index) == {spec["id"] for spec in INDICATORS}
    assert (counts > 100).all()


def test_values_have_the_table_types(built):
    values = built["values"]
    assert list(values.columns) == ["region", "indicator", "year", "value", "flag", "derivation"]
    assert isinstance(values["region"].dtype, pd.StringDtype)
    assert isinstance(values["indicator"].dtype, pd.StringDtype)
    assert isinstance(values["flag"].dtype, pd.StringDtype)
    assert values["year"].dtype == "int64"
    assert values["value"].dtype == "float64"


def test_missing_values_always_carry_a_flag(built):
    values = built["values"]
    assert (values["value"].notna() | values["flag"].notna()).all()
    gerd = values[values["indicator"] == "gerd_pc_gdp"]
    assert (gerd.loc[gerd["value"].isna(), "flag"].str.contains("c")).all()


def test_regions_are_nuts_2024_codes_or_eu27_2020(built):
    codes = set(nuts.build_regions(RAW)["code"])
    assert set(built["values"]["region"]) <= codes
    assert nuts.EU_CODE in set(built["values"]["region"])


def test_other_aggregates_are_dropped_not_renamed(built):
    values, dropped = built["values"], built["dropped"]
    assert not values["region"].isin(["EU28", "EU27", "EU15", "EA19"]).any()
    share = values[values["indicator"] == "industry_share"]
    # The 2017 file has EU28 / EU27 (2007-2013), not EU27_2020: its EU27_2020 rows are the pipeline's ratio of
    # the 27 countries' summed counts, and say so.
    eu = share[share["region"] == nuts.EU_CODE]
    assert (eu["derivation"] == "ratio of sums of the 27 EU countries").all()
    lfs = dropped[dropped["indicator"] == "industry_share"]
    assert {"EU28", "EU27"} <= set(lfs["source_code"])


def test_extra_regio_codes_are_dropped_and_reported(built):
    dropped = built["dropped"]
    gdp = dropped[dropped["indicator"] == "gdp_meur"]
    assert {"ATZ", "ATZZ"} <= set(gdp["source_code"])
    assert not built["values"]["region"].str.fullmatch(r"[A-Z]{2}Z{1,2}").any()


def test_rci_merged_capital_regions_are_reported_not_assigned(built):
    values, dropped = built["values"], built["dropped"]
    rci_dropped = set(dropped.loc[dropped["indicator"] == "rci", "source_code"])
    assert {"AT00", "BE00", "CZ00", "DE00", "NL00", "UK00"} <= rci_dropped
    rci = values[values["indicator"] == "rci"]
    assert not rci["region"].isin(["AT13", "BE10", "AT00"]).any()
    assert sorted(rci["year"].unique().tolist()) == [2010, 2013, 2016, 2019]


def test_rci_value_is_the_z_score_of_the_row_year(built):
    raw = pd.read_csv(RAW / "rci" / "rci-indicator-evolution_raw.csv", dtype=str, keep_default_na=False)
    expected = raw[(raw["NUTS CODE 2016"] == "FRE1") & (raw["Year z-score"] == "RCI 2013 z-scores")]
    assert _value(built["values"], "rci", "FRE1", 2013)["value"] == float(expected["value"].iloc[0])


def test_dropped_lists_indicator_code_and_reason(built):
    dropped = built["dropped"]
    assert list(dropped.columns) == ["indicator", "source_code", "status"]
    assert dropped["status"].notna().all()
    assert not dropped.duplicated().any()


def test_build_runs_well_under_thirty_seconds(built):
    assert built["seconds"] < 30
