"""Rankings callbacks through Dash's own endpoint, and the page's URL state."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from types import MappingProxyType

import numpy as np
import pytest

from app import create_app
from benchmarks.harness import call, payload
from components.chart_card import GRAPH
from state import rankings as st
from tests.callbacks.components import text_of

MAIN = "rankings-summary.children"
SENS = "rankings-sensitivity-summary.children"
COMPOSITE_W = "gdp_pc_pps:1,gerd_pc_gdp:1"


def controls(**overrides):
    values = {
        "indicator": "gdp_pc_pps",
        "year": 2023,
        "cmp": 2018,
        "level": 2,
        "eu": True,
        "countries": [],
        "ecosystem": None,
        "lq": 1.5,
        "programme": None,
        "basket": [],
        "mark": [],
        "n": 10,
        "weights": COMPOSITE_W,
        "norm": "minmax",
        "agg": "arithmetic",
        "draws": 200,
        "conc": 20,
        "seed": 1,
    }
    values.update(overrides)
    return {f"rankings-{k}.{'data' if k == 'weights' else 'value'}": v for k, v in values.items()}


def run(app, client, output, **overrides):
    """The callback's outputs by component id, as the browser receives them."""
    response = call(client, app, payload(app, output, controls(**overrides)))
    out = json.loads(response.get_data(as_text=True))["response"]
    for chart in ("rankings-bars", "rankings-contributions", "rankings-sensitivity"):
        key = json.dumps({"index": chart, "type": GRAPH}, separators=(",", ":"), sort_keys=True)
        if key in out:
            out[chart.removeprefix("rankings-")] = out[key]["figure"]
    return out


ALL_ROWS = {"startRow": 0, "endRow": 500, "sortModel": [], "filterModel": {}}


def grid(app, client, key, request=ALL_ROWS, lang="en"):
    """The grid's answer to a request for rows (AG Grid's infinite row model) of the ranking named by `key`."""
    body = payload(
        app,
        "rankings-grid.getRowsResponse",
        {"rankings-grid.getRowsRequest": request, "rankings-grid-key.data": key, "page-language.data": lang},
    )
    return json.loads(call(client, app, body).get_data(as_text=True))["response"]["rankings-grid"]["getRowsResponse"]


def rows_of(app, client, out, request=ALL_ROWS) -> list[dict]:
    """Every row the grid of a ranking answer gets from the server (the answer itself holds none)."""
    assert "rowData" not in out.get("rankings-grid", {})
    return grid(app, client, out["rankings-grid-key"]["data"], request)["rowData"]


def test_plain_ranking_ranks_every_eu_nuts2_region_with_a_value(app, client, tables):
    out = run(app, client, MAIN)
    rows = rows_of(app, client, out)
    eu2 = tables.regions[(tables.regions["level"] == 2) & tables.regions["is_eu"]]
    values = tables.indicator_values
    has = values[
        (values["indicator"] == "gdp_pc_pps")
        & (values["year"] == 2023)
        & values["value"].notna()
        & values["region"].isin(eu2["code"])
    ]
    assert len(rows) == has["region"].nunique()
    assert [r["rank"] for r in rows[:3]] == [1, 2, 3]
    missing = len(eu2) - len(rows)
    summary = text_of(out["rankings-summary"]["children"])
    if missing:
        assert f"{missing} regions have no value for 2023" in summary
    else:
        assert "244 NUTS 2 regions ranked" in summary and "no value" not in summary
    assert out["rankings-results"]["hidden"] is False
    fields = [c["field"] for c in out["rankings-grid"]["columnDefs"]]
    assert fields == [
        "rank",
        "name",
        "code",
        "country",
        "value",
        "country_rank",
        "earlier_rank",
        "rank_change",
        "flag_text",
    ]
    assert all(r["value"] is not None for r in rows)  # missing values are never in the ranking


def test_lower_is_better_ranks_the_lowest_first(app, client):
    rows = rows_of(app, client, run(app, client, MAIN, indicator="unemployment_rate", year=2022, cmp=2017))
    values = [r["value"] for r in rows]
    assert values == sorted(values)


def test_country_filter_restricts_the_table_to_that_country(app, client):
    out = run(app, client, MAIN, countries=["AT"])
    rows = rows_of(app, client, out)
    assert rows and {r["country"] for r in rows} == {"AT"}
    assert {r["country_rank"] for r in rows} == {r["rank"] for r in rows}


