"""Slides in a real browser: a deck from the URL moved with the arrow keys and the buttons, the editor, bad links."""

from dataclasses import replace

from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from app import create_app
from settings import Settings

FRAME_SRC = "return document.getElementById('slides-frame').getAttribute('src');"


def frame_src(dash_duo):
    return dash_duo.driver.execute_script(FRAME_SRC) or ""


def click(dash_duo, selector):
    """Click a control after scrolling it to the middle of the window."""
    element = dash_duo.find_element(selector)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)


def test_deck_moves_with_arrow_keys_and_buttons_and_the_url_follows(dash_duo):
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/slides?view=/region/FRE1&view=/compare&view=/rankings")
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 3", timeout=15)
    src = frame_src(dash_duo)
    assert src.startswith("/region/FRE1?") and "embed=1" in src
    assert dash_duo.find_element("#slides-frame").get_attribute("title") == "Slide 1 of 3: /region/FRE1"
    assert dash_duo.find_element("#slides-prev").get_attribute("disabled")
    # The slide is the embedded view itself (same origin, no navbar).
    until(
        lambda: dash_duo.driver.execute_script(
            "const d = document.getElementById('slides-frame').contentDocument;"
            "return !!(d && d.body && d.body.classList.contains('embed') && d.querySelector('#page-content h1'));"
        ),
        timeout=20,
    )

    dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 2 of 3", timeout=10)
    until(lambda: frame_src(dash_duo).startswith("/compare?"), timeout=10)
    assert "embed=1" in frame_src(dash_duo)
    until(lambda: "i=2" in dash_duo.driver.current_url, timeout=10)
    assert dash_duo.driver.current_url.count("view=") == 3

    dash_duo.find_element("#slides-prev").click()
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 3", timeout=10)
    until(lambda: frame_src(dash_duo).startswith("/region/FRE1?"), timeout=10)
    until(lambda: "i=1" in dash_duo.driver.current_url, timeout=10)

    # Keys pressed while the focus is inside the slide move the deck too.
    dash_duo.driver.find_element("css selector", "#slides-next").click()
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 2 of 3", timeout=10)
    until(
        lambda: dash_duo.driver.execute_script(
            "const d = document.getElementById('slides-frame').contentDocument;"
            "return !!(d && d.eucSlidesKeys && d.querySelector('#page-content h1'));"
        ),
        timeout=20,
    )
    dash_duo.driver.switch_to.frame(dash_duo.find_element("#slides-frame"))
    dash_duo.driver.find_element("css selector", "body").send_keys(Keys.PAGE_DOWN)
    dash_duo.driver.switch_to.default_content()
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 3 of 3", timeout=10)
    until(lambda: frame_src(dash_duo).startswith("/rankings?"), timeout=10)
    assert dash_duo.find_element("#slides-next").get_attribute("disabled")
    assert dash_duo.get_logs() == []


def test_editor_opens_a_deck_and_edit_returns_with_the_links(dash_duo):
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/slides")
    dash_duo.wait_for_element("#slides-text", timeout=15)
    text = dash_duo.find_element("#slides-text")
    text.send_keys("/region/FRE1?year=2021")
    text.send_keys(Keys.ENTER)
    text.send_keys(dash_duo.server.url + "/rankings?indicator=unemployment_rate")  # a full link of this app
    click(dash_duo, "#slides-open")
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 2", timeout=15)
    assert "/slides?" in dash_duo.driver.current_url and "i=1" in dash_duo.driver.current_url
    assert frame_src(dash_duo).startswith("/region/FRE1?year=2021&embed=1")
    dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#slides-current", "/rankings?indicator=unemployment_rate", timeout=10)

    dash_duo.find_element("#slides-edit").click()
    dash_duo.wait_for_element("#slides-text", timeout=10)
    until(
        lambda: (
            dash_duo.find_element("#slides-text").get_attribute("value")
            == "/region/FRE1?year=2021\n/rankings?indicator=unemployment_rate"
        ),
        timeout=10,
    )

    # A line that is no link to this app keeps the editor open, with the reason.
    text = dash_duo.find_element("#slides-text")
    text.send_keys(Keys.ENTER, "javascript:alert(1)")
    click(dash_duo, "#slides-open")
    dash_duo.wait_for_contains_text("#slides-open-note", "javascript:alert(1)", timeout=10)
    assert "/slides?" in dash_duo.driver.current_url and "edit=1" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_editor_fills_from_a_text_file_and_refuses_other_files(dash_duo, tmp_path):
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/slides")
    dash_duo.wait_for_element("#slides-upload input[type=file]", timeout=15)
    deck = tmp_path / "meeting.txt"
    deck.write_text("# Monday\n/compare\n/policy\n", encoding="utf-8")
    dash_duo.find_element("#slides-upload input[type=file]").send_keys(str(deck))
    dash_duo.wait_for_contains_text("#slides-upload-note", "Loaded 2 links from meeting.txt", timeout=10)
    assert dash_duo.find_element("#slides-text").get_attribute("value") == "# Monday\n/compare\n/policy\n"
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dash_duo.find_element("#slides-upload input[type=file]").send_keys(str(image))
    dash_duo.wait_for_contains_text("#slides-upload-note", "chart.png is not a text file", timeout=10)
    assert dash_duo.find_element("#slides-text").get_attribute("value") == "# Monday\n/compare\n/policy\n"
    click(dash_duo, "#slides-open")
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 2", timeout=15)
    assert dash_duo.get_logs() == []


