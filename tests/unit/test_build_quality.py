"""Plausibility checks and the default year (data/build/quality.py), on small frames and on the real tables."""

import csv
import statistics

import numpy as np
import pandas as pd
import pytest

from data.build import quality as q


def _regions(n2=10, eu=True):
    rows = [{"code": "XX", "level": 0, "nuts0": "XX", "is_eu": eu}]
    rows += [{"code": f"XX{i:02d}", "level": 2, "nuts0": "XX", "is_eu": eu} for i in range(n2)]
    return pd.DataFrame(rows)


def _values(rows):
    return pd.DataFrame(rows, columns=["region", "indicator", "year", "value", "flag"])


# --- default year -------------------------------------------------------------------------------------------------


def test_default_year_is_the_latest_year_with_80_percent_of_eu_nuts2_regions():
    regions = _regions(10)
    rows = [(f"XX{i:02d}", "a", 2020, 1.0, None) for i in range(10)]  # 10 of 10
    rows += [(f"XX{i:02d}", "a", 2021, 1.0, None) for i in range(8)]  # 8 of 10: reaches 80%
    rows += [(f"XX{i:02d}", "a", 2022, 1.0, None) for i in range(7)]  # 7 of 10: not enough
    rows += [("XX", "a", 2023, 1.0, None)]  # the country only
    out = q.default_years(_values(rows), regions, ["a"]).iloc[0]
    assert out["default_year"] == 2021
    assert out["default_year_note"].startswith("Opens on 2021") and "2022 has 7" in out["default_year_note"]


def test_default_year_ignores_missing_values_and_non_eu_regions():
    regions = pd.concat([_regions(5), pd.DataFrame([{"code": "CH01", "level": 2, "nuts0": "CH", "is_eu": False}])])
    rows = [(f"XX{i:02d}", "a", 2020, 1.0, None) for i in range(5)]
    rows += [(f"XX{i:02d}", "a", 2021, np.nan, "c") for i in range(5)] + [("CH01", "a", 2022, 1.0, None)]
    out = q.default_years(_values(rows), regions, ["a"]).iloc[0]
    assert out["default_year"] == 2020 and pd.isna(out["default_year_note"])  # 2020 is also the latest with data


def test_without_a_well_covered_year_the_best_covered_latest_year_is_used_and_said():
    regions = _regions(10)
    rows = [(f"XX{i:02d}", "a", 2018, 1.0, None) for i in range(6)]
    rows += [(f"XX{i:02d}", "a", 2019, 1.0, None) for i in range(6)]
    rows += [(f"XX{i:02d}", "a", 2020, 1.0, None) for i in range(2)]
    out = q.default_years(_values(rows), regions, ["a", "none"])
    assert out["default_year"].tolist()[0] == 2019
    assert "No year has values for 80%" in out["default_year_note"].iloc[0]
    assert pd.isna(out["default_year"].iloc[1]) and "no default year" in out["default_year_note"].iloc[1]


def test_real_gerd_opens_on_a_well_covered_year_not_on_2024(tables):
    """The issue's case: GERD's latest year, 2024, has a handful of regions."""
    row = tables.indicators.set_index("id").loc["gerd_pc_gdp"]
    pool = tables.regions[(tables.regions["level"] == 2) & tables.regions["is_eu"]]["code"]
    v = tables.indicator_values
    have = v[(v["indicator"] == "gerd_pc_gdp") & v["region"].isin(pool) & v["value"].notna()]
    counts = have.groupby("year")["region"].nunique()
    assert counts.index.max() == 2024 and counts[2024] < 0.8 * len(pool)
    assert row["default_year"] == max(y for y, n in counts.items() if n >= 0.8 * len(pool))


# --- checks on small frames ---------------------------------------------------------------------------------------


def test_series_outlier_flags_a_spike_but_not_a_trend_nor_a_flagged_break():
    years = range(2010, 2020)
    spike = [("R1", "a", y, 100.0 + (y % 2) * 0.5, None) for y in years]
    spike[5] = ("R1", "a", 2015, 160.0, None)
    trend = [("R2", "a", y, 100.0 + 5 * (y - 2010), None) for y in years]
    at_break = [("R3", "a", y, 100.0 + (y % 2) * 0.5, None) for y in years]
    at_break[5] = ("R3", "a", 2015, 160.0, "b")
    out = q.series_outliers(_values(spike + trend + at_break))
    assert out[["region", "indicator_or_nace", "year"]].values.tolist() == [["R1", "a", 2015]]
    assert out["check"].tolist() == ["series_outlier"] and out["value"].tolist() == [160.0]
    assert "above the mean of the region's 9 other values" in out["detail"].iloc[0]


def test_series_outlier_needs_enough_other_values():
    rows = [("R1", "a", y, 1.0 + (y % 2) * 0.01, None) for y in range(2010, 2015)] + [("R1", "a", 2015, 9.0, None)]
    assert q.series_outliers(_values(rows)).empty  # 5 other values: too few to judge


