"""Region page callbacks: thin wiring between the controls, data/profile.py and components/figures/profile.py.

Each expensive piece is a `@caching.memoize` function of primitives returning plain data (figure dicts, rows);
the callbacks turn those into components.
"""
from __future__ import annotations

import math

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

import caching
from components import theme
from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, data_table, ids, with_csv
from components.figures.profile import comparison_bars, profile_figure, specialisation_bars, time_series
from components.region_picker import english_country, region_label
from data.build.nuts import EU_CODE
from data.chart_data import spec
from data.profile import (DISTANCE_NOTE, ECONOMIC, INNOVATION, NOT_PUBLISHED, PROFILE, SIZE_DEPENDENT,
                          headline, indicator_years, minmax_against, pool_codes, profile, region_info,
                          score_matrix, similar_regions)
from data.quality import (BREAK_TEXT, WARNING, break_years, ecosystem_warnings, flagged_indicator_cells,
                          flagged_sector_cells, short_detail)
from data.queries import combine_attributions, flag_text, source_line
from data.specialisation import is_agglomeration
from data.store import current_tables
from pages.region import (CARDS, ECONOMY, ECOSYSTEMS, EXCL, INNOVATION as INNOVATION_CHART, K, NACE, NAV, PICKER,
                          PROFILE_CHART, SIM, SIMILAR, STORE, TIMESERIES, TS, URL, VIEW, YEAR, YEAR_NOTE, card_id)
from pages.regions import NAV as REGIONS_NAV, PICKER as REGIONS_PICKER
from state.compare import MAX_REGIONS
from state.region import clean_controls, known, min_shared, region_search

CHARTS = {name: ids(name) for name in (ECONOMY, INNOVATION_CHART, TIMESERIES, PROFILE_CHART, ECOSYSTEMS, NACE)}
BAR_INNOVATION = tuple(i for i in INNOVATION if i not in SIZE_DEPENDENT)
TOP = 12


def _num(value):
    """JSON-safe number: NaN -> None."""
    if value is None or value is dash.no_update:
        return None
    try:
        return None if math.isnan(float(value)) else float(value)
    except (TypeError, ValueError):
        return None


def _fmt(value, decimals, unit=""):
    return theme.format_value(_num(value) if _num(value) is not None else float("nan"), decimals, unit)


def _year(value):
    """A year as an int (a year column with gaps comes back from pandas as floats such as 2023.0); None if none."""
    number = _num(value)
    return int(number) if number is not None else None


def benchmark_text(row: dict, which: str) -> str:
    """The country's or EU27's value as shown: the number (with how the pipeline made it, e.g. a sum of parts),
    else the year it was last available, else NOT_PUBLISHED (the card then names the dataset that would give it)."""
    value, d = row[f"{which}_value"], row["decimals"]
    if value is not None:
        derivation = row.get(f"{which}_derivation")
        return _fmt(value, d) + (f" ({derivation})" if derivation else "")
    latest = row.get(f"{which}_latest")
    if latest and row["year"] and row.get(f"{which}_latest_value") is not None:
        return f"{_fmt(row[f'{which}_latest_value'], d)} in {latest} (no {row['year']} value)"
    return NOT_PUBLISHED


def _names(tables, code):
    info = region_info(tables.regions, code)
    country = info["nuts0"] if info["level"] > 0 else None
    names = tables.regions.set_index("code")["name"]
    country_name = (english_country(country) or names.get(country, country)) if country else None
    return info, country, country_name


def _attribution(sources, source_ids) -> str:
    attribution = sources.set_index("id")["attribution"]
    return combine_attributions(attribution[i] for i in source_ids if i in attribution.index)


def _ordinal_rank(rank, n):
    return f"{int(rank)} of {int(n)}" if rank is not None and _num(rank) is not None else None


# --- Cached builders ---------------------------------------------------------------------------------------------

