"""The NACE Rev.2 reference table: sections and divisions with labels, every SBS code resolved."""

from __future__ import annotations

import pandas as pd
import pytest

from data.build.common import RawInputError
from data.build.nace import COLUMNS, DIVISIONS_FILE, SECTIONS_FILE, build_nace
from data.schema import validate


def write_raw(tmp_path, sections: str, divisions: str):
    (tmp_path / "classifications").mkdir()
    (tmp_path / SECTIONS_FILE).write_text(sections, encoding="utf-8")
    (tmp_path / DIVISIONS_FILE).write_text(divisions, encoding="utf-8")
    return tmp_path


def test_sections_and_divisions_on_a_tiny_input(tmp_path):
    raw = write_raw(
        tmp_path,
        'section,label,source\nC,MANUFACTURING,x\nB,"MINING AND QUARRYING",x\n',
        "code,section,label,division,section_label,source\n"
        "C10,C,Manufacture of food products,10,MANUFACTURING,x\n"
        "B05,B,Mining of coal and lignite ,05,MINING AND QUARRYING,x\n",
    )
    out = build_nace(raw)
    assert list(out.columns) == COLUMNS
    assert out["code"].tolist() == ["B", "B05", "C", "C10"]
    labels = dict(zip(out["code"], out["label"]))
    assert labels["B"] == "Mining and quarrying"  # sentence case
    assert labels["B05"] == "Mining of coal and lignite"  # stripped
    assert out.set_index("code").loc["C10", "level"] == "division"
    assert out.set_index("code").loc["C10", "section"] == "C"
    validate("nace", out)


def test_a_division_outside_its_section_is_refused(tmp_path):
    raw = write_raw(tmp_path, "section,label\nC,MANUFACTURING\n", "code,section,label\nD35,C,Electricity\n")
    with pytest.raises(RawInputError, match="division code"):
        build_nace(raw)


def test_real_classification_has_21_sections_88_divisions_and_covers_sbs(raw, tables):
    out = build_nace(raw)
    assert (out["level"] == "section").sum() == 21
    assert (out["level"] == "division").sum() == 88
    assert set(tables.sector_employment["nace"]) <= set(out["code"])
    assert out.set_index("code").loc["J58", "label"] == "Publishing activities"
    pd.testing.assert_frame_equal(out, tables.nace, check_dtype=False)