def _sectors(cells):
    """cells: {(region, nace): persons}; region_total = the sum of sections of the region."""
    df = pd.DataFrame([{"region": r, "nace": n, "persons_employed": float(v)} for (r, n), v in cells.items()])
    df["nace_level"] = np.where(df["nace"].str.len() == 1, "section", "division")
    df["year"] = 2015
    df["flag"] = pd.NA
    totals = df[df["nace_level"] == "section"].groupby("region")["persons_employed"].sum()
    df["region_total"] = df["region"].map(totals)
    return df


def test_divisions_exceeding_their_section_are_flagged_on_the_section():
    df = _sectors(
        {("XX01", "G"): 100, ("XX01", "G46"): 60, ("XX01", "G47"): 50, ("XX02", "G"): 100, ("XX02", "G47"): 100}
    )
    out = q.divisions_exceed_section(df)
    assert out[["region", "indicator_or_nace"]].values.tolist() == [["XX01", "G"]]
    assert "add up to 110" in out["detail"].iloc[0]


def test_national_concentration_flags_the_outlier_of_a_division_not_the_usual_spread():
    rng = np.random.default_rng(0)
    cells = {}
    n = 30
    for i in range(n):
        r = f"XX{i:02d}"
        cells[(r, "C")] = 1000
        cells[(r, "G")] = 1000
        cells[(r, "G47")] = int(200 * rng.uniform(0.9, 1.1))  # retail follows the region's size
    cells[("XX00", "G47")] = 900  # far above the others (and its section still holds it)
    cells[("XX00", "G")] = 1800
    for nace in ("C", "G", "G47"):
        cells[("XX", nace)] = sum(v for (r, k), v in cells.items() if k == nace and r != "XX")
    out = q.national_concentration(_sectors(cells), _regions(n))
    assert out[["region", "indicator_or_nace"]].values.tolist() == [["XX00", "G47"]]
    assert out["detail"].iloc[0].startswith("13.")  # its share of the country's G47


def test_data_quality_has_the_declared_columns_even_when_nothing_is_found():
    out = q.data_quality(_values([("R1", "a", 2010, 1.0, None)]), _sectors({("XX01", "G"): 1}), _regions(1))
    assert list(out.columns) == q.COLUMNS and out.empty


# --- the real tables ----------------------------------------------------------------------------------------------


def test_fre1_retail_2015_is_flagged_in_the_built_table(tables):
    dq = tables.table("data_quality")
    row = dq[(dq["region"] == "FRE1") & (dq["indicator_or_nace"] == "G47") & (dq["year"] == 2015)]
    assert row["check"].tolist() == ["national_concentration"]
    assert row["value"].tolist() == [241458.0]
    assert row["detail"].iloc[0].startswith("13.2% of FR's G47 employment (241,458 persons) in a region with 5.0%")


def test_national_concentration_equals_an_independent_computation_from_the_raw_sbs_file(raw, tables):
    """The ratio and robust z of FRE1 (raw FR30) G47, from the raw cells and the other NUTS 2 tables' rows."""
    with open(raw / "sbs_2015" / "sbs_r_nuts06_r2_V16110_2015.csv", newline="") as f:
        cells = {(r["nace_r2"], r["geo"]): r["n2015"].strip() for r in csv.DictReader(f, delimiter=";")}

    def total(geo):
        return sum(
            float(cells[(s, geo)])
            for s in list("BCDEFGHIJLMN") + ["S95"]
            if cells.get((s, geo), "").replace(".", "").isdigit()
        )

    ratio = (float(cells[("G47", "FR30")]) / float(cells[("G47", "FR")])) / (total("FR30") / total("FR"))
    assert ratio == pytest.approx(2.6449, abs=1e-3)
    # the spread of G47 over the NUTS 2 regions of the built table, computed here with the statistics module
    se, regions = tables.sector_employment, tables.regions.set_index("code")
    g47 = se[se["nace"] == "G47"].set_index("region")
    logs = {}
    for code, row in g47.iterrows():
        if regions.loc[code, "level"] != 2 or code == regions.loc[code, "nuts0"]:
            continue
        country = regions.loc[code, "nuts0"]
        if country not in g47.index:
            continue
        nat = g47.loc[country]
        share = row["region_total"] / nat["region_total"]
        if row["persons_employed"] > 0 and nat["persons_employed"] > 0 and share < 0.999:
            logs[code] = np.log((row["persons_employed"] / nat["persons_employed"]) / share)
    median = statistics.median(logs.values())
    mad = statistics.median(abs(x - median) for x in logs.values()) * 1.4826
    z = (logs["FRE1"] - median) / mad
    flagged = {c for c, x in logs.items() if (x - median) / mad > q.CONCENTRATION_Z and np.exp(x) >= 2}
    dq = tables.table("data_quality")
    built = set(dq[(dq["check"] == "national_concentration") & (dq["indicator_or_nace"] == "G47")]["region"])
    assert z > q.CONCENTRATION_Z and flagged == {c for c in built if regions.loc[c, "level"] == 2}
    assert (
        f"{z:.1f} robust standard deviations"
        in dq[(dq["region"] == "FRE1") & (dq["indicator_or_nace"] == "G47")]["detail"].iloc[0]
    )