@caching.memoize
def headline_data(code: str, year: int) -> dict:
    tables = current_tables()
    info, country, country_name = _names(tables, code)
    h = headline(tables.indicator_values, tables.regions, tables.indicators, code, year)
    rows = []
    for r in h.to_dict("records"):
        rows.append({
            "indicator": r["indicator"], "label": r["label"], "short_label": r["short_label"], "unit": r["unit"],
            "decimals": r["decimals"], "higher_is_better": r["higher_is_better"], "year": _year(r["year"]),
            "value": _num(r["value"]), "flag": r["flag_text"], "country_value": _num(r["country_value"]),
            "country_flag": flag_text(r["country_flag"]), "eu_value": _num(r["eu_value"]),
            "eu_flag": flag_text(r["eu_flag"]), "eu_rank": _num(r["eu_rank"]), "eu_n": int(r["eu_n"]),
            "country_rank": _num(r["country_rank"]), "country_n": int(r["country_n"]),
            "derivation": r["derivation"], "country_derivation": r["country_derivation"],
            "eu_derivation": r["eu_derivation"], "country_latest": _year(r["country_latest"]),
            "eu_latest": _year(r["eu_latest"]), "country_latest_value": _num(r["country_latest_value"]),
            "eu_latest_value": _num(r["eu_latest_value"]), "benchmark_note": r["benchmark_note"],
        })
    by_id = {r["indicator"]: r for r in rows}
    region_series = {"name": region_label(info["name"], code), "short": code, "colour": theme.REGION_COLOUR}
    series_defs = [(region_series, "value", theme.MISSING_TEXT)]
    if country:
        series_defs.append(({"name": country_name, "short": country, "colour": theme.COUNTRY_COLOUR},
                            "country_value", NOT_PUBLISHED))
    series_defs.append(({"name": "EU27", "short": "EU27", "colour": theme.EU_COLOUR}, "eu_value", NOT_PUBLISHED))

    def bars(indicator_ids, title):
        panels = [{"label": by_id[i]["short_label"], "unit": by_id[i]["unit"], "year": by_id[i]["year"],
                   "decimals": by_id[i]["decimals"]} for i in indicator_ids]
        series = [{**s, "values": [by_id[i][key] for i in indicator_ids],
                   "missing_text": [missing if by_id[i]["year"] else theme.MISSING_TEXT for i in indicator_ids]}
                  for s, key, missing in series_defs]
        return with_csv(comparison_bars(panels, series, title), spec(
            "indicator_values", indicators=list(indicator_ids), regions=[code, country, EU_CODE],
            years={i: by_id[i]["year"] for i in indicator_ids})).to_plotly_json()

    name = info["name"]
    who = f"{name}, {country_name + ', ' if country else ''}EU27"
    return {
        "rows": rows, "name": name, "country": country, "country_name": country_name, "level": info["level"],
        "economy": bars(ECONOMIC, f"Economic indicators<br><sup>{who}</sup>"),
        "economy_title": f"Economic indicators: {who}",
        "innovation": bars(BAR_INNOVATION, f"Innovation indicators<br><sup>{who}</sup>"),
        "innovation_title": f"Innovation indicators: {who}",
    }


