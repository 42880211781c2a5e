"""Pure data of the Region page from the tables: a region's headline rows, top specialisations and most similar
regions."""

from __future__ import annotations

import math

import pandas as pd

from data.explore import region_names
from data.labels import data_text, flag_words, indicators_in
from data.profile import (
    MIN_SHARED,
    cell,
    headline_records,
    indicator_rows,
    indicator_years,
    minmax_in,
    panel,
    pool_codes,
    pool_values,
    region_info,
    score_matrix,
    similar_regions,
)
from data.quality import ecosystem_warnings, flagged_sector_cells, short_detail
from data.queries import flag_text
from data.specialisation import is_agglomeration
from data.store import memo_for
from i18n import DEFAULT_LANGUAGE, N_, translator

TOP = 12


def number(value):
    """JSON-safe number: NaN, None or anything not a number -> None."""
    try:
        return None if value is None or math.isnan(float(value)) else float(value)
    except (TypeError, ValueError):
        return None


def year_of(value):
    """A year as an int (a year column with gaps comes back from pandas as floats such as 2023.0); None if none."""
    value = number(value)
    return int(value) if value is not None else None


# The language of the national names NUTS gives (NUTS_NAME where it differs from NAME_LATN), by country: only
# where one language is plain; others (e.g. Montenegro's) are shown without a language tag.
NATIONAL_LANGUAGES = {"BG": "bg", "CY": "el", "EL": "el", "MK": "mk", "RS": "sr", "UA": "uk"}


def national_name(info: dict | None) -> tuple[str, str | None] | None:
    """A region's national name and its language tag (None when not plain), or None when NUTS gives no other
    form than the Latin-script name (`info` from data.profile.region_info)."""
    text = (info or {}).get("national_name")
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip(), NATIONAL_LANGUAGES.get(info.get("nuts0"))


