"""SBS persons employed by NACE: parsing, recoding, region totals and location quotients."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from data.build.common import raw_dir
from data.build.nuts import EU27
from data.build.sectors import COLUMNS, SBS_FILE, TOTAL_COMPONENTS, build_sector_employment, eu_reference

FIXTURE_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "sbs"
REAL_RAW = raw_dir()
needs_raw = pytest.mark.skipif(
    not (REAL_RAW / SBS_FILE).exists(), reason=f"raw SBS file not found under {REAL_RAW} (set RAW_DATA_DIR)"
)


@pytest.fixture(scope="module")
def tiny():
    return build_sector_employment(FIXTURE_RAW)


def cell(df, region, nace):
    row = df[(df["region"] == region) & (df["nace"] == nace)]
    assert len(row) == 1, f"{region} {nace}: {len(row)} rows"
    return row.iloc[0]


def test_lq_matches_hand_computation_on_tiny_table(tiny):
    sectors, _ = tiny
    # AT11 business economy = C 40 + F 20 + M 10 = 70; EU = AT (120+100+30) + BE (200+100+50) = 600;
    # EU C10 = AT 60 + BE 50 = 110.  LQ = (20/70) / (110/600) = 120/77.
    row = cell(sectors, "AT11", "C10")
    assert row["region_total"] == 70
    assert row["share"] == pytest.approx(20 / 70)
    assert row["lq"] == pytest.approx(120 / 77, rel=1e-12)
    assert cell(sectors, "AT", "C10")["lq"] == pytest.approx((60 / 250) / (110 / 600), rel=1e-12)


def test_flag_only_and_spreadsheet_time_cells_stay_missing_never_zero(tiny):
    sectors, dropped = tiny
    flag_only = cell(sectors, "AT11", "F41")
    assert math.isnan(flag_only["persons_employed"]) and flag_only["flag"] == "d"
    assert math.isnan(flag_only["lq"]) and math.isnan(flag_only["share"])
    time_cell = cell(sectors, "AT12", "F42")
    assert math.isnan(time_cell["persons_employed"]) and pd.isna(time_cell["flag"])
    zero = cell(sectors, "AT11", "F43")
    assert zero["persons_employed"] == 0 and zero["flag"] == "d"
    defects = dropped[dropped["status"].str.startswith("spreadsheet defect")]
    assert set(zip(defects["source_code"], defects["nace"])) == {("AT12", "F42"), ("IS", "C10")}


def test_value_with_flag_keeps_value_and_flag(tiny):
    sectors, _ = tiny
    row = cell(sectors, "BE", "M")
    assert row["persons_employed"] == 50 and row["flag"] == "d"


def test_output_columns_types_and_order(tiny):
    sectors, _ = tiny
    assert list(sectors.columns) == COLUMNS
    assert sectors["year"].dtype == "int64" and (sectors["year"] == 2015).all()
    for col in ("persons_employed", "region_total", "share", "lq"):
        assert sectors[col].dtype == "float64"
    for col in ("region", "nace", "nace_level", "flag"):
        assert isinstance(sectors[col].dtype, pd.StringDtype)
    assert sectors.equals(sectors.sort_values(["region", "nace"]).reset_index(drop=True))
    assert set(sectors["nace_level"]) == {"section", "division"}
    assert cell(sectors, "AT", "C")["nace_level"] == "section"


def test_three_digit_groups_are_left_out(tiny):
    sectors, _ = tiny
    assert not sectors["nace"].str.fullmatch(r"[A-Z]\d{3}").any()


def test_codes_without_nuts_2021_equivalent_are_dropped_and_reported(tiny):
    sectors, dropped = tiny
    assert "IS" not in set(sectors["region"])
    row = dropped[(dropped["source_code"] == "IS") & dropped["nace"].isna()].iloc[0]
    assert row["status"] == "not a NUTS code" and row["rows"] == 2 and row["values_lost"] == 1


def test_eu_reference_counts_missing_countries_as_absent(tiny):
    sectors, _ = tiny
    ref = eu_reference(sectors)
    assert ref.loc["C25", "eu_employment"] == 20  # BE has no C25 row: AT alone
    assert "BE" in ref.loc["C25", "countries_missing"].split(",")
    assert ref.loc["C10", "eu_total"] == 600


# --- real data -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return build_sector_employment(REAL_RAW)


def _number(text: str) -> float | None:
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*[a-z]*\s*$", text)
    return float(match.group(1)) if match else None


@needs_raw
def test_real_lq_of_nord_pas_de_calais_food_matches_raw_rows(real):
    sectors, _ = real
    with open(REAL_RAW / SBS_FILE, newline="") as f:
        rows = {(r["nace_r2"], r["geo"]): _number(r["n2015"]) for r in csv.DictReader(f, delimiter=";")}
    # FRE1 (NUTS 2021) was FR30 in NUTS 2013; country codes are unchanged.
    e_ri = rows[("C10", "FR30")]
    e_r = sum(rows.get((s, "FR30")) or 0 for s in TOTAL_COMPONENTS)
    e_eu_i = sum(rows.get(("C10", c)) or 0 for c in EU27)
    e_eu = sum(rows.get((s, c)) or 0 for s in TOTAL_COMPONENTS for c in EU27)
    row = cell(sectors, "FRE1", "C10")
    assert row["persons_employed"] == e_ri == 29601
    assert row["region_total"] == e_r
    assert row["lq"] == pytest.approx((e_ri / e_r) / (e_eu_i / e_eu), rel=1e-12)


@needs_raw
def test_real_table_has_eu27_regions_at_levels_0_to_2_and_no_aggregate(real):
    sectors, dropped = real
    lengths = set(sectors["region"].str.len())
    assert lengths == {2, 3, 4}
    assert set(sectors["region"].str[:2]) <= set(EU27)
    assert set(EU27) <= set(sectors["region"])
    assert not sectors.duplicated(["region", "nace"]).any()
    assert (sectors["share"].dropna().between(0, 1)).all()
    assert {"LT00", "UK", "FR3"} <= set(dropped["source_code"])


@needs_raw
def test_real_spreadsheet_defects_are_all_reported(real):
    _, dropped = real
    assert dropped["status"].str.startswith("spreadsheet defect").sum() == 30
