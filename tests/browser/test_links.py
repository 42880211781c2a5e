"""App-wide browser guarantees of issue #7: a copied link restores the view on every page, and no request leaves
the origin.

One server and one browser serve all the link cases (one subtest each: a server start per case would double the
run time). The controls are read generically from Dash's renderer store (`window.store`): a component by its id
through `paths`, its props from `layout` at that path. A new page must get a row in CASES (or a reason in
NO_CONTROLS): `test_every_page_has_a_link_case` fails otherwise; the same-origin test visits every registered page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from dash import dcc
from dash.testing.wait import until

from app import create_app
from tests.browser.origin import foreign_requests
from tests.browser.page_registry import registered_pages
from tests.browser.renderer import load, read, settle

# --- The table of cases ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkCase:
    page: str  # the page's path (or path_template) in dash.page_registry
    link: str  # path and a non-default query using several of the page's parameters
    expect: dict  # {component id: {prop: value}}; a prop may be a dotted path into a dict prop ("data.regions")
    change: tuple  # (component id, prop, new value): one control changed as a user would
    param: tuple  # (query parameter, its value in the URL after the change; None = left out of the URL)
    notice: str = ""  # the page's notice alert: a valid link shows no notice
    click: bool = False  # the change is a click (n_clicks): an action, not a value the link holds
    extra: dict = field(default_factory=dict)  # values that follow from the change (read, not set)

    @property
    def id(self):
        return self.page

    def after(self) -> dict:
        ident, prop, value = self.change
        out = {k: dict(v) for k, v in self.expect.items()}
        if not self.click:
            out.setdefault(ident, {})[prop] = value
        for k, v in self.extra.items():
            out.setdefault(k, {}).update(v)
        return out


def weight(indicator: str) -> str:
    """The DOM/store id of a rankings weight slider (a dict id), as JSON."""
    return json.dumps({"index": indicator, "type": "rankings-weight"}, separators=(",", ":"), sort_keys=True)


CASES = [
    LinkCase(
        "/",
        "/?indicator=gdp_meur&year=2018&level=1",
        {"overview-indicator": {"value": "gdp_meur"}, "overview-year": {"value": 2018}, "overview-level": {"value": 1}},
        change=("overview-level", "value", 0),
        param=("level", "0"),
        notice="overview-notice",
    ),
    LinkCase(
        "/region/<code>",
        "/region/FRE1?year=2019&ts=unemployment_rate&view=bar&sim=gdp_pc_pps,unemployment_rate,gerd_pc_gdp&k=10&excl=1",
        {
            "region-year": {"value": 2019},
            "region-ts": {"value": "unemployment_rate"},
            "region-view": {"value": "bar"},
            "region-sim": {"value": ["gdp_pc_pps", "unemployment_rate", "gerd_pc_gdp"]},
            "region-k": {"value": 10},
            "region-excl": {"value": [1]},
            "region-store": {"data.code": "FRE1"},
        },
        change=("region-k", "value", 3),
        param=("k", "3"),
        notice="region-notice",
    ),
    LinkCase(
        "/briefing/<code>",
        "/briefing/FRE1?peers=ES13,ITC1,FRB0&kind=ecosystem&c1=0.3&c2=0.7",
        {
            "briefing-c1": {"value": 0.3},
            "briefing-c2": {"value": 0.7},
            "briefing-kind": {"value": "ecosystem"},
            "briefing-store": {"data.peers": ["ES13", "ITC1", "FRB0"], "data.code": "FRE1"},
        },
        change=("briefing-c1", "value", 0.4),
        param=("c1", "0.4"),
        notice="briefing-notice",
    ),
    LinkCase(
        "/compare",
        "/compare?regions=FRE1,ITC1,DED2&year=2019&view=bar&x=gdp_pc_pps&y=unemployment_rate",
        {
            "compare-regions": {"data.regions": ["FRE1", "ITC1", "DED2"]},
            "compare-year": {"value": 2019},
            "compare-view": {"value": "bar"},
            "compare-x": {"value": "gdp_pc_pps"},
            "compare-y": {"value": "unemployment_rate"},
        },
        change=("compare-x", "value", "tertiary_attainment"),
        param=("x", "tertiary_attainment"),
        notice="compare-notice",
    ),
    LinkCase(
        "/rankings",
        "/rankings?indicator=composite&year=2015&cmp=2013&countries=DE,AT&w=gdp_pc_pps:2,industry_share:1"
        "&norm=rank&agg=geometric&seed=77&draws=100&mark=DE21&n=5",
        {
            "rankings-indicator": {"value": "composite"},
            "rankings-year": {"value": 2015},
            "rankings-cmp": {"value": 2013},
            "rankings-countries": {"value": ["DE", "AT"]},
            "rankings-weights": {"data": "gdp_pc_pps:2,industry_share:1"},
            weight("gdp_pc_pps"): {"value": 2},
            weight("industry_share"): {"value": 1},
            weight("unemployment_rate"): {"value": 0},
            "rankings-norm": {"value": "rank"},
            "rankings-agg": {"value": "geometric"},
            "rankings-seed": {"value": 77},
            "rankings-draws": {"value": 100},
            "rankings-mark": {"value": ["DE21"]},
            "rankings-n": {"value": 5},
            "rankings-level": {"value": 2},
            "rankings-eu": {"value": True},
        },
        change=("rankings-conc", "value", 50),
        param=("conc", "50"),
        notice="rankings-notice",
    ),
    LinkCase(
        "/ecosystems",
        "/ecosystems?country=DE&level=1&regions=DE1,FR1&ecosystem=IES05&lq=2.5&share=2.0&basis=business"
        "&agg=ecosystems&scope=set",
        {
            "ecosystems-country": {"value": "DE"},
            "ecosystems-level": {"value": 1},
            "ecosystems-regions": {"value": ["DE1", "FR1"]},
            "ecosystems-ecosystem": {"value": "IES05"},
            "ecosystems-lq": {"value": 2.5},
            "ecosystems-share": {"value": 2.0},
            "ecosystems-basis": {"value": "business"},
            "ecosystems-agg": {"value": "ecosystems"},
            "ecosystems-scope": {"value": "set"},
        },
        change=("ecosystems-lq", "value", 3.0),
        param=("lq", "3.0"),
        notice="ecosystems-notice",
    ),
    LinkCase(
        "/programmes",
        "/programmes?programme=INNOSUP-1&country=FR&role=coordinator&cluster=1&network=region",
        {
            "programmes-programme": {"value": ["INNOSUP-1"]},
            "programmes-generation": {"value": []},
            "programmes-ecosystem": {"value": []},
            "programmes-country": {"value": ["FR"]},
            "programmes-region": {"value": []},
            "programmes-role": {"value": ["coordinator"]},
            "programmes-cluster": {"value": True},
            "programmes-network-level": {"value": "region"},
        },
        change=("programmes-role", "value", ["coordinator", "participant"]),
        param=("role", "coordinator,participant"),
        notice="programmes-notice",
    ),
    LinkCase(
        "/policy",
        "/policy?region=ITC1&order=count&swot=FRB&plan=FRE",
        {
            "policy-region": {"value": "ITC1"},
            "policy-order": {"value": "count"},
            "policy-swot": {"value": "FRB"},
            "policy-plan": {"value": "FRE"},
        },
        change=("policy-plan", "value", "FRB"),
        param=("plan", "FRB"),
        notice="policy-notice",
    ),
    LinkCase(
        "/clusters",
        "/clusters?region=FRK&programme=INNOSUP-1&example=1&year=2022&kpi=communication_actions",
        {
            "clusters-region": {"value": "FRK"},
            "clusters-programme": {"value": "INNOSUP-1"},
            "clusters-example": {"value": True},
            "clusters-year": {"value": 2022},
            "clusters-kpi": {"value": "communication_actions"},
        },
        change=("clusters-kpi", "value", "story_telling"),
        param=("kpi", "story_telling"),
        notice="clusters-notice",
    ),
    LinkCase(
        "/slides",
        "/slides?view=/region/FRE1&view=/compare?regions%3DFRE1,ITC1&i=2",
        {
            "slides-deck": {"data": {"views": ["/region/FRE1", "/compare?regions=FRE1,ITC1"], "i": 2}},
            "slides-position": {"children": "Slide 2 of 2"},
            "slides-frame": {"src": "/compare?regions=FRE1,ITC1&embed=1"},
        },
        # Previous, as a click: the deck's clientside callback reads which button triggered it.
        change=("slides-prev", "n_clicks", 1),
        click=True,
        param=("i", "1"),
        notice="slides-notice",
        extra={
            "slides-deck": {"data": {"views": ["/region/FRE1", "/compare?regions=FRE1,ITC1"], "i": 1}},
            "slides-position": {"children": "Slide 1 of 2"},
            "slides-frame": {"src": "/region/FRE1?embed=1"},
        },
    ),
]

NO_CONTROLS = {
    "/regions": "a directory of links: the region picker navigates to a region page; the country open (?country=) "
    "is chosen by a link, not a control",
    "/data": "sources, methods and CSV downloads: nothing on the page changes the view",
}


def _template_regex(template: str) -> re.Pattern:
    parts = re.split(r"(<[^>]+>)", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("<") else re.escape(p) for p in parts if p) + "$")


def _url_state_locations(node) -> list:
    """The dcc.Location(refresh=False) components of a layout: where a page keeps its view in the URL."""
    found = []
    if isinstance(node, dcc.Location) and getattr(node, "refresh", True) is False:
        found.append(node.id)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found += _url_state_locations(child)
    return found


def test_every_page_has_a_link_case():
    app = create_app()
    pages = registered_pages()
    cases = {c.page: c for c in CASES}
    assert len(cases) == len(CASES), "two link cases for one page"
    missing = sorted(set(pages) - set(cases) - set(NO_CONTROLS))
    assert not missing, f"pages without a copied-link case in CASES (or a reason in NO_CONTROLS): {missing}"
    stale = sorted((set(cases) | set(NO_CONTROLS)) - set(pages))
    assert not stale, f"cases or NO_CONTROLS entries for pages that are not registered: {stale}"
    assert not set(cases) & set(NO_CONTROLS), "a page is both in CASES and NO_CONTROLS"
    for case in CASES:
        assert _template_regex(case.page).match(urlsplit(case.link).path), f"{case.link} is not a {case.page} link"
    # The URL-state convention (CONTRIBUTING): a page with view controls holds a dcc.Location(refresh=False).
    with app.server.test_request_context("/"):
        for path, page in pages.items():
            kwargs = {"code": "FRE1"} if "<code>" in path else {}
            if path == "/slides":
                kwargs = parse_qs(urlsplit(cases[path].link).query)  # the deck, not the editor
            build = getattr(page["layout"], "uncached", page["layout"])  # the components, not the cached JSON
            layout = build(**kwargs) if callable(build) else build
            locations = _url_state_locations(layout)
            if path in NO_CONTROLS:
                assert not locations, f"{path} keeps state in the URL ({locations}): give it a case in CASES"
            else:
                assert locations, f"{path} has a link case but no dcc.Location(refresh=False) keeping its state"


def search_param(dash_duo, key):
    search = dash_duo.driver.execute_script("return window.location.search")
    values = parse_qs(search.lstrip("?"), keep_blank_values=True).get(key)
    return values[-1] if values else None


def _diff(got: dict, want: dict) -> str:
    lines = [
        f"  {i}.{p}: expected {v!r}, got {got.get(i, {}).get(p)!r}"
        for i, props in want.items()
        for p, v in props.items()
        if got.get(i, {}).get(p) != v
    ]
    return "\n".join(lines)


# --- 1. A copied link restores the view ----------------------------------------------------------------------------


def start(dash_duo):
    dash_duo.driver.set_window_size(1400, 1000)  # the navbar (expand="xl") shows its links
    dash_duo.start_server(create_app())


def test_a_copied_link_restores_the_view(dash_duo, subtests):
    start(dash_duo)
    for case in CASES:
        with subtests.test(case.page):
            _copied_link_restores_the_view(dash_duo, case)
    with subtests.test("/regions"):
        _regions_open_one_country_from_their_links(dash_duo)


def _regions_open_one_country_from_their_links(dash_duo):
    """/regions lists one country's regions at a time, chosen by a link (?country=); an unknown country in a copied
    link is ignored with a notice."""
    dash_duo.driver.get(dash_duo.server_url + "/regions?country=XX")
    dash_duo.wait_for_contains_text("#regions-notice", "Unknown country 'XX'", timeout=15)
    assert not dash_duo.driver.execute_script("return !!document.getElementById('regions-open')")
    dash_duo.driver.execute_script("document.querySelector(\"#page-content a[href$='/regions?country=FR']\").click()")
    dash_duo.wait_for_contains_text("#regions-open", "Ile-de-France (FR10)", timeout=15)
    assert search_param(dash_duo, "country") == "FR"
    assert "Oberbayern" not in dash_duo.find_element("#page-content").text  # the other countries stay closed
    dash_duo.driver.back()
    until(lambda: search_param(dash_duo, "country") == "XX", 10, msg="the previous link back")
    until(
        lambda: not dash_duo.driver.execute_script("return !!document.getElementById('regions-open')"),
        10,
        msg="no country open",
    )


def _copied_link_restores_the_view(dash_duo, case):
    after = case.after()
    checked = {**after, case.notice: {"is_open": False}} if case.notice else after
    start_checked = {**case.expect, case.notice: {"is_open": False}} if case.notice else case.expect

    dash_duo.get_logs()  # a failed earlier case may have left messages: this case answers for its own

    # (a) the link opens the view it describes, and stays as it is
    load(dash_duo, dash_duo.server_url + case.link, set(checked) | {"share-copied-link"})
    got = read(dash_duo, start_checked)
    assert got == start_checked, f"{case.link} did not restore its controls:\n{_diff(got, start_checked)}"
    assert dash_duo.driver.current_url == dash_duo.server_url + case.link, "the page rewrote its link on load"

    # (b) change one control as a user would; the URL follows
    ident, prop, value = case.change
    key, want = case.param
    before = dash_duo.driver.execute_script("return window.location.search")
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props(arguments[0], arguments[1]);",
        json.loads(ident) if ident.startswith("{") else ident,
        {prop: value},
    )
    until(
        lambda: search_param(dash_duo, key) == want,
        15,
        msg=f"{key}={want} in the URL after setting {ident}.{prop} = {value!r} on {case.page} (was {before!r})",
    )
    settle(dash_duo)
    got = read(dash_duo, checked)
    assert got == checked, f"{case.page}: controls after changing {ident}.{prop}:\n{_diff(got, checked)}"

    # (c) "Copy link" copies the address of this view
    href = dash_duo.driver.execute_script("return window.location.href")
    dash_duo.find_element("#share-copy-link").click()
    copied = until(
        lambda: read(dash_duo, {"share-copied-link": ["data"]})["share-copied-link"]["data"],
        10,
        msg="the Copy link button's content",
    )
    assert copied == href, f"{case.page}: Copy link gave {copied!r}, the page is at {href!r}"
    assert copied.startswith(dash_duo.server_url + urlsplit(case.link).path), copied

    # (d) the copied link, opened afresh, holds the original values and the changed one
    load(dash_duo, copied, set(checked))
    assert dash_duo.driver.current_url == copied
    got = read(dash_duo, checked)
    assert got == checked, f"the copied link {copied} did not restore the view:\n{_diff(got, checked)}"
    assert dash_duo.get_logs() == []


# --- 2. No request leaves the origin -------------------------------------------------------------------------------


def _navigate_by_navbar(dash_duo, path, heading):
    dash_duo.driver.execute_script(
        "document.querySelector(arguments[0]).click();", f"#app-navbar a.nav-link[href='{path}']"
    )
    dash_duo.wait_for_contains_text("#page-content h1", heading, timeout=15)


def test_no_request_leaves_the_origin(dash_duo):
    start(dash_duo)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server_url))
    dash_duo.driver.get_log("performance")  # start from this test's requests
    # Each registered page is checked by the walk of test_every_page.py; here what a walk does not reach.
    visits = [
        ("/no/such/page", None),
        ("/slides?view=/region/FRE1&view=/rankings&i=1", None),
        ("/?embed=1", None),
        ("/compare?present=1", None),
        # then navigation in one document with the navbar's links (the theme stays in the URL)
        (
            "/rankings?theme=dark",
            [
                ("/", "Europe's regions at a glance"),
                ("/ecosystems", "Ecosystems"),
                ("/programmes", "Programmes"),
                ("/data", "Data & methods"),
            ],
        ),
    ]
    offending, seen = {}, 0
    for path, clicks in visits:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("#page-content h1", timeout=15)
        steps = [path]
        for target, target_heading in clicks or []:
            settle(dash_duo)
            _navigate_by_navbar(dash_duo, target, target_heading)
            steps.append(target)
        if path.startswith("/slides?"):  # wait for the slide inside the iframe to render
            until(
                lambda: dash_duo.driver.execute_script(
                    "const d = document.getElementById('slides-frame').contentDocument;"
                    "return !!(d && d.querySelector('#page-content h1'));"
                ),
                20,
                msg="the slide to render",
            )
        settle(dash_duo)
        found, recorded = foreign_requests(dash_duo, origin)
        seen += recorded
        offending.update({f"{' -> '.join(steps)}: {kind}": urls for kind, urls in found.items()})
    assert seen > 10, "the Resource Timing API recorded almost nothing: is the collection broken?"
    assert not offending, (
        "requests to another origin than "
        + origin
        + ":\n"
        + "\n".join(f"  {where}:\n" + "\n".join(f"    {u}" for u in urls) for where, urls in offending.items())
    )
    assert dash_duo.get_logs() == []
