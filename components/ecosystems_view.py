"""The Ecosystems page's named parts (figures, tables, texts) built from the tables and validated controls.

Pure functions of `tables`: callbacks/ecosystems.py caches them, keyed on plain values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table, with_csv
from components.chart_parts import chart
from components.ecosystems_notes import (
    GEO_CREDIT,
    agglomeration_markdown,
    caveats,
    ecosystem_info,
    projects_section,
    summed_regions,
)
from components.figures import ecosystems as figures
from components.figures.maps import boundaries_url
from data import chart_data
from data import specialisation as spec
from data.grid_rows import records
from data.quality import WARNING, ecosystem_warnings, flagged_sector_cells, short_detail
from i18n import N_, ntranslator, translator
from state.ecosystems import lookups

YEAR = 2015
LEVEL_NAMES = {0: N_("EU27 countries"), 1: N_("NUTS 1 regions"), 2: N_("NUTS 2 regions")}
BASIS_LABELS = {
    spec.BASIS_ECOSYSTEMS: N_("employment in the 14 ecosystems"),
    spec.BASIS_BUSINESS: N_("business-economy employment"),
}


def region_codes(tables, state: dict) -> list[str]:
    """The region set: the custom regions when given, else the country's regions at the level."""
    if state["regions"]:
        return list(state["regions"])
    country, level = state["country"], state["level"]
    sets = lookups(tables).sets
    if (country, level) not in sets:
        sets[(country, level)] = spec.region_set(tables.regions, country, level)
    return list(sets[(country, level)])


def set_label(tables, state: dict, lang: str = "en") -> str:
    """The region set in words, for titles and sentences (in French without an article: the sentences give it)."""
    _ = translator(lang)
    if state["regions"]:
        return _("your region set ({count} regions)").format(count=len(state["regions"]))
    if state["level"] == 0:
        return _("the EU27 countries")
    return _("{regions} of {country}").format(
        regions=_(LEVEL_NAMES[state["level"]]),
        country=lookups(tables).names.get(state["country"], state["country"]),
    )


# The attributions of this page's sources (the pipeline writes them in English), marked for the catalogue; a
# source's own title (Annual Single Market Report) stays as published.
ATTRIBUTIONS = (
    N_("Source: European Commission, Annual Single Market Report 2021 (ecosystem weights, Eurostat reproduction)"),
    N_("Source: programme data compiled from public pages (source URL per row)"),
)


def source(tables, *source_ids, lang: str = "en") -> str:
    line = spec.sources_line(tables.sources, source_ids)
    if lang == "en":
        return line
    _ = translator(lang)
    parts = []
    for part in line.split("; "):
        said = _(part)
        if said == part and part.startswith("Source: "):  # a dataset code: only the word is translated
            said = _("Source: ") + part[len("Source: ") :]
        parts.append(said)
    return _("; ").join(parts)


def frame(records) -> pd.DataFrame:
    """Records as an object-dtype frame for data_table (fast to iterate, unlike Arrow strings)."""
    return pd.DataFrame(records, dtype=object)


def short_nace_label(label: str) -> str:
    """A NACE label short enough for a table cell: the part before ';', 'Manufacture of' as 'Manuf. of'."""
    return str(label).split(";")[0].strip().replace("Manufacture of ", "Manuf. of ")


def nace_labels(tables) -> dict:
    """{NACE code: short label} (English: the sources have no other), kept per data version."""
    return tables.memo(
        ("ecosystems.nace_labels",),
        lambda: {c: short_nace_label(lab) for c, lab in zip(tables.nace["code"], tables.nace["label"])},
    )


def flagged_cells(tables, region_list: list[str]) -> dict:
    """`flagged_sector_cells` of the regions, picked from every region's, found once per data version."""
    dq = tables.table("data_quality")
    every = tables.memo(("ecosystems.flagged_cells",), lambda: flagged_sector_cells(dq, dq["region"].unique()))
    wanted = set(region_list)
    return {cell: detail for cell, detail in every.items() if cell[0] in wanted}


def _pct(value, lang: str = "en") -> str:
    return theme.format_value(value * 100 if value == value else value, 1, "%", lang=lang)


