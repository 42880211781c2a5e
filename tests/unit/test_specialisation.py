import math

import pandas as pd
import pytest

from data.specialisation import is_agglomeration, location_quotient, regions_specialised_in


def test_location_quotient_by_hand():
    # region: 30 of 100 in the activity; EU: 1,000 of 10,000 -> (0.3) / (0.1) = 3
    assert location_quotient(30, 100, 1_000, 10_000) == pytest.approx(3)


def test_location_quotient_of_missing_employment_is_missing():
    assert math.isnan(location_quotient(float("nan"), 100, 1_000, 10_000))


def test_agglomeration_needs_both_thresholds_and_never_counts_missing():
    lq = pd.Series([2.0, 2.0, 1.2, float("nan")])
    share = pd.Series([0.05, 0.005, 0.2, 0.5])
    assert is_agglomeration(lq, share).tolist() == [True, False, False, False]


def test_regions_specialised_in_an_ecosystem():
    eco = pd.DataFrame({"region": ["A", "B", "C"], "ecosystem_id": ["IES01", "IES01", "IES02"],
                        "lq": [1.6, 1.4, 3.0], "share": [0.02, 0.02, 0.02]})
    assert regions_specialised_in(eco, "IES01") == ["A"]
    assert regions_specialised_in(eco, "IES01", lq_min=1.0) == ["A", "B"]
