"""What the Rankings page shows for a validated state, as plain data cached per data version and state.

`ranking_view(state)` gives the ranking callback's outputs by name (figures, grid rows and columns, the charts'
text alternatives, titles, sources) and, for the summary, the empty-result message and the composite's method
note, plain facts the callback turns into components after the cache read. The cache keys are the state's
fields (`RankingsState.key`), leaving out those an answer does not depend on.

The bulky outputs are kept as JSON text, under "json" (`bulky_as_json`): a warm answer then unpickles a few
strings that go into Dash's answer as they are, instead of rebuilding and re-encoding some 2,500 small values
(0.2 ms, a third of a warm answer; measured with benchmarks/callbacks_rankings.py).
"""

from __future__ import annotations

import pandas as pd
import plotly.io.json

import caching
from components import theme
from components.chart_card import GRID_CSV_GUARD, data_table, with_csv
from components.figures import rankings as figs
from data import composite as comp
from data.chart_data import drawn, spec
from data.queries import indicator_meta, reference_value, source_line
from data.ranking import (
    RegionFilter,
    programme_available,
    programme_coverage,
    programme_regions,
    rank_composite,
    rank_set,
    region_set,
    shown_rows,
    specialised_regions,
    values_in_year,
)
from data.store import current_tables
from state import rankings as st
from state.rankings import RankingsState

LEVEL_NAMES = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}
COMPOSITE_LABEL = "Composite indicator"
EMPTY_FIGURE = {"data": [], "layout": {}}
COMPOSITE_ONLY = ("weights", "weights_default", "norm", "agg")  # fields a single indicator's ranking ignores
SENSITIVITY_ONLY = ("draws", "conc", "seed")
GRID_NOTE = (
    "Click a column header to sort, type in the boxes under the headers to filter. The CSV holds exactly "
    "the rows and columns shown, in the order shown."
)


def state_key(state: RankingsState, *ignored: str) -> str:
    """The state's cache key without `ignored` fields, nor the composite's when a single indicator is ranked."""
    return state.key(*ignored, *(() if state.composite else COMPOSITE_ONLY))


def bulky_as_json(view: dict, names) -> dict:
    """`view` with the outputs `names` moved to view["json"] as JSON text."""
    return {k: v for k, v in view.items() if k not in names} | {
        "json": {k: plotly.io.json.to_json_plotly(view[k]) for k in names}
    }


def figure_style(figure) -> dict:
    return {"height": f"{figure.layout.height or 420}px"}


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


def _indicator_meta(tables, indicator: str) -> dict:
    return tables.memo(("rankings.meta", indicator), lambda: indicator_meta(tables.indicators, indicator))


def labels(tables) -> dict:
    return tables.memo("rankings.labels", lambda: dict(zip(tables.indicators["id"], tables.indicators["short_label"])))


def sources(tables, indicator_ids, what: str) -> str:
    """One 'Source: Eurostat (a; b)' line for several indicators, plus how the ranks were made."""

    def compute():
        line = source_line(tables.indicators, tables.sources, list(indicator_ids))
        parts = [p.strip() for p in line.split(";") if p.strip()]
        prefix = "Source: Eurostat ("
        if len(parts) > 1 and all(p.startswith(prefix) and p.endswith(")") for p in parts):
            line = prefix + "; ".join(p[len(prefix) : -1] for p in parts) + ")"
        return f"{line}; {what}: own calculation"

    return tables.memo(("rankings.sources", tuple(indicator_ids), what), compute)


def region_filter(tables, state: RankingsState) -> tuple[RegionFilter, list[str]]:
    """The RegionFilter of the state, and words describing each filter that is set."""
    words = []
    specialised = programme = None
    if state.countries:
        words.append("in " + ", ".join(state.countries))
    if state.eco:
        name = tables.ecosystems.set_index("ecosystem_id")["name"].get(state.eco, state.eco)
        specialised = specialised_regions(tables.ecosystem_employment, state.eco, state.lq)
        words.append(f"specialised in {name} (LQ above {state.lq:g} in 2015)")
    if state.prog and programme_available(tables.frames):
        participations = tables.frames["participations"]
        programme = programme_regions(participations, state.prog)
        known, total = programme_coverage(participations, state.prog)
        note = (
            ""
            if state.level == 0 or known == total
            else (
                f" (the region is known for {known} of its {total} participations; the others count only for their "
                f"country)"
            )
        )
        words.append(f"with participants in {state.prog}{note}")
    if state.basket:
        words.append(f"in your basket of {len(state.basket)}")
    flt = RegionFilter(
        level=state.level,
        eu_only=state.eu,
        countries=state.countries,
        specialised=specialised,
        programme=programme,
        basket=state.basket,
    )
    return flt, words