def timeseries_data(code: str, indicator: str, year: int) -> dict:
    tables = current_tables()
    info, country, country_name = _names(tables, code)
    meta = tables.indicators.set_index("id").loc[indicator]
    values = tables.indicator_values
    rows = values[(values["indicator"] == indicator) & values["region"].isin([code, country, EU_CODE])]
    wide = rows.pivot(index="year", columns="region", values="value")
    defs = [(code, region_label(info["name"], code), theme.REGION_COLOUR, "solid", 3)]
    if country:
        defs.append((country, country_name, theme.COUNTRY_COLOUR, "dash", 2))
    defs.append((EU_CODE, "EU27", theme.EU_COLOUR, "dot", 2))
    years = [int(y) for y in wide.index]
    flagged = flagged_indicator_cells(tables.table("data_quality"), [d[0] for d in defs], indicator)
    series, notes, marks, year_notes = [], [], [], {}
    for key, name, colour, dash_style, width in defs:
        vals = [_num(v) for v in (wide[key] if key in wide.columns else [None] * len(years))]
        if not any(v is not None for v in vals):
            notes.append(f"{name}: {NOT_PUBLISHED if key != code else 'no data'}")
        derived = rows[(rows["region"] == key) & rows["derivation"].notna()] if "derivation" in rows else rows[:0]
        for how, group in derived.groupby("derivation"):
            span = sorted(int(y) for y in group["year"])
            notes.append(f"{name}: {how} ({span[0]}-{span[-1]})" if len(span) > 1 else f"{name}: {how} ({span[0]})")
        series.append({"name": name, "years": years, "values": vals, "colour": colour, "dash": dash_style,
                       "width": width})
        by_year = dict(zip(years, vals))
        for y in break_years(rows, key, indicator):
            marks.append({"kind": "break", "year": y, "value": by_year.get(y), "text": f"{y}: {BREAK_TEXT} ({name})"})
            year_notes.setdefault(y, []).append(f"{BREAK_TEXT} ({name})")
        for (region, y), detail in sorted(flagged.items()):
            if region == key:
                marks.append({"kind": "suspect", "year": y, "value": by_year.get(y),
                              "text": f"{WARNING} {y}, {name}: {short_detail(detail)}"})
                year_notes.setdefault(y, []).append(f"{WARNING} {name}: {detail}")
    title = f"{meta['label']}: {info['name']}" + (f", {country_name}" if country else "") + " and the EU27"
    fig = time_series(series, title, meta["unit"], int(meta["decimals"]), mark_year=year, notes=notes, marks=marks)
    with_csv(fig, spec("indicator_values", indicators=[indicator], regions=[d[0] for d in defs]))
    table = [{"year": y, **{s["name"]: _fmt(s["values"][n], int(meta["decimals"])) for s in series},
              "Note": "; ".join(year_notes.get(y, []))} for n, y in enumerate(years)]
    return {"figure": fig.to_plotly_json(), "table": table,
            "columns": ["year"] + [s["name"] for s in series] + ["Note"], "title": title}


def profile_data(code: str, year: int, view: str) -> dict:
    tables = current_tables()
    info, country, country_name = _names(tables, code)
    p = profile(tables.indicator_values, tables.regions, tables.indicators, code, year)
    labels = [f"{r.short_label} ({r.year})" if r.year else r.short_label for r in p.itertuples()]

    def texts(column):
        return [_fmt(v, d, u) if _num(v) is not None else "" for v, d, u in zip(p[column], p["decimals"], p["unit"])]

    series = [{"name": region_label(info["name"], code), "scores": [_num(v) for v in p["score"]],
               "texts": texts("value"), "colour": theme.REGION_COLOUR, "fill": True, "width": 3}]
    if country:
        series.append({"name": country_name, "scores": [_num(v) for v in p["country_score"]],
                       "texts": texts("country_value"), "colour": theme.COUNTRY_COLOUR, "dash": "dash",
                       "symbol": "square"})
    series.append({"name": "EU27", "scores": [_num(v) for v in p["eu_score"]], "texts": texts("eu_value"),
                   "colour": theme.EU_COLOUR, "dash": "dot", "symbol": "diamond"})
    title = f"Normalised profile: {info['name']}" + (f", {country_name}" if country else "") + " and the EU27"
    fig = profile_figure(labels, series, view, title)
    with_csv(fig, spec("indicator_values", indicators=list(p["indicator"]), regions=[code, country, EU_CODE],
                       years={r.indicator: _year(r.year) for r in p.itertuples()}))

    def score(v):
        return f"{v:.2f}" if _num(v) is not None else theme.MISSING_TEXT

    table = [{
        "indicator": r.label, "year": r.year or "", "value": _fmt(r.value, r.decimals, r.unit), "score": score(r.score),
        "country": (_fmt(r.country_value, r.decimals) if _num(r.country_value) is not None else NOT_PUBLISHED)
        if country else "", "country_score": score(r.country_score) if country else "",
        "eu": _fmt(r.eu_value, r.decimals) if _num(r.eu_value) is not None else NOT_PUBLISHED,
        "eu_score": score(r.eu_score),
        "range": f"{_fmt(r.lo, r.decimals)} to {_fmt(r.hi, r.decimals)}" + ("" if r.higher_is_better else
                                                                           " (lower is better)"),
    } for r in p.itertuples()]
    return {"figure": fig.to_plotly_json(), "table": table, "title": title, "country_name": country_name}


