"""Data quality in a real browser: the 2021 labour-force-survey break on a region's time series, and the list of
flagged cells on Data & methods."""

from app import create_app

TS_CARD = 'section[aria-labelledby="region-timeseries-heading"]'


def test_break_marker_on_the_region_time_series_and_the_quality_list_on_data_and_methods(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/region/FRE1?ts=employment_rate")
    card = dash_duo.wait_for_element(TS_CARD, timeout=30)  # below the fold: drawn once scrolled to
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", card)
    dash_duo.wait_for_contains_text(f"{TS_CARD} .legend", "Break in time series (Eurostat flag b)", timeout=30)
    # the break marker is drawn (a point of the break trace) and the text alternative names the year
    assert dash_duo.driver.find_elements("css selector", f"{TS_CARD} .scatterlayer .trace .points path")
    table = dash_duo.find_element(f"{TS_CARD} .chart-alt").get_attribute("textContent")
    assert "2021" in table and "break in time series, definition differs (Nord-Pas de Calais (FRE1))" in table

    dash_duo.driver.get(dash_duo.server.url + "/data")
    dash_duo.wait_for_contains_text("#data-quality-table", "Nord-Pas de Calais (FRE1)", timeout=20)
    text = dash_duo.find_element("#data-quality-table").text
    assert "NACE G47" in text and "13.2% of FR's G47 employment" in text
    assert "Opens on" in dash_duo.find_element("#data-default-years").text
    assert dash_duo.get_logs() == []
