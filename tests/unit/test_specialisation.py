import math

import pandas as pd
import pytest

from data.specialisation import (
    BASIS_BUSINESS,
    BASIS_ECOSYSTEMS,
    activity_grid,
    agglomeration_table,
    agglomerations,
    cluster_organisations_by_ecosystem,
    country_vs_eu_shares,
    ecosystem_agglomeration_table,
    ecosystem_programme_rows,
    ecosystem_ranking,
    ecosystem_values,
    is_agglomeration,
    location_quotient,
    lq_matrix,
    nace_agglomeration_table,
    project_participations_by_country,
    region_set,
    regions_specialised_in,
    tagged_programme_tables,
)


def test_location_quotient_by_hand():
    # region: 30 of 100 in the activity; EU: 1,000 of 10,000 -> (0.3) / (0.1) = 3
    assert location_quotient(30, 100, 1_000, 10_000) == pytest.approx(3)


def test_location_quotient_of_missing_employment_is_missing():
    assert math.isnan(location_quotient(float("nan"), 100, 1_000, 10_000))


def test_agglomeration_needs_both_thresholds_and_never_counts_missing():
    lq = pd.Series([2.0, 2.0, 1.2, float("nan")])
    share = pd.Series([0.05, 0.005, 0.2, 0.5])
    assert is_agglomeration(lq, share).tolist() == [True, False, False, False]


def test_regions_specialised_in_an_ecosystem():
    eco = pd.DataFrame(
        {
            "region": ["A", "B", "C"],
            "ecosystem_id": ["IES01", "IES01", "IES02"],
            "lq": [1.6, 1.4, 3.0],
            "share": [0.02, 0.02, 0.02],
        }
    )
    assert regions_specialised_in(eco, "IES01") == ["A"]
    assert regions_specialised_in(eco, "IES01", lq_min=1.0) == ["A", "B"]


# --- Hand-computed example: LQ, agglomeration counts, missing stays missing ------------------------------------
#
# EU27 (reference): 1,000 persons employed; activity A 100, B 800, C 100 -> EU shares 0.1, 0.8, 0.1.
# R1: A 30, B 60, C 10 of 100     -> shares 0.30, 0.60, 0.10 -> LQ 3.0, 0.75, 1.0
# R2: A 5, B 14, C suppressed, 20 -> shares 0.25, 0.70, NaN  -> LQ 2.5, 0.875, NaN
# R3: A 4, B 800, C 196 of 1000   -> shares 0.004, 0.80, 0.196 -> LQ 0.04, 1.0, 1.96
# R4 is not in the data at all.
EU = {"A": 100, "B": 800, "C": 100}
EU_TOTAL = 1_000
EMPLOYMENT = {
    "R1": ({"A": 30, "B": 60, "C": 10}, 100),
    "R2": ({"A": 5, "B": 14, "C": math.nan}, 20),
    "R3": ({"A": 4, "B": 800, "C": 196}, 1000),
}


@pytest.fixture
def hand():
    rows = []
    for region, (cells, total) in EMPLOYMENT.items():
        for code, e in cells.items():
            rows.append(
                {
                    "region": region,
                    "nace": code,
                    "nace_level": "division",
                    "persons_employed": e,
                    "region_total": total,
                    "share": e / total,
                    "lq": location_quotient(e, total, EU[code], EU_TOTAL),
                }
            )
    return pd.DataFrame(rows)


def test_location_quotients_of_the_hand_example(hand):
    lq = hand.set_index(["region", "nace"])["lq"]
    assert lq[("R1", "A")] == pytest.approx(3.0)
    assert lq[("R1", "B")] == pytest.approx(0.75)
    assert lq[("R2", "A")] == pytest.approx(2.5)
    assert lq[("R3", "C")] == pytest.approx(1.96)
    assert math.isnan(lq[("R2", "C")])  # suppressed cell: no LQ, not 0


