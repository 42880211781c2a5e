"""NUTS 2024 regions (the region frame) and the recoding of NUTS 2013/2016/2021 codes to NUTS 2024.

Eurostat publishes regional data in NUTS 2024 since 2024, so the app's regions, maps, rankings and links are
NUTS 2024 (levels 0-2, from the GISCO NUTS 2024 boundaries, which also hold the EFTA and candidate countries'
statistical regions).

Recoding keeps a figure only where it describes the same territory under the new code:

* NUTS 2013/2016 -> 2021 with `nuts/nuts_changes.csv` (a code that was split, merged, discontinued or whose
  boundary shifted is kept out), then
* NUTS 2021 -> 2024 with Eurostat's official correspondence (`nuts2024/nuts2021_to_nuts2024.csv` for the EU,
  the workbook's `SR2021- SR2024` sheet for the EFTA and candidate countries). Unchanged codes, name changes,
  code changes and the "art. 5(2a)" cases (ITH5, ITI3: a shift of under 1% of the population of the NUTS 3
  regions concerned, which the regulation does not count as a NUTS amendment) are carried over; a boundary
  shift, split or merger (NL31, NL33, PT16, PT17, PT18) is kept out and listed.
* Data published under NUTS 2024 (`nuts_version` "2024": Eurostat's current files, which still hold rows of
  discontinued 2021 codes for the years before the change) keeps every NUTS 2024 code as it is and treats any
  other code as a NUTS 2021 code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.build.common import RawInputError

EU27 = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]
EU_CODE = "EU27_2020"
EU_NAME = "European Union (27 countries, 2020)"
FRAME = "2024"
VERSIONS = ["2013", "2016", "2021", "2024"]
LEVELS = (0, 1, 2)
GEOJSON_2024 = "nuts2024/NUTS_RG_20M_2024_4326_LEVL_{level}.geojson"
GEOJSON_2021 = "nuts/gisco_NUTS_RG_20M_2021_4326_LEVL_{level}.geojson"
CORRESPONDENCE_2024 = "nuts2024/nuts2021_to_nuts2024.csv"
WORKBOOK_2024 = "nuts2024/NUTS2021-NUTS2024.xlsx"
_SR_SHEET = "SR2021- SR2024"
_TERRITORY_CHANGES = ("boundary", "split", "merge", "discontinued", "made from", "equals ex", "minus")
# Changes of the 2021 -> 2024 correspondence that keep the territory (see the module docstring).
SAME_TERRITORY_2024 = ("", "Name change", "Code change", "art. 5(2a)")
RECODED = "recoded"


# --- The frame --------------------------------------------------------------------------------------------------


def _features(path: Path, level: int) -> list[dict]:
    if not path.exists():
        raise RawInputError(path, "-", "file not found (the NUTS 2024 boundaries from GISCO)")
    try:
        features = json.loads(path.read_text(encoding="utf-8")).get("features") or []
    except (ValueError, AttributeError) as exc:
        raise RawInputError(path, "-", f"not a GeoJSON FeatureCollection ({exc})") from None
    props = [f.get("properties") or {} for f in features]
    for p in props:
        for column in ("NUTS_ID", "CNTR_CODE", "NAME_LATN"):
            if not p.get(column):
                raise RawInputError(path, column, "a feature lacks it", [p])
        if p.get("LEVL_CODE") is not None and int(p["LEVL_CODE"]) != level:
            raise RawInputError(path, "LEVL_CODE", f"a level {p['LEVL_CODE']} feature in the level {level} file", [p])
    return props


def _national(props: dict):
    """NUTS_NAME when it is not the Latin-script name (missing otherwise)."""
    national = (props.get("NUTS_NAME") or "").strip()
    return national if national and national != props["NAME_LATN"].strip() else pd.NA


def build_regions(raw: Path) -> pd.DataFrame:
    """regions: code, name, level, country, nuts0, nuts1, is_eu (NUTS 2024 levels 0-2, plus EU27_2020 at -1).

    Names are GISCO's Latin-script names (NAME_LATN); `national_name` is NUTS_NAME where it differs (the national
    script or language), else missing. Every EU region of the official NUTS 2024 code list must
    be in the boundaries, or the build stops."""
    rows = []
    for level in LEVELS:
        path = raw / GEOJSON_2024.format(level=level)
        for p in _features(path, level):
            rows.append(
                {
                    "code": p["NUTS_ID"].strip(),
                    "name": p["NAME_LATN"].strip(),
                    "national_name": _national(p),
                    "level": level,
                    "country": p["CNTR_CODE"].strip(),
                }
            )
    regions = pd.DataFrame(rows)
    if regions["code"].duplicated().any():
        raise RawInputError(raw / "nuts2024", "NUTS_ID", "duplicated codes", regions[regions["code"].duplicated()])
    official = _official_codes(raw)
    missing = sorted(official - set(regions["code"]))
    if missing:
        raise RawInputError(
            raw / GEOJSON_2024.format(level="*"),
            "NUTS_ID",
            f"EU NUTS 2024 regions of the official code list have no boundary: {missing[:10]}",
        )
    regions["nuts0"] = regions["code"].str[:2]
    regions["nuts1"] = regions["code"].str[:3].where(regions["level"] >= 1)
    regions["is_eu"] = regions["country"].isin(EU27)
    eu = pd.DataFrame(
        [
            {
                "code": EU_CODE,
                "name": EU_NAME,
                "national_name": pd.NA,
                "level": -1,
                "country": pd.NA,
                "nuts0": pd.NA,
                "nuts1": pd.NA,
                "is_eu": True,
            }
        ]
    )
    regions = pd.concat([eu, regions], ignore_index=True)
    for col in ("code", "name", "country", "nuts0", "nuts1"):
        regions[col] = regions[col].astype("string")
    regions["level"] = regions["level"].astype("int64")
    return regions.sort_values(["level", "code"], kind="stable").reset_index(drop=True)


def _official_codes(raw: Path) -> set[str]:
    """EU NUTS 2024 codes of levels 1-2 (without extra-regio) from the correspondence's code list."""
    path = raw / "nuts2024" / "nuts2024_codes.csv"
    if not path.exists():
        return set()
    codes = pd.read_csv(path, dtype="string", keep_default_na=False)
    keep = codes["nuts_level"].isin(["1", "2"]) & ~codes["nuts_code"].str.endswith("Z")
    return set(codes.loc[keep, "nuts_code"])


