"""Ecosystems page callbacks: thin wiring between the controls, data.specialisation and the figure builders.

Heavy results (figures, tables) are memoized on primitive arguments and returned as plain data; the callbacks
wrap them in components.
"""
from __future__ import annotations

import dash
import numpy as np
import pandas as pd
from dash import Input, Output, State, ctx, dcc, html, no_update

import caching
from components import theme
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, data_table, ids, with_csv
from components.figures import ecosystems as figures
from data import chart_data, specialisation as spec
from components.figures.maps import boundaries_url
from data.quality import WARNING, ecosystem_warnings, flagged_sector_cells, short_detail
from data.store import current_tables
from data.tables_export import safe_csv
from pages.ecosystems import (AGG, AGG_CSV, AGG_CSV_BUTTON, AGG_SOURCE, AGG_SUMMARY, AGG_TABLE, BASIS, CAVEATS,
                              COUNTRY, ECO_INFO, ECO_PROJECTS, ECO_PROMPT, ECO_SECTION, ECOSYSTEM, HEATMAP_CARD, LEVEL, LQ,
                              MAP_CARD, NAV, RANKING_CARD, REGIONS, SCOPE, SET_SUMMARY, SHARE, SHARES_CARD,
                              URL)
from state.ecosystems import DEFAULTS, MAX_REGIONS, clean_lq, clean_share, ecosystems_search

SHARES, HEATMAP, MAP, RANKING = ids(SHARES_CARD), ids(HEATMAP_CARD), ids(MAP_CARD), ids(RANKING_CARD)
YEAR = 2015
LEVEL_NAMES = {0: "EU27 countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}
BASIS_LABELS = {spec.BASIS_ECOSYSTEMS: "employment in the 14 ecosystems",
                spec.BASIS_BUSINESS: "business-economy employment"}
GEO_CREDIT = "© EuroGeographics for the administrative boundaries"
NOT_COVERED = ("Business economy only: SBS covers NACE sections B to N except K, plus division S95. Agriculture "
               "(A), finance (K), public administration, education, health and social work (O to Q), arts (R) "
               "and most of S are not in the data, so Agri-food, Health, Proximity & Social economy, Tourism and "
               "Cultural & Creative count only their business-economy part.")


# --- Plain helpers --------------------------------------------------------------------------------------------

def _level(value) -> int:
    try:
        level = int(value)
    except (TypeError, ValueError):
        return DEFAULTS["level"]
    return level if level in (0, 1, 2) else DEFAULTS["level"]


class _Lookups:
    """Sets and names read once per loaded Tables (Arrow string columns are slow to iterate on every call)."""

    def __init__(self, tables):
        regions = tables.regions
        self.names = dict(zip(regions["code"].tolist(), regions["name"].tolist()))
        self.eco_names = dict(zip(tables.ecosystems["ecosystem_id"].tolist(), tables.ecosystems["name"].tolist()))
        self.with_data = set(tables.ecosystem_employment["region"].unique().tolist())
        self.sets = {}


def lookups(tables) -> _Lookups:
    return tables.memo("ecosystems.lookups", lambda: _Lookups(tables))


def _country(tables, value) -> str:
    return value if isinstance(value, str) and value in lookups(tables).with_data else DEFAULTS["country"]


def _custom(regions) -> list[str]:
    if isinstance(regions, str):
        regions = regions.split(",")
    if not regions or not isinstance(regions, (list, tuple)):
        return []
    known = lookups(current_tables()).names
    return [r for r in dict.fromkeys(regions) if isinstance(r, str) and r in known][:MAX_REGIONS]


def region_codes(tables, country: str, level: int, regions) -> list[str]:
    """The region set: the custom regions when given, else the country's regions at `level`."""
    custom = _custom(regions)
    if custom:
        return custom
    sets = lookups(tables).sets
    if (country, level) not in sets:
        sets[(country, level)] = spec.region_set(tables.regions, country, level)
    return list(sets[(country, level)])


def set_label(tables, country: str, level: int, regions) -> str:
    custom = _custom(regions)
    if custom:
        return f"your region set ({len(custom)} regions)"
    if level == 0:
        return "the EU27 countries"
    return f"{LEVEL_NAMES[level]} of {_name(tables, country)}"


def _name(tables, code: str) -> str:
    return lookups(tables).names.get(code, code)


def _names(tables) -> dict:
    return lookups(tables).names


def _eco_names(tables) -> dict:
    return lookups(tables).eco_names


def _source(*source_ids) -> str:
    return spec.sources_line(current_tables().sources, source_ids)


def _frame(records) -> pd.DataFrame:
    """Records as an object-dtype frame for data_table (fast to iterate, unlike Arrow strings)."""
    return pd.DataFrame(records, dtype=object)


def short_nace_label(label: str) -> str:
    """A NACE label short enough for a table cell: the part before ';', 'Manufacture of' as 'Manuf. of'."""
    return str(label).split(";")[0].strip().replace("Manufacture of ", "Manuf. of ")


def _pct(value) -> str:
    return theme.format_value(value * 100 if value == value else value, 1, "%")


# --- Memoized builders (primitive arguments, plain results) ---------------------------------------------------

@caching.memoize
def shares_result(country: str, basis: str) -> dict:
    tables = current_tables()
    df = spec.country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, country, basis)
    df = df.assign(name=df["ecosystem_id"].map(_eco_names(tables)))
    fig = figures.share_bars(df, _name(tables, country), BASIS_LABELS[basis], YEAR)
    with_csv(fig, chart_data.spec("ecosystem_shares", country=country, basis=basis))
    table = pd.DataFrame({
        "name": df["name"], "employment": [theme.format_value(v, 0) for v in df["employment"]],
        "share": [_pct(v) for v in df["share"]], "eu_share": [_pct(v) for v in df["eu_share"]],
        "ratio": [theme.format_value(v, 2) for v in df["ratio"]],
        "complete": ["yes" if c else "no: lower bound" for c in df["complete"]],
    })
    return {"figure": fig.to_plotly_json(), "table": table.to_dict("records"), "title": fig.layout.title.text,
            "incomplete": int((~df["complete"]).sum())}


