"""Issue 18: the indicator explorer (timeline, many regions on one line chart) and what a presenter relies on:
18 px chart text in presentation mode and 12 px on a phone (dark theme) on every page, each walk audited with axe,
the embed title, Copy link by keyboard, no cloud button, no negative axis for positive values on a phone."""

from __future__ import annotations

import html
import re

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from app import create_app
from tests.browser.axe_audit import MORE, audit_pages, serious
from tests.browser.page_registry import page_urls
from tests.browser.renderer import WAITING_JS, scroll_through, settle

# The size each chart text is drawn at: its font size times any scale plotly gave it (bar labels shrunk to fit),
# over <text> and <tspan> (a <sup> inside a title is its own, smaller tspan).
SMALLEST_JS = """
const sizes = [];
document.querySelectorAll('.js-plotly-plot svg text, .js-plotly-plot svg tspan').forEach(function (t) {
    if (!t.textContent.trim() || t.getBoundingClientRect().width === 0) { return; }
    const m = t.getScreenCTM();
    const scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
    sizes.push([parseFloat(getComputedStyle(t).fontSize) * scale, t.textContent.slice(0, 30)]);
});
sizes.sort((a, b) => a[0] - b[0]);
return sizes.slice(0, 3);
"""

# Chart titles (and the line under them) drawn past their chart's edge (cut off on the right or above the top), with the text cut.
CUT_TITLES_JS = """
const cut = [];
document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    const svg = gd.querySelector('svg.main-svg');
    gd.querySelectorAll('.infolayer .gtitle, .infolayer .gtitle-subtitle').forEach(function (title) {
        if (!svg || !title.textContent.trim() || title.getBoundingClientRect().width === 0) { return; }
        const box = svg.getBoundingClientRect(), t = title.getBoundingClientRect();
        if (t.right > box.right + 1 || t.top < box.top - 1) { cut.push(title.textContent.slice(0, 60)); }
    });
});
return cut;
"""

# Chart titles that a legend drawn above the plot covers (a title wrapped onto more lines, or larger).
TITLE_OVER_LEGEND_JS = """
const found = [];
document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    const title = gd.querySelector('.infolayer .gtitle'), legend = gd.querySelector('.infolayer .legend');
    if (!title || !legend) { return; }
    const t = title.getBoundingClientRect(), l = legend.getBoundingClientRect();
    if (t.width && l.width && Math.min(t.bottom, l.bottom) - Math.max(t.top, l.top) > 1
        && Math.min(t.right, l.right) - Math.max(t.left, l.left) > 1) { found.push(title.textContent.slice(0, 60)); }
});
return found;
"""

# A phone: row labels (a heatmap's or a bar chart's category axis) wider than a third of their chart, or cut at its
# left edge; a radar's labels cut at the chart's edges; point labels, or bar values, drawn over one another (or a bar's
# value over a marker).
CRAMPED_JS = """
const found = [];
function hits(a, b) { return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1; }
document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    const svg = gd.querySelector('svg.main-svg'), fl = gd._fullLayout;
    if (!svg || !fl) { return; }
    const box = svg.getBoundingClientRect(), name = (gd.querySelector('.gtitle') || {}).textContent || '?';
    Object.keys(fl).filter((k) => /^yaxis\\d*$/.test(k) && fl[k].type === 'category').forEach(function (k) {
        gd.querySelectorAll('.' + fl[k]._id + 'tick text').forEach(function (t) {
            const r = t.getBoundingClientRect();
            if (!r.width) { return; }
            if (r.width > box.width / 3 || r.left < box.left - 1) { found.push([name.slice(0, 40), 'row label', t.textContent.slice(0, 30)]); }
        });
    });
    gd.querySelectorAll('.angularaxistick text').forEach(function (t) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) { found.push([name.slice(0, 40), 'radar label', t.textContent.slice(0, 30)]); }
    });
    const points = Array.from(gd.querySelectorAll('.scatterlayer .textpoint text'))
        .filter((t) => t.textContent.trim()).map((t) => [t.textContent, t.getBoundingClientRect()]);
    points.forEach(function (p, i) {
        points.slice(i + 1).forEach(function (q) { if (hits(p[1], q[1])) { found.push([name.slice(0, 40), 'point labels', p[0] + ' / ' + q[0]]); } });
    });
    const marks = Array.from(gd.querySelectorAll('.scatterlayer .points path.point')).map((p) => p.getBoundingClientRect());
    const values = Array.from(gd.querySelectorAll('.barlayer text.bartext'))
        .filter((t) => t.textContent.trim()).map((t) => [t.textContent, t.getBoundingClientRect()]);
    values.forEach(function (p, i) {
        values.slice(i + 1).forEach(function (q) { if (hits(p[1], q[1])) { found.push([name.slice(0, 40), 'bar values', p[0] + ' / ' + q[0]]); } });
        if (marks.some((m) => hits(p[1], m))) { found.push([name.slice(0, 40), 'bar value on a marker', p[0]]); }
    });
});
return found;
"""

