"""What the Rankings page ranks for a validated state, as plain data: the lookups kept per data version (each
indicator and year as a column over tables.regions, each level's regions, labels, source lines) and the ranked
rows (`ranking_data`), computed on arrays of the regions of the set.

Pure functions of the tables and the state: callbacks/rankings.py caches `ranking_data` per data version and
state, and callbacks/rankings_sensitivity.py draws its weights over the same region filter and year columns.
The arrays kept per data version are read-only (`_kept`): a request takes what it needs by position.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.grid_rows import records
from data.labels import indicators_in
from data.profile import runs
from data.queries import indicator_meta, source_line
from data.ranking import (
    RegionFilter,
    composite_columns,
    narrowed,
    programme_available,
    programme_coverage,
    programme_regions,
    rank_columns,
    region_set,
    specialised_regions,
)
from data.warm import release_memory
from i18n import N_, format_number, translator
from state.rankings import RankingsState

LEVEL_NAMES = {0: N_("countries"), 1: N_("NUTS 1 regions"), 2: N_("NUTS 2 regions")}


# --- lookups kept per data version ---------------------------------------------------------------------------


def _kept(array: np.ndarray) -> np.ndarray:
    """`array` made read-only: it is kept per data version and shared by every request."""
    array.setflags(write=False)
    return array


def region_positions(tables, codes: list) -> np.ndarray:
    """The rows of `codes` in tables.regions (-1: not a region), from an index kept per data version."""
    index = tables.memo("rankings.region_positions", lambda: {c: i for i, c in enumerate(tables.regions["code"])})
    return np.array([index.get(c, -1) for c in codes], dtype="int64")


def _cells(tables) -> dict:
    """The values table as arrays, its rows grouped by indicator (`rows`: indicator -> slice): each row's region
    as its position in tables.regions (`at`), year, value and flag. One pass per data version, so a new indicator
    and year is a slice and a mask, not a copy of frames."""

    def compute():
        values = tables.indicator_values
        codes, indicators = pd.factorize(values["indicator"])
        order = np.argsort(codes, kind="stable")
        # Codes, not a Python string per row and column (427k rows at NUTS 3 scale): less memory, 4x faster.
        regions, region_codes = pd.factorize(values["region"])
        flags, flag_texts = pd.factorize(values["flag"])  # a missing flag: -1, the None appended last
        cells = {
            "rows": runs(indicators.to_numpy(dtype=object)[codes[order]]),
            "at": _kept(region_positions(tables, region_codes.tolist())[regions[order]]),
            "year": _kept(values["year"].to_numpy(dtype="int64")[order]),
            "value": _kept(values["value"].to_numpy(dtype="float64", na_value=np.nan)[order]),
            "flag": _kept(np.append(flag_texts.to_numpy(dtype=object), None)[flags[order]]),
        }
        del codes, order, regions, flags
        release_memory()  # the C heap keeps the temporaries' pages (NUTS 3: ~18 MB); a trim costs ~3 ms
        return cells

    return tables.memo("rankings.cells", compute)


def year_column(tables, indicator: str, year: int) -> tuple[np.ndarray, np.ndarray]:
    """(values, flags) of one indicator and year for every region, in the order of tables.regions (NaN / None
    where there is none; (region, indicator, year) is unique in the table), kept per data version."""

    def compute():
        cells = _cells(tables)
        rows = cells["rows"].get(indicator, slice(0, 0))
        pick = rows.start + np.flatnonzero(cells["year"][rows] == int(year))
        at = cells["at"][pick]
        pick, at = pick[at >= 0], at[at >= 0]
        values = np.full(len(tables.regions), np.nan)
        flags = np.full(len(tables.regions), None, dtype=object)
        values[at], flags[at] = cells["value"][pick], cells["flag"][pick]
        return _kept(values), _kept(flags)

    return tables.memo(("rankings.column", indicator, int(year)), compute)


def year_matrix(tables, indicator_ids, year: int, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values, flags): the regions at positions `at` of tables.regions x the indicators, for one year."""
    columns = [year_column(tables, indicator, year) for indicator in indicator_ids]
    shape = (len(at), len(columns))
    if not columns:
        return np.empty(shape), np.empty(shape, dtype=object)
    return np.column_stack([v[at] for v, _ in columns]), np.column_stack([f[at] for _, f in columns])


