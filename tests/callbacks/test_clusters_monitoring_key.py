"""The monitoring answer's cache key (callbacks/clusters.py): the uploads' content, whatever the order of the
store's entries, without the entries the charts ignore."""

import pytest


@pytest.fixture
def uploads_key(app):
    from callbacks.clusters import uploads_key

    return uploads_key


ENTRY = {"filename": "members.csv", "origin": "upload", "columns": ["cluster", "year"], "rows": [["A", "2023"]]}


def test_the_key_is_the_content_not_the_order(uploads_key):
    other = {"filename": "m.csv", "error": "not read"}
    assert uploads_key({"members": ENTRY, "management": other}) == uploads_key({"management": other, "members": ENTRY})
    changed = {**ENTRY, "rows": [["A", "2024"]]}
    assert uploads_key({"members": changed}) != uploads_key({"members": ENTRY})


def test_what_the_charts_ignore_is_not_in_the_key(uploads_key):
    assert uploads_key(None) == uploads_key({}) == uploads_key({"members": {"filename": 3}}) == ""
    assert uploads_key({"members": ENTRY, "other": ENTRY}) == uploads_key({"members": ENTRY})
