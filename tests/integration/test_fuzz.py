"""Robustness: generated URLs and invalid callback inputs never produce a server error, and no callback or page
layout raises (the global on_error would answer 200 with an alert: the app's error log counts those).

URLs are rendered the way the browser asks for them (the pages router callback with pathname and search);
every registered callback then gets hostile values for each of its inputs. Mutation checks make one callback and
one page layout raise on every call and expect these checks to report it.
"""

import json
import random
from urllib.parse import quote, urlencode

import dash
import pytest

import caching
from app import create_app
from benchmarks.harness import find_callback
from errors import ERRORS
from settings import Settings

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999",
    "1e309",
    "NaN",
    "null",
    "true",
    "[]",
    "{}",
    "FRE1",
    "XX99",
    "fre1",
    "EU27_2020",
    "ÅÄÖ",
    "区域",
    "🙂",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${7*7}",
    "{{7*7}}",
    "a" * 3000,
    "1,2,3",
    ",,,",
    "gdp_pc_pps",
    "unemployment_rate",
    "2021",
    "1066",
    "IES01",
    "INNOSUP-1",
    "ESCP-4i",
    "minmax",
    "geometric",
    "present",
    "dark",
]
KEYS = [
    "indicator",
    "year",
    "level",
    "region",
    "regions",
    "code",
    "country",
    "ecosystem",
    "programme",
    "weights",
    "method",
    "aggregation",
    "seed",
    "draws",
    "spread",
    "x",
    "y",
    "k",
    "view",
    "threshold",
    "lq",
    "share",
    "basket",
    "compare",
    "embed",
    "present",
    "theme",
    "role",
    "call",
    "top",
    "base_year",
]


@pytest.fixture(scope="module")
def app():
    return create_app()


def _paths(app):
    static = [page["path"] for page in dash.page_registry.values() if page.get("path")]
    templated = [page["path_template"] for page in dash.page_registry.values() if page.get("path_template")]
    paths = static + ["/region/FRE1", "/region/XX99", "/region/", "/region/%3Cscript%3E", "/nope", "//", "/data/x"]
    for template in templated:
        paths += [template.replace("<code>", quote(v, safe="")) for v in HOSTILE[:20]]
    return paths


def _urls(app, n=1100, seed=7):
    rnd = random.Random(seed)
    paths = _paths(app)
    urls = []
    while len(urls) < n:
        query = [(rnd.choice(KEYS), rnd.choice(HOSTILE)) for _ in range(rnd.randint(0, 5))]
        if rnd.random() < 0.2:  # repeated parameter
            query += [query[0]] if query else [("year", "2020"), ("year", "abc")]
        urls.append((rnd.choice(paths), "?" + urlencode(query) if query else ""))
    return urls


def _router_body(app, pathname, search):
    key, spec = find_callback(app, "_pages_content.children")
    inputs = [
        {
            "id": d["id"],
            "property": d["property"],
            "value": {"pathname": pathname, "search": search}.get(
                d["property"].replace("_", ""), pathname if d["property"] == "pathname" else search
            ),
        }
        for d in spec["inputs"]
    ]
    outputs = [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }


def url_failures(app, urls) -> list:
    """(path, query, status) of every URL answered >= 500 or >= 400 or whose layout raised (error log)."""
    client = app.server.test_client()
    errors = app.server.extensions[ERRORS]
    failures = []
    for pathname, search in urls:
        before = errors.count
        answer = client.post("/_dash-update-component", json=_router_body(app, pathname, search))
        if answer.status_code != 200 or errors.count != before:
            failures.append(
                (pathname, search[:120], answer.status_code, errors.recent[-1] if errors.count != before else "")
            )
    return failures


def test_a_thousand_generated_urls_render_without_server_error(app):
    urls = _urls(app)
    assert len(urls) >= 1000
    assert url_failures(app, urls) == []


def test_plain_get_of_generated_paths_is_never_a_server_error(app):
    client = app.server.test_client()
    for pathname, search in _urls(app, n=150, seed=11):
        assert client.get(pathname + search).status_code < 500


INVALID_VALUES = [None, "", "zzz", -1, 10**12, 3.5, [], ["x"], {"a": 1}, "<b>x</b>", "🙂" * 50, True]


