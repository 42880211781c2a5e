"""The indicator catalogue and its values per region and year (NUTS 2024 codes, plus the EU27_2020 aggregate).

The catalogue (`data/catalogue.py`) lists each indicator: the columns of the `indicators` table plus how to read
it (`file`, `reader`, `filters`, reader options). `build_indicators(raw)` returns (indicators, indicator_values,
dropped):

* region codes are recoded to NUTS 2024 with `nuts.recode` (a code whose territory changed is left out, never
  guessed; `nuts_version` "2024" is Eurostat's current publication, which keeps NUTS 2024 codes as they are);
  only codes of the region frame (NUTS 2024 levels 0-2) are kept;
* the only aggregate kept is EU27_2020 (EU28, EU27 of 2007-2013, EA19, ... are left out, never renamed);
* extra-regio codes (ATZ, ATZZ, ...), non-regional codes (FRXX) and non-NUTS geographies (CN_X_HK, JP) are left
  out; every code left out is listed in `dropped` with the reason;
* values are never filled: a value is NaN only when the source flags it (e.g. 'c' confidential, 'u' low
  reliability).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from data import catalogue
from data.build import nuts
from data.build.aggregate import sum_of_parts
from data.build.common import RawInputError
from data.build.eurostat import read_bulk_tsv, read_sdmx_csv, read_simple_csv

INDICATOR_COLUMNS = [
    "id",
    "label",
    "short_label",
    "unit",
    "source_id",
    "dataset_code",
    "description",
    "higher_is_better",
    "theme",
    "decimals",
    "nuts_version",
    "additive",
    "benchmark_note",
]
VALUE_COLUMNS = ["region", "indicator", "year", "value", "flag", "derivation"]
DROPPED_COLUMNS = ["indicator", "source_code", "status"]


def specs() -> list[dict]:
    """The catalogue's entries (data/catalogue.py) with their optional keys, `source_id` and `dataset_code`."""
    catalogue.check()
    return [catalogue.entry(item["id"]) for item in catalogue.INDICATORS]


INDICATORS = specs()  # for scripts (data.refresh); the build reads the catalogue afresh

_RCI_GEO, _RCI_YEAR, _RCI_VALUE, _RCI_MERGED = "NUTS.CODE.2016", "year", "rci_value2019", "merged.regions.code"
_RCI_EVOLUTION = "rci/rci-indicator-evolution_raw.csv"


