"""The catalogue of raw inputs: one row per source, cited by indicators and tables and shown in the app."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data import catalogue
from data.catalogue import EUROSTAT_LICENCE, eurostat

GISCO_ATTRIBUTION = "© EuroGeographics for the administrative boundaries"


# Datasets that are not an indicator's; an indicator's dataset is in its catalogue entry (data/catalogue.py).
OTHER_SOURCES = [
    eurostat(
        "sbs",
        "sbs_r_nuts06_r2",
        "Persons employed by NACE Rev.2 division, business economy, 2015",
        "sbs_2015/sbs_r_nuts06_r2_V16110_2015.csv",
        "NUTS 0-2 (2013, recoded to 2024), 2015; sections B-N and S95, no A, K, O-Q, R",
    ),
    {
        "id": "gisco_nuts",
        "dataset_code": "NUTS_RG_20M_2024_4326",
        "title": "GISCO NUTS 2024 boundaries, 1:20 million",
        "publisher": "Eurostat GISCO",
        "attribution": GISCO_ATTRIBUTION,
        "licence": EUROSTAT_LICENCE,
        "url": "https://ec.europa.eu/eurostat/web/gisco/geodata/statistical-units/territorial-units-statistics",
        "file": "nuts2024/NUTS_RG_20M_2024_4326_LEVL_{0,1,2}.geojson",
        "coverage": "NUTS 0-2 (2024): EU, EFTA and candidate countries",
    },
    {
        "id": "nuts_codes",
        "dataset_code": "NUTS 2024",
        "title": "NUTS 2024 codes and the official correspondences 1999-2021 and 2021-2024",
        "publisher": "Eurostat",
        "attribution": "Source: Eurostat (NUTS classification)",
        "licence": EUROSTAT_LICENCE,
        "url": "https://ec.europa.eu/eurostat/web/nuts/history",
        "file": "nuts2024/NUTS2021-NUTS2024.xlsx (nuts2021_to_nuts2024.csv, nuts2024_codes.csv), nuts/nuts_changes.csv, nuts/gisco_NUTS_RG_20M_2021_4326_LEVL_{0,1,2}.geojson (successors of changed regions)",
        "coverage": "EU27, EFTA and candidate countries",
    },
    {
        "id": "ecosystem_weights",
        "dataset_code": "IES_Weights",
        "title": "NACE Rev.2 to the 14 industrial ecosystems, value-added weights (Annual Single Market Report 2021)",
        "publisher": "European Commission / Eurostat",
        "attribution": "Source: European Commission, Annual Single Market Report 2021 (ecosystem weights, Eurostat reproduction)",
        "licence": EUROSTAT_LICENCE,
        "url": "https://github.com/eurostat/Industrial_ecosystems_indicators",
        "file": "classifications/nace_to_ecosystem.csv",
        "coverage": "267 NACE-ecosystem weights",
    },
    {
        "id": "nace",
        "dataset_code": "NACE Rev.2",
        "title": "NACE Rev.2 sections and divisions",
        "publisher": "Eurostat",
        "attribution": "Source: Eurostat (NACE Rev.2)",
        "licence": EUROSTAT_LICENCE,
        "url": "https://ec.europa.eu/eurostat/web/nace",
        "file": "classifications/nace_r2_divisions.csv",
        "coverage": "21 sections, 88 divisions",
    },
]


# Seed documents, transcribed in data/build/transcriptions/ (documents.csv gives the same ids), and the programme
# data the cluster directory reads (data/build/policy.py).
_SEED_EU_2019 = "© European Union, 2019; reuse authorised provided the source is acknowledged (Decision 2011/833/EU)"
OTHER_SOURCES += [
    {
        "id": "seed_eocic_hdf",
        "dataset_code": "EOCIC policy briefing HdF",
        "title": "European Observatory for Clusters and Industrial Change: policy briefing report, Hauts-de-France",
        "publisher": "European Commission (EASME), EOCIC; Publications Office of the European Union, 2019",
        "attribution": "Source: EOCIC policy briefing report, Hauts-de-France (2019)",
        "licence": _SEED_EU_2019,
        "url": "https://doi.org/10.2826/183015",
        "file": "seeds/000_b53e7ccbd40f1f43.txt",
        "coverage": "SWOT (Table 2), the three challenges, the action plan (Table 3)",
    },
    {
        "id": "seed_eocic_cvl",
        "dataset_code": "EOCIC policy briefing CVL",
        "title": "European Observatory for Clusters and Industrial Change: policy briefing report, Centre-Val de Loire",
        "publisher": "European Commission (EASME), EOCIC; Publications Office of the European Union, 2019",
        "attribution": "Source: EOCIC policy briefing report, Centre-Val de Loire (2019)",
        "licence": _SEED_EU_2019,
        "url": "https://doi.org/10.2826/735038",
        "file": "seeds/001_4e2d8e0ead242945.txt",
        "coverage": "SWOT (Table 1), the four challenges, the action plan (Table 2) and cost estimates (4.1.2, 4.2.2)",
    },
    {
        "id": "seed_dggrow_cluster_policy",
        "dataset_code": "DG GROW presentation",
        "title": "European Cluster Policy: Role of clusters in the future of industrial policy (DG GROW presentation)",
        "publisher": "European Commission, DG GROW (unit GROW.F2)",
        "attribution": "Source: European Commission, DG GROW, presentation 'European Cluster Policy: Role of clusters in the future of industrial policy'",
        "licence": "not stated in the document",
        "url": "",
        "file": "seeds/002_2df62b0208406d01.txt",
        "coverage": "recommendations matrix for the 10 pilot regions; INNOSUP-1 beneficiary partners from France",
    },
    {
        "id": "seed_ara_action_plan",
        "dataset_code": "CLUSTERIX 2.0 action plan ARA",
        "title": "Action Plan: CLUSTERIX 2.0 New Models of Innovation for Strategic Cluster Partnerships, Auvergne-Rhône-Alpes Region",
        "publisher": "Auvergne-Rhône-Alpes Regional Council",
        "attribution": "Source: Auvergne-Rhône-Alpes Region, CLUSTERIX 2.0 action plan",
        "licence": "not stated in the document",
        "url": "",
        "file": "seeds/003_75996f80b1a3ed3f.txt",
        "coverage": "4 actions: timeframes, staff days and euros, monitoring indicators; the 22 regional clusters",
    },
    {
        "id": "seed_eccp_factsheet_fr",
        "dataset_code": "ECCP country factsheet FR",
        "title": "European Cluster Collaboration Platform: Country factsheet France",
        "publisher": "European Cluster Collaboration Platform (ECCP)",
        "attribution": "Source: ECCP (2023), Country factsheet France",
        "licence": "not stated in the document",
        "url": "https://clustercollaboration.eu/in-focus/policy-acceleration/country-factsheets-on-cluster-policies-and-programmes",
        "file": "seeds/004_400898d7f859710d.txt",
        "coverage": "state of play of cluster policy (Table 4, Annex Table 6); cluster organisations on the ECCP (2.3)",
    },
    {
        "id": "programmes_poles",
        "dataset_code": "poles.csv",
        "title": "French pôles de compétitivité, phase V (compiled from public pages)",
        "publisher": "compiled from public pages (press, regional and cluster sites)",
        "attribution": "Source: programme data compiled from public pages (source URL per row)",
        "licence": "facts from public pages; see the source URL of each row",
        "url": "",
        "file": "programmes/poles.csv",
        "coverage": "54 rows, region for 46 (incomplete: see programmes/NOTES.md)",
    },
    {
        "id": "programmes_participants",
        "dataset_code": "participants.csv",
        "title": "Participants in EU cluster programmes (compiled from public pages)",
        "publisher": "compiled from public pages (CORDIS, ECCP, project and cluster sites)",
        "attribution": "Source: programme data compiled from public pages (source URL per row)",
        "licence": "facts from public pages; see the source URL of each row",
        "url": "",
        "file": "programmes/participants.csv",
        "coverage": "288 participant rows, far from complete (see programmes/NOTES.md)",
    },
]

# Programme participation (data/build/programmes.py): the projects file, the coverage notes the official totals
# come from, and the project's own place -> NUTS 2 lookup. Participants: "programmes_participants" above.
OTHER_SOURCES += [
    {
        "id": "programmes_projects",
        "dataset_code": "projects.csv",
        "title": "Projects of EU cluster programmes: ESCP-4i, ESCP-S3, ESCP-4x, INNOSUP-1, Euroclusters (compiled from public pages)",
        "publisher": "compiled from public pages (CORDIS, ECCP, project and cluster sites)",
        "attribution": "Source: programme data compiled from public pages (source URL per row)",
        "licence": "facts from public pages; see the source URL of each row",
        "url": "",
        "file": "programmes/projects.csv",
        "coverage": "76 projects, far from complete (see programmes/NOTES.md)",
    },
    {
        "id": "programmes_notes",
        "dataset_code": "NOTES.md",
        "title": "Programme participation dataset: conventions, coverage against the official totals, doubts",
        "publisher": "compiled with the programme data",
        "attribution": "Source: programmes/NOTES.md (coverage table)",
        "licence": "facts from public pages",
        "url": "",
        "file": "programmes/NOTES.md",
        "coverage": "official totals per programme and generation (ECCP, DG GROW, EC reports)",
    },
    {
        "id": "programmes_places",
        "dataset_code": "places.csv",
        "title": "Places named in the participant list placed in NUTS 2 regions (one cited line per place; the codes are the same in NUTS 2021 and 2024)",
        "publisher": "this project (data/build/places.csv), checked against the NUTS 2024 regions",
        "attribution": "NUTS 2 of participants: project lookup data/build/places.csv",
        "licence": "CC BY 4.0 (NUTS names: Eurostat)",
        "url": "",
        "file": "data/build/places.csv (in this repository)",
        "coverage": "38 places; 7 larger than one NUTS 2 region stay unknown at NUTS 2",
    },
]


def all_sources() -> list[dict]:
    """Every source: each catalogued indicator's dataset, then the others."""
    return [item["source"] for item in catalogue.INDICATORS] + OTHER_SOURCES


