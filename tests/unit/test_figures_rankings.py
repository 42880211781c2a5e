"""What the Rankings figures carry: bars in rank order, selected regions marked, gaps labelled, contributions
stacked per indicator, sensitivity bands."""

import json

import numpy as np
import pandas as pd
from plotly.utils import PlotlyJSONEncoder

from components import theme
from components.figures import rankings as figs
from data.ranking import shown_columns, shown_rows


def _table(n=30):
    return pd.DataFrame(
        {
            "code": [f"R{i:02d}" for i in range(n)],
            "name": [f"Region {i}" for i in range(n)],
            "rank": [1, 1] + list(range(3, n + 1)),
            "value": np.linspace(100, 10, n),
            "flag_text": [""] * n,
        }
    )


def _labels_in_order(fig):
    return list(fig.layout.yaxis.categoryarray)


def test_ranked_bars_show_top_bottom_and_marked_regions_in_rank_order():
    rows = shown_rows(_table(), 5, marked=["R12"])
    fig = figs.ranked_bars(rows, "GDP, 2023", "PPS", decimals=0, reference=(50.0, "EU27"))
    order = _labels_in_order(fig)
    assert order[0] == "1. Region 0 (R00)" and order[1] == "1. Region 1 (R01)"  # ties share a rank
    assert any("not shown" in label for label in order)
    assert order.index("<b>\u25b6 13. Region 12 (R12)</b>") < order.index("26. Region 25 (R25)")
    regions, selected = fig.data[0], fig.data[1]
    assert regions.name == "Regions" and selected.name == "Selected regions"
    assert selected.marker.color == theme.HIGHLIGHT and regions.marker.color == theme.REGION_COLOUR
    assert list(selected.x) == [rows.set_index("code").loc["R12", "value"]]
    assert len(regions.x) == 10
    assert fig.layout.title.text == "GDP, 2023"
    assert fig.layout.yaxis.autorange == "reversed"  # rank 1 at the top
    assert any(shape.x0 == 50.0 for shape in fig.layout.shapes)  # the EU27 line


def test_bar_text_shows_the_values_not_zero_for_missing():
    rows = shown_rows(_table(4), 5)
    fig = figs.ranked_bars(rows, "t", "%", decimals=1)
    assert list(fig.data[0].text) == ["100.0", "70.0", "40.0", "10.0"]
    assert fig.layout.showlegend is False  # nothing selected: no legend needed


def test_long_names_are_shortened_in_labels():
    rows = shown_rows(
        _table(3).assign(name=["Région de Bruxelles-Capitale/ Brussels Hoofdstedelijk Gewest", "b", "c"]), 5
    )
    label = figs.ranked_bars(rows, "t", "u").layout.yaxis.categoryarray[0]
    assert label.startswith("1. Région de Bruxelles") and "\u2026" in label and len(label) < 50


def test_contribution_bars_stack_one_trace_per_indicator():
    table = _table(6)
    rows = shown_rows(table, 10)
    contributions = pd.DataFrame(
        {"gdp": np.linspace(0.5, 0.1, 6), "rd": np.linspace(0.3, 0.05, 6)}, index=table["code"]
    )
    fig = figs.contribution_bars(rows, contributions, {"gdp": "GDP/inh.", "rd": "R&D"}, "What it is made of")
    assert fig.layout.barmode == "relative"
    assert [t.name for t in fig.data] == ["GDP/inh.", "R&D"]
    assert list(fig.data[0].x) == list(contributions["gdp"])
    assert fig.data[0].marker.color != fig.data[1].marker.color
    # Each trace repeats the regions' codes; their labels are the axis' tick texts, sent once.
    assert list(fig.data[0].y) == list(rows["code"]) == list(fig.layout.yaxis.tickvals)
    assert list(fig.layout.yaxis.ticktext) == [figs.region_label(r) for r in rows.to_dict("records")]


def test_sensitivity_chart_has_median_band_and_baseline():
    rows = pd.DataFrame(
        {
            "code": ["A", "B", "C"],
            "name": ["a", "b", "c"],
            "rank": [1, 2, 3],
            "median": [1, 3, 2],
            "low": [1, 1, 2],
            "high": [2, 5, 3],
            "marked": [False, True, False],
            "gap_before": [0, 0, 0],
        }
    )
    fig = figs.sensitivity_chart(rows, "Rank sensitivity", total=3)
    median, base = fig.data[0], fig.data[1]
    assert list(median.x) == [1, 3, 2]
    assert list(median.error_x.array) == [1, 2, 1] and list(median.error_x.arrayminus) == [0, 2, 0]
    assert list(base.x) == [1, 2, 3]
    assert base.name == "Rank with your weights"
    assert "<b>" in list(median.y)[1]  # the selected region is marked in its label


def test_the_figures_are_the_same_from_plain_columns_as_from_a_frame():
    table = _table(30)
    rows = shown_rows(table, 5, marked=["R12"])
    columns = shown_columns(table.to_dict("records"), 5, marked=["R12"])
    assert columns == rows.to_dict("list")
    same = [
        (figs.ranked_bars(rows, "t", "u", 0, (50.0, "EU27")), figs.ranked_bars(columns, "t", "u", 0, (50.0, "EU27"))),
        (
            figs.contribution_bars(rows, pd.DataFrame({"x": table["value"] / 2}).set_index(table["code"]), {}, "t"),
            figs.contribution_bars(columns, {"x": dict(zip(table["code"], table["value"] / 2))}, {}, "t"),
        ),
        (
            figs.sensitivity_chart(rows.assign(median=rows["rank"], low=rows["rank"], high=rows["rank"] + 2), "t", 30),
            figs.sensitivity_chart(
                columns | {"median": columns["rank"], "low": columns["rank"], "high": [r + 2 for r in columns["rank"]]},
                "t",
                30,
            ),
        ),
    ]
    for from_frame, from_columns in same:
        assert json.dumps(from_frame.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True) == json.dumps(
            from_columns.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True
        )
