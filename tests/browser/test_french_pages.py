"""Pages opened in French show no English: every visible text (HTML and chart SVG) is French, a proper name, or
marked as English on purpose (tests/browser/french.py)."""

from urllib.parse import urlsplit

import pytest

from app import create_app
from data.region import nace_labels, nace_shown
from data.store import current_tables
from tests.browser.axe_audit import MORE, audit_pages, serious
from tests.browser.french import english_in, visible_english
from tests.browser.page_registry import page_urls
from tests.browser.renderer import scroll_through

# The pages translated so far (issue #19), with what to wait for before reading them; each one added is held to it.
FRENCH_PAGES = {
    "/?lang=fr": ("#overview-headlines .card", ".choroplethlayer path"),
    "/?lang=fr&tab=chart&regions=FRE1,ITC1&measure=rel&log=1": ("#overview-pane-chart .legendtext",),
    "/rankings?lang=fr": ("#rankings-bars-heading", ".rankings-grid .ag-row"),
    "/rankings?lang=fr&indicator=composite&cmp=2019": ("#rankings-sensitivity-heading", ".rankings-grid .ag-row"),
    "/data?lang=fr": ("#rankings-method", "#data-quality-table td[lang='en']"),
    "/slides?lang=fr": ("#slides-text", "#slides-open"),
    "/ecosystems?lang=fr": (
        "#ecosystems-shares-heading",
        "section[aria-labelledby='ecosystems-shares-heading'] .barlayer .point",
        ".heatmaplayer",
        "#ecosystems-caveats ul",
        "#ecosystems-agg-table table",
        "#ecosystems-agg-summary strong",
    ),
    "/ecosystems?lang=fr&ecosystem=IES11&agg=ecosystems&level=1": (
        ".heatmaplayer",
        "#ecosystems-agg-table table",
        "#ecosystems-eco-info strong",
        "#ecosystems-eco-section .choroplethlayer path",
        "section[aria-labelledby='ecosystems-ranking-heading'] .barlayer .point",
        "#ecosystems-eco-projects h3",
    ),
    "/regions?lang=fr&country=FR": ("#regions-picker", "#regions-open li a", ".region-country a"),
    "/region/FRE1?lang=fr": ("#region-cards .headline-card", "#region-pane-chart .legendtext", ".similar-table"),
    "/programmes?lang=fr&country=FR": (
        "#programmes-coverage .alert",
        "#programmes-network-section .scatterlayer .trace",
        "#programmes-grid .ag-row",
        "#programmes-pairs .ag-row",
        "#programmes-project-grid .ag-row",
    ),
    "/compare?lang=fr&regions=FRE1,ITC1,SI,DED": (
        "#compare-table .md-table",
        "#compare-quadrant-summary li",
        "section[aria-labelledby='compare-profile-heading'] .legendtext",
        "section[aria-labelledby='compare-scatter-heading'] .legendtext",
    ),
    "/policy?lang=fr&region=FRE&swot=FRE&plan=FRK": (
        "#policy-recommendations .gtitle",
        "#policy-region-panel .card-body",
        "#policy-swot-out .card-body",
        "#policy-plan-note a",
        "#policy-plans .gtitle",
        "#policy-state-section .gtitle",
        "#policy-framework h3",
    ),
    "/clusters?lang=fr&example=1&region=FRK": (
        "#clusters-directory .md-table",
        "#clusters-status .alert-info",
        "#clusters-eccp-ecosystems-heading",
    ),
}


@pytest.fixture(scope="module")
def proper_names():
    app = create_app()
    with app.server.app_context():
        tables = current_tables()
        # Source texts shown as published: organisation names, project titles and stated sectors, the seed
        # documents' partner names, titles, sections, quotes and notes.
        published = [
            tables.participations["organisation"],
            tables.projects["title"],
            tables.projects["ecosystems"],
            tables.seed_reference["partner"],
            tables.seed_reference["document"],
            tables.seed_reference["section"],
            tables.seed_reference["note"],
            tables.official_totals["note"],
            # the policy documents' words the Policy page quotes in its charts (SVG text cannot be marked lang="en")
            tables.policy_recommendations["support_type"],
            tables.policy_recommendations["region"],
            tables.policy_actions["group"],
            tables.policy_actions["step"],
            tables.policy_actions["owner"],
            tables.policy_action_costs["group"],
            tables.policy_action_costs["cost_item"],
            tables.policy_action_costs["payer"],
            tables.policy_action_costs["period"],
            tables.policy_state["criterion"],
            tables.policy_state_framework["label_table4"],
        ]
        texts = [t for column in published for t in column.dropna().astype(str)]
        # NACE division labels: English only in the source (the Region page's chart says so on its source line),
        # drawn as code and label cut to the chart's width.
        texts += [nace_shown(f"{code} {label}") for code, label in nace_labels(tables).items()]
        return list(tables.regions["name"]) + list(tables.ecosystems["name"]) + texts


def test_the_check_finds_english_sentences_and_untranslated_messages():
    texts = ["Rank with your weights", "Classement", "Southern and Eastern", "The ranking below is recomputed"]
    assert english_in(texts, ["Southern and Eastern"]) == ["Rank with your weights", "The ranking below is recomputed"]
    # a source text as a chart draws it (one line of it, or cut short after a step number) is still that text
    quoted = ["Set up two cluster groups and the steering group of the plan"]
    assert english_in(
        ["4.2 Set up two cluster groups and the…", "the steering group of the", "not in the steering group"], quoted
    ) == ["not in the steering group"]


def test_every_page_in_french_shows_no_english_and_passes_axe(dash_duo, proper_names, subtests):
    # One server and browser for every page (a server per page cost ~3 s each); each page is its own subtest. The
    # same page load is audited with axe-core (serious or critical violations), and so is every registered page
    # FRENCH_PAGES does not open.
    dash_duo.start_server(create_app(), navigate=False)
    dash_duo.driver.set_window_size(1280, 900)
    violations = {}
    for path, ready in FRENCH_PAGES.items():
        with subtests.test(path=path):
            dash_duo.driver.get(dash_duo.server.url + path)
            dash_duo.wait_for_element(ready[0], timeout=30)
            scroll_through(dash_duo)  # the charts below the fold are drawn once scrolled to
            for selector in ready:
                dash_duo.wait_for_element(selector, timeout=30)
            violations[path] = serious(dash_duo)
            assert dash_duo.find_element("html").get_attribute("lang") == "fr"
            assert dash_duo.driver.title.endswith("· Observatoire européen des clusters et des régions")
            assert visible_english(dash_duo, proper_names) == []
            assert dash_duo.get_logs() == []
    opened = {urlsplit(path).path for path in FRENCH_PAGES}
    others = [url for url in page_urls() if urlsplit(url).path not in opened] + MORE
    violations.update(audit_pages(dash_duo, others, "lang=fr"))
    assert {path: found for path, found in violations.items() if found} == {}
    assert dash_duo.get_logs() == []
