"""Ranking of a set of regions: ties, missing values, direction, rank within country, change of rank, filters."""

import numpy as np
import pandas as pd
import pytest

from data.grid_rows import records
from data.normalise import ranks_within
from data.ranking import (
    RegionFilter,
    contains_any,
    flag_words,
    programme_available,
    programme_coverage,
    programme_names,
    programme_regions,
    rank_columns,
    rank_composite,
    rank_indicator,
    rank_set,
    region_set,
    shown_rows,
    specialised_regions,
)

REGIONS = pd.DataFrame(
    {
        "code": ["AT", "AT11", "AT12", "AT13", "DE", "DE21", "DE22", "DE30", "NO", "NO08"],
        "name": [
            "Österreich",
            "Burgenland",
            "Niederösterreich",
            "Wien",
            "Deutschland",
            "Oberbayern",
            "Niederbayern",
            "Berlin",
            "Norge",
            "Oslo",
        ],
        "level": [0, 2, 2, 2, 0, 2, 2, 2, 0, 2],
        "country": ["AT", "AT", "AT", "AT", "DE", "DE", "DE", "DE", "NO", "NO"],
        "is_eu": [True] * 8 + [False, False],
    }
)


def _values(pairs, year=2022, indicator="x"):
    return pd.DataFrame(
        {
            "region": list(pairs),
            "indicator": indicator,
            "year": year,
            "value": [float(v) if v is not None else float("nan") for v in pairs.values()],
            "flag": [""] * len(pairs),
        }
    )


def test_ties_share_the_best_rank_and_missing_values_are_left_out_and_counted():
    regions = region_set(REGIONS, RegionFilter(level=2))
    values = _values({"AT11": 10, "AT12": 30, "AT13": 30, "DE21": 20, "DE22": None})  # DE30 has no row at all
    ranking = rank_set(regions, values, higher_is_better=True)
    ranks = dict(zip(ranking.table["code"], ranking.table["rank"]))
    assert ranks == {"AT12": 1, "AT13": 1, "DE21": 3, "AT11": 4}  # 1, 1, 3, 4: competition ranking
    assert sorted(ranking.missing["code"]) == ["DE22", "DE30"]  # never ranked as zero
    assert ranking.n_missing == 2
    assert list(ranking.table["code"][:2]) == ["AT13", "AT12"] or list(ranking.table["rank"][:2]) == [1, 1]


def test_direction_comes_from_the_indicator():
    regions = region_set(REGIONS, RegionFilter(level=2))
    values = _values({"AT11": 4.0, "AT12": 2.0, "DE21": 9.0})
    ranking = rank_set(regions, values, higher_is_better=False)  # unemployment: lowest first
    assert ranking.table["code"].tolist() == ["AT12", "AT11", "DE21"]
    assert ranking.table["rank"].tolist() == [1, 2, 3]


def test_rank_within_country_and_change_of_rank_against_an_earlier_year():
    regions = region_set(REGIONS, RegionFilter(level=2))
    now = _values({"AT11": 10, "AT12": 30, "DE21": 20, "DE22": 5})
    before = _values({"AT11": 40, "AT12": 30, "DE21": 20}, year=2015)  # DE22 had no value then
    table = rank_set(regions, now, True, before).table.set_index("code")
    assert table.loc["AT12", "rank"] == 1 and table.loc["AT12", "country_rank"] == 1
    assert table.loc["AT11", "country_rank"] == 2 and table.loc["DE22", "country_rank"] == 2
    assert table.loc["AT11", "earlier_rank"] == 1 and table.loc["AT11", "rank_change"] == -2  # 1st -> 3rd
    assert table.loc["AT12", "rank_change"] == 1  # 2nd -> 1st: moved up one
    assert pd.isna(table.loc["DE22", "earlier_rank"]) and pd.isna(table.loc["DE22", "rank_change"])


def test_flags_are_given_in_words():
    regions = region_set(REGIONS, RegionFilter(level=2))
    values = _values({"AT11": 1, "AT12": 2})
    values.loc[values["region"] == "AT11", "flag"] = "p"
    table = rank_set(regions, values, True).table.set_index("code")
    assert table.loc["AT11", "flag_text"] == "provisional"
    assert table.loc["AT12", "flag_text"] == ""


