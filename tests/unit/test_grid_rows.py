"""A grid's block of rows made on the server: AG Grid's filter and sort models applied, one block cut out."""

import pandas as pd

from data import grid_rows


def frame():
    return pd.DataFrame(
        {
            "name": ["Alpha", "beta", "Gamma", "delta", None],
            "country": ["FR", "DE", "FR", None, "IT"],
            "weight": [3, 1, 2, 5, 4],
        }
    )


def test_text_filters_are_case_insensitive_and_blank_is_its_own_test():
    model = {"name": {"filterType": "text", "type": "contains", "filter": "A"}}
    assert list(grid_rows.filtered(frame(), model)["name"]) == ["Alpha", "beta", "Gamma", "delta"]
    blank = {"country": {"filterType": "text", "type": "blank"}}
    assert list(grid_rows.filtered(frame(), blank)["name"]) == ["delta"]
    either = {
        "country": {
            "filterType": "text",
            "operator": "OR",
            "conditions": [{"type": "equals", "filter": "de"}, {"type": "equals", "filter": "it"}],
        }
    }
    assert list(grid_rows.filtered(frame(), either)["country"]) == ["DE", "IT"]


def test_number_filters_and_sort_with_missing_last():
    model = {"weight": {"filterType": "number", "type": "inRange", "filter": 2, "filterTo": 4}}
    assert sorted(grid_rows.filtered(frame(), model)["weight"]) == [2, 3, 4]
    rows = grid_rows.sorted_rows(frame(), [{"colId": "name", "sort": "asc"}])
    assert list(rows["name"])[:4] == ["Alpha", "beta", "delta", "Gamma"] and pd.isna(rows["name"].iloc[-1])
    assert list(grid_rows.sorted_rows(frame(), [{"colId": "weight", "sort": "desc"}])["weight"]) == [5, 4, 3, 2, 1]


def test_a_block_holds_the_requested_rows_and_the_count_of_all():
    answer = grid_rows.block(frame(), {"startRow": 1, "endRow": 3, "sortModel": [{"colId": "weight", "sort": "asc"}]})
    assert answer["rowCount"] == 5 and [r["weight"] for r in answer["rowData"]] == [2, 3]
    missing = grid_rows.block(frame(), {"startRow": 0, "endRow": 5, "filterModel": {"country": {"type": "blank"}}})
    assert missing["rowData"] == [{"name": "delta", "country": None, "weight": 5}]  # missing stays None


def test_forged_requests_are_ignored_not_errors():
    for request in (None, "x", {"startRow": -5, "endRow": 10**9}, {"filterModel": {"name": {"type": "regex"}}}):
        answer = grid_rows.block(frame(), request)
        assert answer["rowCount"] == 5 and len(answer["rowData"]) <= grid_rows.MAX_BLOCK
    odd = {"name": {"filterType": "number", "type": "equals", "filter": "x"}, "nope": {"type": "equals"}}
    assert len(grid_rows.filtered(frame(), odd)) == 5
