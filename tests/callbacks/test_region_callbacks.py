"""Region and Compare pages: URL state round trips, and the callbacks answered through Dash's own endpoint."""

import json

import plotly
import pytest

from benchmarks.harness import call, payload
from data.profile import AGGLOMERATIONS, PILOT_CODES, PROFILE
from state.compare import MAX_REGIONS, compare_search, parse_compare
from state.region import parse_region, region_search


def _query(search: str) -> dict:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(search.lstrip("?")))


def _answer(client, app, output, values) -> str:
    response = call(client, app, payload(app, output, values))
    return json.dumps(response.get_json()["response"], ensure_ascii=False)


# --- URL state ---------------------------------------------------------------------------------------------------


def test_region_state_round_trips_and_defaults_stay_out_of_the_link(tables):
    state, notices = parse_region(tables, "FRE1", {})
    assert notices == [] and state["year"] == state["default_year"] == 2024
    assert (
        region_search(
            state["year"], state["ts"], state["view"], state["sim"], state["k"], state["excl"], state["default_year"]
        )
        == ""
    )
    search = region_search(2021, "unemployment_rate", "bar", ["rci", "gdp_pc_pps"], 10, True, 2024)
    back, notices = parse_region(tables, "FRE1", _query(search))
    assert notices == []
    assert (back["year"], back["ts"], back["view"], back["sim"], back["k"], back["excl"]) == (
        2021,
        "unemployment_rate",
        "bar",
        ["gdp_pc_pps", "rci"],
        10,
        True,
    )


def test_region_state_falls_back_with_a_notice_for_each_bad_value(tables):
    state, notices = parse_region(
        tables, "FRE1", {"year": "1850", "ts": "nope", "view": "pie", "sim": "rci", "k": "7", "excl": "yes"}
    )
    assert state["year"] == 2024 and state["ts"] == "gdp_pc_pps" and state["view"] == "radar"
    assert state["sim"] == list(PROFILE) and state["k"] == 5 and state["excl"] is False
    assert len(notices) == 6


def test_region_explorer_state_round_trips_and_falls_back_with_notices(tables):
    search = region_search(
        2021, "gdp_pc_pps", "radar", list(PROFILE), 5, False, 2024, "map", ["ITC1", "DE21"], "rel", 2010, True, 2000
    )
    assert search == "?year=2021&tab=map&regions=ITC1,DE21&measure=rel&log=1&base=2010"
    back, notices = parse_region(tables, "FRE1", _query(search))
    assert notices == []
    assert [back[k] for k in ("tab", "regions", "measure", "base", "log")] == [
        "map",
        ["ITC1", "DE21"],
        "rel",
        2010,
        True,
    ]
    # the base year is left out of a link that shows values, and when it is the first year
    assert "base" not in region_search(
        2024, "gdp_pc_pps", "radar", list(PROFILE), 5, False, 2024, measure="abs", base=2010
    )
    assert "base" not in region_search(
        2024, "gdp_pc_pps", "radar", list(PROFILE), 5, False, 2024, measure="rel", base=2000, base_default=2000
    )
    state, notices = parse_region(
        tables, "FRE1", {"tab": "pie", "regions": "fre1,itc1,zz99", "measure": "x", "base": "1850", "log": "2"}
    )
    assert (state["tab"], state["regions"], state["measure"], state["base"], state["log"]) == (
        "chart",
        ["ITC1"],
        "abs",
        2000,
        False,
    )
    assert len(notices) == 5


def test_compare_state_round_trips_including_an_empty_selection(tables):
    state, notices = parse_compare(tables, {})
    assert notices == [] and state["regions"] == list(PILOT_CODES) and state["x"] == "rci"
    assert state["y"] == AGGLOMERATIONS
    search = compare_search(["FRE1", "ITC1"], 2019, "bar", "gdp_pc_pps", "unemployment_rate", state["default_year"])
    back, notices = parse_compare(tables, _query(search))
    assert notices == [] and back["regions"] == ["FRE1", "ITC1"] and back["year"] == 2019
    assert (back["view"], back["x"], back["y"]) == ("bar", "gdp_pc_pps", "unemployment_rate")
    empty = compare_search([], None, "radar", "rci", AGGLOMERATIONS, None)
    assert parse_compare(tables, _query(empty))[0]["regions"] == []
    assert (
        compare_search(list(PILOT_CODES), state["default_year"], "radar", "rci", AGGLOMERATIONS, state["default_year"])
        == ""
    )