# --- the ranking ---------------------------------------------------------------------------------------------


def ranking_data(state: RankingsState) -> dict:
    """Ranked rows, the regions without a value and what the page says about them (plain data)."""
    return _ranking_data(state_key(state, "mark", "n", *SENSITIVITY_ONLY))


@caching.memoize
def _ranking_data(key: str) -> dict:
    tables, state = current_tables(), RankingsState.from_key(key)
    flt, words = region_filter(tables, state)
    regions = region_set(tables.regions, flt)
    described = f"{LEVEL_NAMES[state.level]}{' of the EU' if state.eu else ' (EU and non-EU)'}"
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
            out["notes"].append("The composite needs at least one indicator with a weight above 0.")
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
            out["notes"].append(f"None of the chosen indicators has a value for these regions in {state.year}.")
            out["dropped"] = list(weights)
            return out
        out["used"] = result.weights.index.tolist()
        out["weights"] = result.weights.round(6).to_dict()
        out["dropped"] = result.dropped
        out["earlier_dropped"] = earlier_result.dropped if earlier_result is not None else []
        contributions = result.contributions.round(6)
        out["contributions"] = {c: contributions[c].to_dict() for c in contributions.columns}
    else:
        meta = _indicator_meta(tables, state.indicator)
        earlier = year_values(tables, [state.indicator], state.cmp) if state.cmp is not None else None
        ranking = rank_set(
            regions, year_values(tables, [state.indicator], state.year), bool(meta["higher_is_better"]), earlier
        )
    table = ranking.table.astype(object).where(ranking.table.notna(), None)
    out["rows"] = table.to_dict("records")
    out["missing"] = ranking.missing.to_dict("records")
    return out


def _meta(tables, state: RankingsState) -> dict:
    if state.composite:
        zscore_mean = state.norm == "zscore" and state.agg == "arithmetic"
        return {
            "label": COMPOSITE_LABEL,
            "unit": "score" + (" (z-score mean)" if zscore_mean else ", 0 to 1"),
            "decimals": 2 if zscore_mean else 3,
            "higher_is_better": True,
        }
    meta = _indicator_meta(tables, state.indicator)
    return {
        "label": meta["label"],
        "unit": meta["unit"],
        "decimals": int(meta["decimals"]),
        "higher_is_better": bool(meta["higher_is_better"]),
    }


def _title(meta, state: RankingsState, total: int) -> str:
    regions = LEVEL_NAMES[state.level]
    part = f"top and bottom {state.n} of {total} {regions}" if total > 2 * state.n else f"all {total} {regions}"
    direction = "" if meta["higher_is_better"] else " (lower is better: rank 1 = lowest)"
    return f"{meta['label']}, {state.year}: {part}{direction}"


def grid_columns(meta, cmp, composite) -> list[dict]:
    fmt = f",.{meta['decimals']}f"
    columns = [
        {"field": "rank", "headerName": "Rank", "filter": "agNumberColumnFilter", "maxWidth": 110, "sort": "asc"},
        {"field": "name", "headerName": "Region", "filter": "agTextColumnFilter", "minWidth": 200},
        {"field": "code", "headerName": "Code", "filter": "agTextColumnFilter", "maxWidth": 120},
        {"field": "country", "headerName": "Country", "filter": "agTextColumnFilter", "maxWidth": 120},
        {
            "field": "value",
            "headerName": f"{meta['label']} ({meta['unit']})",
            "filter": "agNumberColumnFilter",
            "type": "rightAligned",
            "minWidth": 160,
            "valueFormatter": {"function": f"params.value == null ? '' : d3.format('{fmt}')(params.value)"},
        },
        {"field": "country_rank", "headerName": "Rank in country", "filter": "agNumberColumnFilter", "maxWidth": 150},
    ]
    if cmp is not None:
        columns += [
            {
                "field": "earlier_rank",
                "headerName": f"Rank in {cmp}",
                "filter": "agNumberColumnFilter",
                "maxWidth": 140,
            },
            {
                "field": "rank_change",
                "headerName": f"Change since {cmp} (+ = up)",
                "filter": "agNumberColumnFilter",
                "maxWidth": 190,
                "valueFormatter": {
                    "function": "params.value == null ? 'no rank then' : "
                    "(params.value > 0 ? '+' + params.value : String(params.value))"
                },
            },
        ]
    if composite:
        columns.append(
            {
                "field": "coverage",
                "headerName": "Share of weight with a value",
                "maxWidth": 200,
                "filter": "agNumberColumnFilter",
                "valueFormatter": {"function": "params.value == null ? '' : d3.format('.0%')(params.value)"},
            }
        )
    columns.append(
        {
            "field": "flag_text",
            "headerName": "Flag",
            "filter": "agTextColumnFilter",
            "minWidth": 160,
            "tooltipField": "flag_text",
        }
    )
    return columns


