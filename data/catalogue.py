"""The indicator catalogue: one entry per indicator, the only place its properties are written.

The pipeline (`data/build/indicators.py`) reads each entry's raw file and writes the `indicators` and `sources`
tables from it; the pages take their indicator groups (`group`) and the composite its default members
(`default_composite`) from here. Adding an indicator: CONTRIBUTING.md, "Add an indicator".

An entry holds:

* what the pages show: `id`, `label`, `short_label`, `unit`, `description`, `theme` (one of THEMES),
  `decimals`, `higher_is_better` (False where a lower value is better: unemployment), `benchmark_note` (where
  the country and EU27 values come from, or None);
* how values combine: `additive` (a quantity that adds up over regions, so the pipeline may sum NUTS 2 parts;
  False for a rate), `size_dependent` (it grows with the region: a total, a head count);
* `source`: the dataset it is read from (a row of the `sources` table; `eurostat(...)` for a Eurostat one);
* how to read it: `file` (under the raw folder), `reader` (simple, sdmx, bulk, bulk_share, rci), `filters`
  (column -> value), `nuts_version` of its region codes, optional `options`, `extra_inputs`, `ratio_of_sums`,
  `numerator`/`denominator` (see data/build/indicators.py);
* optional: `composite` (True: a member of the default composite; never implied, not even for an economic
  indicator), `composite_note` (why an economic or innovation indicator is left out, shown on the pages),
  `groups` (page group -> position in it: `economic` and `innovation`, the Region page's headline cards and
  bars; `profile`, the normalised profile, similarity and Compare scatters, rates and per-head values only).
"""

from __future__ import annotations

from i18n import N_

THEMES = ("economy", "innovation", "labour", "competitiveness", "demography")  # in the order pages list them
GROUPS = ("economic", "innovation", "profile")
REQUIRED = (
    "id",
    "label",
    "short_label",
    "unit",
    "description",
    "higher_is_better",
    "theme",
    "decimals",
    "nuts_version",
    "additive",
    "benchmark_note",
    "size_dependent",
    "source",
    "file",
    "reader",
    "filters",
)
OPTIONAL = {"composite": False, "composite_note": None, "groups": {}}
EUROSTAT_LICENCE = "CC BY 4.0 (Commission reuse policy, Decision 2011/833/EU)"


def eurostat(source_id, code, title, file, coverage):
    """A Eurostat dataset as a row of the `sources` table."""
    return {
        "id": source_id,
        "dataset_code": code,
        "title": title,
        "publisher": "Eurostat",
        "attribution": f"Source: Eurostat ({code})",
        "licence": EUROSTAT_LICENCE,
        "url": f"https://ec.europa.eu/eurostat/databrowser/view/{code.lower()}/default/table",
        "file": file,
        "coverage": coverage,
    }


_EXTRACT_2020 = "eurostat_2020_extract/nuts2_tidy_from_rds.csv"
_LFS_NACE = "eurostat_2017/lfst_r_lfe2en2.tsv.gz"
# lfst_r_lfe2en2 (2017 vintage) has no section C on its own: its industry aggregate is B-E.
INDUSTRY_NACE = "B-E"
INDUSTRY_AGE = "Y15-64"