@caching.memoize
def heatmap_result(codes: str, label: str, lq_min: float, share_min: float, highlight: str) -> dict:
    tables = current_tables()
    region_list = codes.split(",") if codes else []
    eco = tables.ecosystem_employment
    ids_ = sorted(tables.ecosystems["ecosystem_id"])
    eco_names = _eco_names(tables)
    lq = spec.lq_matrix(eco, region_list, "lq", ids_)
    share = spec.lq_matrix(eco, region_list, "share", ids_)
    complete = spec.lq_matrix(eco, region_list, "complete", ids_)
    agg = spec.is_agglomeration(lq, share, lq_min, share_min)  # elementwise on the two matrices
    names = _names(tables)
    title = f"Location quotients by ecosystem, {label}, {YEAR}"
    warnings = ecosystem_warnings(flagged_sector_cells(tables.table("data_quality"), region_list), tables.ecosystems)
    fig = figures.lq_heatmap(lq, [names.get(c, c) for c in region_list], [eco_names[i] for i in ids_], agg, complete,
                             title, highlight or None, warnings=warnings)
    with_csv(fig, chart_data.spec("ecosystem_lq", regions=region_list, year=YEAR))
    values = lq.to_numpy(dtype="float64")
    lower = complete.to_numpy(dtype=object) == False  # noqa: E712 (NaN = no data, not incomplete)
    relevant = agg.to_numpy(dtype=bool)
    cells = [[theme.format_value(v, 2) + (" *" if low and v == v else "") + (" ●" if rel else "")
              + (f" {WARNING}" if (code, i) in warnings and v == v else "")
              for i, v, low, rel in zip(ids_, vrow, lrow, arow)]
             for code, vrow, lrow, arow in zip(region_list, values, lower, relevant)]
    summed = summed_regions(tables)
    rows = [{"code": code, "name": names.get(code, code) + (" (Σ)" if code in summed else ""), **dict(zip(ids_, row))}
            for code, row in zip(region_list, cells)]
    in_data = set(eco["region"])
    no_value = np.isnan(values).all(axis=1) if values.size else np.zeros(len(region_list), bool)
    return {
        "figure": fig.to_plotly_json(), "height": int(fig.layout.height), "title": title, "table": rows,
        "columns": {"code": "Code", "name": "Region", **{i: figures.short_name(eco_names[i]) for i in ids_}},
        "absent": [c for c in region_list if c not in in_data],
        "summed": [c for c in region_list if c in summed],
        "all_missing": [c for c, empty in zip(region_list, no_value) if empty and c in in_data],
        "incomplete": int((lower & ~np.isnan(values)).sum()), "cells": int((~np.isnan(values)).sum()),
        "warned": len(warnings),
    }