# Presentation: a category axis (bars, heatmap rows) that labels only some of its categories (plotly skips ticks
# where a row is lower than its label).
UNLABELLED_JS = """
const found = [];
document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    const fl = gd._fullLayout;
    if (!fl) { return; }
    Object.keys(fl).filter((k) => /^[xy]axis\\d*$/.test(k)).forEach(function (k) {
        const ax = fl[k];
        if (ax.type !== 'category' || !ax.visible || !ax.showticklabels || !(ax._categories || []).length) { return; }
        const labelled = (ax._vals || []).filter((v) => String(v.text || '').trim()).length;
        if (labelled < ax._categories.length) {
            found.push([((gd.querySelector('.gtitle') || {}).textContent || '?').slice(0, 40), k, labelled, ax._categories.length]);
        }
    });
});
return found;
"""


@pytest.fixture(scope="module")
def dash_app():
    return create_app()  # one app for the module: what a test has computed stays cached for the next


@pytest.fixture(autouse=True)
def _served(dash_duo, dash_app):
    dash_duo.start_server(dash_app)


def _size(dash_duo, width, height):
    dash_duo.driver.set_window_size(width, height)
    inner = dash_duo.driver.execute_script("return [window.innerWidth, window.innerHeight];")
    dash_duo.driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])


def _open(dash_duo, url):
    dash_duo.driver.get(url)
    dash_duo.wait_for_element("#page-content h1", timeout=20)
    settle(dash_duo, quiet=0.5)


def _drawn(dash_duo):
    """Every graph on the page has drawn (and been restyled for the display mode)."""
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot')).every((g) => g.querySelector('.main-svg'))"
        " && !document.querySelector('[data-dash-is-loading=\"true\"]');"
    )


# The years the overview map's title has shown, in order, checked every 20 ms in the page.
YEARS_SHOWN_JS = """
window.yearsShown = [];
setInterval(function () {
    const title = document.getElementById('{"index":"overview-map","type":"chart-title"}');
    const m = title && title.textContent.match(/NUTS 2 regions, (\\d{4})/);
    const shown = window.yearsShown;
    if (m && shown[shown.length - 1] !== Number(m[1])) { shown.push(Number(m[1])); }
}, 20);
"""


