"""Pure parts of `python -m data.refresh`: the query URL, the completeness check, the release date, waits."""

from __future__ import annotations

import urllib.parse
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from data.build.indicators import INDICATORS
from data.refresh import api
from data.refresh.datasets import DATASETS, NOT_REFRESHED
from tests.fixtures.eurostat_api.standin import _STRUCTURE, RECORDINGS


def test_data_url_asks_for_sdmx_csv_with_labels_and_the_filters():
    url = api.data_url(
        "https://example.org/api/dissemination",
        "tgs00007",
        {"freq": "A", "unit": ["PC", "THS"], "geo": ["FR", "EU27_2020"]},
    )
    path, query = url.split("?")
    assert path == "https://example.org/api/dissemination/sdmx/3.0/data/dataflow/ESTAT/tgs00007/1.0"
    params = dict(urllib.parse.parse_qsl(query))
    assert params["c[unit]"] == "PC,THS" and params["c[geo]"] == "FR,EU27_2020"
    assert (params["format"], params["formatVersion"], params["labels"]) == ("csvdata", "2.0", "name")


def test_a_complete_sdmx_csv_is_counted_and_cut_ones_are_refused():
    body = (RECORDINGS / "tgs00007.csv").read_bytes()
    assert api.check_sdmx_csv(body) == 72
    with pytest.raises(api.Truncated, match="line break"):
        api.check_sdmx_csv(body[:-30])
    cut_at_line = body[: body.index(b"\n", 2000) + 1] + b"dataflow,ESTAT:TGS00007(1.0),x,A\n"
    with pytest.raises(api.Truncated, match="cells"):
        api.check_sdmx_csv(cut_at_line)
    with pytest.raises(api.Truncated, match="not SDMX-CSV"):
        api.check_sdmx_csv(b"<html>Service unavailable</html>\n")
    with pytest.raises(api.NoData):
        api.check_sdmx_csv(body[: body.index(b"\n") + 1])


def test_release_is_the_update_data_annotation():
    xml = _STRUCTURE.format(code="TGS00007", release="2025-02-05T23:00:00+0100", first="2013", name="x")
    assert api.parse_release(xml.encode()) == "2025-02-05T23:00:00+0100"
    assert api.parse_release(b"<a/>") is None and api.parse_release(b"not xml") is None


def test_retry_after_in_seconds_or_as_a_date():
    assert api._retry_after("7") == 7
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= api._retry_after(later) <= 30
    assert api._retry_after(None) is None and api._retry_after("soon") is None


def test_every_eurostat_indicator_is_refreshed_or_said_not_to_be():
    fed = {i for d in DATASETS for i in d["indicators"]}
    eurostat = {s["id"] for s in INDICATORS if s["source_id"] != "rci"}
    assert fed <= {s["id"] for s in INDICATORS}
    assert eurostat - fed == {i for i in NOT_REFRESHED if i in eurostat}
    assert "rci" in NOT_REFRESHED and "sbs" in NOT_REFRESHED
    assert {d["code"] for d in DATASETS} == {p.stem for p in RECORDINGS.glob("*.csv")}


def test_source_lines_say_when_the_data_was_retrieved():
    import pandas as pd

    from data.queries import source_line

    indicators = pd.DataFrame({"id": ["a", "b", "r"], "source_id": ["sa", "sb", "rci"]})
    sources = pd.DataFrame(
        {
            "id": ["sa", "sb", "rci"],
            "dataset_code": ["tgs00007", "nama_10r_2gdp", "RCI"],
            "attribution": [
                "Source: Eurostat (tgs00007)",
                "Source: Eurostat (nama_10r_2gdp)",
                "Source: DG REGIO (RCI)",
            ],
            "retrieved": pd.array([pd.NA, pd.NA, pd.NA], dtype="string"),
        }
    )
    assert source_line(indicators, sources, ["a", "b"]) == "Source: Eurostat (tgs00007, nama_10r_2gdp)"
    sources.loc[sources["id"].isin(["sa", "sb"]), "retrieved"] = "2025-02-10"
    assert (
        source_line(indicators, sources, ["a", "b"])
        == "Source: Eurostat (tgs00007, nama_10r_2gdp), retrieved 2025-02-10"
    )
    assert (
        source_line(indicators, sources, ["a", "r"])
        == "Source: Eurostat (tgs00007); Source: DG REGIO (RCI) (tgs00007 retrieved 2025-02-10)"
    )
