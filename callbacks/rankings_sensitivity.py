"""The composite's rank sensitivity to its weights, as plain data cached per data version and state.

Three layers, so a new seed, draw count or spread only redoes the numpy part: the scored regions' normalised
scores (`composite_scores`), their rank bands under random weights (`sensitivity_data`), and the chart, table
and summary (`sensitivity_view`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import caching
from components.chart_card import data_table, with_csv
from components.figures import rankings as figs
from components.rankings_data import region_filter, sources, year_values
from components.rankings_view import bulky_as_json, figure_style
from data import composite as comp
from data.chart_data import drawn
from data.ranking import region_set, shown_rows
from data.store import current_tables
from state.rankings import RankingsState

BULKY = ("figure", "table")
BAND_WORDS = {
    "rank": "Rank with your weights",
    "median": "Median rank under perturbed weights",
    "low": "Rank at the 5th percentile",
    "high": "Rank at the 95th percentile",
}
SCORE_IGNORES = ("indicator", "cmp", "mark", "n", "draws", "conc", "seed")


def sensitivity_view(state: RankingsState) -> dict:
    """The sensitivity callback's outputs by name: style, source, title, summary, and the figure and table as
    JSON text under "json" (as in components/rankings_view.py)."""
    return _sensitivity_view(state.key("indicator", "cmp"))


@caching.memoize
def composite_scores(key: str) -> dict:
    """The scored regions' normalised scores, weights and composite: what every weight draw re-aggregates."""
    tables, state = current_tables(), RankingsState.from_key(key)
    flt, _ = region_filter(tables, state)
    regions = region_set(tables.regions, flt)
    weights = state.weights
    if regions.empty or not weights:
        return {}
    codes = regions["code"].tolist()
    hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"]))
    values, _ = comp.indicator_frame(year_values(tables, weights, state.year), codes, weights, state.year)
    try:
        result = comp.composite(values, weights, hib, state.norm, state.agg)
    except ValueError:
        return {}
    scored = result.value.notna().to_numpy()
    names = regions.set_index("code")["name"]
    index = result.value.index[scored]
    return {
        "codes": index.tolist(),
        "names": names.reindex(index).tolist(),
        "agg": state.agg,
        "scores": result.scores.to_numpy()[scored].tolist(),
        "value": result.value.to_numpy()[scored].tolist(),
        "weights": result.weights.to_dict(),
    }


@caching.memoize
def sensitivity_data(key: str) -> dict:
    """Baseline rank, median rank and band of each scored region (plain data)."""
    state = RankingsState.from_key(key)
    base = composite_scores(state.key(*SCORE_IGNORES))
    if not base or not base["codes"]:
        return {"rows": [], "k": 0}
    bands = comp.rank_bands(
        np.asarray(base["scores"], dtype="float64"),
        np.asarray(list(base["weights"].values())),
        np.asarray(base["value"]),
        base["agg"],
        state.draws,
        float(state.conc),
        state.seed,
    )
    sens = pd.DataFrame({"code": base["codes"], "name": base["names"]} | bands)
    sens = sens.sort_values(["rank", "name"], kind="stable")
    return {"rows": sens.to_dict("records"), "k": len(base["weights"]), "weights": base["weights"]}


def _count(n, singular_verb, plural_verb) -> str:
    return f"{int(n)} {singular_verb if int(n) == 1 else plural_verb}"


def _summary(sens: pd.DataFrame, data: dict, state: RankingsState) -> str:
    if data["k"] == 1:
        return "With a single indicator the weights cannot change the ranking: every band is one rank wide."
    width = sens["high"] - sens["low"]
    wmax = max(data["weights"].values())
    widest = sens.loc[width.idxmax()]
    return (
        f"{state.draws} random weight sets around yours (seed {state.seed}; the largest weight, {wmax:.0%}, "
        f"varies with a standard deviation of about {comp.weight_sd(wmax, state.conc):.0%} points). Half of the "
        f"{len(sens)} regions have a 5-95% band at most {int(width.median())} ranks wide; "
        f"{_count((width == 0).sum(), 'keeps', 'keep')} exactly their rank. Widest: {widest['name']} "
        f"({widest['code']}), ranks {int(widest['low'])} to {int(widest['high'])}."
    )


@caching.memoize
def _sensitivity_view(key: str) -> dict:
    tables, state = current_tables(), RankingsState.from_key(key)
    data = sensitivity_data(state.key("indicator", "cmp", "mark", "n"))
    weights = state.weights
    source = sources(tables, list(weights), "sensitivity") if weights else ""
    if not data["rows"]:
        figure = figs.empty_figure("No region has a composite score for these choices.")
        return bulky_as_json(
            {
                "figure": figure,
                "style": figure_style(figure),
                "table": None,
                "source": source,
                "title": "Rank sensitivity",
                "summary": "",
            },
            BULKY,
        )
    sens = pd.DataFrame(data["rows"])
    rows = shown_rows(sens, state.n, state.mark)
    title = (
        f"Rank sensitivity, {state.year}: rank with your weights, median and 5-95% band under {state.draws} "
        f"weight draws"
    )
    figure = figs.sensitivity_chart(rows, title, len(sens))
    bands = rows.melt(["code", "name"], ["rank", "median", "low", "high"], var_name="what")
    with_csv(
        figure,
        drawn(bands.assign(what=bands["what"].map(BAND_WORDS)), unit="rank (1 = best)", year=state.year, source=source),
    )
    table = sens.rename(
        columns={
            "rank": "Rank with your weights",
            "median": "Median rank",
            "p5": "5th percentile",
            "p95": "95th percentile",
            "name": "Region",
            "code": "Code",
        }
    )
    columns = ("Rank with your weights", "Region", "Code", "Median rank", "5th percentile", "95th percentile")
    return bulky_as_json(
        {
            "figure": figure,
            "style": figure_style(figure),
            "source": source,
            "title": title,
            "summary": _summary(sens, data, state),
            "table": data_table(table, {c: c for c in columns}),
        },
        BULKY,
    )