@caching.memoize
def agglomeration_result(codes: str, kind: str, lq_min: float, share_min: float) -> dict:
    tables = current_tables()
    region_list = codes.split(",") if codes else []
    if kind == "nace":
        table = spec.nace_agglomeration_table(tables.sector_employment, region_list, lq_min, share_min)
        labels = {c: short_nace_label(lab) for c, lab in zip(tables.nace["code"], tables.nace["label"])}
        label = lambda code: f"{code} {labels.get(code, '')}".strip()  # noqa: E731
        universe = int(tables.sector_employment.loc[tables.sector_employment["nace_level"] == "division",
                                                    "nace"].nunique())
    else:
        table = spec.ecosystem_agglomeration_table(tables.ecosystem_employment, region_list, lq_min, share_min)
        eco_names = _eco_names(tables)
        label = lambda code: eco_names.get(code, code)  # noqa: E731
        universe = len(eco_names)
    names = _names(tables)
    flagged = flagged_sector_cells(tables.table("data_quality"), region_list)
    warnings = ({k: short_detail(d) for k, d in flagged.items()} if kind == "nace"
                else ecosystem_warnings(flagged, tables.ecosystems))
    records = []
    for row in table.itertuples(index=False):
        record = {"code": row.region, "name": names.get(row.region, row.region),
                  "count": None if row.count != row.count else int(row.count),
                  "missing": None if row.missing != row.missing else int(row.missing),
                  "incomplete": None if row.incomplete != row.incomplete else int(row.incomplete)}
        notes = []
        for n in range(1, spec.TOP + 1):
            code, value = getattr(row, f"top_{n}"), getattr(row, f"lq_{n}")
            warning = None if pd.isna(code) else warnings.get((row.region, code))
            record[f"top_{n}"] = "" if pd.isna(code) else f"{label(code)} ({value:.2f})" + (
                f" {WARNING}" if warning else "")
            record[f"code_{n}"] = "" if pd.isna(code) else str(code)
            record[f"lq_{n}"] = None if value != value else round(float(value), 4)
            if warning:
                notes.append(f"{code if kind == 'nace' else label(code)}: {warning}")
        record["flagged"] = "; ".join(notes)
        records.append(record)
    return {"records": records, "universe": universe}


@caching.memoize
def map_result(ecosystem: str, level: int, lq_min: float, share_min: float) -> dict:
    tables = current_tables()
    name = _eco_names(tables)[ecosystem]
    df = spec.ecosystem_values(tables.ecosystem_employment, tables.regions, ecosystem, level)
    geo_codes = tables.memo(("ecosystems.geo_codes", level),
                            lambda: frozenset(f["id"] for f in tables.geometries[level]["features"]))
    df = df[df["code"].isin(geo_codes)]
    specialised = spec.regions_specialised_in(tables.ecosystem_employment, ecosystem, lq_min, share_min)
    chosen = set(specialised)
    title = f"LQ in {name}, {LEVEL_NAMES[level]}, {YEAR}"
    fig = figures.lq_map(df, boundaries_url(level, tables.version), title, specialised)
    with_csv(fig, chart_data.spec("ecosystem_lq", level=level, eu_only=True, ecosystems=[ecosystem], year=YEAR))
    table = pd.DataFrame({
        "code": df["code"], "name": df["name"], "lq": [theme.format_value(v, 2) for v in df["value"]],
        "share": [_pct(v) for v in df["share"]],
        "specialised": ["yes" if c in chosen else "" for c in df["code"]],
    })
    return {"figure": fig.to_plotly_json(), "title": title, "table": table.to_dict("records")}