def test_bad_links_and_numbers_give_notices_not_errors(dash_duo):
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(
        dash_duo.server.url + "/slides?view=https://evil.example/&view=javascript:alert(1)"
        "&view=/region/FRE1&view=%3Cgarbage%3E&view=/compare&i=999"
    )
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 2 of 2", timeout=15)
    dash_duo.wait_for_contains_text("#slides-notice", "Left out 3 links", timeout=5)
    notice = dash_duo.find_element("#slides-notice").text
    assert "evil.example" in notice and "showing slide 2 instead of 999" in notice
    assert frame_src(dash_duo).startswith("/compare?")

    dash_duo.driver.get(dash_duo.server.url + "/slides?view=/compare&i=abc")
    dash_duo.wait_for_contains_text("#slides-notice", "Unknown slide number 'abc'", timeout=15)
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 1", timeout=5)

    dash_duo.driver.get(dash_duo.server.url + "/slides?view=https://evil.example/")
    dash_duo.wait_for_contains_text("#slides-notice", "cannot be a slide", timeout=15)
    assert dash_duo.find_element("#slides-text").get_attribute("value") == ""  # the editor, empty
    assert dash_duo.get_logs() == []


def test_present_mode_reaches_every_slide(dash_duo):
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/slides?view=/data&view=/policy&present=1")
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 2", timeout=15)
    assert "present=1" in frame_src(dash_duo) and "embed=1" in frame_src(dash_duo)
    dash_duo.find_element("#share-present").click()  # presentation off: the slide follows without a reload
    until(
        lambda: dash_duo.driver.execute_script(
            "const d = document.getElementById('slides-frame').contentDocument;"
            "return d && d.body && !d.body.classList.contains('present') && d.body.classList.contains('embed');"
        ),
        timeout=10,
    )
    dash_duo.find_element("#slides-next").click()
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 2 of 2", timeout=10)
    until(lambda: "i=2" in dash_duo.driver.current_url, timeout=10)
    assert "present=1" not in dash_duo.driver.current_url
    until(lambda: frame_src(dash_duo).startswith("/policy?"), timeout=10)
    assert "present=1" not in frame_src(dash_duo)  # the modes of the URL at the click, not of the first render
    until(
        lambda: dash_duo.driver.execute_script(
            "const d = document.getElementById('slides-frame').contentDocument;"
            "return d && d.body && d.readyState === 'complete' && !d.body.classList.contains('present');"
        ),
        timeout=10,
    )
    assert dash_duo.get_logs() == []


def test_deck_under_a_path_prefix(dash_duo):
    settings = replace(
        Settings.from_env(), requests_pathname_prefix="/portal/cluster/", routes_pathname_prefix="/portal/cluster/"
    )
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.start_server(create_app(settings), navigate=False)
    base = dash_duo.server.url.rstrip("/") + "/portal/cluster"
    # A link pasted with the prefix is reduced to the app's own path, then given the prefix back.
    dash_duo.driver.get(base + "/slides?view=/portal/cluster/region/FRE1&view=/rankings")
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 1 of 2", timeout=20)
    assert dash_duo.find_element("#slides-current").text == "/region/FRE1"
    assert frame_src(dash_duo).startswith("/portal/cluster/region/FRE1?embed=1")
    assert dash_duo.find_element("#slides-open-view").get_attribute("href").endswith("/portal/cluster/region/FRE1")
    until(
        lambda: dash_duo.driver.execute_script(
            "const d = document.getElementById('slides-frame').contentDocument;"
            "return !!(d && d.querySelector('#page-content h1'));"
        ),
        timeout=20,
    )
    dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal("#slides-position", "Slide 2 of 2", timeout=10)
    until(lambda: frame_src(dash_duo).startswith("/portal/cluster/rankings?embed=1"), timeout=10)
    until(
        lambda: "/portal/cluster/slides?" in dash_duo.driver.current_url and "i=2" in dash_duo.driver.current_url,
        timeout=10,
    )
    assert dash_duo.find_element("#slides-edit").get_attribute("href").startswith(base + "/slides?")
    assert dash_duo.get_logs() == []
