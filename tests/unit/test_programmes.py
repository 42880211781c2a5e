"""Pure programme queries: filters, shares and ranks with ties, the partner-country network, coverage, links."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from data import programmes as q


def parts(rows) -> pd.DataFrame:
    """participations from (project, programme, organisation_id, country, region, is_cluster, role) tuples."""
    df = pd.DataFrame(
        rows, columns=["project", "programme", "organisation_id", "country", "region", "is_cluster", "role"]
    )
    df["organisation"] = df["organisation_id"]
    return df.astype(dict.fromkeys(df.columns, "string"))


# ----------------------------------------------------------------------------------- ranks, shares, ties
def test_country_shares_and_ranks_with_ties():
    df = parts(
        [
            ("p1", "A", "o1", "FR", None, "yes", "coordinator"),
            ("p1", "A", "o2", "DE", None, None, "participant"),
            ("p2", "A", "o3", "FR", None, None, "participant"),
            ("p2", "A", "o4", "DE", None, None, "participant"),
            ("p2", "A", "o5", "IT", None, None, "participant"),
            ("p2", "A", "o6", None, None, None, "participant"),
            ("p3", "B", "o1", "FR", None, "yes", "participant"),
        ]
    )
    ranks = q.country_ranks(df).set_index(["programme", "country"])
    # FR and DE tie on 2 of the 5 with a country: both rank 1, IT ranks 3 (competition ranking).
    assert ranks.loc[("A", "FR"), "rank"] == ranks.loc[("A", "DE"), "rank"] == 1
    assert ranks.loc[("A", "IT"), "rank"] == 3
    assert ranks.loc[("A", "FR"), "share"] == pytest.approx(2 / 5)
    assert ranks.loc[("A", "FR"), "not_stated"] == 1 and ranks.loc[("A", "FR"), "total"] == 6
    standing = q.country_standing(df, "IT", ["A", "B", "C"]).set_index("programme")
    assert standing.loc["A", "count"] == 1 and standing.loc["A", "rank"] == 3
    assert standing.loc["B", "count"] == 0 and pd.isna(standing.loc["B", "rank"])  # none here: no rank, no share
    assert pd.isna(standing.loc["B", "share"])
    assert pd.isna(standing.loc["C", "count"])  # no rows at all for C: unknown, not 0
    # several countries at once: the single-country frames one after the other
    both = q.countries_standing(df, ["IT", "FR"], ["A", "B", "C"])
    one_by_one = pd.concat([q.country_standing(df, c, ["A", "B", "C"]) for c in ["IT", "FR"]], ignore_index=True)
    pd.testing.assert_frame_equal(both, one_by_one)
    assert both["country"].tolist() == ["IT"] * 3 + ["FR"] * 3 and both.loc[4, "count"] == 1


def test_participations_by_country_keeps_unknown_apart():
    df = parts(
        [
            ("p1", "A", "o1", "FR", None, None, "participant"),
            ("p1", "A", "o2", None, None, None, "participant"),
            ("p2", "A", "o1", "FR", None, None, "participant"),
            ("p2", "A", "o3", "ES", None, None, "participant"),
        ]
    )
    out = q.participations_by_country(df)
    assert out["country"].tolist()[:2] == ["FR", "ES"] and pd.isna(out["country"].iloc[-1])
    assert out["participations"].tolist() == [2, 1, 1]
    assert out["share"].iloc[0] == pytest.approx(2 / 3) and pd.isna(out["share"].iloc[-1])
    assert out["organisations"].iloc[0] == 1 and out["projects"].iloc[0] == 2


# ---------------------------------------------------------------------------------------------- network
def three_projects():
    return parts(
        [
            ("p1", "A", "o1", "FR", None, None, "participant"),
            ("p1", "A", "o2", "DE", None, None, "participant"),
            ("p1", "A", "o3", "IT", None, None, "participant"),
            ("p2", "A", "o4", "FR", None, None, "participant"),
            ("p2", "A", "o5", "DE", None, None, "participant"),
            ("p2", "A", "o6", "DE", None, None, "participant"),
            ("p2", "A", "o7", None, None, None, "participant"),
            ("p3", "B", "o8", "ES", None, None, "participant"),
            ("p3", "B", "o9", "IT", None, None, "participant"),
        ]
    )


def test_network_edges_for_three_projects():
    edges = q.network_edges(three_projects())
    got = {(e.source, e.target): e.weight for e in edges.itertuples()}
    # p1: DE-FR, DE-IT, FR-IT; p2: DE-FR (two DE partners still one shared project); p3: ES-IT.
    assert got == {("DE", "FR"): 2, ("DE", "IT"): 1, ("FR", "IT"): 1, ("ES", "IT"): 1}
    assert edges.iloc[0]["projects"] == "p1; p2"
    focus = q.network_edges(three_projects(), focus=["FR"])
    assert {(e.source, e.target) for e in focus.itertuples()} == {("DE", "FR"), ("FR", "IT")}
    nodes = q.network_nodes(three_projects(), focus, ["FR"]).set_index("node")
    assert nodes.loc["FR", "focus"] and nodes.loc["DE", "projects"] == 2
    assert nodes.loc["FR", "links"] == 3 and nodes.loc["FR", "partners"] == 2  # DE twice, IT once
    assert q.network_edges(three_projects(), focus=["PT"]).empty


def regional_projects():
    return parts(
        [
            ("p1", "A", "o1", "FR", "FRK2", None, "participant"),
            ("p1", "A", "o2", "FR", "FRK2", None, "participant"),  # same region: no link with itself
            ("p1", "A", "o3", "IT", "ITC1", None, "participant"),
            ("p1", "A", "o4", "DE", None, None, "participant"),  # no region: left out of the region level
            ("p2", "A", "o1", "FR", "FRK2", None, "participant"),
            ("p2", "A", "o3", "IT", "ITC1", None, "participant"),
            ("p2", "A", "o5", "ES", "ES51", None, "participant"),
            ("p3", "B", "o6", None, None, None, "participant"),  # no country, no region
            ("p3", "B", "o5", "ES", "ES51", None, "participant"),
        ]
    )


def test_region_pairs_count_shared_projects_and_leave_out_participants_without_a_region():
    rows = regional_projects()
    edges = q.network_edges(rows, level="region")
    assert {(e.source, e.target): e.weight for e in edges.itertuples()} == {
        ("FRK2", "ITC1"): 2,  # p1 and p2; two FRK2 partners in p1 still one shared project
        ("ES51", "FRK2"): 1,
        ("ES51", "ITC1"): 1,
    }
    assert edges.iloc[0]["projects"] == "p1; p2"
    assert q.left_out_of_level(rows, "region") == 2 and q.left_out_of_level(rows, "country") == 1
    assert set(q.network_participants(rows, "region")["node"]) == {"FRK2", "ITC1", "ES51"}  # no made-up region
    # The same rows at country level keep DE (no region, but a country).
    assert ("DE", "FR") in set(zip(*q.network_edges(rows).loc[:, ["source", "target"]].T.values))
    # Focus on a country: pairs with one of its regions.
    focus = q.network_edges(rows, ["ES"], level="region")
    assert set(zip(focus["source"], focus["target"])) == {("ES51", "FRK2"), ("ES51", "ITC1")}
    nodes = q.network_nodes(rows, focus, ["ES"], level="region").set_index("node")
    assert nodes["focus"].to_dict() == {"ES51": True, "FRK2": False, "ITC1": False}
    assert nodes.loc["ES51", "links"] == 2 and nodes.loc["ES51", "country"] == "ES"


def test_organisation_pairs_and_their_labels():
    rows = regional_projects()
    edges = q.network_edges(rows, level="organisation")
    got = {(e.source, e.target): e.weight for e in edges.itertuples()}
    assert got[("o1", "o3")] == 2 and got[("o5", "o6")] == 1 and ("o1", "o2") in got
    assert len(got) == 6 + 3 + 1 - 1  # p1: 6 pairs, p2: 3 (o1-o3 again), p3: 1
    regions = pd.DataFrame({"code": ["FRK2", "ES51"], "name": ["Rhône-Alpes", "Cataluña"]})
    labels = q.node_labels(rows, regions, "organisation")
    assert labels["o1"] == "o1 (FR)" and labels["o6"] == "o6"  # no country stated: the name alone
    assert q.node_labels(rows, regions, "region")["FRK2"] == "Rhône-Alpes (FRK2)"
    with pytest.raises(ValueError):
        q.network_edges(rows, level="city")


def test_adjacency_caps_orders_groups_together_and_leaves_the_diagonal_blank():
    # Two groups: a-b-c strongly linked, x-y-z strongly linked, one weak link c-x; w alone with one partner.
    edges = pd.DataFrame(
        [("a", "b", 5), ("a", "c", 4), ("b", "c", 5), ("x", "y", 5), ("x", "z", 4), ("y", "z", 5), ("c", "x", 1)]
        + [("v", "w", 1)],
        columns=["source", "target", "weight"],
    )
    edges["projects"] = ""
    ends = pd.concat(
        [
            edges[["source", "weight"]].set_axis(["node", "weight"], axis=1),
            edges[["target", "weight"]].set_axis(["node", "weight"], axis=1),
        ]
    )
    nodes = ends.groupby("node")["weight"].sum().rename("links").reset_index()
    matrix, left = q.adjacency(nodes, edges, limit=6)
    order = list(matrix.index)
    assert left == 2 and set(order) == {"a", "b", "c", "x", "y", "z"}  # v and w have the fewest links
    groups = ["".join(sorted(order[:3])), "".join(sorted(order[3:]))]
    assert sorted(groups) == ["abc", "xyz"]  # each group side by side
    assert matrix.loc["a", "b"] == matrix.loc["b", "a"] == 5 and matrix.loc["a", "z"] == 0
    assert all(pd.isna(matrix.loc[n, n]) for n in order)
    assert q.adjacency(nodes, edges, limit=6)[0].index.tolist() == order  # deterministic
    full, none_left = q.adjacency(nodes, edges, limit=30)
    assert none_left == 0 and list(full.index)[-2:] in (["v", "w"], ["w", "v"])  # a separate pair comes after


def test_cluster_order_puts_unlinked_nodes_last():
    edges = pd.DataFrame([("a", "b", 1)], columns=["source", "target", "weight"])
    assert q.cluster_order(["z", "b", "a"], edges) == ["a", "b", "z"]
    assert q.cluster_order([], edges) == []


# ---------------------------------------------------------------------------------------------- filters
@pytest.fixture(scope="module")
def real(tables):
    return tables.participations, tables.projects


def test_filters_combine_and_unknown_never_matches(real):
    p, j = real
    euro = q.filter_participations(p, j, programmes=["Euroclusters"])
    assert len(euro) == 62
    fr = q.filter_participations(p, j, programmes=["Euroclusters", "ESCP-S3"], countries=["FR"])
    assert set(fr["programme"]) == {"Euroclusters", "ESCP-S3"} and (fr["country"] == "FR").all()
    clusters = q.filter_participations(p, j, cluster_only=True)
    assert (clusters["is_cluster"] == "yes").all() and len(clusters) < len(p)
    assert len(q.filter_participations(p, j, roles=["coordinator"])) == (p["role"] == "coordinator").sum()
    textile = q.filter_participations(p, j, ecosystems=["IES13"])
    assert set(textile["project"]) <= set(j.loc[j["ecosystem_ids"].fillna("").str.contains("IES13"), "project"])
    assert q.filter_participations(p, j, programmes=["ESCP-S3"], regions=["FR10"]).empty


def test_selection_index_agrees_with_the_pandas_filter(real):
    p, j = real
    index = q.SelectionIndex(p, j)
    rng = random.Random(7)
    values = {
        "programmes": list(j["programme"].unique()),
        "generations": list(j["generation"].unique()),
        "ecosystems": ["IES01", "IES05", "IES13"],
        "countries": ["FR", "DE", "ES", "PL"],
        "regions": list(p["region"].dropna().unique()),
        "roles": q.ROLES,
    }
    for _ in range(60):
        args = {k: rng.sample(v, rng.randint(0, min(2, len(v)))) for k, v in values.items()}
        args["cluster_only"] = rng.random() < 0.3
        expected = list(q.filter_participations(p, j, **args).index)
        assert [p.index[i] for i in index.select(**args)] == expected, args


def test_regions_with_participants(real):
    p, _ = real
    s3 = q.regions_with_participants(p, ["ESCP-S3"])
    assert s3 and all(len(c) == 4 for c in s3) and "FRK2" in s3  # Lyonbiopôle, Lyon
    assert set(q.regions_with_participants(p, "ESCP-S3", level=1)) == {c[:3] for c in s3}
    assert "FR" in q.regions_with_participants(p, [], level=0)
    assert q.regions_with_participants(p) == sorted(p["region"].dropna().unique())
    with pytest.raises(ValueError):
        q.regions_with_participants(p, [], level=3)


# ------------------------------------------------------------------------------------ coverage, seeds
def test_coverage_matches_official_totals(tables):
    cov = q.coverage(tables.official_totals, tables.projects, tables.participations, ["Euroclusters"])
    head = cov[cov["headline"]].set_index("measure")
    assert head.loc["projects", "text"] == "21 of 30 Euroclusters"
    assert head.loc["participants", "text"] == "62 of 171 partners"
    assert "21 of 30 Euroclusters, 62 of 171 partners" in q.coverage_sentence(cov)
    every = q.coverage(tables.official_totals, tables.projects, tables.participations)
    assert len(every) == len(tables.official_totals)
    assert (every["official"].values == tables.official_totals["value"].values).all()
    innosup = every[(every["programme"] == "INNOSUP-1") & every["headline"]].set_index("measure")
    assert innosup.loc["projects", "text"] == "11 of 13 projects"  # 2015-2017 calls only
    assert "INNOSUP-1 2018-2020 call" in q.uncovered_generations(tables.projects, tables.official_totals)


def test_seed_comparison_sets_published_figures_next_to_the_data(tables):
    comp = q.seed_comparison(tables.seed_reference, tables.projects, tables.participations).set_index("ref")
    row = comp.loc["grow-innosup1-fr-partners"]
    assert row["published"] == "20 of 149 (13%), rank 2"
    fr = q.filter_participations(
        tables.participations,
        tables.projects,
        generations=["INNOSUP-1 2015 call", "INNOSUP-1 2016-2017 call"],
        countries=["FR"],
    )
    assert row["data_value"] == len(fr) and row["in_data"].startswith(f"rank {row['data_rank']} ")
    assert "not in this dataset" in comp.loc["eccp-fr-eccp-registered", "in_data"]


# ----------------------------------------------------------------------------------------- other views
def test_timeline_reads_a_stated_period_as_its_whole_span():
    projects = pd.DataFrame(
        {
            "project": ["a", "b", "c", "d"],
            "programme": "A",
            "acronym": ["a", "b", "c", "d"],
            "generation": "g",
            "start_date": ["2017", "2018-02", None, None],
            "end_date": ["2018-02", None, "2020-12-31", None],
            "n_participants": 0,
        }
    )
    t = q.project_timeline(projects).set_index("project")
    assert t.loc["a", "start"] == pd.Timestamp("2017-01-01") and t.loc["a", "end"] == pd.Timestamp("2018-02-28")
    assert t.loc["b", "dates"] == "start only" and t.loc["c", "dates"] == "end only" and t.loc["d", "dates"] == "none"
    assert list(t.index) == ["a", "b", "c", "d"]  # by start (or end), undated last


def test_cluster_breakdown_keeps_not_stated():
    df = parts(
        [
            ("p1", "A", "o1", "FR", None, "yes", "participant"),
            ("p1", "A", "o2", "FR", None, None, "participant"),
            ("p1", "A", "o3", "FR", None, "no", "participant"),
        ]
    )
    out = q.cluster_breakdown(df, ["A", "B"]).set_index(["programme", "is_cluster"])["participations"]
    assert out[("A", "yes")] == 1 and out[("A", "no")] == 1 and out[("A", "not stated")] == 1
    assert out[("B", "yes")] == 0


def test_source_links_escape_labels_and_encode_urls():
    cell = "https://cordis.europa.eu/project/id/1 | [x](javascript:alert(1)): https://ex.org/a_(b) | a note *bold*"
    links = q.source_links(cell)
    assert links[0] == ("cordis.europa.eu", "https://cordis.europa.eu/project/id/1")
    assert links[1][1] == "https://ex.org/a_(b)" and links[2] == ("a note *bold*", None)
    md = q.source_markdown(cell)
    assert "](https://ex.org/a_%28b%29)" in md
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in md  # the label is text, not a link
    assert "\\*bold\\*" in md
    assert q.md_escape("<script>") == "\\<script\\>"


def test_projects_table_lists_partners(tables):
    out = q.projects_table(tables.projects, tables.participations).set_index("project")
    assert out.loc["INNOSUP-1: NEPTUNE", "partners_shown"] == 0 and pd.isna(out.loc["INNOSUP-1: NEPTUNE", "partners"])
    assert out["partners_shown"].sum() == len(tables.participations)


@pytest.mark.parametrize("combo", list(itertools.product([[], ["INNOSUP-1"]], [[], ["FR"]])))
def test_participations_table_has_one_row_per_participation(tables, combo):
    progs, countries = combo
    rows = q.filter_participations(tables.participations, tables.projects, programmes=progs, countries=countries)
    table = q.participations_table(rows, tables.projects, tables.regions)
    assert len(table) == len(rows) and table["source_url"].notna().all()
    assert table.loc[table["region"].notna(), "region_name"].notna().all()