@caching.memoize
def ranking_result(ecosystem: str, level: int, lq_min: float, share_min: float, codes: str,
                   country: str) -> dict:
    tables = current_tables()
    name = _eco_names(tables)[ecosystem]
    within = codes.split(",") if codes else None
    # Across the EU: the regions of the map's level; within the set: its own regions (a custom set may mix levels).
    df = spec.ecosystem_ranking(tables.ecosystem_employment, tables.regions, ecosystem,
                                level if within is None else None, lq_min, share_min, within)
    where = "across the EU" if within is None else "in the regions shown"
    title = f"Specialised in {name} {where}: LQ > {lq_min:g}, share ≥ {share_min * 100:g} %"
    fig = figures.ranking_bars(df, f"Specialised in {name}", lq_min, country,
                               subtitle=f"{where}: LQ > {lq_min:g}, share ≥ {share_min * 100:g} %")
    if len(df):
        with_csv(fig, chart_data.spec("ecosystem_lq", regions=list(df["code"]), ecosystems=[ecosystem], year=YEAR))
    table = pd.DataFrame({
        "rank": df["rank"], "code": df["code"], "name": df["name"], "lq": [f"{v:.2f}" for v in df["value"]],
        "share": [_pct(v) for v in df["share"]],
        "complete": ["yes" if c else "no: lower bound" for c in df["complete"].fillna(True)],
    })
    return {"figure": fig.to_plotly_json(), "height": int(fig.layout.height), "title": title,
            "table": table.to_dict("records"), "count": len(df)}


# --- Pieces of the page ---------------------------------------------------------------------------------------

def summed_regions(tables) -> frozenset:
    """Regions whose sector employment the pipeline summed from NUTS 2 parts (`derivation` set)."""
    sectors = tables.sector_employment
    return tables.memo(("ecosystems.summed",), lambda: frozenset(sectors.loc[sectors["derivation"].notna(), "region"]))


def caveats(tables, result: dict, label: str, eco_incomplete: int) -> list:
    items = [html.Li([html.Strong("2015 data. "), "Eurostat structural business statistics, persons employed "
                      "(sbs_r_nuts06_r2); ecosystems estimated with the value-added weights of the Annual Single "
                      "Market Report 2021."]),
             html.Li(NOT_COVERED)]
    names = _names(tables)
    if result["absent"]:
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["absent"][:12])
        more = len(result["absent"]) - 12
        items.append(html.Li([f"No data for {len(result['absent'])} of the {label.replace('your ', '')}: ", shown,
                              f" and {more} more" if more > 0 else "", ". The source uses NUTS 2013 codes; a region "
                              "whose territory changed since could not be recoded and, when one of its NUTS 2 parts "
                              "is missing too, cannot be summed (e.g. LT01/LT02, IE04-06, HU11/12, PL9x, NL35/NL36, "
                              "PT19, PT1A-PT1D)."]))
    if result.get("summed"):
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["summed"][:12])
        more = len(result["summed"]) - 12
        items.append(html.Li([html.Strong("Sums of parts (Σ): "), shown, f" and {more} more" if more > 0 else "",
                              ". The source has no row for these regions under their NUTS 2024 codes (it publishes "
                              "NUTS 2013 codes), so their persons employed are the sums of their NUTS 2 regions, "
                              "made only where every part has a value."]))
    if result["all_missing"]:
        items.append(html.Li(f"Every cell is suppressed (confidential) for: "
                             f"{', '.join(names.get(c, c) + ' (' + c + ')' for c in result['all_missing'])}."))
    if result["incomplete"]:
        items.append(html.Li(f"Suppressed cells stay missing, never 0: {result['incomplete']} of the "
                             f"{result['cells']} region x ecosystem estimates in the heatmap are lower bounds "
                             "(a weighted NACE cell is confidential), marked * in the data table."))
    if eco_incomplete:
        items.append(html.Li(f"The country's estimate is a lower bound for {eco_incomplete} of the 14 ecosystems "
                             "(marked * in the share chart)."))
    items.append(html.Li("EU27 = the sum of the 27 countries' rows; where a country's cell is confidential the EU "
                         "reference is a lower bound and LQs in that activity lean upwards (e.g. C19, C21)."))
    return [html.Strong("Coverage of these figures"), html.Ul(items, className="mb-0 ps-3")]