def test_the_timeline_plays_and_the_link_restores_the_year(dash_duo):
    _size(dash_duo, 1400, 1000)
    _open(dash_duo, dash_duo.server_url + "/?year=2021&indicator=gdp_pc_pps")
    dash_duo.wait_for_contains_text("#page-content", "NUTS 2 regions, 2021", timeout=15)
    # A server slower than the timeline's 1.2 s step: each year's map is still drawn before the next year comes.
    dash_duo.driver.set_network_conditions(latency=1500, download_throughput=10**8, upload_throughput=10**8)
    # Every year the map title shows, recorded in the page: polling the page's text from the test can miss a year
    # on a busy machine (reading a large page's visible text takes longer than a year is shown).
    dash_duo.driver.execute_script(YEARS_SHOWN_JS)
    dash_duo.find_element("#overview-play").click()
    until(lambda: "year=2022" in dash_duo.driver.current_url, 10, msg="the timeline to move to 2022")
    until(lambda: 2022 in dash_duo.driver.execute_script("return window.yearsShown;"), 10, msg="the 2022 map drawn")
    dash_duo.driver.delete_network_conditions()
    until(
        lambda: "year=" not in dash_duo.driver.current_url or "year=2023" in dash_duo.driver.current_url,
        10,
        msg="the timeline to reach its last year",
    )  # the default year is left out of the link
    dash_duo.wait_for_text_to_equal("#overview-play", "Play", timeout=10)  # stops at the end
    assert dash_duo.driver.execute_script("return window.yearsShown;")[-3:] == [2021, 2022, 2023]
    dash_duo.find_element("#overview-play").click()  # from the last year, plays again from the first
    until(lambda: re.search(r"year=20(0\d|1\d)", dash_duo.driver.current_url), 10, msg="a restart from the start")
    dash_duo.find_element("#overview-play").click()  # pause
    settle(dash_duo, quiet=1.5)
    link = dash_duo.driver.current_url
    year = re.search(r"year=(\d{4})", link).group(1)
    _open(dash_duo, link)
    dash_duo.wait_for_contains_text("#page-content", f"NUTS 2 regions, {year}", timeout=15)
    assert dash_duo.find_element("#overview-year [role=slider]").get_attribute("aria-valuenow") == year
    assert dash_duo.get_logs() == []


def test_three_regions_on_one_line_chart_with_their_countries_and_the_eu(dash_duo):
    _size(dash_duo, 1400, 1000)
    _open(dash_duo, dash_duo.server_url + "/?tab=chart&regions=FRE1,ITC1,DE21")
    until(lambda: len(dash_duo.find_elements("#overview-pane-chart .legendtext")) == 7, 15, msg="seven series")
    legend = [e.text for e in dash_duo.find_elements("#overview-pane-chart .legendtext")]
    assert legend[:3] == ["Nord-Pas de Calais (FRE1)", "Piemonte (ITC1)", "Oberbayern (DE21)"]
    assert "EU27" in legend and any("country" in t for t in legend)
    assert len(dash_duo.find_elements("#overview-pane-chart .scatterlayer .trace")) == 7
    dash_duo.driver.execute_script("window.dash_clientside.set_props('overview-measure', {value: 'rel'});")
    until(lambda: "measure=rel" in dash_duo.driver.current_url, 10, msg="measure=rel in the link")
    dash_duo.wait_for_contains_text("#overview-pane-chart", "change since", timeout=10)
    assert "regions=FRE1,ITC1,DE21" in dash_duo.driver.current_url and "tab=chart" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def _too_small(dash_duo, query: str, minimum: float, more: str | None = None) -> tuple[dict, list]:
    """({path: the three smallest chart texts} where one is under `minimum` px, or the chart titles cut at the
    chart's edge or covered by a legend, or what the script `more` finds, or axe-core's serious or critical
    violations (the same page load audited; MORE's pages audited only); [paths with chart text])."""
    too_small, measured = {}, []
    for path in page_urls():
        _open(dash_duo, dash_duo.server_url + path + query)
        until(lambda: _drawn(dash_duo), 20, msg=f"the charts of {path}")
        if "present=1" in query:  # presentation draws every chart at once, also those drawn when scrolled to
            settle(dash_duo, quiet=0.5)
            if dash_duo.driver.execute_script(WAITING_JS):
                too_small[f"{path} charts not drawn"] = len(dash_duo.driver.execute_script(WAITING_JS))
        else:
            scroll_through(dash_duo)  # every chart measured, also those drawn when scrolled to
        settle(dash_duo, quiet=1.0)
        smallest = dash_duo.driver.execute_script(SMALLEST_JS)
        if smallest:
            measured.append(path)
            if smallest[0][0] < minimum - 0.05:
                too_small[path] = smallest
        cut = dash_duo.driver.execute_script(CUT_TITLES_JS)
        if cut:
            too_small[f"{path} titles cut"] = cut
        covered = dash_duo.driver.execute_script(TITLE_OVER_LEGEND_JS)
        if covered:
            too_small[f"{path} titles under a legend"] = covered
        found = dash_duo.driver.execute_script(more) if more else None
        if found:
            too_small[f"{path} labels"] = found
        violations = serious(dash_duo)
        if violations:
            too_small[f"{path} axe"] = violations
    too_small.update({f"{path} axe": found for path, found in audit_pages(dash_duo, MORE, query[1:]).items()})
    return too_small, measured