def _nace_labels(tables) -> dict:
    nace = tables.frames.get("nace")  # labels when the lead's NACE table is there; codes otherwise
    if nace is None or "label" not in nace.columns:
        return {}
    return dict(zip(nace["code"], nace["label"]))


def _short(text: str, n: int = 42) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def specialisation_data(code: str) -> dict:
    tables = current_tables()
    info = region_info(tables.regions, code)
    eco = tables.ecosystem_employment
    eco = eco[eco["region"] == code].merge(tables.ecosystems[["ecosystem_id", "name"]], on="ecosystem_id")
    eco = eco.assign(agglomeration=is_agglomeration(eco["lq"], eco["share"]))
    eco = eco[eco["lq"].notna()].sort_values(["lq", "ecosystem_id"], ascending=[False, True]).head(TOP)
    flagged = flagged_sector_cells(tables.table("data_quality"), [code])
    eco_warnings = ecosystem_warnings(flagged, tables.ecosystems)
    eco_rows = [{"label": r.name, "lq": float(r.lq), "share": float(r.share), "agglomeration": bool(r.agglomeration),
                 "note": "" if r.complete else "lower bound (confidential divisions)",
                 "warning": eco_warnings.get((code, r.ecosystem_id), "")} for r in eco.itertuples()]
    sec = tables.sector_employment
    sec = sec[(sec["region"] == code) & (sec["nace_level"] == "division")]
    sec = sec.assign(agglomeration=is_agglomeration(sec["lq"], sec["share"]))
    sec = sec[sec["lq"].notna()].sort_values(["lq", "nace"], ascending=[False, True]).head(TOP)
    labels = _nace_labels(tables)
    nace_rows = [{"label": _short(f"{r.nace} {labels[r.nace]}") if r.nace in labels else r.nace, "lq": float(r.lq),
                  "share": float(r.share), "agglomeration": bool(r.agglomeration), "note": "",
                  "warning": short_detail(flagged[(code, r.nace)]) if (code, r.nace) in flagged else "",
                  "detail": flagged.get((code, r.nace), "")}
                 for r in sec.itertuples()]
    year = int(tables.ecosystem_employment["year"].max())
    eco_title = f"Industrial ecosystems by location quotient: {info['name']}, {year}"
    nace_title = f"NACE divisions by location quotient (top {TOP}): {info['name']}, {year}"
    eco_fig_title = f"Industrial ecosystems by location quotient<br><sup>{info['name']}, {year}</sup>"
    nace_fig_title = f"NACE divisions by location quotient, top {TOP}<br><sup>{info['name']}, {year}</sup>"

    def table(rows):
        return [{"label": (f"{WARNING} " if r.get("warning") else "") + r["label"], "lq": f"{r['lq']:.2f}",
                 "share": f"{r['share'] * 100:.1f}%", "agglomeration": "yes" if r["agglomeration"] else "no",
                 "note": "; ".join(x for x in (r["note"], r.get("warning") and
                                               f"{WARNING} {r.get('detail') or r['warning']}") if x)}
                for r in rows]

    return {
        "eco": with_csv(specialisation_bars(eco_rows, eco_fig_title), spec(
            "ecosystem_lq", regions=[code], ecosystems=list(eco["ecosystem_id"]), year=year)).to_plotly_json(),
        "eco_table": table(eco_rows), "eco_title": eco_title,
        "nace": with_csv(specialisation_bars(nace_rows, nace_fig_title), spec(
            "nace_lq", regions=[code], divisions=list(sec["nace"]), year=year))
        .to_plotly_json(),
        "nace_table": table(nace_rows), "nace_title": nace_title, "labelled": bool(labels),
        "eco_source": _attribution(tables.sources, ["sbs", "ecosystem_weights"]),
        "nace_source": _attribution(tables.sources, ["sbs"] + (["nace"] if labels else [])),
    }


