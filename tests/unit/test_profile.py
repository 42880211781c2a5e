"""Region profiles: headline values with country and EU, ranks, normalised scores, similarity, quadrants."""

import csv
import math

import numpy as np
import pandas as pd
import pytest

from data import profile as P
from data.build.nuts import EU_CODE


def _regions():
    rows = [
        (EU_CODE, "European Union", -1, None, None, None, True),
        ("AA", "Aland", 0, "AA", "AA", None, True),
        ("BB", "Bland", 0, "BB", "BB", None, True),
        ("ZZ", "Outland", 0, "ZZ", "ZZ", None, False),
        ("AA1", "Aland One", 1, "AA", "AA", "AA1", True),
        ("BB1", "Bland One", 1, "BB", "BB", "BB1", True),
        ("AA11", "North Aland", 2, "AA", "AA", "AA1", True),
        ("AA12", "South Aland", 2, "AA", "AA", "AA1", True),
        ("BB11", "East Bland", 2, "BB", "BB", "BB1", True),
        ("BB12", "West Bland", 2, "BB", "BB", "BB1", True),
        ("ZZ11", "Outer", 2, "ZZ", "ZZ", "ZZ1", False),
    ]
    df = pd.DataFrame(rows, columns=["code", "name", "level", "country", "nuts0", "nuts1", "is_eu"])
    for c in ("code", "name", "country", "nuts0", "nuts1"):
        df[c] = df[c].astype("string")
    return df


def _indicators():
    return pd.DataFrame(
        [
            {
                "id": "gdp",
                "label": "GDP per head",
                "short_label": "GDP",
                "unit": "PPS",
                "decimals": 0,
                "higher_is_better": True,
            },
            {
                "id": "unemp",
                "label": "Unemployment",
                "short_label": "Unemp.",
                "unit": "%",
                "decimals": 1,
                "higher_is_better": False,
            },
            {
                "id": "rd",
                "label": "R&D",
                "short_label": "R&D",
                "unit": "% GDP",
                "decimals": 2,
                "higher_is_better": True,
            },
        ]
    )


def _values():
    rows = [
        # gdp 2020: NUTS 2 pool 10, 20, 30, 40; countries and the EU
        ("AA11", "gdp", 2020, 10.0, None),
        ("AA12", "gdp", 2020, 20.0, "p"),
        ("BB11", "gdp", 2020, 30.0, None),
        ("BB12", "gdp", 2020, 40.0, None),
        ("AA", "gdp", 2020, 15.0, None),
        ("BB", "gdp", 2020, 35.0, None),
        (EU_CODE, "gdp", 2020, 25.0, "e"),
        ("ZZ11", "gdp", 2020, 50.0, None),
        ("AA1", "gdp", 2020, 15.0, None),
        ("BB1", "gdp", 2020, 35.0, None),
        # unemployment (lower is better), only NUTS 2, 2019 and 2021
        ("AA11", "unemp", 2019, 8.0, None),
        ("AA12", "unemp", 2019, 4.0, None),
        ("BB11", "unemp", 2019, 6.0, None),
        ("BB12", "unemp", 2019, 2.0, "b"),
        ("AA11", "unemp", 2021, 9.0, None),
        # R&D: only NUTS 2
        ("AA11", "rd", 2020, 1.0, None),
        ("AA12", "rd", 2020, 2.0, None),
        ("BB11", "rd", 2020, 1.1, None),
        ("BB12", "rd", 2020, 3.0, None),
    ]
    df = pd.DataFrame(rows, columns=["region", "indicator", "year", "value", "flag"])
    df["region"] = df["region"].astype("string")
    df["indicator"] = df["indicator"].astype("string")
    df["flag"] = df["flag"].astype("string")
    return df


def test_year_used_is_the_latest_up_to_the_reference_year_and_can_require_coverage():
    v = _values()
    assert P.year_used(v, "unemp", 2024, ["AA11"]) == 2021
    assert P.year_used(v, "unemp", 2020, ["AA11"]) == 2019
    assert P.year_used(v, "unemp", 2018, ["AA11"]) is None
    pool = ["AA11", "AA12", "BB11", "BB12"]
    assert P.year_used(v, "unemp", 2024, pool) == 2021
    # 2021 has 1 of the 4 regions of 2019: a pool needing 90% coverage takes 2019
    assert P.year_used(v, "unemp", 2024, pool, coverage=0.9) == 2019


