from components.url_state import choose, choose_many, to_search


def test_unknown_value_falls_back_with_a_notice():
    notices = []
    assert choose("nope", {"a", "b"}, "a", "indicator", notices) == "a"
    assert notices and "nope" in notices[0]


def test_wrong_type_falls_back():
    notices = []
    assert choose("20x1", {2021}, 2021, "year", notices, cast=int) == 2021
    assert notices


def test_repeated_parameter_takes_the_last():
    assert choose(["a", "b"], {"a", "b"}, "a", "x", []) == "b"


def test_list_keeps_known_values_in_order_and_limits():
    notices = []
    assert choose_many("B,A,ZZ,B,C", {"A", "B", "C"}, [], "regions", notices, limit=2) == ["B", "A"]
    assert len(notices) == 2


def test_state_round_trips_and_defaults_stay_out_of_the_link():
    search = to_search({"indicator": "gdp", "year": 2021, "regions": ["FRE1", "FRB0"]}, {"indicator": "gdp"})
    assert search == "?year=2021&regions=FRE1,FRB0"
    assert to_search({"a": None}) == ""
