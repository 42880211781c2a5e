"""Old region codes and what became of them in NUTS 2024, so that an old link opens a notice, not a blank page.

* NUTS 2021 codes that NUTS 2024 discontinued (boundary shift, split, merger): their successors are the NUTS 2024
  regions of the same level that cover part of the old territory, found by overlaying the GISCO 2021 and 2024
  boundaries (a 2024 region counts when it holds at least `MIN_SHARE` of the old region's area, so that the
  generalised 1:20 million borders do not make slivers into successors).
* NUTS 2013/2016 codes that were recoded, territory unchanged (FR30 -> FRE1): their one successor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import shape

from data.build import nuts

COLUMNS = ["code", "version", "name", "change", "successors"]
MIN_SHARE = 0.01


def _shapes(path: Path) -> dict[str, tuple[str, object]]:
    if not path.exists():
        return {}
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {
        f["properties"]["NUTS_ID"]: (f["properties"].get("NAME_LATN") or "", shapely.make_valid(shape(f["geometry"])))
        for f in features
    }


def _discontinued_2021(raw: Path, frame: set[str]) -> pd.DataFrame:
    table = nuts.correspondence_2024(raw)
    gone = table[(table["status"] != nuts.RECODED) & (table["code_2021"].str.len() <= 4)]
    rows = []
    for level in nuts.LEVELS:
        old = _shapes(raw / nuts.GEOJSON_2021.format(level=level))
        new = _shapes(raw / nuts.GEOJSON_2024.format(level=level))
        for code, change in zip(gone["code_2021"], gone["change"]):
            if code not in old or code in frame:
                continue
            name, geom = old[code]
            area = geom.area
            successors = sorted(
                c
                for c, (_, g) in new.items()
                if c[:2] == code[:2] and area > 0 and geom.intersection(g).area >= MIN_SHARE * area
            )
            rows.append(
                {
                    "code": code,
                    "version": "2021",
                    "name": name,
                    "change": f"{change.lower()} in NUTS 2024",
                    "successors": ";".join(successors),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _recoded_older(raw: Path, frame: set[str]) -> pd.DataFrame:
    changes = pd.read_csv(raw / "nuts" / "nuts_changes.csv", dtype="string")
    parts = []
    for version in ("2016", "2013"):
        table = nuts.recode_table(raw, version)
        moved = table[
            (table["status"] == nuts.RECODED)
            & (table["code_2024"] != table["source_code"])
            & ~table["source_code"].isin(frame)
            & (table["source_code"].str.len() <= 4)
        ]
        names = (
            changes.dropna(subset=[f"code_{version}"])
            .drop_duplicates(f"code_{version}")
            .set_index(f"code_{version}")[f"geo_name_{version}"]
        )
        parts.append(
            pd.DataFrame(
                {
                    "code": moved["source_code"],
                    "version": version,
                    "name": moved["source_code"].map(names).fillna(""),
                    "change": f"NUTS {version} code, same territory, recoded",
                    "successors": moved["code_2024"],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def build_region_changes(raw: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """region_changes: code, version, name, change, successors (';'-joined NUTS 2024 codes, '' when none)."""
    raw = Path(raw)
    frame = set(regions["code"])
    out = pd.concat([_discontinued_2021(raw, frame), _recoded_older(raw, frame)], ignore_index=True)
    # A code of several versions: the latest version says what became of it.
    out = out.drop_duplicates("code", keep="first").sort_values("code").reset_index(drop=True)
    return out.astype("string")
