"""Robustness: generated URLs and invalid callback inputs never produce a server error.

URLs are rendered the way the browser asks for them (the pages router callback with pathname and search);
every registered callback then gets hostile values for each of its inputs.
"""
import json
import random
from urllib.parse import quote, urlencode

import dash
import pytest

from app import create_app
from benchmarks.harness import find_callback

HOSTILE = [
    "", " ", "0", "-1", "99999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}", "FRE1", "XX99",
    "fre1", "EU27_2020", "ÅÄÖ", "区域", "🙂", "%00", "../../etc/passwd", "<script>alert(1)</script>",
    "' OR 1=1 --", "${7*7}", "{{7*7}}", "a" * 3000, "1,2,3", ",,,", "gdp_pc_pps", "unemployment_rate", "2021",
    "1066", "IES01", "INNOSUP-1", "ESCP-4i", "minmax", "geometric", "present", "dark",
]
KEYS = ["indicator", "year", "level", "region", "regions", "code", "country", "ecosystem", "programme", "weights",
        "method", "aggregation", "seed", "draws", "spread", "x", "y", "k", "view", "threshold", "lq", "share",
        "basket", "compare", "embed", "present", "theme", "role", "call", "top", "base_year"]


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
    inputs = [{"id": d["id"], "property": d["property"],
               "value": {"pathname": pathname, "search": search}.get(d["property"].replace("_", ""),
                                                                       pathname if d["property"] == "pathname" else search)}
              for d in spec["inputs"]]
    outputs = [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}]
    return {"output": key, "outputs": outputs, "inputs": inputs, "state": [],
            "changedPropIds": ["_pages_location.pathname"]}


def test_a_thousand_generated_urls_render_without_server_error(app):
    client = app.server.test_client()
    client.get("/")  # the pages router registers itself on the first request
    failures = []
    urls = _urls(app)
    assert len(urls) >= 1000
    for pathname, search in urls:
        answer = client.post("/_dash-update-component", json=_router_body(app, pathname, search))
        if answer.status_code != 200:
            failures.append((pathname, search[:120], answer.status_code))
    assert failures == []


def test_plain_get_of_generated_paths_is_never_a_server_error(app):
    client = app.server.test_client()
    for pathname, search in _urls(app, n=150, seed=11):
        assert client.get(pathname + search).status_code < 500


INVALID_VALUES = [None, "", "zzz", -1, 10**12, 3.5, [], ["x"], {"a": 1}, "<b>x</b>", "🙂" * 50, True]


def test_every_callback_survives_invalid_input_values(app):
    client = app.server.test_client()
    client.get("/")
    failures = []
    for key, spec in app.callback_map.items():
        if spec.get("callback") is None or key.startswith("_pages"):  # clientside, or the pages router
            continue
        outputs = []
        for part in (key.strip(".").split("...") if key.startswith("..") else [key]):
            ident, prop = part.rsplit(".", 1)
            outputs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
        for value in INVALID_VALUES:
            def item(dep):
                ident = json.loads(dep["id"]) if dep["id"].startswith("{") else dep["id"]
                if isinstance(ident, dict):  # pattern-matching ids: pick a concrete one
                    ident = {k: ("x" if v == ["MATCH"] or v == ["ALL"] else v) for k, v in ident.items()}
                return {"id": ident, "property": dep["property"], "value": value}
            body = {"output": key, "outputs": outputs if key.startswith("..") else outputs[0],
                    "inputs": [item(d) for d in spec["inputs"]], "state": [item(d) for d in spec.get("state", [])],
                    "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"]}
            answer = client.post("/_dash-update-component", json=body)
            if answer.status_code >= 500:
                failures.append((key[:80], repr(value)[:30], answer.status_code))
    assert failures == [], f"{len(failures)} failures, e.g. {failures[:10]}"
