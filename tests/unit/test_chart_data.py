"""The CSV of a chart: the tidy frame made on the server from the spec its figure carries (data.chart_data)."""

import csv
import io

import pandas as pd
import pytest

from components.chart_card import with_csv
from data.chart_data import COLUMNS, ChartDataError, chart_frame, drawn, read_spec, spec
from data.tables_export import safe_csv


def _csv_rows(frame) -> list[dict]:
    return list(csv.DictReader(io.StringIO(safe_csv(frame))))


def test_indicator_values_in_one_year_have_every_column_rounded_values_and_the_source(tables):
    frame = chart_frame(
        tables,
        spec("indicator_values", indicators=["gdp_pc_pps", "gerd_pc_gdp"], regions=["FR10", "EU27_2020"], year=2022),
    )
    assert list(frame.columns) == COLUMNS
    rows = _csv_rows(frame)
    first = rows[0]
    assert (first["indicator"], first["unit"], first["year"], first["region_code"], first["region_name"]) == (
        "GDP per inhabitant in PPS",
        "PPS per inhabitant",
        "2022",
        "FR10",
        "Ile-de-France",
    )
    assert first["value"] == "57200"  # decimals 0: a whole number, not 57200.0
    assert first["source"] == "Source: Eurostat (nama_10r_2gdp)"
    gerd = [r for r in rows if r["indicator"].startswith("R&D")]
    assert all(len(r["value"].split(".")[-1]) <= 2 for r in gerd if r["value"])  # two decimals at most
    assert [r["region_code"] for r in rows] == ["FR10", "EU27_2020", "FR10", "EU27_2020"]


def test_a_region_without_a_value_stays_empty_never_zero(tables):
    values = tables.indicator_values
    known = set(
        values.loc[
            (values["indicator"] == "gerd_pc_gdp") & (values["year"] == 2022) & values["value"].notna(), "region"
        ]
    )
    absent = next(c for c in tables.regions.loc[tables.regions["level"] == 2, "code"] if c not in known)
    rows = _csv_rows(
        chart_frame(tables, spec("indicator_values", indicators=["gerd_pc_gdp"], regions=[absent], year=2022))
    )
    assert len(rows) == 1 and rows[0]["value"] == "" and rows[0]["flag"] == "" and rows[0]["region_code"] == absent


def test_all_years_per_indicator_years_and_flags_in_words(tables):
    series = chart_frame(tables, spec("indicator_values", indicators=["gdp_pc_pps"], regions=["FR10"]))
    assert series["year"].is_monotonic_increasing and len(series) > 5
    per = chart_frame(
        tables,
        spec(
            "indicator_values",
            indicators=["gdp_pc_pps", "rci"],
            regions=["FR10"],
            years={"gdp_pc_pps": 2021, "rci": 2022},
        ),
    )
    assert per["year"].tolist() == [2021, 2022]
    flagged = tables.indicator_values.dropna(subset=["flag"]).iloc[0]
    row = chart_frame(
        tables,
        spec(
            "indicator_values",
            indicators=[flagged["indicator"]],
            regions=[flagged["region"]],
            year=int(flagged["year"]),
        ),
    )
    assert row["flag"].iloc[0] and len(row["flag"].iloc[0]) > 1  # words, not a letter


def test_ecosystem_and_nace_lq_frames(tables):
    eco = chart_frame(tables, spec("ecosystem_lq", regions=["FR10"]))
    assert len(eco) == len(tables.ecosystems) and eco["unit"].eq("location quotient (EU27 = 1)").all()
    assert eco["indicator"].str.startswith("Location quotient: ").all()
    assert all(v is None or round(v, 2) == v for v in eco["value"])
    assert "Eurostat" in eco["source"].iloc[0]
    nace = chart_frame(tables, spec("nace_lq", regions=["FR10"]))
    assert len(nace) > 10 and nace["value"].iloc[0] >= nace["value"].iloc[-1]


def test_drawn_rows_are_checked_cell_by_cell():
    frame = chart_frame(
        None,
        spec(
            "rows",
            indicator="Composite score",
            unit="0 to 1",
            year=2022,
            decimals=3,
            source="Source: Eurostat (x)",
            columns={
                "code": ["FR10", "DE21", {"x": 1}],
                "name": ["=cmd", "Oberbayern", None],
                "value": [0.123456, "1e9", None],
            },
        ),
    )
    assert frame["value"].tolist() == [0.123, None, None]
    assert _csv_rows(frame)[0]["region_name"] == "'=cmd"  # a formula cell is neutralised
    assert frame["year"].tolist() == [2022] * 3 and frame["region_code"].tolist()[:2] == ["FR10", "DE21"]
    with pytest.raises(ChartDataError):  # columns of different lengths
        chart_frame(None, spec("rows", columns={"code": ["FR10"], "value": [1, 2]}))