SOURCES = all_sources()  # for scripts and tests; the build reads the catalogue afresh


def refreshed(raw: Path | None) -> dict[str, dict]:
    """{source id: {retrieved, release, file}} for the sources `python -m data.refresh` fetched into `raw`
    (from its `api/manifest.json`); empty for a raw folder the refresh never touched."""
    path = Path(raw) / "api" / "manifest.json" if raw is not None else None
    if path is None or not path.exists():
        return {}
    out = {}
    for dataset in json.loads(path.read_text(encoding="utf-8"))["datasets"].values():
        for entry in dataset["indicators"].values():
            out[entry["source_id"]] = {
                "retrieved": dataset["retrieved"],
                "release": dataset.get("release"),
                "file": entry["file"],
            }
    return out


def build_sources(raw: Path | None = None) -> pd.DataFrame:
    """The sources table; `retrieved` (YYYY-MM-DD) and `release` (Eurostat's last data update, as stated) are
    known only for datasets fetched by `python -m data.refresh`, missing otherwise."""
    df = pd.DataFrame(all_sources())
    df["retrieved"] = pd.NA
    df["release"] = pd.NA
    for source_id, fetched in refreshed(raw).items():
        row = df["id"] == source_id
        for column, value in fetched.items():
            df.loc[row, column] = value if value is not None else pd.NA
    return df.astype("string").sort_values("id").reset_index(drop=True)