def test_headline_gives_region_country_eu_year_flag_and_both_ranks():
    h = P.headline(_values(), _regions(), _indicators(), "AA12", 2020, ("gdp", "unemp", "rd")).set_index("indicator")
    gdp = h.loc["gdp"]
    assert (gdp["value"], gdp["country_value"], gdp["eu_value"], gdp["year"]) == (20.0, 15.0, 25.0, 2020)
    assert gdp["flag_text"] == "provisional" and gdp["eu_flag"] == "e"
    assert (gdp["eu_rank"], gdp["eu_n"]) == (3, 4)  # 40, 30, 20, 10: third; the non-EU ZZ11 is not ranked
    assert (gdp["country_rank"], gdp["country_n"]) == (1, 2)  # AA12 (20) ahead of AA11 (10)
    unemp = h.loc["unemp"]
    assert unemp["year"] == 2019  # no 2020 value: the latest earlier year
    assert (unemp["eu_rank"], unemp["country_rank"]) == (2, 1)  # 4% is second lowest of 2, 4, 6, 8
    assert math.isnan(unemp["eu_value"]) and math.isnan(unemp["country_value"])  # not published: missing, not 0


def test_headline_ranks_a_non_eu_region_among_the_eu_regions_plus_itself():
    h = P.headline(_values(), _regions(), _indicators(), "ZZ11", 2020, ("gdp",)).iloc[0]
    assert (h["eu_rank"], h["eu_n"]) == (1, 5)


def test_headline_for_a_country_has_no_country_value_or_country_rank():
    h = P.headline(_values(), _regions(), _indicators(), "BB", 2020, ("gdp",)).iloc[0]
    assert math.isnan(h["country_value"]) and h["country_rank"] is None
    assert (h["eu_rank"], h["eu_n"]) == (1, 2)  # among the EU countries with a value


def test_panel_cells_and_ranks_match_the_year_frames():
    grid = P.panel(_values(), "gdp")
    assert P.cell(grid, "AA12", 2020) == (20.0, "p", "")
    assert math.isnan(P.cell(grid, "AA12", 2019)[0]) and P.cell(grid, None, 2020)[1:] == ("", "")
    pool = ["AA11", "AA12", "BB11", "BB12"]
    assert P.rank_among(grid, pool, 2020, "AA12", 20.0, True) == (3, 4)
    assert P.rank_among(grid, pool, 2020, "ZZ11", 50.0, True) == (1, 5)  # outside the pool: ranked as if added
    assert P.rank_among(grid, pool, 2020, "AA12", float("nan"), True) == (None, 4)
    assert P.rank_among(grid, pool, None, "AA12", 20.0, False) == (1, 1)  # no year: an empty pool
    assert P.pool_values(grid, ["AA11", "XX"], 2020).tolist() == [10.0]  # codes the panel lacks are left out
    scale = P.pool_values(grid, pool, 2020)
    assert P.minmax_in(20.0, scale) == pytest.approx(1 / 3) and P.minmax_in(20.0, scale, False) == pytest.approx(2 / 3)
    assert math.isnan(P.minmax_in(float("nan"), scale)) and math.isnan(P.minmax_in(1.0, scale[:0]))


def test_values_of_aligns_the_panel_to_the_codes_given():
    grid = P.panel(_values(), "gdp")
    assert P.values_of(grid, ["BB12", "XX", "AA11"], 2020)[[0, 2]].tolist() == [40.0, 10.0]
    assert math.isnan(P.values_of(grid, ["BB12", "XX"], 2020)[1]) and math.isnan(P.values_of(grid, ["AA11"], 2019)[0])


def test_locator_peers_are_the_country_regions_of_the_level_or_the_eu_countries():
    regions = _regions()
    assert P.locator_peers(regions, 2, "AA")["code"].tolist() == ["AA11", "AA12"]
    assert P.locator_peers(regions, 0, "AA")["code"].tolist() == ["AA", "BB"]  # a country among the EU's