def test_present_mode_draws_every_chart_text_at_18px_or_more_on_every_page_and_passes_axe(dash_duo):
    _size(dash_duo, 1280, 720)
    too_small, measured = _too_small(dash_duo, "?present=1", 18, UNLABELLED_JS)  # and every category labelled
    assert too_small == {}
    assert {"/", "/region/FRE1", "/rankings", "/compare"} <= set(measured)  # the measure did find chart text
    assert dash_duo.get_logs() == []


def test_on_a_phone_in_the_dark_theme_every_chart_text_is_12px_or_more_and_every_page_passes_axe(dash_duo):
    # The dark theme's axe audit (contrast above all) on the phone walk: text sizes do not depend on the theme.
    # CRAMPED_JS: and row, radar and point labels that fit.
    _size(dash_duo, 390, 844)
    too_small, measured = _too_small(dash_duo, "?theme=dark", 12, CRAMPED_JS)
    assert too_small == {}
    assert {"/", "/region/FRE1", "/rankings", "/ecosystems"} <= set(measured)
    assert dash_duo.get_logs() == []


TOP_JS = "return document.querySelector(arguments[0]).getBoundingClientRect().top;"


def test_in_present_mode_the_first_screen_shows_the_main_chart_and_the_notes_follow(dash_duo):
    _size(dash_duo, 1280, 720)
    _open(dash_duo, dash_duo.server_url + "/ecosystems?present=1")
    dash_duo.wait_for_contains_text("#ecosystems-caveats", "2015 data", timeout=20)
    until(lambda: _drawn(dash_duo), 20, msg="the ecosystems charts")
    first_chart = "return document.querySelector('.chart-card .js-plotly-plot').getBoundingClientRect().top;"
    notes = "return document.getElementById('ecosystems-caveats').getBoundingClientRect().top;"
    assert dash_duo.driver.execute_script(first_chart) < 720 / 2  # the chart opens the slide
    assert dash_duo.driver.execute_script(notes) > 720  # the notes are kept, after the charts
    # Programmes the same: its intro folded, its coverage list after the charts (it filled the first slide)
    _open(dash_duo, dash_duo.server_url + "/programmes?present=1")
    dash_duo.wait_for_contains_text("#programmes-coverage", "ESCP-4i", timeout=20)
    until(lambda: _drawn(dash_duo), 20, msg="the programmes charts")
    assert dash_duo.driver.execute_script(first_chart) < 720 / 2
    assert dash_duo.driver.execute_script(notes.replace("ecosystems-caveats", "programmes-coverage")) > 720
    # Rankings without its intro, Compare without its picker and notes: the ranking chart, and the side-by-side
    # table's first rows, on the first screen (Compare's first row was at 724 px of 720, now ~490)
    _open(dash_duo, dash_duo.server_url + "/rankings?present=1")
    until(lambda: _drawn(dash_duo), 20, msg="the rankings chart")
    assert dash_duo.driver.execute_script(first_chart) < 720 / 2
    _open(dash_duo, dash_duo.server_url + "/compare?present=1")
    dash_duo.wait_for_element("#compare-table table tbody tr", timeout=20)
    assert dash_duo.driver.execute_script(TOP_JS, "#compare-table table tbody tr") < 720 * 0.75
    assert dash_duo.get_logs() == []