def test_agglomeration_counts_and_top_of_the_hand_example(hand):
    table = agglomeration_table(hand, ["R1", "R2", "R3", "R4"], "nace", top=2).set_index("region")
    # R1: A (3.0, 30 %) only; R2: A (2.5, 25 %); R3: C (1.96, 19.6 %) - A has LQ 0.04.
    assert table.loc["R1", "count"] == 1 and table.loc["R1", "top_1"] == "A"
    assert table.loc["R1", "lq_1"] == pytest.approx(3.0)
    assert pd.isna(table.loc["R1", "top_2"]) and math.isnan(table.loc["R1", "lq_2"])
    assert table.loc["R2", "count"] == 1 and table.loc["R2", "missing"] == 1  # C suppressed: a lower bound
    assert table.loc["R3", "count"] == 1 and table.loc["R3", "top_1"] == "C"
    assert math.isnan(table.loc["R4", "count"]) and math.isnan(table.loc["R4", "missing"])  # no data, not 0
    assert list(table.index) == ["R1", "R2", "R3", "R4"]


def test_thresholds_change_the_counts(hand):
    # LQ > 0.7 also admits R1 B (0.75) and R1 C (1.0), R2 B (0.875), R3 B (1.0); share >= 20 % drops R3 C (19.6 %).
    table = agglomeration_table(hand, ["R1", "R2", "R3"], "nace", lq_min=0.7, share_min=0.2).set_index("region")
    assert table["count"].tolist() == [2, 2, 1]  # R1: A, B (C is 10 %); R2: A, B; R3: B
    assert table.loc["R1", "top_1"] == "A" and table.loc["R1", "top_2"] == "B"
    long = agglomerations(hand, ["R1"], "nace", lq_min=0.7, share_min=0.0)
    assert long["nace"].tolist() == ["A", "C", "B"] and long["rank"].tolist() == [1, 2, 3]


def test_ecosystem_table_counts_lower_bound_estimates():
    rows = pd.DataFrame(
        {
            "region": ["R1", "R1", "R1"],
            "ecosystem_id": ["IES01", "IES02", "IES03"],
            "lq": [2.0, 0.5, math.nan],
            "share": [0.05, 0.01, math.nan],
            "complete": [False, True, False],
        }
    )
    table = ecosystem_agglomeration_table(rows, ["R1"]).iloc[0]
    # IES01 is an agglomeration on a lower-bound estimate; IES03 has no value (missing, not incomplete).
    assert table["count"] == 1 and table["incomplete"] == 1 and table["missing"] == 1


def test_a_region_whose_cells_are_all_suppressed_has_no_count():
    rows = pd.DataFrame(
        {"region": ["R9", "R9"], "nace": ["A", "B"], "lq": [math.nan, math.nan], "share": [math.nan, math.nan]}
    )
    table = agglomeration_table(rows, ["R9"], "nace")
    assert math.isnan(table.loc[0, "count"]) and table.loc[0, "missing"] == 2


def test_nace_table_counts_divisions_only(hand):
    sections = hand.assign(nace=hand["nace"] + "S", nace_level="section")
    table = nace_agglomeration_table(pd.concat([hand, sections]), ["R1"])
    assert table.loc[0, "count"] == 1 and table.loc[0, "top_1"] == "A"


def test_lq_matrix_keeps_order_and_missing(hand):
    eco = hand.rename(columns={"nace": "ecosystem_id"})
    matrix = lq_matrix(eco, ["R3", "R4", "R2"])
    assert list(matrix.index) == ["R3", "R4", "R2"] and list(matrix.columns) == ["A", "B", "C"]
    assert matrix.loc["R3", "C"] == pytest.approx(1.96)
    assert matrix.loc["R4"].isna().all()  # absent region: missing, not 0
    assert math.isnan(matrix.loc["R2", "C"])