def test_headline_of_an_unknown_region_raises():
    with pytest.raises(KeyError):
        P.headline(_values(), _regions(), _indicators(), "XX99", 2020)


def test_minmax_in_places_values_on_the_pool_scale_turned_round_and_clipped():
    pool = np.array([10.0, 20.0, 30.0, np.nan])
    assert P.minmax_in(15.0, pool) == pytest.approx(0.25)
    assert P.minmax_in(15.0, pool, higher_is_better=False) == pytest.approx(0.75)
    assert P.minmax_in(99.0, pool) == 1.0 and P.minmax_in(-5.0, pool) == 0.0
    assert math.isnan(P.minmax_in(float("nan"), pool))
    assert P.minmax_in(3.0, np.array([3.0, 3.0])) == 0.5


def test_profile_scores_region_country_and_eu_on_the_nuts2_scale():
    p = P.profile(_values(), _regions(), _indicators(), "AA12", 2020, ("gdp", "unemp")).set_index("indicator")
    assert p.loc["gdp", "score"] == pytest.approx(1 / 3)  # (20 - 10) / (40 - 10)
    assert p.loc["gdp", "country_score"] == pytest.approx(5 / 30)
    assert p.loc["gdp", "eu_score"] == pytest.approx(0.5)
    assert p.loc["unemp", "score"] == pytest.approx(2 / 3)  # lower is better: (8 - 4) / (8 - 2)
    assert math.isnan(p.loc["unemp", "eu_score"])
    assert (p.loc["gdp", "lo"], p.loc["gdp", "hi"]) == (10.0, 40.0)


def test_distance_is_rms_over_shared_indicators_and_needs_enough_of_them():
    a = pd.Series({"x": 0.0, "y": 1.0, "z": None})
    b = pd.Series({"x": 0.3, "y": 0.6, "z": 0.5})
    d, n = P.distance(a, b, min_shared=2)
    assert n == 2 and d == pytest.approx(math.sqrt((0.09 + 0.16) / 2))
    assert math.isnan(P.distance(a, b, min_shared=3)[0])


def test_similar_regions_orders_by_distance_excludes_and_requires_shared_indicators():
    m = pd.DataFrame(
        {"x": [0.0, 0.1, 0.5, 0.1, None], "y": [0.0, 0.1, 0.5, 0.1, 0.0], "z": [0.0, 0.0, 0.5, 0.2, 0.0]},
        index=["T", "A", "B", "C", "D"],
    )
    out = P.similar_regions(m, m.loc["T"], k=3, min_shared=3, exclude={"T"})
    assert out["region"].tolist() == ["A", "C", "B"]  # D shares only 2 indicators
    assert out["distance"].iloc[0] == pytest.approx(math.sqrt(0.02 / 3))
    assert P.similar_regions(m, m.loc["T"], k=3, min_shared=3, exclude={"T", "A"})["region"].tolist() == ["C", "B"]
    assert P.similar_regions(m, pd.Series({"x": 0.1}), k=3, min_shared=3).empty


def test_score_matrix_normalises_each_indicator_in_its_year():
    m = P.score_matrix(_values(), _regions(), {"gdp": 2020, "unemp": 2019}, 2, {"gdp": True, "unemp": False})
    assert m.loc["BB12", "gdp"] == 1.0 and m.loc["AA11", "gdp"] == 0.0
    assert m.loc["BB12", "unemp"] == 1.0 and m.loc["AA11", "unemp"] == 0.0
    assert "ZZ11" not in m.index  # EU regions only


def test_quadrants_split_at_the_medians_and_leave_missing_out():
    x = pd.Series([1.0, 2.0, 3.0, 4.0, None])
    y = pd.Series([4.0, 3.0, 2.0, 1.0, 5.0])
    quad, xm, ym = P.assign_quadrants(x, y)
    assert (xm, ym) == (2.5, 2.5)
    assert quad.tolist()[:4] == ["LH", "LH", "HL", "HL"] and pd.isna(quad.iloc[4])
    quad, _, _ = P.assign_quadrants(pd.Series([1.0, 2.0, 3.0]), pd.Series([1.0, 1.0, 0.0]))
    assert quad.tolist() == ["LH", "HH", "HL"]  # at the median counts as high


