"""The composite's rank sensitivity to its weights, as plain data cached per data version and state.

Three layers, so a new seed, draw count or spread only redoes the numpy part: the scored regions' normalised
scores (`composite_scores`), their rank bands under random weights (`sensitivity_data`), and the chart, table
and summary (`sensitivity_view`).
"""

from __future__ import annotations

import numpy as np

import caching
from components.chart_card import data_table, with_csv
from components.figures import rankings as figs
from components.rankings_data import higher_is_better, region_filter, region_rows, sources, year_matrix
from components.rankings_view import bulky_as_json, figure_style
from data import composite as comp
from data.chart_data import drawn
from data.grid_rows import records
from data.ranking import shown_columns
from data.store import current_tables
from i18n import N_, format_number, format_percent, ntranslator, translator
from state.rankings import RankingsState

BULKY = ("figure", "table")
BAND_WORDS = {
    "rank": N_("Rank with your weights"),
    "median": N_("Median rank under perturbed weights"),
    "low": N_("Rank at the 5th percentile"),
    "high": N_("Rank at the 95th percentile"),
}
SCORE_IGNORES = ("indicator", "cmp", "mark", "n", "draws", "conc", "seed")


def sensitivity_view(state: RankingsState, lang: str = "en") -> dict:
    """The sensitivity callback's outputs by name: style, source, title, summary, and the figure and table as
    JSON text under "json" (as in components/rankings_view.py), texts in `lang`."""
    return _sensitivity_view(state.key("indicator", "cmp"), lang)


@caching.memoize
def composite_scores(key: str) -> dict:
    """The scored regions' normalised scores, weights and composite: what every weight draw re-aggregates."""
    tables, state = current_tables(), RankingsState.from_key(key)
    flt, _ = region_filter(tables, state)
    at, (codes, names, _countries) = region_rows(tables, flt)
    weights = state.weights
    if not len(at) or not weights:
        return {}
    values = year_matrix(tables, weights, state.year, at)[0]
    try:
        result = comp.composite_arrays(values, list(weights), weights, higher_is_better(tables), state.norm, state.agg)
    except ValueError:
        return {}
    scored = ~np.isnan(result["value"])
    return {
        "codes": codes[scored].tolist(),
        "names": names[scored].tolist(),
        "agg": state.agg,
        "scores": result["scores"][scored].tolist(),
        "value": result["value"][scored].tolist(),
        "weights": dict(zip(result["used"], result["weights"].tolist())),
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
    names = np.asarray(base["names"], dtype=object)
    order = np.lexsort((names, bands["rank"]))  # by rank, then name (stable)
    columns = {"code": np.asarray(base["codes"], dtype=object)[order], "name": names[order]}
    rows = records(columns | {k: v[order] for k, v in bands.items()})
    return {"rows": rows, "k": len(base["weights"]), "weights": base["weights"]}


def _summary(data: dict, state: RankingsState, lang: str = "en") -> str:
    _, ngettext = translator(lang), ntranslator(lang)
    if data["k"] == 1:
        return _("With a single indicator the weights cannot change the ranking: every band is one rank wide.")
    sens = data["rows"]
    width = np.array([r["high"] - r["low"] for r in sens])
    wmax = max(data["weights"].values())
    widest = sens[int(np.argmax(width))]  # the first of the widest, in rank order
    keep = int((width == 0).sum())
    return (
        _(
            "{draws} random weight sets around yours (seed {seed}; the largest weight, {wmax}, varies with a "
            "standard deviation of about {sd}% points). Half of the {count} regions have a 5-95% band at most "
            "{median} ranks wide;"
        ).format(
            draws=state.draws,
            seed=state.seed,
            wmax=format_percent(100 * wmax, lang, 0),
            sd=format_number(100 * comp.weight_sd(wmax, state.conc), lang, 0),
            count=len(sens),
            median=int(np.median(width)),
        )
        + " "
        + ngettext("{count} keeps exactly their rank.", "{count} keep exactly their rank.", keep).format(count=keep)
        + " "
        + _("Widest: {name} ({code}), ranks {low} to {high}.").format(
            name=widest["name"], code=widest["code"], low=int(widest["low"]), high=int(widest["high"])
        )
    )


@caching.memoize
def _sensitivity_view(key: str, lang: str = "en") -> dict:
    _ = translator(lang)
    tables, state = current_tables(), RankingsState.from_key(key)
    data = sensitivity_data(state.key("indicator", "cmp", "mark", "n"))
    weights = state.weights
    source = sources(tables, list(weights), _("sensitivity"), lang) if weights else ""
    if not data["rows"]:
        figure = figs.empty_figure(_("No region has a composite score for these choices."))
        return bulky_as_json(
            {
                "figure": figure,
                "style": figure_style(figure),
                "table": None,
                "source": source,
                "title": _("Rank sensitivity"),
                "summary": "",
            },
            BULKY,
        )
    sens = data["rows"]
    rows = shown_columns(sens, state.n, state.mark)
    title = _(
        "Rank sensitivity, {year}: rank with your weights, median and 5-95% band under {draws} weight draws"
    ).format(year=state.year, draws=state.draws)
    figure = figs.sensitivity_chart(rows, title, len(sens), lang)
    with_csv(figure, drawn(_bands(rows, lang), unit=_("rank (1 = best)"), year=state.year, source=source))
    names = {
        "rank": _("Rank with your weights"),
        "median": _("Median rank"),
        "p5": _("5th percentile"),
        "p95": _("95th percentile"),
        "name": _("Region"),
        "code": _("Code"),
    }
    table = {c: [r[c] for r in sens] for c in ("rank", "name", "code", "median", "p5", "p95")}
    return bulky_as_json(
        {
            "figure": figure,
            "style": figure_style(figure),
            "source": source,
            "title": title,
            "summary": _summary(data, state, lang),
            "table": data_table(table, {c: names[c] for c in table}, lang=lang),
        },
        BULKY,
    )


def _bands(rows: dict, lang: str = "en") -> dict:
    """The chart's numbers a row per region and band (rank, median, low, high; as a melt of `rows` would give
    them), the band in words: what its CSV holds."""
    _ = translator(lang)
    bands = ("rank", "median", "low", "high")
    n = len(rows["code"])
    return {
        "code": rows["code"] * len(bands),
        "name": rows["name"] * len(bands),
        "what": [word for band in bands for word in [_(BAND_WORDS[band])] * n],
        "value": [v for band in bands for v in rows[band]],
    }
