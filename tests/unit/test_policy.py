"""Queries of the policy and cluster pages, the monitoring templates and their validation, and the URL state."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest

from data import policy as q
from state.clusters import DEFAULTS as CLUSTER_DEFAULTS
from state.clusters import clusters_search, parse_clusters
from state.policy import DEFAULTS as POLICY_DEFAULTS
from state.policy import parse_policy, policy_search

REGIONS = {"FRK", "FRE", "FR1", "FR"}


def _query(search: str) -> dict:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(search.lstrip("?")))


# --- matrix, plans, state of play, directory -------------------------------------------------------------------


def test_matrix_counts_and_ordering(tables):
    m = q.recommendation_matrix(tables.policy_recommendations)
    assert m.type_counts.to_dict()["Support for cluster development"] == 7
    assert int(m.ticks.values.sum()) == 30 == int(m.region_counts.sum())  # 7+5+4+2+5+5+2
    assert m.regions["region_code"].tolist()[:2] == ["ES13", "FRB"]
    by_count = q.recommendation_matrix(tables.policy_recommendations, "count")
    assert by_count.support_types[0] == "Support for cluster development"
    assert by_count.regions["count"].is_monotonic_decreasing
    # Ties keep the document's order: Centre-Val de Loire (column 2) before Wallonia (column 10), both 5.
    assert by_count.regions["region_code"].tolist()[:2] == ["FRB", "BE3"]
    table = q.matrix_table(m)
    assert table.iloc[-1]["Type of support"] == "Types of support per region"
    assert table.loc[table["Type of support"] == "Promotion of cooperation", "Lithuania"].item() == "✓"


def test_region_support_lists_what_the_matrix_ticks(tables):
    assert q.region_support(tables.policy_recommendations, "BE3") == [
        "Support for cluster development",
        "Support for cluster activities",
        "Funding and advice for SMEs",
        "Funding for R&D and academia",
        "Funding for education/training",
    ]
    assert q.region_support(tables.policy_recommendations, "XX") == []


def test_plan_steps_place_what_the_documents_date_and_leave_out_the_rest(tables):
    ara = q.plan_steps(tables.policy_actions, "FRK")
    assert q.plan_is_calendar(ara)
    span = ara[ara["timing"] == "March/April 2019"].iloc[0]
    assert (span["shape"], span["x0"], span["x1"]) == ("range", "2019-03-01", "2019-05-01")
    assert ara.loc[ara["timing"] == "May 201", "shape"].item() == "unplaced"
    assert ara.loc[ara["timing"] == "From January 2020", "shape"].item() == "open"
    assert ara.loc[ara["step"] == "second reporting", "owner_label"].item() == "not named in the step"
    cvl = q.plan_steps(tables.policy_actions, "FRB")
    assert not q.plan_is_calendar(cvl)
    assert cvl.loc[cvl["timing"] == "Tbc", "shape"].item() == "unplaced"
    assert cvl.loc[cvl["timing"] == "After T0 + 6 months", "shape"].item() == "open"
    assert (cvl["shape"] == "range").sum() == 2
    assert q.plan_steps(tables.policy_actions, "XX").empty


def test_plan_costs_summary(tables):
    summary = q.plan_cost_summary(q.plan_costs(tables.policy_action_costs, "FRK"))
    assert summary["eur_total"].tolist() == [51480.0, 69680.0, 10192.0, 50960.0]
    assert summary["staff_days"].tolist() == [247.5, 335.0, 49.0, 245.0]
    assert q.plan_costs(tables.policy_action_costs, "FRE").empty


def test_state_of_play_missing_level_stays_missing(tables):
    play = q.state_of_play(tables.policy_state, tables.policy_state_framework)
    assert play["criterion"].tolist() == [
        "Policy scope",
        "Continuity",
        "Evidence of performance",
        "Cluster support instruments",
    ]
    assert play.loc[0, "level_label"] == "National and/or regional cluster policy"
    assert pd.isna(play.loc[2, "level_label"]) and pd.isna(play.loc[2, "level"])


def test_source_line_cites_each_source_once_with_its_sections(tables):
    costs = q.plan_costs(tables.policy_action_costs, "FRK")
    line = q.source_line(tables.sources, costs["source_id"], costs["section"])
    assert line == (
        "Source: Auvergne-Rhône-Alpes Region, CLUSTERIX 2.0 action plan, Part III, Actions 1, 2, 3, 4 (5. Costs)"
    )


def test_cluster_directory_merges_spellings_and_filters(tables):
    d = q.cluster_directory(tables.cluster_organisations, tables.regions)
    cimes = d[d["org_key"] == "cimes"].iloc[0]
    assert cimes["region_codes"] == ["FRK"] and "CIMES Auvergne-Rhône-Alpes" in cimes["also_written"]
    assert set(cimes["sources"]) >= {"seed_ara_action_plan", "seed_eccp_factsheet_fr"}
    ara = q.cluster_directory(tables.cluster_organisations, tables.regions, region="FRK")
    assert len(ara) >= 22 and all("FRK" in codes for codes in ara["region_codes"])
    innosup = q.cluster_directory(tables.cluster_organisations, tables.regions, programme="INNOSUP-1")
    assert "Cap Digital" in set(innosup["organisation"]) or "cap digital" in set(innosup["organisation"])
    # Non-cluster INNOSUP-1 partners (e.g. INRA) are not cluster organisations.
    assert "INRA" not in set(d["organisation"])


def test_cluster_directory_with_a_region_without_clusters_and_a_programme(tables):
    """A region filter that keeps no organisation (a region of non-cluster partners only, or one without any),
    then a programme: an empty directory, not a KeyError (an empty frame's .map is read as column labels)."""
    for region, programme in (("DE", "ESCP-4i"), ("DE", None), (None, "no such programme")):
        d = q.cluster_directory(tables.cluster_organisations, tables.regions, region, programme)
        assert len(d) == 0 and "organisation" in d.columns


def test_eccp_counts_helpers(tables):
    assert q.eccp_total(tables.cluster_counts) == 113
    regions = q.eccp_regions(tables.cluster_counts, tables.regions)
    assert regions["region_code"].tolist()[0] == "FRK" and len(regions) == 4


# --- monitoring templates and validation -----------------------------------------------------------------------


def _raw(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(str).replace({"nan": "", "None": ""})


def test_example_files_are_labelled_and_pass_their_own_validation():
    results = q.validate_all({k: _raw(q.example_frame(k)) for k in q.TEMPLATES}, REGIONS, set())
    for key, res in results.items():
        assert res.ok and res.rejected == [], key
        assert (res.accepted["cluster"].str.contains("example")).all()
    assert len(results["management"].accepted) == 4
    assert "not real" in q.EXAMPLE_LABEL


def test_wrong_columns_reject_the_whole_file_with_a_message():
    raw = pd.DataFrame({"cluster": ["A"], "yeer": ["2023"]})
    res = q.validate_table("management", raw, REGIONS)
    assert not res.ok and "missing required columns" in res.file_error and "yeer" in res.file_error


def test_bad_rows_are_rejected_one_by_one_with_the_reason():
    raw = _raw(q.template_frame("management"))
    rows = [
        {"cluster": "Good", "region": "FRK", "year": "2023", "fte_cluster_management": "4,5"},
        {"cluster": "Text", "region": "FRK", "year": "2023", "fte_cluster_management": "four"},
        {"cluster": "Negative", "region": "FRK", "year": "2023", "fte_cluster_management": "-2"},
        {"cluster": "Region", "region": "ZZ9", "year": "2023", "fte_cluster_management": "1"},
        {"cluster": "Good", "region": "FRK", "year": "2023", "fte_cluster_management": "3"},
    ]
    raw = pd.DataFrame(rows, columns=list(raw.columns)).fillna("")
    res = q.validate_table("management", raw, REGIONS)
    assert res.accepted["cluster"].tolist() == ["Good"]
    assert res.accepted["fte_cluster_management"].tolist() == [4.5]
    messages = {r["line"]: r["message"] for r in res.rejected}
    assert "'four' is not a number" in messages[3]
    assert "'-2' is negative" in messages[4]
    assert "not a NUTS 2024 code" in messages[5]
    assert "repeats line 2" in messages[6]


def test_members_and_objectives_must_name_a_known_cluster():
    mgmt = pd.DataFrame([{"cluster": "Alpha cluster", "region": "FRK", "year": "2023", "fte_cluster_management": "2"}])
    members = pd.DataFrame(
        [
            {"cluster": "alpha cluster", "year": "2023", "member_type": "sme"},
            {"cluster": "CIMES", "year": "2023", "member_type": "large company", "in_governance": "yes"},
            {"cluster": "Unknown cluster", "year": "2023", "member_type": "SME"},
            {"cluster": "Alpha cluster", "year": "2023", "member_type": "startup"},
        ]
    ).fillna("")
    res = q.validate_all({"management": mgmt, "members": members}, REGIONS, {"CIMES Auvergne-Rhône-Alpes"})
    m = res["members"]
    assert m.accepted["member_type"].tolist() == ["SME", "large company"]
    assert m.accepted["in_governance"].tolist()[1] is True
    messages = {r["line"]: r["message"] for r in m.rejected}
    assert "unknown cluster 'Unknown cluster'" in messages[4]
    assert "'startup' is not one of" in messages[5]


def test_read_upload_reads_csv_with_semicolons_and_an_xlsx_written_by_the_template():
    text = "cluster;region;year;fte_cluster_management\nA;FRK;2023;2,5\n"
    url = "data:text/csv;base64," + base64.b64encode(text.encode("utf-8")).decode()
    df = q.read_upload(url, "file.csv")
    assert df.columns.tolist() == ["cluster", "region", "year", "fte_cluster_management"]
    assert q.validate_table("management", df, REGIONS).accepted["fte_cluster_management"].tolist() == [2.5]
    xlsx = q.template_xlsx("objectives", example=True)
    back = q.read_table_bytes(xlsx, "objectives.xlsx")
    assert back.columns.tolist() == q.TEMPLATES["objectives"].names
    res = q.validate_all({"objectives": back}, REGIONS, set(q.example_frame("objectives")["cluster"]))
    assert len(res["objectives"].accepted) == 16 and res["objectives"].rejected == []
    with pytest.raises(q.UploadError):
        q.read_upload("data:application/pdf;base64,JVBERi0=", "report.pdf")
    with pytest.raises(q.UploadError):
        q.read_table_bytes(b"not a zip", "broken.xlsx")


def test_monitoring_files_placed_in_a_folder_are_read_csv_first(tmp_path):
    (tmp_path / "management.csv").write_text(q.frame_to_csv(q.example_frame("management")), encoding="utf-8")
    (tmp_path / "management.xlsx").write_bytes(b"ignored: the CSV wins")
    (tmp_path / "members.xlsx").write_bytes(q.template_xlsx("members", example=True))
    (tmp_path / "objectives.xlsx").write_bytes(b"not a zip")
    found = q.monitoring_files(tmp_path)
    assert found["management"]["filename"] == "management.csv" and len(found["management"]["frame"]) == 4
    assert len(found["members"]["frame"]) == len(q.example_frame("members"))
    assert "not a readable .xlsx" in found["objectives"]["error"]
    assert q.monitoring_files(tmp_path / "missing") == {}


def test_monitoring_summaries_keep_missing_values_missing():
    mgmt = pd.DataFrame(
        [
            {
                "cluster": "A",
                "year": 2023,
                **dict.fromkeys(q.FUNDING_COLUMNS),
                "private_memberships_eur": 100.0,
                "public_state_eur": 300.0,
            },
            {"cluster": "B", "year": 2023, **dict.fromkeys(q.FUNDING_COLUMNS)},
        ]
    )
    mix = q.funding_mix(mgmt)
    a = mix[mix["cluster"] == "A"].set_index("source")
    assert a.loc["Private funding: memberships", "share"] == 0.25
    assert pd.isna(a.loc["Private funding: sponsorship", "eur"])
    assert mix.loc[mix["cluster"] == "B", "eur"].isna().all()
    objectives = pd.DataFrame(
        [
            {"cluster": "A", "year": 2023, "quarter": 1, "story_telling": None},
            {"cluster": "A", "year": 2023, "quarter": 2, "story_telling": 2},
        ]
    )
    k = q.kpi_by_year(objectives, "story_telling")
    assert k[["value", "periods"]].values.tolist() == [[2.0, 2]]
    members = pd.DataFrame(
        [
            {"cluster": "A", "year": 2022, "member_type": "SME", "in_governance": True},
            {"cluster": "A", "year": 2023, "member_type": "SME", "in_governance": False},
            {"cluster": "A", "year": 2023, "member_type": "other", "in_governance": None},
        ]
    )
    latest = q.members_mix(members)
    assert latest["year"].unique().tolist() == [2023] and latest["members"].sum() == 2


def test_monitoring_group_helpers_keep_missing_and_order():
    # a group's total is missing only where it has no value; rows without a group (-1) get no total
    group = np.array([0, 1, 0, 1, -1])
    totals = q._group_total(group, np.array([1.0, np.nan, 2.0, np.nan, 5.0]))
    assert totals[[0, 2]].tolist() == [3.0, 3.0] and np.isnan(totals[[1, 3, 4]]).all()
    assert q._latest_per_group(np.array([0, 0, 1, -1]), np.array([2021, 2023, 2020, 2019]), 2).tolist() == [
        2023,
        2023,
        2020,
        2019,
    ]
    members = pd.DataFrame(
        {
            "cluster": ["b", "a", "b", "a"],
            "year": [2023, 2023, 2023, 2023],
            "member_type": ["other", "SME", "large company", "SME"],
            "in_governance": [True, True, None, False],
        }
    )
    mix = q.members_mix(members)
    assert mix[["cluster", "member_type", "members", "in_governance"]].values.tolist() == [
        ["a", "SME", 2, 1],
        ["b", "large company", 1, 0],
        ["b", "other", 1, 1],
    ]


# --- URL state -------------------------------------------------------------------------------------------------


def test_policy_state_round_trips(tables):
    state = {"region": "BE3", "order": "count", "swot": "FRB", "plan": "FRE"}
    search = policy_search(**state)
    parsed, notices = parse_policy(tables, _query(search))
    assert parsed == state and notices == []
    assert policy_search(**POLICY_DEFAULTS) == ""


def test_policy_unknown_values_fall_back_with_notices(tables):
    parsed, notices = parse_policy(tables, {"region": "ZZ", "order": "random", "plan": "<b>x</b>"})
    assert parsed == POLICY_DEFAULTS
    assert len(notices) == 3 and any("pilot region" in n for n in notices)


def test_clusters_state_round_trips(tables):
    state = {"region": "FRK", "programme": "INNOSUP-1", "example": 1, "year": 2023, "kpi": "prospecting_actions"}
    search = clusters_search(**state)
    parsed, notices = parse_clusters(tables, _query(search))
    assert parsed == state and notices == []
    assert clusters_search(**CLUSTER_DEFAULTS) == ""
    parsed, notices = parse_clusters(tables, {"region": "XX", "example": "yes", "year": "soon", "kpi": "x"})
    assert parsed == CLUSTER_DEFAULTS and len(notices) == 4
