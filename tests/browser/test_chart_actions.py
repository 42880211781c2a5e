"""Every chart card exports PNG and SVG (drawn in the browser) and CSV (the server's tidy frame of the chart),
with a meaningful file name."""

import csv
from pathlib import Path

from app import create_app
from tests.browser.downloads import wait_for_file


def test_map_card_downloads_png_svg_and_csv(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element(".choroplethlayer path", timeout=20)
    folder = Path(dash_duo.download_path)
    for label, suffix in (("PNG", ".png"), ("SVG", ".svg"), ("CSV", ".csv")):
        button = dash_duo.find_element(f"#page-content .chart-actions button[title*='{label}']")
        dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        path = wait_for_file(folder, suffix)
        assert path.name.startswith("gdp-per-inhabitant-in-pps-nuts-2-regions-")
    svg = wait_for_file(folder, ".svg").read_text(encoding="utf-8")
    assert "Source: Eurostat" in svg  # the source line travels with the image
    with wait_for_file(folder, ".csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["indicator", "unit", "year", "region_code", "region_name", "value", "flag", "source"]
    by_code = {r["region_code"]: r for r in rows}
    assert by_code["FRE1"] == {
        "indicator": "GDP per inhabitant in PPS",
        "unit": "PPS per inhabitant",
        "year": "2023",
        "region_code": "FRE1",
        "region_name": "Nord-Pas de Calais",
        "value": "31400",
        "flag": "",
        "source": "Source: Eurostat (nama_10r_2gdp)",
    }
    assert by_code["CH01"]["value"] == ""  # no data stays blank, never 0
    assert dash_duo.get_logs() == []