def test_activity_grid_sends_an_absent_region_or_activity_to_missing(hand):
    grid = activity_grid(hand, "nace")
    rows, columns = grid.rows(["R3", "R4"]), grid.columns(["C", "Z"])
    assert grid.lq[rows[0], columns[0]] == pytest.approx(1.96)
    assert math.isnan(grid.lq[rows[1], columns[0]]) and math.isnan(grid.lq[rows[0], columns[1]])
    assert not grid.present[rows[1], columns[0]] and grid.present[rows[0], columns[0]]
    with pytest.raises(ValueError):
        activity_grid(pd.concat([hand, hand]), "nace")


def test_ecosystem_values_are_the_merge_of_the_regions_and_the_ecosystem_rows(tables):
    eco, regions = tables.ecosystem_employment, tables.regions
    base = regions[regions["is_eu"] & (regions["level"] == 1)][["code", "name", "country"]]
    rows = eco.loc[eco["ecosystem_id"] == "IES05", ["region", "lq", "share", "employment", "complete"]]
    merged = base.merge(rows, left_on="code", right_on="region", how="left").drop(columns="region")
    expected = merged.rename(columns={"lq": "value"}).sort_values("code").reset_index(drop=True)
    got = ecosystem_values(eco, regions, "IES05", 1)
    pd.testing.assert_frame_equal(got.astype(object), expected.astype(object))
    assert got["value"].isna().any()  # regions without data stay missing


# --- Country against the EU27 ----------------------------------------------------------------------------------


@pytest.fixture
def two_countries():
    # EU27 reduced to AT and BE for the example (the function sums the EU27 country rows present).
    eco = pd.DataFrame(
        {
            "region": ["AT", "AT", "BE", "BE", "AT11", "AT11"],
            "ecosystem_id": ["IES01", "IES02", "IES01", "IES02", "IES01", "IES02"],
            "employment": [30.0, 10.0, 20.0, 40.0, 3.0, 1.0],
            "complete": [True, False, True, True, True, True],
        }
    )
    sectors = pd.DataFrame({"region": ["AT", "BE", "AT11"], "region_total": [100.0, 300.0, 10.0]})
    return eco, sectors


def test_country_vs_eu_shares_on_the_ecosystem_basis(two_countries):
    eco, sectors = two_countries
    out = country_vs_eu_shares(eco, sectors, "AT", "ecosystems").set_index("ecosystem_id")
    # AT: 30 and 10 of 40 -> 0.75, 0.25; EU: 50 and 50 of 100 -> 0.5, 0.5.
    assert list(out.index) == ["IES01", "IES02"]  # ordered by AT's employment
    assert out.loc["IES01", "share"] == pytest.approx(0.75) and out.loc["IES01", "eu_share"] == pytest.approx(0.5)
    assert out.loc["IES01", "ratio"] == pytest.approx(1.5) and out.loc["IES02", "ratio"] == pytest.approx(0.5)
    assert not out.loc["IES02", "complete"] and out.loc["IES02", "eu_incomplete"] == 1


def test_country_vs_eu_shares_on_the_business_basis_is_the_lq(two_countries):
    eco, sectors = two_countries
    out = country_vs_eu_shares(eco, sectors, "AT", "business").set_index("ecosystem_id")
    # AT: 30 / 100; EU: 50 / 400 -> ratio 0.3 / 0.125 = 2.4 = location_quotient(30, 100, 50, 400).
    assert out.loc["IES01", "ratio"] == pytest.approx(location_quotient(30, 100, 50, 400)) == pytest.approx(2.4)
    with pytest.raises(ValueError):
        country_vs_eu_shares(eco, sectors, "AT", "gdp")


def test_country_shares_business_basis_equal_the_table_lq_for_france(tables):
    out = country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, "FR", BASIS_BUSINESS)
    lq = tables.ecosystem_employment.query("region == 'FR'").set_index("ecosystem_id")["lq"]
    assert out.set_index("ecosystem_id")["ratio"].to_numpy() == pytest.approx(lq[out["ecosystem_id"]].to_numpy())
    shares = country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, "FR", BASIS_ECOSYSTEMS)
    assert shares["share"].sum() == pytest.approx(1.0) and shares["eu_share"].sum() == pytest.approx(1.0)
    assert shares["employment"].is_monotonic_decreasing


