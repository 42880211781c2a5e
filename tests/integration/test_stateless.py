"""The app keeps no per-user state in the process.

It runs on several gunicorn workers behind a load balancer: any worker must give any user the same answer for
the same request, whatever that worker served before. So:

(a) two apps from the factory (`app.create_app`) answer the same requests alike, and two users interleaved on
    one app each get exactly what they get alone on a fresh app;
(b) an answer does not depend on the requests the process served before (replayed after shuffled series of
    other requests, including broken ones);
(c) no module of the app keeps a module-level mutable cache: lookups derived from the tables live with them
    (`Tables.memo`, data/store.py), and the response cache (caching.py) is keyed on every argument.

Requests go through Dash's own endpoint (`benchmarks.harness.payload` + the Flask test client), as the browser
sends them. Run: .venv/bin/python -m pytest tests/integration/test_stateless.py
"""

from __future__ import annotations

import ast
import json
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from app import create_app
from benchmarks.callbacks_rankings import controls as rankings_controls
from benchmarks.harness import find_callback, payload
from data.store import load_tables
from settings import DEFAULT_DATA_DIR, Settings

ROOT = Path(__file__).resolve().parents[2]


def rankings(**overrides) -> dict:
    return rankings_controls(**{"draws": 200, **overrides})


def compare_table(regions, year, view) -> dict:
    return {
        "compare-regions.data": {"regions": regions, "default_year": 2024},
        "compare-year.value": year,
        "compare-view.value": view,
    }


def scatter(regions, year, x, y) -> dict:
    return {
        "compare-regions.data": {"regions": regions, "default_year": 2024},
        "compare-year.value": year,
        "compare-x.value": x,
        "compare-y.value": y,
    }


def region_cards(code, year) -> dict:
    return {"region-year.value": year, "region-store.data": {"code": code, "default_year": 2024}}


def overview(indicator, year, level) -> dict:
    return {"overview-indicator.value": indicator, "overview-year.value": year, "overview-level.value": level}


# Each request: (callback output, input values), or ("page", pathname, search) for a page render.
MAIN, SENS = "rankings-summary.children", "rankings-sensitivity-summary.children"
USER_A = [
    (MAIN, rankings(countries=["AT", "DE"], year=2021, cmp=2016)),
    ("compare-table.children", compare_table(["FRE1", "FRB0", "ITC1"], 2021, "radar")),
    ("compare-quadrants.children", scatter(["FRE1", "FRB0", "ITC1"], 2021, "rci", "gdp_pc_pps")),
    ("region-cards.children", region_cards("FRE1", 2024)),
    (
        '"index":"region-profile"',
        {
            "region-year.value": 2022,
            "region-view.value": "radar",
            "region-store.data": {"code": "FRE1", "default_year": 2024},
        },
    ),
    ("overview-map", overview("gdp_pc_pps", 2021, 2)),
    ("page", "/rankings", "?countries=AT&indicator=unemployment_rate"),
    ("page", "/compare", "?regions=FRE1,FRB0,ITC1&year=2021"),
]
USER_B = [
    (MAIN, rankings(indicator="composite", eu=False, year=2021, cmp=None, weights="gdp_pc_pps:2,employment_rate:1")),
    (SENS, rankings(indicator="composite", eu=False, year=2021, weights="gdp_pc_pps:2,employment_rate:1", seed=7)),
    ("compare-table.children", compare_table(["SE31", "ES13"], 2019, "bar")),
    ("compare-quadrants.children", scatter(["SE31", "ES13"], 2019, "tertiary_attainment", "unemployment_rate")),
    ("region-cards.children", region_cards("ITC1", 2021)),
    (
        '"index":"region-profile"',
        {
            "region-year.value": 2019,
            "region-view.value": "bar",
            "region-store.data": {"code": "ITC1", "default_year": 2024},
        },
    ),
    ("overview-map", overview("unemployment_rate", 2022, 1)),
    ("page", "/region/ITC1", "?year=2021&view=bar"),
]
# Requests a worker may serve in between: other choices, broken links and hostile values (error paths too).
OTHERS = [
    (MAIN, rankings(level=1, year=2022, cmp=2017, n=5)),
    (MAIN, rankings(indicator="unemployment_rate", mark=["FRE1", "ITC1"], basket=["FRE1", "ITC1", "SE31"])),
    (MAIN, rankings(year="zzz", weights="x:abc", countries="AT")),
    (SENS, rankings(indicator="composite", draws=100, seed=99, year=2022)),
    ("compare-table.children", compare_table(["LT", "SI", "DED"], 2024, "bar")),
    ("compare-table.children", {"compare-regions.data": "garbage", "compare-year.value": [], "compare-view.value": 3}),
    ("compare-quadrants.children", scatter(["XX99", None, 5], 1066, "nope", {"a": 1})),
    ("region-cards.children", region_cards("XX99", 2024)),
    ("region-cards.children", {"region-year.value": "abc", "region-store.data": None}),
    ("overview-map", overview("nope", 2021, 2)),
    ("overview-map", overview("employment_rate", 2020, 0)),
    ("page", "/rankings", "?level=9&indicator=%3Cscript%3E"),
    ("page", "/region/XX99", ""),
    ("page", "/compare", "?regions=none"),
]