def _summary(data, meta, state: RankingsState) -> dict:
    """The summary line's parts: how many regions are ranked, on what, and which are left out and why."""
    ranked, missing = len(data["rows"]), len(data["missing"])
    what = "the composite indicator" if state.composite else meta["label"]
    summary = {
        "ranked": f"{ranked} {LEVEL_NAMES[state.level]} ranked",
        "what": f" on {what} in {state.year}: {data['set']}.",
        "missing": None,
    }
    if missing:
        has = "s have" if missing != 1 else " has"
        if state.composite:
            why = f"{missing} region{has} values for less than {comp.MIN_SHARE:.0%} of the composite's weight"
        else:
            why = f"{missing} region{has} no value"
        names = ", ".join(f"{r['name']} ({r['code']})" for r in data["missing"][:60])
        summary["missing"] = {
            "why": f"{why} in {state.year}" if state.composite else f"{why} for {state.year}",
            "verb": "are left out of the ranking" if missing != 1 else "is left out of the ranking",
            "names": names + (f" and {missing - 60} more" if missing > 60 else ""),
        }
    return summary


def _method(tables, data, state: RankingsState) -> dict | None:
    """The composite's method note: the weights used, and the indicators left out now or in the comparison year."""
    if not data["used"]:
        return None
    names = labels(tables)
    default = st.default_weights(tables, st.level_codes(tables, state.level, state.eu), state.year)
    positive = {k: w for k, w in state.weights.items() if w > 0}
    is_default = bool(default) and set(positive) == set(default) and len(set(positive.values())) == 1
    earlier_dropped = data["earlier_dropped"] if state.cmp is not None else []
    return {
        "head": f"{'Default composite' if is_default else 'Composite'} in {state.year}: ",
        "used": ", ".join(f"{names.get(i, i)} {w:.0%}" for i, w in data["weights"].items()),
        "dropped": ", ".join(names.get(i, i) for i in data["dropped"]),
        "earlier_dropped": ", ".join(names.get(i, i) for i in earlier_dropped),
        "year": state.year,
        "cmp": state.cmp,
    }


BULKY = ("bars", "bars_table", "contrib", "contrib_table", "rows", "columns")


def ranking_view(state: RankingsState) -> dict:
    """The ranking callback's outputs by name, the bulky ones as JSON text under "json"; `summary`, `empty` and
    `method` hold plain facts (or None)."""
    return _ranking_view(state_key(state, *SENSITIVITY_ONLY))


def empty_view(**facts) -> dict:
    return {
        "bars": EMPTY_FIGURE,
        "bars_style": {"height": "420px"},
        "bars_table": None,
        "bars_source": "",
        "bars_title": "",
        "contrib": EMPTY_FIGURE,
        "contrib_style": {"height": "420px"},
        "contrib_table": None,
        "contrib_source": "",
        "contrib_title": "",
        "rows": [],
        "columns": [],
        "csv": {"fileName": "rankings.csv", "processCellCallback": GRID_CSV_GUARD},
        "grid_note": "",
        "summary": None,
        "empty": None,
        "method": None,
    } | facts