# --------------------------------------------------------------------------------------------- readers
def _read_rci(raw: Path, spec: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """RCI z-scores per region and edition year; rows with a `merged.regions.code` note are left out.

    `rci_value2019` holds, on each row, the z-score of that row's `year` (checked against the long file
    rci-indicator-evolution_raw.csv, whose `value` is labelled 'RCI <year> z-scores').
    """
    path = raw / spec["file"]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in (_RCI_GEO, _RCI_YEAR, _RCI_VALUE, _RCI_MERGED):
        if column not in table.columns:
            raise RawInputError(path, column, "column missing")
    _check_rci_against_evolution(raw, table)
    series = read_simple_csv(
        path, {_RCI_MERGED: ""}, geo_column=_RCI_GEO, time_column=_RCI_YEAR, value_column=_RCI_VALUE
    )
    noted = table[table[_RCI_MERGED] != ""].drop_duplicates(_RCI_GEO)
    status = np.where(
        noted[_RCI_MERGED] == noted[_RCI_GEO],
        "RCI capital region merged with its commuting area, not a NUTS region",
        "RCI note: " + noted[_RCI_MERGED],
    )
    dropped = pd.DataFrame({"source_code": noted[_RCI_GEO].to_numpy(), "status": status})
    return series, dropped


def _check_rci_against_evolution(raw: Path, table: pd.DataFrame) -> None:
    path = raw / _RCI_EVOLUTION
    if not path.exists():
        return
    evolution = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("NUTS CODE 2016", "Year", "Year z-score", "value"):
        if column not in evolution.columns:
            raise RawInputError(path, column, "column missing")
    label_year = evolution["Year z-score"].str.extract(r"RCI (\d{4}) z-scores")[0]
    wrong_label = label_year != evolution["Year"]
    if wrong_label.any():
        raise RawInputError(path, "Year z-score", "edition label differs from Year", evolution[wrong_label])
    both = table.merge(evolution, left_on=[_RCI_GEO, _RCI_YEAR], right_on=["NUTS CODE 2016", "Year"])
    differ = both[_RCI_VALUE] != both["value"]
    if differ.any():
        raise RawInputError(
            raw / "rci/rci_data_annual.csv",
            _RCI_VALUE,
            "differs from the z-score of the same year in rci-indicator-evolution_raw.csv",
            both.loc[differ, [_RCI_GEO, _RCI_YEAR, _RCI_VALUE, "value"]],
        )


def _union_flags(*flags) -> str | None:
    letters = set()
    for flag in flags:
        if isinstance(flag, str):
            letters.update(flag)
    return "".join(sorted(letters)) or None


def _read_bulk_share(raw: Path, spec: dict) -> pd.DataFrame:
    """numerator / denominator * 100 from one bulk TSV (reader `bulk_share`) or SDMX-CSV file (`sdmx_share`, a
    refreshed file), same unit and age; NaN if either part is missing.

    Flags: a computed value carries the flags of both parts; a missing value carries the flags of the missing
    part(s), which say why it is missing (e.g. 'u' low reliability). A missing part without a flag gives a row
    without information, which is dropped.
    """
    path = raw / spec["file"]
    read = read_sdmx_csv if spec["reader"] == "sdmx_share" else read_bulk_tsv
    num = read(path, {**spec["filters"], **spec["numerator"]})
    den = read(path, {**spec["filters"], **spec["denominator"]})
    both = num.merge(den, on=["geo", "year"], how="outer", suffixes=("_num", "_den"))
    zero = both["value_den"] <= 0
    if zero.any():
        raise RawInputError(path, "denominator", "total employment is zero or negative", both[zero])
    value = both["value_num"] / both["value_den"] * 100
    flags = []
    for vn, fn, vd, fd in zip(both["value_num"], both["flag_num"], both["value_den"], both["flag_den"]):
        if np.isnan(vn) or np.isnan(vd):
            missing = [f for v, f in ((vn, fn), (vd, fd)) if np.isnan(v)]
            flags.append(_union_flags(*[f if f is not pd.NA else None for f in missing]))
        else:
            flags.append(_union_flags(fn if fn is not pd.NA else None, fd if fd is not pd.NA else None))
    out = pd.DataFrame(
        {
            "geo": both["geo"].astype("string"),
            "year": both["year"].astype("int64"),
            "value": value.astype("float64"),
            "flag": pd.array(flags, dtype="string"),
        }
    )
    out = out[out["value"].notna() | out["flag"].notna()]
    return out.sort_values(["geo", "year"]).reset_index(drop=True)


def _ratio_of_sums(
    raw: Path, spec: dict, regions: pd.DataFrame, valid: set[str], published: pd.DataFrame
) -> pd.DataFrame:
    """A share (numerator / denominator * 100, both counts) for the NUTS 1, NUTS 0 and EU27 parents that have no
    published share: the ratio of the counts summed over all their parts (`sum_of_parts`), never an average of
    the parts' shares."""
    path = raw / spec["file"]
    counts = {}
    for part in ("numerator", "denominator"):
        series = read_bulk_tsv(path, {**spec["filters"], **spec[part]})
        recoded, _ = _to_frame(series, raw, spec["nuts_version"], valid, path)
        rows = pd.DataFrame(
            {
                "region": recoded["geo"].astype("string").to_numpy(),
                "indicator": spec["id"],
                "year": recoded["year"].to_numpy(),
                "value": recoded["value"].to_numpy(),
                "flag": recoded["flag"].astype("string").array,
            }
        )
        summed = sum_of_parts(rows, regions, ["indicator", "year"])
        # Parents use the same source for both counts: all summed, or (the EU27) summed from published countries.
        counts[part] = pd.concat([rows.assign(derivation=pd.NA), summed], ignore_index=True)
    both = counts["numerator"].merge(
        counts["denominator"], on=["region", "indicator", "year"], suffixes=("_num", "_den")
    )
    both = both[both["derivation_num"].notna() | both["derivation_den"].notna()]
    both = both[(both["value_den"] > 0) & both["value_num"].notna()]
    out = pd.DataFrame(
        {
            "region": both["region"],
            "indicator": both["indicator"],
            "year": both["year"].astype("int64"),
            "value": (both["value_num"] / both["value_den"] * 100).astype("float64"),
            "flag": [
                _union_flags(a if isinstance(a, str) else None, b if isinstance(b, str) else None)
                for a, b in zip(both["flag_num"], both["flag_den"])
            ],
            "derivation": [
                "ratio of " + (d if isinstance(d, str) else e).replace("sum", "sums", 1)
                for d, e in zip(both["derivation_num"], both["derivation_den"])
            ],
        }
    )
    already = published.loc[published["indicator"] == spec["id"]].set_index(["region", "year"]).index
    return out[~out.set_index(["region", "year"]).index.isin(already)].reset_index(drop=True)


def _read(raw: Path, spec: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(series geo/year/value/flag, codes left out while reading) for one catalogue entry."""
    reader = spec["reader"]
    empty = pd.DataFrame({"source_code": pd.Series(dtype="string"), "status": pd.Series(dtype="string")})
    if reader == "rci":
        return _read_rci(raw, spec)
    if reader in ("bulk_share", "sdmx_share"):
        return _read_bulk_share(raw, spec), empty
    path = raw / spec["file"]
    options = spec.get("options", {})
    if reader == "sdmx":
        return read_sdmx_csv(path, spec["filters"]), empty
    if reader == "simple":
        return read_simple_csv(path, spec["filters"], **options), empty
    if reader == "bulk":
        return read_bulk_tsv(path, spec["filters"]), empty
    raise ValueError(f"indicator {spec['id']}: unknown reader {reader!r}")


def refreshed_spec(raw: Path, spec: dict) -> dict:
    """The catalogue entry to read: when `python -m data.refresh` fetched this indicator's dataset into the raw
    tree (`api/manifest.json` names it), its file, reader, filters and NUTS version replace the usual ones."""
    path = raw / "api" / "manifest.json"
    if not path.exists():
        return spec
    for dataset in json.loads(path.read_text(encoding="utf-8"))["datasets"].values():
        entry = dataset["indicators"].get(spec["id"])
        if entry is not None:
            keys = ("file", "reader", "filters", "nuts_version", "numerator", "denominator")
            return {**spec, "options": {}, **{k: entry[k] for k in keys if k in entry}}
    return spec


# --------------------------------------------------------------------------------------------- region codes
_AGGREGATE_RE = re.compile(r"^(EU|EA)\d")
_EXTRA_REGIO_RE = re.compile(r"^[A-Z]{2}Z{1,2}$")
_NOT_REGIONALISED_RE = re.compile(r"^[A-Z]{2}X{1,2}$")


def _explain(code: str, status: str, version: str) -> str:
    """A readable reason for a code left out; aggregates and extra-regio codes are named as such."""
    if _AGGREGATE_RE.match(code):
        return f"aggregate other than {nuts.EU_CODE} (not renamed)"
    if _EXTRA_REGIO_RE.match(code):
        return "extra-regio territory (not a region)"
    if _NOT_REGIONALISED_RE.match(code):
        return "not regionalised (XX code)"
    if status == "not a NUTS code":
        return f"not in the NUTS {version} correspondence"
    return status


def _to_frame(
    series: pd.DataFrame, raw: Path, version: str, valid: set[str], path: Path
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recode to NUTS 2024 and keep codes of the region frame (NUTS 2024 levels 0-2) and EU27_2020."""
    recoded, dropped = nuts.recode(series, raw, version, column="geo", keep={nuts.EU_CODE})
    listed = recoded["geo"].isin(valid)
    unlisted = pd.DataFrame(
        {"source_code": recoded.loc[~listed, "geo"].astype("string"), "status": "not a NUTS 2024 region of levels 0-2"}
    ).drop_duplicates()
    recoded = recoded[listed]
    dup = recoded.duplicated(["geo", "year"], keep=False)
    if dup.any():
        raise RawInputError(path, "geo", "two source codes recode to the same NUTS 2024 region and year", recoded[dup])
    dropped = pd.concat([dropped, unlisted], ignore_index=True)
    if len(dropped):
        dropped["status"] = [_explain(c, s, version) for c, s in zip(dropped["source_code"], dropped["status"])]
    return recoded, dropped


# --------------------------------------------------------------------------------------------- build
def _check_catalogue(entries: list[dict]) -> None:
    for spec in entries:
        if spec["nuts_version"] not in nuts.VERSIONS:
            raise ValueError(f"indicator {spec['id']}: nuts_version {spec['nuts_version']!r} not in {nuts.VERSIONS}")


def indicators_table() -> pd.DataFrame:
    df = pd.DataFrame([{c: spec[c] for c in INDICATOR_COLUMNS} for spec in specs()], columns=INDICATOR_COLUMNS)
    for column in (
        "id",
        "label",
        "short_label",
        "unit",
        "source_id",
        "dataset_code",
        "description",
        "theme",
        "nuts_version",
    ):
        df[column] = df[column].astype("string")
    df["benchmark_note"] = df["benchmark_note"].astype("string")
    df["higher_is_better"] = df["higher_is_better"].astype("bool")
    df["additive"] = df["additive"].astype("bool")
    df["decimals"] = df["decimals"].astype("int64")
    return df


def build_indicators(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(indicators, indicator_values, dropped) from the raw inputs under `raw`."""
    raw = Path(raw)
    entries = specs()
    _check_catalogue(entries)
    regions = nuts.build_regions(raw)
    valid = set(regions["code"].dropna()) | {nuts.EU_CODE}
    values, dropped = [], []
    for spec in entries:
        refreshed = refreshed_spec(raw, spec)
        # A refreshed dataset brings its own country and EU27 rows: the older extra inputs would duplicate them.
        parts = [refreshed] if refreshed is not spec else [spec, *spec.get("extra_inputs", [])]
        for part in parts:
            series, left_out = _read(raw, {**spec, **part})
            recoded, not_recoded = _to_frame(series, raw, part["nuts_version"], valid, raw / part["file"])
            values.append(
                pd.DataFrame(
                    {
                        "region": recoded["geo"].astype("string").to_numpy(),
                        "indicator": spec["id"],
                        "year": recoded["year"].astype("int64").to_numpy(),
                        "value": recoded["value"].astype("float64").to_numpy(),
                        "flag": recoded["flag"].astype("string").array,
                    }
                )
            )
            gone = pd.concat([left_out, not_recoded], ignore_index=True)
            gone.insert(0, "indicator", spec["id"])
            dropped.append(gone)

    indicator_values = pd.concat(values, ignore_index=True)
    additive = [spec["id"] for spec in entries if spec["additive"]]
    summed = sum_of_parts(
        indicator_values[indicator_values["indicator"].isin(additive)], regions, ["indicator", "year"]
    )
    ratios = [
        _ratio_of_sums(raw, spec, regions, valid, indicator_values)
        for spec in entries
        if spec.get("ratio_of_sums") and refreshed_spec(raw, spec) is spec
    ]
    indicator_values = pd.concat([indicator_values, summed, *ratios], ignore_index=True)
    for column in ("region", "indicator", "flag", "derivation"):
        indicator_values[column] = indicator_values[column].astype("string")
    indicator_values = (
        indicator_values[VALUE_COLUMNS]
        .sort_values(["indicator", "region", "year"], kind="stable")
        .reset_index(drop=True)
    )
    dropped = (
        pd.concat(dropped, ignore_index=True)[DROPPED_COLUMNS]
        .astype("string")
        .drop_duplicates()
        .sort_values(DROPPED_COLUMNS, kind="stable")
        .reset_index(drop=True)
    )
    _check_values(indicator_values, valid)
    return indicators_table(), indicator_values, dropped


def _check_values(values: pd.DataFrame, valid: set[str]) -> None:
    dup = values.duplicated(["region", "indicator", "year"], keep=False)
    if dup.any():
        raise ValueError(f"duplicated (region, indicator, year):\n{values[dup].head()}")
    unflagged_nan = values["value"].isna() & values["flag"].isna()
    if unflagged_nan.any():
        raise ValueError(f"missing values without a flag:\n{values[unflagged_nan].head()}")
    unknown = ~values["region"].isin(valid)
    if unknown.any():
        raise ValueError(f"regions outside NUTS 2024 and {nuts.EU_CODE}:\n{values[unknown].head()}")