# --- Region sets, one ecosystem, projects -----------------------------------------------------------------------


def test_region_set_of_a_country_and_of_the_eu(tables):
    fr2 = region_set(tables.regions, "FR", 2)
    assert len(fr2) == 27 and fr2[0] == "FR10" and "FRY5" in fr2
    assert len(region_set(tables.regions, "FR", 0)) == 27  # level 0: the EU27 countries


def test_ranking_uses_regions_specialised_in_and_orders_by_lq(tables):
    eco = tables.ecosystem_employment
    ranked = ecosystem_ranking(eco, tables.regions, "IES05", 2, 1.5, 0.01)
    level2 = set(tables.regions.loc[(tables.regions["level"] == 2) & tables.regions["is_eu"], "code"])
    expected = set(regions_specialised_in(eco, "IES05", 1.5, 0.01)) & level2
    assert set(ranked["code"]) == expected and len(ranked) > 5
    assert ranked["value"].is_monotonic_decreasing and ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
    assert (ranked["value"] > 1.5).all()
    within = ecosystem_ranking(eco, tables.regions, "IES05", None, 1.5, 0.01, region_set(tables.regions, "FR", 2))
    assert within["code"].tolist() == ["FR10"]


def test_cluster_organisations_of_every_ecosystem():
    projects = pd.DataFrame({"project": ["p1", "p2", "p3"], "ecosystem_ids": ["IES05;IES06", "IES06", None]})
    participations = pd.DataFrame(
        {
            "project": ["p1", "p1", "p2", "p2", "p3"],
            "organisation_id": ["o1", "o2", "o1", "o3", "o4"],
            "organisation": ["Cluster One", "University", "Cluster One", "Cluster Three", "Cluster Four"],
            "country": ["FR", "FR", "FR", "DE", "IT"],
            "region": ["FR10", None, "FR10", "DE21", None],
            "is_cluster": ["yes", "no", "yes", None, "yes"],
        }
    )
    by_ecosystem = cluster_organisations_by_ecosystem(projects, participations)
    # o2 is not a cluster, o3's status is unknown (not "yes"), o4's project has no ecosystem: only o1 is counted
    assert sorted(by_ecosystem) == ["IES05", "IES06"]
    assert by_ecosystem["IES06"].to_dict("records") == [
        {"organisation_id": "o1", "organisation": "Cluster One", "country": "FR", "region": "FR10", "projects": 2}
    ]
    assert by_ecosystem["IES05"]["projects"].tolist() == [1]


def test_programme_rows_of_every_ecosystem_and_participations_by_country():
    projects = pd.DataFrame(
        {
            "project": ["p1", "p2", "p3"],
            "programme": ["ESCP-4i", "ESCP-S3", "INNOSUP-1"],
            "acronym": ["ONE", "TWO", "THREE"],
            "n_participants": [3, 2, 1],
            "ecosystem_ids": ["IES05;IES06", "IES06", None],
        }
    )
    participations = pd.DataFrame(
        {
            "project": ["p1", "p1", "p2", "p2", "p3"],
            "organisation_id": ["o1", "o2", "o1", "o3", "o4"],
            "organisation": ["Cluster One", "University", "Cluster One", "Cluster Three", "Cluster Four"],
            "country": ["FR", "FR", "FR", None, "DE"],
            "region": ["FR10", None, "FR10", None, "DE21"],
            "is_cluster": ["yes", "no", "yes", "yes", "yes"],
        }
    )
    regions = pd.DataFrame({"code": ["FR10", "DE21"], "name": ["Ile-de-France", "Oberbayern"]})
    rows = ecosystem_programme_rows(projects, participations, regions)
    assert set(rows) == {"IES05", "IES06"}  # an untagged project (p3) is in no ecosystem
    projects6, clusters6 = rows["IES06"]
    assert [(r[0]["acronym"], r[1], r[2], r[3]) for r in projects6] == [
        ("ONE", ["IES05", "IES06"], 3, "p1"),
        ("TWO", ["IES06"], 2, "p2"),
    ]
    assert clusters6 == [  # most projects first; an unknown country or region stays empty, not 'nan'
        {"organisation": "Cluster One", "country": "FR", "region": "Ile-de-France (FR10)", "projects": 2},
        {"organisation": "Cluster Three", "country": "", "region": "", "projects": 1},
    ]
    assert rows["IES05"][1] == [clusters6[0] | {"projects": 1}]
    assert project_participations_by_country(participations) == {"FR": {"p1": 2, "p2": 1}, "DE": {"p3": 1}}


