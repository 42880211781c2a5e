"""A page's controls on a phone (components/filters.py): folded into a side panel opened by "Filters", which the
keyboard reaches, which is a labelled dialog while open and gives the focus back when closed; inline at a desk."""

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from app import create_app
from tests.browser.axe_audit import AUDIT, AXE, audit

PANEL = "#overview-filters"


@pytest.fixture(scope="module")
def dash_app():
    return create_app()


def _size(dash_duo, width, height):
    dash_duo.driver.set_window_size(width, height)
    inner = dash_duo.driver.execute_script("return [window.innerWidth, window.innerHeight];")
    dash_duo.driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


def _visible(dash_duo, selector) -> bool:
    return dash_duo.driver.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "const r = el.getBoundingClientRect();"
        "return getComputedStyle(el).visibility === 'visible' && r.width > 0 && r.left >= 0 && r.right <= innerWidth;",
        selector,
    )


def _audit_panel(dash_duo):
    """axe on the open dialog (the page behind it is dimmed by the backdrop, so its contrast would fail)."""
    dash_duo.driver.execute_script(AXE)
    return dash_duo.driver.execute_async_script(AUDIT.replace("axe.run(document,", "axe.run('#overview-filters',"))


def test_on_a_phone_the_controls_open_from_a_filters_button_and_close_with_escape(dash_duo, dash_app):
    dash_duo.start_server(dash_app)
    _size(dash_duo, 390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#overview-indicator", timeout=20)
    button = dash_duo.find_element("[data-filters-open][aria-controls='overview-filters']")
    until(lambda: not _visible(dash_duo, PANEL), 5, msg="the panel folded away")
    assert button.is_displayed() and button.get_attribute("aria-expanded") == "false"

    # by keyboard: the button takes the focus and Enter opens a labelled dialog with the focus inside
    dash_duo.driver.execute_script("arguments[0].focus();", button)
    button.send_keys(Keys.ENTER)
    until(lambda: _visible(dash_duo, PANEL), 5, msg="the panel open (slid in)")
    panel = dash_duo.find_element(PANEL)
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-modal") == "true"
    assert panel.get_attribute("aria-labelledby") == "overview-filters-title"
    assert [v for v in _audit_panel(dash_duo) if v["impact"] in ("serious", "critical")] == []
    assert dash_duo.find_element("#overview-filters-title").text == "Filters"
    assert dash_duo.driver.execute_script(f"return document.querySelector('{PANEL}').contains(document.activeElement);")
    assert _visible(dash_duo, "#overview-indicator") and button.get_attribute("aria-expanded") == "true"

    # a choice in a dropdown (its menu drawn outside the panel) changes the view and leaves the panel open
    dash_duo.find_element("#overview-indicator").click()
    option = next(o for o in dash_duo.find_elements(".dash-dropdown-option") if o.text.startswith("Unemployment rate"))
    option.click()
    until(lambda: "indicator=unemployment_rate" in dash_duo.driver.current_url, 10, msg="the choice in the link")
    assert _visible(dash_duo, PANEL)
    dash_duo.driver.execute_script("arguments[0].focus();", dash_duo.find_element("#overview-filters .btn-close"))

    # Escape in an open dropdown closes the dropdown, not the panel
    dash_duo.find_element("#overview-indicator").click()
    dash_duo.wait_for_element(".dash-dropdown-options", timeout=5)
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    until(lambda: not dash_duo.find_elements(".dash-dropdown-options"), 5, msg="the dropdown closed")
    assert _visible(dash_duo, PANEL)
    dash_duo.driver.execute_script("arguments[0].focus();", dash_duo.find_element("#overview-filters .btn-close"))

    # Tab stays inside the dialog; Escape closes it and gives the focus back to the button
    for _ in range(12):
        dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
        assert dash_duo.driver.execute_script(
            f"return document.querySelector('{PANEL}').contains(document.activeElement);"
        )
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    until(lambda: not _visible(dash_duo, PANEL), 5, msg="the panel closed")
    assert dash_duo.driver.switch_to.active_element == button
    assert panel.get_attribute("role") is None and panel.get_attribute("aria-labelledby") is None
    # folded, at 390 px (polled: the button's colours fade in 0.15 s as it takes the focus back)
    until(lambda: not [v for v in audit(dash_duo) if v["impact"] in ("serious", "critical")], 5, msg="axe clean")

    # at a desk the controls stand inline and the button is gone
    _size(dash_duo, 1280, 900)
    until(lambda: _visible(dash_duo, "#overview-indicator"), 5, msg="inline controls")
    assert not button.is_displayed()
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(
    ("page", "control"), [("rankings", "#rankings-indicator"), ("programmes", "#programmes-programme")]
)
def test_rankings_and_programmes_controls_fold_on_a_phone(dash_duo, dash_app, page, control):
    dash_duo.start_server(dash_app)
    _size(dash_duo, 390, 844)
    dash_duo.driver.get(dash_duo.server_url + f"/{page}")
    dash_duo.wait_for_element(control, timeout=20)
    panel = f"#{page}-filters"
    until(lambda: not _visible(dash_duo, panel), 5, msg="the panel folded away")
    dash_duo.find_element(f"[data-filters-open][aria-controls='{page}-filters']").click()
    until(lambda: _visible(dash_duo, panel) and _visible(dash_duo, control), 5, msg="the controls in the panel")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(
    ("page", "panel", "control"),
    [
        ("compare", "compare", "#compare-year"),
        ("compare", "compare-axes", "#compare-x"),
        ("policy", "policy", "#policy-region"),
        ("clusters", "clusters", "#clusters-region"),
        ("clusters", "clusters-monitoring", "#clusters-kpi"),
        ("region/FRE1", "region", "#region-year"),
    ],
)
def test_compare_policy_clusters_and_region_controls_fold_on_a_phone(dash_duo, dash_app, page, panel, control):
    dash_duo.start_server(dash_app)
    _size(dash_duo, 390, 844)
    dash_duo.driver.get(dash_duo.server_url + f"/{page}")
    dash_duo.wait_for_element(control, timeout=20)
    selector = f"#{panel}-filters"
    until(lambda: not _visible(dash_duo, selector) and not _visible(dash_duo, control), 5, msg="folded away")
    button = dash_duo.find_element(f"[data-filters-open][aria-controls='{panel}-filters']")
    # a click through the DOM: far down a long page, a chart still drawing can sit over the pointer's point
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)
    until(lambda: _visible(dash_duo, selector) and _visible(dash_duo, control), 5, msg="the controls in the panel")
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    until(lambda: not _visible(dash_duo, selector), 5, msg="the panel closed")
    # at a desk the controls stand inline and the button is gone
    _size(dash_duo, 1280, 900)
    dash_duo.driver.execute_script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", control)
    until(lambda: _visible(dash_duo, control), 5, msg="inline controls")
    assert not button.is_displayed()
    assert dash_duo.get_logs() == []
