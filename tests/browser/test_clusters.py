"""Cluster organisations page in a real browser: monitoring uploads are checked, charted or rejected row by row."""

from dash.testing.wait import until

from app import create_app

FUNDING_TITLE = '[id=\'{"index":"clusters-mon-funding","type":"chart-title"}\']'
FUNDING_GRAPH = '{"index":"clusters-mon-funding","type":"chart-graph"}'
TRACES = """
    const el = document.getElementById(arguments[0]);
    const gd = el && el.querySelector('.js-plotly-plot');
    return gd && gd.data ? gd.data.map(t => t.name) : null;
"""

VALID = """cluster,region,year,fte_cluster_management,private_memberships_eur,public_state_eur,governance
Alpine Test Cluster,FRK,2023,4.5,120000,80000,board of 10
CIMES,FRK,2023,7,300000,,
"""
MALFORMED = """cluster,year,member_type,year_of_membership,in_governance
Alpine Test Cluster,2023,SME,2015,yes
Nowhere Cluster,2023,SME,2016,no
CIMES,twenty,large company,2010,yes
CIMES,2023,startup,2011,no
"""


def text(dash_duo, selector) -> str:
    """textContent through JS: WebDriver's visible-text lookup is very slow on a long table."""
    return dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector
    )


def upload(dash_duo, upload_id, path):
    field = dash_duo.find_element(f"#{upload_id} input[type=file]")
    field.send_keys(str(path))


def test_directory_filter_and_uploads_valid_charted_bad_rows_listed_example_labelled(dash_duo, tmp_path):
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/clusters?year=1800")
    dash_duo.wait_for_contains_text("#clusters-notice", "Unknown year", timeout=15)
    dash_duo.wait_for_contains_text("#clusters-status", "No monitoring file loaded", timeout=15)
    # The directory of named cluster organisations filters by region, links regions and goes into the URL.
    until(lambda: "Céréales Vallée" in text(dash_duo, "#clusters-directory"), timeout=15)
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
        dash_duo.find_element("#clusters-region"),
    )
    dash_duo.select_dcc_dropdown("#clusters-region", "Hauts-de-France (FRE)")
    dash_duo.wait_for_contains_text("#clusters-directory-count", "for this selection", timeout=10)
    until(lambda: "Céréales Vallée" not in text(dash_duo, "#clusters-directory"), timeout=10)
    assert "Team²" in text(dash_duo, "#clusters-directory")
    assert dash_duo.find_element("#clusters-directory a[href$='/region/FRE']")
    until(lambda: "region=FRE" in dash_duo.driver.current_url, timeout=10)
    dash_duo.select_dcc_dropdown("#clusters-region", "Auvergne-Rhône-Alpes (FRK)")
    until(lambda: "Céréales Vallée" in text(dash_duo, "#clusters-directory"), timeout=10)

    good = tmp_path / "management.csv"
    good.write_text(VALID, encoding="utf-8")
    upload(dash_duo, "clusters-upload-management", good)
    dash_duo.wait_for_contains_text("#clusters-status", "Cluster management: 2 rows accepted, 0 rejected", timeout=15)
    dash_duo.wait_for_contains_text(FUNDING_TITLE, "Funding by source, 2023", timeout=10)
    until(
        lambda: "Private funding: memberships" in (dash_duo.driver.execute_script(TRACES, FUNDING_GRAPH) or []),
        timeout=10,
    )

    bad = tmp_path / "members.csv"
    bad.write_text(MALFORMED, encoding="utf-8")
    upload(dash_duo, "clusters-upload-members", bad)
    dash_duo.wait_for_contains_text("#clusters-status", "Cluster members: 1 row accepted, 3 rejected", timeout=15)
    status = dash_duo.find_element("#clusters-status").text
    assert "line 3: unknown cluster 'Nowhere Cluster'" in status
    assert "line 4: year 'twenty' is not a number" in status
    assert "line 5: member_type 'startup' is not one of" in status

    wrong = tmp_path / "objectives.csv"
    wrong.write_text("name,value\nx,1\n", encoding="utf-8")
    upload(dash_duo, "clusters-upload-objectives", wrong)
    dash_duo.wait_for_contains_text("#clusters-status", "Operational objectives: objectives.csv rejected", timeout=15)
    assert "missing required columns" in dash_duo.find_element("#clusters-status").text
    # The rest of the page still works: the funding chart kept its data, the directory answers its filter.
    assert "Private funding: memberships" in dash_duo.driver.execute_script(TRACES, FUNDING_GRAPH)
    assert "Céréales Vallée" in text(dash_duo, "#clusters-directory")

    # The example files replace the uploads, and say everywhere that they are invented.
    switch = dash_duo.find_element("#clusters-example")
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'}); arguments[0].click();", switch
    )
    dash_duo.wait_for_contains_text("#clusters-status", "invented values", timeout=15)
    dash_duo.wait_for_contains_text(FUNDING_TITLE, "EXAMPLE DATA", timeout=10)
    until(lambda: "example=1" in dash_duo.driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []
