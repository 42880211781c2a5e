"""What the policy and cluster figures carry: cells, counts, markers, labels, missing values."""

from __future__ import annotations

import pandas as pd

from components import theme
from components.figures import policy as F
from data import policy as q
from data.chart_data import chart_frame, read_spec


def traces(fig, kind):
    return [t for t in fig.data if t.type == kind]


def test_matrix_heatmap_carries_the_ticks_and_both_counts(tables):
    m = q.recommendation_matrix(tables.policy_recommendations)
    fig = F.recommendations_matrix(m, "Matrix", highlight="BE3")
    heat = traces(fig, "heatmap")[0]
    assert sum(map(sum, heat.z)) == 30
    assert list(heat.y)[-1] == "Funding for education/training"
    row = [list(r) for r in heat.z][-1]
    assert [list(heat.x)[i] for i, v in enumerate(row) if v] == ["Centre Val de Loire", "Wallonia"]
    assert all(t in ("✓", "") for r in heat.text for t in r)  # the tick is text too, not only colour
    top, right = traces(fig, "bar")
    assert list(top.y) == [3, 5, 1, 2, 3, 3, 2, 4, 2, 5] and list(top.customdata)[-1] == "BE3"
    assert list(right.x) == [7, 5, 4, 2, 5, 5, 2]
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].x0 == 8.5  # Wallonia, the 10th column


def test_matrix_cells_follow_the_ticks_type_by_type(tables):
    m = q.recommendation_matrix(tables.policy_recommendations, "count")
    z = m.ticks.astype(int).values.tolist()
    cells = F._matrix_cells(m, z)
    assert len(cells) == len(m.support_types) * len(m.regions)
    for row in cells.sample(12, random_state=1).itertuples():
        support = row.what.removeprefix("Recommended: ")
        assert row.value == int(m.ticks.at[support, row.code])
    assert q.recommendation_matrix(tables.policy_recommendations, "count") is m  # kept per data version


def test_timeline_draws_dated_steps_and_names_the_ones_it_cannot_place(tables):
    steps = q.plan_steps(tables.policy_actions, "FRK")
    fig = F.action_timeline(steps, "ARA", calendar=True)
    bars = traces(fig, "bar")
    assert len(bars) == 1 and list(bars[0].base) == ["2019-03-01"]
    points = [p for t in traces(fig, "scatter") for p in (t.x or []) if p is not None]
    assert len(points) == 18  # 20 steps: one span, one unplaced ('May 201')
    assert any("May 201" in a.text for a in fig.layout.annotations)
    legend = {t.name for t in fig.data if t.showlegend is not False and t.name}
    assert "Economy Department" in legend and "not named in the step" in legend
    # Owners written with another capital letter are one owner.
    assert not ({"cluster management organizations", "Cluster management organizations"} <= legend)
    assert fig.layout.yaxis.categoryarray[-1].startswith("<b>ACTION 1")


def test_relative_timeline_uses_months_after_t0(tables):
    steps = q.plan_steps(tables.policy_actions, "FRB")
    fig = F.action_timeline(steps, "CVL", calendar=False)
    bars = traces(fig, "bar")
    assert sorted(w for t in bars for w in t.x) == [3.0, 3.0]
    assert "months after T0" in fig.layout.xaxis.title.text
    assert any("Tbc" in a.text for a in fig.layout.annotations)


def test_step_text_is_escaped_in_labels():
    steps = pd.DataFrame(
        [
            {
                "group_order": 1,
                "group": "G <i>",
                "step_order": 1,
                "step": "<script>x</script>",
                "timing": "May 2020",
                "x0": "2020-05-01",
                "x1": None,
                "shape": "point",
                "owner_label": "<b>Boss</b>",
            }
        ]
    )
    fig = F.action_timeline(steps, "t", calendar=True)
    labels = " ".join(fig.layout.yaxis.categoryarray)
    assert "<script>" not in labels and "&lt;script&gt;" in labels
    assert "&lt;b&gt;Boss" in fig.data[0].name


