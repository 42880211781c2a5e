"""The three Eurostat readers on tiny fixtures written in the real formats."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import pandas as pd
import pytest

from data.build.common import RawInputError
from data.build.eurostat import COLUMNS, read_bulk_tsv, read_sdmx_csv, read_simple_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eurostat"
SDMX = FIXTURES / "sdmx_labels.csv"
SIMPLE = FIXTURES / "simple.csv"
BULK = FIXTURES / "bulk.tsv.gz"


def _row(df: pd.DataFrame, geo: str, year: int) -> pd.Series:
    rows = df[(df["geo"] == geo) & (df["year"] == year)]
    assert len(rows) == 1, f"expected one row for {geo} {year}, got {len(rows)}"
    return rows.iloc[0]


def _assert_tidy_dtypes(df: pd.DataFrame) -> None:
    assert list(df.columns) == COLUMNS
    assert isinstance(df["geo"].dtype, pd.StringDtype)
    assert df["year"].dtype == "int64"
    assert df["value"].dtype == "float64"
    assert isinstance(df["flag"].dtype, pd.StringDtype)


def _write_variant(tmp_path: Path, source: Path, old: str, new: str, name: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------ SDMX-CSV
def test_sdmx_reader_parses_values_and_obs_flags():
    df = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T"})
    _assert_tidy_dtypes(df)
    assert _row(df, "AT11", 2013)["value"] == 69.9
    assert _row(df, "AT11", 2013)["flag"] == "b"
    assert _row(df, "AT12", 2013)["flag"] == "p"
    assert pd.isna(_row(df, "AT11", 2014)["flag"])


def test_sdmx_reader_keeps_only_rows_matching_the_filters():
    df = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T"})
    assert _row(df, "AT11", 2013)["value"] == 69.9  # not 65.1 (sex F) nor 141.2 (unit THS)
    females = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "F"})
    assert females[["geo", "year", "value"]].values.tolist() == [["AT11", 2013, 65.1]]


def test_sdmx_reader_keeps_confidential_value_as_nan_flagged_c():
    df = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T"})
    row = _row(df, "AT12", 2014)
    assert math.isnan(row["value"]) and row["flag"] == "c"


def test_sdmx_reader_keeps_flagged_missing_value_and_drops_unflagged_one():
    df = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T"})
    row = _row(df, "DE22", 2013)
    assert math.isnan(row["value"]) and row["flag"] == "bu"
    assert df[(df["geo"] == "DE22") & (df["year"] == 2014)].empty


def test_sdmx_reader_never_turns_missing_into_zero():
    df = read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T"})
    assert (df["value"] != 0).all()
    assert (df["value"].notna() | df["flag"].notna()).all()


def test_sdmx_reader_rejects_duplicated_geo_year_when_a_dimension_is_not_filtered():
    with pytest.raises(RawInputError) as err:
        read_sdmx_csv(SDMX, {"unit": "PC"})  # sex T and F both remain
    message = str(err.value)
    assert "sdmx_labels.csv" in message and "duplicated" in message and "AT11" in message


def test_sdmx_reader_names_file_and_column_when_a_column_is_missing(tmp_path):
    path = _write_variant(tmp_path, SDMX, ",OBS_FLAG,", ",OBS_STATUS,", "no_flag_column.csv")
    with pytest.raises(RawInputError, match=r"no_flag_column\.csv.*'OBS_FLAG'.*column missing"):
        read_sdmx_csv(path, {"unit": "PC", "sex": "T"})


def test_sdmx_reader_names_file_column_and_row_for_non_numeric_value(tmp_path):
    path = _write_variant(tmp_path, SDMX, "2014,,70.2,", "2014,,70.2 (est.),", "text_value.csv")
    with pytest.raises(RawInputError) as err:
        read_sdmx_csv(path, {"unit": "PC", "sex": "T"})
    message = str(err.value)
    assert "text_value.csv" in message and "'OBS_VALUE'" in message and "70.2 (est.)" in message


def test_sdmx_reader_names_the_filter_column_when_no_row_has_the_code():
    with pytest.raises(RawInputError, match=r"sdmx_labels\.csv.*'unit'.*'PC_GDP'"):
        read_sdmx_csv(SDMX, {"unit": "PC_GDP", "sex": "T"})


def test_sdmx_reader_names_a_filter_column_that_does_not_exist():
    with pytest.raises(RawInputError, match=r"sdmx_labels\.csv.*'age'.*column missing"):
        read_sdmx_csv(SDMX, {"unit": "PC", "sex": "T", "age": "Y15-64"})


# ------------------------------------------------------------------------------------------ simple CSV
def test_simple_reader_parses_values_without_flags():
    df = read_simple_csv(SIMPLE, {"unit": "PPS_EU27_2020_HAB"})
    _assert_tidy_dtypes(df)
    assert _row(df, "FRE1", 2021)["value"] == 27800.0
    assert _row(df, "EU27_2020", 2021)["value"] == 33200.0
    assert df["flag"].isna().all()


def test_simple_reader_drops_empty_values():
    df = read_simple_csv(SIMPLE, {"unit": "PPS_EU27_2020_HAB"})
    assert df[df["geo"] == "ITC1"].empty
    assert len(df) == 3


def test_simple_reader_rejects_non_numeric_values_naming_file_and_column(tmp_path):
    path = _write_variant(tmp_path, SIMPLE, "FRE1,2020,25900", "FRE1,2020,25 900", "spaced.csv")
    with pytest.raises(RawInputError) as err:
        read_simple_csv(path, {"unit": "PPS_EU27_2020_HAB"})
    message = str(err.value)
    assert "spaced.csv" in message and "'obs_value'" in message and "25 900" in message


def test_simple_reader_rejects_a_time_that_is_not_a_year(tmp_path):
    path = _write_variant(tmp_path, SIMPLE, "FRE1,2020,", "FRE1,2020Q1,", "quarter.csv")
    with pytest.raises(RawInputError, match=r"quarter\.csv.*'time'"):
        read_simple_csv(path, {"unit": "PPS_EU27_2020_HAB"})


# ------------------------------------------------------------------------------------------ bulk TSV
def test_bulk_reader_splits_values_and_flag_letters():
    df = read_bulk_tsv(BULK, {"unit": "THS", "nace_r2": "B-E", "age": "Y15-64"})
    _assert_tidy_dtypes(df)
    row = _row(df, "AT11", 2015)
    assert row["value"] == 4.0 and row["flag"] == "bu"
    assert _row(df, "AT12", 2014)["flag"] == "b"
    assert _row(df, "AT12", 2015)["value"] == 120.5 and pd.isna(_row(df, "AT12", 2015)["flag"])


def test_bulk_reader_reads_years_from_headers_with_trailing_spaces():
    df = read_bulk_tsv(BULK, {"unit": "THS", "nace_r2": "TOTAL", "age": "Y15-64"})
    assert sorted(df["year"].unique().tolist()) == [2013, 2014, 2015]


def test_bulk_reader_drops_colon_without_flag():
    df = read_bulk_tsv(BULK, {"unit": "THS", "nace_r2": "B-E", "age": "Y15-64"})
    assert df[(df["geo"] == "AT11") & (df["year"] == 2014)].empty


def test_bulk_reader_keeps_colon_with_flag_as_nan():
    df = read_bulk_tsv(BULK, {"unit": "THS", "nace_r2": "B-E", "age": "Y15-64"})
    row = _row(df, "AT11", 2013)
    assert math.isnan(row["value"]) and row["flag"] == "c"


def test_bulk_reader_names_file_and_year_column_for_a_malformed_cell(tmp_path):
    text = gzip.decompress(BULK.read_bytes()).decode("utf-8").replace("117.2 ", "117,2 ")
    path = tmp_path / "comma_decimal.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    with pytest.raises(RawInputError) as err:
        read_bulk_tsv(path, {"unit": "THS", "nace_r2": "B-E", "age": "Y15-64"})
    message = str(err.value)
    assert "comma_decimal.tsv.gz" in message and "'2013 '" in message and "AT12" in message


def test_bulk_reader_rejects_a_header_without_geo_time(tmp_path):
    text = gzip.decompress(BULK.read_bytes()).decode("utf-8").replace("geo\\time", "geo")
    path = tmp_path / "no_time.tsv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    with pytest.raises(RawInputError, match=r"no_time\.tsv\.gz.*unit,nace_r2,age,geo"):
        read_bulk_tsv(path, {"unit": "THS", "nace_r2": "B-E", "age": "Y15-64"})


def test_bulk_reader_names_the_dimension_when_the_code_is_absent():
    with pytest.raises(RawInputError, match=r"bulk\.tsv\.gz.*'nace_r2'.*'C'"):
        read_bulk_tsv(BULK, {"unit": "THS", "nace_r2": "C", "age": "Y15-64"})
