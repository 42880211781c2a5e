"""Persons employed by NACE Rev.2 section and division (SBS 2015), with regional shares and location quotients.

Input: Eurostat sbs_r_nuts06_r2, indicator V16110 (persons employed), 2015, file
`sbs_2015/sbs_r_nuts06_r2_V16110_2015.csv` (`;`-separated `nace_r2;geo;n2015`, NUTS 2013 codes, NACE sections,
2-digit divisions and 3-digit groups of the business economy: sections B-J, L-N and division S95).

Choices made here (checked against the 2015 file):

* **Cells.** `7089` is a value, `219 d` a value with its flag, ` d` (a flag without a value) and blank cells are
  missing (NaN, never 0: they are mostly confidential), `0 d` is a true zero. 30 cells read `12:00 AM`, a time that a
  spreadsheet made of the original cell: they are kept as missing with flag NA and listed in `dropped`
  (status `spreadsheet defect`, 27 in divisions and 3 in the group G478). All 30 are Icelandic rows (IS, IS0,
  IS00), which are dropped anyway (IS is not in the NUTS correspondence and outside the EU27).
* **NACE.** Sections (one letter) and divisions (letter + 2 digits) are kept; 3-digit groups (G451...) are left out.
* **Regions.** Codes are recoded from NUTS 2013 to 2024 with `nuts.recode`; a code that cannot be recoded
  (split, territory changed, discontinued, not in the correspondence) is dropped and listed in `dropped`. Only EU27
  regions of NUTS levels 0-2 that exist in the NUTS 2024 frame are kept: extra-regio codes (FRZ, FRZZ, ...) and
  non-EU countries (UK, NO, IS) are dropped and listed as well, because the reference below is the EU27.
* **Region total.** The file has no business-economy total code (no `B-N_S95_X_K` row, nor any other aggregate).
  `region_total` is therefore the sum of the region's sections B, C, D, E, F, G, H, I, J, L, M, N and division S95
  (the only part of section S in the table) **that are present**: when a section is confidential the total is a
  lower bound (e.g. Ireland, whose sections B-E are all confidential at country level).
* **EU reference.** The file has no EU aggregate (no EU27_2020, no EU28). The reference of the location quotient,
  "the EU total of the same table", is computed as the sum over the 27 EU countries (their NUTS 0 rows, after
  recoding) for each section/division (`e_EU,i`), and the EU total `e_EU` as the sum of the 27 countries'
  `region_total`. A country whose cell is missing contributes nothing, so `e_EU,i` is then a lower bound and the
  LQ of every region in that division is biased upwards (e.g. C19 coke and refined petroleum lacks 10 countries
  including FR, C21 pharmaceuticals lacks FI, FR, IE, LU, SI; Ireland lacks sections B-E altogether). Missing
  country cells are not filled from their regions. `eu_reference()` returns the reference with the countries
  missing for each code, so that the app can say so.
* **LQ.** `lq = (e_ri / e_r) / (e_EU,i / e_EU)`, NaN when `e_ri` is missing (or a denominator is missing or 0).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data.build.aggregate import sum_of_parts
from data.build.common import RawInputError, parse_flagged_series
from data.build.nuts import EU27, EU_CODE, build_regions, recode

SBS_FILE = Path("sbs_2015") / "sbs_r_nuts06_r2_V16110_2015.csv"
YEAR = 2015
NUTS_VERSION = "2013"
# The business economy covered by sbs_r_nuts06_r2: sections B-N except K, plus division S95.
BUSINESS_SECTIONS = ("B", "C", "D", "E", "F", "G", "H", "I", "J", "L", "M", "N")
EXTRA_DIVISIONS = ("S95",)
TOTAL_COMPONENTS = BUSINESS_SECTIONS + EXTRA_DIVISIONS
# A cell a spreadsheet turned into a time of day, such as "12:00 AM".
_TIME_DEFECT = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*[AP]M\s*$", re.IGNORECASE)
_SECTION = r"^[A-Z]$"
_DIVISION = r"^[A-Z]\d{2}$"
_GROUP = r"^[A-Z]\d{3}$"

COLUMNS = [
    "region",
    "nace",
    "nace_level",
    "year",
    "persons_employed",
    "flag",
    "derivation",
    "region_total",
    "share",
    "lq",
]
DROPPED_COLUMNS = ["source_code", "nace", "status", "rows", "values_lost"]


def is_covered(nace: str) -> bool:
    """Whether a NACE section or division lies inside the SBS business economy (B-J, L-N, S95)."""
    return nace in BUSINESS_SECTIONS or nace in EXTRA_DIVISIONS or (len(nace) == 3 and nace[0] in BUSINESS_SECTIONS)


def _read_sbs(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise RawInputError(path, "-", "file not found")
    df = pd.read_csv(path, sep=";", dtype="string", keep_default_na=False, na_filter=False)
    for col in ("nace_r2", "geo", "n2015"):
        if col not in df.columns:
            raise RawInputError(path, col, f"column missing (found {list(df.columns)})")
    df["nace_r2"] = df["nace_r2"].str.strip()
    df["geo"] = df["geo"].str.strip()
    return df


def _dropped(source_code, nace, status, rows, values_lost) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_code": pd.array(source_code, dtype="string"),
            "nace": pd.array(nace, dtype="string"),
            "status": pd.array(status, dtype="string"),
            "rows": pd.array(rows, dtype="int64"),
            "values_lost": pd.array(values_lost, dtype="int64"),
        }
    )


def build_sector_employment(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sector_employment, dropped): persons employed by region (NUTS 2024, levels 0-2) and NACE section/division.

    `dropped` lists what did not make it: one row per source code that could not be used (status from the
    NUTS recoding, or `extra-regio` / `outside EU27`) and one row per spreadsheet-defect cell; `rows` counts the
    section/division rows concerned and `values_lost` those among them that held a value.
    """
    path = Path(raw) / SBS_FILE
    df = _read_sbs(path)

    nace = df["nace_r2"]
    is_section = nace.str.fullmatch(_SECTION)
    is_division = nace.str.fullmatch(_DIVISION)
    is_group = nace.str.fullmatch(_GROUP)
    unknown = ~(is_section | is_division | is_group)
    if unknown.any():
        raise RawInputError(
            path,
            "nace_r2",
            "codes that are neither NACE sections, divisions nor groups "
            "(an aggregate such as a business-economy total needs handling here)",
            df[unknown],
        )
    # Spreadsheet defects: "12:00 AM" and the like are neither numbers nor flags; keep them missing and report
    # them all (also those in 3-digit groups, which are left out below).
    defect = df["n2015"].str.fullmatch(_TIME_DEFECT.pattern, case=False).fillna(False).astype(bool)
    defects = df[defect]
    df = df[is_section | is_division].copy()
    defect = defect[df.index]
    df["nace_level"] = pd.Series(
        np.where(df["nace_r2"].str.len() == 1, "section", "division"), index=df.index, dtype="string"
    )

    cells = df["n2015"].where(~defect, "")
    # A flag without a value (" d") is a missing cell; spell it the Eurostat way (": d") for the shared parser.
    cells = cells.str.replace(r"^\s*([a-z]+)\s*$", r": \1", regex=True)
    parsed = parse_flagged_series(cells, path, "n2015")
    df["persons_employed"] = parsed["value"]
    df["flag"] = parsed["flag"]
    if (df["persons_employed"] < 0).any():
        raise RawInputError(path, "n2015", "negative persons employed", df[df["persons_employed"] < 0])
    dup = df.duplicated(["nace_r2", "geo"], keep=False)
    if dup.any():
        raise RawInputError(path, "geo", "duplicated (nace_r2, geo) rows", df[dup])

    lost = df.assign(has_value=df["persons_employed"].notna()).groupby("geo")["has_value"].agg(["size", "sum"])
    defect_report = _dropped(
        defects["geo"],
        defects["nace_r2"],
        [f"spreadsheet defect {v.strip()!r}: read as missing" for v in defects["n2015"]],
        [1] * len(defects),
        [0] * len(defects),
    )

    # NUTS 2013 -> 2024; then keep EU27 regions at levels 0-2 of the NUTS 2024 frame.
    df["source_code"] = df["geo"]
    recoded, not_recoded = recode(df, Path(raw), NUTS_VERSION, column="geo")
    regions = build_regions(Path(raw))
    eu_regions = regions[regions["is_eu"] & regions["level"].between(0, 2)]["code"]
    known = recoded["geo"].isin(eu_regions)
    outside = recoded.loc[~known, ["source_code", "geo"]].drop_duplicates()
    outside_status = np.where(
        ~outside["geo"].str[:2].isin(EU27),
        "outside EU27",
        np.where(outside["geo"].str.contains("Z", regex=False), "extra-regio", "not in the NUTS 2024 frame"),
    )
    recoded = recoded[known]
    if recoded.duplicated(["geo", "nace_r2"]).any():
        clash = recoded[recoded.duplicated(["geo", "nace_r2"], keep=False)]
        raise RawInputError(path, "geo", "two NUTS 2013 codes recode to the same NUTS 2024 code", clash)

    dropped_codes = pd.concat(
        [
            not_recoded[["source_code", "status"]],
            pd.DataFrame({"source_code": outside["source_code"].to_numpy(), "status": outside_status}),
        ],
        ignore_index=True,
    )
    dropped_codes = _dropped(
        dropped_codes["source_code"],
        [pd.NA] * len(dropped_codes),
        dropped_codes["status"],
        dropped_codes["source_code"].map(lost["size"]).astype("int64"),
        dropped_codes["source_code"].map(lost["sum"]).astype("int64"),
    )
    dropped = (
        pd.concat([dropped_codes, defect_report], ignore_index=True)
        .sort_values(["source_code", "nace"], na_position="first", kind="stable")
        .reset_index(drop=True)[DROPPED_COLUMNS]
    )

    out = pd.DataFrame(
        {
            "region": recoded["geo"].astype("string"),
            "nace": recoded["nace_r2"].astype("string"),
            "nace_level": recoded["nace_level"],
            "year": np.int64(YEAR),
            "persons_employed": recoded["persons_employed"].astype("float64"),
            "flag": recoded["flag"].astype("string"),
            "derivation": pd.array([pd.NA] * len(recoded), dtype="string"),
        }
    )
    out = _with_sums_of_parts(out, regions)
    totals = out[out["nace"].isin(TOTAL_COMPONENTS)].groupby("region")["persons_employed"].sum(min_count=1)
    out["region_total"] = out["region"].map(totals).astype("float64")
    out["share"] = _ratio(out["persons_employed"], out["region_total"])
    ref = eu_reference(out)
    eu_share = _ratio(out["nace"].map(ref["eu_employment"]), out["nace"].map(ref["eu_total"]))
    out["lq"] = _ratio(out["share"], eu_share)
    out = out.sort_values(["region", "nace"], kind="stable").reset_index(drop=True)
    return out[COLUMNS], dropped