def test_costs_chart_stacks_who_pays_and_marks_the_stated_total(tables):
    fig = F.plan_costs_chart(q.plan_costs(tables.policy_action_costs, "FRK"), "costs")
    bars = {t.name: list(t.x) for t in traces(fig, "bar")}
    assert bars["Economy Department"] == [21736.0, 28496.0, 5616.0, 17888.0]
    assert bars["cluster managers"] == [29744.0, 41184.0, 4576.0, 33072.0]
    total = traces(fig, "scatter")[0]
    assert list(total.x) == [51480.0, 69680.0, 10192.0, 50960.0]
    assert fig.layout.barmode == "stack"
    cvl = F.plan_costs_chart(q.plan_costs(tables.policy_action_costs, "FRB"), "cvl")
    ranged = [t for t in traces(cvl, "bar") if t.error_x.visible]
    assert ranged and list(ranged[0].error_x.array) == [20000.0, 10000.0]
    none = F.plan_costs_chart(q.plan_costs(tables.policy_action_costs, "FRE"), "hdf")
    assert "no costs" in none.layout.annotations[0].text


def test_state_of_play_fills_known_levels_and_says_which_is_not_readable(tables):
    play = q.state_of_play(tables.policy_state, tables.policy_state_framework)
    fig = F.state_of_play_chart(play, tables.policy_state_framework, "state")
    heat = traces(fig, "heatmap")[0]
    z = [list(r) for r in heat.z]
    assert z[0] == [0, 0, 0, 1.0] and z[1] == [0, 0, 0, 0.6] and z[2] == [0, 0, 0, 0]
    assert "stated in the text" in heat.text[0][3] and "derived" in heat.text[1][3]
    assert any("not readable" in a.text for a in fig.layout.annotations)
    assert len(traces(fig, "scatter")[0].x) == 3


def test_count_and_composition_charts(tables):
    regions = q.eccp_regions(tables.cluster_counts, tables.regions)
    fig = F.counts_bar(regions, "category", "ECCP", "cluster organisations")
    assert sorted(fig.data[0].x) == [13, 13, 13, 19]
    members = q.counts_for(tables.cluster_counts, q.ECCP_MEMBERS_MEASURE)
    comp = F.composition_chart(members, "members")
    assert [list(t.y) for t in comp.data] == [[73, 14, 12], [83, 9, 8]]
    assert comp.data[0].marker.color == theme.REGION_COLOUR and comp.data[1].marker.color == theme.EU_COLOUR
    # Their CSV: the drawn counts, France then the EU for the composition
    frame = chart_frame(None, read_spec(comp.to_plotly_json()))
    assert frame["value"].tolist() == [73, 14, 12, 83, 9, 8] and frame["region_name"].tolist()[::3] == ["France", "EU"]
    counts = chart_frame(None, read_spec(fig.to_plotly_json()))
    assert sorted(counts["value"]) == [13, 13, 13, 19] and counts["region_code"].str.startswith("FR").all()


def test_monitoring_charts_show_missing_as_no_data():
    mgmt = pd.DataFrame(
        [
            {"cluster": "A", "year": 2023, **dict.fromkeys(q.FUNDING_COLUMNS), "public_state_eur": 10.0},
            {"cluster": "B", "year": 2023, **dict.fromkeys(q.FUNDING_COLUMNS)},
        ]
    )
    fig = F.funding_mix_chart(q.funding_mix(mgmt), "funding")
    assert [t.name for t in fig.data] == ["Public funding: State"] and list(fig.data[0].x) == [10.0]
    assert [a.text for a in fig.layout.annotations] == ["no data"]
    mix = q.members_mix(q.example_frame("members").assign(in_governance=lambda d: d["in_governance"] == "yes"))
    members = F.members_mix_chart(mix, "members", q.MEMBER_TYPES)
    assert sum(sum(t.x) for t in members.data) == len(q.example_frame("members"))
    empty = F.kpi_chart(q.kpi_by_year(pd.DataFrame(), "prospecting_actions"), "kpi", "x")
    assert "No accepted objectives rows" in empty.layout.annotations[0].text
