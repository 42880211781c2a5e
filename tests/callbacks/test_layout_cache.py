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
    body = payload(
        app, "_pages_content", {"_pages_location.pathname": "/region/FRE1", "_pages_location.search": "?year=2021"}
    )
    answers = [call(client, app, body).get_json() for _ in range(2)]
    assert answers[0] == answers[1]
    assert "Nord-Pas de Calais (FRE1)" in str(answers[0])


def test_a_layout_is_built_once_per_state(app, monkeypatch):
    from pages import compare

    built = []
    real = compare.region_dropdown
    monkeypatch.setattr(compare, "region_dropdown", lambda *a, **k: built.append(1) or real(*a, **k))
    with app.server.test_request_context("/"):
        first = [compare.layout(regions="ES51,DE11") for _ in range(3)]
        assert len(built) == 1  # the same link: one build, then the cache
        compare.layout(regions="ES51,DE11", probe="a", utm_source="b")
        compare.layout(regions=["ES51,DE11"], year="not-a-year")  # the same state, with a notice
        assert len(built) == 1  # unknown parameters and invalid values: the same state, the same entry
        compare.layout(regions="ES51,PL91")
        assert len(built) == 2  # another state: built again
    assert first[0] == first[1] == first[2]


def test_notices_quote_the_link_but_are_not_cached(app):
    from pages import compare

    with app.server.test_request_context("/"):
        clean = json.dumps(compare.layout(regions="FRE1"))
        junk = json.dumps(compare.layout(regions="FRE1", year="1066"))
        again = json.dumps(compare.layout(regions="FRE1"))
    assert "1066" in junk and "1066" not in clean and again == clean


JUNK_PAGES = [
    "/",
    "/rankings",
    "/compare",
    "/ecosystems",
    "/policy",
    "/programmes",
    "/clusters",
    "/regions",
    "/data",
    "/region/FRE1",
    "/region/XX99",
]


def cache_entries(app) -> int:
    return len(app.server.extensions[caching.EXTENSION].cache.cache._cache)


def test_junk_query_parameters_create_no_cache_entries(tmp_path):
    """Issue 15: `/regions?x=<random>` cost a build and ~135 KB of cache per request."""
    import random

    from app import create_app
    from benchmarks.harness import call, payload
    from settings import Settings

    app = create_app(Settings(cache_type="SimpleCache", cache_dir=tmp_path))
    client = app.server.test_client()
    client.get("/")

    def visit(pathname, search):
        body = payload(app, "_pages_content", {"_pages_location.pathname": pathname, "_pages_location.search": search})
        return call(client, app, body).get_data(as_text=True)

    for path in JUNK_PAGES:
        visit(path, "")
    warm = cache_entries(app)
    assert warm >= len(JUNK_PAGES) - 1  # the pages are cached (the unknown region is not)
    rnd = random.Random(15)
    for n in range(5):
        junk = f"{rnd.getrandbits(64):x}"
        for path in JUNK_PAGES:
            keys = [f"x{n}", "year", "indicator", "regions", "region", "country", "utm_source"]
            answer = visit(path, "?" + "&".join(f"{key}={junk}" for key in keys))
            if path not in ("/regions", "/data", "/region/XX99"):
                assert junk[:20] in answer, path  # the notice (or the not-found panel) quotes the bad value
    assert cache_entries(app) == warm
