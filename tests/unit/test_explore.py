"""The indicator explorer: series with countries and the EU27, change since a base year, log rule, URL state."""

import math

import pandas as pd
import pytest

from components.figures.explore import explorer_lines
from data.explore import log_allowed, quality_marks, series_frame, series_notes, series_order, transform
from state.overview import overview_search, parse_overview

REGIONS = pd.DataFrame(
    {
        "code": ["FR", "FRE1", "FRE2", "EU27_2020"],
        "name": ["France", "Nord", "Picardie", "EU27"],
        "level": [0, 2, 2, -1],
    }
)
VALUES = pd.DataFrame(
    {
        "region": ["FRE1", "FRE1", "FRE2", "FR", "FR", "EU27_2020", "EU27_2020"],
        "indicator": ["x"] * 7,
        "year": [2015, 2016, 2016, 2015, 2016, 2015, 2016],
        "value": [10.0, 12.0, 5.0, 20.0, 22.0, 30.0, float("nan")],
        "flag": [None, "p", None, None, None, None, None],
    }
)


def test_series_bring_each_country_once_and_the_eu_last():
    df = series_frame(VALUES, REGIONS, "x", ["FRE1", "FRE2"])
    assert list(dict.fromkeys(df["code"])) == ["FRE1", "FRE2", "FR", "EU27_2020"]
    assert list(dict.fromkeys(df["kind"])) == ["region", "country", "eu"]
    assert math.isnan(df.loc[(df["code"] == "EU27_2020") & (df["year"] == 2016), "value"].iloc[0])  # kept missing


def test_change_since_a_base_year_and_a_series_without_that_year_is_named_not_guessed():
    df, notes = transform(series_frame(VALUES, REGIONS, "x", ["FRE1", "FRE2"]), "rel", 2015)
    nord = df[df["code"] == "FRE1"].set_index("year")["shown"]
    assert nord[2015] == 0 and nord[2016] == pytest.approx(20.0)
    assert df.loc[df["code"] == "FRE2", "shown"].isna().all()
    assert notes == ["Picardie has no value in 2015: no change since then is shown for it."]
    assert not log_allowed(df)  # a 0 % change has no logarithm
    absolute, _ = transform(series_frame(VALUES, REGIONS, "x", ["FRE1"]), "abs", None)
    assert log_allowed(absolute)


def test_the_line_chart_styles_regions_countries_and_the_eu_apart():
    df, _ = transform(series_frame(VALUES, REGIONS, "x", ["FRE1", "FRE2"]), "abs", None)
    fig = explorer_lines(df, "T", "unit", 1, log=True)
    by_name = {t.name: t for t in fig.data}
    assert by_name["Nord (FRE1)"].line.color != by_name["Picardie (FRE2)"].line.color
    assert by_name["France (FR), country"].line.dash == "dot" and by_name["EU27"].line.dash == "dash"
    assert fig.layout.yaxis.type == "log" and list(by_name["EU27"].y) == [30.0, None]


def test_notes_name_a_series_without_data_and_a_value_the_pipeline_made():
    values = VALUES.assign(derivation=[None, None, None, "sum of NUTS 2 parts", "sum of NUTS 2 parts", None, None])
    empty = values[values["region"] != "EU27_2020"]
    df = series_frame(empty, REGIONS, "x", ["FRE1", "FRX9"])
    order = series_order(["FRE1", "FRX9"], REGIONS["code"].tolist())
    labels = {"FRE1": "Nord (FRE1)", "FRX9": "FRX9", "FR": "France (FR), country", "EU27_2020": "EU27"}
    notes = series_notes(empty, df, "x", order, labels, "not in the data")
    assert notes == ["FRX9: no data", "EU27: not in the data", "France (FR), country: sum of NUTS 2 parts (2015-2016)"]


def test_breaks_and_flagged_cells_are_marked_at_the_value_shown():
    values = VALUES.assign(flag=[None, "b", None, None, None, None, None])
    df, _ = transform(series_frame(values, REGIONS, "x", ["FRE1"]), "rel", 2015)
    marks = quality_marks(df, {("FR", 2016): "22.0 far from the series; more"})
    assert [(m["kind"], m["year"], round(m["value"], 1)) for m in marks] == [
        ("break", 2016, 20.0),
        ("suspect", 2016, 10.0),
    ]
    assert marks[0]["text"] == "2016: break in time series (Nord (FRE1))"
    assert marks[1]["text"] == "⚠ 2016, France (FR): 22.0 far from the series."
    fig = explorer_lines(df, "T", "%", 1, base=2015, marks=marks, mark_year=2016)
    drawn = {t.meta: t for t in fig.data if t.meta}
    assert list(drawn["break"].y) == [pytest.approx(20.0)] and list(drawn["suspect"].x) == [2016]
    assert sorted((s.x0, s.line.dash) for s in fig.layout.shapes) == [(2015, "dot"), (2016, "dashdot"), (2016, "dot")]


def test_explorer_state_round_trips_through_the_link(tables):
    query = {
        "indicator": "unemployment_rate",
        "year": "2022",
        "level": "2",
        "tab": "chart",
        "regions": "FRE1,ITC1,DE21",
        "measure": "rel",
        "base": "2015",
        "log": "1",
    }
    state, notices = parse_overview(tables, query)
    assert notices == [] and state["regions"] == ["FRE1", "ITC1", "DE21"] and state["log"] is True
    search = overview_search(
        state["indicator"],
        state["year"],
        state["level"],
        state["tab"],
        state["regions"],
        state["measure"],
        state["base"],
        state["log"],
        base_default=state["base_years"][0],
    )
    again, _ = parse_overview(tables, dict(p.split("=") for p in search.lstrip("?").split("&")))
    assert {k: again[k] for k in query} == {k: state[k] for k in query}


def test_unknown_explorer_values_fall_back_with_a_notice(tables):
    state, notices = parse_overview(tables, {"tab": "pie", "regions": "FRE1,ZZ99", "measure": "x", "log": "7"})
    assert state["tab"] == "map" and state["regions"] == ["FRE1"] and state["measure"] == "abs"
    assert not state["log"] and len(notices) == 4