def test_an_empty_filter_result_shows_a_message_not_an_empty_chart(app, client):
    out = run(app, client, MAIN, countries=["MT"], ecosystem="IES01", lq=5.0)
    assert out["rankings-results"]["hidden"] is True
    assert "No region matches these filters" in text_of(out["rankings-empty"]["children"])
    assert out["rankings-grid-key"]["data"] == ""
    assert grid(app, client, "") == {"rowData": [], "rowCount": 0}


def test_a_selected_region_outside_top_and_bottom_is_shown_and_marked(app, client):
    out = run(app, client, MAIN, mark=["FRE1"], n=5)
    figure = out["bars"]
    names = [t["name"] for t in figure["data"]]
    assert "Selected regions" in names
    marked = figure["data"][names.index("Selected regions")]
    assert any("FRE1" in label for label in marked["y"])


def test_composite_ranking_has_contributions_and_a_method_note(app, client):
    out = run(app, client, MAIN, indicator="composite", year=2023, cmp=2019)
    rows = rows_of(app, client, out)
    assert rows and "coverage" in rows[0]
    assert "Composite in 2023" in text_of(
        out["rankings-method-note"]["children"]
    ) or "Default composite in 2023" in text_of(out["rankings-method-note"]["children"])
    contrib = out["contributions"]
    assert {t["name"] for t in contrib["data"] if t.get("showlegend", True) is not False} >= {
        "GDP/inh. (PPS)",
        "R&D spending (% GDP)",
    }


def test_a_weight_change_reorders_the_composite(app, client):
    both = rows_of(app, client, run(app, client, MAIN, indicator="composite", weights="gdp_pc_pps:1,gerd_pc_gdp:1"))
    gdp_only = rows_of(app, client, run(app, client, MAIN, indicator="composite", weights="gdp_pc_pps:1"))
    assert [r["code"] for r in both[:10]] != [r["code"] for r in gdp_only[:10]]


def test_the_ranking_answer_sends_no_grid_rows_and_the_bars_no_copy_of_their_labels(app, client):
    for overrides, limit in (({}, 15), ({"indicator": "composite", "year": 2021, "cmp": 2017}, 30)):
        body = payload(app, MAIN, controls(**overrides))
        raw = call(client, app, body).get_data()
        assert len(raw) <= limit * 1024, (overrides, len(raw))  # 46 and 56 KB with the rows in the answer
        out = run(app, client, MAIN, **overrides)
        assert "rowData" not in out["rankings-grid"] and out["rankings-grid"]["columnDefs"]
        axis = out["bars"]["layout"]["yaxis"]
        assert "ticktext" not in axis and axis["tickvals"] == axis["categoryarray"]


