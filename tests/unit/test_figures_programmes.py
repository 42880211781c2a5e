"""What the Programmes figures carry: values, labels, highlights, and missing shown as missing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components import theme
from components.figures import programmes as figs
from data import programmes as q

NAMES = {"FR": "France", "DE": "Deutschland", "IT": "Italia", "ES": "España"}


def _values(v):
    """Plotly 7 may store arrays as typed arrays; read them back as a list."""
    return list(v) if v is not None else []


@pytest.fixture
def by_country():
    return pd.DataFrame(
        {
            "country": pd.array(["FR", "DE", None], dtype="string"),
            "participations": [5, 3, 2],
            "organisations": [4, 3, 2],
            "projects": [3, 2, 2],
            "share": [0.625, 0.375, np.nan],
        }
    )


def test_country_bars_highlight_focus_and_keep_not_stated_apart(by_country):
    fig = figs.country_bars(by_country, NAMES, "Participations by country", focus=["DE"])
    bars, unknown = fig.data
    assert _values(bars.x) == [5, 3] and list(bars.y) == ["France (FR)", "Deutschland (DE)"]
    assert list(bars.marker.color) == [theme.REGION_COLOUR, theme.HIGHLIGHT]
    assert list(unknown.y) == [figs.NOT_STATED] and _values(unknown.x) == [2]
    assert unknown.marker.color == theme.MUTED  # grey, hatched: not a country
    assert fig.layout.title.text == "Participations by country"


def test_empty_selection_says_so():
    empty = pd.DataFrame(columns=["country", "participations", "organisations", "projects", "share"])
    fig = figs.country_bars(empty, NAMES, "t")
    assert len(fig.data) == 0 and "No participation" in fig.layout.annotations[0].text


def test_country_map_colours_counts_and_greys_countries_without_any(by_country):
    countries = pd.DataFrame({"code": ["FR", "DE", "IT"], "name": ["France", "Deutschland", "Italia"]})
    fig = figs.country_map(by_country, countries, "/geo/nuts0.geojson", "map", focus=["FR"])
    missing, known = fig.data[0], fig.data[1]
    assert list(missing.locations) == ["IT"] and missing.name == "no data"  # not a colour for 0
    assert dict(zip(known.locations, _values(known.z))) == {"FR": 5.0, "DE": 3.0}
    assert fig.data[-1].locations == ("FR",) and fig.data[0].geojson == "/geo/nuts0.geojson"


def test_standing_chart_labels_rank_and_shows_published_figures():
    standing = pd.DataFrame(
        {
            "programme": ["A", "B", "C"],
            "country": "FR",
            "count": pd.array([2, 0, pd.NA], "Int64"),
            "total": [6, 4, 0],
            "known": [5, 4, 0],
            "not_stated": [1, 0, 0],
            "share": [0.4, np.nan, np.nan],
            "rank": pd.array([1, pd.NA, pd.NA], "Int64"),
            "countries": pd.array([3, 2, pd.NA], "Int64"),
        }
    )
    seed = pd.DataFrame({"programme": ["A"], "share": [0.13], "label": ["FR 20 of 149 (13%), rank 2"]})
    fig = figs.country_standing_chart(standing, NAMES, "France", seed)
    bars, diamonds = fig.data
    assert _values(bars.y)[0] == pytest.approx(40) and np.isnan(_values(bars.y)[1])
    assert list(bars.text) == ["rank 1 of 3 · 2 of 5", "none in this dataset", "no rows in this selection"]
    assert _values(diamonds.y) == [pytest.approx(13)] and diamonds.marker.symbol == "diamond"
    assert bars.marker.color == theme.HIGHLIGHT


def test_network_figure_centres_the_focus_and_widens_stronger_links():
    p = pd.DataFrame(
        {
            "project": ["p1", "p1", "p2", "p2", "p3", "p3"],
            "country": ["FR", "DE", "FR", "DE", "FR", "IT"],
            "organisation_id": list("abcdef"),
        }
    ).astype("string")
    edges = q.network_edges(p, ["FR"])
    nodes = q.network_nodes(p, edges, ["FR"])
    fig = figs.network_figure(nodes, edges, NAMES, "Partners of France")
    node_trace = fig.data[-1]
    pos = dict(zip(node_trace.text, zip(_values(node_trace.x), _values(node_trace.y))))
    assert set(pos) == {"FR", "DE", "IT"} and pos["FR"] == (0.0, 0.0)
    colours = dict(zip(node_trace.text, node_trace.marker.color))
    assert colours["FR"] == theme.HIGHLIGHT and colours["DE"] == theme.REGION_COLOUR
    lines = [t for t in fig.data if t.mode == "lines"]
    widths = {t.name: t.line.width for t in lines}
    assert widths["2 shared"] > widths["1 shared"]
    hover = fig.data[-2]
    assert sorted(int(c[2]) for c in hover.customdata) == [1, 2]  # hover says how many projects are shared


def test_network_without_edges_explains():
    p = pd.DataFrame({"project": ["p1"], "country": ["FR"], "organisation_id": ["a"]}).astype("string")
    edges = q.network_edges(p, ["FR"])
    fig = figs.network_figure(q.network_nodes(p, edges, ["FR"]), edges, NAMES, "t")
    assert "share no project" in fig.layout.annotations[0].text


def test_timeline_draws_periods_marks_single_dates_and_leaves_out_undated():
    projects = pd.DataFrame(
        {
            "project": list("abcd"),
            "programme": ["INNOSUP-1", "INNOSUP-1", "Euroclusters", "ESCP-4i"],
            "acronym": list("ABCD"),
            "generation": "g",
            "start_date": ["2017", "2018-02", None, None],
            "end_date": ["2018-02", None, "2020-12-31", None],
            "n_participants": [1, 2, 3, 0],
        }
    )
    fig = figs.timeline_figure(q.project_timeline(projects), "Projects")
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and list(bars[0].y) == ["A"] and list(bars[0].base) == ["2017-01-01"]
    days = _values(bars[0].x)[0] / 86_400_000
    assert days == pytest.approx((pd.Timestamp("2018-02-28") - pd.Timestamp("2017-01-01")).days + 1)
    markers = {t.name: list(t.y) for t in fig.data if t.type == "scatter"}
    assert markers == {"start date only": ["B"], "end date only": ["C"]}
    assert "D" not in fig.layout.yaxis.categoryarray
    assert bars[0].marker.color == figs.PROGRAMME_COLOURS["INNOSUP-1"]
    # the chart's days and lengths come with the timeline (once per data version), grouped in row order
    t = q.project_timeline(projects)
    assert t.loc[t["project"] == "a", ["start_day", "end_day"]].values.tolist() == [["2017-01-01", "2018-02-28"]]
    rows = figs._timeline_rows(t[t["dates"] != "none"])
    assert list(rows) == [("both", "INNOSUP-1"), ("start only", None), ("end only", None)]
    assert rows[("start only", None)]["acronym"] == ["B"] and rows[("end only", None)]["end_day"] == ["2020-12-31"]


def test_cluster_figure_stacks_yes_no_and_not_stated():
    breakdown = pd.DataFrame(
        {
            "programme": ["A"] * 3 + ["B"] * 3,
            "is_cluster": ["yes", "no", "not stated"] * 2,
            "participations": [3, 1, 2, 0, 0, 0],
        }
    )
    fig = figs.cluster_figure(breakdown, "Clusters")
    assert [t.name for t in fig.data] == ["cluster organisation", "not a cluster organisation", "not stated"]
    assert [list(t.y) for t in fig.data] == [["A"]] * 3  # B has no rows: not drawn as zeros
    assert [_values(t.x) for t in fig.data] == [[3], [1], [2]]
    assert fig.layout.barmode == "stack" and fig.data[2].marker.pattern.shape == "/"


def test_programme_colours_are_the_colour_blind_safe_palette():
    assert set(figs.PROGRAMME_COLOURS.values()) <= set(theme.OKABE_ITO)


def test_country_bars_csv_rows_are_the_bars_with_not_stated_apart(by_country):
    from data.chart_data import chart_frame, read_spec

    fig = figs.country_bars(by_country, NAMES, "Participations by country")
    frame = chart_frame(None, read_spec(fig.to_plotly_json()))
    assert frame["region_code"].tolist() == ["FR", "DE", ""]
    assert frame["region_name"].tolist() == ["France", "Deutschland", figs.NOT_STATED]
    assert frame["value"].tolist() == [5, 3, 2] and frame["unit"].eq("participations (organisation × project)").all()


def test_adjacency_heatmap_writes_each_count_and_leaves_the_diagonal_blank():
    rows = pd.DataFrame(
        {
            "project": ["p1", "p1", "p1", "p2", "p2"],
            "country": ["FR", "DE", "IT", "FR", "DE"],
            "organisation_id": list("abcde"),
        }
    ).astype("string")
    edges = q.network_edges(rows)
    matrix, left = q.adjacency(q.network_nodes(rows, edges), edges, limit=30)
    labels = {c: f"{NAMES[c]} ({c})" for c in NAMES}
    fig = figs.adjacency_heatmap(matrix, labels, "Shared projects per pair")
    heat = fig.data[0]
    assert heat.type == "heatmap" and left == 0
    names = list(heat.y)
    assert set(names) == {"France (FR)", "Deutschland (DE)", "Italia (IT)"}
    assert [f"{NAMES[c]} ({c})" for c in heat.x] == names  # columns by code, in the rows' order
    z = {(a, b): heat.z[i][j] for i, a in enumerate(names) for j, b in enumerate(names)}
    assert z[("France (FR)", "Deutschland (DE)")] == 2 and z[("Italia (IT)", "France (FR)")] == 1
    assert all(z[(n, n)] is None for n in names)  # a participant is not its own partner
    text = {(a, b): heat.text[i][j] for i, a in enumerate(names) for j, b in enumerate(names)}
    assert text[("France (FR)", "Deutschland (DE)")] == "2" and text[("France (FR)", "France (FR)")] == ""
    empty = figs.adjacency_heatmap(matrix.iloc[0:0, 0:0], labels, "t")
    assert "two participants" in empty.layout.annotations[0].text
