"""axe-core audit of every registered page in presentation mode (large text for a shared screen): zero serious or
critical violations."""

from tests.browser.axe_audit import serious_violations


def test_no_serious_or_critical_accessibility_violations_in_present(dash_duo):
    assert serious_violations(dash_duo, "present=1") == {}
    assert dash_duo.get_logs() == []