def body(app, request) -> dict:
    if request[0] == "page":
        _, pathname, search = request
        key, spec = find_callback(app, "_pages_content.children")
        values = {"pathname": pathname, "search": search}
        return {
            "output": key,
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [
                {"id": d["id"], "property": d["property"], "value": values[d["property"]]} for d in spec["inputs"]
            ],
            "state": [],
            "changedPropIds": ["_pages_location.pathname"],
        }
    output, values = request
    return payload(app, output, values)


def answer(client, app, request) -> str:
    """The whole answer (status and JSON body) of one request, as a canonical string."""
    response = client.post(f"{app.config.routes_pathname_prefix}_dash-update-component", json=body(app, request))
    assert response.status_code in (200, 204), (request[0], response.status_code)
    data = response.get_json(silent=True)
    return json.dumps([response.status_code, data], sort_keys=True, ensure_ascii=False)


def name(request) -> str:
    """A request's key: the whole request, canonical (also readable enough in a failure message)."""
    return json.dumps(request, sort_keys=True)


@pytest.fixture(scope="module")
def make_app(tmp_path_factory):
    """A new app from the factory (its own table load), with its own client; the pages router is registered."""

    def make(cache_type="NullCache", tables=None):
        settings = Settings(cache_type=cache_type, cache_dir=tmp_path_factory.mktemp("cache"))
        app = create_app(settings, tables=tables)
        client = app.server.test_client()
        client.get("/")  # the pages router registers itself on the first request
        return app, client

    return make


USERS = {"A": USER_A, "B": USER_B, "others": OTHERS}
ALONE = """
import json, sys, tempfile
from tests.integration.test_stateless import USERS, alone_answers
print(json.dumps(alone_answers(USERS[sys.argv[1]], tempfile.mkdtemp())))
"""


def alone_answers(requests, cache_dir) -> dict:
    """Answers of a fresh app serving only `requests`, in order, uncached."""
    app = create_app(Settings(cache_type="NullCache", cache_dir=Path(cache_dir)))
    client = app.server.test_client()
    client.get("/")  # the pages router registers itself on the first request
    return {name(request): answer(client, app, request) for request in requests}


@pytest.fixture(scope="module")
def alone():
    """What each user's requests answer in a process of its own that served nothing else: a clean baseline,
    which module-level state left by other tests or users in this process cannot reach."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", ALONE, user], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for user in USERS
    ]
    out = {}
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr[-2000:]
        out.update(json.loads(stdout.strip().splitlines()[-1]))
    return out


@pytest.fixture(scope="module")
def shared(make_app):
    """One worker serving everyone, with the production cache type (files shared by the workers of a machine)."""
    return make_app("FileSystemCache")


def test_the_requests_are_distinct_and_meaningful(alone):
    # Guards the test itself: every request has its own answer, and user A's and B's differ.
    assert len(alone) == len(USER_A) + len(USER_B) + len(OTHERS)
    for a, b in zip(USER_A, USER_B):
        assert alone[name(a)] != alone[name(b)], name(a)
    assert all('"response"' in alone[name(r)] for r in USER_A + USER_B)


def test_two_apps_from_the_factory_answer_alike(make_app, alone):
    app, client = make_app("SimpleCache")
    for request in USER_B + USER_A:
        assert answer(client, app, request) == alone[name(request)], name(request)


def test_two_users_interleaved_each_get_what_they_get_alone(shared, alone):
    app, client = shared
    for _ in range(2):  # the second round is served from the response cache
        for a, b in zip(USER_A, USER_B):
            assert answer(client, app, a) == alone[name(a)], name(a)
            assert answer(client, app, b) == alone[name(b)], name(b)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_answer_does_not_depend_on_the_requests_served_before(shared, alone, seed):
    app, client = shared
    rnd = random.Random(seed)
    pool = USER_A + USER_B + OTHERS
    for target in rnd.sample(USER_A + USER_B, 5):
        for request in rnd.choices(pool, k=6):
            answer(client, app, request)
        assert answer(client, app, target) == alone[name(target)], name(target)


def test_derived_lookups_belong_to_their_tables_not_to_the_process(make_app):
    """Two data sets with the same version string: a module-level cache keyed on the version (or on a frame's
    id) would hand one app's lookups to the other."""
    from components.region_picker import region_options
    from data.profile import year_used
    from state.region import known

    tables = load_tables(DEFAULT_DATA_DIR)
    regions = tables.regions[tables.regions["code"] != "FRE1"].reset_index(drop=True)
    values = tables.indicator_values[tables.indicator_values["region"] != "FRE1"].reset_index(drop=True)
    other = replace(
        tables, frames=MappingProxyType({**tables.frames, "regions": regions, "indicator_values": values}), derived={}
    )
    assert other.version == tables.version
    apps = {id(t): make_app(tables=t)[0] for t in (tables, other)}
    for t, has in ((tables, True), (other, False), (tables, True), (other, False)):
        with apps[id(t)].server.test_request_context("/"):
            assert ("FRE1" in known(t)[0]) is has
            assert any(o["value"] == "FRE1" for o in region_options(t.regions, t.version)) is has
            assert (year_used(t.indicator_values, "gdp_pc_pps", 2024, ["FRE1"]) is not None) is has
    assert "region.known" in tables.derived and "region.known" in other.derived