def _numbers(values) -> list:
    """A plotly array from JSON: a list, or {dtype, bdata} (base64 typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_composite_charts_carry_their_link_not_their_rows_and_the_csv_holds_what_they_draw(app, client, tables):
    from tests.callbacks.test_chart_csv import _click, _rows

    every = ",".join(f"{i}:1" for i in tables.indicators["id"])
    overrides = {"indicator": "composite", "weights": every, "n": 25, "eu": False, "mark": ["FRE1"]}
    raw = call(client, app, payload(app, MAIN, controls(**overrides))).get_data()
    assert len(raw) <= 50 * 1024, len(raw)  # 77.8 KB with a CSV row per region and indicator in the figures
    out = run(app, client, MAIN, **overrides)
    for chart in ("bars", "contributions"):
        spec = out[chart]["layout"]["meta"]["csv"]
        assert spec["kind"] == "ranking_chart" and len(json.dumps(spec)) < 1000, spec

    def csv_rows(chart, lang="en"):
        answer = _click(client, app, f"rankings-{chart}", out[chart], source="Source: the card", lang=lang)
        return _rows(next(v for k, v in answer.items() if "download" in k)["data"])

    drawn = {
        (trace["name"], code): x
        for trace in out["contributions"]["data"]
        if trace.get("showlegend", True) is not False
        for code, x in zip(trace["y"], _numbers(trace["x"]))
    }
    rows = csv_rows("contributions")
    in_csv = {(r["indicator"].removeprefix("Contribution: "), r["region_code"]): r["value"] for r in rows}
    used = {name for name, _ in drawn}  # the indicators with a value in 2023 (the others are left out)
    assert len(rows) == len(in_csv) == len(drawn) == 51 * len(used) and len(used) >= 6  # 25 + 25 + FRE1 each
    assert in_csv.keys() == drawn.keys()
    for key, x in drawn.items():  # the value drawn, to the score's 3 decimals; missing stays empty
        assert (in_csv[key] == "") if x != x else abs(float(in_csv[key]) - x) <= 0.0005 + 1e-9, (key, x)
    assert {r["year"] for r in rows} == {"2023"} and "own calculation" in rows[0]["source"]
    bars = csv_rows("bars")
    assert [r["region_code"] for r in bars] == list(dict.fromkeys(code for _, code in drawn))
    assert csv_rows("contributions", "fr")[0]["indicateur"] == rows[0]["indicator"]  # texts of the drawn page


def test_a_composite_csv_spec_from_the_browser_is_checked(app, client):
    from tests.callbacks.test_chart_csv import _click

    good = {"search": "?indicator=composite&w=gdp_pc_pps:1", "chart": "contributions", "lang": "en"}
    for args in (
        good | {"search": "?indicator=gdp_pc_pps"},  # not a composite
        good | {"chart": "sensitivity"},
        good | {"search": 5},
        good | {"search": "?" + "x" * 200_000},
        good | {"extra": 1},
    ):
        figure = {"data": [], "layout": {"meta": {"csv": {"kind": "ranking_chart", "args": args}}}}
        answer = _click(client, app, "rankings-contributions", figure)
        assert next(v for k, v in answer.items() if "download" in k)["data"] is None, args
        assert (
            next(v for k, v in answer.items() if "note" in k)["children"] == "This chart's download is not available."
        )
    for lang in ("xx", ["fr"], {"a": 1}):  # an unknown language: the English texts
        figure = {"data": [], "layout": {"meta": {"csv": {"kind": "ranking_chart", "args": good | {"lang": lang}}}}}
        answer = _click(client, app, "rankings-contributions", figure)
        assert next(v for k, v in answer.items() if "download" in k)["data"]["filename"]


def test_the_grid_pages_sorts_and_filters_on_the_server(app, client):
    key = run(app, client, MAIN)["rankings-grid-key"]["data"]
    every = grid(app, client, key)
    assert every["rowCount"] == len(every["rowData"]) > 200
    assert [r["rank"] for r in every["rowData"]] == sorted(r["rank"] for r in every["rowData"])
    german = sorted((r for r in every["rowData"] if r["country"] == "DE"), key=lambda r: (r["value"], r["rank"]))
    request = {
        "startRow": 0,
        "endRow": 20,
        "sortModel": [{"colId": "value", "sort": "asc"}],
        "filterModel": {"country": {"filterType": "text", "type": "contains", "filter": "de"}},
    }
    first = grid(app, client, key, request)
    assert first["rowCount"] == len(german) > 20
    assert [r["code"] for r in first["rowData"]] == [r["code"] for r in german[:20]]
    second = grid(app, client, key, request | {"startRow": 20, "endRow": 40})
    assert [r["code"] for r in second["rowData"]] == [r["code"] for r in german[20:40]]
    assert all(isinstance(r["rank"], int) for r in second["rowData"])  # ranks stay whole numbers
    assert grid(app, client, key, {"startRow": "x", "sortModel": "junk"})["rowCount"] == every["rowCount"]
    for junk in ("nonsense", {"a": 1}, "?level=9&indicator=%3Cscript%3E"):  # a key comes from the browser
        assert grid(app, client, junk)["rowCount"] in (0, every["rowCount"])


def test_the_grid_key_names_the_ranking_without_what_only_the_charts_use(app, client, tables):
    out = run(app, client, MAIN, mark=["FRE1"], n=5, seed=9)
    assert out["rankings-grid-key"]["data"] == run(app, client, MAIN)["rankings-grid-key"]["data"]
    composite = run(app, client, MAIN, indicator="composite", weights="gdp_pc_pps:2,gerd_pc_gdp:1", year=2021)
    assert "w=gdp_pc_pps" in composite["rankings-grid-key"]["data"]
    rows = rows_of(app, client, composite)
    assert rows and "coverage" in rows[0]


def test_the_csv_holds_every_row_the_grid_shows_under_its_headers(app, client):
    import base64
    import csv
    import io

    out = run(app, client, MAIN, indicator="unemployment_rate", year=2022, cmp=2017)
    key = out["rankings-grid-key"]["data"]
    request = {
        "startRow": 0,
        "endRow": 100,
        "sortModel": [{"colId": "name", "sort": "desc"}],
        "filterModel": {"country": {"filterType": "text", "type": "equals", "filter": "FR"}},
    }
    shown = grid(app, client, key, request | {"endRow": 500})["rowData"]
    body = payload(
        app,
        "rankings-grid-download.data",
        {"rankings-csv.n_clicks": 1, "rankings-grid.getRowsRequest": request, "rankings-grid-key.data": key},
    )
    sent = json.loads(call(client, app, body).get_data(as_text=True))["response"]["rankings-grid-download"]["data"]
    assert sent["filename"] == "rankings-unemployment_rate-2022-nuts2.csv"
    text = base64.b64decode(sent["content"]).decode() if sent.get("base64") else sent["content"]
    records = list(csv.DictReader(io.StringIO(text)))
    headers = [c["headerName"] for c in out["rankings-grid"]["columnDefs"]]
    assert list(records[0]) == headers
    assert [r["Code"] for r in records] == [r["code"] for r in shown] and len(records) > 20  # every row, not a block
    assert {r["Country"] for r in records} == {"FR"}
    assert not any(r["Rank"].endswith(".0") or r["Rank in 2017"].endswith(".0") for r in records)


def test_sensitivity_is_reproducible_with_the_same_seed(app, client):
    a = run(app, client, SENS, indicator="composite", draws=500, seed=7)
    b = run(app, client, SENS, indicator="composite", draws=500, seed=7)
    c = run(app, client, SENS, indicator="composite", draws=500, seed=8)
    text = a["rankings-sensitivity-summary"]["children"]
    assert "500 random weight sets" in text
    assert a == b
    assert a != c


def test_url_is_written_from_the_controls(app, client):
    out = run(
        app,
        client,
        "rankings-url.search",
        indicator="composite",
        countries=["AT", "DE"],
        seed=9,
        weights="gdp_pc_pps:2,gerd_pc_gdp:1",
        agg="geometric",
    )
    search = out["rankings-url"]["search"]
    assert "indicator=composite" in search and "countries=AT,DE" in search and "seed=9" in search
    assert "w=gdp_pc_pps%3A2,gerd_pc_gdp%3A1" in search or "w=gdp_pc_pps:2,gerd_pc_gdp:1" in search
    assert "agg=geometric" in search


def test_all_weights_at_zero_ask_for_a_weight_instead_of_ranking(app, client):
    out = run(app, client, MAIN, indicator="composite", weights="")
    assert out["rankings-results"]["hidden"] is True
    assert "needs at least one indicator with a weight above 0" in text_of(out["rankings-empty"]["children"])
    sens = run(app, client, SENS, indicator="composite", weights="")
    assert "No region has a composite score" in json.dumps(sens["sensitivity"])


def test_a_level_without_data_says_so(app, client):
    out = run(app, client, MAIN, indicator="rci", level=0)
    if out["rankings-results"]["hidden"]:
        assert "No year has data" in text_of(out["rankings-empty"]["children"])
    else:  # this data version has country values
        assert "countries ranked" in text_of(out["rankings-summary"]["children"])


# --- URL state ----------------------------------------------------------------------------------------------


def _query(search: str) -> dict:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(search.lstrip("?"), keep_blank_values=True))


STATES = [
    {},
    {"indicator": "unemployment_rate", "year": "2019", "cmp": "none", "level": "2", "countries": "DE,FR", "n": "5"},
    {"indicator": "gdp_pc_pps", "year": "2010", "cmp": "2001", "level": "1", "prog": "Euroclusters"},
    {
        "indicator": "composite",
        "year": "2015",
        "cmp": "2013",
        "w": "gdp_pc_pps:2,gerd_pc_gdp:1,industry_share:1",
        "norm": "rank",
        "agg": "geometric",
        "draws": "500",
        "conc": "50",
        "seed": "12345",
        "mark": "DE21,FRE1",
        "eco": "IES10",
        "lq": "2.5",
        "eu": "0",
    },
    {"indicator": "gdp_pc_pps", "basket": "AT13,DE21,FRE1,ITC4", "mark": "DE21", "level": "2"},
]


@pytest.mark.parametrize("query", STATES)
def test_state_round_trips_through_the_link(tables, query):
    state, notices = st.parse_rankings(tables, query)
    assert notices == []
    again, notices2 = st.parse_rankings(tables, _query(st.rankings_search(state, tables.indicators["id"].tolist())))
    assert notices2 == []
    assert again == state


def test_the_default_composite_round_trips_with_its_weights_written_out(tables):
    state, _ = st.parse_rankings(tables, {"indicator": "composite", "seed": "3"})
    search = st.rankings_search(state, tables.indicators["id"].tolist())
    assert "w=" in search  # a link keeps its weights even if the default composite changes later
    again, notices = st.parse_rankings(tables, _query(search))
    assert notices == []
    assert replace(again, weights_default=False) == replace(state, weights_default=False)


@pytest.mark.parametrize("query", STATES)
def test_controls_are_validated_by_the_link_parser(tables, query):
    """The callbacks' state is the parser's state of the same values: one validation path."""
    state, _ = st.parse_rankings(tables, query)
    controls = {
        "indicator": state.indicator,
        "year": state.year,
        "cmp": st.NONE if state.cmp is None else state.cmp,
        "level": state.level,
        "eu": state.eu,
        "countries": list(state.countries),
        "eco": state.eco or None,
        "lq": state.lq,
        "prog": state.prog or None,
        "basket": list(state.basket),
        "mark": list(state.mark),
        "n": state.n,
        "w": state.weights_text,
        "norm": state.norm,
        "agg": state.agg,
        "draws": state.draws,
        "conc": state.conc,
        "seed": state.seed,
    }
    assert st.state_of_controls(tables, controls) == replace(state, weights_default=False)
    junk = st.state_of_controls(tables, controls | {"year": {"x": 1}, "n": [5, 10], "eu": "maybe", "lq": 1e309})
    assert junk.year in junk.years and junk.n == 10 and junk.eu is True and junk.lq == 1.5  # defaults


@pytest.mark.parametrize("query", STATES + [{"indicator": "composite", "year": "2021"}])
def test_the_grid_key_parses_back_to_the_same_ranking(tables, query):
    from callbacks.rankings import SENSITIVITY_ONLY, state_key

    state, _ = st.parse_rankings(tables, query)
    search = st.grid_search(state)
    assert "mark=" not in search and "seed=" not in search and "n=" not in search
    again = st.grid_state(tables, search)
    assert state_key(again, "mark", "n", *SENSITIVITY_ONLY) == state_key(state, "mark", "n", *SENSITIVITY_ONLY)
    assert st.grid_state(tables, None) is None and st.grid_state(tables, {"x": 1}) is None
    charts = st.grid_state(tables, st.chart_search(state))  # a composite chart's CSV link: with the regions shown
    assert state_key(charts, *SENSITIVITY_ONLY) == state_key(state, *SENSITIVITY_ONLY)
    assert st.grid_search(replace(state, indicator=st.COMPOSITE, weights={})) == ""  # nothing ranked


@pytest.mark.parametrize("level", st.LEVELS)
def test_the_year_choices_are_the_years_with_a_value_at_the_level(tables, level):
    """Read from each indicator's split (region, year) pairs: the same years as counting over the whole table."""
    from data import composite as comp

    for eu in (True, False):
        ids = tables.indicators["id"].tolist()
        counts = comp.coverage_by_year(tables.indicator_values, st.level_codes(tables, level, eu), ids)
        expected = {i: frozenset(int(y) for y in counts.index[counts[i] > 0]) for i in counts.columns}
        assert st._years_by_indicator(tables, level, eu) == expected


