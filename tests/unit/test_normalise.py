import math

import pandas as pd
import pytest

from data.normalise import competition_rank, normalise


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
    ranks = competition_rank(pd.Series([10.0, 8.0, 8.0, 5.0, None]))
    assert ranks.tolist()[:4] == [1, 2, 2, 4]
    assert ranks.isna().tolist()[4]


def test_lower_is_better_ranks_the_smallest_first():
    assert competition_rank(pd.Series([3.0, 9.0, 1.0]), higher_is_better=False).tolist() == [2, 3, 1]


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="normalisation"):
        normalise(pd.Series([1.0]), "log")
