from components.url_state import choose, choose_many, number_in_range, to_search


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


def test_every_term_given_to_a_link_check_is_extracted_for_the_catalogue():
    """A literal label of choose()/choose_many()/number_in_range() in a state module reaches the catalogue through
    extract.sh's keywords (choose:4 ...); a set literal or a *argument before it hides it from pybabel's count."""
    import ast
    from pathlib import Path

    from babel.messages.extract import extract_from_file

    keywords = {"choose": (4,), "choose_many": (4,), "number_in_range": (5,)}
    for path in sorted(Path("state").glob("*.py")):
        extracted = {message for _line, message, _comments, _context in extract_from_file("python", path, keywords)}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", None)
            if name in keywords and len(node.args) > keywords[name][0] - 1:
                label = node.args[keywords[name][0] - 1]
                starred = any(isinstance(arg, ast.Starred) for arg in node.args[: keywords[name][0]])
                assert not starred, f"{path}:{node.lineno}: a *argument moves the label from pybabel's position"
                if isinstance(label, ast.Constant) and isinstance(label.value, str):
                    assert label.value in extracted, f"{path}:{node.lineno}: {label.value!r} is not extracted"


def test_the_terms_once_hidden_from_extraction_are_french_in_notices():
    from i18n import in_language

    notices = []
    choose("7", (0, 1), 1, "EU-only setting", notices, cast=int)
    choose("7", (0, 1, 2), 2, "NUTS level", notices, cast=int)
    choose("7", (0, 1), 0, "country option", notices, cast=int)
    number_in_range("9", 1.0, 5.0, 1.5, "LQ threshold", notices, default_text="1.5")
    french = in_language(notices, "fr")
    for term in ("réglage UE uniquement", "Niveau NUTS", "option d’exclusion du pays", "seuil de QL"):
        assert any(f"«\u00a0{term}\u00a0»" in notice for notice in french), (term, french)


def test_a_refused_value_with_nothing_chosen_by_default_says_it_is_ignored():
    from i18n import in_language

    notices = []
    assert choose("zz", {"a"}, "", "ecosystem", notices) == ""
    assert choose("1800", {2020}, None, "year", notices, cast=int) is None
    assert number_in_range("9", 0, 1, None, "composite threshold", notices, default_text="") is None
    assert notices == [
        "Unknown ecosystem 'zz' (ignored).",
        "Unknown year '1800' (ignored).",
        "Unknown composite threshold '9' (use 0 to 1; ignored).",
    ]
    assert in_language(notices, "fr") == [
        "Valeur inconnue pour «\u00a0écosystème\u00a0»\u00a0: 'zz' (ignorée).",
        "Valeur inconnue pour «\u00a0année\u00a0»\u00a0: '1800' (ignorée).",
        "Valeur inconnue pour «\u00a0seuil du composite\u00a0»\u00a0: '9' (de 0 à 1\u202f; ignorée).",
    ]
    kept = []
    choose("zz", {"a"}, "a", "indicator", kept)
    assert kept == ["Unknown indicator 'zz': showing a instead."]  # a default to name: named, as before


def test_a_number_range_in_a_notice_is_written_as_numbers_of_the_language():
    from i18n import in_language

    notices = []
    number_in_range("9", 1.0, 5.0, 1.5, "LQ threshold", notices, default_text=1.5)
    assert notices == ["Unknown LQ threshold '9' (use 1 to 5): showing 1.5 instead."]  # not '1.0 to 5.0'
    (french,) = in_language(notices, "fr")
    assert "(de 1 à 5)" in french and "affichage de 1,5 à la place" in french, french