def test_composite_flags_name_the_indicator_in_words():
    flags = pd.DataFrame({"x": ["p", "", None], "y": ["e", None, ""]}, index=["AT11", "AT12", "AT13"])
    words = flag_words(flags, {"x": "GDP", "y": "R&D"})
    assert words.to_dict() == {"AT11": "GDP: provisional; R&D: estimated", "AT12": "", "AT13": ""}


def test_composite_ranking_ranks_the_weighted_scores_and_compares_with_the_earlier_year():
    regions = region_set(REGIONS, RegionFilter(level=2, countries=("AT",)))  # AT11, AT12, AT13
    values = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [3.0, 2.0, float("nan")]}, index=["AT11", "AT12", "AT13"])
    flags = pd.DataFrame({"x": ["", "p", ""], "y": ["", "", ""]}, index=values.index)
    earlier = pd.DataFrame({"x": [3.0, 2.0, 1.0], "y": [3.0, 2.0, 1.0]}, index=values.index)
    ranking, result, before = rank_composite(
        regions, values, flags, earlier, {"x": 1, "y": 3}, {"x": True, "y": True}, "minmax", "arithmetic", {"x": "GDP"}
    )
    table = ranking.table.set_index("code")
    assert table["rank"].to_dict() == {"AT11": 1, "AT12": 2}  # y weighs three times x
    assert ranking.missing["code"].tolist() == ["AT13"]  # a quarter of the weight is not enough
    assert table.loc["AT12", "flag_text"] == "GDP: provisional"
    assert table.loc["AT11", "coverage"] == 1.0
    assert table.loc["AT11", "earlier_rank"] == 1 and before is not None and not result.dropped


def test_rank_indicator_reads_the_year_asked_for():
    regions = region_set(REGIONS, RegionFilter(level=2))
    values = pd.concat(
        [
            _values({"AT11": 1, "AT12": 2}),
            _values({"AT11": 5, "AT12": 2}, year=2015),
            _values({"AT11": 9, "AT12": 0}, indicator="other"),
        ]
    )
    ranking = rank_indicator(values, regions, "x", 2022, True, earlier_year=2015)
    assert ranking.table["code"].tolist() == ["AT12", "AT11"]
    assert ranking.table.set_index("code").loc["AT11", "earlier_rank"] == 1


def test_region_filters_narrow_the_set():
    assert region_set(REGIONS, RegionFilter(level=2))["code"].tolist() == [
        "AT11",
        "AT12",
        "AT13",
        "DE21",
        "DE22",
        "DE30",
    ]
    assert "NO08" in region_set(REGIONS, RegionFilter(level=2, eu_only=False))["code"].tolist()
    assert region_set(REGIONS, RegionFilter(level=2, countries=("DE",)))["code"].tolist() == ["DE21", "DE22", "DE30"]
    assert region_set(REGIONS, RegionFilter(level=0))["code"].tolist() == ["AT", "DE"]
    assert region_set(REGIONS, RegionFilter(level=2, basket=("AT13", "DE30", "NO08")))["code"].tolist() == [
        "AT13",
        "DE30",
    ]
    assert region_set(REGIONS, RegionFilter(level=2, countries=("AT",), basket=("DE30",))).empty


def test_ecosystem_filter_uses_specialisation_above_the_threshold():
    eco = pd.DataFrame(
        {
            "region": ["AT11", "AT12", "DE21", "AT11"],
            "ecosystem_id": ["IES01", "IES01", "IES01", "IES02"],
            "lq": [1.6, 1.4, 2.5, 3.0],
            "share": [0.02, 0.05, 0.03, 0.1],
        }
    )
    codes = specialised_regions(eco, "IES01", 1.5)
    assert codes == {"AT11", "DE21"}
    assert region_set(REGIONS, RegionFilter(level=2, specialised=codes))["code"].tolist() == ["AT11", "DE21"]
    assert specialised_regions(eco, "IES01", 2.0) == {"DE21"}


def test_programme_filter_takes_region_codes_and_matches_parents():
    participations = pd.DataFrame(
        {
            "programme": ["Euroclusters", "Euroclusters", "ESCP-S3", "INNOSUP-1"],
            "region": ["AT13", "DE212", "DE30", "AT11"],
        }
    )  # a NUTS 3 participant too
    assert programme_names(participations) == ["ESCP-S3", "INNOSUP-1", "Euroclusters"]
    codes = programme_regions(participations, "Euroclusters")
    assert codes == {"AT13", "DE21"}  # taken at NUTS 2, as regions_with_participants does
    assert region_set(REGIONS, RegionFilter(level=2, programme=codes))["code"].tolist() == ["AT13", "DE21"]
    assert region_set(REGIONS, RegionFilter(level=0, programme=codes))["code"].tolist() == ["AT", "DE"]
    assert contains_any(pd.Series(["DE", "DE2", "DE21", "DE3"]), {"DE212"}).tolist() == [True, True, True, False]


