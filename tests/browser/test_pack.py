"""The peer-review pack from the browser: the button, progress, the download, a .pptx python-pptx opens."""

import io
from pathlib import Path

from pptx import Presentation

from app import create_app
from tests.browser.downloads import wait_for_file


def test_region_pack_downloads_a_powerpoint_of_the_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/region/FRE1?year=2021")
    dash_duo.wait_for_text_to_equal(f"#{'region-pack-button'}", "Peer-review pack (PowerPoint)", timeout=20)
    dash_duo.wait_for_element("#region-cards .headline-card", timeout=20)
    dash_duo.find_element("#region-pack-button").click()
    # While the charts are drawn the button is disabled and a progress bar with a cancel button shows.
    dash_duo.wait_for_style_to_equal("#region-pack-progress-wrap", "display", "block", timeout=10)
    assert not dash_duo.find_element("#region-pack-button").is_enabled()
    # The pack is made in another process: the page's own callbacks answer meanwhile.
    dash_duo.wait_for_contains_text("#region-similar", "Picardie", timeout=20)
    dash_duo.driver.execute_script("document.querySelector('#region-excl input').click();")
    dash_duo.wait_for_contains_text("#region-similar", "Prov. Hainaut", timeout=10)
    assert "Picardie" not in dash_duo.find_element("#region-similar").text
    assert dash_duo.find_element("#region-pack-progress-wrap").value_of_css_property("display") == "block"
    path = wait_for_file(Path(dash_duo.download_path), ".pptx", timeout=60)
    assert path.name == "peer-review-FRE1-2021.pptx"
    dash_duo.wait_for_contains_text("#region-pack-status", "slides", timeout=30)
    dash_duo.wait_for_style_to_equal("#region-pack-progress-wrap", "display", "none", timeout=10)
    assert dash_duo.find_element("#region-pack-button").is_enabled()
    slides = list(Presentation(io.BytesIO(path.read_bytes())).slides)
    assert slides[0].shapes[0].text_frame.text == "Nord-Pas de Calais (FRE1)"
    assert len(slides) >= 8
    assert dash_duo.get_logs() == []
