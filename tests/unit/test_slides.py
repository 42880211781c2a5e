"""Slides URL state: links to this app only, prefix and host stripped, slides capped, slide number clamped."""

import base64
from urllib.parse import parse_qs

import pytest

from state import slides as st

KNOWN = ["/", "/regions", "/region/<code>", "/compare", "/rankings", "/policy", "/data"]


def _query(search):
    parsed = parse_qs(search.lstrip("?"), keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


def test_search_and_parse_round_trip_keeps_order_and_queries_of_the_views():
    views = ["/region/FRE1?year=2021", "/compare?regions=FRE1,BE3&view=bars", "/rankings", "/"]
    search = st.slides_search(views, 2)
    assert search.count("view=") == 4 and search.endswith("&i=2")
    assert "%26" in search  # the & inside a view is encoded, not a separator of the deck's link
    state, notices = st.parse_slides(_query(search), known=KNOWN)
    assert notices == []
    assert state["views"] == views and state["i"] == 2 and not state["edit"]


def test_edit_search_opens_the_editor_with_the_links():
    state, notices = st.parse_slides(_query(st.slides_search(["/rankings"], edit=True)), known=KNOWN)
    assert state["edit"] and state["views"] == ["/rankings"] and notices == []


def test_single_view_and_no_view():
    state, _ = st.parse_slides({"view": "/region/FRE1"}, known=KNOWN)
    assert state["views"] == ["/region/FRE1"] and state["i"] == 1 and not state["edit"]
    state, notices = st.parse_slides({}, known=KNOWN)
    assert state["views"] == [] and state["edit"] and notices == []
    assert st.slides_search([]) == ""


@pytest.mark.parametrize(
    "raw",
    [
        "https://evil.example/",
        "http://evil.example/region/FRE1",
        "//evil.example/region/FRE1",
        "javascript:alert(1)",
        " JavaScript:alert(document.cookie)",
        "java\nscript:alert(1)",
        "data:text/html,<b>x</b>",
        "mailto:someone@example.org",
        "/\\evil.example",
        "\\\\evil.example",
        "region/FRE1",
        "/nope",
        "/download/regions.csv",
        "/assets/slides.js",
        "/geo/nuts2.geojson",
        "/slides?view=/rankings",
        "/region/FRE1/extra",
        "/region/<script>",
        "/rankings?" + "x" * 2000,
        42,
        None,
    ],
)
def test_hostile_or_unknown_links_are_rejected_with_a_reason(raw):
    link, why = st.normalize_link(raw, known=KNOWN)
    assert link is None and why


def test_absolute_links_to_this_app_are_accepted_with_their_host_only():
    host = "observatory.example:8050"
    assert st.normalize_link("https://observatory.example:8050/region/FRE1?year=2021", host=host, known=KNOWN) == (
        "/region/FRE1?year=2021",
        "",
    )
    assert st.normalize_link("http://OBSERVATORY.example:8050/rankings", host=host, known=KNOWN)[0] == "/rankings"
    assert st.normalize_link("https://observatory.example/rankings", host=host, known=KNOWN)[0] is None  # other port
    assert st.normalize_link("https://user:pw@observatory.example:8050/rankings", host=host, known=KNOWN)[0] is None
    assert st.normalize_link("ftp://observatory.example:8050/rankings", host=host, known=KNOWN)[0] is None


def test_the_app_prefix_is_stripped():
    prefix = "/portal/cluster/"
    assert st.normalize_link("/portal/cluster/region/FRE1", prefix, known=KNOWN) == ("/region/FRE1", "")
    assert st.normalize_link("/portal/cluster", prefix, known=KNOWN) == ("/", "")
    assert st.normalize_link("/portal/cluster/", prefix, known=KNOWN) == ("/", "")
    assert st.normalize_link("/region/FRE1", prefix, known=KNOWN) == ("/region/FRE1", "")  # already app-relative
    assert st.normalize_link("https://h.example/portal/cluster/compare?regions=FRE1", prefix, "h.example", KNOWN) == (
        "/compare?regions=FRE1",
        "",
    )
    assert st.strip_prefix("/portal/clusterx/region", prefix) == "/portal/clusterx/region"


def test_display_parameters_are_left_to_the_deck_and_a_trailing_slash_is_dropped():
    link, _ = st.normalize_link("/rankings/?embed=1&present=1&theme=dark&indicator=gdp_pc_pps#x", known=KNOWN)
    assert link == "/rankings?indicator=gdp_pc_pps#x"
    link, _ = st.normalize_link("/policy#</script>", known=KNOWN)
    assert link == "/policy"  # an odd fragment is dropped


def test_view_src_adds_embed_and_the_deck_display_modes():
    assert st.view_src("/region/FRE1?year=2021") == "/region/FRE1?year=2021&embed=1"
    assert st.view_src("/", present=True, theme="dark") == "/?embed=1&present=1&theme=dark"
    assert (
        st.view_src("/compare?regions=FRE1,BE3&embed=0#top", present=True)
        == "/compare?regions=FRE1,BE3&embed=1&present=1#top"
    )


def test_the_deck_language_goes_to_every_slide_and_replaces_the_links_own():
    assert st.parse_slides({"view": "/", "lang": "FR"}, known=KNOWN)[0]["lang"] == "fr"
    assert st.parse_slides({"view": "/", "lang": "xx"}, known=KNOWN)[0]["lang"] == ""  # unknown: none of its own
    assert st.view_src("/region/FRE1?lang=en&year=2021", lang="fr") == "/region/FRE1?year=2021&lang=fr&embed=1"
    assert st.view_src("/region/FRE1?lang=en") == "/region/FRE1?lang=en&embed=1"  # no deck language: as linked
    assert st.slides_search(["/"], 1, lang="fr") == "?view=/&i=1&lang=fr"


def test_notices_translate_themselves_with_their_reasons():
    _state, notices = st.parse_slides({"view": ["/", "https://evil.example/", "/slides"], "i": "9"}, known=KNOWN)
    left_out, clamped = (notice.in_language("fr") for notice in notices)
    assert left_out.startswith("2 liens écartés, qui ne peuvent pas être des diapositives\u00a0: 'https://evil")
    assert "; '/slides'\u00a0: une présentation ne peut pas afficher une autre présentation." in left_out
    assert clamped == "La présentation compte 1 diapositive\u00a0: affichage de la diapositive 1 au lieu de la 9."
    assert notices[1] == "The deck has 1 slide: showing slide 1 instead of 9."  # English as before
    _text, problem = st.decode_upload("data:text/plain;base64,@@@", "x.txt")
    assert (
        problem.in_language("fr")
        == "x.txt n’a pas pu être lu\u00a0: choisissez un fichier .txt avec un lien par ligne."
    )


def test_bad_views_are_dropped_with_one_visible_notice():
    query = {"view": ["/region/FRE1", "https://evil.example/", "javascript:alert(1)", "garbage", "", "/compare"]}
    state, notices = st.parse_slides(query, known=KNOWN)
    assert state["views"] == ["/region/FRE1", "/compare"]
    assert len(notices) == 1 and "Left out 3 links" in notices[0] and "evil.example" in notices[0]


def test_only_bad_views_open_the_editor_with_the_notice():
    state, notices = st.parse_slides({"view": "https://evil.example/"}, known=KNOWN)
    assert state["edit"] and state["views"] == [] and "cannot be a slide" in notices[0]


def test_many_bad_views_are_summarised():
    state, notices = st.parse_slides({"view": [f"https://evil{n}.example/" for n in range(40)]}, known=KNOWN)
    assert "Left out 40 links" in notices[0] and "and 35 more" in notices[0]


def test_number_of_slides_is_capped():
    state, notices = st.parse_slides({"view": ["/rankings"] * 45}, known=KNOWN)
    assert len(state["views"]) == st.MAX_SLIDES
    assert any(f"At most {st.MAX_SLIDES} slides" in n for n in notices)


@pytest.mark.parametrize(
    "raw, expected, notice",
    [
        ("2", 2, None),
        (None, 1, None),
        ("", 1, None),
        ("abc", 1, "Unknown slide number"),
        ("999", 3, "showing slide 3 instead of 999"),
        ("0", 1, "showing slide 1 instead of 0"),
        ("-4", 1, "instead of -4"),
        (["1", "3"], 3, None),
    ],
)
def test_slide_number_is_clamped(raw, expected, notice):
    state, notices = st.parse_slides({"view": ["/", "/regions", "/compare"], "i": raw}, known=KNOWN)
    assert state["i"] == expected
    assert (notice is None and notices == []) or (notice and notice in notices[0])


def test_step_stays_in_the_deck():
    assert st.step(1, 3, -1) == 1 and st.step(1, 3, 1) == 2 and st.step(3, 3, 1) == 3 and st.step(9, 3, -1) == 3


def test_display_modes_of_the_deck():
    state, _ = st.parse_slides({"view": "/", "present": "1", "theme": "dark"}, known=KNOWN)
    assert state["present"] and state["theme"] == "dark"
    state, _ = st.parse_slides({"view": "/", "present": "yes", "theme": "<b>"}, known=KNOWN)
    assert not state["present"] and state["theme"] == ""


def test_lines_of_an_editor_text_skip_blanks_and_comments():
    text = "# Monday meeting\n/region/FRE1\r\n\n   /compare  \n#/rankings\n"
    assert st.lines_of(text) == ["/region/FRE1", "/compare"]
    assert st.lines_of(None) == []
    assert st.lines_of(st.editor_text(["/a", "/b"])) == ["/a", "/b"]


def _data_url(data: bytes, mime="text/plain"):
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def test_decode_upload_reads_text_and_refuses_binary_or_large_files():
    text, problem = st.decode_upload(_data_url("\ufeff/region/FRE1\n/compare\n".encode()), "deck.txt")
    assert text == "/region/FRE1\n/compare\n" and problem == ""
    text, problem = st.decode_upload(_data_url(b"\x89PNG\r\n\x1a\n\x00\x00"), "chart.png")
    assert text is None and "chart.png is not a text file" in problem
    text, problem = st.decode_upload(_data_url(b"/region/FRE1\n" * 5000), "big.txt")
    assert text is None and "too large" in problem
    text, problem = st.decode_upload(_data_url("caf\xe9".encode("latin-1")), "latin.txt")
    assert text is None and "not a text file" in problem
    text, problem = st.decode_upload("not a data url", "x.txt")
    assert text is None and "could not be read" in problem
    text, problem = st.decode_upload("data:text/plain;base64,@@@", "x.txt")
    assert text is None and "could not be read" in problem


def test_links_to_the_public_origin_are_accepted_behind_a_proxy_that_dropped_the_port():
    # nginx `proxy_set_header Host $host`: the app sees observatory.example, the browser's link has :8443.
    origins = ["https://observatory.example:8443", "observatory.example"]
    link = "https://observatory.example:8443/region/FRE1?year=2021"
    assert st.normalize_link(link, host=origins, known=KNOWN)[0] == "/region/FRE1?year=2021"
    assert st.normalize_link(link, host="observatory.example", known=KNOWN)[0] is None  # without the setting
    assert (
        st.normalize_link("https://observatory.example:443/rankings", host="observatory.example", known=KNOWN)[0]
        == "/rankings"
    )  # the default port is the same origin
    assert st.normalize_link("https://evil.example:8443/rankings", host=origins, known=KNOWN)[0] is None
    assert st.normalize_link("http://observatory.example:8443/rankings", host=origins[:1], known=KNOWN)[0] is None


def test_public_url_setting_is_validated():
    import pytest

    from settings import Settings, SettingsError

    assert Settings.from_env({"PUBLIC_URL": "https://obs.example:8443/"}).public_url == "https://obs.example:8443"
    with pytest.raises(SettingsError):
        Settings.from_env({"PUBLIC_URL": "obs.example/portal"})
