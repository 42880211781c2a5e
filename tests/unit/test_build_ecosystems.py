"""Industrial-ecosystem employment estimated from SBS persons employed and the ASMR 2021 weights."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.build.common import raw_dir
from data.build.ecosystems import COLUMNS, ECOSYSTEM_COLUMNS, WEIGHT_DEFECTS, WEIGHTS_FILE, build_ecosystem_employment
from data.build.sectors import SBS_FILE, build_sector_employment

FIXTURE_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "sbs"
REAL_RAW = raw_dir()
needs_raw = pytest.mark.skipif(
    not (REAL_RAW / SBS_FILE).exists() or not (REAL_RAW / WEIGHTS_FILE).exists(),
    reason=f"raw SBS or weights file not found under {REAL_RAW} (set RAW_DATA_DIR)",
)


@pytest.fixture(scope="module")
def tiny():
    sectors, _ = build_sector_employment(FIXTURE_RAW)
    employment, ecosystems = build_ecosystem_employment(FIXTURE_RAW, sectors)
    return sectors, employment, ecosystems


def row(df, region, eco):
    match = df[(df["region"] == region) & (df["ecosystem_id"] == eco)]
    assert len(match) == 1
    return match.iloc[0]


def test_estimate_is_weighted_sum_of_nace_rows(tiny):
    _, employment, _ = tiny
    # AT11 Agri-food: C10 20 x 1 + C11 10 x 1 + C25 10 x 0.066168 + M71 6 x 0.060163 (A is outside SBS).
    r = row(employment, "AT11", "IES02")
    assert r["employment"] == pytest.approx(20 + 10 + 10 * 0.066168 + 6 * 0.060163, rel=1e-12)
    assert r["share"] == pytest.approx(r["employment"] / 70)
    assert r["complete"] and r["missing_nace"] == 0


def test_section_level_weight_uses_the_section_row(tiny):
    _, employment, _ = tiny
    # Construction in AT11: C25 10 x 0.305189 + section F 20 x 1 (F41 is confidential but F is present).
    assert row(employment, "AT11", "IES03")["employment"] == pytest.approx(10 * 0.305189 + 20, rel=1e-12)


def test_m71_construction_weight_is_excluded_and_said_so(tiny):
    _, employment, ecosystems = tiny
    assert WEIGHT_DEFECTS[("IES03", "M71")]["used"] is None
    # AT12: C25 confidential, F 80, M71 12 would add 12 x 1.2568 if the source weight were used.
    assert row(employment, "AT12", "IES03")["employment"] == pytest.approx(80.0)
    note = ecosystems.set_index("ecosystem_id").loc["IES03", "note"]
    assert "M71" in note and "excluded" in note and "1.2568" in note


def test_missing_weighted_cell_makes_estimate_incomplete_lower_bound(tiny):
    _, employment, _ = tiny
    r = row(employment, "AT12", "IES02")  # C25 is " d" in AT12
    assert not r["complete"] and r["missing_nace"] == 1
    assert r["employment"] == pytest.approx(40 + 30 + 12 * 0.060163, rel=1e-12)


def test_lq_uses_eu_estimate_computed_the_same_way(tiny):
    _, employment, _ = tiny
    # EU Construction = C25 (AT 20; BE missing) x 0.305189 + F (100 + 100); EU total 600.
    eu_share = (20 * 0.305189 + 200) / 600
    r = row(employment, "AT11", "IES03")
    assert r["lq"] == pytest.approx((r["employment"] / 70) / eu_share, rel=1e-12)


def test_codes_outside_sbs_are_listed_as_not_covered(tiny):
    _, _, ecosystems = tiny
    eco = ecosystems.set_index("ecosystem_id")
    assert eco.loc["IES02", "not_covered"] == "A"
    assert eco.loc["IES02", "nace_codes"] == "A,C10,C11,C25,M71"
    assert pd.isna(eco.loc["IES03", "not_covered"])


def test_output_columns_and_types(tiny):
    sectors, employment, ecosystems = tiny
    assert list(employment.columns) == COLUMNS and list(ecosystems.columns) == ECOSYSTEM_COLUMNS
    assert employment["year"].dtype == "int64" and employment["missing_nace"].dtype == "int64"
    assert employment["complete"].dtype == "bool"
    assert len(employment) == sectors["region"].nunique() * 2


@needs_raw
def test_real_build_covers_all_ecosystems_and_matches_weighted_sum():
    sectors, _ = build_sector_employment(REAL_RAW)
    employment, ecosystems = build_ecosystem_employment(REAL_RAW, sectors)
    assert list(ecosystems["ecosystem_id"]) == [f"IES{i:02d}" for i in range(1, 15)]
    weights = pd.read_csv(REAL_RAW / WEIGHTS_FILE, dtype={"nace_code": "string"})
    tourism = weights[weights["ecosystem_id"] == "IES14"].set_index("nace_code")["share"]
    fr = sectors[sectors["region"] == "FR"].set_index("nace")["persons_employed"]
    expected = sum(w * fr[c] for c, w in tourism.items() if c in fr.index and pd.notna(fr[c]))
    assert row(employment, "FR", "IES14")["employment"] == pytest.approx(expected, rel=1e-12)
    assert set(ecosystems.set_index("ecosystem_id").loc["IES14", "not_covered"].split(",")) == {
        "R90",
        "R91",
        "R92",
        "R93",
    }