# --- (c) No module-level mutable caches ---------------------------------------------------------------------------

PACKAGES = ("callbacks", "components", "data", "state", "pages")
MUTATING_METHODS = {
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "popitem",
    "clear",
    "update",
    "setdefault",
    "add",
    "discard",
    "sort",
    "reverse",
    "__setitem__",
    "__delitem__",
}
MUTABLE_FACTORIES = {
    "dict",
    "list",
    "set",
    "defaultdict",
    "OrderedDict",
    "Counter",
    "deque",
    "WeakKeyDictionary",
    "WeakValueDictionary",
}
CACHE_DECORATORS = {"lru_cache", "cache", "cached"}
# (module, name) -> why it may stay. Keep this list exact: a test below fails when an entry no longer applies.
ALLOWED: dict[tuple[str, str], str] = {}


def app_modules() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.relative_to(ROOT).parts[:2] != ("data", "build"):  # the offline pipeline, not the app
                files.append(path)
    return files


def _mutable(node) -> bool:
    if isinstance(node, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return called in MUTABLE_FACTORIES
    return False


def _decorator_name(node) -> str:
    node = node.func if isinstance(node, ast.Call) else node
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def runtime_state(path: Path) -> dict[str, str]:
    """Module-level names bound to a dict/list/set that a function of the module mutates (item assignment or
    deletion, a mutating method, augmented assignment, `global`), and functions with a caching decorator.
    Building a constant at import time (module-level statements) is not runtime state."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mutable = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        mutable |= {t.id for t in targets if isinstance(t, ast.Name) and _mutable(value)}
    found = {}
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    for function in functions:
        for deco in getattr(function, "decorator_list", []):
            if _decorator_name(deco) in CACHE_DECORATORS:
                found[function.name] = f"@{_decorator_name(deco)} at line {function.lineno}"
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                for n in node.names:
                    found[n] = f"`global {n}` at line {node.lineno}"
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, (ast.Store, ast.Del))
                and isinstance(node.value, ast.Name)
                and node.value.id in mutable
            ):
                found[node.value.id] = f"item assignment at line {node.lineno}"
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATING_METHODS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in mutable
            ):
                found[node.func.value.id] = f".{node.func.attr}() at line {node.lineno}"
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in mutable:
                found[node.target.id] = f"augmented assignment at line {node.lineno}"
    return found


def test_the_scan_finds_a_module_level_cache(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(
        "_C = {}\nLIMITS = {'a': 1}\nLIMITS['b'] = 2\n\n\ndef f(k):\n    if k not in _C:\n"
        "        _C[k] = k\n    return _C[k]\n\n\n@functools.lru_cache\ndef g():\n    return LIMITS['a']\n"
    )
    assert set(runtime_state(path)) == {"_C", "g"}


def test_no_module_keeps_mutable_state_between_requests():
    found = []
    for path in app_modules():
        module = path.relative_to(ROOT).as_posix()
        for n, where in runtime_state(path).items():
            if (module, n) not in ALLOWED:
                found.append(f"{module}: {n} ({where})")
    assert found == [], (
        "module-level state mutated at runtime (keep derived lookups in Tables.memo, see "
        "data/store.py, or results in caching.memoize): " + "; ".join(found)
    )


def test_the_allowed_exceptions_still_exist():
    stale = [f"{m}: {n}" for m, n in ALLOWED if n not in runtime_state(ROOT / m)]
    assert stale == [], f"remove from ALLOWED (no longer module-level state): {stale}"