def test_compare_state_drops_unknown_regions_and_keeps_at_most_eight(tables):
    state, notices = parse_compare(tables, {"regions": "fre1,XX99,FRB0", "x": "bogus"})
    assert state["regions"] == ["FRE1", "FRB0"] and state["x"] == "rci" and len(notices) == 2
    state, notices = parse_compare(tables, {"regions": "XX98,XX99"})
    assert state["regions"] == list(PILOT_CODES) and "pilot regions instead" in notices[-1]
    many = ",".join(["FRE1", "FRE2", "FRB0", "ITC1", "ITC2", "ES13", "ES11", "SE31", "SE32", "DED2"])
    state, notices = parse_compare(tables, {"regions": many})
    assert len(state["regions"]) == MAX_REGIONS and notices
    state, notices = parse_compare(tables, {"regions": ",".join(PILOT_CODES)})
    assert len(state["regions"]) == 10 and notices == []  # the pilot group is the one exception


def test_edit_selection_adds_removes_resets_and_refuses_beyond_the_limit(app):
    from callbacks.compare import edit_selection  # after the app: the pages register with it

    assert edit_selection(["FRE1"], add="ITC1") == (["FRE1", "ITC1"], "")
    assert edit_selection(["FRE1", "ITC1"], remove="FRE1") == (["ITC1"], "")
    assert edit_selection(["FRE1"], add="FRE1")[1]
    assert edit_selection([], reset=True) == (list(PILOT_CODES), "")
    full = list(PILOT_CODES)
    assert edit_selection(full, add="FRE1") == (full, edit_selection(full, add="FRE1")[1])
    assert "at most 8" in edit_selection(full, add="FRE1")[1]
    eight = ["FRE1", "FRE2", "FRB0", "ITC1", "ITC2", "ES13", "ES11", "SE31"]
    assert edit_selection(eight, add="SE32")[0] == eight


# --- Pages and callbacks -----------------------------------------------------------------------------------------


def test_unknown_region_is_a_friendly_page_with_close_matches(app, client):
    from pages.region import layout

    assert client.get("/region/XX99").status_code == 200
    with app.server.test_request_context("/region/FRE9"):
        text = str(layout(code="FRE9"))
    assert "Region not found" in text and "FRE1" in text and "Did you mean" in text
    with app.server.test_request_context("/region/fre1"):
        assert "Nord-Pas de Calais (FRE1)" in str(layout(code="fre1"))


def test_headline_callback_shows_the_raw_2021_value_with_france_and_the_eu(app, client):
    text = _answer(
        client,
        app,
        "region-cards.children",
        {"region-year.value": 2021, "region-store.data": {"code": "FRE1", "default_year": 2024}},
    )
    assert "27,800" in text and "France: 33,500" in text and "EU27: 33,200" in text
    assert "EU27: not in the data" in text and "tgs00007" in text  # said, with the dataset that would give it
    assert "region-card-gdp_pc_pps" in text and "Rank 136 of 244 EU NUTS 2 regions" in text
    assert "Source: Eurostat (nama_10r_2gdp, tgs00007" in text


def test_similar_regions_callback_links_to_region_pages_and_documents_the_distance(app, client):
    values = {
        "region-year.value": 2024,
        "region-sim.value": list(PROFILE),
        "region-k.value": 5,
        "region-excl.value": [],
        "region-store.data": {"code": "FRE1", "default_year": 2024},
    }
    text = _answer(client, app, "region-similar.children", values)
    assert "/region/FRE2" in text and "root-mean-square" in text and "/compare?regions=FRE1," in text
    text = _answer(client, app, "region-similar.children", {**values, "region-excl.value": [1]})
    assert "/region/FR" not in text  # own country left out


def test_specialisation_and_profile_callbacks_carry_sources_and_text_alternatives(app, client):
    store = {"code": "FRE1", "default_year": 2024}
    text = _answer(client, app, '"index":"region-ecosystems"', {"region-store.data": store})
    assert "sbs_r_nuts06_r2" in text and "Retail" in text and "md-table" in text
    text = _answer(
        client,
        app,
        '"index":"region-profile"',
        {"region-year.value": 2024, "region-view.value": "bar", "region-store.data": store},
    )
    assert '"type": "bar"' in text and "EU NUTS 2 range" in text


def test_scatter_callback_recomputes_the_quadrants_when_an_axis_changes(app, client):
    base = {
        "compare-regions.data": {"regions": ["FRE1", "ITC1"], "default_year": 2024},
        "compare-year.value": 2024,
        "compare-x.value": "rci",
        "compare-y.value": AGGLOMERATIONS,
    }
    first = _answer(client, app, "compare-quadrants.children", base)
    second = _answer(client, app, "compare-quadrants.children", {**base, "compare-x.value": "gdp_pc_pps"})
    assert "High RCI" in first and "High GDP/inh. (PPS)" in second and first != second
    assert "Nord-Pas de Calais (FRE1)" in second


