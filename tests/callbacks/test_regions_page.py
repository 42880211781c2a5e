"""The Regions page lists one country's regions at a time (`?country=FR`): its URL state and its layout."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest

import caching
from state.regions import parse_regions, regions_search
from tests.callbacks.components import text_of


def _query(search: str) -> dict:
    return dict(parse_qsl(search.lstrip("?"), keep_blank_values=True))


@pytest.mark.parametrize("country", ["", "FR", "DE", "CH"])
def test_the_country_round_trips_through_the_link(tables, country):
    state, notices = parse_regions(tables, {"country": country} if country else {})
    assert state == {"country": country} and notices == []
    search = regions_search(state["country"])
    assert search == (f"?country={country}" if country else "")
    assert parse_regions(tables, _query(search)) == (state, [])


def test_an_unknown_country_is_ignored_with_a_notice(tables):
    for junk in ("XX", "<script>", ["FR", "ZZ"]):
        state, notices = parse_regions(tables, {"country": junk})
        assert state == {"country": ""} and len(notices) == 1


def _links(tree) -> list[str]:
    return [m for m in json.dumps(tree).split('"href": "')[1:] for m in [m.split('"')[0]]]


def test_the_layout_lists_every_country_and_the_regions_of_the_open_one_only(app):
    from pages import regions

    with app.server.test_request_context("/"):
        closed = regions.layout(country="")
        opened = regions.layout(country="FR")
        german = regions.layout(country="DE")
    links = _links(closed)
    assert "/regions?country=FR" in links and "/regions?country=DE" in links and "/regions?country=CH" in links
    assert "/region/FR10" not in links and "/region/FR" not in links  # no country's list while none is open
    opened_links = _links(opened)
    assert {"/region/FR", "/region/FR1", "/region/FR10", "/region/FRK2"} <= set(opened_links)
    assert "/region/DE21" not in opened_links and "/region/DE2" not in opened_links
    assert "/regions?country=DE" in opened_links and "/regions?country=FR" not in opened_links
    assert "/region/DE21" in _links(german)
    # Sized to what is shown: 148 KB with every country's list in the layout.
    for tree, limit in ((closed, 30), (opened, 50), (german, 50)):
        assert len(json.dumps(tree)) <= limit * 1024


def test_an_unknown_country_in_the_link_shows_a_notice_and_no_country_open(app):
    from pages import regions

    with app.server.test_request_context("/"):
        tree = regions.layout(country="XX")
        french = regions.layout(country="XX", lang="fr")
        assert tree == caching.plain(regions.layout.uncached(country="XX"))
        plain = regions.layout(country="")
    text = json.dumps(tree)
    assert "Unknown country 'XX' (ignored)." in text and regions.OPEN not in text
    assert "Pays inconnu" in json.dumps(french, ensure_ascii=False) or "pays" in text_of(french).lower()
    assert regions.NOTICE in json.dumps(plain) and "Unknown country" not in json.dumps(plain)