def eco_names(tables, lang: str = "en") -> dict:
    """{ecosystem id: name in `lang`}."""
    return {i: figures.ecosystem_name(n, lang) for i, n in lookups(tables).eco_names.items()}


def warning_text(text: str, lang: str = "en") -> str:
    """An ecosystem estimate's warning ('uses G47, flagged by a plausibility check', data.quality) in `lang`."""
    prefix, suffix = "uses ", ", flagged by a plausibility check"
    if lang == "en" or not (text.startswith(prefix) and text.endswith(suffix)):
        return text
    _ = translator(lang)
    return _("uses {codes}, flagged by a plausibility check").format(codes=text[len(prefix) : -len(suffix)])


# --- Figures and records (plain results) ------------------------------------------------------------------------


def shares(tables, country: str, basis: str, lang: str = "en") -> dict:
    _ = translator(lang)
    df = spec.country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, country, basis)
    eco_names = lookups(tables).eco_names
    df["name"] = pd.Series([eco_names.get(i, np.nan) for i in df["ecosystem_id"].tolist()], dtype=object)
    fig = figures.share_bars(df, lookups(tables).names.get(country, country), _(BASIS_LABELS[basis]), YEAR, lang)
    with_csv(fig, chart_data.spec("ecosystem_shares", country=country, basis=basis))
    table = records(
        {
            "name": [figures.ecosystem_name(n, lang) for n in df["name"]],
            "employment": [theme.format_value(v, 0, lang=lang) for v in df["employment"]],
            "share": [_pct(v, lang) for v in df["share"]],
            "eu_share": [_pct(v, lang) for v in df["eu_share"]],
            "ratio": [theme.format_value(v, 2, lang=lang) for v in df["ratio"]],
            "complete": [_("yes") if c else _("no: lower bound") for c in df["complete"]],
        }
    )
    return {
        "figure": fig.to_plotly_json(),
        "table": table,
        "title": fig.layout.title.text,
        "incomplete": int((~df["complete"]).sum()),
    }


def incomplete_shares(tables, country: str, basis: str) -> int:
    """How many ecosystems of `country`'s share chart are lower bounds (suppressed NACE cells): the heatmap's
    caveat, without drawing the share chart (kept per data version)."""

    def compute() -> int:
        df = spec.country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, country, basis)
        return int((~df["complete"]).sum())

    return tables.memo(("ecosystems.incomplete_shares", country, basis), compute)


def heatmap(tables, codes: str, label: str, lq_min: float, share_min: float, highlight: str, lang: str = "en") -> dict:
    _ = translator(lang)
    region_list = codes.split(",") if codes else []
    eco = tables.ecosystem_employment
    ids_ = sorted(tables.ecosystems["ecosystem_id"])
    eco_names = lookups(tables).eco_names
    lq = spec.lq_matrix(eco, region_list, "lq", ids_)
    share = spec.lq_matrix(eco, region_list, "share", ids_)
    complete = spec.lq_matrix(eco, region_list, "complete", ids_)
    agg = spec.is_agglomeration(lq, share, lq_min, share_min)  # elementwise on the two matrices
    names = lookups(tables).names
    title = _("Location quotients by ecosystem, {regions}, {year}").format(regions=label, year=YEAR)
    warnings = ecosystem_warnings(flagged_cells(tables, region_list), tables.ecosystems)
    fig = figures.lq_heatmap(
        lq,
        [names.get(c, c) for c in region_list],
        [eco_names[i] for i in ids_],
        agg,
        complete,
        title,
        highlight or None,
        warnings={k: warning_text(v, lang) for k, v in warnings.items()},
        lang=lang,
    )
    with_csv(fig, chart_data.spec("ecosystem_lq", regions=region_list, year=YEAR))
    values = lq.to_numpy(dtype="float64")
    lower = complete.to_numpy(dtype=object) == False  # noqa: E712 (NaN = no data, not incomplete)
    relevant = agg.to_numpy(dtype=bool)
    cells = [
        [
            theme.format_value(v, 2, lang=lang)
            + (" *" if low and v == v else "")
            + (" ●" if rel else "")
            + (f" {WARNING}" if (code, i) in warnings and v == v else "")
            for i, v, low, rel in zip(ids_, vrow, lrow, arow)
        ]
        for code, vrow, lrow, arow in zip(region_list, values, lower, relevant)
    ]
    summed = summed_regions(tables)
    rows = [
        {"code": code, "name": names.get(code, code) + (" (Σ)" if code in summed else ""), **dict(zip(ids_, row))}
        for code, row in zip(region_list, cells)
    ]
    in_data = frozenset(spec.ecosystem_grid(eco).regions)
    no_value = np.isnan(values).all(axis=1) if values.size else np.zeros(len(region_list), bool)
    return {
        "figure": fig.to_plotly_json(),
        "height": int(fig.layout.height),
        "title": title,
        "table": rows,
        "columns": {
            "code": _("Code"),
            "name": _("Region"),
            **{i: figures.short_name(eco_names[i], lang) for i in ids_},
        },
        "absent": [c for c in region_list if c not in in_data],
        "summed": [c for c in region_list if c in summed],
        "all_missing": [c for c, empty in zip(region_list, no_value) if empty and c in in_data],
        "incomplete": int((lower & ~np.isnan(values)).sum()),
        "cells": int((~np.isnan(values)).sum()),
        "warned": len(warnings),
    }


