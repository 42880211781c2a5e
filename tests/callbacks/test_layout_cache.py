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