def test_drawn_sends_a_column_with_one_value_once():
    frame = pd.DataFrame({"what": ["Shared projects"] * 2, "code": ["DE-FR", "FR-IT"], "value": [15, 10]})
    chart_spec = drawn(frame, unit="projects")
    assert chart_spec["args"] == {
        "columns": {"code": ["DE-FR", "FR-IT"], "value": [15, 10]},
        "indicator": "Shared projects",
        "unit": "projects",
    }
    assert chart_frame(None, chart_spec)["indicator"].tolist() == ["Shared projects"] * 2


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {},
        {"kind": "nope", "args": {}},
        {"kind": "indicator_values", "args": []},
        {"kind": "indicator_values", "args": {"indicators": ["nope"], "regions": ["FR10"]}},
        {"kind": "indicator_values", "args": {"indicators": ["rci"], "regions": ["FR10"], "year": "2022; DROP"}},
        {"kind": "indicator_values", "args": {"indicators": ["rci"], "bogus": 1}},
        {"kind": "rows", "args": {"columns": {}}},
        {"kind": "rows", "args": {"columns": {"value": [], "evil": []}}},
    ],
)
def test_a_bad_or_missing_spec_is_a_message_not_a_traceback(tables, bad):
    with pytest.raises(ChartDataError):
        chart_frame(tables, bad)


def test_the_spec_travels_in_the_figure_meta():
    chart_spec = spec("indicator_values", indicators=["rci"], regions=["FR10"], year=2022)
    figure = with_csv({"data": [], "layout": {"title": {"text": "x"}}}, chart_spec)
    assert read_spec(figure) == chart_spec and read_spec({"data": []}) is None and read_spec("x") is None


def test_whole_level_specs_star_totals_and_shares(tables):
    eu2 = tables.regions[(tables.regions["level"] == 2) & tables.regions["is_eu"]]
    level = chart_frame(tables, spec("indicator_values", indicators=["rci"], level=2, eu_only=True, year=2022))
    assert level["region_code"].tolist() == sorted(eu2["code"])
    stars = chart_frame(tables, spec("star_totals", sectors="nace", level=2))
    assert len(stars) == len(eu2) and stars["unit"].eq("stars").all()
    assert stars["source"].iloc[0].endswith("; stars: own calculation")
    assert all(v is None or isinstance(v, int) for v in stars["value"])
    shares = chart_frame(tables, spec("ecosystem_shares", country="FR", basis="ecosystems"))
    assert (
        set(shares["region_code"]) == {"FR", "EU27_2020"}
        and shares["indicator"].str.startswith(("Employment share: ", "Share ratio: ")).all()
    )
    with pytest.raises(ChartDataError):
        chart_frame(tables, spec("ecosystem_shares", country="FR10", basis="ecosystems"))  # not a country


def test_co_participation_pairs_of_the_chosen_rows_at_each_level(tables):
    parts = tables.participations
    rows = [i for i, p in enumerate(parts["programme"]) if p in ("ESCP-4i", "ESCP-S3")]
    frame = chart_frame(tables, spec("co_participation", rows=rows, level="region", focus=[]))
    assert list(frame.columns) == COLUMNS
    pair = frame[frame["region_code"] == "FRK2 – ITC1"].iloc[0]
    assert pair["value"] == 2 and pair["region_name"] == "Rhône-Alpes (FRK2) – Piemonte (ITC1)"
    assert pair["flag"] == "projects: ESCP-4i: MAGIA; ESCP-S3: S3martMed" and pair["unit"] == "projects"
    focused = chart_frame(tables, spec("co_participation", rows=rows, level="country", focus=["FR", "<b>"]))
    assert all("FR" in code.split(" – ") for code in focused["region_code"])
    # Forged rows and levels: out-of-range rows are dropped; nothing known is a message.
    same = chart_frame(tables, spec("co_participation", rows=rows + [10**9, -1, True, "3"], level="region"))
    assert same.equals(frame)
    for bad in (
        spec("co_participation", rows=[10**9], level="region"),
        spec("co_participation", rows=rows, level="galaxy"),
        spec("co_participation", rows="1,2", level="country"),
    ):
        with pytest.raises(ChartDataError):
            chart_frame(tables, bad)