# --- 2021 -> 2024 -------------------------------------------------------------------------------------------------


def correspondence_2024(raw: Path) -> pd.DataFrame:
    """code_2021, code_2024 (<NA> when the territory changed), change (as Eurostat words it, '' when none), status.

    EU rows from the CSV of the official workbook, EFTA and candidate rows from its statistical-regions sheet."""
    path = raw / CORRESPONDENCE_2024
    if not path.exists():
        raise RawInputError(path, "-", "file not found (Eurostat's NUTS 2021 -> 2024 correspondence)")
    eu = pd.read_csv(path, dtype="string", keep_default_na=False)
    for column in ("code_2021", "code_2024", "change"):
        if column not in eu.columns:
            raise RawInputError(path, column, "column missing")
    table = pd.concat([eu[["code_2021", "code_2024", "change"]], _statistical_regions(raw)], ignore_index=True)
    table = table[table["code_2021"] != ""].drop_duplicates("code_2021").copy()
    same = table["change"].isin(SAME_TERRITORY_2024) & (table["code_2024"] != "")
    table["status"] = RECODED
    table.loc[~same, "status"] = "territory changed in NUTS 2024 (" + table.loc[~same, "change"].str.lower() + ")"
    table["code_2024"] = table["code_2024"].where(same & (table["code_2024"] != ""))
    return table.astype("string").reset_index(drop=True)


def _statistical_regions(raw: Path) -> pd.DataFrame:
    """The workbook's 2021 -> 2024 sheet of statistical regions (EFTA and candidate countries)."""
    path = raw / WORKBOOK_2024
    if not path.exists():
        return pd.DataFrame({"code_2021": [], "code_2024": [], "change": []}, dtype="string")
    sheet = pd.read_excel(path, sheet_name=_SR_SHEET, dtype=str, engine="openpyxl").fillna("")
    columns = {c.split("\n")[0].strip(): c for c in sheet.columns}
    for column in ("Code 2021", "Code 2024", "Change"):
        if column not in columns:
            raise RawInputError(path, f"{_SR_SHEET}: {column}", "column missing")
    return pd.DataFrame(
        {
            "code_2021": sheet[columns["Code 2021"]].str.strip(),
            "code_2024": sheet[columns["Code 2024"]].str.strip(),
            "change": sheet[columns["Change"]].str.strip(),
        },
        dtype="string",
    )


# --- 2013/2016 -> 2021 ----------------------------------------------------------------------------------------------