@caching.memoize
def similar_data(code: str, year: int, sim: list, k: int, excl: bool) -> dict:
    tables = current_tables()
    values, regions = tables.indicator_values, tables.regions
    info = region_info(regions, code)
    hib = dict(zip(tables.indicators["id"], tables.indicators["higher_is_better"].astype(bool)))
    years = indicator_years(values, regions, sim, year, code, 2)
    matrix = score_matrix(values, regions, years, 2, hib)
    if code in matrix.index:
        target = matrix.loc[code]
    else:  # a country, a NUTS 1 or a non-EU region: its values placed on the EU NUTS 2 scale
        nuts2 = pool_codes(regions, 2)
        target = {}
        for ind, yr in years.items():
            rows = values[(values["indicator"] == ind) & (values["year"] == yr)].set_index("region")["value"]
            target[ind] = minmax_against(rows.get(code, float("nan")), rows.reindex(rows.index.intersection(nuts2)),
                                         hib[ind])
        target = pd.Series(target, dtype="float64")
    exclude = {code}
    if excl and info["nuts0"]:
        exclude |= {c for c in matrix.index if c.startswith(info["nuts0"])}
    need = min_shared(sim)
    found = similar_regions(matrix, target, k, need, exclude)
    names = regions.set_index("code")["name"]
    return {
        "rows": [{"code": r.region, "name": names.get(r.region, r.region), "distance": float(r.distance),
                  "shared": int(r.shared)} for r in found.itertuples()],
        "known": int(target.notna().sum()), "need": need, "n": len(sim),
        "years": {tables.indicators.set_index("id").loc[i, "short_label"]: years[i] for i in sim},
    }


# --- Components from the cached data -----------------------------------------------------------------------------

def _card(row, country_name, level_word, country):
    d, unit = row["decimals"], row["unit"]
    value = _fmt(row["value"], d)
    lines = []
    if country:
        lines.append(f"{country_name}: " + benchmark_text(row, "country"))
    lines.append("EU27: " + benchmark_text(row, "eu"))
    unsourced = any(text.endswith(NOT_PUBLISHED) for text in lines)
    ranks = []
    eu_rank = _ordinal_rank(row["eu_rank"], row["eu_n"])
    if eu_rank:
        ranks.append(f"{eu_rank} EU {level_word}")
    c_rank = _ordinal_rank(row["country_rank"], row["country_n"])
    if c_rank:
        ranks.append(f"{c_rank} in {country_name}")
    rank_text = ("Rank " + " · ".join(ranks) + ("" if row["higher_is_better"] else " (1 = lowest)")) if ranks else \
        "No rank: no value"
    return dbc.Col(dbc.Card(dbc.CardBody([
        html.Div(row["short_label"], className="small fw-semibold text-body-secondary"),
        html.Div([html.Span(value, className="fs-4 fw-semibold me-1"),
                  html.Span(unit if row["value"] is not None else "", className="small text-body-secondary")]),
        html.Div([(f"{row['year']}" if row["value"] is not None else f"no value for this region ({row['year']})")
                  if row["year"] else "no year with data",
                  html.Span(f" · {row['derivation']}", className="text-body-secondary") if row.get("derivation")
                  else None,
                  html.Span(f" · {row['flag']}", className="text-warning-emphasis") if row["flag"] else None],
                 className="small"),
        html.Ul([html.Li(line) for line in lines], className="list-unstyled small mb-1 mt-1"),
        html.Div(rank_text, className="small text-body-secondary"),
        html.Div(row.get("benchmark_note"), className="small text-body-secondary fst-italic mt-1 benchmark-note")
        if unsourced and row.get("benchmark_note") else None,
    ], className="p-2"), className="h-100 headline-card", id=card_id(row["indicator"])), xs=12, sm=6, lg=3,
        className="mb-2")