def headline_rows(tables, code: str, year: int, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """The headline indicators of the region in `year` as JSON-safe rows: value, country and EU27 values with
    their flags, derivations and latest earlier years, and the ranks among the EU regions and the country's;
    labels, units, flags and derivations in `lang`."""
    records = headline_records(
        tables.indicator_values, tables.regions, indicators_in(tables.indicators, lang), code, year
    )
    rows = [
        {
            "indicator": r["indicator"],
            "label": r["label"],
            "short_label": r["short_label"],
            "unit": r["unit"],
            "decimals": r["decimals"],
            "higher_is_better": r["higher_is_better"],
            "year": year_of(r["year"]),
            "value": number(r["value"]),
            "flag": r["flag_text"],
            "country_value": number(r["country_value"]),
            "country_flag": flag_text(r["country_flag"]),
            "eu_value": number(r["eu_value"]),
            "eu_flag": flag_text(r["eu_flag"]),
            "eu_rank": number(r["eu_rank"]),
            "eu_n": int(r["eu_n"]),
            "country_rank": number(r["country_rank"]),
            "country_n": int(r["country_n"]),
            "derivation": r["derivation"],
            "country_derivation": r["country_derivation"],
            "eu_derivation": r["eu_derivation"],
            "country_latest": year_of(r["country_latest"]),
            "eu_latest": year_of(r["eu_latest"]),
            "country_latest_value": number(r["country_latest_value"]),
            "eu_latest_value": number(r["eu_latest_value"]),
            "benchmark_note": r["benchmark_note"],
        }
        for r in records
    ]
    if lang == DEFAULT_LANGUAGE:
        return rows
    for row in rows:
        for key in ("flag", "country_flag", "eu_flag"):
            row[key] = flag_words(row[key], lang)
        for key in ("derivation", "country_derivation", "eu_derivation"):
            row[key] = data_text(row[key], lang)
    return rows


def indicator_choices(indicators: pd.DataFrame) -> tuple:
    """(label, unit, id) of every indicator by theme, then label (the explorer's choices); per data version in
    English, `indicators` in another language (a translated copy) sorted afresh."""

    def compute():
        ordered = indicators.sort_values(["theme", "label"])
        return tuple(zip(ordered["label"], ordered["unit"], ordered["id"]))

    return memo_for(indicators, ("region.indicator_choices",), compute)


def nace_labels(tables) -> dict:
    nace = tables.frames.get("nace")  # labels when the NACE table is there; codes otherwise
    if nace is None or "label" not in nace.columns:
        return {}
    return dict(zip(nace["code"], nace["label"]))


def nace_shown(text: str, n: int = 42) -> str:
    """A NACE division as its chart draws it: code and label cut to `n` characters."""
    return text if len(text) <= n else text[: n - 1] + "…"


LOWER_BOUND = N_("lower bound (confidential divisions)")
FLAGGED = N_("flagged by a plausibility check (see Data & methods)")


def specialisation_rows(tables, code: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The region's TOP ecosystems and NACE divisions by location quotient, each with its agglomeration flag,
    lower-bound note and plausibility warning; `labelled` says whether NACE labels were loaded. Ecosystem names
    and notes in `lang`; the NACE labels as loaded (English), and a warning's detail from the data-quality table
    only in English (in another language the warning says where to read it)."""
    _ = translator(lang)
    eco = tables.ecosystem_employment
    eco = eco[eco["region"] == code].merge(tables.ecosystems[["ecosystem_id", "name"]], on="ecosystem_id")
    eco = eco.assign(agglomeration=is_agglomeration(eco["lq"], eco["share"]))
    eco = eco[eco["lq"].notna()].sort_values(["lq", "ecosystem_id"], ascending=[False, True]).head(TOP)
    flagged = flagged_sector_cells(tables.table("data_quality"), [code])
    eco_warnings = ecosystem_warnings(flagged, tables.ecosystems)
    eco_rows = [
        {
            "id": r.ecosystem_id,
            "label": data_text(r.name, lang),
            "lq": float(r.lq),
            "share": float(r.share),
            "agglomeration": bool(r.agglomeration),
            "note": "" if r.complete else _(LOWER_BOUND),
            "warning": _eco_warning(eco_warnings.get((code, r.ecosystem_id), ""), lang),
        }
        for r in eco.itertuples()
    ]
    sec = tables.sector_employment
    sec = sec[(sec["region"] == code) & (sec["nace_level"] == "division")]
    sec = sec.assign(agglomeration=is_agglomeration(sec["lq"], sec["share"]))
    sec = sec[sec["lq"].notna()].sort_values(["lq", "nace"], ascending=[False, True]).head(TOP)
    labels = nace_labels(tables)
    nace_rows = [
        {
            "id": r.nace,
            "label": nace_shown(f"{r.nace} {labels[r.nace]}") if r.nace in labels else r.nace,
            "lq": float(r.lq),
            "share": float(r.share),
            "agglomeration": bool(r.agglomeration),
            "note": "",
            "warning": (short_detail(flagged[(code, r.nace)]) if lang == DEFAULT_LANGUAGE else _(FLAGGED))
            if (code, r.nace) in flagged
            else "",
            "detail": flagged.get((code, r.nace), "") if lang == DEFAULT_LANGUAGE else "",
        }
        for r in sec.itertuples()
    ]
    return {
        "ecosystems": eco_rows,
        "nace": nace_rows,
        "labelled": bool(labels),
        "year": int(tables.ecosystem_employment["year"].max()),
    }


def _eco_warning(text: str, lang: str) -> str:
    """data.quality.ecosystem_warnings' 'uses G47, C10, flagged by a plausibility check' in `lang`."""
    head, tail = "uses ", ", flagged by a plausibility check"
    if lang == DEFAULT_LANGUAGE or not (text.startswith(head) and text.endswith(tail)):
        return text
    _ = translator(lang)
    return _("uses {codes}, flagged by a plausibility check").format(codes=text[len(head) : -len(tail)])


def similar(tables, code: str, year: int, sim: list, k: int, excl: bool) -> dict:
    """The k regions whose normalised profile on `sim` is closest to the region's (without its own country when
    `excl`), with how many indicators the region has (`known`) and needs (`need`)."""
    values, regions = tables.indicator_values, tables.regions
    info = region_info(regions, code)
    meta = indicator_rows(tables.indicators)
    hib = {i: bool(m["higher_is_better"]) for i, m in meta.items()}
    years = indicator_years(values, regions, sim, year, code, 2)
    matrix = score_matrix(values, regions, years, 2, hib)
    if code in matrix.index:
        target = matrix.loc[code]
    else:  # a country, a NUTS 1 or a non-EU region: its values placed on the EU NUTS 2 scale
        nuts2 = pool_codes(regions, 2)
        target = {}
        for ind, yr in years.items():
            grid = panel(values, ind)
            target[ind] = minmax_in(cell(grid, code, yr)[0], pool_values(grid, nuts2, yr), hib[ind])
        target = pd.Series(target, dtype="float64")
    exclude = {code}
    if excl and info["nuts0"]:
        exclude |= {c for c in matrix.index if c.startswith(info["nuts0"])}
    need = min(MIN_SHARED, len(sim))  # all of them when fewer than MIN_SHARED are chosen
    found = similar_regions(matrix, target, k, need, exclude)
    names = region_names(regions)
    return {
        "rows": [
            {
                "code": r.region,
                "name": names.get(r.region, r.region),
                "distance": float(r.distance),
                "shared": int(r.shared),
            }
            for r in found.itertuples()
        ],
        "known": int(target.notna().sum()),
        "need": need,
        "n": len(sim),
        "years": {meta[i]["short_label"]: years[i] for i in sim},
    }
