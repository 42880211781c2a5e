"""Composite indicator: hand computations for every normalisation x aggregation, missing values, contributions,
rank sensitivity (bands contain the baseline rank, same seed -> same result), default composite."""

import math

import numpy as np
import pandas as pd
import pytest

from data import catalogue
from data import composite as comp

# Three regions, two indicators: x (higher is better), u (lower is better, like unemployment).
VALUES = pd.DataFrame({"x": [10.0, 20.0, 60.0], "u": [5.0, 1.0, 3.0]}, index=["A", "B", "C"])
HIB = {"x": True, "u": False}
WEIGHTS = {"x": 1, "u": 3}  # -> 0.25 and 0.75
E = comp.EPSILON


def _z(values):
    values = np.asarray(values, dtype=float)
    return (values - values.mean()) / values.std()


def _scores():
    """Hand-made normalised scores per method (higher = better)."""
    return {
        "minmax": {"x": [0.0, 0.2, 1.0], "u": [0.0, 1.0, 0.5]},
        "zscore": {"x": list(_z([10, 20, 60])), "u": list(_z([-5, -1, -3]))},
        "rank": {"x": [1 / 3, 2 / 3, 1.0], "u": [1 / 3, 1.0, 2 / 3]},
    }


def _to_unit(scores):
    lo, hi = min(scores), max(scores)
    return [E + (1 - E) * (s - lo) / (hi - lo) for s in scores]


def _hand(normalisation, aggregation):
    s = _scores()[normalisation]
    if aggregation == "arithmetic":
        return [0.25 * s["x"][i] + 0.75 * s["u"][i] for i in range(3)]
    x, u = _to_unit(s["x"]), _to_unit(s["u"])
    return [x[i] ** 0.25 * u[i] ** 0.75 for i in range(3)]


@pytest.mark.parametrize("normalisation", comp.NORMALISATIONS)
@pytest.mark.parametrize("aggregation", comp.AGGREGATIONS)
def test_composite_equals_a_hand_computation(normalisation, aggregation):
    result = comp.composite(VALUES, WEIGHTS, HIB, normalisation, aggregation)
    assert result.value.tolist() == pytest.approx(_hand(normalisation, aggregation), abs=1e-9)
    assert result.weights.to_dict() == pytest.approx({"x": 0.25, "u": 0.75})
    # Contributions add up to the composite, whatever the method.
    assert result.contributions.sum(axis=1).tolist() == pytest.approx(result.value.tolist(), abs=1e-9)


def test_spot_values_of_the_hand_computation():
    # Written out once so the helpers above cannot hide a shared mistake.
    assert comp.composite(VALUES, WEIGHTS, HIB, "minmax", "arithmetic").value.tolist() == pytest.approx([0, 0.8, 0.625])
    geo = comp.composite(VALUES, WEIGHTS, HIB, "minmax", "geometric").value.tolist()
    assert geo == pytest.approx([0.01, (0.01 + 0.99 * 0.2) ** 0.25, 1 * (0.01 + 0.99 * 0.5) ** 0.75])
    # z-score and min-max give the same geometric composite (both are linear in the values).
    assert comp.composite(VALUES, WEIGHTS, HIB, "zscore", "geometric").value.tolist() == pytest.approx(geo)


def test_arithmetic_contributions_are_weight_times_score():
    result = comp.composite(VALUES, WEIGHTS, HIB, "minmax", "arithmetic")
    assert result.contributions.loc["B"].to_dict() == pytest.approx({"x": 0.25 * 0.2, "u": 0.75 * 1.0})


def test_geometric_contributions_are_shares_of_the_composite():
    result = comp.composite(VALUES, WEIGHTS, HIB, "minmax", "geometric")
    b = result.contributions.loc["B"]
    x, u = 0.25 * (E + (1 - E) * 0.2), 0.75 * 1.0
    assert b["x"] / b["u"] == pytest.approx(x / u)
    assert (result.contributions >= 0).all().all()


def test_missing_values_reweight_over_available_indicators_and_need_the_minimum_share():
    values = pd.DataFrame(
        {"x": [10.0, 20.0, 60.0, 40.0, np.nan], "u": [5.0, 1.0, 3.0, np.nan, 2.0]}, index=["A", "B", "C", "D", "E"]
    )
    result = comp.composite(values, WEIGHTS, HIB, "minmax", "arithmetic")
    # D has only x (25% of the weight < 75%): not scored, never 0. E has only u (75%): scored on u alone.
    assert math.isnan(result.value["D"])
    assert result.coverage["D"] == pytest.approx(0.25) and result.coverage["E"] == pytest.approx(0.75)
    u_scores = comp.normalised_scores(values, HIB)["u"]
    assert result.value["E"] == pytest.approx(u_scores["E"])  # weights re-scaled over what E has
    assert result.contributions.loc["D"].isna().all()
    # With a lower threshold D is scored too, on x alone.
    assert result.value.notna().sum() == 4
    assert comp.composite(values, WEIGHTS, HIB, "minmax", "arithmetic", min_share=0.2).value.notna().sum() == 5


def test_an_indicator_without_any_value_is_left_out_and_named():
    values = VALUES.assign(p=np.nan)
    result = comp.composite(values, WEIGHTS | {"p": 4}, HIB, "minmax", "arithmetic")
    assert result.dropped == ["p"]
    assert result.value.tolist() == pytest.approx(_hand("minmax", "arithmetic"))
    with pytest.raises(ValueError):
        comp.composite(VALUES.assign(x=np.nan, u=np.nan), WEIGHTS, HIB)


def test_zero_weights_leave_an_indicator_out():
    result = comp.composite(VALUES, {"x": 1, "u": 0}, HIB)
    assert list(result.weights.index) == ["x"]
    assert result.value.tolist() == pytest.approx([0.0, 0.2, 1.0])