def agglomerations(tables, codes: str, kind: str, lq_min: float, share_min: float) -> dict:
    region_list = codes.split(",") if codes else []
    if kind == "nace":
        table = spec.nace_agglomeration_table(tables.sector_employment, region_list, lq_min, share_min)
        labels = nace_labels(tables)
        label = lambda code: f"{code} {labels.get(code, '')}".strip()  # noqa: E731
        universe = len(spec.nace_grid(tables.sector_employment).keys)  # the divisions in the data
    else:
        table = spec.ecosystem_agglomeration_table(tables.ecosystem_employment, region_list, lq_min, share_min)
        eco_names = lookups(tables).eco_names
        label = lambda code: eco_names.get(code, code)  # noqa: E731
        universe = len(eco_names)
    names = lookups(tables).names
    flagged = flagged_cells(tables, region_list)
    warnings = (
        {k: short_detail(d) for k, d in flagged.items()}
        if kind == "nace"
        else ecosystem_warnings(flagged, tables.ecosystems)
    )
    records = []
    for row in table.itertuples(index=False):
        record = {
            "code": row.region,
            "name": names.get(row.region, row.region),
            "count": None if row.count != row.count else int(row.count),
            "missing": None if row.missing != row.missing else int(row.missing),
            "incomplete": None if row.incomplete != row.incomplete else int(row.incomplete),
        }
        notes = []
        for n in range(1, spec.TOP + 1):
            code, value = getattr(row, f"top_{n}"), getattr(row, f"lq_{n}")
            warning = None if pd.isna(code) else warnings.get((row.region, code))
            record[f"top_{n}"] = (
                "" if pd.isna(code) else f"{label(code)} ({value:.2f})" + (f" {WARNING}" if warning else "")
            )
            record[f"code_{n}"] = "" if pd.isna(code) else str(code)
            record[f"lq_{n}"] = None if value != value else round(float(value), 4)
            record[f"warn_{n}"] = bool(warning)
            if warning:
                notes.append(f"{code if kind == 'nace' else label(code)}: {warning}")
        record["flagged"] = "; ".join(notes)
        records.append(record)
    return {"records": records, "universe": universe}


def ecosystem_map(tables, ecosystem: str, level: int, lq_min: float, share_min: float, lang: str = "en") -> dict:
    _ = translator(lang)
    name = figures.ecosystem_name(lookups(tables).eco_names[ecosystem], lang)
    df = spec.ecosystem_values(tables.ecosystem_employment, tables.regions, ecosystem, level)
    geo_codes = tables.memo(
        ("ecosystems.geo_codes", level), lambda: frozenset(f["id"] for f in tables.geometries[level]["features"])
    )
    df = df[df["code"].isin(geo_codes)]
    specialised = spec.regions_specialised_in(tables.ecosystem_employment, ecosystem, lq_min, share_min)
    chosen = set(specialised)
    title = _("LQ in {ecosystem}, {regions}, {year}").format(ecosystem=name, regions=_(LEVEL_NAMES[level]), year=YEAR)
    fig = figures.lq_map(df, boundaries_url(level, tables.version), title, specialised, lang)
    with_csv(fig, chart_data.spec("ecosystem_lq", level=level, eu_only=True, ecosystems=[ecosystem], year=YEAR))
    table = records(
        {
            "code": df["code"],
            "name": df["name"],
            "lq": [theme.format_value(v, 2, lang=lang) for v in df["value"]],
            "share": [_pct(v, lang) for v in df["share"]],
            "specialised": [_("yes") if c in chosen else "" for c in df["code"]],
        }
    )
    return {"figure": fig.to_plotly_json(), "title": title, "table": table}


