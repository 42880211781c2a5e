"""The indicator catalogue and its values per region and year (NUTS 2024 codes, plus the EU27_2020 aggregate).

`INDICATORS` lists each indicator: the columns of the `indicators` table plus how to read it (`file`, `reader`,
`filters`, reader options). `build_indicators(raw)` returns (indicators, indicator_values, dropped):

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

from data.build import nuts
from data.build.aggregate import sum_of_parts
from data.build.common import RawInputError
from data.build.eurostat import read_bulk_tsv, read_sdmx_csv, read_simple_csv
from data.build.sources import SOURCES

THEMES = ("economy", "labour", "innovation", "demography", "competitiveness")
INDICATOR_COLUMNS = ["id", "label", "short_label", "unit", "source_id", "dataset_code", "description",
                     "higher_is_better", "theme", "decimals", "nuts_version", "additive", "benchmark_note"]
VALUE_COLUMNS = ["region", "indicator", "year", "value", "flag", "derivation"]
DROPPED_COLUMNS = ["indicator", "source_code", "status"]

_EXTRACT_2020 = "eurostat_2020_extract/nuts2_tidy_from_rds.csv"
_LFS_NACE = "eurostat_2017/lfst_r_lfe2en2.tsv.gz"
# lfst_r_lfe2en2 (2017 vintage) has no section C on its own: its industry aggregate is B-E.
INDUSTRY_NACE = "B-E"
INDUSTRY_AGE = "Y15-64"

INDICATORS: list[dict] = [
    {
        "id": "gdp_pc_pps", "label": "GDP per inhabitant in PPS", "short_label": "GDP/inh. (PPS)",
        "unit": "PPS per inhabitant", "source_id": "gdp_pc_pps", "dataset_code": "nama_10r_2gdp",
        "description": "Gross domestic product at current market prices divided by the average population, "
                       "in purchasing power standards of the EU27 (2020) so that price levels are comparable.",
        "higher_is_better": True, "theme": "economy", "decimals": 0, "nuts_version": "2024",
        "additive": False, "benchmark_note": None,
        "file": "eurostat/eurostat_gdp_pc_pps_nuts2.csv", "reader": "simple",
        "filters": {"freq": "A", "unit": "PPS_EU27_2020_HAB"},
    },
    {
        "id": "gdp_pc_pps_rel", "label": "GDP per inhabitant in PPS, % of the EU27 average",
        "short_label": "GDP/inh. (% EU27)", "unit": "% of EU27 average (EU27_2020 = 100)",
        "source_id": "gdp_pc_pps_rel", "dataset_code": "nama_10r_2gdp",
        "description": "GDP per inhabitant in purchasing power standards as a percentage of the EU27 (2020) "
                       "average of the same year; 75 is the threshold for less developed regions in cohesion policy.",
        "higher_is_better": True, "theme": "economy", "decimals": 0, "nuts_version": "2024",
        "additive": False, "benchmark_note": None,
        "file": "eurostat/eurostat_gdp_pc_pps_rel_eu_nuts2.csv", "reader": "simple",
        "filters": {"freq": "A", "unit": "PPS_HAB_EU27_2020"},
    },
    {
        "id": "gdp_meur", "label": "GDP at current market prices", "short_label": "GDP (million EUR)",
        "unit": "million EUR", "source_id": "gdp_meur", "dataset_code": "nama_10r_2gdp",
        "description": "Gross domestic product at current market prices, in million euro: the size of the "
                       "regional economy (not adjusted for prices or population).",
        "higher_is_better": True, "theme": "economy", "decimals": 0, "nuts_version": "2024",
        "additive": True, "benchmark_note": None,
        "file": "eurostat/eurostat_nama_10r_2gdp.csv", "reader": "sdmx",
        "filters": {"freq": "A", "unit": "MIO_EUR"},
    },
    {
        "id": "gva_volume", "label": "Gross value added in volume, index 2015=100",
        "short_label": "GVA volume (2015=100)", "unit": "index, 2015 = 100",
        "source_id": "gva_volume", "dataset_code": "nama_10r_2gvagr",
        "description": "Gross value added (B1G) in chain-linked volumes, as an index with 2015 = 100: real growth "
                       "of output since 2015, net of price changes.",
        "higher_is_better": True, "theme": "economy", "decimals": 1, "nuts_version": "2024",
        "additive": False, "benchmark_note": None,
        "file": "eurostat/eurostat_nama_10r_2gvagr_gva.csv", "reader": "sdmx",
        "filters": {"freq": "A", "na_item": "B1G", "unit": "I15"},
    },
    {
        "id": "gdp_volume", "label": "Real GDP in volume, index 2015=100", "short_label": "Real GDP (2015=100)",
        "unit": "index, 2015 = 100", "source_id": "gdp_volume", "dataset_code": "nama_10r_2gvagr",
        "description": "Gross domestic product (B1GQ) in chain-linked volumes, as an index with 2015 = 100: "
                       "real economic growth since 2015, net of price changes.",
        "higher_is_better": True, "theme": "economy", "decimals": 1, "nuts_version": "2024",
        "additive": False, "benchmark_note": None,
        "file": "eurostat/eurostat_gdp_real_nuts2.csv", "reader": "simple",
        "filters": {"freq": "A", "na_item": "B1GQ", "unit": "I15"},
    },
    {
        "id": "employment_rate", "label": "Employment rate, persons aged 15-64", "short_label": "Employment rate",
        "unit": "% of population aged 15-64", "source_id": "employment_rate", "dataset_code": "tgs00007",
        "description": "Employed persons aged 15-64 as a percentage of the population of the same age "
                       "(EU Labour Force Survey).",
        "higher_is_better": True, "theme": "labour", "decimals": 1, "nuts_version": "2024",
        "additive": False, "benchmark_note": "The committed extract of tgs00007 holds NUTS 2 rows only; Eurostat publishes the country and EU27 rates in tgs00007 (lfst_r_lfe2emprt), which a data refresh (python -m data.refresh) brings in.",
        "file": "eurostat/eurostat_tgs00007_employment_rate.csv", "reader": "sdmx",
        "filters": {"freq": "A", "unit": "PC", "sex": "T", "age": "Y15-64"},
    },
    {
        "id": "unemployment_rate", "label": "Unemployment rate, persons aged 15-74", "short_label": "Unemployment rate",
        "unit": "% of labour force aged 15-74", "source_id": "unemployment_rate", "dataset_code": "tgs00010",
        "description": "Unemployed persons aged 15-74 as a percentage of the labour force of the same age, all "
                       "education levels (EU Labour Force Survey).",
        "higher_is_better": False, "theme": "labour", "decimals": 1, "nuts_version": "2024",
        "additive": False, "benchmark_note": "The committed extract of tgs00010 holds NUTS 2 rows only; Eurostat publishes the country and EU27 rates in tgs00010 (lfst_r_lfu3rt), which a data refresh (python -m data.refresh) brings in.",
        "file": "eurostat/eurostat_tgs00010_unemployment_rate.csv", "reader": "sdmx",
        "filters": {"freq": "A", "isced11": "TOTAL", "sex": "T", "age": "Y15-74", "unit": "PC"},
    },
    {
        "id": "tertiary_attainment", "label": "Tertiary educational attainment, persons aged 25-64",
        "short_label": "Tertiary education", "unit": "% of population aged 25-64",
        "source_id": "tertiary", "dataset_code": "tgs00109",
        "description": "Persons aged 25-64 whose highest completed level of education is tertiary (ISCED 2011 "
                       "levels 5-8), as a percentage of the population of the same age (EU Labour Force Survey).",
        "higher_is_better": True, "theme": "labour", "decimals": 1, "nuts_version": "2024",
        "additive": False, "benchmark_note": "Country and EU27 rates come from edat_lfse_04 (2000-2019); for later years Eurostat publishes them in tgs00109, which a data refresh (python -m data.refresh) brings in.",
        "file": "eurostat/eurostat_tgs00109_tertiary_education_25_64.csv", "reader": "sdmx",
        "filters": {"freq": "A", "unit": "PC", "isced11": "ED5-8", "age": "Y25-64", "sex": "T"},
        # Country and EU27 rows of the same measure (tgs00109 is the regional table of edat_lfse_04).
        "extra_inputs": [{"file": "eurostat_national/tertiary_25_64_nuts0_eu_2000_2019_long.csv", "reader": "simple",
                          "filters": {}, "nuts_version": "2021",
                          "options": {"time_column": "year", "value_column": "value", "flag_column": "flag"}}],
    },
    {
        "id": "gerd_pc_gdp", "label": "R&D expenditure (GERD), % of GDP", "short_label": "R&D spending (% GDP)",
        "unit": "% of GDP", "source_id": "gerd", "dataset_code": "tgs00042",
        "description": "Gross domestic expenditure on research and development performed in the region by all "
                       "sectors (business, government, higher education, private non-profit), as a percentage "
                       "of regional GDP. Some countries report only odd years; confidential values are flagged 'c'.",
        "higher_is_better": True, "theme": "innovation", "decimals": 2, "nuts_version": "2024",
        "additive": False, "benchmark_note": "The committed extract of tgs00042 holds NUTS 2 rows only; Eurostat publishes the country and EU27 intensity in rd_e_gerdreg, which a data refresh (python -m data.refresh) brings in.",
        "file": "eurostat/eurostat_tgs00042_gerd_rd_expenditure.csv", "reader": "sdmx",
        "filters": {"freq": "A", "sectperf": "TOTAL", "unit": "PC_GDP"},
    },
    {
        "id": "rci", "label": "Regional Competitiveness Index", "short_label": "RCI (z-score)",
        "unit": "z-score (0 = EU average)", "source_id": "rci", "dataset_code": "RCI",
        "description": "Composite index of DG REGIO built from eleven pillars (institutions, infrastructure, "
                       "health, education, labour market, market size, innovation, ...), as a z-score around the "
                       "EU average of each edition (2010, 2013, 2016, 2019). Capital regions that the RCI merges "
                       "with their commuting areas (e.g. AT00, BE00, NL00) are not NUTS regions and are left out.",
        "higher_is_better": True, "theme": "competitiveness", "decimals": 2, "nuts_version": "2016",
        "additive": False, "benchmark_note": "The RCI is defined for regions only: DG REGIO publishes no country or EU27 score (0 is the EU average of each edition by construction).",
        "file": "rci/rci_data_annual.csv", "reader": "rci",
        "filters": {},
    },
    {
        "id": "industry_share", "label": "Industry (NACE B-E) share of employment",
        "short_label": "Industry empl. share", "unit": "% of employment, aged 15-64",
        "source_id": "lfs_nace", "dataset_code": "lfst_r_lfe2en2",
        "description": "Persons aged 15-64 employed in industry excluding construction (NACE Rev.2 sections B-E: "
                       "mining, manufacturing, energy and water supply; manufacturing C is most of it but is not "
                       "published separately in this dataset) divided by total employment aged 15-64, in %, "
                       "from the Labour Force Survey (thousands, 2017 vintage). Flags of both parts are combined.",
        "higher_is_better": True, "theme": "economy", "decimals": 1, "nuts_version": "2013",
        "additive": False, "benchmark_note": "Country rows come from lfst_r_lfe2en2 (2017 vintage). Its EU aggregate is the EU28, which is left out; the EU27 value is the ratio of the 27 countries' summed employment, where all are published.",
        # A share of two counts: a parent without a published share gets the ratio of its parts' summed counts.
        "ratio_of_sums": True,
        "file": _LFS_NACE, "reader": "bulk_share",
        "filters": {"unit": "THS", "age": INDUSTRY_AGE},
        "numerator": {"nace_r2": INDUSTRY_NACE}, "denominator": {"nace_r2": "TOTAL"},
    },
    {
        "id": "population", "label": "Population on 1 January", "short_label": "Population",
        "unit": "persons", "source_id": "population", "dataset_code": "tgs00096",
        "description": "Number of inhabitants on 1 January, all ages, both sexes (Eurostat extract of "
                       "December 2020, NUTS 2016 regions).",
        "higher_is_better": True, "theme": "demography", "decimals": 0, "nuts_version": "2016",
        "additive": True, "benchmark_note": None,
        "file": _EXTRACT_2020, "reader": "simple",
        "filters": {"input_var_code": "tgs00096", "unit": "NR", "sex": "T", "age": "TOTAL"},
        "options": {"value_column": "values"},
    },
    {
        "id": "patents_per_million", "label": "Patent applications to the EPO per million inhabitants",
        "short_label": "EPO patents / million inh.", "unit": "applications per million inhabitants",
        "source_id": "patents", "dataset_code": "tgs00040",
        "description": "Patent applications to the European Patent Office by priority year and inventor's region, "
                       "per million inhabitants (Eurostat extract of December 2020). The region codes of this "
                       "series are NUTS 2010/2013 (e.g. FR30, PL11, SI01), read as NUTS 2013.",
        "higher_is_better": True, "theme": "innovation", "decimals": 1, "nuts_version": "2013",
        "additive": False, "benchmark_note": "The December 2020 extract holds NUTS 2 rows only; country and EU27 values are in Eurostat pat_ep_rtot (discontinued after 2012 data).",
        "file": _EXTRACT_2020, "reader": "simple",
        "filters": {"input_var_code": "tgs00040", "unit": "P_MHAB"},
        "options": {"value_column": "values"},
    },
    {
        "id": "rd_personnel_fte", "label": "R&D personnel, full-time equivalent", "short_label": "R&D personnel (FTE)",
        "unit": "full-time equivalent", "source_id": "rd_personnel", "dataset_code": "rd_p_persreg",
        "description": "R&D personnel and researchers in all sectors of performance, in full-time equivalents "
                       "(small extract, 2009 and 2018). The region codes are assumed to be NUTS 2016; older codes "
                       "used for 2009 (e.g. FR21, PL12) are therefore left out.",
        "higher_is_better": True, "theme": "innovation", "decimals": 0, "nuts_version": "2016",
        "additive": True, "benchmark_note": None,
        "file": "rd_personnel/regional_rd_personnel.csv", "reader": "simple",
        "filters": {"prof_pos": "TOTAL", "sex": "T", "sectperf": "TOTAL", "unit": "FTE"},
        "options": {"value_column": "values"},
    },
]

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
    series = read_simple_csv(path, {_RCI_MERGED: ""}, geo_column=_RCI_GEO, time_column=_RCI_YEAR,
                             value_column=_RCI_VALUE)
    noted = table[table[_RCI_MERGED] != ""].drop_duplicates(_RCI_GEO)
    status = np.where(noted[_RCI_MERGED] == noted[_RCI_GEO],
                      "RCI capital region merged with its commuting area, not a NUTS region",
                      "RCI note: " + noted[_RCI_MERGED])
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
        raise RawInputError(raw / "rci/rci_data_annual.csv", _RCI_VALUE,
                            "differs from the z-score of the same year in rci-indicator-evolution_raw.csv",
                            both.loc[differ, [_RCI_GEO, _RCI_YEAR, _RCI_VALUE, "value"]])


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
    out = pd.DataFrame({"geo": both["geo"].astype("string"), "year": both["year"].astype("int64"),
                        "value": value.astype("float64"), "flag": pd.array(flags, dtype="string")})
    out = out[out["value"].notna() | out["flag"].notna()]
    return out.sort_values(["geo", "year"]).reset_index(drop=True)


def _ratio_of_sums(raw: Path, spec: dict, regions: pd.DataFrame, valid: set[str],
                   published: pd.DataFrame) -> pd.DataFrame:
    """A share (numerator / denominator * 100, both counts) for the NUTS 1, NUTS 0 and EU27 parents that have no
    published share: the ratio of the counts summed over all their parts (`sum_of_parts`), never an average of
    the parts' shares."""
    path = raw / spec["file"]
    counts = {}
    for part in ("numerator", "denominator"):
        series = read_bulk_tsv(path, {**spec["filters"], **spec[part]})
        recoded, _ = _to_frame(series, raw, spec["nuts_version"], valid, path)
        rows = pd.DataFrame({"region": recoded["geo"].astype("string").to_numpy(), "indicator": spec["id"],
                             "year": recoded["year"].to_numpy(), "value": recoded["value"].to_numpy(),
                             "flag": recoded["flag"].astype("string").array})
        summed = sum_of_parts(rows, regions, ["indicator", "year"])
        # Parents use the same source for both counts: all summed, or (the EU27) summed from published countries.
        counts[part] = pd.concat([rows.assign(derivation=pd.NA), summed], ignore_index=True)
    both = counts["numerator"].merge(counts["denominator"], on=["region", "indicator", "year"],
                                     suffixes=("_num", "_den"))
    both = both[both["derivation_num"].notna() | both["derivation_den"].notna()]
    both = both[(both["value_den"] > 0) & both["value_num"].notna()]
    out = pd.DataFrame({
        "region": both["region"], "indicator": both["indicator"], "year": both["year"].astype("int64"),
        "value": (both["value_num"] / both["value_den"] * 100).astype("float64"),
        "flag": [_union_flags(a if isinstance(a, str) else None, b if isinstance(b, str) else None)
                 for a, b in zip(both["flag_num"], both["flag_den"])],
        "derivation": ["ratio of " + (d if isinstance(d, str) else e).replace("sum", "sums", 1)
                       for d, e in zip(both["derivation_num"], both["derivation_den"])],
    })
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


