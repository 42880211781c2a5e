"""What the Rankings page ranks for a validated state, as plain data: the lookups kept per data version (year
slices, labels, source lines, the region filter) and the ranked rows (`ranking_data`).

Pure functions of the tables and the state: callbacks/rankings.py caches `ranking_data` per data version and
state, and callbacks/rankings_sensitivity.py draws its weights over the same region filter and year slices.
"""

from __future__ import annotations

import pandas as pd

from data import composite as comp
from data.labels import indicators_in
from data.queries import indicator_meta, source_line
from data.ranking import (
    RegionFilter,
    programme_available,
    programme_coverage,
    programme_regions,
    rank_composite,
    rank_set,
    region_set,
    specialised_regions,
    values_in_year,
)
from i18n import N_, format_number, translator
from state.rankings import RankingsState

LEVEL_NAMES = {0: N_("countries"), 1: N_("NUTS 1 regions"), 2: N_("NUTS 2 regions")}


# --- lookups kept per data version ---------------------------------------------------------------------------


def year_values(tables, indicator_ids, year: int) -> pd.DataFrame:
    """The rows of tables.indicator_values for these indicators and year. Each (indicator, year) slice is cut
    from the 60,000-row table once per data version, so a new combination of controls starts from small frames."""
    parts = [
        tables.memo(
            ("rankings.slice", indicator, int(year)),
            lambda indicator=indicator: values_in_year(tables.indicator_values, indicator, int(year)).assign(
                indicator=indicator, year=int(year)
            ),
        )
        for indicator in indicator_ids
    ]
    return pd.concat(parts, ignore_index=True) if parts else tables.indicator_values.iloc[0:0]


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
    regions = region_set(tables.regions, flt)
    described = _(LEVEL_NAMES[state.level]) + " " + (_("of the EU") if state.eu else _("(EU and non-EU)"))
    out = {
        "set": described + (" " + "; ".join(words) if words else ""),
        "n_set": len(regions),
        "rows": [],
        "missing": [],
        "notes": [],
        "contributions": {},
        "used": [],
        "weights": {},
        "dropped": [],
        "earlier_dropped": [],
    }
    if regions.empty:
        return out
    if state.composite:
        weights = state.weights
        if not weights:
            out["notes"].append(_("The composite needs at least one indicator with a weight above 0."))
            return out
        codes = regions["code"].tolist()
        hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
        values, flags = comp.indicator_frame(year_values(tables, weights, state.year), codes, weights, state.year)
        earlier = (
            None
            if state.cmp is None
            else comp.indicator_frame(year_values(tables, weights, state.cmp), codes, weights, state.cmp)[0]
        )
        try:
            ranking, result, earlier_result = rank_composite(
                regions, values, flags, earlier, weights, hib, state.norm, state.agg, labels(tables)
            )
        except ValueError:
            out["notes"].append(
                _("None of the chosen indicators has a value for these regions in {year}.").format(year=state.year)
            )
            out["dropped"] = list(weights)
            return out
        out["used"] = result.weights.index.tolist()
        out["weights"] = result.weights.round(6).to_dict()
        out["dropped"] = result.dropped
        out["earlier_dropped"] = earlier_result.dropped if earlier_result is not None else []
        contributions = result.contributions.round(6)
        out["contributions"] = {c: contributions[c].to_dict() for c in contributions.columns}
    else:
        meta = indicator_meta_of(tables, state.indicator)
        earlier = year_values(tables, [state.indicator], state.cmp) if state.cmp is not None else None
        ranking = rank_set(
            regions, year_values(tables, [state.indicator], state.year), bool(meta["higher_is_better"]), earlier
        )
    table = ranking.table.astype(object).where(ranking.table.notna(), None)
    out["rows"] = table.to_dict("records")
    out["missing"] = ranking.missing.to_dict("records")
    return out