def region_rows(tables, flt: RegionFilter) -> tuple[np.ndarray, tuple]:
    """The regions `flt` selects (as `data.ranking.region_set`): their positions in tables.regions and their
    (codes, names, countries) as arrays, in code order. Each level's set is kept per data version; the other
    filters are a mask on it."""

    def compute():
        rows = region_set(tables.regions, RegionFilter(level=flt.level, eu_only=flt.eu_only))
        at = region_positions(tables, rows["code"].tolist())
        return _kept(at), tuple(_kept(rows[c].to_numpy(dtype=object)) for c in ("code", "name", "country"))

    at, regions = tables.memo(("rankings.level_rows", flt.level, bool(flt.eu_only)), compute)
    keep = narrowed(regions[0], regions[2], flt)
    return (at, regions) if keep.all() else (at[keep], tuple(a[keep] for a in regions))


def reference_values(tables, region: str) -> dict:
    """(indicator, year) -> the value of one region outside the ranked sets (EU27_2020), from one scan of the
    values table per data version (`data.queries.reference_value` scans it per call)."""

    def compute():
        values = tables.indicator_values
        rows = values[values["region"] == region]
        return dict(zip(zip(rows["indicator"], rows["year"].tolist()), rows["value"].astype("float64").tolist()))

    return tables.memo(("rankings.reference", region), compute)


def higher_is_better(tables) -> dict:
    indicators = tables.indicators
    return tables.memo("rankings.hib", lambda: dict(zip(indicators["id"], indicators["higher_is_better"])))


def indicator_meta_of(tables, indicator: str) -> dict:
    return tables.memo(("rankings.meta", indicator), lambda: indicator_meta(tables.indicators, indicator))


def labels(tables, lang: str = "en") -> dict:
    def compute():
        indicators = indicators_in(tables.indicators, lang)
        return dict(zip(indicators["id"], indicators["short_label"]))

    return tables.memo(("rankings.labels", lang), compute)


def sources(tables, indicator_ids, what: str, lang: str = "en") -> str:
    """One 'Source: Eurostat (a; b)' line for several indicators, plus how the ranks were made (`what` comes
    translated)."""
    _ = translator(lang)

    def compute():
        line = source_line(tables.indicators, tables.sources, list(indicator_ids))
        parts = [p.strip() for p in line.split(";") if p.strip()]
        prefix = "Source: Eurostat ("
        if len(parts) > 1 and all(p.startswith(prefix) and p.endswith(")") for p in parts):
            line = prefix + "; ".join(p[len(prefix) : -1] for p in parts) + ")"
        if lang != "en":
            line = line.replace("Source: ", _("Source: "))
        return _("{sources}; {what}: own calculation").format(sources=line, what=what)

    return tables.memo(("rankings.sources", tuple(indicator_ids), what, lang), compute)


def region_filter(tables, state: RankingsState, lang: str = "en") -> tuple[RegionFilter, list[str]]:
    """The RegionFilter of the state, and words describing each filter that is set (in `lang`)."""
    _ = translator(lang)
    words = []
    specialised = programme = None
    if state.countries:
        words.append(_("in {countries}").format(countries=", ".join(state.countries)))
    if state.eco:
        name = tables.ecosystems.set_index("ecosystem_id")["name"].get(state.eco, state.eco)
        specialised = specialised_regions(tables.ecosystem_employment, state.eco, state.lq)
        words.append(
            _("specialised in {ecosystem} (LQ above {lq} in 2015)").format(
                ecosystem=_(name), lq=format_number(state.lq, lang, 1 if state.lq % 1 else 0)
            )
        )
    if state.prog and programme_available(tables.frames):
        participations = tables.frames["participations"]
        programme = programme_regions(participations, state.prog)
        known, total = programme_coverage(participations, state.prog)
        note = (
            ""
            if state.level == 0 or known == total
            else " "
            + _(
                "(the region is known for {known} of its {total} participations; the others count only for their "
                "country)"
            ).format(known=known, total=total)
        )
        words.append(_("with participants in {programme}").format(programme=state.prog) + note)
    if state.basket:
        words.append(_("in your basket of {count}").format(count=len(state.basket)))
    flt = RegionFilter(
        level=state.level,
        eu_only=state.eu,
        countries=state.countries,
        specialised=specialised,
        programme=programme,
        basket=state.basket,
    )
    return flt, words