def recode_table_2021(raw: Path, version: str) -> pd.DataFrame:
    """Map of code_<version> -> code_2021 for codes with unchanged territory; `status` says why others go."""
    if version not in ("2013", "2016"):
        raise ValueError(f"no NUTS {version} -> 2021 table (versions 2013, 2016)")
    path = raw / "nuts" / "nuts_changes.csv"
    changes = pd.read_csv(path, dtype="string")
    src = f"code_{version}"
    later = [f"change_{v}" for v in ("2013", "2016", "2021") if int(v) > int(version)]
    for col in [src, "code_2021", *later]:
        if col not in changes.columns:
            raise RawInputError(path, col, "column missing")
    rows = changes[changes[src].notna()].copy()
    text = rows[later].fillna("").agg(" ".join, axis=1).str.lower()
    territory_changed = text.str.contains("|".join(_TERRITORY_CHANGES), regex=True)
    rows["status"] = RECODED
    rows.loc[rows["code_2021"].isna(), "status"] = "no NUTS 2021 equivalent"
    rows.loc[territory_changed & rows["code_2021"].notna(), "status"] = "territory changed"
    # A code listed with more than one 2021 target (a split) cannot be recoded.
    targets = rows.dropna(subset=["code_2021"]).groupby(src)["code_2021"].nunique()
    split = targets[targets > 1].index
    rows.loc[rows[src].isin(split), "status"] = "split"
    # A code may have several rows (its history); a territory change or split in any row disqualifies it,
    # a row without a 2021 code only counts when no other row maps it.
    precedence = {"split": 0, "territory changed": 1, RECODED: 2, "no NUTS 2021 equivalent": 3}
    worst = rows.groupby(src)["status"].agg(lambda s: min(s, key=precedence.__getitem__))
    mapping = rows[rows["status"] == RECODED].drop_duplicates(src)[[src, "code_2021"]].set_index(src)["code_2021"]
    out = pd.DataFrame({"source_code": worst.index.astype("string"), "status": worst.values})
    out["code_2021"] = out["source_code"].map(mapping).where(out["status"] == RECODED)
    return out.astype("string").sort_values("source_code").reset_index(drop=True)


# --- Any version -> 2024 ------------------------------------------------------------------------------------------


def recode_table(raw: Path, version: str) -> pd.DataFrame:
    """source_code, status, code_2024: how each code of NUTS `version` reaches NUTS 2024 (or why it does not)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown NUTS version {version}")
    return _recode_table(Path(raw), version).copy()


@lru_cache(maxsize=16)
def _recode_table(raw: Path, version: str) -> pd.DataFrame:
    to_2024 = correspondence_2024(raw).set_index("code_2021")
    frame_codes = _all_2024_codes(raw)
    if version in ("2013", "2016"):
        first = recode_table_2021(raw, version)
    else:
        codes = pd.Index(to_2024.index.union(pd.Index(sorted(frame_codes))), dtype="string")
        first = pd.DataFrame({"source_code": codes, "status": RECODED, "code_2021": codes}, dtype="string")
    via = first["code_2021"]
    status = first["status"].copy()
    code_2024 = via.map(to_2024["code_2024"])
    second = via.map(to_2024["status"])
    # A 2021 code outside the correspondence (EU and statistical regions): kept when it is a NUTS 2024 code
    # (countries such as BA that neither list covers), otherwise it has no NUTS 2024 equivalent (e.g. the UK).
    outside = via.notna() & second.isna()
    in_frame = via.isin(frame_codes)
    code_2024 = code_2024.where(~(outside & in_frame), via)
    second = second.where(~outside, RECODED).where(~(outside & ~in_frame), "no NUTS 2024 equivalent")
    ok = status == RECODED
    status = status.where(~ok, second)
    if version == "2024":
        # Codes valid in NUTS 2024 are read as NUTS 2024 codes, whatever the 2021 list says of them.
        valid = first["source_code"].isin(frame_codes)
        status = status.where(~valid, RECODED)
        code_2024 = code_2024.where(~valid, first["source_code"])
    out = pd.DataFrame(
        {"source_code": first["source_code"], "status": status, "code_2024": code_2024.where(status == RECODED)}
    )
    return out.astype("string").sort_values("source_code").reset_index(drop=True)


def _all_2024_codes(raw: Path) -> frozenset:
    """Every NUTS 2024 code of levels 0-3 (boundaries of all countries, plus the EU code list with extra-regio)."""
    codes = set()
    for level in (0, 1, 2, 3):
        path = raw / GEOJSON_2024.format(level=level)
        if path.exists():
            codes |= {p["NUTS_ID"] for p in _features(path, level)}
    list_path = raw / "nuts2024" / "nuts2024_codes.csv"
    if list_path.exists():
        codes |= set(pd.read_csv(list_path, dtype="string", keep_default_na=False)["nuts_code"])
    return frozenset(codes)


def recode(
    df: pd.DataFrame, raw: Path, version: str, column: str = "geo", keep: set[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recode `column` from NUTS `version` to NUTS 2024; returns (recoded rows, dropped codes with reasons).

    Codes absent from the correspondences (aggregates such as EU27_2020, EU28, extra-regio ZZ codes) are kept as
    they are when listed in `keep`, otherwise dropped as 'not a NUTS code'.
    """
    table = recode_table(raw, version).set_index("source_code")
    codes = df[column].astype("string")
    status = codes.map(table["status"]).fillna("not a NUTS code")
    new = codes.map(table["code_2024"])
    if keep:
        kept = codes.isin(keep)
        status = status.where(~kept, RECODED)
        new = new.where(~kept, codes)
    ok = status == RECODED
    out = df[ok.to_numpy()].copy()
    out[column] = new[ok].astype("string").to_numpy()
    dropped = (
        pd.DataFrame({"source_code": codes[~ok], "status": status[~ok]})
        .drop_duplicates()
        .sort_values("source_code")
        .reset_index(drop=True)
    )
    return out, dropped
