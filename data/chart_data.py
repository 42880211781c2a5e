"""The data behind a chart, as the tidy frame its CSV download gives: what, unit, year, who, value, flag, source.

A figure carries a small spec in `layout.meta["csv"]` ({"kind": ..., "args": {...}}, see `spec`); `chart_frame`
reads the frame for it from the tables. The spec comes back from the browser, so every argument is checked here:
unknown codes are dropped, a spec that names nothing known raises `ChartDataError` with a message for the user.
Values are rounded to the indicator's decimals; a missing value stays empty (never 0).
"""

from __future__ import annotations

import inspect
import numbers

import numpy as np
import pandas as pd

from data.build.nuts import EU_CODE
from data.profile import AGGLOMERATIONS, AGGLOMERATIONS_META, agglomeration_counts
from data.queries import combine_attributions, flag_text, retrieved_note, source_line
from i18n import Message

COLUMNS = ["indicator", "unit", "year", "region_code", "region_name", "value", "flag", "source"]
MAX_ITEMS = 5000  # codes, indicators or rows one spec may name (more than any chart draws)
LQ_UNIT = "location quotient (EU27 = 1)"
LOWER_BOUND = "lower bound (suppressed NACE cells)"
DRAWN = ("what", "unit", "year", "code", "name", "value", "flag")  # the columns of drawn rows
LABELS = {"what": "indicator", "unit": "unit", "year": "year", "flag": "flag"}  # ... that may travel once


class ChartDataError(ValueError):
    """A spec the app cannot answer; the message is for the user."""


def spec(kind: str, **args) -> dict:
    """What `layout.meta["csv"]` holds: the kind of frame and its primitive arguments."""
    return {"kind": kind, "args": args}


def drawn(frame: pd.DataFrame, **labels) -> dict:
    """The spec of a chart whose numbers no table holds (see `drawn_rows`): the frame's code, name, value and, if
    there, what, unit, year and flag columns, as lists; a column with one value for every row travels once, as a
    label. `frame`: a DataFrame, or its columns as a dict of lists. `labels`: indicator (what), unit, year, flag,
    source, decimals."""
    columns = {}
    for column in [c for c in DRAWN if c in frame]:
        values = [
            None if v is None or v is pd.NA or v != v else v.item() if hasattr(v, "item") else v for v in frame[column]
        ]
        if column in LABELS and len(values) and len(set(map(repr, values))) == 1:
            labels[LABELS[column]] = values[0]
        else:
            columns[column] = values
    return spec("rows", columns=columns, **labels)


# --- argument checks -------------------------------------------------------------------------------------------


def _strings(value, known, what: str) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else [value]
    if len(items) > MAX_ITEMS:
        raise ChartDataError(Message("Too many {what} for one download.", what=Message(what)))
    out = list(dict.fromkeys(v for v in items if isinstance(v, str) and v in known))
    if not out:
        raise ChartDataError(Message("This chart names no known {what}.", what=Message(what)))
    return out


def _codes(tables, regions, level, eu_only) -> list[str]:
    """The region codes a spec names: a list, or every region of a NUTS level (in code order)."""
    if regions is None and level in (0, 1, 2) and not isinstance(level, bool):
        rows = tables.regions[tables.regions["level"] == level]
        rows = rows[rows["is_eu"]] if eu_only is True else rows
        return sorted(rows["code"])
    return _strings(regions, set(tables.regions["code"]), "region")


def _year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 1900 <= int(value) <= 2100:
        raise ChartDataError(Message("This chart names no valid year."))
    return int(value)


