"""What `python -m data.refresh` asks Eurostat for: one request per dataset, and the indicators each one feeds.

Each entry of `DATASETS`:
* `code`: the Eurostat dataflow (SDMX 3.0 `.../data/dataflow/ESTAT/<code>/1.0`);
* `request`: dimension filters sent as `c[<dimension>]=<code>,<code>` (the geo filter is added by the refresh:
  NUTS 0, 1 and 2 codes of NUTS 2021 and 2024, plus EU27_2020);
* `indicators`: {indicator id: how the build reads it from the refreshed file}: `filters` for
  `data.build.eurostat.read_sdmx_csv` (one series), or `numerator`/`denominator` filters for a share.

The refreshed file is SDMX-CSV 2.0 with labels, the format of the files in `../shared/data/eurostat/`.
The region codes of the current releases are NUTS 2024 (older years keep the codes they were published with).

`NOT_REFRESHED` says which sources cannot be refreshed and why (also in the README).
"""

from __future__ import annotations

# The NUTS version of the codes Eurostat publishes now; the build reads refreshed series as this version.
NUTS_VERSION = "2024"

DATASETS: list[dict] = [
    {
        "code": "nama_10r_2gdp",
        "request": {"freq": "A", "unit": ["MIO_EUR", "PPS_EU27_2020_HAB", "PPS_HAB_EU27_2020"]},
        "indicators": {
            "gdp_meur": {"filters": {"freq": "A", "unit": "MIO_EUR"}},
            "gdp_pc_pps": {"filters": {"freq": "A", "unit": "PPS_EU27_2020_HAB"}},
            "gdp_pc_pps_rel": {"filters": {"freq": "A", "unit": "PPS_HAB_EU27_2020"}},
        },
    },
    {
        "code": "nama_10r_2gvagr",
        "request": {"freq": "A", "na_item": ["B1G", "B1GQ"], "unit": "I15"},
        "indicators": {
            "gva_volume": {"filters": {"freq": "A", "na_item": "B1G", "unit": "I15"}},
            "gdp_volume": {"filters": {"freq": "A", "na_item": "B1GQ", "unit": "I15"}},
        },
    },
    {
        "code": "tgs00007",
        "request": {"freq": "A", "unit": "PC", "sex": "T", "age": "Y15-64"},
        "indicators": {"employment_rate": {"filters": {"freq": "A", "unit": "PC", "sex": "T", "age": "Y15-64"}}},
    },
    {
        "code": "tgs00010",
        "request": {"freq": "A", "isced11": "TOTAL", "sex": "T", "age": "Y15-74", "unit": "PC"},
        "indicators": {
            "unemployment_rate": {
                "filters": {"freq": "A", "isced11": "TOTAL", "sex": "T", "age": "Y15-74", "unit": "PC"}
            }
        },
    },
    {
        "code": "tgs00109",
        "request": {"freq": "A", "unit": "PC", "isced11": "ED5-8", "age": "Y25-64", "sex": "T"},
        "indicators": {
            "tertiary_attainment": {
                "filters": {"freq": "A", "unit": "PC", "isced11": "ED5-8", "age": "Y25-64", "sex": "T"}
            }
        },
    },
    {
        "code": "tgs00042",
        "request": {"freq": "A", "sectperf": "TOTAL", "unit": "PC_GDP"},
        "indicators": {"gerd_pc_gdp": {"filters": {"freq": "A", "sectperf": "TOTAL", "unit": "PC_GDP"}}},
    },
    {
        # The current release of the population series the 2020 extract holds (same dataset, same meaning).
        "code": "tgs00096",
        "request": {"freq": "A", "unit": "NR", "sex": "T", "age": "TOTAL"},
        "indicators": {"population": {"filters": {"freq": "A", "unit": "NR", "sex": "T", "age": "TOTAL"}}},
    },
    {
        # The current release of the R&D personnel dataset the small extract was taken from.
        "code": "rd_p_persreg",
        "request": {"freq": "A", "prof_pos": "TOTAL", "sex": "T", "sectperf": "TOTAL", "unit": "FTE"},
        "indicators": {
            "rd_personnel_fte": {
                "filters": {"freq": "A", "prof_pos": "TOTAL", "sex": "T", "sectperf": "TOTAL", "unit": "FTE"}
            }
        },
    },
    {
        # Same dataset as the 2017 bulk file: industry (B-E) over total employment, aged 15-64, thousands.
        # Eurostat's LFS datasets may now call the unit THS_PER; if so the refresh reports the changed code.
        "code": "lfst_r_lfe2en2",
        "request": {"freq": "A", "unit": "THS", "age": "Y15-64", "sex": "T", "nace_r2": ["B-E", "TOTAL"]},
        "indicators": {
            "industry_share": {
                "filters": {"freq": "A", "unit": "THS", "age": "Y15-64", "sex": "T"},
                "numerator": {"nace_r2": "B-E"},
                "denominator": {"nace_r2": "TOTAL"},
            }
        },
    },
]

NOT_REFRESHED: dict[str, str] = {
    "patents_per_million": "tgs00040 (EPO patent applications per million inhabitants): Eurostat no longer "
    "updates its regional patent statistics; there is no current dataset with the same "
    "meaning, so the 2020 extract (priority years up to 2012) stays.",
    "rci": "The Regional Competitiveness Index is published by DG REGIO as editions (2010-2019 here), "
    "not as a Eurostat dataset; a new edition has to be added by hand.",
    "sbs": "sbs_r_nuts06_r2 (2015, persons employed by NACE division): its successor (sbs_r_nuts2021) has "
    "another structure (NACE aggregates, NUTS 2021 breakdowns, new confidentiality rules); the "
    "2015 file stays until a reader for it is written.",
}


def dataset_for(indicator_id: str) -> dict | None:
    """The refresh entry feeding `indicator_id`, or None when it is not refreshed."""
    return next((d for d in DATASETS if indicator_id in d["indicators"]), None)