# --- The ecosystem estimate against its NACE rows (real tables, raw weights) ------------------------------------

OUTSIDE_SBS = set("AKOPQRTU")  # sections outside the SBS business economy (S is covered only by S95)


@pytest.mark.parametrize("region", ["FRE1", "FR"])
def test_ecosystem_estimate_is_the_weighted_sum_of_its_nace_rows(raw, tables, region):
    """employment = sum(weight x persons employed) over the weighted NACE rows present in the SBS table, with the
    Construction x M71 weight excluded (1.2568 in the source, a share above 1); suppressed rows add nothing and
    make the estimate incomplete."""
    import csv

    se = tables.sector_employment
    persons = se[se["region"] == region].set_index("nace")["persons_employed"]
    with open(raw / "classifications" / "nace_to_ecosystem.csv", newline="") as f:
        weights = list(csv.DictReader(f))
    eco = tables.ecosystem_employment.query("region == @region").set_index("ecosystem_id")
    for ecosystem_id in sorted(eco.index):
        total, missing, any_value = 0.0, 0, False
        for w in (w for w in weights if w["ecosystem_id"] == ecosystem_id):
            code = w["nace_code"].strip()
            if (ecosystem_id, code) == ("IES03", "M71"):
                assert float(w["share"]) == pytest.approx(1.256805448)  # the defect the build excludes
                continue
            if code[0] in OUTSIDE_SBS or (code[0] == "S" and code != "S95"):
                continue
            value = persons.get(code, math.nan)
            if math.isnan(value):
                missing += 1
                continue
            total += float(w["share"]) * value
            any_value = True
        row = eco.loc[ecosystem_id]
        assert row["employment"] == pytest.approx(total if any_value else math.nan, rel=1e-9, nan_ok=True), ecosystem_id
        assert row["missing_nace"] == missing and bool(row["complete"]) == (missing == 0), ecosystem_id


def test_suppressed_cells_stay_missing_in_lq_matrix_and_agglomeration_counts(tables):
    se = tables.sector_employment
    fr = se[(se["region"] == "FR") & (se["nace_level"] == "division")]
    suppressed = fr[fr["persons_employed"].isna()]
    assert {"C19", "C21"} <= set(suppressed["nace"])  # confidential at country level in 2015
    assert suppressed["lq"].isna().all() and suppressed["share"].isna().all()
    table = nace_agglomeration_table(se, ["FR"]).iloc[0]
    assert table["missing"] == len(suppressed)  # counted as missing, not as "not an agglomeration"
    # Mayotte: every cell suppressed -> no LQ and no count at all, never 0.
    matrix = lq_matrix(tables.ecosystem_employment, ["FRY5"])
    assert matrix.loc["FRY5"].isna().all()
    assert math.isnan(ecosystem_agglomeration_table(tables.ecosystem_employment, ["FRY5"]).loc[0, "count"])


def test_programme_tables_count_only_when_both_are_loaded_and_tagged():
    projects = pd.DataFrame({"project": ["p1"], "ecosystem_ids": ["IES05"]})
    participations = pd.DataFrame({"project": ["p1"]})
    assert tagged_programme_tables({"projects": projects, "participations": participations}) == (
        projects,
        participations,
    )
    assert tagged_programme_tables({"projects": projects}) is None
    assert (
        tagged_programme_tables({"projects": projects.drop(columns="ecosystem_ids"), "participations": participations})
        is None
    )