def test_a_cache_key_gives_the_state_back_without_the_fields_left_out(tables):
    state, _ = st.parse_rankings(tables, STATES[3])
    again = st.RankingsState.from_key(state.key("seed", "mark"))
    assert again.seed == st.DEFAULTS["seed"] and again.mark == ()
    assert replace(again, seed=state.seed, mark=state.mark, years=state.years, cmp_years=state.cmp_years) == state
    assert state.key("seed") != state.key() and state.key("seed") == replace(state, seed=5).key("seed")


def test_every_control_is_in_the_link(tables):
    state, _ = st.parse_rankings(tables, STATES[3])
    search = st.rankings_search(state, tables.indicators["id"].tolist())
    for key in ("indicator", "year", "cmp", "w", "norm", "agg", "draws", "conc", "seed", "mark", "eco", "lq", "eu"):
        assert f"{key}=" in search, key


def test_invalid_values_fall_back_with_a_notice(tables):
    state, notices = st.parse_rankings(
        tables,
        {
            "indicator": "nope",
            "year": "1800",
            "level": "7",
            "countries": "XX",
            "w": "gdp_pc_pps:abc,foo:2",
            "norm": "cubic",
            "agg": "median",
            "draws": "3",
            "conc": "0",
            "seed": "-1",
            "lq": "99",
            "n": "1000",
            "prog": "Nonexistent",
            "eco": "IES99",
            "mark": "ZZ99",
        },
    )
    assert state.indicator == "gdp_pc_pps" and state.level == 2 and state.norm == "minmax"
    assert state.agg == "arithmetic" and state.draws == 200 and state.conc == 20 and state.seed == 1
    assert state.lq == 1.5 and state.n == 10 and state.eco == "" and state.mark == ()
    assert state.year == state.years[-1]
    assert len(notices) >= 12
    assert any("1800" in n for n in notices) and any("weights" in n for n in notices)


