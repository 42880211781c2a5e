"""What the Ecosystems figures carry: values, order, labels, the centred colour scale, missing as missing."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from components import theme
from components.figures import ecosystems as figs


def test_lq_colours_are_log_symmetric_around_one_and_missing_stays_missing():
    values = figs.lq_colour_value([1.0, 2.0, 0.5, 4.0, 0.25, 100.0, 0.0, np.nan])
    assert values[:5].tolist() == pytest.approx([0, 1, -1, 2, -2])
    assert values[5] == 2 and values[6] == -2  # saturate beyond 4 and at 0
    assert math.isnan(values[7])


@pytest.fixture
def shares():
    return pd.DataFrame(
        {
            "ecosystem_id": ["IES12", "IES03", "IES13"],
            "name": ["Retail", "Construction", "Textile"],
            "employment": [300.0, 200.0, np.nan],
            "eu_employment": [3000.0, 1000.0, 500.0],
            "share": [0.6, 0.4, np.nan],
            "eu_share": [0.5, 0.25, 0.25],
            "ratio": [1.2, 1.6, np.nan],
            "complete": [False, True, False],
        }
    )


def test_share_bars_carry_country_and_eu_shares_in_order_with_ratios(shares):
    fig = figs.share_bars(shares, "France", "employment in the 14 ecosystems")
    country, eu, ratio, missing = fig.data
    assert country.name == "France" and eu.name == "EU27"
    assert list(country.y) == ["Retail *", "Construction", "Textile *"]  # * = lower bound
    assert list(country.x[:2]) == pytest.approx([60, 40]) and math.isnan(country.x[2])  # no bar, not 0
    assert list(eu.x) == pytest.approx([50, 25, 25])
    assert list(ratio.x) == pytest.approx([1.2, 1.6]) and list(ratio.text) == ["1.20", "1.60"]
    assert list(missing.y) == ["Textile *"] and list(missing.text) == [theme.MISSING_TEXT]
    assert fig.layout.yaxis.autorange == "reversed"  # largest employment on top
    assert "France and the EU27" in fig.layout.title.text
    assert fig.layout.xaxis2.type == "log"
    # a ratio above 1 is drawn in the "above" colour, below 1 in the "below" colour
    assert list(ratio.marker.color) == [figs.ABOVE, figs.ABOVE]


def test_share_bars_without_data_says_so(shares):
    fig = figs.share_bars(shares.assign(share=np.nan), "Malta", "business-economy employment")
    assert "No ecosystem employment for Malta" in fig.layout.annotations[0].text


@pytest.fixture
def matrix():
    lq = pd.DataFrame([[2.0, 0.5], [np.nan, 1.0]], index=["FR10", "FRY5"], columns=["IES01", "IES02"])
    share = pd.DataFrame([[0.05, 0.02], [np.nan, 0.001]], index=lq.index, columns=lq.columns)
    complete = pd.DataFrame([[True, False], [np.nan, True]], index=lq.index, columns=lq.columns, dtype=object)
    return lq, share, complete


def test_heatmap_is_centred_on_one_with_missing_cells_grey(matrix):
    lq, share, complete = matrix
    agg = (lq > 1.5) & (share >= 0.01)
    fig = figs.lq_heatmap(
        lq,
        ["Ile-de-France", "Mayotte"],
        ["Aerospace & Defence", "Agri-food"],
        agg,
        complete,
        "LQ, France",
        highlight="IES02",
    )
    grey, main = fig.data
    assert list(main.y) == ["FR10", "FRY5"]  # codes: a click gives the region code
    assert main.zmid == 0 and main.zmin == -figs.LOG_RANGE and main.zmax == figs.LOG_RANGE
    assert [list(c) for c in main.colorscale] == [list(c) for c in theme.DIVERGING]
    z = np.array(main.z, dtype=float)
    assert z[0].tolist() == pytest.approx([1.0, -1.0]) and math.isnan(z[1, 0])  # missing is not 0
    assert z[1, 1] == pytest.approx(0.0)
    grey_z = np.array(grey.z, dtype=float)
    assert grey_z[1, 0] == 0 and np.isnan(grey_z[0]).all()  # only the missing cell is painted grey
    assert grey.colorscale[0][1] == figs.MISSING_COLOUR and "no data" in grey.hovertemplate
    text = np.array(main.text)
    assert text[0, 0] == "<b>2.00</b>" and text[0, 1] == "0.50" and text[1, 0] == ""
    assert "lower bound" in np.array(main.customdata)[0, 1, 1]  # one cell of two: the note is the cell's
    assert list(main.colorbar.ticktext) == ["≤0.25", "0.5", "1", "2", "≥4"]
    shape = fig.layout.shapes[-1]
    assert (shape.x0, shape.x1) == (0.5, 1.5)  # the selected ecosystem's column is outlined
    assert list(fig.layout.yaxis.ticktext) == ["Ile-de-France (FR10)", "Mayotte (FRY5)"]


def _hovers(trace) -> dict:
    """Each cell's hover text (the template with its customdata), by (region code, column)."""
    custom = np.array(trace.customdata, dtype=object)
    return {
        (code, j): trace.hovertemplate.replace("%{customdata[0]}", custom[i, j, 0]).replace(
            "%{customdata[1]}", custom[i, j, 1]
        )
        for i, code in enumerate(trace.y)
        for j in range(custom.shape[1])
    }


