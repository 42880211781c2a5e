"""The committed tables are exactly what the pipeline builds from ../shared/data, and spot checks hold."""

import csv
import filecmp

import pytest

from data.build.__main__ import main as build_main
from settings import DEFAULT_DATA_DIR


def test_rebuilding_from_raw_reproduces_the_committed_tables(raw, tmp_path):
    assert build_main(["--raw", str(raw), "--out", str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in DEFAULT_DATA_DIR.iterdir() if p.is_file())
    assert built == committed
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, DEFAULT_DATA_DIR, built, shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.parametrize("code", ["FRE1", "FRB0", "ITC1"])
def test_gdp_per_inhabitant_2021_equals_the_raw_eurostat_value(raw, tables, code):
    with open(raw / "eurostat" / "eurostat_gdp_pc_pps_nuts2.csv", newline="") as f:
        expected = next(
            float(r["obs_value"])
            for r in csv.DictReader(f)
            if r["geo"] == code and r["time"] == "2021" and r["unit"] == "PPS_EU27_2020_HAB"
        )
    v = tables.indicator_values
    got = v[(v["region"] == code) & (v["indicator"] == "gdp_pc_pps") & (v["year"] == 2021)]["value"]
    assert got.tolist() == [expected]


def test_one_location_quotient_equals_a_hand_computation_from_raw_sbs_rows(raw, tables):
    """LQ of FRE1 (raw code FR30, NUTS 2013) in C10 against the sum of the EU27 country rows."""
    rows = {}
    with open(raw / "sbs_2015" / "sbs_r_nuts06_r2_V16110_2015.csv", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            rows[(r["nace_r2"], r["geo"])] = r["n2015"].strip()

    def number(nace, geo):
        try:
            return float(rows[(nace, geo)])
        except (KeyError, ValueError):
            return 0.0  # suppressed: counts as absent in sums, as the pipeline documents

    sections = list("BCDEFGHIJLMN") + ["S95"]
    eu27 = [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
    region_total = sum(number(s, "FR30") for s in sections)
    eu_c10 = sum(number("C10", c) for c in eu27)
    eu_total = sum(number(s, c) for s in sections for c in eu27)
    expected = (number("C10", "FR30") / region_total) / (eu_c10 / eu_total)
    se = tables.sector_employment
    got = se[(se["region"] == "FRE1") & (se["nace"] == "C10")]["lq"].item()
    assert got == pytest.approx(expected, rel=1e-9)