def headline_cards(data):
    by_id = {r["indicator"]: r for r in data["rows"]}
    level_word = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}[data["level"]]

    def group(title, indicator_ids):
        return html.Div([
            html.H3(title, className="h6 mt-2 mb-1"),
            dbc.Row([_card(by_id[i], data["country_name"], level_word, data["country"]) for i in indicator_ids],
                    className="g-2"),
        ])

    return html.Div([group("Economy", ECONOMIC), group("Innovation", INNOVATION)])


def headline_records(data, indicator_ids) -> tuple[list[dict], dict]:
    """The headline indicators as formatted rows and their column labels: the cards' text alternative, and the
    key-figures slide of the peer-review pack."""
    rows = [r for r in data["rows"] if r["indicator"] in indicator_ids]
    table = [{
        "indicator": f"{r['label']} ({r['unit']})", "year": r["year"] or "", "value": _fmt(r["value"], r["decimals"]),
        "source_note": (r.get("benchmark_note") or "") if NOT_PUBLISHED in (benchmark_text(r, "country")
                                                                            + benchmark_text(r, "eu")) else "",
        "country": benchmark_text(r, "country"), "eu": benchmark_text(r, "eu"),
        "flag": ", ".join(t for t in (r["flag"], r.get("derivation")) if t), "eu_rank": _ordinal_rank(r["eu_rank"], r["eu_n"]) or "",
        "country_rank": _ordinal_rank(r["country_rank"], r["country_n"]) or "",
    } for r in rows]
    columns = {"indicator": "Indicator", "year": "Year", "value": data["name"]}
    if data["country"]:
        columns["country"] = data["country_name"]
    columns.update({"eu": "EU27", "flag": "Flag", "eu_rank": "EU rank"})
    if data["country"]:
        columns["country_rank"] = "Rank in country"
    if any(row["source_note"] for row in table):
        columns["source_note"] = "Benchmarks not in the data"
    return table, columns


def headline_table(data, indicator_ids):
    table, columns = headline_records(data, indicator_ids)
    return data_table(pd.DataFrame(table), columns)


def year_note(rows, year, default_year):
    lead = f"Reference year {year}" + (" (the latest year with data for this region)" if year == default_year else "")
    other = [f"{r['short_label']} {r['year']}" for r in rows if r["year"] and r["year"] != year]
    none = [r["short_label"] for r in rows if not r["year"]]
    text = lead + "."
    if other:
        text += " Indicators without data for that year show their latest earlier year: " + ", ".join(other) + "."
    if none:
        text += " No data up to then: " + ", ".join(none) + "."
    return text.replace("..", ".")  # a short label ending in an abbreviation ("inh.") closes the sentence


def similar_list(data, code):
    if data["known"] < data["need"]:
        return dbc.Alert(f"This region has values for {data['known']} of the {data['n']} indicators chosen, fewer "
                         f"than the {data['need']} needed to compare profiles.", color="info")
    if not data["rows"]:
        return dbc.Alert("No region shares enough indicators with this one.", color="info")
    header = html.Thead(html.Tr([html.Th("Region"), html.Th("Distance"), html.Th("Indicators compared")]))
    body = html.Tbody([html.Tr([
        html.Td(dcc.Link(region_label(r["name"], r["code"]), href=dash.get_relative_path(f"/region/{r['code']}"))),
        html.Td(f"{r['distance']:.3f}"), html.Td(str(r["shared"])),
    ]) for r in data["rows"]])
    peers = [code] + [r["code"] for r in data["rows"]][: MAX_REGIONS - 1]
    years = ", ".join(f"{i} {y}" for i, y in data["years"].items() if y)
    return html.Div([
        dbc.Table([header, body], size="sm", striped=True, className="mb-2 similar-table", style={"maxWidth": "720px"}),
        html.P(dcc.Link(f"Compare {code} with the {len(peers) - 1} closest", id="region-compare-link",
                        href=dash.get_relative_path(f"/compare?regions={','.join(peers)}")), className="small"),
        html.P(DISTANCE_NOTE.format(min_shared=data["need"]) + f" Years used: {years}.",
               className="small text-body-secondary"),
    ])


