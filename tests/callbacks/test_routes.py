"""The app's own routes: health, table downloads, map boundaries; compression and framing headers."""

import gzip
import json


def test_health_reports_the_data_version(client, app):
    answer = client.get("/health").get_json()
    assert answer["status"] == "ok" and answer["data_version"]


def test_boundaries_and_assets_are_gzipped_when_the_browser_accepts_it(client):
    for path in ("/geo/nuts2.geojson", "/assets/01-bootstrap.min.css", "/assets/display.js"):
        plain = client.get(path)
        packed = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip", path
        assert gzip.decompress(packed.data) == plain.data, path
        assert len(packed.data) < len(plain.data) / 2, path
    features = json.loads(client.get("/geo/nuts2.geojson").data)["features"]
    assert len(features) > 200


def test_an_unchanged_boundary_file_is_not_sent_again(client):
    first = client.get("/geo/nuts2.geojson", headers={"Accept-Encoding": "gzip"})
    again = client.get(
        "/geo/nuts2.geojson", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and not again.data


def test_unknown_table_and_level_are_plain_404s(client):
    assert client.get("/download/nope.csv").status_code == 404
    assert client.get("/geo/nuts7.geojson").status_code == 404


def test_framing_is_governed_by_csp_frame_ancestors_only(client):
    headers = client.get("/").headers
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers


def test_the_content_security_policy_names_every_inline_script_by_its_hash(client):
    import base64
    import hashlib
    import re

    answer = client.get("/region/FRE1")
    policy = dict(part.strip().split(" ", 1) for part in answer.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", answer.get_data(as_text=True), re.S
    )
    assert len(inline) > 5  # the renderer and the clientside callbacks
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"], script[:80]
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert "Server" not in answer.headers


def test_bad_component_paths_and_malformed_callbacks_are_4xx_not_500(client):
    for path in (
        "/_dash-component-suites/dash/nope.js",
        "/_dash-component-suites/nopkg/x.js",
        "/_dash-component-suites/dash/../../etc/passwd",
    ):
        assert client.get(path).status_code == 404, path
    update = "/_dash-update-component"
    assert client.post(update, data="{bad json", content_type="application/json").status_code == 400
    for body in (
        {"x": 1},
        [1],
        "text",
        {"output": "nope.children", "outputs": {}, "inputs": []},
        {
            "output": "noop-output.children",
            "outputs": {"id": "noop-output", "property": "children"},
            "inputs": "not a list",
        },
    ):
        assert client.post(update, json=body).status_code == 400, body


def test_the_host_header_never_makes_an_absolute_url(client):
    page = client.get("/region/FRE1", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page


def test_a_configured_public_url_is_the_only_origin_of_absolute_urls(tmp_path):
    from app import create_app
    from settings import Settings

    app = create_app(Settings(cache_type="NullCache", cache_dir=tmp_path, public_url="https://observatory.example"))
    page = app.server.test_client().get("/region/FRE1", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert 'content="https://observatory.example/region/FRE1"' in page and "evil.example" not in page


def test_table_downloads_neutralise_formula_cells(tables, tmp_path):
    import csv
    import dataclasses
    import io
    from types import MappingProxyType

    from app import create_app
    from settings import Settings

    sources = tables.sources.copy()
    sources.loc[sources.index[0], "title"] = '=HYPERLINK("https://evil.example","click")'
    sources.loc[sources.index[1], "title"] = "@SUM(1+1)"
    hostile = dataclasses.replace(tables, frames=MappingProxyType({**tables.frames, "sources": sources}), derived={})
    app = create_app(Settings(cache_type="NullCache", cache_dir=tmp_path), tables=hostile)
    body = app.server.test_client().get("/download/sources.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["title"] == "'" + sources["title"].iloc[0] and rows[1]["title"] == "'@SUM(1+1)"
    assert rows[2]["title"] == sources["title"].iloc[2]  # ordinary text unchanged


def test_pages_load_regenerator_runtime_in_the_place_of_dashs_polyfill(client):
    """babel-polyfill (core-js 2) would replace the browser's own trim/parseInt/parseFloat with slow copies; only its
    regenerator-runtime is needed, before React and the component bundles, and only once."""
    scripts = [line.strip() for line in client.get("/").get_data(as_text=True).splitlines() if "<script src=" in line]
    assert not [s for s in scripts if "polyfill" in s]
    assert scripts[0] == '<script src="/assets/deps/regenerator-runtime.js"></script>'
    assert sum("regenerator-runtime" in s for s in scripts) == 1
    assert client.get("/assets/deps/regenerator-runtime.js").status_code == 200


def test_under_a_path_prefix_the_regenerator_runtime_is_served_from_the_prefix(tables):
    from app import create_app
    from settings import Settings

    app = create_app(Settings.from_env({"DASH_REQUESTS_PATHNAME_PREFIX": "/portal/observatory/"}), tables=tables)
    page = app.server.test_client().get("/portal/observatory/").get_data(as_text=True)
    assert '<script src="/portal/observatory/assets/deps/regenerator-runtime.js"></script>' in page
