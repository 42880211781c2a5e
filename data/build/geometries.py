"""NUTS 2024 boundaries for the maps: simplified, rounded, deterministic GeoJSON (one file per NUTS level 0-2).

Input: GISCO `nuts2024/NUTS_RG_20M_2024_4326_LEVL_{0,1,2}.geojson` (1:20 million, EPSG:4326; all features are kept,
EU27 and the other countries GISCO includes, so that neighbours can be drawn). © EuroGeographics for the
administrative boundaries.

* Simplification: each level is simplified as a coverage (`shapely.coverage_simplify`, tolerance `TOLERANCE`
  degrees), which keeps the topology of every polygon and also keeps shared borders shared, so neighbouring regions
  neither overlap nor open slivers. If a level were not a valid coverage, each feature is simplified on its own
  with `simplify(preserve_topology=True)` instead. 0.01 degrees (about 1 km; the largest shift of a border is
  0.03 degrees) is invisible at country scale; the 1:20 million source is already generalised, so most of the
  size reduction comes from the rounding below, not from the simplification.
* Coordinates are snapped to a 10**-DECIMALS degree grid (3 decimals, about 100 m) with `shapely.set_precision`,
  which keeps polygons valid, then written with 3 decimals.
* Rings keep the GISCO orientation, made explicit: exterior rings clockwise, holes counter-clockwise. This is the
  d3-geo convention that plotly's `go.Choropleth` (geo) needs; the opposite (RFC 7946) winding would fill the
  outside of each region there. Map libraries based on MapLibre/Leaflet accept either.
* Each feature has `id` = NUTS_ID and properties id, name (NAME_LATN), country (CNTR_CODE), level. Features are
  sorted by id, JSON is compact (no spaces), UTF-8, without timestamps: building twice gives identical bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from data.build.common import RawInputError

LEVELS = (0, 1, 2)
SOURCE = "nuts2024/NUTS_RG_20M_2024_4326_LEVL_{level}.geojson"
OUTPUT = "nuts{level}.geojson"
TOLERANCE = 0.01
DECIMALS = 3


def _read_features(path: Path, level: int) -> list[dict]:
    if not path.exists():
        raise RawInputError(path, "-", "file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise RawInputError(path, "-", f"not valid JSON ({exc})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not features:
        raise RawInputError(path, "features", "no features")
    seen = set()
    for feature in features:
        props = feature.get("properties") or {}
        code = props.get("NUTS_ID")
        if not isinstance(code, str) or not code.strip():
            raise RawInputError(path, "NUTS_ID", "a feature lacks NUTS_ID", [props])
        if code in seen:
            raise RawInputError(path, "NUTS_ID", f"duplicated NUTS_ID {code}", [props])
        seen.add(code)
        if props.get("LEVL_CODE") is not None and int(props["LEVL_CODE"]) != level:
            raise RawInputError(
                path, "LEVL_CODE", f"a level {props['LEVL_CODE']} feature in the level {level} file", [props]
            )
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise RawInputError(path, "geometry", f"{code}: not a (Multi)Polygon", [props])
    return features


def _round(coords):
    """Nested coordinate tuples -> lists with DECIMALS decimals (and no negative zero)."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(v), DECIMALS) + 0.0 for v in coords[:2]]
    return [_round(c) for c in coords]


def simplify(geoms: np.ndarray) -> np.ndarray:
    """Simplify (as a coverage when possible), snap to the grid, orient exteriors clockwise."""
    if shapely.coverage_is_valid(geoms):
        out = shapely.coverage_simplify(geoms, TOLERANCE)
    else:
        out = shapely.simplify(geoms, TOLERANCE, preserve_topology=True)
    out = shapely.set_precision(out, 10.0**-DECIMALS)
    return shapely.orient_polygons(out, exterior_cw=True)


def geojson_bytes(features: list[dict], path: Path, level: int) -> bytes:
    """The simplified FeatureCollection of one level, serialised deterministically."""
    geoms = np.array([shape(f["geometry"]) for f in features], dtype=object)
    simplified = simplify(geoms)
    out = []
    for feature, geom in zip(features, simplified):
        props = feature["properties"]
        code = props["NUTS_ID"].strip()
        if geom.is_empty:
            raise RawInputError(path, "geometry", f"{code}: empty after simplification; lower TOLERANCE", [props])
        out.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "id": code,
                    "name": props.get("NAME_LATN") or props.get("NUTS_NAME"),
                    "country": props.get("CNTR_CODE"),
                    "level": level,
                },
                "geometry": {"type": geom.geom_type, "coordinates": _round(mapping(geom)["coordinates"])},
            }
        )
    out.sort(key=lambda f: f["id"])
    collection = {"type": "FeatureCollection", "features": out}
    return (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def build_geometries(raw: Path, out_dir: Path) -> dict[str, int]:
    """Write out_dir/nuts{0,1,2}.geojson; returns {filename: size in bytes}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for level in LEVELS:
        path = Path(raw) / SOURCE.format(level=level)
        content = geojson_bytes(_read_features(path, level), path, level)
        name = OUTPUT.format(level=level)
        (out_dir / name).write_bytes(content)
        sizes[name] = len(content)
    return sizes
