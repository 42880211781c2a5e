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
    again = client.get("/geo/nuts2.geojson", headers={"Accept-Encoding": "gzip",
                                                      "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_unknown_table_and_level_are_plain_404s(client):
    assert client.get("/download/nope.csv").status_code == 404
    assert client.get("/geo/nuts7.geojson").status_code == 404


def test_framing_is_governed_by_csp_frame_ancestors_only(client):
    headers = client.get("/").headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert "X-Frame-Options" not in headers