def _with_sums_of_parts(out: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Add NUTS 1 and NUTS 0 rows summed from their NUTS 2 parts where the file has none (`data.build.aggregate`).

    The 2013 file's NUTS 1 codes of France (FR2, FR3, ...) have no NUTS 2024 equivalent, so Hauts-de-France (FRE)
    and 10 other French NUTS 1 regions exist only as sums of their NUTS 2 parts. The EU27 is not added here: the
    location quotients' EU reference is computed from the 27 countries (`eu_reference`)."""
    summed = sum_of_parts(out, regions, ["nace", "year"], value="persons_employed")
    summed = summed[summed["region"] != EU_CODE]
    levels = out.drop_duplicates("nace").set_index("nace")["nace_level"]
    summed["nace_level"] = summed["nace"].map(levels).astype("string")
    return pd.concat([out, summed[out.columns]], ignore_index=True)


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den as float64, NaN where either is missing or den is 0."""
    num = num.astype("float64")
    den = den.astype("float64")
    return (num / den.where(den > 0)).astype("float64")


def eu_reference(sector_employment: pd.DataFrame) -> pd.DataFrame:
    """The EU27 reference, indexed by nace: eu_employment (sum of the 27 countries' cells present), eu_total
    (sum of the 27 countries' region_total), countries_missing (comma list of EU countries whose cell is missing)."""
    countries = sector_employment[sector_employment["region"].isin(EU27)]
    eu_total = countries.drop_duplicates("region")["region_total"].sum(min_count=1)
    grouped = countries.groupby("nace")
    ref = pd.DataFrame({"eu_employment": grouped["persons_employed"].sum(min_count=1).astype("float64")})
    present = countries[countries["persons_employed"].notna()].groupby("nace")["region"].agg(set)
    ref["countries_missing"] = pd.Series(
        [",".join(sorted(set(EU27) - set(present.get(code, ())))) or pd.NA for code in ref.index],
        index=ref.index,
        dtype="string",
    )
    ref["eu_total"] = float(eu_total) if pd.notna(eu_total) else np.nan
    ref.index = ref.index.astype("string")
    return ref