def agglomeration_markdown(records: list[dict], kind: str):
    df = _frame(records)
    if df.empty:
        return data_table(df)
    df["count"] = [theme.MISSING_TEXT if c is None or c != c else str(int(c)) for c in df["count"]]
    df["missing"] = ["" if m is None or m != m else str(int(m)) for m in df["missing"]]
    df["incomplete"] = ["" if m is None or m != m else str(int(m)) for m in df["incomplete"]]
    df["region"] = [f"{c}: {n}" for c, n in zip(df["code"], df["name"])]
    columns = {"region": "Region", "count": "# of aggl.", "missing": "Suppressed cells"}
    if kind != "nace":
        columns = {"region": "Region", "count": "# of aggl.", "missing": "Ecosystems without value",
                   "incomplete": "Lower-bound estimates"}
    columns.update({f"top_{n}": f"Agglomeration {n}" for n in range(1, spec.TOP + 1)})
    if "flagged" in df.columns and df["flagged"].astype(bool).any():
        columns["flagged"] = f"{WARNING} Data quality"
    return data_table(df, columns)


def ecosystem_info(tables, ecosystem: str) -> list:
    row = tables.ecosystems.set_index("ecosystem_id").loc[ecosystem]
    parts = [html.Strong(f"{row['name']}: "), f"NACE codes weighted: {row['nace_codes'].replace(',', ', ')}."]
    if pd.notna(row["not_covered"]):
        parts.append(html.Span(f" Not in the data (outside the business economy): "
                               f"{row['not_covered'].replace(',', ', ')}, so the estimate covers only part of the "
                               "ecosystem.", className="text-warning-emphasis"))
    if pd.notna(row["note"]):
        parts.append(html.Div(f"Note: {row['note']}", className="mt-1"))
    return parts


@caching.memoize
def projects_result(ecosystem: str, country: str) -> dict | None:
    """Programme projects tagged with the ecosystem and the cluster organisations taking part (plain records);
    None when the programme tables are not part of the data."""
    tables = current_tables()
    frames = tables.frames
    if "projects" not in frames or "participations" not in frames or \
            "ecosystem_ids" not in frames["projects"].columns:
        return None
    projects = spec.projects_in_ecosystem(frames["projects"], ecosystem)
    participations = frames["participations"]
    here = participations[participations["country"] == country].groupby("project").size()
    names = _eco_names(tables)
    project_rows = [{
        "programme": r.programme, "acronym": r.acronym,
        "ecosystems": ", ".join(figures.short_name(names.get(i, i)) for i in str(r.ecosystem_ids).split(";")),
        "participants": int(r.n_participants), "in_country": int(here.get(r.project, 0)),
    } for r in projects.itertuples()]
    clusters = spec.cluster_organisations_in(participations, projects["project"])
    region_names = _names(tables)
    cluster_rows = [{
        "organisation": r.organisation, "country": "" if pd.isna(r.country) else r.country,
        "region": "" if pd.isna(r.region) else f"{region_names.get(r.region, r.region)} ({r.region})",
        "projects": int(r.projects),
    } for r in clusters.itertuples()]
    return {"projects": project_rows, "clusters": cluster_rows, "total_projects": int(len(frames["projects"])),
            "untagged": int(frames["projects"]["ecosystem_ids"].isna().sum())}