def _bodies(app, values):
    """(callback key, value, request body) for every server callback and every value in each of its inputs."""
    for key, spec in app.callback_map.items():
        if spec.get("callback") is None or key.startswith("_pages"):  # clientside, or the pages router
            continue
        outputs = []
        for part in key.strip(".").split("...") if key.startswith("..") else [key]:
            ident, prop = part.rsplit(".", 1)
            outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
        for value in values:

            def item(dep, value=value):
                ident = json.loads(dep["id"]) if dep["id"].startswith("{") else dep["id"]
                if isinstance(ident, dict):  # pattern-matching ids: pick a concrete one
                    ident = {k: ("x" if v == ["MATCH"] or v == ["ALL"] else v) for k, v in ident.items()}
                return {"id": ident, "property": dep["property"], "value": value}

            yield (
                key,
                value,
                {
                    "output": key,
                    "outputs": outputs if key.startswith("..") else outputs[0],
                    "inputs": [item(d) for d in spec["inputs"]],
                    "state": [item(d) for d in spec.get("state", [])],
                    "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
                },
            )


def callback_failures(app, values=INVALID_VALUES) -> list:
    """(callback, value, status, error line) of every call answered >= 500 or in which the callback raised."""
    client = app.server.test_client()
    errors = app.server.extensions[ERRORS]
    failures = []
    for key, value, body in _bodies(app, values):
        before = errors.count
        answer = client.post("/_dash-update-component", json=body)
        if answer.status_code >= 500 or errors.count != before:
            failures.append(
                (key[:80], repr(value)[:30], answer.status_code, errors.recent[-1] if errors.count != before else "")
            )
    return failures


def test_every_callback_survives_invalid_input_values(app):
    failures = callback_failures(app)
    assert failures == [], f"{len(failures)} failures, e.g. {failures[:10]}"


def test_junk_callback_inputs_create_no_cache_entries(tmp_path):
    """Issue 15: cache keys come from validated values, so invented values cost no cache entry."""
    app = create_app(Settings(cache_type="SimpleCache", cache_dir=tmp_path))
    backend = app.server.extensions[caching.EXTENSION].cache.cache

    def junk(seed):
        rnd = random.Random(seed)
        text = f"{rnd.getrandbits(48):x}"
        return [
            text,
            [text],
            {"code": text, "default_year": rnd.randint(3, 9999), "regions": [text]},
            rnd.randint(3, 10**9),
            rnd.random() * 1000,
        ]

    assert callback_failures(app, junk(1)) == []  # fills the cache with what valid defaults produce
    filled = len(backend._cache)
    assert callback_failures(app, junk(2)) == []
    assert len(backend._cache) == filled


# --- Mutation checks: the checks above must fail when a callback or a layout raises on every call ----------------


def _broken(*_args, **_kwargs):
    raise RuntimeError("broken on purpose (mutation check)")


def test_the_callback_check_reports_a_callback_that_raises(monkeypatch, tmp_path):
    import callbacks.overview

    app = create_app(Settings(cache_type="NullCache", cache_dir=tmp_path))
    monkeypatch.setattr(callbacks.overview, "overview_outputs", _broken)
    failures = callback_failures(app, ["", 2])
    assert failures and all(status == 200 for _, _, status, _ in failures)  # on_error answered 200...
    assert all("overview-map" in key and "broken on purpose" in line for key, _, _, line in failures)  # ...counted


def test_the_url_check_reports_a_page_layout_that_raises(monkeypatch, tmp_path):
    app = create_app(Settings(cache_type="NullCache", cache_dir=tmp_path))
    from pages import regions

    monkeypatch.setattr(regions, "region_dropdown", _broken)
    failures = url_failures(app, [("/regions", ""), ("/regions", "?x=1"), ("/region/FRE1", "")])
    assert [(path, status) for path, _, status, _ in failures] == [("/regions", 200), ("/regions", 200)]
    assert "broken on purpose" in failures[0][3]


def test_a_failure_is_one_log_line_with_the_id_the_user_sees(monkeypatch, tmp_path, caplog):
    import callbacks.overview

    app = create_app(Settings(cache_type="NullCache", cache_dir=tmp_path))
    monkeypatch.setattr(callbacks.overview, "overview_outputs", _broken)
    client = app.server.test_client()
    _, _, body = next(b for b in _bodies(app, ["gdp_pc_pps"]) if "overview-map" in b[0])
    with caplog.at_level("ERROR", logger="app"):
        answers = [client.post("/_dash-update-component", json=body).get_data(as_text=True) for _ in range(20)]
    records = [r for r in caplog.records if "callback failed" in r.getMessage()]
    assert len(records) == 20 and all("\n" not in r.getMessage() for r in records)
    assert sum(r.exc_info is not None for r in records) == 1  # the traceback once per distinct error
    for answer, record in zip(answers, records):
        error_id = record.getMessage().split("(error ", 1)[1][:8]
        assert f"(error {error_id})" in answer  # the alert the user sees names the same id