def ranking(
    tables, ecosystem: str, level: int, lq_min: float, share_min: float, codes: str, country: str, lang: str = "en"
) -> dict:
    _ = translator(lang)
    name = figures.ecosystem_name(lookups(tables).eco_names[ecosystem], lang)
    within = codes.split(",") if codes else None
    # Across the EU: the regions of the map's level; within the set: its own regions (a custom set may mix levels).
    df = spec.ecosystem_ranking(
        tables.ecosystem_employment,
        tables.regions,
        ecosystem,
        level if within is None else None,
        lq_min,
        share_min,
        within,
    )
    where = _("across the EU") if within is None else _("in the regions shown")
    thresholds = _("{where}: LQ > {lq}, share ≥ {share} %").format(
        where=where, lq=figures.number_text(lq_min, lang), share=figures.number_text(share_min * 100, lang)
    )
    specialised = _("Specialised in {ecosystem}").format(ecosystem=name)
    title = f"{specialised} {thresholds}"
    fig = figures.ranking_bars(df, specialised, lq_min, country, subtitle=thresholds, lang=lang)
    if len(df):
        with_csv(fig, chart_data.spec("ecosystem_lq", regions=list(df["code"]), ecosystems=[ecosystem], year=YEAR))
    table = records(
        {
            "rank": df["rank"],
            "code": df["code"],
            "name": df["name"],
            "lq": [figures.number_text(v, lang, 2) for v in df["value"]],
            "share": [_pct(v, lang) for v in df["share"]],
            "complete": [_("yes") if c else _("no: lower bound") for c in df["complete"].fillna(True)],
        }
    )
    return {
        "figure": fig.to_plotly_json(),
        "height": int(fig.layout.height),
        "title": title,
        "table": table,
        "count": len(df),
    }


# --- Whole answers by name (what the callbacks cache and send) --------------------------------------------------


def shares_answer(tables, result: dict, country: str, lang: str = "en") -> dict:
    """The country-vs-EU27 share chart's parts from `shares(...)`."""
    _ = translator(lang)
    table = data_table(
        frame(result["table"]),
        {
            "name": _("Ecosystem"),
            "employment": _("Persons employed"),
            "share": _("Share, {country}").format(country=lookups(tables).names.get(country, country)),
            "eu_share": _("Share, EU27"),
            "ratio": _("Share ratio"),
            "complete": _("Complete estimate"),
        },
        lang=lang,
    )
    return chart(result["figure"], table, source(tables, "sbs", "ecosystem_weights", lang=lang), result["title"])


def heatmap_answer(tables, result: dict, codes: str, label: str, eco_incomplete: int, lang: str = "en") -> dict:
    """The LQ heatmap's parts from `heatmap(...)` (with its height), the region set's summary and the caveats."""
    _ = translator(lang)
    ngettext = ntranslator(lang)
    table = html.Div(
        [
            html.P(
                _(
                    "* estimate incomplete (a lower bound); ● regionally relevant agglomeration at the thresholds "
                    "chosen; {warning} the estimate uses a NACE cell flagged by a plausibility check (see Data & "
                    "methods); 'no data' = not in the source or suppressed."
                ).format(warning=WARNING),
                className="small mb-1",
            ),
            data_table(frame(result["table"]), result["columns"], lang=lang),
        ]
    )
    n = len(codes.split(",")) if codes else 0
    summary = ngettext(
        "Heatmap and agglomeration tables: {regions}, {count} region",
        "Heatmap and agglomeration tables: {regions}, {count} regions",
        n,
    ).format(regions=label, count=n) + (
        _(", {count} without data.").format(count=len(result["absent"])) if result["absent"] else "."
    )
    heatmap_chart = chart(
        result["figure"], table, source(tables, "sbs", "ecosystem_weights", lang=lang), result["title"]
    )
    return {
        "heatmap": {**heatmap_chart, "style": {"height": f"{result['height']}px"}},
        "summary": summary,
        "caveats": caveats(tables, result, label, eco_incomplete, lang),
    }