def test_compare_table_has_every_region_ranks_and_the_peer_average(app, client):
    values = {
        "compare-regions.data": {"regions": list(PILOT_CODES), "default_year": 2024},
        "compare-year.value": 2024,
        "compare-view.value": "radar",
    }
    text = _answer(client, app, "compare-table.children", values)
    for name in ("Cantabria (ES13)", "Hauts-de-France (FRE)", "Lithuania (LT)", "Wallonia (BE3)"):
        assert name in text
    assert "Peer-group average (simple mean)" in text and "/244)" in text and "Peer-group average (" in text


def test_control_values_from_a_hostile_request_are_cleaned_not_trusted(tables):
    from state.compare import clean_controls as clean_compare
    from state.region import clean_controls as clean_region

    assert clean_region(tables, "zzz") is None and clean_region(tables, {"code": "XX99"}) is None
    state = clean_region(
        tables,
        {"code": "FRE1", "default_year": 2024},
        year=10**12,
        ts=["x"],
        view=True,
        sim={"a": 1},
        k=-1,
        excl="yes",
        tab="<script>",
        regions=["FRE1", {"a": 1}, "XX99", "ITC1", "ITC1", 3],
        measure="pie",
        base=True,
        log="yes",
    )
    base_years = state.pop("base_years")
    assert base_years[0] == 2000 and base_years == sorted(base_years)
    assert state == {
        "code": "FRE1",
        "default_year": 2024,
        "year": 2024,
        "ts": "gdp_pc_pps",
        "view": "radar",
        "sim": list(PROFILE),
        "k": 5,
        "excl": False,
        "tab": "chart",
        "regions": ["ITC1"],  # the page's own region, unknown codes and repeats dropped
        "measure": "abs",
        "base": 2000,
        "log": False,
    }
    state = clean_compare(
        tables,
        {"regions": ["FRE1", {"a": 1}, "XX99", "FRE1", 3], "default_year": 2024},
        year="🙂",
        view=[],
        x="<b>x</b>",
        y=None,
    )
    assert state == {
        "regions": ["FRE1"],
        "default_year": 2024,
        "year": 2024,
        "view": "radar",
        "x": "rci",
        "y": AGGLOMERATIONS,
    }
    assert clean_compare(tables, None)["regions"] == []


@pytest.mark.parametrize("code, successors", [("PT17", ["PT1A", "PT1B"]), ("NL31", ["NL35"]), ("fr30", ["FRE1"])])
def test_an_old_code_opens_a_notice_naming_its_nuts_2024_successors(app, code, successors):
    from pages.region import layout

    with app.server.test_request_context(f"/region/{code}"):
        text = str(layout.uncached(code=code))
    assert "region-old-code" in text and "is not a NUTS 2024 region" in text
    for successor in successors:
        assert f"/region/{successor}" in text
    assert "Region not found" not in text


def test_headline_names_sums_of_parts_and_benchmarks_from_earlier_years(app, client):
    series = _answer(
        client,
        app,
        '"index":"region-timeseries"',
        {
            "region-ts.value": "population",
            "region-year.value": 2019,
            "region-store.data": {"code": "FRE", "default_year": 2024},
        },
    )
    assert "Hauts-de-France (FRE): sum of NUTS 2 parts (2008-2019)" in series
    assert "France (FR), country: sum of NUTS 2 parts (2014-2019)" in series  # Mayotte (FRY5) has no row before 2014
    assert "EU27: not in the data" in series  # a NUTS 2 part of HR, NL or PT is missing every year: no sum
    fre1 = _answer(
        client,
        app,
        "region-cards.children",
        {"region-year.value": 2024, "region-store.data": {"code": "FRE1", "default_year": 2024}},
    )
    assert "France: 37.9 in 2019 (no 2024 value)" in fre1  # tertiary attainment: said with its year
    for code in ("FR", "FRE", "FRE1"):
        text = _answer(
            client,
            app,
            "region-cards.children",
            {"region-year.value": 2024, "region-store.data": {"code": code, "default_year": 2024}},
        )
        assert "(nan)" not in text and ".0)" not in text and "2023.0" not in text


