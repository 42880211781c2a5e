"""Uploads are read within hard limits checked before anything expands; each limit refuses with its own message."""

import io
import zipfile

import pandas as pd
import pytest

from benchmarks import hostile_files as hostile
from data import policy as q
from data.upload import Limits, UploadError, frames_to_xlsx, read_table


def refused(data, filename, limits=None) -> str:
    with pytest.raises(UploadError) as err:
        read_table(data, filename, limits)
    return str(err.value)


def cells_xlsx(rows) -> bytes:
    return frames_to_xlsx({"data": pd.DataFrame(rows[1:], columns=rows[0])})


@pytest.mark.parametrize("dimension", [True, False])
def test_a_cell_at_column_zzzz_is_refused_from_its_reference(dimension):
    message = refused(hostile.column_bomb(dimension), "bomb.xlsx")
    assert "column 475254, past the limit of 50 columns" in message
    assert ("declared size ZZZZ1" if dimension else "cell ZZZZ1") in message


def test_a_zip_expanding_past_the_limit_is_refused_from_its_declared_sizes():
    bomb = hostile.huge_cell(chars=30_000_000)
    assert len(bomb) < 100_000
    assert "expands to 30.002 MB once unzipped, past the limit of 20 MB" in refused(bomb, "bomb.xlsx")


def test_a_long_cell_is_refused_naming_the_cell_length_limit():
    assert "row 2, column 1 holds 2,001 characters, past the limit of 2,000" in refused(
        cells_xlsx([["cluster"], ["x" * 2001]]), "long.xlsx"
    )
    assert "line 2, column 2 holds 2,001 characters" in refused(f"a,b\n1,{'y' * 2001}\n".encode(), "long.csv")


def test_rows_columns_table_size_entries_and_time_each_have_a_limit_and_a_message():
    csv = ("a,b\n" + "1,2\n" * 11).encode()
    assert "line 12 is past the limit of 10 data rows" in refused(csv, "f.csv", Limits(rows=10))
    assert "declared size A12 is past the limit of 10 data rows" in refused(
        cells_xlsx([["a"]] + [["1"]] * 11), "f.xlsx", Limits(rows=10)
    )
    assert "line 1 has 50,000 columns, past the limit of 50 columns" in refused(hostile.wide_csv(), "wide.csv")
    assert "more than the limit of 5 characters in all" in refused(b"ab,cd\nef,gh\n", "f.csv", Limits(table_chars=5))
    assert "longer than the limit of 0 seconds" in refused(csv, "f.csv", Limits(seconds=0))
    assert "larger than the limit of 0.001 MB" in refused(b"x" * 1001, "f.csv", Limits(upload_bytes=1000))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(101):
            z.writestr(f"part{i}.xml", "<a/>")
    assert "holds 101 parts, past the limit of 100" in refused(buf.getvalue(), "many.xlsx")


def test_text_encodings_other_than_utf8_are_named_not_guessed():
    text = "cluster,région\nA,Rhône-Alpes\n"
    assert "it is UTF-16 text" in refused(text.encode("utf-16"), "f.csv")
    assert "looks like UTF-16" in refused(text.encode("utf-16-le"), "f.csv")
    assert "not UTF-8 text" in refused(text.encode("cp1252"), "f.csv")
    for encoding in ("utf-8", "utf-8-sig"):
        assert read_table(text.encode(encoding), "f.csv") == (["cluster", "région"], [["A", "Rhône-Alpes"]])


def test_a_valid_xlsx_is_read_by_openpyxl_numbers_as_written_and_formula_text_stays_text():
    data = cells_xlsx([["cluster", "year", "fte", "note"], ['=HYPERLINK("x")', 2023, 2.5, True]])
    header, rows = read_table(data, "f.xlsx")
    assert header == ["cluster", "year", "fte", "note"]
    assert rows == [['=HYPERLINK("x")', "2023", "2.5", "yes"]]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_the_page_keeps_only_the_charted_columns_or_only_the_header_of_a_wrong_file():
    df = q.read_table_bytes((b"cluster,region,year,fte_cluster_management,governance\nA,FRK,2023,2,board\n"), "m.csv")
    kept = q.kept_table("management", df)
    assert list(kept.columns) == ["cluster", "region", "year", "fte_cluster_management"]
    wrong = q.kept_table("management", q.read_table_bytes(b"name,secret\nA,lots of text\n", "m.csv"))
    assert list(wrong.columns) == ["name", "secret"] and len(wrong) == 0
    assert "Wrong columns" in q.validate_table("management", wrong).file_error