def agglomerations_answer(
    tables, result: dict, label: str, kind: str, lq_min: float, share_min: float, lang: str = "en"
) -> dict:
    """The agglomeration table from `agglomerations(...)`, its summary sentence and source."""
    _ = translator(lang)
    ngettext = ntranslator(lang)
    counts = [r["count"] for r in result["records"] if r["count"] is not None]
    suppressed = sum(1 for r in result["records"] if r["missing"] or r["incomplete"])
    what = (
        _("NACE divisions ({count} of the 88 are in the business-economy data)").format(count=result["universe"])
        if kind == "nace"
        else _("industrial ecosystems (14)")
    )
    total = sum(counts)
    summary = [
        html.Strong(
            ngettext(
                "{count} regionally relevant agglomeration", "{count} regionally relevant agglomerations", total
            ).format(count=total)
        ),
        _(
            " of {what} in {regions} (LQ > {lq} and at least {share} % of regional employment); top five by LQ, LQ "
            "in brackets."
        ).format(
            what=what,
            regions=label,
            lq=figures.number_text(lq_min, lang),
            share=figures.number_text(share_min * 100, lang),
        ),
    ]
    if suppressed:
        summary.append(
            " "
            + ngettext(
                "{count} region has suppressed cells or lower-bound estimates: its count may be too low.",
                "{count} regions have suppressed cells or lower-bound estimates: their counts may be too low.",
                suppressed,
            ).format(count=suppressed)
        )
    warned = sum(1 for r in result["records"] if r["flagged"])
    if warned:
        summary.append(
            f" {WARNING} "
            + ngettext(
                "{count} region shows an agglomeration built on a cell flagged by a plausibility check: see the Data "
                "quality column and Data & methods.",
                "{count} regions show an agglomeration built on a cell flagged by a plausibility check: see the "
                "Data quality column and Data & methods.",
                warned,
            ).format(count=warned)
        )
    return {
        "summary": summary,
        "table": agglomeration_markdown(
            result["records"], kind, lang, nace_labels(tables) if kind == "nace" else eco_names(tables, lang)
        ),
        "source": source(tables, "sbs", lang=lang)
        if kind == "nace"
        else source(tables, "sbs", "ecosystem_weights", lang=lang),
        "class_name": "table-responsive small",
    }


def ecosystem_answer(
    tables, ecosystem: str, country: str, mapped: dict, ranked: dict, projects, lang: str = "en"
) -> dict:
    """One ecosystem's section: its definition, map and ranking (from `ecosystem_map` and `ranking`), projects."""
    _ = translator(lang)
    eco_source = source(tables, "sbs", "ecosystem_weights", lang=lang)
    map_table = data_table(
        frame(mapped["table"]),
        {
            "code": _("Code"),
            "name": _("Region"),
            "lq": _("LQ"),
            "share": _("Share of employment"),
            "specialised": _("Specialised"),
        },
        lang=lang,
    )
    rank_table = data_table(
        frame(ranked["table"]),
        {
            "rank": _("Rank"),
            "code": _("Code"),
            "name": _("Region"),
            "lq": _("LQ"),
            "share": _("Share of employment"),
            "complete": _("Complete estimate"),
        },
        lang=lang,
    )
    return {
        "section_hidden": False,
        "prompt_hidden": True,
        "info": ecosystem_info(tables, ecosystem, lang),
        "map": chart(mapped["figure"], map_table, eco_source + _("; ") + _(GEO_CREDIT), mapped["title"]),
        "ranking": {
            **chart(ranked["figure"], rank_table, eco_source, ranked["title"]),
            "style": {"height": f"{max(ranked['height'], 300)}px"},
        },
        "projects": projects_section(tables, ecosystem, country, projects, lang),
    }