@caching.memoize
def _ranking_view(key: str) -> dict:
    tables, state = current_tables(), RankingsState.from_key(key)
    data = ranking_data(state)
    meta = _meta(tables, state)
    method = _method(tables, data, state) if state.composite else None
    if data["n_set"] == 0:
        return bulky_as_json(
            empty_view(
                method=method,
                empty={
                    "strong": "No region matches these filters",
                    "color": "info",
                    "text": f" ({data['set']}). Remove a filter or choose another NUTS level to see a ranking.",
                },
            ),
            BULKY,
        )
    if not data["rows"]:
        what = "the composite indicator" if state.composite else meta["label"]
        reason = " ".join(data["notes"]) or (
            f"None of the {data['n_set']} {LEVEL_NAMES[state.level]} has a value for {what} in {state.year}."
        )
        return bulky_as_json(
            empty_view(
                method=method,
                summary=_summary(data, meta, state),
                empty={
                    "strong": "Nothing to rank. ",
                    "text": f"{reason} Choose another year or indicator.",
                    "color": "info",
                },
            ),
            BULKY,
        )
    table = pd.DataFrame(data["rows"])
    for col in ("rank", "country_rank", "earlier_rank", "rank_change"):
        table[col] = pd.array(table[col], dtype="Int64")
    table["value"] = table["value"].astype("float64")
    rows = shown_rows(table, state.n, state.mark)
    title = _title(meta, state, len(table))
    reference = None
    if not state.composite:
        reference = (reference_value(tables.indicator_values, state.indicator, "EU27_2020", state.year)[0], "EU27")
    bars = figs.ranked_bars(rows, title, meta["unit"], meta["decimals"], reference)
    source = sources(tables, data["used"] if state.composite else [state.indicator], "ranks")
    with_csv(
        bars,
        drawn(
            rows, indicator=meta["label"], unit=meta["unit"], year=state.year, source=source, decimals=meta["decimals"]
        )
        if state.composite
        else spec("indicator_values", indicators=[state.indicator], regions=list(rows["code"]), year=state.year),
    )
    shown = rows.assign(
        value=[theme.format_value(v, meta["decimals"]) for v in rows["value"]],
        marked=rows["marked"].map({True: "selected", False: ""}),
    )
    view = empty_view(
        bars=bars,
        bars_style=figure_style(bars),
        bars_title=title,
        bars_source=source,
        bars_table=data_table(
            shown,
            {
                "rank": "Rank",
                "name": "Region",
                "code": "Code",
                "value": f"{meta['label']} ({meta['unit']})",
                "flag_text": "Flag",
                "marked": "Selected",
            },
        ),
        summary=_summary(data, meta, state),
        method=method,
        grid_note=GRID_NOTE,
        csv={
            "fileName": f"rankings-{state.indicator}-{state.year}-nuts{state.level}.csv",
            "processCellCallback": GRID_CSV_GUARD,
        },
    )
    if state.composite and data["contributions"]:
        names = labels(tables)
        contributions = pd.DataFrame(data["contributions"])
        ctitle = f"What the composite is made of, {state.year}: contribution of each indicator"
        contrib = figs.contribution_bars(rows, contributions, names, ctitle, meta["decimals"])
        long = contributions.reindex(rows["code"]).rename_axis("code").reset_index().melt("code", var_name="what")
        with_csv(
            contrib,
            drawn(
                long.assign(
                    what="Contribution: " + long["what"].map(lambda i: names.get(i, i)),
                    name=long["code"].map(dict(zip(rows["code"], rows["name"]))),
                ),
                unit=meta["unit"],
                year=state.year,
                source=source,
                decimals=meta["decimals"],
            ),
        )
        ctable = rows[["rank", "name", "code"]].copy()
        for c in contributions.columns:
            ctable[c] = [theme.format_value(contributions[c].get(code), meta["decimals"]) for code in rows["code"]]
        view.update(
            contrib=contrib,
            contrib_style=figure_style(contrib),
            contrib_title=ctitle,
            contrib_source=source,
            contrib_table=data_table(
                ctable,
                {"rank": "Rank", "name": "Region", "code": "Code"}
                | {c: names.get(c, c) for c in contributions.columns},
            ),
        )
    columns = grid_columns(meta, state.cmp, state.composite)
    grid = table.copy()
    grid["value"] = grid["value"].round(meta["decimals"])
    if "coverage" in grid:
        grid["coverage"] = grid["coverage"].astype("float64").round(3)
    keep = [c["field"] for c in columns]
    grid = grid[keep].astype(object).where(grid[keep].notna(), None)
    view.update(rows=grid.to_dict("records"), columns=columns)
    return bulky_as_json(view, BULKY)