def test_agglomeration_counts_use_the_factsheet_rule_and_missing_stays_missing():
    eco = pd.DataFrame(
        {
            "region": ["A", "A", "A", "B", "B"],
            "ecosystem_id": ["e1", "e2", "e3", "e1", "e2"],
            "lq": [1.6, 1.6, 1.2, None, None],
            "share": [0.02, 0.005, 0.2, 0.1, 0.1],
        }
    )
    counts = P.agglomeration_counts(eco)
    assert counts["A"] == 1  # e2 has LQ 1.6 but under 1% of employment
    assert math.isnan(counts["B"])


def test_comparison_uses_one_year_per_indicator_ranks_by_level_and_averages_peers():
    comp = P.comparison(_values(), _regions(), _indicators(), ["AA11", "BB", "AA1"], 2020, ("gdp", "rd"))
    gdp = comp[comp["indicator"] == "gdp"].set_index("region")
    assert gdp.loc["AA11", "rank"] == 4 and gdp.loc["BB", "rank"] == 1 and gdp.loc["AA1", "rank"] == 2
    assert gdp.loc["BB", "score"] == pytest.approx(25 / 30)
    rd = comp[comp["indicator"] == "rd"].set_index("region")
    assert math.isnan(rd.loc["BB", "value"]) and pd.isna(rd.loc["BB", "rank"])
    peer = P.peer_average(comp).set_index("indicator")
    assert peer.loc["gdp", "value"] == pytest.approx((10 + 35 + 15) / 3) and peer.loc["rd", "n"] == 1


def test_close_matches_find_codes_and_names():
    regions = _regions()
    assert "AA11" in P.close_matches(regions, "AA1l")
    assert P.close_matches(regions, "east bland")[0] == "BB11"
    assert P.close_matches(regions, "") == []


def test_nuts2_parts():
    assert P.nuts2_parts(_regions(), "AA") == ["AA11", "AA12"]
    assert P.nuts2_parts(_regions(), "BB11") == ["BB11"]


# --- The real tables ---------------------------------------------------------------------------------------------


def test_every_pilot_region_code_exists_and_the_mapping_counts_indicators(tables):
    mapping = P.pilot_mapping(tables.regions, tables.indicator_values)
    assert len(mapping) == 10 and set(mapping["code"]) <= set(tables.regions["code"])
    row = mapping.set_index("code")
    assert row.loc["FRE", "parts"] == ["FRE1", "FRE2"] and row.loc["FRE", "level"] == 1
    assert row.loc["FI1D", "name"] == "Pohjois- ja Itä-Suomi" and row.loc["ES13", "indicators"] == len(P.PROFILE)


def test_nord_pas_de_calais_2021_gdp_equals_the_raw_eurostat_value(tables):
    from data.build.common import raw_dir

    path = raw_dir() / "eurostat" / "eurostat_gdp_pc_pps_nuts2.csv"
    if not path.exists():
        pytest.skip("raw inputs not available")
    with path.open(encoding="utf-8") as f:
        raw = next(float(r["obs_value"]) for r in csv.DictReader(f) if r["geo"] == "FRE1" and r["time"] == "2021")
    h = P.headline(tables.indicator_values, tables.regions, tables.indicators, "FRE1", 2021).set_index("indicator")
    assert h.loc["gdp_pc_pps", "value"] == raw and h.loc["gdp_pc_pps", "year"] == 2021
    assert h.loc["gdp_pc_pps", "country_value"] > 0 and h.loc["gdp_pc_pps", "eu_value"] > 0
    assert h.loc["gdp_pc_pps", "eu_n"] > 200


def test_the_closest_region_to_nord_pas_de_calais_is_a_real_neighbour(tables):
    years = P.indicator_years(tables.indicator_values, tables.regions, P.PROFILE, 2024, "FRE1", 2)
    hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
    m = P.score_matrix(tables.indicator_values, tables.regions, years, 2, hib)
    out = P.similar_regions(m, m.loc["FRE1"], 5, exclude={"FRE1"})
    assert len(out) == 5 and (out["distance"].diff().dropna() >= 0).all()
    assert "FRE1" not in set(out["region"])