NACE_COLUMNS = {"label": "Activity", "lq": "LQ", "share": "Share of employment", "agglomeration": "Agglomeration",
                "note": "Note"}


@caching.memoize
def headline_outputs(code: str, year: int, default_year) -> list:
    tables = current_tables()
    data = headline_data(code, year)
    return caching.plain([
        headline_cards(data), year_note(data["rows"], year, default_year),
        data["economy"], headline_table(data, ECONOMIC), source_line(tables.indicators, tables.sources, ECONOMIC),
        data["economy_title"],
        data["innovation"], headline_table(data, INNOVATION),
        source_line(tables.indicators, tables.sources, INNOVATION), data["innovation_title"],
    ])


@caching.memoize
def timeseries_outputs(code: str, indicator: str, year) -> list:
    tables = current_tables()
    data = timeseries_data(code, indicator, year)
    columns = {c: "Year" if c == "year" else c for c in data["columns"]}
    return caching.plain([data["figure"], data_table(pd.DataFrame(data["table"]), columns),
                   source_line(tables.indicators, tables.sources, [indicator]), data["title"]])


@caching.memoize
def profile_outputs(code: str, year: int, view: str) -> list:
    tables = current_tables()
    data = profile_data(code, year, view)
    columns = {"indicator": "Indicator", "year": "Year", "value": "Value", "score": "Score"}
    if data["country_name"]:
        columns.update({"country": data["country_name"], "country_score": "Score"})
    columns.update({"eu": "EU27", "eu_score": "Score", "range": "EU NUTS 2 range"})
    return caching.plain([data["figure"], data_table(pd.DataFrame(data["table"]), columns),
                   source_line(tables.indicators, tables.sources, PROFILE), data["title"]])


@caching.memoize
def specialisation_outputs(code: str) -> list:
    data = specialisation_data(code)
    nace_source = data["nace_source"] + ("" if data["labelled"] else " (division labels not loaded: codes shown)")
    return caching.plain([data["eco"], data_table(pd.DataFrame(data["eco_table"]), NACE_COLUMNS), data["eco_source"],
                   data["eco_title"], data["nace"], data_table(pd.DataFrame(data["nace_table"]), NACE_COLUMNS),
                   nace_source, data["nace_title"]])


@caching.memoize
def similar_outputs(code: str, year: int, sim: list, k: int, excl: bool):
    return caching.plain(similar_list(similar_data(code, year, sim, k, excl), code))


NO_REGION = "No region is selected: open one from the Regions page."