def region_options(tables, level: int, eu: bool) -> tuple[list, list]:
    """(country options, region options) of a level: the same for every visitor, kept per data version."""

    def compute():
        regions = tables.regions
        at_level = regions[regions["level"] == level]
        if eu:
            at_level = at_level[at_level["is_eu"]]
        countries = regions[(regions["level"] == 0) & regions["code"].isin(at_level["country"].unique())]

        def options(rows, order):
            return [{"label": f"{r.name} ({r.code})", "value": r.code} for r in rows.sort_values(order).itertuples()]

        return options(countries, "code"), options(at_level, "name")

    return tables.memo(("rankings.region_options", level, eu), compute)


# --- the ranking ---------------------------------------------------------------------------------------------


def ranking_data(tables, state: RankingsState, lang: str = "en") -> dict:
    """Ranked rows, the regions without a value and what the page says about them (plain data, texts in `lang`)."""
    _ = translator(lang)
    flt, words = region_filter(tables, state, lang)
    at, regions = region_rows(tables, flt)
    described = _(LEVEL_NAMES[state.level]) + " " + (_("of the EU") if state.eu else _("(EU and non-EU)"))
    out = {
        "set": described + (" " + "; ".join(words) if words else ""),
        "n_set": len(at),
        "rows": [],
        "missing": [],
        "notes": [],
        "contributions": {},
        "used": [],
        "weights": {},
        "dropped": [],
        "earlier_dropped": [],
    }
    if not len(at):
        return out
    if state.composite:
        weights = state.weights
        if not weights:
            out["notes"].append(_("The composite needs at least one indicator with a weight above 0."))
            return out
        values, flags = year_matrix(tables, weights, state.year, at)
        earlier = None if state.cmp is None else year_matrix(tables, weights, state.cmp, at)[0]
        try:
            ranked, result, earlier_result = composite_columns(
                regions,
                values,
                flags,
                earlier,
                list(weights),
                weights,
                higher_is_better(tables),
                state.norm,
                state.agg,
                labels(tables),
            )[1:]
        except ValueError:
            out["notes"].append(
                _("None of the chosen indicators has a value for these regions in {year}.").format(year=state.year)
            )
            out["dropped"] = list(weights)
            return out
        value = result["value"]
        out["used"] = list(result["used"])
        out["weights"] = dict(zip(result["used"], np.round(result["weights"], 6).tolist()))
        out["dropped"] = result["dropped"]
        out["earlier_dropped"] = earlier_result["dropped"] if earlier_result is not None else []
        contributions = np.round(result["contributions"], 6)
        codes = regions[0].tolist()
        out["contributions"] = {c: dict(zip(codes, contributions[:, j].tolist())) for j, c in enumerate(result["used"])}
    else:
        meta = indicator_meta_of(tables, state.indicator)
        value, flags = (a[at] for a in year_column(tables, state.indicator, state.year))
        earlier = year_column(tables, state.indicator, state.cmp)[0][at] if state.cmp is not None else None
        ranked = rank_columns(*regions, value, flags, bool(meta["higher_is_better"]), earlier)[1]
    out["rows"] = records(ranked)
    missing = np.isnan(value)
    out["missing"] = [{"code": c, "name": n, "country": k} for c, n, k in zip(*(a[missing].tolist() for a in regions))]
    return out