def projects_section(tables, ecosystem: str, country: str) -> list:
    name = _eco_names(tables)[ecosystem]
    result = projects_result(ecosystem, country)
    heading = html.H3(f"Programme projects and cluster organisations in {name}", className="h6")
    if result is None:
        return [heading, html.P("Cluster organisations and programme projects will be listed here once the programme "
                                "tables are part of the data.", className="text-body-secondary mb-0")]
    country_name = _name(tables, country)
    return [
        heading,
        html.P([f"{len(result['projects'])} of the {result['total_projects']} EU cluster-programme projects in the "
                f"data are tagged with this ecosystem ({result['untagged']} have no ecosystem recorded). The "
                "programme data is far from complete (see ",
                html.A("Programmes", href=dash.get_relative_path("/programmes")), " for its coverage)."],
               className="mb-1"),
        data_table(_frame(result["projects"]), {
            "programme": "Programme", "acronym": "Project", "ecosystems": "Ecosystems",
            "participants": "Participants in the data", "in_country": f"from {country_name}"}),
        html.P(f"Cluster organisations taking part in these projects ({len(result['clusters'])}):",
               className="mt-2 mb-1"),
        data_table(_frame(result["clusters"]), {"organisation": "Cluster organisation", "country": "Country",
                                                      "region": "Region", "projects": "Projects"}),
        html.P(_source("programmes_projects", "programmes_participants"),
               className="source-line text-body-secondary mb-0 mt-1"),
    ]


def agg_frame(records: list[dict], kind: str) -> pd.DataFrame:
    """The agglomeration table as a flat CSV frame (codes and LQs in their own columns)."""
    df = pd.DataFrame(records)
    if df.empty:
        return df
    cols = ["code", "name", "count", "missing", "incomplete"] + [c for n in range(1, spec.TOP + 1)
                                                                 for c in (f"code_{n}", f"lq_{n}")] + ["flagged"]
    return df[cols].rename(columns={"code": "region", "count": "agglomerations", "missing": "without_value",
                                    "incomplete": "lower_bound_estimates",
                                    **{f"code_{n}": f"{'nace' if kind == 'nace' else 'ecosystem'}_{n}"
                                       for n in range(1, spec.TOP + 1)}})


# --- Callbacks ------------------------------------------------------------------------------------------------

# --- Whole callback answers, memoized as plain data: a warm call is one cache read ---------------------------------

@caching.memoize
def shares_outputs(country: str, basis: str) -> list:
    tables = current_tables()
    result = shares_result(country, basis)
    table = data_table(_frame(result["table"]), {
        "name": "Ecosystem", "employment": "Persons employed", "share": f"Share, {_name(tables, country)}",
        "eu_share": "Share, EU27", "ratio": "Share ratio", "complete": "Complete estimate"})
    return caching.plain([result["figure"], table, _source("sbs", "ecosystem_weights"), result["title"]])


@caching.memoize
def heatmap_outputs(country: str, codes: str, label: str, lq_min: float, share_min: float, eco: str,
                    custom: bool) -> list:
    tables = current_tables()
    result = heatmap_result(codes, label, lq_min, share_min, eco)
    shares = shares_result(country, DEFAULTS["basis"])
    table = html.Div([
        html.P("* estimate incomplete (a lower bound); ● regionally relevant agglomeration at the thresholds "
               f"chosen; {WARNING} the estimate uses a NACE cell flagged by a plausibility check (see Data & "
               "methods); 'no data' = not in the source or suppressed.", className="small mb-1"),
        data_table(_frame(result["table"]), result["columns"]),
    ])
    n = len(codes.split(",")) if codes else 0
    summary = (f"Heatmap and agglomeration tables: {label}, {n} regions"
               + (f", {len(result['absent'])} without data." if result["absent"] else "."))
    return caching.plain([result["figure"], {"height": f"{result['height']}px"}, table,
                          _source("sbs", "ecosystem_weights"), result["title"], summary,
                          caveats(tables, result, label, shares["incomplete"] if not custom else 0)])


@caching.memoize
def agglomeration_outputs(codes: str, label: str, kind: str, lq_min: float, share_min: float) -> list:
    result = agglomeration_result(codes, kind, lq_min, share_min)
    counts = [r["count"] for r in result["records"] if r["count"] is not None]
    suppressed = sum(1 for r in result["records"] if r["missing"] or r["incomplete"])
    what = (f"NACE divisions ({result['universe']} of the 88 are in the business-economy data)"
            if kind == "nace" else "industrial ecosystems (14)")
    total = sum(counts)
    summary = [html.Strong(f"{total} regionally relevant agglomeration{'' if total == 1 else 's'}"),
               f" of {what} in {label} (LQ > {lq_min:g} and at least {share_min * 100:g} % of regional "
               f"employment); top five by LQ, LQ in brackets."]
    if suppressed:
        summary.append(f" {suppressed} regions have suppressed cells or lower-bound estimates: their counts "
                       "may be too low.")
    warned = sum(1 for r in result["records"] if r["flagged"])
    if warned:
        summary.append(f" {WARNING} {warned} region{'' if warned == 1 else 's'} show an agglomeration built on a cell "
                       "flagged by a plausibility check: see the Data quality column and Data & methods.")
    source = _source("sbs") if kind == "nace" else _source("sbs", "ecosystem_weights")
    return caching.plain([summary, agglomeration_markdown(result["records"], kind), source,
                          "table-responsive small"])