def register(app):
    # The pickers of the region header, the not-found panel and the Regions page open the region chosen.
    for nav, picker in ((NAV, PICKER), (REGIONS_NAV, REGIONS_PICKER)):
        @app.callback(Output(nav, "href"), Input(picker, "value"), prevent_initial_call=True)
        def open_region(code):
            if not isinstance(code, str) or code not in known(current_tables())[0]:
                return no_update
            return dash.get_relative_path(f"/region/{code}")

    eco, inn = CHARTS[ECONOMY], CHARTS[INNOVATION_CHART]

    @app.callback(Output(CARDS, "children"), Output(YEAR_NOTE, "children"),
                  Output(eco[GRAPH], "figure"), Output(eco[TABLE], "children"), Output(eco[SOURCE], "children"),
                  Output(eco[TITLE], "children"),
                  Output(inn[GRAPH], "figure"), Output(inn[TABLE], "children"), Output(inn[SOURCE], "children"),
                  Output(inn[TITLE], "children"),
                  Input(YEAR, "value"), State(STORE, "data"))
    def update_headline(year, store):
        state = clean_controls(current_tables(), store, year)
        if state is None or state["year"] is None:
            empty = dbc.Alert(NO_REGION if state is None else "This region has no data for the headline indicators.",
                              color="info")
            return empty, "", {}, "", "", "", {}, "", "", ""
        return headline_outputs(state["code"], state["year"], state["default_year"])

    ts = CHARTS[TIMESERIES]

    @app.callback(Output(ts[GRAPH], "figure"), Output(ts[TABLE], "children"), Output(ts[SOURCE], "children"),
                  Output(ts[TITLE], "children"),
                  Input(TS, "value"), Input(YEAR, "value"), State(STORE, "data"))
    def update_timeseries(indicator, year, store):
        state = clean_controls(current_tables(), store, year, ts=indicator)
        if state is None:
            return {}, NO_REGION, "", "Time series"
        return timeseries_outputs(state["code"], state["ts"], state["year"])

    prof = CHARTS[PROFILE_CHART]

    @app.callback(Output(prof[GRAPH], "figure"), Output(prof[TABLE], "children"), Output(prof[SOURCE], "children"),
                  Output(prof[TITLE], "children"),
                  Input(YEAR, "value"), Input(VIEW, "value"), State(STORE, "data"))
    def update_profile(year, view, store):
        state = clean_controls(current_tables(), store, year, view=view)
        if state is None or state["year"] is None:
            return {}, NO_REGION if state is None else "No data.", "", "Normalised profile"
        return profile_outputs(state["code"], state["year"], state["view"])

    es, ns = CHARTS[ECOSYSTEMS], CHARTS[NACE]

    @app.callback(Output(es[GRAPH], "figure"), Output(es[TABLE], "children"), Output(es[SOURCE], "children"),
                  Output(es[TITLE], "children"),
                  Output(ns[GRAPH], "figure"), Output(ns[TABLE], "children"), Output(ns[SOURCE], "children"),
                  Output(ns[TITLE], "children"),
                  Input(STORE, "data"))
    def update_specialisation(store):
        state = clean_controls(current_tables(), store)
        if state is None:
            return {}, NO_REGION, "", "Industrial ecosystems", {}, NO_REGION, "", "NACE divisions"
        return specialisation_outputs(state["code"])

    @app.callback(Output(SIMILAR, "children"),
                  Input(YEAR, "value"), Input(SIM, "value"), Input(K, "value"), Input(EXCL, "value"),
                  State(STORE, "data"))
    def update_similar(year, sim, k, excl, store):
        state = clean_controls(current_tables(), store, year, sim=sim, k=k, excl=excl)
        if state is None or state["year"] is None:
            return dbc.Alert(NO_REGION if state is None else "No data to compare profiles.", color="info")
        if isinstance(sim, list) and len([s for s in sim if s in PROFILE]) < 2:
            return dbc.Alert("Choose at least two indicators to compare profiles.", color="info")
        return similar_outputs(state["code"], state["year"], state["sim"], state["k"], state["excl"])

    @app.callback(Output(URL, "search"),
                  Input(YEAR, "value"), Input(TS, "value"), Input(VIEW, "value"), Input(SIM, "value"),
                  Input(K, "value"), Input(EXCL, "value"), State(STORE, "data"), prevent_initial_call=True)
    def sync_url(year, ts_indicator, view, sim, k, excl, store):
        state = clean_controls(current_tables(), store, year, ts_indicator, view, sim, k, excl)
        if state is None:
            return no_update
        return region_search(state["year"], state["ts"], state["view"], state["sim"], state["k"], state["excl"],
                             state["default_year"])