def test_identical_regions_tie_exactly():
    values = pd.DataFrame({"x": [1.0, 3.0, 3.0, 2.0], "y": [0.3, 0.1, 0.1, 0.7]}, index=list("ABCD"))
    for aggregation in comp.AGGREGATIONS:
        result = comp.composite(values, {"x": 0.37, "y": 0.63}, {}, "zscore", aggregation)
        assert result.value["B"] == result.value["C"]


def test_competition_ranks_per_column_with_ties():
    matrix = np.array([[3.0, 1.0], [5.0, 1.0], [3.0, 2.0], [1.0, 0.0]])
    assert comp.competition_ranks(matrix).tolist() == [[2, 2], [1, 2], [2, 1], [4, 4]]


def _bigger_example(n=60, k=4, seed=3):
    rng = np.random.default_rng(seed)
    values = pd.DataFrame(
        rng.normal(size=(n, k)), columns=[f"i{j}" for j in range(k)], index=[f"R{j:03d}" for j in range(n)]
    )
    values.iloc[::7, 1] = np.nan  # some missing values
    return values


@pytest.mark.parametrize("aggregation", comp.AGGREGATIONS)
def test_sensitivity_bands_contain_the_baseline_rank_and_repeat_with_the_same_seed(aggregation):
    values = _bigger_example()
    result = comp.composite(values, {"i0": 1, "i1": 2, "i2": 1, "i3": 1}, {}, "minmax", aggregation)
    a = comp.sensitivity(result, draws=300, concentration=10, seed=42)
    b = comp.sensitivity(result, draws=300, concentration=10, seed=42)
    c = comp.sensitivity(result, draws=300, concentration=10, seed=43)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert ((a["low"] <= a["rank"]) & (a["rank"] <= a["high"])).all()
    assert ((a["p5"] <= a["median"]) & (a["median"] <= a["p95"])).all()
    assert ((a["low"] <= a["p5"]) & (a["p95"] <= a["high"])).all()
    # The baseline ranks are the composite's own competition ranks.
    expected = result.value.dropna().rank(method="min", ascending=False).astype(int)
    assert a["rank"].to_dict() == expected.to_dict()
    assert set(a.index) == set(result.value.dropna().index)


def test_sensitivity_spread_follows_the_concentration():
    values = _bigger_example()
    result = comp.composite(values, {"i0": 1, "i1": 1, "i2": 1, "i3": 1}, {}, "minmax", "arithmetic")
    wide = comp.sensitivity(result, draws=400, concentration=5, seed=1)
    narrow = comp.sensitivity(result, draws=400, concentration=200, seed=1)
    assert (wide["p95"] - wide["p5"]).mean() > (narrow["p95"] - narrow["p5"]).mean()


def test_dirichlet_draws_centre_on_the_chosen_weights():
    w = comp.dirichlet_weights(np.array([1.0, 2.0, 1.0]), draws=20000, concentration=50, seed=7)
    assert w.shape == (20000, 3)
    assert np.allclose(w.sum(axis=1), 1)
    assert w.mean(axis=0) == pytest.approx([0.25, 0.5, 0.25], abs=0.005)
    assert w[:, 1].std() == pytest.approx(comp.weight_sd(0.5, 50), rel=0.05)


def test_sensitivity_with_one_indicator_cannot_move_ranks():
    result = comp.composite(VALUES, {"x": 1}, HIB)
    sens = comp.sensitivity(result, draws=50, concentration=20, seed=1)
    assert (sens["p5"] == sens["rank"]).all() and (sens["p95"] == sens["rank"]).all()


def test_default_composite_uses_economic_and_innovation_indicators_with_coverage(tables):
    candidates = comp.default_candidates(tables.indicators)
    themes = dict(zip(tables.indicators["id"], tables.indicators["theme"]))
    assert candidates == ["gdp_pc_pps", "gerd_pc_gdp", "industry_share", "patents_per_million"]
    assert all(themes[c] in ("economy", "innovation") for c in candidates)
    assert not set(candidates) & (set(catalogue.composite_notes()) | set(catalogue.size_dependent()))
    regions = tables.regions
    codes = regions[(regions["level"] == 2) & regions["is_eu"]]["code"]
    year = comp.default_year(tables.indicators, tables.indicator_values, codes)
    chosen = comp.default_indicators(tables.indicators, tables.indicator_values, codes, year)
    assert len(chosen) >= 2
    counts = comp.coverage_by_year(tables.indicator_values, codes, chosen).loc[year]
    assert (counts >= comp.DEFAULT_MIN_COVERAGE * len(codes)).all()


def test_indicator_frame_is_regions_by_indicators_with_missing_as_nan():
    values = pd.DataFrame(
        {
            "region": ["A", "B", "A"],
            "indicator": ["x", "x", "y"],
            "year": [2020, 2020, 2020],
            "value": [1.0, 2.0, 3.0],
            "flag": ["", "p", ""],
        }
    )
    wide, flags = comp.indicator_frame(values, ["A", "B", "C"], ["x", "y"], 2020)
    assert wide.loc["A"].tolist() == [1.0, 3.0]
    assert math.isnan(wide.loc["B", "y"]) and wide.loc["C"].isna().all()
    assert flags.loc["B", "x"] == "p"


def test_competition_ranks_equal_pandas_min_ranks_with_many_ties():
    matrix = np.round(np.random.default_rng(5).random((300, 40)), 1)  # ties in every column
    expected = pd.DataFrame(matrix).rank(method="min", ascending=False).astype("int64").to_numpy()
    assert (comp.competition_ranks(matrix) == expected).all()
