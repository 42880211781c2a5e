"""The NUTS 2024 region frame: regions, recoding from older versions, sums of parts and old codes' successors."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from data.build import nuts
from data.build.aggregate import SUM_OF_COUNTRIES, SUM_OF_NUTS2, sum_of_parts
from data.ranking import RegionFilter, rank_indicator, region_set

NL_PT_2024 = ["NL35", "NL36", "PT19", "PT1A", "PT1B", "PT1C", "PT1D"]
DISCONTINUED = ["NL31", "NL33", "PT16", "PT17", "PT18"]


# --- The frame, on the committed tables -------------------------------------------------------------------------------


def test_the_frame_is_nuts_2024_with_244_eu_nuts2_regions(tables):
    regions = tables.regions
    eu = regions[regions["is_eu"]]
    assert eu.groupby("level").size().to_dict() == {-1: 1, 0: 27, 1: 92, 2: 244}
    assert set(NL_PT_2024) <= set(regions["code"])
    assert not set(DISCONTINUED) & set(regions["code"])


def test_names_are_latin_script_with_the_national_form_where_nuts_has_another(tables):
    regions = tables.regions.set_index("code")
    assert (regions.loc["BG31", "name"], regions.loc["BG31", "national_name"]) == ("Severozapaden", "Северозападен")
    assert regions.loc["EL30", "name"] == "Attiki" and regions.loc["EL30", "national_name"].endswith("ττική")
    assert pd.isna(regions.loc["FRE1", "national_name"])  # "Nord-Pas de Calais" has no other national form
    assert (regions["national_name"] != regions["name"]).all()


def test_every_eu_nuts2_region_has_gdp_per_inhabitant_in_pps_for_2021(tables):
    values = tables.indicator_values
    eu2 = tables.regions.query("level == 2 and is_eu")["code"]
    rows = values[(values["indicator"] == "gdp_pc_pps") & (values["year"] == 2021) & values["region"].isin(eu2)]
    assert rows["value"].notna().sum() == 244


def test_gdp_ranking_of_the_244_equals_an_independent_ranking_of_the_raw_file(tables, raw):
    eu2 = set(tables.regions.query("level == 2 and is_eu")["code"])
    with open(raw / "eurostat" / "eurostat_gdp_pc_pps_nuts2.csv", newline="", encoding="utf-8") as handle:
        published = {
            r["geo"]: float(r["obs_value"])
            for r in csv.DictReader(handle)
            if r["time"] == "2021" and r["unit"] == "PPS_EU27_2020_HAB" and r["geo"] in eu2
        }
    assert len(published) == 244
    # Competition ranking ("1224"): one plus the number of regions strictly ahead.
    expected = {code: 1 + sum(other > value for other in published.values()) for code, value in published.items()}
    ranked = rank_indicator(
        tables.indicator_values, region_set(tables.regions, RegionFilter(level=2)), "gdp_pc_pps", 2021, True
    ).table
    assert dict(zip(ranked["code"], ranked["rank"].astype(int))) == expected
    assert expected["HU11"] == 14  # Budapest: 13th while Utrecht was missing


def test_nl_and_pt_2024_regions_have_recent_series(tables):
    values = tables.indicator_values
    for code in NL_PT_2024:
        rows = values[(values["region"] == code) & values["value"].notna()]
        assert {"gdp_pc_pps", "employment_rate", "unemployment_rate", "tertiary_attainment"} <= set(rows["indicator"])
    # The old codes' figures describe another territory: they are not carried over to the new codes.
    nl35 = values[(values["region"] == "NL35") & (values["indicator"] == "employment_rate")]
    assert nl35["year"].min() == 2019


# --- Recoding ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_2021(raw):
    return nuts.recode_table(raw, "2021").set_index("source_code")


def test_changed_territories_are_not_recoded(table_2021):
    for code in DISCONTINUED:
        assert table_2021.at[code, "status"].startswith("territory changed in NUTS 2024"), code
        assert pd.isna(table_2021.at[code, "code_2024"])


@pytest.mark.parametrize("code", ["BE31", "ITH5", "ITI3", "FRE1", "DE21"])
def test_unchanged_renamed_and_art_5_2a_regions_keep_their_code(table_2021, code):
    assert table_2021.at[code, "status"] == nuts.RECODED
    assert table_2021.at[code, "code_2024"] == code


def test_nuts_2013_codes_reach_2024_through_2021(raw):
    table = nuts.recode_table(raw, "2013").set_index("source_code")
    assert table.at["FR30", "code_2024"] == "FRE1"
    assert table.at["LT00", "status"] != nuts.RECODED  # split in 2016, never guessed
    assert table.at["PT17", "status"].startswith("territory changed in NUTS 2024")


def test_current_publications_keep_2024_codes_and_drop_old_territories(raw):
    df = pd.DataFrame({"geo": ["NL35", "NL31", "PT1A", "FRE1", "UKC1"], "v": range(5)})
    kept, dropped = nuts.recode(df, raw, "2024")
    assert kept["geo"].tolist() == ["NL35", "PT1A", "FRE1"]
    assert set(dropped["source_code"]) == {"NL31", "UKC1"}


# --- Sums of parts ----------------------------------------------------------------------------------------------------


def _tiny_regions() -> pd.DataFrame:
    rows = [("XA", 0), ("XA1", 1), ("XA11", 2), ("XA12", 2), ("XA2", 1), ("XA21", 2)]
    return pd.DataFrame(
        {
            "code": [c for c, _ in rows],
            "level": [lv for _, lv in rows],
            "nuts0": [c[:2] for c, _ in rows],
            "nuts1": [c[:3] if lv >= 1 else pd.NA for c, lv in rows],
        }
    ).astype({"code": "string"})


def _rows(values: dict, year: int = 2020, flags: dict | None = None) -> pd.DataFrame:
    flags = flags or {}
    return pd.DataFrame(
        {
            "region": list(values),
            "indicator": "pop",
            "year": year,
            "value": list(values.values()),
            "flag": [flags.get(c, pd.NA) for c in values],
        }
    ).astype({"region": "string", "flag": "string"})


def test_a_parent_is_summed_only_when_every_part_has_a_value():
    out = sum_of_parts(_rows({"XA11": 1.0, "XA12": 2.0}), _tiny_regions(), ["indicator", "year"])
    got = dict(zip(out["region"], out["value"]))
    assert got == {"XA1": 3.0}  # XA2's only part and the country's third part are missing
    assert out["derivation"].tolist() == [SUM_OF_NUTS2]


def test_a_published_value_or_gap_wins_over_the_sum_and_flags_are_united():
    rows = _rows({"XA11": 1.0, "XA12": 2.0, "XA21": 4.0, "XA1": np.nan}, flags={"XA1": "c", "XA12": "p", "XA21": "e"})
    out = sum_of_parts(rows, _tiny_regions(), ["indicator", "year"]).set_index("region")
    assert "XA1" not in out.index  # published as confidential: not revealed by a sum
    assert out.at["XA", "value"] == 7.0 and out.at["XA", "flag"] == "ep"
    assert out.at["XA2", "value"] == 4.0


def test_the_eu27_is_summed_from_all_27_countries_only(tables):
    values = tables.indicator_values
    population = values[(values["indicator"] == "population")]
    eu = population[population["region"] == nuts.EU_CODE]
    for year, total in zip(eu["year"], eu["value"]):
        countries = population[(population["year"] == year) & population["region"].isin(nuts.EU27)]
        assert len(countries) == 27 and countries["value"].sum() == pytest.approx(total)
    assert set(eu["derivation"]) <= {SUM_OF_COUNTRIES}


def test_rates_are_never_summed_or_averaged(tables):
    values = tables.indicator_values
    derived = values[values["derivation"].notna()]
    additive = set(tables.indicators.loc[tables.indicators["additive"], "id"])
    rates = derived[~derived["indicator"].isin(additive)]
    # The only derived rate is a share of two counts, computed from the summed counts.
    assert set(rates["indicator"]) == {"industry_share"}
    assert rates["derivation"].str.startswith("ratio of sums of").all()
    assert not {"employment_rate", "gdp_pc_pps", "gerd_pc_gdp"} & additive


def test_a_nuts1_share_is_the_ratio_of_its_parts_summed_counts(tables, raw):
    import gzip

    cells = {}
    with gzip.open(raw / "eurostat_2017" / "lfst_r_lfe2en2.tsv.gz", "rt", encoding="utf-8") as handle:
        header = [h.strip() for h in handle.readline().rstrip("\n").split("\t")]
        column = header.index("2015")
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            cells[parts[0]] = parts[column]
    # Hauts-de-France = Nord-Pas-de-Calais (FR30 in NUTS 2013) + Picardie (FR22).
    count = lambda nace, geo: float(cells[f"THS,{nace},Y15-64,{geo}"].split()[0])  # noqa: E731
    expected = (count("B-E", "FR30") + count("B-E", "FR22")) / (count("TOTAL", "FR30") + count("TOTAL", "FR22")) * 100
    values = tables.indicator_values
    row = values[(values["indicator"] == "industry_share") & (values["region"] == "FRE") & (values["year"] == 2015)]
    assert row["value"].iloc[0] == pytest.approx(expected, rel=1e-12)
    assert row["derivation"].iloc[0] == "ratio of sums of NUTS 2 parts"


def test_french_nuts1_regions_get_sector_lqs_from_their_nuts2_parts(tables):
    sectors = tables.sector_employment
    french_nuts1 = tables.regions.query("level == 1 and country == 'FR'")["code"]
    with_lq = sectors[sectors["region"].isin(french_nuts1) & sectors["lq"].notna()]["region"].unique()
    assert set(french_nuts1) <= set(with_lq) and len(french_nuts1) == 14  # before: 11 of them had none
    fre = sectors[(sectors["region"] == "FRE") & (sectors["nace"] == "C10")].iloc[0]
    parts = sectors[sectors["region"].isin(["FRE1", "FRE2"]) & (sectors["nace"] == "C10")]["persons_employed"]
    assert fre["persons_employed"] == parts.sum() and fre["derivation"] == SUM_OF_NUTS2


# --- Old codes ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code, successors", [("PT17", "PT1A;PT1B"), ("NL31", "NL35"), ("FR30", "FRE1")])
def test_old_codes_name_their_successors(tables, code, successors):
    changes = tables.region_changes.set_index("code")
    assert changes.at[code, "successors"] == successors


def test_a_sum_that_holds_a_flagged_part_is_flagged_too(tables):
    dq = tables.data_quality
    fre = dq[(dq["region"] == "FRE") & (dq["indicator_or_nace"] == "G47")]
    assert fre["check"].tolist() == ["part_flagged"] and "includes FRE1 G47" in fre["detail"].iloc[0]


def test_links_with_old_codes_name_the_successors(tables):
    from state.compare import parse_compare
    from state.rankings import parse_rankings

    state, notices = parse_compare(tables, {"regions": "PT17,FRE1"})
    assert state["regions"] == ["FRE1"]
    assert any("PT17 is a NUTS 2021 code" in n and "PT1A, PT1B" in n for n in notices)
    _, notices = parse_rankings(tables, {"basket": "NL31,NL36"})
    assert any("NL31" in n and "NL35" in n for n in notices)
