"""Simplified NUTS boundaries written as small, deterministic GeoJSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from data.build.common import RawInputError, raw_dir
from data.build.geometries import SOURCE, build_geometries

FIXTURE_RAW = Path(__file__).resolve().parents[1] / "fixtures" / "geo"
REAL_RAW = raw_dir()
needs_raw = pytest.mark.skipif(
    not (REAL_RAW / SOURCE.format(level=2)).exists(),
    reason=f"raw GISCO NUTS files not found under {REAL_RAW} (set RAW_DATA_DIR)",
)


def coordinates(geometry):
    return shapely.get_coordinates(shape(geometry))


def test_fixture_round_trips_with_rounded_coordinates(tmp_path):
    sizes = build_geometries(FIXTURE_RAW, tmp_path)
    assert sizes == {f"nuts{lv}.geojson": (tmp_path / f"nuts{lv}.geojson").stat().st_size for lv in (0, 1, 2)}
    doc = json.loads((tmp_path / "nuts2.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == ["XX11", "XX12"]  # sorted although the source is not
    west = doc["features"][0]
    assert west["properties"] == {"id": "XX11", "name": "Wést", "country": "XX", "level": 2}
    for feature in doc["features"]:
        coords = coordinates(feature["geometry"])
        assert (abs(coords * 1000 - (coords * 1000).round()) < 1e-6).all()
        source = json.loads((FIXTURE_RAW / SOURCE.format(level=2)).read_text(encoding="utf-8"))
        original = next(shape(f["geometry"]) for f in source["features"] if f["id"] == feature["id"])
        assert shape(feature["geometry"]).hausdorff_distance(original) < 0.002
    east = shape(doc["features"][1]["geometry"])
    assert len(east.interiors) == 1  # the hole survives
    assert not east.exterior.is_ccw and east.interiors[0].is_ccw  # GISCO / d3 winding, for go.Choropleth


def test_shared_border_stays_shared(tmp_path):
    build_geometries(FIXTURE_RAW, tmp_path)
    doc = json.loads((tmp_path / "nuts2.geojson").read_text(encoding="utf-8"))
    west, east = (shape(f["geometry"]) for f in doc["features"])
    assert west.intersection(east).area == 0
    assert west.intersection(east).length == pytest.approx(0.512, abs=1e-9)


def test_running_twice_gives_identical_bytes(tmp_path):
    build_geometries(FIXTURE_RAW, tmp_path / "a")
    build_geometries(FIXTURE_RAW, tmp_path / "b")
    for level in (0, 1, 2):
        name = f"nuts{level}.geojson"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_feature_without_nuts_id_is_a_raw_input_error(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURE_RAW, raw)
    path = raw / SOURCE.format(level=1)
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["features"][0]["properties"]["NUTS_ID"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(RawInputError, match="NUTS_ID"):
        build_geometries(raw, tmp_path / "out")


@needs_raw
def test_real_nuts2_is_small_unique_and_deterministic(tmp_path):
    sizes = build_geometries(REAL_RAW, tmp_path / "a")
    assert sizes["nuts2.geojson"] < 500_000
    for level, count in ((0, 39), (1, 115), (2, 299)):  # GISCO NUTS 2024: EU, EFTA, candidates
        doc = json.loads((tmp_path / "a" / f"nuts{level}.geojson").read_text(encoding="utf-8"))
        ids = [f["id"] for f in doc["features"]]
        assert len(ids) == count and len(set(ids)) == count
        assert ids == sorted(ids)
        assert all(f["properties"]["id"] == f["id"] and f["properties"]["level"] == level for f in doc["features"])
        assert all(shape(f["geometry"]).is_valid for f in doc["features"])
    build_geometries(REAL_RAW, tmp_path / "b")
    for name in sizes:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
