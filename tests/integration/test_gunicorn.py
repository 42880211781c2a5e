"""gunicorn as the Procfile starts it. The first visit after a deploy: parallel first requests at a fresh
gunicorn all succeed. Dash set itself up in each worker's first request and marked that done before doing it, so 1 in 8
parallel first requests for the React bundle answered 500 and the page stayed on "Loading..." (issue 15)."""

import pytest

from app import create_app
from benchmarks.servers import first_visit_paths, gunicorn, parallel_first_visits


@pytest.fixture(scope="module")
def paths():
    return first_visit_paths(create_app())


@pytest.mark.parametrize("workers, threads", [(3, 4), (2, 8), (1, 16)])
def test_parallel_first_requests_at_a_fresh_server_all_succeed(paths, workers, threads):
    assert any("react" in p for p in paths) and "/_dash-dependencies" in paths
    for start in range(3):  # each start is a new set of workers, each with its first requests
        with gunicorn(workers=workers, threads=threads) as base:
            counts = parallel_first_visits(base, paths, copies=3, concurrency=32)
        assert counts == {200: 3 * len(paths)}, f"start {start}: {counts}"


def deck_of(n: int) -> str:
    from urllib.parse import urlencode

    views = [
        f"/rankings?indicator=composite&weights=gdp_pc_pps:2,rci:1,gerd_pc_gdp:1&year=2021&level=2&n=25&r={i}"
        for i in range(n)
    ]
    return "/slides?" + urlencode([("view", v) for v in views])


def test_gunicorn_sends_no_banner_and_accepts_a_30_slide_deck():
    from benchmarks.servers import fetch

    deck = deck_of(30)
    assert 4094 < len(deck) < 7800  # longer than gunicorn's default request line
    with gunicorn(workers=1, threads=2) as base:
        code, _, headers = fetch(base + "/")
        assert code == 200 and "Server" not in headers and "default-src 'self'" in headers["Content-Security-Policy"]
        assert fetch(base + deck)[0] == 200
        assert fetch(base + "/_dash-component-suites/dash/nope.js")[0] == 404