def test_a_participant_without_a_region_counts_for_its_country_only():
    participations = pd.DataFrame(
        {"programme": ["ESCP-4i", "ESCP-4i"], "region": [None, "AT13"], "country": ["DE", "AT"]}
    )
    codes = programme_regions(participations, "ESCP-4i")
    assert codes == {"DE", "AT", "AT13"}
    assert region_set(REGIONS, RegionFilter(level=2, programme=codes))["code"].tolist() == ["AT13"]
    assert region_set(REGIONS, RegionFilter(level=0, programme=codes))["code"].tolist() == ["AT", "DE"]
    assert programme_coverage(participations, "ESCP-4i") == (1, 2)


def test_programme_filter_is_available_only_with_a_participations_table():
    assert not programme_available({"regions": REGIONS})
    assert programme_available({"regions": REGIONS, "participations": pd.DataFrame(columns=["programme", "region"])})


def test_shown_rows_keep_top_bottom_and_selected_regions_in_rank_order():
    table = pd.DataFrame({"code": [f"R{i:02d}" for i in range(20)], "rank": range(1, 21)})
    rows = shown_rows(table, 3, marked=["R10", "R01"])
    assert rows["code"].tolist() == ["R00", "R01", "R02", "R10", "R17", "R18", "R19"]
    assert rows.set_index("code")["marked"].to_dict()["R10"]
    assert rows["gap_before"].tolist() == [0, 0, 0, 7, 6, 0, 0]
    assert len(shown_rows(table, 15)) == 20  # fewer than 2n rows: all, no gap
    assert shown_rows(table, 15)["gap_before"].sum() == 0


@pytest.mark.parametrize("hib", [True, False])
def test_real_data_ranks_every_region_with_a_value_and_counts_the_rest(tables, hib):
    regions = region_set(tables.regions, RegionFilter(level=2))
    ranking = rank_indicator(tables.indicator_values, regions, "unemployment_rate", 2022, hib)
    assert len(ranking.table) + ranking.n_missing == len(regions)
    assert ranking.table["value"].notna().all()
    first, last = ranking.table["value"].iloc[0], ranking.table["value"].iloc[-1]
    assert (first >= last) if hib else (first <= last)


def test_ranks_within_equal_a_grouped_pandas_min_rank():
    rng = np.random.default_rng(3)
    values = rng.integers(0, 6, 40).astype("float64") * 0.5  # many ties
    groups = rng.integers(0, 4, 40)
    expected = pd.Series(values).groupby(groups).rank(method="min", ascending=False).astype("int64")
    assert ranks_within(values, groups).tolist() == expected.tolist()
    assert (
        ranks_within(values, np.zeros(40, "int64")).tolist()
        == pd.Series(values).rank(method="min", ascending=False).astype("int64").tolist()
    )


def test_ranked_records_are_the_table_as_plain_rows():
    regions = region_set(REGIONS, RegionFilter(level=2, eu_only=False))
    now = _values({"AT11": 10, "AT12": 30, "AT13": 30, "DE21": 20, "DE22": None, "NO08": 5})
    now.loc[now["region"] == "AT12", "flag"] = "p"
    before = _values({"AT11": 40, "AT12": 30, "DE21": 20}, year=2015)
    table = rank_set(regions, now, False, before).table
    expected = table.astype(object).where(table.notna(), None).to_dict("records")
    codes = np.asarray(regions["code"].tolist(), dtype=object)
    lookup = dict(zip(now["region"], now["value"]))
    flags = dict(zip(now["region"], now["flag"]))
    earlier = dict(zip(before["region"], before["value"]))
    _, columns = rank_columns(
        codes,
        np.asarray(regions["name"].tolist(), dtype=object),
        np.asarray(regions["country"].tolist(), dtype=object),
        np.array([lookup.get(c, np.nan) for c in codes]),
        np.array([flags.get(c) for c in codes], dtype=object),
        False,
        np.array([earlier.get(c, np.nan) for c in codes]),
    )
    got = records(columns)
    assert got == expected
    assert [type(r["earlier_rank"]) for r in got] == [type(r["earlier_rank"]) for r in expected]