INDICATORS: list[dict] = [
    {
        "id": "gdp_pc_pps",
        "label": N_("GDP per inhabitant in PPS"),
        "short_label": N_("GDP/inh. (PPS)"),
        "unit": N_("PPS per inhabitant"),
        "description": N_(
            "Gross domestic product at current market prices divided by the average population, "
            "in purchasing power standards of the EU27 (2020) so that price levels are comparable."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 0,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": None,
        "size_dependent": False,
        "composite": True,
        "groups": {"economic": 1, "profile": 1},
        "file": "eurostat/eurostat_gdp_pc_pps_nuts2.csv",
        "reader": "simple",
        "filters": {"freq": "A", "unit": "PPS_EU27_2020_HAB"},
        "source": eurostat(
            "gdp_pc_pps",
            "nama_10r_2gdp",
            "GDP per inhabitant in PPS (EU27 2020)",
            "eurostat/eurostat_gdp_pc_pps_nuts2.csv",
            "NUTS 0-2 (2024), 2000-2023",
        ),
    },
    {
        "id": "gdp_pc_pps_rel",
        "label": N_("GDP per inhabitant in PPS, % of the EU27 average"),
        "short_label": N_("GDP/inh. (% EU27)"),
        "unit": N_("% of EU27 average (EU27_2020 = 100)"),
        "description": N_(
            "GDP per inhabitant in purchasing power standards as a percentage of the EU27 (2020) "
            "average of the same year; 75 is the threshold for less developed regions in cohesion policy."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 0,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": None,
        "size_dependent": False,
        "composite_note": N_("the same ranking as GDP per inhabitant in PPS (counted once)"),
        "file": "eurostat/eurostat_gdp_pc_pps_rel_eu_nuts2.csv",
        "reader": "simple",
        "filters": {"freq": "A", "unit": "PPS_HAB_EU27_2020"},
        "source": eurostat(
            "gdp_pc_pps_rel",
            "nama_10r_2gdp",
            "GDP per inhabitant in PPS, % of the EU27 average",
            "eurostat/eurostat_gdp_pc_pps_rel_eu_nuts2.csv",
            "NUTS 0-2 (2024), 2000-2023",
        ),
    },
    {
        "id": "gdp_meur",
        "label": N_("GDP at current market prices"),
        "short_label": N_("GDP (million EUR)"),
        "unit": N_("million EUR"),
        "description": N_(
            "Gross domestic product at current market prices, in million euro: the size of the "
            "regional economy (not adjusted for prices or population)."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 0,
        "nuts_version": "2024",
        "additive": True,
        "benchmark_note": None,
        "size_dependent": True,
        "composite_note": N_("total GDP measures the size of a region, not its performance"),
        "file": "eurostat/eurostat_nama_10r_2gdp.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "unit": "MIO_EUR"},
        "source": eurostat(
            "gdp_meur",
            "nama_10r_2gdp",
            "GDP at current market prices, million EUR",
            "eurostat/eurostat_nama_10r_2gdp.csv",
            "NUTS 0-2 (2024), 2014-2023",
        ),
    },
    {
        "id": "gva_volume",
        "label": N_("Gross value added in volume, index 2015=100"),
        "short_label": N_("GVA volume (2015=100)"),
        "unit": N_("index, 2015 = 100"),
        "description": N_(
            "Gross value added (B1G) in chain-linked volumes, as an index with 2015 = 100: real growth "
            "of output since 2015, net of price changes."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 1,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": None,
        "size_dependent": False,
        "composite_note": N_("an index to 2015 within each region: growth since 2015, not a level to compare"),
        "file": "eurostat/eurostat_nama_10r_2gvagr_gva.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "na_item": "B1G", "unit": "I15"},
        "source": eurostat(
            "gva_volume",
            "nama_10r_2gvagr",
            "Gross value added in volume, index 2015=100",
            "eurostat/eurostat_nama_10r_2gvagr_gva.csv",
            "NUTS 0-2 (2024), 2014-2023",
        ),
    },
    {
        "id": "gdp_volume",
        "label": N_("Real GDP in volume, index 2015=100"),
        "short_label": N_("Real GDP (2015=100)"),
        "unit": N_("index, 2015 = 100"),
        "description": N_(
            "Gross domestic product (B1GQ) in chain-linked volumes, as an index with 2015 = 100: "
            "real economic growth since 2015, net of price changes."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 1,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": None,
        "size_dependent": False,
        "composite_note": N_("an index to 2015 within each region: growth since 2015, not a level to compare"),
        "file": "eurostat/eurostat_gdp_real_nuts2.csv",
        "reader": "simple",
        "filters": {"freq": "A", "na_item": "B1GQ", "unit": "I15"},
        "source": eurostat(
            "gdp_volume",
            "nama_10r_2gvagr",
            "Real GDP in volume, index 2015=100",
            "eurostat/eurostat_gdp_real_nuts2.csv",
            "NUTS 0-2 (2024), 2000-2023",
        ),
    },
    {
        "id": "employment_rate",
        "label": N_("Employment rate, persons aged 15-64"),
        "short_label": N_("Employment rate"),
        "unit": N_("% of population aged 15-64"),
        "description": N_(
            "Employed persons aged 15-64 as a percentage of the population of the same age (EU Labour Force Survey)."
        ),
        "higher_is_better": True,
        "theme": "labour",
        "decimals": 1,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": N_(
            "The committed extract of tgs00007 holds NUTS 2 rows only; Eurostat publishes the country and EU27 rates in tgs00007 (lfst_r_lfe2emprt), which a data refresh (python -m data.refresh) brings in."
        ),
        "size_dependent": False,
        "groups": {"economic": 2, "profile": 2},
        "file": "eurostat/eurostat_tgs00007_employment_rate.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "unit": "PC", "sex": "T", "age": "Y15-64"},
        "source": eurostat(
            "employment_rate",
            "tgs00007",
            "Employment rate, persons aged 15-64",
            "eurostat/eurostat_tgs00007_employment_rate.csv",
            "NUTS 2 (2024), 2013-2024",
        ),
    },
    {
        "id": "unemployment_rate",
        "label": N_("Unemployment rate, persons aged 15-74"),
        "short_label": N_("Unemployment rate"),
        "unit": N_("% of labour force aged 15-74"),
        "description": N_(
            "Unemployed persons aged 15-74 as a percentage of the labour force of the same age, all "
            "education levels (EU Labour Force Survey)."
        ),
        "higher_is_better": False,
        "theme": "labour",
        "decimals": 1,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": N_(
            "The committed extract of tgs00010 holds NUTS 2 rows only; Eurostat publishes the country and EU27 rates in tgs00010 (lfst_r_lfu3rt), which a data refresh (python -m data.refresh) brings in."
        ),
        "size_dependent": False,
        "groups": {"profile": 3},
        "file": "eurostat/eurostat_tgs00010_unemployment_rate.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "isced11": "TOTAL", "sex": "T", "age": "Y15-74", "unit": "PC"},
        "source": eurostat(
            "unemployment_rate",
            "tgs00010",
            "Unemployment rate, persons aged 15-74",
            "eurostat/eurostat_tgs00010_unemployment_rate.csv",
            "NUTS 2 (2024), 2013-2024",
        ),
    },
    {
        "id": "tertiary_attainment",
        "label": N_("Tertiary educational attainment, persons aged 25-64"),
        "short_label": N_("Tertiary education"),
        "unit": N_("% of population aged 25-64"),
        "description": N_(
            "Persons aged 25-64 whose highest completed level of education is tertiary (ISCED 2011 "
            "levels 5-8), as a percentage of the population of the same age (EU Labour Force Survey)."
        ),
        "higher_is_better": True,
        "theme": "labour",
        "decimals": 1,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": N_(
            "Country and EU27 rates come from edat_lfse_04 (2000-2019); for later years Eurostat publishes them in tgs00109, which a data refresh (python -m data.refresh) brings in."
        ),
        "size_dependent": False,
        "groups": {"economic": 3, "profile": 4},
        "file": "eurostat/eurostat_tgs00109_tertiary_education_25_64.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "unit": "PC", "isced11": "ED5-8", "age": "Y25-64", "sex": "T"},
        # Country and EU27 rows of the same measure (tgs00109 is the regional table of edat_lfse_04).
        "extra_inputs": [
            {
                "file": "eurostat_national/tertiary_25_64_nuts0_eu_2000_2019_long.csv",
                "reader": "simple",
                "filters": {},
                "nuts_version": "2021",
                "options": {"time_column": "year", "value_column": "value", "flag_column": "flag"},
            }
        ],
        "source": {
            **eurostat(
                "tertiary",
                "tgs00109",
                "Persons aged 25-64 with tertiary educational attainment "
                "(regions: tgs00109; countries and EU27: edat_lfse_04, 2020 edition)",
                "eurostat/eurostat_tgs00109_tertiary_education_25_64.csv, "
                "eurostat_national/tertiary_25_64_nuts0_eu_2000_2019_long.csv",
                "NUTS 2 (2024), 2013-2024; countries and EU27_2020, 2000-2019",
            ),
            "attribution": "Source: Eurostat (tgs00109, edat_lfse_04)",
        },
    },
    {
        "id": "gerd_pc_gdp",
        "label": N_("R&D expenditure (GERD), % of GDP"),
        "short_label": N_("R&D spending (% GDP)"),
        "unit": N_("% of GDP"),
        "description": N_(
            "Gross domestic expenditure on research and development performed in the region by all "
            "sectors (business, government, higher education, private non-profit), as a percentage "
            "of regional GDP. Some countries report only odd years; confidential values are flagged 'c'."
        ),
        "higher_is_better": True,
        "theme": "innovation",
        "decimals": 2,
        "nuts_version": "2024",
        "additive": False,
        "benchmark_note": N_(
            "The committed extract of tgs00042 holds NUTS 2 rows only; Eurostat publishes the country and EU27 intensity in rd_e_gerdreg, which a data refresh (python -m data.refresh) brings in."
        ),
        "size_dependent": False,
        "composite": True,
        "groups": {"innovation": 1, "profile": 6},
        "file": "eurostat/eurostat_tgs00042_gerd_rd_expenditure.csv",
        "reader": "sdmx",
        "filters": {"freq": "A", "sectperf": "TOTAL", "unit": "PC_GDP"},
        "source": eurostat(
            "gerd",
            "tgs00042",
            "Intramural R&D expenditure (GERD), % of GDP, all sectors",
            "eurostat/eurostat_tgs00042_gerd_rd_expenditure.csv",
            "NUTS 2 (2024), sparse years",
        ),
    },
    {
        "id": "rci",
        "label": N_("Regional Competitiveness Index"),
        "short_label": N_("RCI (z-score)"),
        "unit": N_("z-score (0 = EU average)"),
        "description": N_(
            "Composite index of DG REGIO built from eleven pillars (institutions, infrastructure, "
            "health, education, labour market, market size, innovation, ...), as a z-score around the "
            "EU average of each edition (2010, 2013, 2016, 2019). Capital regions that the RCI merges "
            "with their commuting areas (e.g. AT00, BE00, NL00) are not NUTS regions and are left out."
        ),
        "higher_is_better": True,
        "theme": "competitiveness",
        "decimals": 2,
        "nuts_version": "2016",
        "additive": False,
        "benchmark_note": N_(
            "The RCI is defined for regions only: DG REGIO publishes no country or EU27 score (0 is the EU average of each edition by construction)."
        ),
        "size_dependent": False,
        "groups": {"profile": 8},
        "file": "rci/rci_data_annual.csv",
        "reader": "rci",
        "filters": {},
        "source": {
            "id": "rci",
            "dataset_code": "RCI",
            "title": "EU Regional Competitiveness Index (composite z-scores)",
            "publisher": "European Commission, DG REGIO",
            "attribution": "Source: European Commission, DG REGIO (RCI)",
            "licence": EUROSTAT_LICENCE,
            "url": "https://ec.europa.eu/regional_policy/information-sources/maps/regional-competitiveness_en",
            "file": "rci/rci_data_annual.csv",
            "coverage": "NUTS 2 (2016, recoded to 2024), 2010, 2013, 2016, 2019; capital regions merged with surroundings",
        },
    },
    {
        "id": "industry_share",
        "label": N_("Industry (NACE B-E) share of employment"),
        "short_label": N_("Industry empl. share"),
        "unit": N_("% of employment, aged 15-64"),
        "description": N_(
            "Persons aged 15-64 employed in industry excluding construction (NACE Rev.2 sections B-E: "
            "mining, manufacturing, energy and water supply; manufacturing C is most of it but is not "
            "published separately in this dataset) divided by total employment aged 15-64, in %, "
            "from the Labour Force Survey (thousands, 2017 vintage). Flags of both parts are combined."
        ),
        "higher_is_better": True,
        "theme": "economy",
        "decimals": 1,
        "nuts_version": "2013",
        "additive": False,
        "benchmark_note": N_(
            "Country rows come from lfst_r_lfe2en2 (2017 vintage). Its EU aggregate is the EU28, which is left out; the EU27 value is the ratio of the 27 countries' summed employment, where all are published."
        ),
        "size_dependent": False,
        "composite": True,
        "groups": {"economic": 4, "profile": 5},
        # A share of two counts: a parent without a published share gets the ratio of its parts' summed counts.
        "ratio_of_sums": True,
        "file": _LFS_NACE,
        "reader": "bulk_share",
        "filters": {"unit": "THS", "age": INDUSTRY_AGE},
        "numerator": {"nace_r2": INDUSTRY_NACE},
        "denominator": {"nace_r2": "TOTAL"},
        "source": eurostat(
            "lfs_nace",
            "lfst_r_lfe2en2",
            "Employment by NACE Rev.2 section aggregate, thousands (2017 vintage; industry = B-E, no separate section C)",
            "eurostat_2017/lfst_r_lfe2en2.tsv.gz",
            "NUTS 0-2 (2013, recoded to 2024), 2008-2015",
        ),
    },
    {
        "id": "population",
        "label": N_("Population on 1 January"),
        "short_label": N_("Population"),
        "unit": N_("persons"),
        "description": N_(
            "Number of inhabitants on 1 January, all ages, both sexes (Eurostat extract of "
            "December 2020, NUTS 2016 regions)."
        ),
        "higher_is_better": True,
        "theme": "demography",
        "decimals": 0,
        "nuts_version": "2016",
        "additive": True,
        "benchmark_note": None,
        "size_dependent": True,
        "file": _EXTRACT_2020,
        "reader": "simple",
        "filters": {"input_var_code": "tgs00096", "unit": "NR", "sex": "T", "age": "TOTAL"},
        "options": {"value_column": "values"},
        "source": eurostat(
            "population",
            "tgs00096",
            "Population on 1 January (extract of December 2020)",
            "eurostat_2020_extract/nuts2_tidy_from_rds.csv",
            "NUTS 2 (2016, recoded to 2024), 2008-2019",
        ),
    },
    {
        "id": "patents_per_million",
        "label": N_("Patent applications to the EPO per million inhabitants"),
        "short_label": N_("EPO patents / million inh."),
        "unit": N_("applications per million inhabitants"),
        "description": N_(
            "Patent applications to the European Patent Office by priority year and inventor's region, "
            "per million inhabitants (Eurostat extract of December 2020). The region codes of this "
            "series are NUTS 2010/2013 (e.g. FR30, PL11, SI01), read as NUTS 2013."
        ),
        "higher_is_better": True,
        "theme": "innovation",
        "decimals": 1,
        "nuts_version": "2013",
        "additive": False,
        "benchmark_note": N_(
            "The December 2020 extract holds NUTS 2 rows only; country and EU27 values are in Eurostat pat_ep_rtot (discontinued after 2012 data)."
        ),
        "size_dependent": False,
        "composite": True,
        "groups": {"innovation": 3, "profile": 7},
        "file": _EXTRACT_2020,
        "reader": "simple",
        "filters": {"input_var_code": "tgs00040", "unit": "P_MHAB"},
        "options": {"value_column": "values"},
        "source": eurostat(
            "patents",
            "tgs00040",
            "Patent applications to the EPO per million inhabitants (extract of December 2020)",
            "eurostat_2020_extract/nuts2_tidy_from_rds.csv",
            "NUTS 2 (2010/2013 codes, read as 2013 and recoded to 2024), 2001-2012",
        ),
    },
    {
        "id": "rd_personnel_fte",
        "label": N_("R&D personnel, full-time equivalent"),
        "short_label": N_("R&D personnel (FTE)"),
        "unit": N_("full-time equivalent"),
        "description": N_(
            "R&D personnel and researchers in all sectors of performance, in full-time equivalents "
            "(small extract, 2009 and 2018). The region codes are assumed to be NUTS 2016; older codes "
            "used for 2009 (e.g. FR21, PL12) are therefore left out."
        ),
        "higher_is_better": True,
        "theme": "innovation",
        "decimals": 0,
        "nuts_version": "2016",
        "additive": True,
        "benchmark_note": None,
        "size_dependent": True,
        "composite_note": N_("a head count: measures the size of a region, not its intensity"),
        "groups": {"innovation": 2},
        "file": "rd_personnel/regional_rd_personnel.csv",
        "reader": "simple",
        "filters": {"prof_pos": "TOTAL", "sex": "T", "sectperf": "TOTAL", "unit": "FTE"},
        "options": {"value_column": "values"},
        "source": eurostat(
            "rd_personnel",
            "rd_p_persreg",
            "R&D personnel, full-time equivalent, all sectors (extract)",
            "rd_personnel/regional_rd_personnel.csv",
            "NUTS 0-2 (2016, recoded to 2024), 2009 and 2018",
        ),
    },
]


def check(entries: list[dict] = INDICATORS) -> None:
    """Raise ValueError naming the entry and the key for an incomplete or inconsistent catalogue."""
    ids = [entry.get("id") for entry in entries]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicated indicator ids in the catalogue: {ids}")
    for entry in entries:
        missing = [key for key in REQUIRED if key not in entry]
        if missing:
            raise ValueError(f"indicator {entry.get('id')}: missing {missing}")
        unknown = set(entry.get("groups", {})) - set(GROUPS)
        if entry["theme"] not in THEMES or unknown:
            raise ValueError(
                f"indicator {entry['id']}: theme {entry['theme']!r} not in {THEMES} or groups "
                f"{sorted(unknown)} not in {GROUPS}"
            )
        if entry.get("composite") and entry.get("composite_note"):
            raise ValueError(f"indicator {entry['id']}: a default composite member needs no composite_note")


def entry(indicator_id: str, entries: list[dict] | None = None) -> dict | None:
    """The catalogue entry of one indicator, optional keys filled in (None when not catalogued)."""
    for item in INDICATORS if entries is None else entries:
        if item["id"] == indicator_id:
            return {
                **OPTIONAL,
                **item,
                "source_id": item["source"]["id"],
                "dataset_code": item["source"]["dataset_code"],
            }
    return None


def group(name: str, entries: list[dict] | None = None) -> tuple[str, ...]:
    """The ids of a page group, in the order the group's positions give."""
    if name not in GROUPS:
        raise ValueError(f"unknown group {name!r}; use one of {GROUPS}")
    items = INDICATORS if entries is None else entries
    members = [(item["groups"][name], item["id"]) for item in items if name in item.get("groups", {})]
    return tuple(i for _, i in sorted(members))


def size_dependent(entries: list[dict] | None = None) -> tuple[str, ...]:
    return tuple(item["id"] for item in (INDICATORS if entries is None else entries) if item["size_dependent"])


def default_composite(indicator_ids, entries: list[dict] | None = None) -> list[str]:
    """Of `indicator_ids` (in their order), the default composite's members: those the catalogue marks
    `composite: True`. An uncatalogued or unmarked indicator (a size-dependent one above all) is not one."""
    marked = {item["id"] for item in (INDICATORS if entries is None else entries) if item.get("composite") is True}
    return [i for i in indicator_ids if i in marked]


def composite_notes(entries: list[dict] | None = None) -> dict[str, str]:
    """indicator id -> why it is left out of the default composite, in catalogue order."""
    return {
        item["id"]: item["composite_note"]
        for item in (INDICATORS if entries is None else entries)
        if item.get("composite_note")
    }