def test_the_embed_snippet_carries_the_page_title(dash_duo):
    _size(dash_duo, 1400, 1000)
    _open(dash_duo, dash_duo.server_url + "/rankings")
    dash_duo.find_element("#share-embed-open").click()
    until(lambda: dash_duo.find_element("#share-embed-code").get_attribute("value"), 5, msg="the snippet")
    code = dash_duo.find_element("#share-embed-code").get_attribute("value")
    title = html.unescape(re.search(r'title="([^"]*)"', code).group(1))
    assert title == dash_duo.driver.title == "Rankings · EU Cluster & Region Observatory"
    assert dash_duo.get_logs() == []


def test_copy_link_is_reached_by_tab_and_says_it_copied(dash_duo):
    _size(dash_duo, 1400, 1000)
    _open(dash_duo, dash_duo.server_url + "/compare")
    dash_duo.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    keys = ActionChains(dash_duo.driver)
    for _ in range(40):  # from the top of the page: skip link, brand, nine menu links, then the toolbar
        keys.send_keys(Keys.TAB).perform()
        if dash_duo.driver.switch_to.active_element.get_attribute("id") == "share-copy-link":
            break
    assert dash_duo.driver.switch_to.active_element.get_attribute("id") == "share-copy-link"
    keys.send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_contains_text("#share-copy-status", "copied", timeout=5)
    assert dash_duo.get_logs() == []


def test_no_mode_bar_button_sends_a_chart_to_a_cloud_service(dash_duo):
    _size(dash_duo, 1400, 1000)
    found = {}
    for path in ("/", "/rankings", "/region/FRE1", "/programmes"):
        _open(dash_duo, dash_duo.server_url + path)
        until(lambda: dash_duo.find_elements(".modebar-btn"), 15, msg=f"a mode bar on {path}")
        titles = dash_duo.driver.execute_script(
            "return Array.from(document.querySelectorAll('.modebar-btn')).map((b) => b.getAttribute('data-title'));"
        )
        found[path] = [t for t in titles if re.search(r"share|cloud|studio", t or "", re.I)]
    assert found == {p: [] for p in found}
    assert dash_duo.get_logs() == []


def test_on_a_phone_the_rankings_axis_has_no_negative_tick_for_gdp(dash_duo):
    _size(dash_duo, 390, 844)
    _open(dash_duo, dash_duo.server_url + "/rankings?indicator=gdp_pc_pps")
    until(lambda: dash_duo.find_elements("#page-content .js-plotly-plot .xtick text"), 15, msg="the x ticks")
    ticks = [e.text for e in dash_duo.find_elements("#page-content .js-plotly-plot .xtick text")]
    assert ticks and not [t for t in ticks if t.strip().startswith(("-", "−"))], ticks
    # Region labels fitted to a phone: the code after the rank, or a name cut after five letters or more (they
    # read "1. E… (IE06)" before)
    until(lambda: dash_duo.find_elements("#page-content .js-plotly-plot .ytick text"), 15, msg="the region labels")
    labels = [e.text for e in dash_duo.find_elements("#page-content .js-plotly-plot .ytick text")]
    stubs = [t for t in labels if re.fullmatch(r"\d+\. .{0,4}… \(\w+\)", t)]
    assert any(re.fullmatch(r"\d+\. [A-Z]{2}\w+", t) for t in labels) and not stubs, labels
    assert dash_duo.get_logs() == []
