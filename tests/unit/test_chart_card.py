"""The text alternative of a chart (components.chart_card.data_table): one Markdown table, cells as text."""

import pandas as pd

from components.chart_card import data_table, records_table, table_box


def _markdown(table) -> str:
    return table.children[1].children


def test_data_table_cells_missing_values_and_row_limit():
    df = pd.DataFrame(
        {
            "name": pd.array(["A|B", None, "C\nD"], dtype="string"),
            "value": [1.5, float("nan"), 3.0],
            "n": pd.array([1, None, 3], dtype="Int64"),
            "unused": [0, 0, 0],
        }
    )
    text = _markdown(data_table(df, {"name": "Name", "value": "Value", "n": "Count"}, max_rows=2))
    assert text.split("\n") == ["| Name | Value | Count |", "|---|---|---|", "| A\\|B | 1.5 | 1 |", "|  |  |  |"]
    note = data_table(df, {"name": "Name"}, max_rows=2).children[0]
    assert "First 2 of 3 rows" in note.children
    assert data_table(df.iloc[:0]).children == "No data for this selection."


def test_records_table_is_the_data_table_of_the_same_rows():
    rows = [{"name": "A|B", "year": 2020, "note": ""}, {"name": "C", "year": "", "note": None}]
    columns = {"name": "Name", "year": "Year", "note": "Note"}
    assert _markdown(records_table(rows, columns)) == _markdown(data_table(pd.DataFrame(rows), columns))
    assert _markdown(records_table(rows)).split("\n")[0] == "| name | year | note |"  # every key, in order
    assert records_table([]).children == "No data for this selection."


def test_a_table_box_scrolls_sideways_and_takes_keyboard_focus():
    box = table_box("t", class_name="small mt-2", id="x", role="region")
    assert box.className == "table-responsive small mt-2" and box.tabIndex == "0"
    assert box.id == "x" and box.role == "region" and table_box().className == "table-responsive"