def test_no_positive_weight_falls_back_to_the_default_composite(tables):
    state, notices = st.parse_rankings(tables, {"indicator": "composite", "w": "gdp_pc_pps:0"})
    assert state.weights_default and sum(state.weights.values()) > 0
    assert any("at least one indicator" in n for n in notices)


def test_default_composite_is_equal_weights_over_economic_and_innovation_indicators(tables):
    state, _ = st.parse_rankings(tables, {"indicator": "composite"})
    weights = state.weights
    themes = dict(zip(tables.indicators["id"], tables.indicators["theme"]))
    assert len(weights) >= 2 and set(weights.values()) == {1}
    assert {themes[i] for i in weights} <= {"economy", "innovation"}


# --- programme filter ---------------------------------------------------------------------------------------


def _find(component, ident):
    if getattr(component, "id", None) == ident:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = _find(child, ident)
            if found is not None:
                return found
    return None


def test_programme_filter_is_disabled_with_a_note_when_no_participation_data(tables):
    from pages import rankings as page

    frames = {k: v for k, v in tables.frames.items() if k != "participations"}
    bare = replace(tables, frames=MappingProxyType(frames))
    app = create_app(tables=bare)
    with app.server.test_request_context("/rankings"):
        tree = page.layout.uncached()
    dropdown = _find(tree, page.PROGRAMME)
    assert dropdown.disabled is True
    assert "programme participation data not loaded yet" in dropdown.placeholder
    assert "not loaded yet" in _find(tree, page.PROGRAMME_NOTE).children


def test_programme_filter_works_when_participation_data_exists(app, client, tables):
    if "participations" not in tables.frames:
        pytest.skip("no participations table in this data version")
    from data.ranking import programme_regions

    programme = tables.participations["programme"].iloc[0]
    out = run(app, client, MAIN, level=0, programme=programme)
    rows = rows_of(app, client, out)
    members = programme_regions(tables.participations, programme)
    assert rows and {r["code"] for r in rows} <= set(members)


def test_the_ranking_answer_sets_the_years_and_sends_a_year_only_when_it_changes(app, client, tables):
    # One request per control change: the ranking's answer carries the year choices (no separate years callback).
    out = run(app, client, MAIN, indicator="composite", weights="gdp_pc_pps:2,gerd_pc_gdp:1")
    years = [o["value"] for o in out["rankings-year"]["options"]]
    assert 2023 in years and "value" not in out["rankings-year"]  # unchanged: not set again
    assert out["rankings-cmp"]["options"][0]["value"] == st.NONE
    moved = run(app, client, MAIN, year=1850)  # a year without data: the answer moves the dropdown
    assert moved["rankings-year"]["value"] in [o["value"] for o in moved["rankings-year"]["options"]]
