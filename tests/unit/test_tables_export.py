"""Every CSV download neutralises cells a spreadsheet would run as formulas (issue 15)."""

import csv
import io

import pandas as pd

from data.tables_export import neutralise_formulas, safe_csv


def test_formula_cells_get_a_leading_quote_and_numbers_stay_numbers():
    df = pd.DataFrame(
        {
            "name": ['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "\tx", "Île-de-France", None],
            "value": [-1.5, 2.0, None, 4.0, 5.0, 7.0, -8.0],
        }
    )
    rows = list(csv.reader(io.StringIO(safe_csv(df), newline="")))[1:]
    assert [r[0] for r in rows] == ['\'=HYPERLINK("x")', "'+1", "'-cmd", "'@SUM(A1)", "'\tx", "Île-de-France", ""]
    assert [r[1] for r in rows] == ["-1.5", "2.0", "", "4.0", "5.0", "7.0", "-8.0"]
    assert df["name"].iloc[0] == '=HYPERLINK("x")'  # the frame itself is not changed
    assert neutralise_formulas(pd.DataFrame({"a": ["\rx", "x\r"]}))["a"].tolist() == ["'\rx", "x\r"]
