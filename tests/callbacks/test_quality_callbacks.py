"""Data quality marks through Dash's own endpoint: breaks and flagged cells on the region page, the Ecosystems
tables and heatmap, the default year of the Overview, and the list on Data & methods."""

from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder

from benchmarks.harness import call, payload
from tests.callbacks.components import text_of

STORE = {"code": "FRE1", "default_year": 2024}
TS = '"index":"region-timeseries"'


def _response(app, client, output, values) -> dict:
    return json.loads(call(client, app, payload(app, output, values)).get_data(as_text=True))["response"]


def _chart(response, index):
    return {
        part: response[json.dumps({"index": index, "type": part}, separators=(",", ":"))]
        for part in ("chart-graph", "chart-table")
    }


def test_region_time_series_draws_the_2021_break_and_names_it_in_the_table(app, client):
    out = _response(
        app, client, TS, {"region-ts.value": "employment_rate", "region-year.value": 2021, "region-store.data": STORE}
    )
    chart = _chart(out, "region-timeseries")
    marks = [t for t in chart["chart-graph"]["figure"]["data"] if t.get("meta") == "break"]
    assert len(marks) == 1 and marks[0]["name"] == "Break in time series (Eurostat flag b)"
    assert 2021 in marks[0]["x"] and any("2021: break in time series" in h for h in marks[0]["hovertext"])
    table = text_of(chart["chart-table"]["children"])
    assert "| 2021 | 63.1 | break in time series, definition differs (Nord-Pas de Calais (FRE1)) |" in table
    # a series without a break has no break trace
    out = _response(
        app, client, TS, {"region-ts.value": "gdp_pc_pps", "region-year.value": 2021, "region-store.data": STORE}
    )
    assert not [t for t in _chart(out, "region-timeseries")["chart-graph"]["figure"]["data"] if t.get("meta")]


def test_region_time_series_marks_a_flagged_value(app, client):
    out = _response(
        app,
        client,
        TS,
        {
            "region-ts.value": "tertiary_attainment",
            "region-year.value": 2021,
            "region-store.data": {"code": "AT11", "default_year": 2024},
        },
    )
    chart = _chart(out, "region-timeseries")
    suspect = [t for t in chart["chart-graph"]["figure"]["data"] if t.get("meta") == "suspect"]
    assert suspect and suspect[0]["x"] == [2013] and "5.2 standard deviations below" in suspect[0]["hovertext"][0]
    assert "⚠ Burgenland (AT11): 15.8 in 2013" in text_of(chart["chart-table"]["children"])


def test_fre1_retail_is_marked_on_the_region_specialisation_charts(app, client):
    out = _response(app, client, '"index":"region-nace"', {"region-store.data": STORE})
    nace = _chart(out, "region-nace")
    labels = [y for t in nace["chart-graph"]["figure"]["data"] for y in t["y"]]
    assert any(label.startswith("⚠ G47") for label in labels)
    assert "13.2% of FR's G47 employment (241,458 persons)" in json.dumps(nace["chart-graph"], ensure_ascii=False)
    assert "⚠ 13.2% of FR's G47 employment" in text_of(nace["chart-table"]["children"])
    eco = _chart(out, "region-ecosystems")
    assert "⚠ Retail" in json.dumps(eco["chart-graph"], ensure_ascii=False)
    assert "uses G47, flagged by a plausibility check" in text_of(eco["chart-table"]["children"])


def test_ecosystems_agglomeration_table_and_heatmap_mark_fre1_retail(app, client):
    values = {
        f"ecosystems-{k}.value": v
        for k, v in {
            "country": "FR",
            "level": 2,
            "regions": [],
            "ecosystem": None,
            "lq": 1.5,
            "share": 1.0,
            "basis": "ecosystems",
            "agg": "nace",
            "scope": "eu",
        }.items()
    }
    out = _response(app, client, "ecosystems-agg-summary", values)
    table = text_of(out["ecosystems-agg-table"]["children"])
    assert "G47 Retail trade, except of motor vehicles and motorcycles (2.47) ⚠" in table
    assert "⚠ Data quality" in table and "G47: 13.2% of FR's G47 employment" in table
    assert "2 regions show an agglomeration built on a cell flagged" in text_of(
        out["ecosystems-agg-summary"]["children"]
    )
    out = _response(app, client, "ecosystems-set-summary", values)
    heat = json.dumps(out['{"index":"ecosystems-heatmap","type":"chart-graph"}'], ensure_ascii=False)
    assert "⚠ uses G47, flagged by a plausibility check" in heat
    assert "1.68 * ● ⚠" in text_of(out['{"index":"ecosystems-heatmap","type":"chart-table"}']["children"])


def test_overview_opens_gerd_on_a_well_covered_year(tables):
    from state.overview import parse_overview

    state, notices = parse_overview(tables, {"indicator": "gerd_pc_gdp"})
    assert notices == [] and state["year"] == 2023 and 2024 in state["years"]  # 2024: a handful of regions


def test_data_and_methods_lists_rules_default_years_and_flagged_cells(app, client):
    with app.server.test_request_context("/data"):
        from pages import data_methods

        tree = json.loads(json.dumps(data_methods.layout.uncached(), cls=PlotlyJSONEncoder))
    text = text_of(tree)
    assert "Data quality" in text and "5 robust standard deviations" in text and "at least 80%" in text
    assert "Nord-Pas de Calais (FRE1)" in text and "NACE G47" in text and "13.2% of FR's G47 employment" in text
    assert "R&D expenditure" in text or "GERD" in text
    assert "data_quality.csv" in text