@pytest.mark.parametrize("every_lower", [False, True])
def test_heatmap_hover_names_each_lower_bound_and_agglomeration_once_for_all_or_per_cell(matrix, every_lower):
    lq, share, complete = matrix
    if every_lower:  # a country whose every estimate uses a suppressed cell (Germany): the note is in the template
        complete = complete.where(complete.isna(), False)
    agg = (lq > 1.5) & (share >= 0.01)
    main = figs.lq_heatmap(lq, ["IdF", "Mayotte"], ["Aero", "Agri"], agg, complete, "LQ").data[-1]
    hovers = _hovers(main)
    for (code, j), hover in hovers.items():
        if np.isnan(lq.loc[code].iloc[j]):
            continue  # no hover on a missing cell (hoverongaps=False; the grey trace says "no data")
        value = f"{lq.loc[code].iloc[j]:.2f}"
        lower = "<br>lower bound (suppressed NACE cells)" if complete.loc[code].iloc[j] is False else ""
        relevant = "<br>regionally relevant agglomeration" if agg.loc[code].iloc[j] else ""
        assert (
            hover == f"<b>%{{y}}</b> %{{x}}<br>LQ {value}{lower}{relevant}<br>click to open the region<extra></extra>"
        )
    custom = np.array(main.customdata, dtype=object)
    assert every_lower == all("lower bound" not in c for c in custom[:, :, 1].ravel())


def test_map_greys_regions_without_data_and_outlines_specialised_ones():
    df = pd.DataFrame(
        {
            "code": ["FR10", "FRY5", "DE21"],
            "name": ["IdF", "Mayotte", "Oberbayern"],
            "value": [1.63, np.nan, 0.5],
            "complete": [True, np.nan, False],
        }
    )
    fig = figs.lq_map(df, "/geo/nuts2.geojson", "LQ in Digital", ["FR10", "XX99"])
    missing, values, halo, outline = fig.data
    assert list(missing.locations) == ["FRY5"] and "no data" in missing.hovertemplate
    assert list(values.locations) == ["FR10", "DE21"] and values.zmid == 0
    assert list(values.z) == pytest.approx([math.log2(1.63), -1.0])
    assert values.geojson == "/geo/nuts2.geojson"
    assert list(outline.locations) == ["FR10"] and outline.marker.line.color == figs.OUTLINE


def test_ranking_orders_by_lq_marks_the_country_and_the_threshold():
    df = pd.DataFrame(
        {
            "code": ["SE11", "FR10"],
            "name": ["Stockholm", "Ile-de-France"],
            "country": ["SE", "FR"],
            "value": [2.45, 1.63],
            "share": [0.12, 0.08],
            "complete": [True, False],
            "rank": [1, 2],
        }
    )
    fig = figs.ranking_bars(df, "Specialised in Digital", 1.5, country="FR", subtitle="across the EU")
    bars = fig.data[0]
    assert list(bars.y) == ["SE11", "FR10"] and list(bars.x) == pytest.approx([2.45, 1.63])
    assert list(bars.marker.color) == [theme.REGION_COLOUR, theme.COUNTRY_COLOUR]
    assert fig.layout.shapes[0].x0 == 1.5  # the threshold line
    assert "across the EU" in fig.layout.title.text


def test_ranking_without_regions_says_so():
    empty = pd.DataFrame(columns=["code", "name", "country", "value", "share", "complete", "rank"])
    fig = figs.ranking_bars(empty, "Specialised in Textile", 3.0)
    assert "No region passes both thresholds" in fig.layout.annotations[0].text
