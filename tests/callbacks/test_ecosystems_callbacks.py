"""Ecosystems callbacks through Dash's own endpoint, and the page's URL state (parse <-> search)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from benchmarks.harness import call, payload
from callbacks.ecosystems import region_from_click
from components.ecosystems_view import short_nace_label
from state import ecosystems as st
from tests.callbacks.components import text_of

SHARES_FIG = '{"index":"ecosystems-shares","type":"chart-graph"}'
HEATMAP_FIG = '{"index":"ecosystems-heatmap","type":"chart-graph"}'
RANKING_FIG = '{"index":"ecosystems-ranking","type":"chart-graph"}'


def controls(**overrides):
    values = {
        "country": "FR",
        "level": 2,
        "regions": [],
        "ecosystem": None,
        "lq": 1.5,
        "share": 1.0,
        "basis": "ecosystems",
        "agg": "nace",
        "scope": "eu",
    }
    values.update(overrides)
    return {f"ecosystems-{k}.value": v for k, v in values.items()}


def run(app, client, output, **overrides):
    response = call(client, app, payload(app, output, controls(**overrides)))
    return json.loads(response.get_data(as_text=True))["response"]


# --- URL state -------------------------------------------------------------------------------------------------


def test_defaults_make_an_empty_search_and_parse_back(tables):
    state, notices = st.parse_ecosystems(tables, {})
    assert notices == [] and state == st.DEFAULTS
    assert st.ecosystems_search(**state) == ""


def test_every_control_round_trips_through_the_url(tables):
    chosen = {
        "country": "DE",
        "level": 1,
        "regions": ["FR10", "DE21", "ITC4"],
        "ecosystem": "IES05",
        "lq": 2.3,
        "share": 0.5,
        "basis": "business",
        "agg": "ecosystems",
        "scope": "set",
    }
    search = st.ecosystems_search(**chosen)
    query = dict(parse_qsl(urlsplit(search).query))
    state, notices = st.parse_ecosystems(tables, query)
    assert notices == [] and state == chosen
    assert "ecosystem=IES05" in search and "regions=FR10,DE21,ITC4" in search


@pytest.mark.parametrize(
    "query, fragment, key, fallback",
    [
        ({"country": "XX"}, "country 'XX'", "country", "FR"),
        ({"country": "UK"}, "country", "country", "FR"),
        ({"level": "7"}, "NUTS level", "level", 2),
        ({"ecosystem": "IES99"}, "ecosystem", "ecosystem", ""),
        ({"lq": "9"}, "LQ threshold", "lq", 1.5),
        ({"lq": "abc"}, "LQ threshold", "lq", 1.5),
        ({"share": "-1"}, "share threshold", "share", 1.0),
        ({"basis": "gdp"}, "share basis", "basis", "ecosystems"),
        ({"agg": "x"}, "agglomeration view", "agg", "nace"),
        ({"scope": "world"}, "ranking scope", "scope", "eu"),
    ],
)
def test_invalid_values_fall_back_with_a_notice(tables, query, fragment, key, fallback):
    state, notices = st.parse_ecosystems(tables, query)
    assert state[key] == fallback
    assert len(notices) == 1 and fragment in notices[0]


def test_unknown_regions_are_ignored_with_a_notice_and_the_rest_kept(tables):
    state, notices = st.parse_ecosystems(tables, {"regions": "FR10,ZZ99,DE21", "present": "1", "theme": "dark"})
    assert state["regions"] == ["FR10", "DE21"] and "ZZ99" in notices[0]
    assert len(notices) == 1  # the shell's display modes are not this page's business


def test_thresholds_from_the_sliders_are_cleaned():
    assert st.clean_lq(1.55) == 1.6 and st.clean_lq(9) == 5.0 and st.clean_lq(None) == 1.5
    assert st.clean_share(12) == 10.0 and st.clean_share(-3) == 0.0 and st.clean_share("x") == 1.0


# --- Callbacks ---------------------------------------------------------------------------------------------------


def test_share_chart_follows_the_country(app, client):
    fr = run(app, client, "ecosystems-shares")[SHARES_FIG]["figure"]
    de = run(app, client, "ecosystems-shares", country="DE")[SHARES_FIG]["figure"]
    assert fr["data"][0]["name"] == "France" and de["data"][0]["name"] == "Deutschland"
    assert fr["data"][0]["y"] != de["data"][0]["y"] or fr["data"][0]["x"] != de["data"][0]["x"]
    assert len(fr["data"][0]["y"]) == 14


def test_share_basis_business_gives_the_lq_as_ratio(app, client, tables):
    fig = run(app, client, "ecosystems-shares", basis="business")[SHARES_FIG]["figure"]
    ratio_text = fig["data"][2]["text"]
    lq = tables.ecosystem_employment.query("region == 'FR'")["lq"].round(2)
    assert sorted(float(t) for t in ratio_text) == pytest.approx(sorted(lq.tolist()), abs=0.006)


def test_heatmap_rows_are_the_region_set_and_sources_are_named(app, client):
    out = run(app, client, "ecosystems-heatmap")
    fig = out[HEATMAP_FIG]["figure"]
    assert fig["data"][-1]["y"][:2] == ["FR10", "FRB0"] and len(fig["data"][-1]["y"]) == 27
    source = out['{"index":"ecosystems-heatmap","type":"chart-source"}']["children"]
    assert "Source: Eurostat (sbs_r_nuts06_r2)" in source
    caveats = text_of(out["ecosystems-caveats"]["children"])
    assert "2015" in caveats and "Business economy only" in caveats and "Mayotte (FRY5)" in caveats
    custom = run(app, client, "ecosystems-heatmap", regions=["DE21", "FR10"])[HEATMAP_FIG]["figure"]
    assert custom["data"][-1]["y"] == ["DE21", "FR10"]


def test_nuts1_set_shows_french_regions_as_sums_of_their_parts(app, client):
    out = run(app, client, "ecosystems-heatmap", level=1)
    caveats = text_of(out["ecosystems-caveats"]["children"])
    assert "No data for" not in caveats
    assert "Sums of parts (Σ)" in caveats and "Hauts-de-France (FRE)" in caveats
    rows = out[HEATMAP_FIG]["figure"]["data"][-1]["y"]
    assert "FRE" in rows and len(rows) == 14


def test_agglomeration_table_follows_country_and_thresholds(app, client):
    fr = run(app, client, "ecosystems-agg-summary")
    de = run(app, client, "ecosystems-agg-summary", country="DE")
    fr_table = text_of(fr["ecosystems-agg-table"]["children"])
    assert "FR10: Ile-de-France" in fr_table and "J58 Publishing activities" in fr_table
    assert "DE21" in text_of(de["ecosystems-agg-table"]["children"])
    strict = run(app, client, "ecosystems-agg-summary", lq=3.0)
    count = lambda out: int(text_of(out["ecosystems-agg-summary"]["children"]).split()[0])  # noqa: E731
    assert count(strict) < count(fr)
    eco = run(app, client, "ecosystems-agg-summary", agg="ecosystems", level=1)
    assert "Digital (1.63)" in text_of(eco["ecosystems-agg-table"]["children"])
    pl = run(app, client, "ecosystems-agg-summary", agg="ecosystems", level=1, country="PL")
    assert "no data" in text_of(pl["ecosystems-agg-table"]["children"])  # PL9: absent, not 0


def test_ecosystem_selection_shows_map_ranking_and_projects(app, client):
    none = run(app, client, "ecosystems-eco-section")
    assert none["ecosystems-eco-section"]["hidden"] is True
    out = run(app, client, "ecosystems-eco-section", ecosystem="IES05")
    assert out["ecosystems-eco-section"]["hidden"] is False
    ranking = out[RANKING_FIG]["figure"]["data"][0]
    assert ranking["y"][0] == "SE11" and "FR10" in ranking["y"]
    map_source = out['{"index":"ecosystems-map","type":"chart-source"}']["children"]
    assert "© EuroGeographics" in map_source and "sbs_r_nuts06_r2" in map_source
    within = run(app, client, "ecosystems-eco-section", ecosystem="IES05", scope="set")
    assert within[RANKING_FIG]["figure"]["data"][0]["y"] == ["FR10"]
    assert "Programme projects" in text_of(out["ecosystems-eco-projects"]["children"])


def test_bad_inputs_give_a_page_not_a_traceback(app, client):
    out = run(app, client, "ecosystems-shares", country="<script>", basis=None)
    assert out[SHARES_FIG]["figure"]["data"][0]["name"] == "France"
    out = run(app, client, "ecosystems-heatmap", level="x", lq="abc", share=None, regions=["nope"])
    assert len(out[HEATMAP_FIG]["figure"]["data"][-1]["y"]) == 27


def test_url_search_is_written_from_the_controls(app, client):
    out = run(app, client, "ecosystems-url.search", ecosystem="IES09", lq=2.0)
    assert out["ecosystems-url"]["search"] == "?ecosystem=IES09&lq=2.0"


def test_a_click_opens_the_region_page(app, client):
    body = payload(app, "ecosystems-nav.href", {})
    body["inputs"][0]["value"] = {"points": [{"x": "Digital", "y": "FRJ2", "curveNumber": 1}]}
    body["changedPropIds"] = [f"{HEATMAP_FIG}.clickData"]
    out = json.loads(call(client, app, body).get_data(as_text=True))["response"]
    assert out["ecosystems-nav"]["href"] == "/region/FRJ2"
    with app.server.test_request_context():
        assert region_from_click({"points": [{"location": "DE21"}]}) == "DE21"
        assert region_from_click({"points": [{"y": "ZZ99"}]}) is None
        assert region_from_click(None) is None


def test_short_nace_labels():
    assert (
        short_nace_label(
            "Manufacture of wood and of products of wood and cork, except furniture; manufacture of articles of straw"
        )
        == "Manuf. of wood and of products of wood and cork, except furniture"
    )


def test_agglomeration_csv_has_codes_and_lqs_in_columns(app, client):
    values = controls(agg="ecosystems", level=1)
    values["ecosystems-agg-csv-button.n_clicks"] = 1
    out = json.loads(call(client, app, payload(app, "ecosystems-agg-csv.data", values)).get_data(as_text=True))
    data = out["response"]["ecosystems-agg-csv"]["data"]
    assert data["filename"] == "agglomerations-ecosystems-FR.csv"
    lines = data["content"].splitlines()
    assert lines[0].startswith("region,name,agglomerations,without_value,lower_bound_estimates,ecosystem_1,lq_1")
    fr1 = next(line for line in lines if line.startswith("FR1,"))
    assert ",IES05,1.627" in fr1
    fre = next(line for line in lines if line.startswith("FRE,"))
    assert fre.split(",")[2] != ""  # summed from FRE1 and FRE2
    values = controls(agg="ecosystems", level=1, country="PL")
    values["ecosystems-agg-csv-button.n_clicks"] = 1
    out = json.loads(call(client, app, payload(app, "ecosystems-agg-csv.data", values)).get_data(as_text=True))
    pl9 = next(
        line
        for line in out["response"]["ecosystems-agg-csv"]["data"]["content"].splitlines()
        if line.startswith("PL9,")
    )
    assert pl9.split(",")[2] == ""  # no data: blank, never 0


@pytest.mark.parametrize(
    "output",
    [
        "ecosystems-shares",
        "ecosystems-heatmap",
        "ecosystems-agg-summary",
        "ecosystems-eco-section",
        "ecosystems-url.search",
    ],
)
def test_tampered_control_values_never_reach_the_error_handler(app, client, output):
    """Values a tampered request could send: the callbacks fall back themselves (no app-wide error alert)."""
    for key in ("country", "level", "regions", "ecosystem", "lq", "share", "basis", "agg", "scope"):
        for value in ("", "zzz", -1, 1e12, True, None, ["FR10", 3, None], {"a": 1}, "<script>"):
            response = call(client, app, payload(app, output, controls(**{key: value})))
            assert "app-error-alert" not in response.get_data(as_text=True), (output, key, value)