@pytest.mark.parametrize("code", ["PT1A", "NL35", "FR", "FRE"])
def test_region_page_has_a_locator_map_with_the_region_highlighted(app, tables, code):
    from components.figures.maps import feature_bounds
    from pages.region import layout

    with app.server.test_request_context(f"/region/{code}"):
        page = json.dumps(layout.uncached(code=code), cls=plotly.utils.PlotlyJSONEncoder)
    assert '"region-locator"' in page and f'"locations": ["{code}"]' in page
    lon0, lat0, lon1, lat1 = feature_bounds(tables.geometries[len(code) - 2], code)
    assert -25 < lon0 < lon1 < 45 and 34 < lat0 < lat1 < 72  # the part in Europe, not the outermost regions


def test_the_packs_put_the_pages_own_charts_on_their_slides_by_name(app, tables):
    """The slides carry the same figures, titles and sources as the page's chart cards, in the page's order."""
    from callbacks import compare as c
    from callbacks import region as r
    from callbacks.pack import compare_pack, region_pack
    from components.peer_review_pack import ChartSlide, TableSlide

    state, _ = parse_region(tables, "FRE1", {"year": "2021", "ts": "gerd_pc_gdp"})
    with app.server.app_context():
        pack, _ = region_pack(state, "")
        headline = r.headline_answer("FRE1", 2021, state["default_year"])
        charts = [
            headline["economy"],
            headline["innovation"],
            r.timeseries_answer("FRE1", "gerd_pc_gdp", 2021),
            r.profile_answer("FRE1", 2021, state["view"]),
            *r.specialisation_answer("FRE1").values(),
        ]
    assert isinstance(pack.slides[0], TableSlide) and isinstance(pack.slides[-1], TableSlide)  # key figures, similar
    slides = [s for s in pack.slides if isinstance(s, ChartSlide)]
    assert [(s.title, s.source, s.figure) for s in slides] == [
        (card["title"], card["source"], card["figure"]) for card in charts
    ]
    assert slides[0].note == slides[1].note == headline["year_note"] and "Reference year 2021" in slides[0].note
    assert slides[2].title.startswith("R&D expenditure")

    state, _ = parse_compare(tables, {"regions": "FRE1,ITC1", "year": "2021"})
    with app.server.app_context():
        pack, _ = compare_pack(state, "")
        answer = c.compare_answer(["FRE1", "ITC1"], 2021, state["view"], state["default_year"])
        scatter = c.scatter_answer(["FRE1", "ITC1"], 2021, state["x"], state["y"])["scatter"]
    table, profile, quadrants = pack.slides
    assert table.source == answer["table_source"] and table.note == answer["year_note"]
    assert (profile.title, profile.figure) == (answer["profile"]["title"], answer["profile"]["figure"])
    assert (quadrants.title, quadrants.source, quadrants.figure) == (
        scatter["title"],
        scatter["source"],
        scatter["figure"],
    )


def test_the_region_explorer_draws_added_regions_as_change_since_a_base_year_and_a_map_with_the_region(app, client):
    store = {"code": "FRE1", "default_year": 2024}
    lines = _answer(
        client,
        app,
        '"index":"region-timeseries"',
        {
            "region-ts.value": "gdp_pc_pps",
            "region-year.value": 2021,
            "region-regions.value": ["ITC1", "XX99"],
            "region-measure.value": "rel",
            "region-base.value": 2010,
            "region-log.value": [1],
            "region-store.data": store,
        },
    )
    assert "Nord-Pas de Calais and 1 other region, change since 2010" in lines
    assert '"name": "Piemonte (ITC1)"' in lines and "XX99" not in lines
    assert "A log scale needs values above zero: shown on a linear scale." in lines  # a 0 % change in 2010
    assert "% change since 2010" in lines
    # the map waits until its tab is shown, then outlines the region among every NUTS 2 region
    hidden = call(
        client,
        app,
        payload(
            app,
            "region-map-note.children",
            {
                "region-ts.value": "gdp_pc_pps",
                "region-year.value": 2021,
                "region-tab.value": "chart",
                "region-store.data": store,
            },
        ),
    )
    assert hidden.status_code == 204
    shown = _answer(
        client,
        app,
        "region-map-note.children",
        {
            "region-ts.value": "gdp_pc_pps",
            "region-year.value": 2021,
            "region-tab.value": "map",
            "region-store.data": store,
        },
    )
    assert "GDP per inhabitant in PPS, NUTS 2 regions, 2021" in shown and '"locations": ["FRE1"]' in shown
    later = _answer(
        client,
        app,
        "region-map-note.children",
        {
            "region-ts.value": "gdp_pc_pps",
            "region-year.value": 2024,
            "region-tab.value": "map",
            "region-store.data": store,
        },
    )
    assert "No values for 2024: the map shows" in later
