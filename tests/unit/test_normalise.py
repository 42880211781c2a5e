import math

import numpy as np
import pandas as pd
import pytest

from data.normalise import normalise, ranks_within


def test_minmax_puts_best_at_one_and_turns_round_when_lower_is_better():
    s = pd.Series([2.0, 4.0, 6.0])
    assert normalise(s).tolist() == [0.0, 0.5, 1.0]
    assert normalise(s, higher_is_better=False).tolist() == [1.0, 0.5, 0.0]


def test_missing_values_stay_missing():
    out = normalise(pd.Series([1.0, None, 3.0]))
    assert math.isnan(out[1]) and out[0] == 0 and out[2] == 1


def test_zscore_and_rank():
    s = pd.Series([1.0, 2.0, 3.0])
    assert normalise(s, "zscore").tolist() == pytest.approx([-1.2247, 0.0, 1.2247], abs=1e-4)
    assert normalise(s, "rank").tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_no_spread_gives_a_neutral_score():
    assert normalise(pd.Series([5.0, 5.0])).tolist() == [0.5, 0.5]


def test_competition_ranking_shares_ties_and_skips():
    assert ranks_within(np.array([10.0, 8.0, 8.0, 5.0]), np.zeros(4, "int64")).tolist() == [1, 2, 2, 4]


def test_ranks_start_again_in_each_group():
    values = np.array([3.0, 9.0, 1.0, 7.0])
    assert ranks_within(values, np.array([0, 1, 0, 1])).tolist() == [1, 1, 2, 2]
    assert ranks_within(-values, np.zeros(4, "int64")).tolist() == [2, 4, 1, 3]  # lower is better: turned round


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="normalisation"):
        normalise(pd.Series([1.0]), "log")
