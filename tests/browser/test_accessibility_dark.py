"""axe-core audit of every registered page in the dark theme: zero serious or critical violations."""

from tests.browser.axe_audit import serious_violations


def test_no_serious_or_critical_accessibility_violations_in_dark(dash_duo):
    assert serious_violations(dash_duo, "theme=dark") == {}
    assert dash_duo.get_logs() == []