def _to_frame(series: pd.DataFrame, raw: Path, version: str, valid: set[str],
              path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recode to NUTS 2024 and keep codes of the region frame (NUTS 2024 levels 0-2) and EU27_2020."""
    recoded, dropped = nuts.recode(series, raw, version, column="geo", keep={nuts.EU_CODE})
    listed = recoded["geo"].isin(valid)
    unlisted = pd.DataFrame({"source_code": recoded.loc[~listed, "geo"].astype("string"),
                             "status": "not a NUTS 2024 region of levels 0-2"}).drop_duplicates()
    recoded = recoded[listed]
    dup = recoded.duplicated(["geo", "year"], keep=False)
    if dup.any():
        raise RawInputError(path, "geo", "two source codes recode to the same NUTS 2024 region and year",
                            recoded[dup])
    dropped = pd.concat([dropped, unlisted], ignore_index=True)
    if len(dropped):
        dropped["status"] = [_explain(c, s, version) for c, s in zip(dropped["source_code"], dropped["status"])]
    return recoded, dropped


# --------------------------------------------------------------------------------------------- build
def _check_catalogue() -> None:
    sources = {s["id"]: s for s in SOURCES}
    ids = [spec["id"] for spec in INDICATORS]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicated indicator ids in INDICATORS: {ids}")
    for spec in INDICATORS:
        missing = [c for c in INDICATOR_COLUMNS if c not in spec]
        if missing:
            raise ValueError(f"indicator {spec['id']}: missing {missing}")
        if spec["source_id"] not in sources:
            raise ValueError(f"indicator {spec['id']}: source_id {spec['source_id']!r} not in sources.SOURCES")
        if sources[spec["source_id"]]["dataset_code"] != spec["dataset_code"]:
            raise ValueError(f"indicator {spec['id']}: dataset_code {spec['dataset_code']!r} differs from source "
                             f"{spec['source_id']!r} ({sources[spec['source_id']]['dataset_code']!r})")
        if spec["theme"] not in THEMES:
            raise ValueError(f"indicator {spec['id']}: theme {spec['theme']!r} not in {THEMES}")
        if spec["nuts_version"] not in nuts.VERSIONS:
            raise ValueError(f"indicator {spec['id']}: nuts_version {spec['nuts_version']!r} not in {nuts.VERSIONS}")


def indicators_table() -> pd.DataFrame:
    df = pd.DataFrame([{c: spec[c] for c in INDICATOR_COLUMNS} for spec in INDICATORS], columns=INDICATOR_COLUMNS)
    for column in ("id", "label", "short_label", "unit", "source_id", "dataset_code", "description", "theme",
                   "nuts_version"):
        df[column] = df[column].astype("string")
    df["benchmark_note"] = df["benchmark_note"].astype("string")
    df["higher_is_better"] = df["higher_is_better"].astype("bool")
    df["additive"] = df["additive"].astype("bool")
    df["decimals"] = df["decimals"].astype("int64")
    return df


def build_indicators(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(indicators, indicator_values, dropped) from the raw inputs under `raw`."""
    raw = Path(raw)
    _check_catalogue()
    regions = nuts.build_regions(raw)
    valid = set(regions["code"].dropna()) | {nuts.EU_CODE}
    values, dropped = [], []
    for spec in INDICATORS:
        refreshed = refreshed_spec(raw, spec)
        # A refreshed dataset brings its own country and EU27 rows: the older extra inputs would duplicate them.
        parts = [refreshed] if refreshed is not spec else [spec, *spec.get("extra_inputs", [])]
        for part in parts:
            series, left_out = _read(raw, {**spec, **part})
            recoded, not_recoded = _to_frame(series, raw, part["nuts_version"], valid, raw / part["file"])
            values.append(pd.DataFrame({
                "region": recoded["geo"].astype("string").to_numpy(),
                "indicator": spec["id"],
                "year": recoded["year"].astype("int64").to_numpy(),
                "value": recoded["value"].astype("float64").to_numpy(),
                "flag": recoded["flag"].astype("string").array,
            }))
            gone = pd.concat([left_out, not_recoded], ignore_index=True)
            gone.insert(0, "indicator", spec["id"])
            dropped.append(gone)

    indicator_values = pd.concat(values, ignore_index=True)
    additive = [spec["id"] for spec in INDICATORS if spec["additive"]]
    summed = sum_of_parts(indicator_values[indicator_values["indicator"].isin(additive)], regions,
                          ["indicator", "year"])
    ratios = [_ratio_of_sums(raw, spec, regions, valid, indicator_values) for spec in INDICATORS
              if spec.get("ratio_of_sums") and refreshed_spec(raw, spec) is spec]
    indicator_values = pd.concat([indicator_values, summed, *ratios], ignore_index=True)
    for column in ("region", "indicator", "flag", "derivation"):
        indicator_values[column] = indicator_values[column].astype("string")
    indicator_values = (indicator_values[VALUE_COLUMNS]
                        .sort_values(["indicator", "region", "year"], kind="stable").reset_index(drop=True))
    dropped = (pd.concat(dropped, ignore_index=True)[DROPPED_COLUMNS].astype("string")
               .drop_duplicates().sort_values(DROPPED_COLUMNS, kind="stable").reset_index(drop=True))
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