@caching.memoize
def ecosystem_outputs(ecosystem: str, country: str, level: int, lq_min: float, share_min: float, within: str) -> list:
    tables = current_tables()
    source = _source("sbs", "ecosystem_weights")
    mapped = map_result(ecosystem, level, lq_min, share_min)
    ranked = ranking_result(ecosystem, level, lq_min, share_min, within, country)
    map_table = data_table(_frame(mapped["table"]), {"code": "Code", "name": "Region", "lq": "LQ",
                                                     "share": "Share of employment", "specialised": "Specialised"})
    rank_table = data_table(_frame(ranked["table"]), {"rank": "Rank", "code": "Code", "name": "Region", "lq": "LQ",
                                                      "share": "Share of employment",
                                                      "complete": "Complete estimate"})
    return caching.plain([False, True, ecosystem_info(tables, ecosystem),
                          mapped["figure"], map_table, f"{source}; {GEO_CREDIT}", mapped["title"],
                          ranked["figure"], {"height": f"{max(ranked['height'], 300)}px"}, rank_table, source,
                          ranked["title"], projects_section(tables, ecosystem, country)])


def register(app):
    @app.callback(Output(SHARES[GRAPH], "figure"), Output(SHARES[TABLE], "children"), Output(SHARES[SOURCE], "children"),
                  Output(SHARES[TITLE], "children"),
                  Input(COUNTRY, "value"), Input(BASIS, "value"))
    def update_shares(country, basis):
        tables = current_tables()
        country = _country(tables, country)
        basis = basis if basis in spec.BASES else DEFAULTS["basis"]
        return shares_outputs(country, basis)

    @app.callback(Output(HEATMAP[GRAPH], "figure"), Output(HEATMAP[GRAPH], "style"), Output(HEATMAP[TABLE], "children"),
                  Output(HEATMAP[SOURCE], "children"), Output(HEATMAP[TITLE], "children"),
                  Output(SET_SUMMARY, "children"), Output(CAVEATS, "children"),
                  Input(COUNTRY, "value"), Input(LEVEL, "value"), Input(REGIONS, "value"), Input(LQ, "value"),
                  Input(SHARE, "value"), Input(ECOSYSTEM, "value"))
    def update_heatmap(country, level, regions, lq, share, ecosystem):
        tables = current_tables()
        country, level = _country(tables, country), _level(level)
        lq_min, share_min = clean_lq(lq), clean_share(share) / 100
        codes = region_codes(tables, country, level, regions)
        label = set_label(tables, country, level, regions)
        eco = ecosystem if isinstance(ecosystem, str) and ecosystem in _eco_names(tables) else ""
        return heatmap_outputs(country, ",".join(codes), label, lq_min, share_min, eco, bool(_custom(regions)))

    @app.callback(Output(AGG_SUMMARY, "children"), Output(AGG_TABLE, "children"), Output(AGG_SOURCE, "children"),
                  Output(AGG_TABLE, "className"),
                  Input(COUNTRY, "value"), Input(LEVEL, "value"), Input(REGIONS, "value"), Input(LQ, "value"),
                  Input(SHARE, "value"), Input(AGG, "value"))
    def update_agglomerations(country, level, regions, lq, share, kind):
        tables = current_tables()
        country, level = _country(tables, country), _level(level)
        kind = kind if kind in ("nace", "ecosystems") else DEFAULTS["agg"]
        lq_min, share_min = clean_lq(lq), clean_share(share) / 100
        codes = region_codes(tables, country, level, regions)
        label = set_label(tables, country, level, regions)
        return agglomeration_outputs(",".join(codes), label, kind, lq_min, share_min)

    @app.callback(Output(AGG_CSV, "data"), Input(AGG_CSV_BUTTON, "n_clicks"),
                  State(COUNTRY, "value"), State(LEVEL, "value"), State(REGIONS, "value"), State(LQ, "value"),
                  State(SHARE, "value"), State(AGG, "value"), prevent_initial_call=True)
    def download_agglomerations(n_clicks, country, level, regions, lq, share, kind):
        if not n_clicks:
            return no_update
        tables = current_tables()
        country, level = _country(tables, country), _level(level)
        kind = kind if kind in ("nace", "ecosystems") else DEFAULTS["agg"]
        codes = region_codes(tables, country, level, regions)
        result = agglomeration_result(",".join(codes), kind, clean_lq(lq), clean_share(share) / 100)
        df = agg_frame(result["records"], kind)
        return dcc.send_string(safe_csv(df), f"agglomerations-{kind}-{country}.csv", type="text/csv")

    @app.callback(Output(ECO_SECTION, "hidden"), Output(ECO_PROMPT, "hidden"), Output(ECO_INFO, "children"),
                  Output(MAP[GRAPH], "figure"), Output(MAP[TABLE], "children"), Output(MAP[SOURCE], "children"),
                  Output(MAP[TITLE], "children"),
                  Output(RANKING[GRAPH], "figure"), Output(RANKING[GRAPH], "style"), Output(RANKING[TABLE], "children"),
                  Output(RANKING[SOURCE], "children"), Output(RANKING[TITLE], "children"),
                  Output(ECO_PROJECTS, "children"),
                  Input(ECOSYSTEM, "value"), Input(COUNTRY, "value"), Input(LEVEL, "value"), Input(REGIONS, "value"),
                  Input(LQ, "value"), Input(SHARE, "value"), Input(SCOPE, "value"))
    def update_ecosystem(ecosystem, country, level, regions, lq, share, scope):
        tables = current_tables()
        if not isinstance(ecosystem, str) or ecosystem not in _eco_names(tables):
            return (True, False) + (no_update,) * 11
        country, level = _country(tables, country), _level(level)
        lq_min, share_min = clean_lq(lq), clean_share(share) / 100
        within = ",".join(region_codes(tables, country, level, regions)) if scope == "set" else ""
        return ecosystem_outputs(ecosystem, country, level, lq_min, share_min, within)

    @app.callback(Output(URL, "search"),
                  Input(COUNTRY, "value"), Input(LEVEL, "value"), Input(REGIONS, "value"), Input(ECOSYSTEM, "value"),
                  Input(LQ, "value"), Input(SHARE, "value"), Input(BASIS, "value"), Input(AGG, "value"),
                  Input(SCOPE, "value"), prevent_initial_call=True)
    def sync_url(country, level, regions, ecosystem, lq, share, basis, agg, scope):
        return ecosystems_search(country, level, regions, ecosystem, lq, share, basis, agg, scope)

    # The navigation Location is set by `href`, not `pathname`: once the page's own URL Location has pushed a new
    # search, the navigation Location still holds the old href and, given only a new pathname, pushes that stale
    # href back (seen with Dash 4.4: the click re-opened /ecosystems?<old query> instead of the region page).
    @app.callback(Output(NAV, "href"), Input(HEATMAP[GRAPH], "clickData"), Input(MAP[GRAPH], "clickData"),
                  Input(RANKING[GRAPH], "clickData"), prevent_initial_call=True)
    def open_region(heatmap_click, map_click, ranking_click):
        trigger = ctx.triggered_id["index"] if isinstance(ctx.triggered_id, dict) else None
        click = {HEATMAP_CARD: heatmap_click, MAP_CARD: map_click, RANKING_CARD: ranking_click}.get(trigger)
        code = region_from_click(click)
        if not code:
            return no_update
        return dash.get_relative_path(f"/region/{code}")


def region_from_click(click) -> str | None:
    """The NUTS code a click on the heatmap (y), the map (location) or the ranking (y) points at."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    code = point.get("location") or point.get("y")
    return code if isinstance(code, str) and code in _names(current_tables()) else None
