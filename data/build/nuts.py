"""NUTS regions (2021) and the recoding of NUTS 2013/2016 codes to NUTS 2021.

Only codes whose territory is unchanged are recoded: a code that was split, merged, discontinued or whose
boundary shifted between its version and 2021 is kept out (its figures would describe another territory).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.build.common import RawInputError

EU27 = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
EU_CODE = "EU27_2020"
EU_NAME = "European Union (27 countries, 2020)"
VERSIONS = ["2013", "2016", "2021"]
_TERRITORY_CHANGES = ("boundary", "split", "merge", "discontinued", "made from", "equals ex", "minus")


def build_regions(raw: Path) -> pd.DataFrame:
    """regions: code, name, level, country, nuts1, nuts0, is_eu; one EU27 aggregate row with level -1."""
    path = raw / "nuts" / "nuts2021_names.csv"
    names = pd.read_csv(path, dtype={"code": "string", "name": "string", "country": "string"})
    for col in ("code", "name", "level", "country"):
        if col not in names.columns:
            raise RawInputError(path, col, "column missing")
    if names["code"].duplicated().any():
        raise RawInputError(path, "code", "duplicated codes", names[names["code"].duplicated(keep=False)])
    regions = pd.DataFrame({
        "code": names["code"],
        "name": names["name"],
        "level": names["level"].astype("int64"),
        "country": names["country"],
    })
    regions["nuts0"] = regions["code"].str[:2]
    regions["nuts1"] = regions["code"].str[:3].where(regions["level"] >= 1)
    regions["is_eu"] = regions["country"].isin(EU27)
    eu = pd.DataFrame([{"code": EU_CODE, "name": EU_NAME, "level": -1, "country": pd.NA,
                        "nuts0": pd.NA, "nuts1": pd.NA, "is_eu": True}])
    regions = pd.concat([eu, regions], ignore_index=True)
    for col in ("code", "name", "country", "nuts0", "nuts1"):
        regions[col] = regions[col].astype("string")
    return regions.sort_values(["level", "code"], kind="stable").reset_index(drop=True)


def recode_table(raw: Path, version: str) -> pd.DataFrame:
    """Map of code_<version> -> code_2021 for codes with unchanged territory; `status` says why others go."""
    if version not in VERSIONS:
        raise ValueError(f"unknown NUTS version {version}")
    path = raw / "nuts" / "nuts_changes.csv"
    changes = pd.read_csv(path, dtype="string")
    src = f"code_{version}"
    later = [f"change_{v}" for v in VERSIONS if int(v) > int(version)]
    for col in [src, "code_2021", *later]:
        if col not in changes.columns:
            raise RawInputError(path, col, "column missing")
    rows = changes[changes[src].notna()].copy()
    text = rows[later].fillna("").agg(" ".join, axis=1).str.lower()
    territory_changed = text.str.contains("|".join(_TERRITORY_CHANGES), regex=True)
    rows["status"] = "recoded"
    rows.loc[rows["code_2021"].isna(), "status"] = "no NUTS 2021 equivalent"
    rows.loc[territory_changed & rows["code_2021"].notna(), "status"] = "territory changed"
    # A code listed with more than one 2021 target (a split) cannot be recoded.
    targets = rows.dropna(subset=["code_2021"]).groupby(src)["code_2021"].nunique()
    split = targets[targets > 1].index
    rows.loc[rows[src].isin(split), "status"] = "split"
    # A code may have several rows (its history); a territory change or split in any row disqualifies it,
    # a row without a 2021 code only counts when no other row maps it.
    precedence = {"split": 0, "territory changed": 1, "recoded": 2, "no NUTS 2021 equivalent": 3}
    worst = rows.groupby(src)["status"].agg(lambda s: min(s, key=precedence.__getitem__))
    mapping = rows[rows["status"] == "recoded"].drop_duplicates(src)[[src, "code_2021"]].set_index(src)["code_2021"]
    out = pd.DataFrame({"source_code": worst.index.astype("string"), "status": worst.values})
    out["code_2021"] = out["source_code"].map(mapping).where(out["status"] == "recoded")
    return out.astype("string").sort_values("source_code").reset_index(drop=True)


def recode_to_2021(df: pd.DataFrame, raw: Path, version: str, column: str = "geo",
                   keep: set[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recode `column` from NUTS `version` to 2021; returns (recoded rows, dropped codes with reasons).

    Codes absent from the correspondence (aggregates such as EU27_2020, EU28, extra-regio ZZ codes) are
    kept as they are when listed in `keep`, otherwise dropped as 'not a NUTS code'.
    """
    if version == "2021":
        return df.copy(), pd.DataFrame(columns=["source_code", "status"], dtype="string")
    table = recode_table(raw, version).set_index("source_code")
    codes = df[column].astype("string")
    status = codes.map(table["status"]).fillna("not a NUTS code")
    new = codes.map(table["code_2021"])
    if keep:
        kept = codes.isin(keep)
        status = status.where(~kept, "recoded")
        new = new.where(~kept, codes)
    ok = status == "recoded"
    out = df[ok].copy()
    out[column] = new[ok].astype("string")
    dropped = (pd.DataFrame({"source_code": codes[~ok], "status": status[~ok]})
               .drop_duplicates().sort_values("source_code").reset_index(drop=True))
    return out, dropped
