"""Page layouts are cached as the JSON Dash sends, per page and query."""
import json

import caching


def test_a_cached_layout_is_the_json_of_the_components(app):
    from pages import compare, regions

    with app.server.test_request_context("/"):
        assert regions.layout() == caching.plain(regions.layout.uncached())
        first = compare.layout(regions="FRE1,ITC1", year="2021")
        assert first == caching.plain(compare.layout.uncached(regions="FRE1,ITC1", year="2021"))
        other = compare.layout(regions="DE11")
        assert other != first
        assert '"regions": ["DE11"]' in json.dumps(other) and '"regions": ["FRE1", "ITC1"]' in json.dumps(first)


def test_the_page_content_callback_serves_the_cached_layout(app, client):
    from benchmarks.harness import call, payload

    client.get("/")  # Dash adds the pages router's callback on the first request
    body = payload(app, "_pages_content", {"_pages_location.pathname": "/region/FRE1",
                                           "_pages_location.search": "?year=2021"})
    answers = [call(client, app, body).get_json() for _ in range(2)]
    assert answers[0] == answers[1]
    assert "Nord-Pas de Calais (FRE1)" in str(answers[0])


def test_a_layout_is_built_once_per_query(app, monkeypatch):
    from pages import regions

    built = []
    real = regions.region_picker
    monkeypatch.setattr(regions, "region_picker", lambda *a, **k: built.append(1) or real(*a, **k))
    with app.server.test_request_context("/"):
        first = [regions.layout(probe="a") for _ in range(3)]
        assert len(built) == 1  # the same link: one build, then the cache
        regions.layout(probe="b")
        assert len(built) == 2  # another query: built again
    assert first[0] == first[1] == first[2]
