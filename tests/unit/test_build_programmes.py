"""Programme tables: counts equal the compiled input, names/countries/roles/flags normalised, places cited,
official totals and the published French figures kept with their sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from data import schema
from data.build.common import RawInputError
from data.build.programmes import (
    PARTICIPANTS_FILE,
    PLACES_FILE,
    PROGRAMME_DIR,
    PROJECTS_FILE,
    build_programme_tables,
    ecosystem_ids,
    fold,
    group_organisations,
    name_keys,
    normalise_country,
    normalise_role,
    read_places,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "programmes"


def tiny_regions() -> pd.DataFrame:
    rows = [("FR", 0, "FR"), ("ES", 0, "ES"), ("FRK2", 2, "FR"), ("ES51", 2, "ES"), ("FRK1", 2, "FR")]
    df = pd.DataFrame(rows, columns=["code", "level", "country"])
    df["name"] = df["code"]
    return df.astype({"code": "string", "country": "string", "name": "string"})


@pytest.fixture(scope="module")
def tiny():
    return build_programme_tables(FIXTURE, tiny_regions(), FIXTURE / "places.csv")


def org(tables, name):
    orgs = tables["organisations"]
    hit = orgs[(orgs["name"] == name) | orgs["aliases"].fillna("").str.contains(name, regex=False)]
    assert len(hit) == 1, f"{name}: {len(hit)} organisations"
    return hit.iloc[0]


# ------------------------------------------------------------------------------------ the small example
def test_tables_validate_against_their_schemas(tiny):
    for name, df in tiny.items():
        schema.validate(name, df)


def test_same_organisation_in_several_projects_is_one_organisation(tiny):
    parts = tiny["participations"]
    cta = org(tiny, "CTA (Corporación Tecnológica de Andalucía)")  # acronym and full name swapped
    assert cta["n_participations"] == 2 and cta["n_projects"] == 2 and cta["country"] == "ES"
    pole = org(tiny, "Pôle Test")  # "POLE TEST" in BETA: case and accents folded
    assert pole["n_participations"] == 3
    assert set(parts.loc[parts["organisation_id"] == pole["organisation_id"], "project"]) == {
        "INNOSUP-1: ALPHA",
        "Euroclusters: BETA",
        "ESCP-4x: GAMMA",
    }
    gresy = org(tiny, "GRESY (Green Synergy Cluster)")  # acronym followed by the full name in brackets
    assert gresy["n_participations"] == 2
    # The same acronym in two countries is two organisations.
    ntt = tiny["organisations"][tiny["organisations"]["name"] == "NTT"]
    assert sorted(ntt["country"]) == ["DE", "IT"] and ntt["organisation_id"].nunique() == 2
    assert len(tiny["organisations"]) == 8  # 12 rows: CTA 2 -> 1, Pôle Test 3 -> 1, Green Synergy 2 -> 1


def test_blanks_are_filled_only_from_the_same_organisation_and_said_so(tiny):
    parts = tiny["participations"].set_index(["project", "organisation"])
    beta = parts.loc[("Euroclusters: BETA", "POLE TEST")]
    assert beta["country"] == "FR" and beta["region"] == "FRK2"  # from the ALPHA row (Lyon)
    assert "country" in beta["filled"] and "region" in beta["filled"]
    alpha = parts.loc[("INNOSUP-1: ALPHA", "Pôle Test")]
    assert pd.isna(alpha["filled"])


def test_disagreeing_sources_leave_the_cluster_flag_unknown(tiny):
    pole = org(tiny, "Pôle Test")  # "yes" in ALPHA, "no" in GAMMA
    assert pd.isna(pole["is_cluster"]) and "disagree" in pole["note"]
    parts = tiny["participations"].set_index(["project", "organisation"])
    assert parts.loc[("INNOSUP-1: ALPHA", "Pôle Test"), "is_cluster"] == "yes"  # each row keeps what it states
    assert parts.loc[("ESCP-4x: GAMMA", "Pôle Test"), "is_cluster"] == "no"
    assert pd.isna(parts.loc[("Euroclusters: BETA", "POLE TEST"), "is_cluster"])  # nothing to fill from


def test_countries_roles_places_normalised_unknown_stays_unknown(tiny):
    parts = tiny["participations"].set_index("organisation")
    assert parts.loc["Hellenic Test Cluster", "country"] == "EL"
    assert parts.loc["Test Organisation Ltd", "country"] == "UK"
    assert parts.loc["Hellenic Test Cluster", "role"] == "participant"  # "Partner"
    assert parts.loc["CTA (Corporación Tecnológica de Andalucía)", "role"] == "coordinator"  # "Lead partner"
    assert parts.loc["CTA (Corporación Tecnológica de Andalucía)", "region"] == "ES51"
    script = parts.loc["<script>alert(1)</script> Cluster"]
    assert pd.isna(script["country"]) and pd.isna(script["region"]) and pd.isna(script["is_cluster"])
    # A NUTS 1 place stays unknown at NUTS 2 (the GAMMA row says Auvergne-Rhône-Alpes); the row takes the
    # organisation's region from Lyon.
    gamma = tiny["participations"]
    row = gamma[(gamma["project"] == "ESCP-4x: GAMMA") & (gamma["organisation"] == "Pôle Test")].iloc[0]
    assert row["place"] == "Auvergne-Rhône-Alpes (region)" and row["region"] == "FRK2"
    assert tiny["participations"]["eu_contribution_eur"].dropna().tolist() == [1200.5]


def test_projects_generation_ecosystems_dates_money(tiny):
    p = tiny["projects"].set_index("acronym")
    assert p.loc["ALPHA", "generation"] == "INNOSUP-1 2015 call" and not p.loc["ALPHA", "generation_inferred"]
    assert p.loc["GAMMA", "generation"] == "ESCP-4x 2020 wave (2020-2022)"
    assert p.loc["DELTA", "generation"] == "ESCP-4i generation not stated" and p.loc["DELTA", "generation_inferred"]
    assert p.loc["ALPHA", "ecosystem_ids"] == "IES05;IES09" and p.loc["BETA", "ecosystem_ids"] == "IES13"
    assert pd.isna(p.loc["GAMMA", "ecosystem_ids"])  # no sector stated: no ecosystem, not "other"
    assert p.loc["ALPHA", "eu_contribution_eur"] == 5_000_000 and pd.isna(p.loc["ALPHA", "total_cost_eur"])
    assert p.loc["ALPHA", "end_date"] == "2018-11" and p.loc["DELTA", "n_participants"] == 0
    assert p.loc["DELTA", "title"] == "<b>Delta</b> [click](javascript:alert(1))"  # kept as text


def test_name_keys_follow_the_documented_rule():
    assert fold("AEI TÈXTILS") == fold("AEI Tèxtils") == "aei textils"
    assert fold("Lifestyle & Design Cluster") == fold("Lifestyle and Design Cluster")
    keys = {k: kind for kind, k in name_keys("BalticNet-PlasmaTec (BNPT; page host)")}
    assert "balticnet plasmatec" in keys and keys.get("bnpt") == "acronym" and "page host" not in keys
    assert ("acronym", "clutex") in name_keys("CLUTEX - Klastr Technicke Textilie")
    assert ("name", "corporacion tecnologica de andalucia") in name_keys("CTA (Corporación Tecnológica de Andalucía)")
    assert ("name", "latvia") not in name_keys("Cleantech (Latvia)")
    assert ("name", "smart food cluster") in name_keys(
        "SMART food cluster represented by Lithuanian Food exporters association (LITMEA/SFC)"
    )


def test_grouping_is_conservative():
    names = pd.Series(
        [
            "Cleantech (Latvia)",
            "Green-Tech Cluster (Latvia)",
            "MCICT",
            "Mazovia Cluster ICT",
            "DARE",
            "Distretto Tecnologico Agroalimentare (D.A.Re.)",
            "Aqua Valley",
            "Aqua Valley (former WSM - Water Sensors and Membranes)",
        ]
    )
    countries = pd.Series(["LV", "LV", "PL", "PL", None, "IT", "FR", None])
    g = group_organisations(names, countries)
    assert g[0] != g[1] and g[2] != g[3]  # a shared country in brackets, an unexpanded acronym: kept apart
    assert g[4] != g[5]  # acronym match with an unknown country: kept apart
    assert g[6] == g[7]  # same name, the other country unknown: one organisation


def test_normalisers():
    assert normalise_country(pd.Series(["gr", "GB", " fr ", None])).tolist()[:3] == ["EL", "UK", "FR"]
    roles = normalise_role(pd.Series(["Lead partner", "capofila", "Associated", "beneficiary", None, "boss"]))
    assert roles.tolist()[:4] == ["coordinator", "coordinator", "associated partner", "participant"]
    assert pd.isna(roles.iloc[4]) and roles.iloc[5] == "?"
    assert ecosystem_ids("cross-sectoral: furniture/interiors; IT; energy") == "IES05;IES07"
    assert ecosystem_ids("water; nanotechnology") is None and ecosystem_ids(None) is None


def test_raw_errors_name_the_file_and_column(tmp_path):
    for name in (PROJECTS_FILE, PARTICIPANTS_FILE, "places.csv"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    parts = (tmp_path / PARTICIPANTS_FILE).read_text(encoding="utf-8")
    (tmp_path / PARTICIPANTS_FILE).write_text(parts.replace(",Partner,", ",Boss,"), encoding="utf-8")
    with pytest.raises(RawInputError, match="role.*unknown roles"):
        build_programme_tables(tmp_path, tiny_regions(), tmp_path / "places.csv")
    (tmp_path / PARTICIPANTS_FILE).write_text(parts.replace(",Lyon,", ",Grenoble,"), encoding="utf-8")
    with pytest.raises(RawInputError, match="places missing"):
        build_programme_tables(tmp_path, tiny_regions(), tmp_path / "places.csv")
    (tmp_path / PARTICIPANTS_FILE).write_text(
        parts.replace("https://example.org/beta", "see website"), encoding="utf-8"
    )
    with pytest.raises(RawInputError, match="source_url"):
        build_programme_tables(tmp_path, tiny_regions(), tmp_path / "places.csv")


# ------------------------------------------------------------------------------------------ the real data
@pytest.fixture(scope="module")
def real(raw):
    from data.build.nuts import build_regions

    regions = build_regions(raw)
    return raw / PROGRAMME_DIR, build_programme_tables(raw / PROGRAMME_DIR, regions), regions


def test_counts_per_programme_equal_the_rows_of_the_compiled_input(real):
    folder, tables, _ = real
    raw_projects = pd.read_csv(folder / PROJECTS_FILE, dtype=str)
    raw_parts = pd.read_csv(folder / PARTICIPANTS_FILE, dtype=str)
    assert (
        tables["projects"].groupby("programme").size().to_dict() == raw_projects.groupby("programme").size().to_dict()
    )
    assert (
        tables["participations"].groupby("programme").size().to_dict()
        == raw_parts.groupby("programme").size().to_dict()
    )
    # NOTES.md, "Row counts per programme (projects / participants), as compiled"
    notes = {
        "INNOSUP-1": (17, 92),
        "Euroclusters": (21, 62),
        "ESCP-S3": (5, 38),
        "ESCP-4i": (15, 25),
        "ESCP-4x": (18, 71),
    }
    for prog, (n_proj, n_part) in notes.items():
        assert (tables["projects"]["programme"] == prog).sum() == n_proj
        assert (tables["participations"]["programme"] == prog).sum() == n_part
    assert tables["projects"]["n_participants"].sum() == len(raw_parts) == 288


def test_generations_group_projects_as_the_notes_coverage_table(real):
    _, tables, _ = real
    counts = tables["projects"].groupby("generation").size()
    assert counts["INNOSUP-1 2015 call"] == 4 and counts["INNOSUP-1 2016-2017 call"] == 7
    assert counts["ESCP-4i 1st generation (2016-2017)"] == 7 and counts["ESCP-4i 2nd generation (2018-2019)"] == 3
    assert counts["ESCP-4x 2020 wave (2020-2022)"] == 5 and counts["ESCP-4x 2022 wave (2022-2024)"] == 7
    assert counts["ESCP-4x precursor: Cluster Excellence Programme (2016-2018)"] == 5


def test_real_organisations_merge_known_duplicates_only(real):
    _, tables, _ = real
    orgs = tables["organisations"]
    by_name = orgs.set_index("name")
    assert by_name.loc["Pôle SCS", "n_participations"] == 6
    assert by_name.loc["Lyonbiopôle", "region"] == "FRK2"  # from the row that names Lyon
    assert "AEI TÈXTILS" in by_name.loc["AEI Tèxtils", "aliases"]
    assert {"MCICT", "Mazovia Cluster ICT"} <= set(orgs["name"])  # not merged: no shared key
    assert orgs["organisation_id"].is_unique and len(orgs) < 288


def test_places_table_cites_every_place_that_occurs_and_only_those(real):
    folder, _, regions = real
    places = read_places(PLACES_FILE, regions)
    occurring = set(pd.read_csv(folder / PARTICIPANTS_FILE, dtype=str)["city"].dropna())
    assert set(places["place"]) == occurring
    assert places["source"].str.contains("nuts2021_names.csv|NUTS", regex=True).all()
    assert places.loc[places["nuts2"].isna(), "source"].str.contains("left unknown").all()


def test_official_totals_and_seed_reference_are_cited(real):
    _, tables, _ = real
    totals = tables["official_totals"]
    assert totals[["document", "section", "source_id"]].notna().all().all()
    euro = totals[(totals["programme"] == "Euroclusters") & totals["headline"]].set_index("measure")["value"]
    assert euro.to_dict() == {"projects": 30, "participants": 171, "countries": 23}
    seed = tables["seed_reference"]
    fig = seed.set_index("ref").loc["grow-innosup1-fr-partners"]
    assert (fig["value"], fig["total"], fig["share"], fig["rank"]) == (20, 149, 0.13, 2)
    assert (seed["kind"] == "partner").sum() == 18
    consortia = seed.set_index("ref")
    # The factsheet's own figures do not add up (60 + 18 + 8 = 86, not 85): kept as printed, with a note.
    assert consortia.loc["eccp-fr-escp-consortia", "value"] == 85
    assert (
        consortia.loc[
            ["eccp-fr-escp4i-consortia", "eccp-fr-escp4x-consortia", "eccp-fr-escps3-consortia"], "value"
        ].sum()
        == 86
    )
    assert "86" in consortia.loc["eccp-fr-escp-consortia", "note"]
    assert seed[["quote", "document", "section", "source_id"]].notna().all().all()


def test_complete_lists_load_through_data_dir_in_the_same_schema(tmp_path, tiny):
    """An organisation with complete lists drops its tables into DATA_DIR: validated like every table."""
    from data import programmes as q
    from data.build.common import write_table
    from data.store import DataLoadError, load_tables
    from settings import DEFAULT_DATA_DIR

    for path in DEFAULT_DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    for name in ("programmes", "projects", "participations", "organisations"):
        write_table(tiny[name], tmp_path / f"{name}.parquet")
    tables = load_tables(tmp_path)
    assert len(tables.participations) == 12
    cov = q.coverage(tables.official_totals, tables.projects, tables.participations, ["Euroclusters"])
    assert "1 of 30 Euroclusters, 4 of 171 partners" in q.coverage_sentence(cov)
    bad = tiny["participations"].copy()
    bad.loc[0, "role"] = "boss"
    write_table(bad, tmp_path / "participations.parquet")
    with pytest.raises(DataLoadError, match="participations.*role"):
        load_tables(tmp_path)
