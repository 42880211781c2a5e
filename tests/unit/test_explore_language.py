"""The explorer's data texts in French: flags, source lines, plausibility details, URL notices (issue 19)."""

from components.url_state import choose, choose_many
from data.quality import detail_in
from data.queries import flag_text, source_text
from i18n import in_language

OUTLIER = (
    "118,565 in 2014: 6.0 standard deviations below the mean of the region's 7 other values of this series "
    "(136,646, standard deviation 2,990). Eurostat flags a break in series in 2015."
)


def test_flags_in_words_in_french_and_english():
    assert flag_text("bp", "fr") == "rupture de série, provisoire"
    assert flag_text("bp") == "break in time series, provisional"
    assert flag_text("x", "fr") == "x" and flag_text(None, "fr") == ""


def test_a_source_line_keeps_its_names_and_codes_and_translates_its_words():
    assert (
        source_text("Source: Eurostat (tgs00010, nama_10r_2gdp)", "fr")
        == "Source\u00a0: Eurostat (tgs00010, nama_10r_2gdp)"
    )
    assert (
        source_text("Source: Eurostat (a), retrieved 2025-02-10", "fr")
        == "Source\u00a0: Eurostat (a), extrait le 2025-02-10"
    )
    assert source_text("Source: Eurostat (a)", "en") == "Source: Eurostat (a)"


def test_a_series_outlier_detail_in_french_words_and_number_marks():
    assert detail_in(OUTLIER, "fr") == (
        "118\u202f565 en 2014\u00a0: 6,0 écarts-types en dessous de la moyenne des 7 autres valeurs de la série de la "
        "région (136\u202f646, écart-type 2\u202f990). Eurostat signale une rupture de série en 2015."
    )
    assert detail_in(OUTLIER, "en") == OUTLIER
    assert detail_in("something else", "fr") == "something else"  # another check's detail stays as written


def test_the_overview_link_notices_in_french():
    notices = []
    assert choose("zz", {"a"}, "a", "indicator", notices) == "a"
    assert choose_many("A,ZZ", {"A"}, [], "regions", notices) == ["A"]
    assert in_language(notices, "fr") == [
        "Valeur inconnue pour «\u00a0indicateur\u00a0»\u00a0: 'zz'\u202f; affichage de a à la place.",
        "Valeurs inconnues pour «\u00a0régions\u00a0»\u00a0: ZZ (ignorées).",
    ]
