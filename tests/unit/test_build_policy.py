"""The transcription of the seed documents: checked against the seed text itself, and the build's own checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from data import schema
from data.build.common import RawInputError
from data.build.policy import (
    TRANSCRIPTIONS,
    build_policy,
    french_region_codes,
    normalise_text,
    organisation_key,
    parse_seed_matrix,
    read_transcriptions,
    seeds_dir,
    verify_against_seeds,
)

SEEDS = seeds_dir()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS} (set SEEDS_DIR)")
HDF, CVL, GROW, ARA, ECCP = (
    "000_b53e7ccbd40f1f43.txt",
    "001_4e2d8e0ead242945.txt",
    "002_2df62b0208406d01.txt",
    "003_75996f80b1a3ed3f.txt",
    "004_400898d7f859710d.txt",
)


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def in_seed(name: str, phrase: str) -> bool:
    return normalise_text(phrase) in normalise_text(seed(name))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from data.build.common import raw_dir

    return build_policy(raw_dir(), verify=False)


@pytest.fixture(scope="module")
def transcriptions():
    return read_transcriptions()


@needs_seeds
def test_every_transcribed_phrase_is_word_for_word_in_its_seed_document(transcriptions):
    assert verify_against_seeds(transcriptions, SEEDS) == []


@needs_seeds
def test_matrix_row_funding_for_education_training_is_centre_val_de_loire_and_wallonia(built):
    recs = built["policy_recommendations"]
    ticked = recs[(recs["support_type"] == "Funding for education/training") & recs["recommended"]]
    assert ticked["region"].tolist() == ["Centre Val de Loire", "Wallonia"]
    assert ticked["region_code"].tolist() == ["FRB", "BE3"]
    # The seed says so in words, and its matrix row has ticks in columns 2 and 10.
    assert in_seed(GROW, "funding for education and training (in Centre-Val de Loire and Wallonia)")
    assert parse_seed_matrix(seed(GROW))["Funding for education/training"] == [2, 10]


@needs_seeds
def test_matrix_equals_the_seed_matrix_cell_by_cell_and_the_column_order_is_the_briefings_list(built):
    recs = built["policy_recommendations"]
    from_seed = parse_seed_matrix(seed(GROW))
    assert len(from_seed) == 7
    for support, columns in from_seed.items():
        rows = recs[recs["support_type"] == support]
        assert sorted(rows.loc[rows["recommended"], "column"]) == columns, support
    # Columns = the list the briefings print under "The following regions were selected", in that order.
    text = seed(HDF)
    listed = re.findall(
        r"^- \**(.+?)\**\s*$", text.split("The following regions were selected")[1].split("The aim")[0], flags=re.M
    )
    order = recs.drop_duplicates("column").sort_values("column")["region_as_listed"].tolist()
    assert order == [name.strip("* ") for name in listed]
    cooperation = recs[(recs["support_type"] == "Promotion of cooperation") & recs["recommended"]]
    assert cooperation["region"].tolist() == ["Lithuania", "North-Middle Sweden"]
    assert in_seed(GROW, "promotion of cooperation (in Lithuania and North-Middle Sweden)")


@needs_seeds
def test_auvergne_rhone_alpes_action_1_costs_51480_eur_in_total(built):
    costs = built["policy_action_costs"]
    action1 = costs[costs["group"].str.startswith("ACTION 1")]
    assert action1.loc[action1["kind"] == "total", "eur"].tolist() == [51480.0]
    assert action1.loc[action1["kind"] == "component", "eur"].sum() == 51480.0
    assert action1.loc[action1["kind"] == "component", "staff_days"].tolist() == [104.5, 143.0]
    assert in_seed(ARA, "Total cost : 51 480€")
    assert in_seed(ARA, "104.5 days, 21 736€")
    assert in_seed(ARA, "**143 days**, **29 744€**")
    totals = costs[(costs["region_code"] == "FRK") & (costs["kind"] == "total")].sort_values("group")["eur"].tolist()
    assert totals == [51480.0, 69680.0, 10192.0, 50960.0]
    for figure in ("69 680€", "10 192€", "50 960€"):
        assert in_seed(ARA, figure)


@needs_seeds
def test_the_22_clusters_are_the_ones_the_action_plan_lists(built):
    line = next(text for text in seed(ARA).splitlines() if text.startswith("- 22 cluster managers:"))
    names = [n.strip() for n in line.split(":", 1)[1].split(",")]
    orgs = built["cluster_organisations"]
    ara = orgs[orgs["source_id"] == "seed_ara_action_plan"]
    assert sorted(ara["organisation"]) == sorted(names) and len(names) == 22
    assert set(ara["region_code"]) == {"FRK"}


@needs_seeds
def test_eccp_counts_for_france_and_its_regions(built):
    counts = built["cluster_counts"]
    eccp = counts[counts["measure"] == "cluster organisations registered on the ECCP"].set_index("region_code")["value"]
    assert eccp.to_dict() == {"FR": 113, "FRK": 19, "FR1": 13, "FRE": 13, "FRL": 13}
    assert in_seed(
        ECCP,
        "There are 113 cluster organisations registered on the ECCP coming from France, 19 of which "
        "are located in Auvergne-Rhône-Alpes",
    )
    ecos = counts[counts["measure"] == "French ECCP cluster organisations by industrial ecosystem"]
    assert len(ecos) == 14 and ecos.set_index("category").loc["Aerospace & Defence", "value"] == 14
    assert in_seed(ECCP, "Aerospace & Defence (14 cluster organisations)")
    members = counts[counts["measure"] == "member organisations of French ECCP cluster organisations"]
    assert members.set_index("category").loc["SMEs", ["value", "eu_value"]].tolist() == [73, 83]
    assert in_seed(ECCP, "SMEs (73%, EU: 83%)")
    # Every count's number is in the quote it cites.
    for row in counts.itertuples():
        numbers = {float(n.replace(" ", "")) for n in re.findall(r"\d[\d ]*\d|\d", row.quote)}
        assert row.value in numbers or (row.value == 7 and "seven" in row.quote), row.quote


@needs_seeds
def test_swot_and_challenges_are_complete(built):
    swot = built["policy_swot"]
    assert swot.groupby(["region_code", "quadrant"]).size().to_dict() == {
        ("FRB", "Opportunities"): 6,
        ("FRB", "Strengths"): 9,
        ("FRB", "Threats"): 6,
        ("FRB", "Weaknesses"): 8,
        ("FRE", "Opportunities"): 6,
        ("FRE", "Strengths"): 9,
        ("FRE", "Threats"): 5,
        ("FRE", "Weaknesses"): 11,
    }
    assert in_seed(HDF, "Sub-optimal funding landscape.")
    assert in_seed(CVL, "Ageing (30% of the regional population aged 65 or more in 2050)")
    challenges = built["policy_challenges"]
    assert challenges.groupby("region_code").size().to_dict() == {"FRB": 4, "FRE": 3}
    assert in_seed(CVL, "4. Low levels of entrepreneurship.")


@needs_seeds
def test_action_plans_keep_the_documents_timing_and_owners(built):
    actions = built["policy_actions"]
    assert actions.groupby("region_code").size().to_dict() == {"FRB": 16, "FRE": 14, "FRK": 20}
    hdf = actions[actions["region_code"] == "FRE"].iloc[0]
    assert (hdf["step"], hdf["timing"], hdf["start"], hdf["owner"]) == (
        "Set up steering group",
        "September 2019",
        "2019-09",
        "Région Hauts-de-France/HDFID",
    )
    assert in_seed(HDF, "Set up steering group\tSeptember 2019\tRégion Hauts-de-France/HDFID")
    cut = actions[actions["timing"] == "May 201"].iloc[0]
    assert pd.isna(cut["start"]) and "cut off" in cut["timing_note"]
    test_phase = actions[actions["timing"] == "From T0 to T0 + 3 months"].iloc[0]
    assert (test_phase["start_offset_months"], test_phase["end_offset_months"]) == (0, 3)


@needs_seeds
def test_state_of_play_levels_follow_the_text_and_one_is_not_readable(built):
    state = built["policy_state"].set_index("criterion")
    assert state.loc["Policy scope", "level"] == 4 and state.loc["Policy scope", "basis"] == "stated"
    assert pd.isna(state.loc["Evidence of performance", "level"])
    assert state.loc["Evidence of performance", "basis"] == "not readable"
    assert in_seed(ECCP, state.loc["Cluster support instruments", "evidence"])
    framework = built["policy_state_framework"]
    assert framework.groupby("criterion").size().tolist() == [4, 4, 4, 4]


def test_built_tables_match_their_schemas(built):
    for name, df in built.items():
        schema.validate(name, df)


def _copy(tmp_path) -> Path:
    folder = tmp_path / "transcriptions"
    shutil.copytree(TRANSCRIPTIONS, folder)
    return folder


def test_a_matrix_that_contradicts_the_text_under_it_stops_the_build(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "recommendations_matrix.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = (df["support_type"] == "Promotion of cooperation") & (df["column"] == "5")
    df.loc[row, "recommended"] = "no"
    df.to_csv(path, index=False)
    with pytest.raises(RawInputError, match="Promotion of cooperation"):
        build_policy(tmp_path, folder=folder, verify=False)


def test_costs_that_do_not_add_up_stop_the_build(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "action_costs.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["cost_item"] == "Total cost : 51 480€", "eur"] = "51000"
    df.to_csv(path, index=False)
    with pytest.raises(RawInputError, match="add up"):
        build_policy(tmp_path, folder=folder, verify=False)


def test_a_row_citing_an_unknown_document_stops_the_build(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "swot.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, "document"] = "Some other title"
    df.to_csv(path, index=False)
    with pytest.raises(RawInputError, match="cite"):
        build_policy(tmp_path, folder=folder, verify=False)


@needs_seeds
def test_a_phrase_the_document_does_not_contain_is_reported(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "swot.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, "text"] = df.loc[0, "text"].replace("resilience", "resistance")
    df.to_csv(path, index=False)
    problems = verify_against_seeds(read_transcriptions(folder), SEEDS)
    assert len(problems) == 1 and "swot.csv line 2" in problems[0]


def test_organisation_names_written_differently_share_a_key():
    assert organisation_key("CIMES Auvergne-Rhône-Alpes") == organisation_key("CIMES")
    assert organisation_key("LyonBiopôle Auvergne-Rhône-Alpes") == organisation_key("Lyonbiopole")
    assert organisation_key("MOV'EO") == organisation_key("Mov'eo")
    assert organisation_key("Team²") == organisation_key("Team2")
    assert organisation_key("Plastipolis (now Polymeris)") == organisation_key("Polymeris")
    assert organisation_key("Aérospace cluster Auvergne-Rhône-Alpes") != organisation_key("Aerospace Valley")


def test_french_region_names_map_to_nuts1_codes_in_the_order_written():
    assert french_region_codes("Auvergne-Rhône-Alpes (Lyon)") == ["FRK"]
    assert french_region_codes("Occitanie & Provence-Alpes-Côte d'Azur (based in Montpellier)") == ["FRJ", "FRL"]
    assert french_region_codes("Végépolys: Auvergne-Rhône-Alpes ; Pays de la Loire (siège Angers)") == ["FRK", "FRG"]
    assert french_region_codes("") == [] and french_region_codes("Lyon") == []