def _number(value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    value = float(value)
    return value if value == value and abs(value) != float("inf") else None


def rounded(value, decimals: int):
    """`value` to `decimals` places (a whole number without '.0'); None when missing."""
    if value is None or pd.isna(value):
        return None
    return int(round(float(value))) if decimals == 0 else round(float(value), decimals)


def _cells(values) -> np.ndarray:
    """Values as objects, so a whole number stays '57200' in the CSV next to a missing one (not 57200.0)."""
    return np.array(list(values), dtype=object)


def _text(value, limit: int = 500) -> str:
    return "" if value is None else str(value)[:limit]


# --- kinds -----------------------------------------------------------------------------------------------------


def indicator_values(
    tables, indicators, regions=None, level=None, eu_only=False, year=None, years=None
) -> pd.DataFrame:
    """Values of `indicators` for `regions` (or every region of NUTS `level`, of the EU only with `eu_only`): in one
    `year`, in one year per indicator (`years`: {id: year}), or in every year with a row (neither). With a year,
    a region without a value gets an empty row, as the chart shows it ("no data")."""
    meta = pd.concat(
        [
            tables.indicators.set_index("id")[["label", "unit", "decimals"]],
            pd.DataFrame([AGGLOMERATIONS_META]).set_index("id")[["label", "unit", "decimals"]],
        ]
    )
    ids = _strings(indicators, set(meta.index), "indicator")
    codes = _codes(tables, regions, level, eu_only)
    values = tables.indicator_values
    if AGGLOMERATIONS in ids:  # the derived measure Compare's scatter offers next to the indicators
        counts = agglomeration_counts(tables.ecosystem_employment)
        values = pd.concat(
            [
                values,
                pd.DataFrame(
                    {
                        "region": counts.index,
                        "indicator": AGGLOMERATIONS,
                        "year": AGGLOMERATIONS_META["year"],
                        "value": counts.to_numpy(dtype="float64"),
                        "flag": None,
                    }
                ),
            ]
        )
    rows = values[values["indicator"].isin(ids) & values["region"].isin(codes)]
    if year is not None or isinstance(years, dict):
        per = {i: _year((years or {}).get(i)) if isinstance(years, dict) else _year(year) for i in ids}
        grid = pd.DataFrame(
            [(i, c, per[i]) for i in ids if per[i] is not None for c in codes], columns=["indicator", "region", "year"]
        )
        rows = grid.merge(rows, on=["indicator", "region", "year"], how="left")
    names = tables.regions.set_index("code")["name"]
    sources = {
        i: attribution(tables, ["sbs", "ecosystem_weights"])
        if i == AGGLOMERATIONS
        else source_line(tables.indicators, tables.sources, [i])
        for i in ids
    }
    out = pd.DataFrame(
        {
            "indicator": rows["indicator"].map(meta["label"]),
            "unit": rows["indicator"].map(meta["unit"]),
            "year": rows["year"].astype("Int64"),
            "region_code": rows["region"],
            "region_name": rows["region"].map(names),
            "value": _cells(rounded(v, int(meta.at[i, "decimals"])) for i, v in zip(rows["indicator"], rows["value"])),
            "flag": rows["flag"].map(flag_text),
            "source": rows["indicator"].map(sources),
        }
    )
    order = {i: n for n, i in enumerate(ids)}, {c: n for n, c in enumerate(codes)}
    out = out.assign(_i=rows["indicator"].map(order[0]).values, _c=rows["region"].map(order[1]).values)
    return out.sort_values(["_i", "_c", "year"], kind="stable").drop(columns=["_i", "_c"]).reset_index(drop=True)


def ecosystem_lq(tables, regions=None, level=None, eu_only=False, ecosystems=None, year=None) -> pd.DataFrame:
    """Location quotients of industrial ecosystems (all, or `ecosystems`) for `regions` (or those of `level`) in
    `year` (else the latest); an estimate with suppressed NACE cells is flagged as a lower bound."""
    emp = tables.ecosystem_employment
    names = tables.ecosystems.set_index("ecosystem_id")["name"]
    codes = _codes(tables, regions, level, eu_only)
    ids = list(names.index) if ecosystems is None else _strings(ecosystems, set(names.index), "ecosystem")
    year = _year(year) if year is not None else int(emp["year"].max())
    grid = pd.DataFrame([(c, i) for c in codes for i in ids], columns=["region", "ecosystem_id"])
    rows = grid.merge(emp[emp["year"] == year], on=["region", "ecosystem_id"], how="left")
    region_names = tables.regions.set_index("code")["name"]
    return pd.DataFrame(
        {
            "indicator": "Location quotient: " + rows["ecosystem_id"].map(names),
            "unit": LQ_UNIT,
            "year": pd.array([year] * len(rows), dtype="Int64"),
            "region_code": rows["region"],
            "region_name": rows["region"].map(region_names),
            "value": _cells(rounded(v, 2) for v in rows["lq"]),
            "flag": ["" if pd.isna(c) or bool(c) else LOWER_BOUND for c in rows["complete"]],
            "source": attribution(tables, ["sbs", "ecosystem_weights"]),
        }
    )


def ecosystem_shares(tables, country, basis) -> pd.DataFrame:
    """A country's and the EU27's employment share of each ecosystem (% of the `basis`), and their ratio."""
    from data.specialisation import BASES, country_vs_eu_shares

    country = _strings(country, set(tables.regions.loc[tables.regions["level"] == 0, "code"]), "country")[0]
    basis = _strings(basis, set(BASES), "basis of the shares")[0]
    df = country_vs_eu_shares(tables.ecosystem_employment, tables.sector_employment, country, basis)
    names = tables.ecosystems.set_index("ecosystem_id")["name"]
    year = int(tables.ecosystem_employment["year"].max())
    unit = f"% of {'employment in the 14 ecosystems' if basis == 'ecosystems' else 'business-economy employment'}"
    region_names = tables.regions.set_index("code")["name"]
    parts = []
    ratio = "ratio of the shares (EU27 = 1)"
    for what, code, column, part_unit, scale in (
        ("Employment share", country, "share", unit, 100),
        ("Employment share", EU_CODE, "eu_share", unit, 100),
        ("Share ratio", country, "ratio", ratio, 1),
    ):
        parts.append(
            pd.DataFrame(
                {
                    "indicator": f"{what}: " + df["ecosystem_id"].map(names),
                    "unit": part_unit,
                    "year": year,
                    "region_code": code,
                    "region_name": region_names.get(code, code),
                    "value": _cells(rounded(v * scale, 1 if scale == 100 else 2) for v in df[column]),
                    "flag": ["" if c or code == EU_CODE else LOWER_BOUND for c in df["complete"]],
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype("Int64")
    out["source"] = attribution(tables, ["sbs", "ecosystem_weights"])
    return out


def star_totals(tables, sectors, level) -> pd.DataFrame:
    """Each EU region's cluster stars of `level`, summed over its NACE divisions or ecosystems (`sectors`: 'nace'
    or 'ecosystem'); a region where no sector could be judged stays empty."""
    from data.typology import KIND_WORDS
    from data.typology import star_totals as totals_of

    kind = _strings(sectors, set(KIND_WORDS), "kind of sector")[0]
    codes = _codes(tables, None, level, True)
    totals = totals_of(tables.cluster_stars, kind).reindex(codes)
    names = tables.regions.set_index("code")["name"]
    out = pd.DataFrame(
        {
            "indicator": f"Cluster stars (total over {KIND_WORDS[kind]})",
            "unit": "stars",
            "year": pd.array([int(tables.cluster_stars["year"].max())] * len(codes), dtype="Int64"),
            "region_code": codes,
            "region_name": [names.get(c, c) for c in codes],
            "value": _cells(rounded(v, 0) for v in totals["stars"]),
            "flag": ["" if pd.notna(v) else "no sector could be judged" for v in totals["stars"]],
        }
    )
    out["source"] = (
        attribution(tables, ["sbs"] + (["ecosystem_weights"] if kind == "ecosystem" else []))
        + "; stars: own calculation"
    )
    return out


def nace_lq(tables, regions, divisions=None, year=None) -> pd.DataFrame:
    """Location quotients of the NACE `divisions` (else every one with a quotient) for `regions` in `year` (else
    the latest), highest first."""
    sec = tables.sector_employment
    codes = _strings(regions, set(tables.regions["code"]), "region")
    sec = sec[sec["region"].isin(codes) & (sec["nace_level"] == "division") & sec["lq"].notna()]
    if divisions is not None:
        sec = sec[sec["nace"].isin(_strings(divisions, set(sec["nace"]), "NACE division"))]
    year = _year(year) if year is not None else (int(sec["year"].max()) if len(sec) else None)
    sec = sec[sec["year"] == year].sort_values(["region", "lq", "nace"], ascending=[True, False, True])
    nace = tables.frames.get("nace")
    labels = dict(zip(nace["code"], nace["label"])) if nace is not None and "label" in nace.columns else {}
    region_names = tables.regions.set_index("code")["name"]
    return pd.DataFrame(
        {
            "indicator": [
                f"Location quotient: {n} {labels[n]}" if n in labels else f"Location quotient: {n}" for n in sec["nace"]
            ],
            "unit": LQ_UNIT,
            "year": sec["year"].astype("Int64"),
            "region_code": sec["region"],
            "region_name": sec["region"].map(region_names),
            "value": _cells(rounded(v, 2) for v in sec["lq"]),
            "flag": sec["flag"].map(flag_text),
            "source": attribution(tables, ["sbs"] + (["nace"] if labels else [])),
        }
    ).reset_index(drop=True)


def co_participation(tables, rows, level, focus=None) -> pd.DataFrame:
    """Pairs of participants (countries, NUTS 2 regions or organisations: `level`) among the participation `rows`
    (positions, as the Programmes page selects them) with the number of projects both take part in, the projects
    named in the flag column; `focus`: country codes (only pairs with a participant from one of them)."""
    from data.programmes import NETWORK_LEVELS, network_edges, node_labels

    level = _strings(level, set(NETWORK_LEVELS), "network level")[0]
    parts = tables.participations
    items = rows if isinstance(rows, list) else []
    if len(items) > MAX_ITEMS:
        raise ChartDataError(Message("Too many participations for one download."))
    positions = list(
        dict.fromkeys(i for i in items if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(parts))
    )
    if not positions:
        raise ChartDataError(Message("This chart names no known participation."))
    chosen = parts.iloc[positions]
    countries = set(parts["country"].dropna())
    focus = [c for c in (focus if isinstance(focus, list) else []) if isinstance(c, str) and c in countries]
    edges = network_edges(chosen, focus, level)
    labels = node_labels(chosen, tables.regions, level)
    return pd.DataFrame(
        {
            "indicator": f"Shared projects of two participants ({level} level, co-participation)",
            "unit": "projects",
            "year": pd.array([None] * len(edges), dtype="Int64"),
            "region_code": edges["source"] + " – " + edges["target"],
            "region_name": [
                f"{labels.get(a, a)} – {labels.get(b, b)}" for a, b in zip(edges["source"], edges["target"])
            ],
            "value": _cells(int(w) for w in edges["weight"]),
            "flag": "projects: " + edges["projects"],
            "source": attribution(
                tables, ["programmes_participants"] + (["programmes_places"] if level == "region" else [])
            ),
        }
    )


def drawn_rows(tables, columns, indicator="", unit="", year=None, flag="", source="", decimals=None) -> pd.DataFrame:
    """Rows the chart draws that no table holds as such (composite scores, counts of an upload, a document's
    figures), given by the figure builder as `columns` {what?, unit?, year?, code?, name?, value, flag?: list}, the
    other columns as one label. Each cell is checked: text is cut, a value that is not a number is empty."""
    lists = columns.values() if isinstance(columns, dict) else ()
    sizes = {len(v) if isinstance(v, list) else -1 for v in lists}
    if not lists or len(sizes) != 1 or not 0 < min(sizes) <= MAX_ITEMS or not set(columns) <= set(DRAWN):
        raise ChartDataError(Message("This chart has no rows to download."))
    n = sizes.pop()
    digits = decimals if isinstance(decimals, int) and not isinstance(decimals, bool) and 0 <= decimals <= 6 else None

    def column(name, default):
        return columns.get(name) or [default] * n

    values = [_number(v) for v in column("value", None)]
    frame = pd.DataFrame(
        {
            "indicator": [_text(v) for v in column("what", indicator)],
            "unit": [_text(v) for v in column("unit", unit)],
            "year": pd.array(
                [v if isinstance(v, int) and not isinstance(v, bool) else None for v in column("year", year)],
                dtype="Int64",
            ),
            "region_code": [_text(v) for v in column("code", "")],
            "region_name": [_text(v) for v in column("name", "")],
            "value": _cells(
                rounded(v, digits if digits is not None else 0 if v is not None and v.is_integer() else 6)
                for v in values
            ),
            "flag": [_text(v) for v in column("flag", flag)],
            "source": _text(source, 2000),
        }
    )
    return frame


def attribution(tables, source_ids) -> str:
    shown = tables.sources[tables.sources["id"].isin(source_ids)]
    return combine_attributions(shown["attribution"]) + retrieved_note(shown)


KINDS = {
    "indicator_values": indicator_values,
    "ecosystem_lq": ecosystem_lq,
    "ecosystem_shares": ecosystem_shares,
    "nace_lq": nace_lq,
    "star_totals": star_totals,
    "rows": drawn_rows,
    "co_participation": co_participation,
}


def read_spec(figure) -> dict | None:
    """The spec a figure (plain data, as the browser sends it) carries, or None."""
    layout = figure.get("layout") if isinstance(figure, dict) else None
    meta = layout.get("meta") if isinstance(layout, dict) else None
    found = meta.get("csv") if isinstance(meta, dict) else None
    return found if isinstance(found, dict) else None


def chart_frame(tables, chart_spec, kinds=None) -> pd.DataFrame:
    """The tidy frame of a spec, in COLUMNS; ChartDataError when the spec names nothing this app knows. `kinds`:
    KINDS and the kinds a page's view adds (a frame only the view can make again, registered where callbacks are
    wired, so data never imports components)."""
    kinds = KINDS if kinds is None else kinds
    if not isinstance(chart_spec, dict) or chart_spec.get("kind") not in kinds:
        raise ChartDataError(Message("This chart has no data to download yet."))
    args = chart_spec.get("args")
    if not isinstance(args, dict):
        raise ChartDataError(Message("This chart has no data to download yet."))
    function = kinds[chart_spec["kind"]]
    try:
        inspect.signature(function).bind(tables, **args)
    except TypeError as error:  # arguments the function does not take
        raise ChartDataError(Message("This chart's download is not available.")) from error
    return function(tables, **args)[COLUMNS]
