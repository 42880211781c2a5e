"""The app loads validated tables or refuses to start with a clear message."""

import shutil

import pandas as pd
import pytest

from data.store import DataLoadError, load_tables
from settings import DEFAULT_DATA_DIR


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "tables"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def test_committed_tables_validate(tables):
    assert len(tables.regions) > 400
    assert tables.version and len(tables.version) == 12


def test_a_missing_table_stops_start_up_naming_the_file(data_copy):
    (data_copy / "indicators.parquet").unlink()
    with pytest.raises(DataLoadError, match="indicators.parquet is missing"):
        load_tables(data_copy)


def test_a_corrupted_table_stops_start_up_naming_the_file(data_copy):
    (data_copy / "regions.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DataLoadError, match=r"regions.parquet is not a readable Parquet file"):
        load_tables(data_copy)


def test_a_table_breaking_its_schema_names_column_and_examples(data_copy):
    path = data_copy / "indicator_values.parquet"
    df = pd.read_parquet(path)
    df.loc[df.index[:3], "year"] = 1066
    df.to_parquet(path, index=False)
    with pytest.raises(DataLoadError) as err:
        load_tables(data_copy)
    message = str(err.value)
    assert "indicator_values" in message and "'year'" in message and "1066" in message
    assert "\n" not in message.strip()  # one paragraph


def test_references_between_tables_are_checked(data_copy):
    path = data_copy / "indicator_values.parquet"
    df = pd.read_parquet(path)
    df.loc[df.index[0], "region"] = "ZZ99"
    df.to_parquet(path, index=False)
    with pytest.raises(DataLoadError, match="ZZ99"):
        load_tables(data_copy)


def test_a_broken_geometry_file_stops_start_up(data_copy):
    (data_copy / "nuts2.geojson").write_text("{", encoding="utf-8")
    with pytest.raises(DataLoadError, match="nuts2.geojson is not valid GeoJSON"):
        load_tables(data_copy)


def test_data_dir_that_is_not_a_folder(tmp_path):
    with pytest.raises(DataLoadError, match="DATA_DIR"):
        load_tables(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "table, column", [("indicator_values", "value"), ("sector_employment", None), ("policy_action_costs", None)]
)
@pytest.mark.parametrize("bad", [float("inf"), float("-inf")])
def test_infinite_values_stop_start_up(data_copy, table, column, bad):
    path = data_copy / f"{table}.parquet"
    df = pd.read_parquet(path)
    column = column or next(c for c in df.columns if pd.api.types.is_float_dtype(df[c]))
    df.loc[df.index[1], column] = bad
    df.to_parquet(path, index=False)
    with pytest.raises(DataLoadError) as err:
        load_tables(data_copy)
    message = str(err.value)
    assert table in message and repr(column) in message and "infinite" in message
    assert "\n" not in message.strip()  # one paragraph


@pytest.mark.parametrize("empty", ["no rows", "all missing"])
def test_an_indicator_table_without_values_stops_start_up(data_copy, empty):
    path = data_copy / "indicator_values.parquet"
    df = pd.read_parquet(path)
    df = df.iloc[0:0] if empty == "no rows" else df.assign(value=float("nan"))
    df.to_parquet(path, index=False)
    with pytest.raises(DataLoadError, match="indicator_values has .*(no rows|not one value)") as err:
        load_tables(data_copy)
    assert "\n" not in str(err.value).strip()


def test_health_is_not_ok_on_data_without_values(data_copy):
    """Start-up refuses such data, so no server answers /health "ok" on it: the default app exits."""
    import subprocess
    import sys

    from settings import REPO_ROOT

    path = data_copy / "indicator_values.parquet"
    pd.read_parquet(path).assign(value=float("inf")).to_parquet(path, index=False)
    run = subprocess.run(
        [sys.executable, "-c", "import app"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={"DATA_DIR": str(data_copy), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert run.returncode != 0 and "Cannot start: the table indicator_values has" in run.stderr
    assert "Traceback" not in run.stderr


def test_lookups_hang_off_the_tables_the_frame_was_loaded_in_without_an_app(tables):
    from dataclasses import replace
    from types import MappingProxyType

    from data.store import memo_for

    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    fresh = replace(tables, derived={})
    assert memo_for(fresh.regions, "test.key", compute) == memo_for(fresh.regions, "test.key", compute) == 1
    assert "test.key" in fresh.derived
    assert memo_for(fresh.regions[fresh.regions["level"] == 2], "test.key", compute) == 2  # derived: not bound
    assert memo_for(pd.DataFrame(fresh.regions), "test.key", compute) == 3
    other = replace(fresh, frames=MappingProxyType(dict(fresh.frames)), derived={})  # the same data, shared
    assert memo_for(other.regions, "test.key", compute) == 4 and "test.key" not in tables.derived
    assert other.regions is not fresh.regions and other.regions.equals(fresh.regions)


def test_the_data_functions_and_their_lookups_need_no_web_framework():
    import subprocess
    import sys

    code = (
        "import sys, data.profile, data.queries, data.typology, data.composite, data.warm\n"
        "from data.store import load_tables\nfrom settings import DEFAULT_DATA_DIR\n"
        "t = load_tables(DEFAULT_DATA_DIR); data.warm.warm(t)\n"
        "assert data.profile.region_info(t.regions, 'FRE1')['name'] and 'profile.region_info' in str(t.derived)\n"
        "print(sorted(m for m in ('flask', 'dash') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=DEFAULT_DATA_DIR.parents[1])
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "[]"
