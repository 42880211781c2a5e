"""Programmes callbacks through Dash's own endpoint, the page layout, and the URL state round trip."""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.harness import call, payload
from data import programmes as q
from state import programmes as st
from tests.callbacks.components import text_of

SELECTION = "programmes-selection.data"


@pytest.fixture(scope="module")
def tables(app):
    return app.server.extensions["eu_cluster_tables"]


def controls(**values):
    base = {
        "programme": [],
        "generation": [],
        "ecosystem": [],
        "country": [],
        "region": [],
        "role": [],
        "cluster": False,
    }
    base.update(values)
    return {f"programmes-{k}.value": v for k, v in base.items()}


def run(app, client, output, values):
    response = call(client, app, payload(app, output, values))
    return json.loads(response.get_data(as_text=True))["response"]


def select(app, client, **values):
    return run(app, client, SELECTION, controls(**values))


def _numbers(values) -> list:
    """A plotly array from JSON: a list, or {dtype, bdata} (base64 typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _find(response, kind, index, prop):
    for key, value in response.items():
        if key.startswith("{") and json.loads(key) == {"type": kind, "index": index}:
            return value[prop]
    raise KeyError((kind, index))


# ------------------------------------------------------------------------------------------- URL state
@pytest.mark.parametrize(
    "state",
    [
        {
            "programme": ["INNOSUP-1", "Euroclusters"],
            "generation": [],
            "ecosystem": ["IES05"],
            "country": ["FR"],
            "region": [],
            "role": ["coordinator", "associated"],
            "cluster": True,
            "network": "organisation",
        },
        {
            "programme": [],
            "generation": ["innosup-1-2015-call", "escp-4x-2020-wave-2020-2022"],
            "ecosystem": [],
            "country": ["DE", "EL"],
            "region": ["FRK2"],
            "role": [],
            "cluster": False,
            "network": "region",
        },
        dict(st.DEFAULTS),
    ],
)
def test_url_state_round_trips(tables, state):
    search = st.programmes_search(state)
    query = dict(pair.split("=", 1) for pair in search.lstrip("?").split("&") if pair)
    from urllib.parse import unquote_plus

    parsed, notices = st.parse_programmes(tables, {k: unquote_plus(v) for k, v in query.items()})
    assert notices == [] and parsed == state
    assert st.programmes_search(parsed) == search


def test_invalid_url_values_fall_back_with_a_notice(tables):
    state, notices = st.parse_programmes(
        tables,
        {
            "programme": "INNOSUP-1,NOPE",
            "country": "FR,ZZ",
            "cluster": "maybe",
            "region": "<script>",
            "network": "galaxy",
        },
    )
    assert state["programme"] == ["INNOSUP-1"] and state["country"] == ["FR"] and state["cluster"] is False
    assert state["region"] == [] and state["network"] == "country"
    text = " ".join(notices)
    assert "NOPE" in text and "ZZ" in text and "cluster" in text and "region" in text and "galaxy" in text


def test_page_layout_shows_notices_and_the_initial_selection(app, tables):
    from pages.programmes import layout

    with app.server.test_request_context("/programmes"):
        tree = layout.uncached(programme="Euroclusters", country="XX")
    flat = json.dumps(
        tree.to_plotly_json(), default=lambda o: o.to_plotly_json() if hasattr(o, "to_plotly_json") else str(o)
    )
    assert "Unknown country" in flat and "XX" in flat
    assert "62 participations" in flat  # the selection the charts start from


# ------------------------------------------------------------------------------------- the filter callback
def test_filter_callback_writes_url_and_selection(app, client, tables):
    values = {**controls(programme=["ESCP-S3"], country=["FR"]), "programmes-network-level.value": "region"}
    url = run(app, client, "programmes-url.search", values)
    assert url["programmes-url"]["search"] == "?programme=ESCP-S3&country=FR&network=region"
    out = select(app, client, programme=["ESCP-S3"], country=["FR"])
    sel = out["programmes-selection"]["data"]
    expected = q.filter_participations(tables.participations, tables.projects, programmes=["ESCP-S3"], countries=["FR"])
    assert [tables.participations.index[i] for i in sel["rows"]] == list(expected.index)
    assert len(sel["rows_any_country"]) == 38 and sel["focus"] == ["FR"]
    assert "3 participations" in text_of(out["programmes-summary"]["children"])


def test_empty_result_gives_a_clear_message(app, client):
    out = select(app, client, programme=["ESCP-S3"], region=["FR10"])
    assert out["programmes-selection"]["data"]["rows"] == []
    assert "No participation matches these filters" in text_of(out["programmes-summary"]["children"])


def test_forged_control_values_are_ignored(app, client):
    forged = {"programme": ["<img src=x onerror=alert(1)>"], "country": [{"x": 1}], "role": ["boss"]}
    url = run(app, client, "programmes-url.search", {**controls(**forged), "programmes-network-level.value": ["x"]})
    assert url["programmes-url"]["search"] == ""
    out = select(app, client, **forged)
    assert len(out["programmes-selection"]["data"]["rows"]) == 288


# ------------------------------------------------------------------------------------------ chart callbacks
def test_country_charts_show_coverage_matching_official_totals(app, client):
    sel = select(app, client, programme=["Euroclusters"])["programmes-selection"]["data"]
    out = run(app, client, "programmes-coverage.children", {SELECTION: sel})
    coverage = json.dumps(out["programmes-coverage"]["children"])
    assert "21 of 30 Euroclusters" in coverage and "62 of 171 partners" in coverage
    for card in ("programmes-bars", "programmes-map", "programmes-standing"):
        source = _find(out, "chart-source", card, "children")
        assert "21 of 30 Euroclusters" in source and "62 of 171 partners" in source
    bars = _find(out, "chart-graph", "programmes-bars", "figure")
    assert sum(sum(_numbers(t["x"])) for t in bars["data"]) == 62  # with a country and "not stated"
    assert "EuroGeographics" in _find(out, "chart-source", "programmes-map", "children")
    geo = _find(out, "chart-graph", "programmes-map", "figure")["data"][0]["geojson"]
    assert geo.split("?v=")[0].endswith("/geo/nuts0.geojson")  # versioned: a rebuilt file is a new URL


def test_every_participation_chart_carries_coverage(app, client):
    sel = select(app, client, programme=["ESCP-S3"])["programmes-selection"]["data"]
    for output, cards in (
        ("programmes-network", ["programmes-network"]),
        ("programmes-timeline", ["programmes-timeline", "programmes-clusters"]),
    ):
        out = run(app, client, output, {SELECTION: sel, "programmes-network-level.value": "country"})
        for card in cards:
            assert "5 of 9 partnerships, 38 of 57 partners" in _find(out, "chart-source", card, "children")
            assert _find(out, "chart-table", card, "children")  # a text alternative


def test_network_follows_the_country_filter(app, client, tables):
    sel = select(app, client, country=["DE"])["programmes-selection"]["data"]
    out = run(app, client, "programmes-network", {SELECTION: sel, "programmes-network-level.value": "country"})
    fig = _find(out, "chart-graph", "programmes-network", "figure")
    nodes = set(fig["data"][-1]["text"])
    edges = q.network_edges(tables.participations, ["DE"])
    assert nodes == {"DE"} | set(edges["source"]) | set(edges["target"])
    assert "with DE" in _find(out, "chart-title", "programmes-network", "children")


def block(app, client, grid, sel, request=None, level=None) -> dict:
    """What a grid gets from the server for one getRowsRequest (the first 50 rows unless asked otherwise)."""
    values = {
        SELECTION: sel,
        f"{grid}.getRowsRequest": request or {"startRow": 0, "endRow": 50},
        "programmes-network-level.value": level,
    }
    return run(app, client, f"{grid}.getRowsResponse", values)[grid]["getRowsResponse"]


def test_grid_rows_are_the_filtered_participations_and_strings_stay_text(app, client, tables):
    sel = select(app, client, programme=["INNOSUP-1"], country=["FR"])["programmes-selection"]["data"]
    answer = block(app, client, "programmes-grid", sel)
    grid = answer["rowData"]
    assert len(grid) == answer["rowCount"] == len(sel["rows"]) == 9
    assert {r["programme"] for r in grid} == {"INNOSUP-1"} and {r["country"] for r in grid} == {"FR"}
    assert all(r["sources"].startswith("[") and "](http" in r["sources"] for r in grid)
    assert all(r["region_link"] == "" or "](/region/" in r["region_link"] for r in grid)
    projects = block(app, client, "programmes-project-grid", sel)["rowData"]
    assert {p["acronym"] for p in projects} == {r["project"] for r in grid}


def test_the_grids_send_one_page_filtered_and_sorted_on_the_server(app, client, tables):
    sel = select(app, client)["programmes-selection"]["data"]
    first = block(app, client, "programmes-grid", sel)
    assert len(first["rowData"]) == 50 and first["rowCount"] == len(tables.participations) == 288
    request = {
        "startRow": 0,
        "endRow": 50,
        "filterModel": {"country": {"filterType": "text", "type": "equals", "filter": "fr"}},
        "sortModel": [{"colId": "organisation", "sort": "desc"}],
    }
    french = block(app, client, "programmes-grid", sel, request)
    expected = tables.participations[tables.participations["country"] == "FR"]
    assert french["rowCount"] == len(expected)
    names = [r["organisation"] for r in french["rowData"]]
    assert names == sorted(expected["organisation"], key=str.lower, reverse=True)[:50]
    # The CSV button sends the rows the grid shows (its last request), every one, under the grid's headers.
    out = run(
        app,
        client,
        "programmes-grid-download.data",
        {"programmes-grid-csv.n_clicks": 1, "programmes-grid.getRowsRequest": request, SELECTION: sel},
    )
    download = out["programmes-grid-download"]["data"]
    assert download["filename"] == "programme-participations.csv"
    rows = list(csv.DictReader(io.StringIO(download["content"])))
    assert len(rows) == len(expected) and {r["Country"] for r in rows} == {"FR"}
    assert [r["Organisation"] for r in rows] == sorted(expected["organisation"], key=str.lower, reverse=True)
    # A forged request is an unfiltered first page, never an error.
    forged = block(app, client, "programmes-grid", sel, {"startRow": "x", "filterModel": {"nope": 1}, "sortModel": 3})
    assert forged["rowCount"] == 288


def test_no_module_of_the_page_renders_raw_html():
    root = Path(__file__).resolve().parents[2]
    for path in (
        "pages/programmes.py",
        "callbacks/programmes.py",
        "components/programmes_view.py",
        "components/figures/programmes.py",
    ):
        text = (root / path).read_text(encoding="utf-8")
        assert "dangerously_allow_html" not in text and "dangerously_allow_code" not in text


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "",
        "zzz",
        -1,
        [],
        ["x"],
        {"a": 1},
        True,
        {"rows": [1, "2", -5, 10**9, True], "focus": ["FR", "<b>"], "programmes": "ESCP-S3"},
    ],
)
def test_chart_callbacks_survive_a_forged_selection(app, client, bad):
    for output in ("programmes-coverage.children", "programmes-network", "programmes-timeline"):
        response = call(client, app, payload(app, output, {SELECTION: bad, "programmes-network-level.value": bad}))
        assert response.status_code == 200


# ------------------------------------------------------------------------------------- collaboration network
def network(app, client, level, **filters):
    sel = select(app, client, **filters)["programmes-selection"]["data"]
    return run(app, client, "programmes-network", {SELECTION: sel, "programmes-network-level.value": level})


def test_region_network_counts_co_participation_and_says_who_is_left_out(app, client, tables):
    out = network(app, client, "region", programme=["ESCP-4i", "ESCP-S3"])
    rows = q.filter_participations(tables.participations, tables.projects, programmes=["ESCP-4i", "ESCP-S3"])
    edges = q.network_edges(rows, level="region")
    sel = select(app, client, programme=["ESCP-4i", "ESCP-S3"])["programmes-selection"]["data"]
    pairs = block(app, client, "programmes-pairs", sel, level="region")["rowData"]
    assert {(p["source"], p["target"], p["weight"]) for p in pairs} == set(
        zip(edges["source"], edges["target"], edges["weight"])
    )
    assert ("FRK2", "ITC1", 2) in {(p["source"], p["target"], p["weight"]) for p in pairs}  # MAGIA and S3martMed
    no_region = int(rows["region"].isna().sum())
    source = _find(out, "chart-source", "programmes-adjacency", "children")
    assert f"{no_region} of the {len(rows)} participations have no NUTS 2 region" in source
    assert "take part in the same project" in source
    heatmap = _find(out, "chart-graph", "programmes-adjacency", "figure")["data"][0]
    assert heatmap["type"] == "heatmap" and "Rhône-Alpes (FRK2)" in heatmap["y"]
    i, j = heatmap["y"].index("Rhône-Alpes (FRK2)"), heatmap["x"].index("ITC1")
    assert heatmap["z"][i][j] == heatmap["z"][j][i] == 2 and heatmap["z"][i][i] is None
    assert "Rhône-Alpes (FRK2)" in json.dumps(
        _find(out, "chart-table", "programmes-adjacency", "children"), ensure_ascii=False
    )


def test_organisation_network_caps_the_heatmap_and_keeps_every_pair(app, client, tables):
    out = network(app, client, "organisation")
    heatmap = _find(out, "chart-graph", "programmes-adjacency", "figure")
    assert len(heatmap["data"][0]["y"]) == 30
    edges = q.network_edges(tables.participations, level="organisation")
    nodes = q.network_nodes(tables.participations, edges, level="organisation")
    sel = select(app, client)["programmes-selection"]["data"]
    answer = block(app, client, "programmes-pairs", sel, level="organisation")
    assert answer["rowCount"] == len(edges) and len(answer["rowData"]) == 50
    source = _find(out, "chart-source", "programmes-adjacency", "children")
    assert (
        f"Showing the 30 organisations with the most shared projects of {len(nodes)}; {len(nodes) - 30} left out"
        in source
    )
    assert heatmap["layout"]["meta"]["csv"]["kind"] == "co_participation"


@pytest.mark.parametrize("level", ["country", "region", "organisation"])
def test_network_answer_is_at_most_50_kb(app, client, level):
    """Issue 16: no answer over 50 KB (raw JSON); every programme, the largest selection."""
    sel = select(app, client)["programmes-selection"]["data"]
    body = payload(app, "programmes-network", {SELECTION: sel, "programmes-network-level.value": level})
    assert len(call(client, app, body).get_data()) <= 50 * 1024


def test_unknown_level_falls_back_to_countries(app, client):
    out = network(app, client, "<script>")
    assert "Countries sharing projects" in _find(out, "chart-title", "programmes-network", "children")


# ------------------------------------------------------------------------------------------------ in French
FR = {"page-language.data": "fr"}
ENGLISH = (
    "Collaboration network",
    "Clear all filters",
    "Download these rows",
    "No participation matches",
    "participations match the filters",
    "of the official totals",
    "sharing projects",
    "of those with a country",
    "shared projects",
    "Source: programme data",
    "partners in this dataset",
)


def _english_left(text: str) -> list:
    return [sentence for sentence in ENGLISH if sentence in text]


def test_the_page_in_french(app):
    from pages.programmes import layout

    with app.server.test_request_context("/programmes?lang=fr"):
        tree = layout.uncached(lang="fr", country="FR,XX", role="coordinator")
    flat = json.dumps(
        tree.to_plotly_json(),
        default=lambda o: o.to_plotly_json() if hasattr(o, "to_plotly_json") else str(o),
        ensure_ascii=False,
    )
    for french in (
        "Programmes\u00a0: qui participe aux programmes de clusters de l’UE",
        "Réseau de collaboration\u00a0: qui partage des projets avec qui",
        "Valeurs inconnues pour «\u00a0pays\u00a0»\u00a0: XX (ignorées).",  # the link's notice, its term translated
        "Effacer tous les filtres",
        "coordinateur",  # the role filter's option
        '"headerName": "Appel / génération"',  # grid headers
        '"nextPage": "Page suivante"',  # AG Grid's own texts
        "Aucune participation ne correspond à ces filtres.",  # the partner grid's empty text
        "Chiffres publiés pour la France et ce jeu de données",
        "20 sur 149 (13\u00a0%), rang 2",  # a published figure, French number format
        "Participations correspondant aux filtres\u00a0: ",  # the summary of the selection
    ):
        assert french in flat, french
    assert _english_left(flat) == []


def test_chart_callbacks_answer_in_the_page_language(app, client):
    out = run(app, client, SELECTION, {**controls(programme=["Euroclusters"], country=["FR"]), **FR})
    summary = text_of(out["programmes-summary"]["children"])
    assert "Participations correspondant aux filtres\u00a0: 4, de 4 organisations dans 4 projets." in summary
    sel = out["programmes-selection"]["data"]

    charts = run(app, client, "programmes-coverage.children", {SELECTION: sel, **FR})
    coverage = json.dumps(charts["programmes-coverage"]["children"], ensure_ascii=False)
    assert "Euroclusters 2022-2025\u00a0: 21 sur 30 Euroclusters, 62 sur 171 partenaires, 18 sur 23 pays" in coverage
    assert _find(charts, "chart-title", "programmes-bars", "children") == "Participations par pays, Euroclusters"
    bars = _find(charts, "chart-graph", "programmes-bars", "figure")
    assert bars["layout"]["xaxis"]["title"]["text"] == "participations (organisation × projet)"
    assert "de celles dont le pays est connu" in bars["data"][0]["hovertemplate"]
    assert bars["data"][0]["customdata"][0][0].endswith("\u00a0%")  # '13 %': the share in French
    geo = _find(charts, "chart-graph", "programmes-map", "figure")
    assert [t["name"] for t in geo["data"] if t.get("meta") == "missing"] == ["pas de données"]
    standing = _find(charts, "chart-graph", "programmes-standing", "figure")
    assert standing["layout"]["yaxis"]["title"]["text"] == "% des participations dont le pays est connu"
    assert "rang" in standing["data"][0]["text"][0] and "sur" in standing["data"][0]["text"][0]

    net = run(app, client, "programmes-network", {SELECTION: sel, "programmes-network-level.value": "region", **FR})
    assert (
        _find(net, "chart-title", "programmes-network", "children")
        == "Régions NUTS 2 de FR et partenaires\u00a0: réseau"
    )
    assert "n’ont pas de région NUTS 2 dans les sources" in _find(
        net, "chart-source", "programmes-adjacency", "children"
    )
    assert net["programmes-pairs-note"]["children"].startswith("Aucune paire de régions NUTS 2 n’a de projet en commun")

    projects = run(app, client, "programmes-timeline", {SELECTION: sel, **FR})
    assert _find(projects, "chart-title", "programmes-timeline", "children").startswith(
        "Projets sur une frise chronologique"
    )
    clusters = _find(projects, "chart-graph", "programmes-clusters", "figure")
    assert [t["name"] for t in clusters["data"]] == [
        "organisation de cluster",
        "pas une organisation de cluster",
        "non indiqué",
    ]
    answers = json.dumps([charts, net, projects], ensure_ascii=False)
    assert _english_left(answers) == []


def test_the_partner_grid_and_its_csv_in_french(app, client, tables):
    sel = select(app, client)["programmes-selection"]["data"]
    request = {
        "startRow": 0,
        "endRow": 50,
        "filterModel": {"role": {"filterType": "text", "type": "equals", "filter": "coordinateur"}},
    }
    answer = run(
        app,
        client,
        "programmes-grid.getRowsResponse",
        {SELECTION: sel, "programmes-grid.getRowsRequest": request, **FR},
    )["programmes-grid"]["getRowsResponse"]
    coordinators = tables.participations[tables.participations["role"] == "coordinator"]
    assert answer["rowCount"] == len(coordinators)  # the filter matches the words the grid shows
    assert {r["role"] for r in answer["rowData"]} == {"coordinateur"}
    assert {r["is_cluster"] for r in answer["rowData"]} <= {"oui", "non", None}
    out = run(
        app,
        client,
        "programmes-grid-download.data",
        {"programmes-grid-csv.n_clicks": 1, "programmes-grid.getRowsRequest": request, SELECTION: sel, **FR},
    )
    rows = list(csv.DictReader(io.StringIO(out["programmes-grid-download"]["data"]["content"])))
    assert len(rows) == len(coordinators) and {r["Rôle"] for r in rows} == {"coordinateur"}
    assert "Appel / génération" in rows[0] and "Role" not in rows[0]
