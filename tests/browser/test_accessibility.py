"""axe-core audit of every registered page (dash.page_registry) in the default look: zero serious or critical
violations. The dark theme, presentation mode and French have their own modules (test_accessibility_*.py)."""

from app import create_app
from tests.browser.axe_audit import serious_violations
from tests.browser.page_registry import page_urls, registered_pages


def test_every_registered_page_has_a_url_to_audit():
    create_app()
    urls = page_urls()  # fails when a page with a path parameter has no sample value
    assert len(urls) == len(registered_pages()) and not [u for u in urls if "<" in u]


def test_no_serious_or_critical_accessibility_violations(dash_duo):
    assert serious_violations(dash_duo) == {}
    assert dash_duo.get_logs() == []
