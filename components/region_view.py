"""The Region page's named parts (figures, tables, texts) built from the tables and plain values.

Pure functions of `tables`: the callbacks (callbacks/region.py) cache them, and the peer-review pack and the
briefing read the same parts by name.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from components import explore_view, theme
from components.chart_card import data_table, with_csv
from components.chart_parts import chart
from components.figures.profile import comparison_bars, profile_figure, specialisation_bars
from components.region_picker import english_country, region_label
from data.build.nuts import EU_CODE
from data.chart_data import spec
from data.profile import (
    DISTANCE_NOTE,
    ECONOMIC,
    INNOVATION,
    NOT_PUBLISHED,
    PROFILE,
    SIZE_DEPENDENT,
    profile,
    region_info,
)
from data.quality import WARNING
from data.queries import combine_attributions, source_line
from data.region import TOP, headline_rows, specialisation_rows, year_of
from data.region import number as _num
from state.compare import MAX_REGIONS

BAR_INNOVATION = tuple(i for i in INNOVATION if i not in SIZE_DEPENDENT)
# The comparison bars' heights (px), the figures' and their cards' on the page: two rows of two panels, one row.
ECONOMY_HEIGHT, INNOVATION_HEIGHT = 640, 420
NACE_COLUMNS = {
    "label": "Activity",
    "lq": "LQ",
    "share": "Share of employment",
    "agglomeration": "Agglomeration",
    "note": "Note",
}


def card_id(indicator: str) -> str:
    """The DOM id of one headline card (tests read the value from it)."""
    return f"region-card-{indicator}"


def _fmt(value, decimals, unit=""):
    return theme.format_value(_num(value) if _num(value) is not None else float("nan"), decimals, unit)


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


def attribution(sources, source_ids) -> str:
    by_id = sources.set_index("id")["attribution"]
    return combine_attributions(by_id[i] for i in source_ids if i in by_id.index)


def ordinal_rank(rank, n):
    return f"{int(rank)} of {int(n)}" if rank is not None and _num(rank) is not None else None


def headline_parts(tables, code: str, year: int) -> dict:
    """The headline indicators' rows (value, country, EU27, ranks) and the two comparison bar charts."""
    info, country, country_name = _names(tables, code)
    rows = headline_rows(tables, code, year)
    by_id = {r["indicator"]: r for r in rows}
    region_series = {"name": region_label(info["name"], code), "short": code, "colour": theme.REGION_COLOUR}
    series_defs = [(region_series, "value", theme.MISSING_TEXT)]
    if country:
        series_defs.append(
            ({"name": country_name, "short": country, "colour": theme.COUNTRY_COLOUR}, "country_value", NOT_PUBLISHED)
        )
    series_defs.append(({"name": "EU27", "short": "EU27", "colour": theme.EU_COLOUR}, "eu_value", NOT_PUBLISHED))

    def bars(indicator_ids, title, height):
        panels = [
            {
                "label": by_id[i]["short_label"],
                "unit": by_id[i]["unit"],
                "year": by_id[i]["year"],
                "decimals": by_id[i]["decimals"],
            }
            for i in indicator_ids
        ]
        series = [
            {
                **s,
                "values": [by_id[i][key] for i in indicator_ids],
                "missing_text": [missing if by_id[i]["year"] else theme.MISSING_TEXT for i in indicator_ids],
            }
            for s, key, missing in series_defs
        ]
        return with_csv(
            comparison_bars(panels, series, title, height=height),
            spec(
                "indicator_values",
                indicators=list(indicator_ids),
                regions=[code, country, EU_CODE],
                years={i: by_id[i]["year"] for i in indicator_ids},
            ),
        ).to_plotly_json()

    name = info["name"]
    who = f"{name}, {country_name + ', ' if country else ''}EU27"
    return {
        "rows": rows,
        "name": name,
        "country": country,
        "country_name": country_name,
        "level": info["level"],
        "economy": bars(ECONOMIC, f"Economic indicators<br><sup>{who}</sup>", ECONOMY_HEIGHT),
        "economy_title": f"Economic indicators: {who}",
        "innovation": bars(BAR_INNOVATION, f"Innovation indicators<br><sup>{who}</sup>", INNOVATION_HEIGHT),
        "innovation_title": f"Innovation indicators: {who}",
    }


def timeseries(
    tables, code: str, indicator: str, year: int, regions=(), measure: str = "abs", base=None, log: bool = False
) -> dict:
    """The explorer's line chart (shared with Overview): one indicator over the years for the region, its country,
    the EU27 and any `regions` added, as values or change since `base`, with breaks and flagged values marked and
    the reference `year` drawn; its parts by name, and `note` for what the lines cannot say."""
    info, country, country_name = _names(tables, code)
    if regions:
        who = f"{info['name']} and {len(regions)} other region{'s' if len(regions) > 1 else ''}"
    else:
        who = f"{info['name']}, {country_name} and the EU27" if country else f"{info['name']} and the EU27"
    return explore_view.lines(tables, indicator, [code, *regions], measure, base, log, who=who, mark_year=year)


def region_map(tables, code: str, indicator: str, year) -> dict:
    """The indicator across every region of the region's level in the reference year (or the nearest year with
    values, said in `note`), the region outlined."""
    level = region_info(tables.regions, code)["level"]
    shown, note = explore_view.map_year(tables, indicator, level, year)
    if shown is None:
        return {**chart({}, note, "", "Map"), "note": note}
    return {**explore_view.indicator_map(tables, indicator, shown, level, highlight=code), "note": note}


def profile_parts(tables, code: str, year: int, view: str) -> dict:
    """The normalised profile (radar or bars) of the region, its country and the EU27, with its table rows."""
    info, country, country_name = _names(tables, code)
    p = profile(tables.indicator_values, tables.regions, tables.indicators, code, year)
    labels = [f"{r.short_label} ({r.year})" if r.year else r.short_label for r in p.itertuples()]

    def texts(column):
        return [_fmt(v, d, u) if _num(v) is not None else "" for v, d, u in zip(p[column], p["decimals"], p["unit"])]

    series = [
        {
            "name": region_label(info["name"], code),
            "scores": [_num(v) for v in p["score"]],
            "texts": texts("value"),
            "colour": theme.REGION_COLOUR,
            "fill": True,
            "width": 3,
        }
    ]
    if country:
        series.append(
            {
                "name": country_name,
                "scores": [_num(v) for v in p["country_score"]],
                "texts": texts("country_value"),
                "colour": theme.COUNTRY_COLOUR,
                "dash": "dash",
                "symbol": "square",
            }
        )
    series.append(
        {
            "name": "EU27",
            "scores": [_num(v) for v in p["eu_score"]],
            "texts": texts("eu_value"),
            "colour": theme.EU_COLOUR,
            "dash": "dot",
            "symbol": "diamond",
        }
    )
    title = f"Normalised profile: {info['name']}" + (f", {country_name}" if country else "") + " and the EU27"
    fig = profile_figure(labels, series, view, title)
    with_csv(
        fig,
        spec(
            "indicator_values",
            indicators=list(p["indicator"]),
            regions=[code, country, EU_CODE],
            years={r.indicator: year_of(r.year) for r in p.itertuples()},
        ),
    )

    def score(v):
        return f"{v:.2f}" if _num(v) is not None else theme.MISSING_TEXT

    table = [
        {
            "indicator": r.label,
            "year": r.year or "",
            "value": _fmt(r.value, r.decimals, r.unit),
            "score": score(r.score),
            "country": (_fmt(r.country_value, r.decimals) if _num(r.country_value) is not None else NOT_PUBLISHED)
            if country
            else "",
            "country_score": score(r.country_score) if country else "",
            "eu": _fmt(r.eu_value, r.decimals) if _num(r.eu_value) is not None else NOT_PUBLISHED,
            "eu_score": score(r.eu_score),
            "range": f"{_fmt(r.lo, r.decimals)} to {_fmt(r.hi, r.decimals)}"
            + ("" if r.higher_is_better else " (lower is better)"),
        }
        for r in p.itertuples()
    ]
    return {"figure": fig.to_plotly_json(), "rows": table, "title": title, "country_name": country_name}


def profile_chart(tables, code: str, year: int, view: str) -> dict:
    parts = profile_parts(tables, code, year, view)
    columns = {"indicator": "Indicator", "year": "Year", "value": "Value", "score": "Score"}
    if parts["country_name"]:
        columns.update({"country": parts["country_name"], "country_score": "Score"})
    columns.update({"eu": "EU27", "eu_score": "Score", "range": "EU NUTS 2 range"})
    return chart(
        parts["figure"],
        data_table(pd.DataFrame(parts["rows"]), columns),
        source_line(tables.indicators, tables.sources, PROFILE),
        parts["title"],
    )


def specialisation(tables, code: str) -> dict:
    """The ecosystems and NACE divisions bar charts by location quotient, as two charts by name."""
    info = region_info(tables.regions, code)
    found = specialisation_rows(tables, code)
    eco_rows, nace_rows, labels = found["ecosystems"], found["nace"], found["labelled"]
    year, top = found["year"], TOP
    eco_title = f"Industrial ecosystems by location quotient: {info['name']}, {year}"
    nace_title = f"NACE divisions by location quotient (top {top}): {info['name']}, {year}"
    eco_fig_title = f"Industrial ecosystems by location quotient<br><sup>{info['name']}, {year}</sup>"
    nace_fig_title = f"NACE divisions by location quotient, top {top}<br><sup>{info['name']}, {year}</sup>"

    def table(rows):
        return [
            {
                "label": (f"{WARNING} " if r.get("warning") else "") + r["label"],
                "lq": f"{r['lq']:.2f}",
                "share": f"{r['share'] * 100:.1f}%",
                "agglomeration": "yes" if r["agglomeration"] else "no",
                "note": "; ".join(
                    x for x in (r["note"], r.get("warning") and f"{WARNING} {r.get('detail') or r['warning']}") if x
                ),
            }
            for r in rows
        ]

    nace_source = attribution(tables.sources, ["sbs"] + (["nace"] if labels else []))
    return {
        "ecosystems": chart(
            with_csv(
                specialisation_bars(eco_rows, eco_fig_title),
                spec("ecosystem_lq", regions=[code], ecosystems=[r["id"] for r in eco_rows], year=year),
            ).to_plotly_json(),
            data_table(pd.DataFrame(table(eco_rows)), NACE_COLUMNS),
            attribution(tables.sources, ["sbs", "ecosystem_weights"]),
            eco_title,
        ),
        "nace": chart(
            with_csv(
                specialisation_bars(nace_rows, nace_fig_title),
                spec("nace_lq", regions=[code], divisions=[r["id"] for r in nace_rows], year=year),
            ).to_plotly_json(),
            data_table(pd.DataFrame(table(nace_rows)), NACE_COLUMNS),
            nace_source + ("" if labels else " (division labels not loaded: codes shown)"),
            nace_title,
        ),
    }


# --- Components --------------------------------------------------------------------------------------------------


def _card(row, country_name, level_word, country):
    d, unit = row["decimals"], row["unit"]
    value = _fmt(row["value"], d)
    lines = []
    if country:
        lines.append(f"{country_name}: " + benchmark_text(row, "country"))
    lines.append("EU27: " + benchmark_text(row, "eu"))
    unsourced = any(text.endswith(NOT_PUBLISHED) for text in lines)
    ranks = []
    eu_rank = ordinal_rank(row["eu_rank"], row["eu_n"])
    if eu_rank:
        ranks.append(f"{eu_rank} EU {level_word}")
    c_rank = ordinal_rank(row["country_rank"], row["country_n"])
    if c_rank:
        ranks.append(f"{c_rank} in {country_name}")
    rank_text = (
        ("Rank " + " · ".join(ranks) + ("" if row["higher_is_better"] else " (1 = lowest)"))
        if ranks
        else "No rank: no value"
    )
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(row["short_label"], className="small fw-semibold text-body-secondary"),
                    html.Div(
                        [
                            html.Span(value, className="fs-4 fw-semibold me-1"),
                            html.Span(unit if row["value"] is not None else "", className="small text-body-secondary"),
                        ]
                    ),
                    html.Div(
                        [
                            (
                                f"{row['year']}"
                                if row["value"] is not None
                                else f"no value for this region ({row['year']})"
                            )
                            if row["year"]
                            else "no year with data",
                            html.Span(f" · {row['derivation']}", className="text-body-secondary")
                            if row.get("derivation")
                            else None,
                            html.Span(f" · {row['flag']}", className="text-warning-emphasis") if row["flag"] else None,
                        ],
                        className="small",
                    ),
                    html.Ul([html.Li(line) for line in lines], className="list-unstyled small mb-1 mt-1"),
                    html.Div(rank_text, className="small text-body-secondary"),
                    html.Div(
                        row.get("benchmark_note"), className="small text-body-secondary fst-italic mt-1 benchmark-note"
                    )
                    if unsourced and row.get("benchmark_note")
                    else None,
                ],
                className="p-2",
            ),
            className="h-100 headline-card",
            id=card_id(row["indicator"]),
        ),
        xs=12,
        sm=6,
        lg=3,
        className="mb-2",
    )


def headline_cards(data):
    by_id = {r["indicator"]: r for r in data["rows"]}
    level_word = {0: "countries", 1: "NUTS 1 regions", 2: "NUTS 2 regions"}[data["level"]]

    def group(title, indicator_ids):
        return html.Div(
            [
                html.H3(title, className="h6 mt-2 mb-1"),
                dbc.Row(
                    [_card(by_id[i], data["country_name"], level_word, data["country"]) for i in indicator_ids],
                    className="g-2",
                ),
            ]
        )

    return html.Div([group("Economy", ECONOMIC), group("Innovation", INNOVATION)])


def headline_records(data, indicator_ids) -> tuple[list[dict], dict]:
    """The headline indicators as formatted rows and their column labels: the cards' text alternative, and the
    key-figures slide of the peer-review pack."""
    rows = [r for r in data["rows"] if r["indicator"] in indicator_ids]
    table = [
        {
            "indicator": f"{r['label']} ({r['unit']})",
            "year": r["year"] or "",
            "value": _fmt(r["value"], r["decimals"]),
            "source_note": (r.get("benchmark_note") or "")
            if NOT_PUBLISHED in (benchmark_text(r, "country") + benchmark_text(r, "eu"))
            else "",
            "country": benchmark_text(r, "country"),
            "eu": benchmark_text(r, "eu"),
            "flag": ", ".join(t for t in (r["flag"], r.get("derivation")) if t),
            "eu_rank": ordinal_rank(r["eu_rank"], r["eu_n"]) or "",
            "country_rank": ordinal_rank(r["country_rank"], r["country_n"]) or "",
        }
        for r in rows
    ]
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
        return dbc.Alert(
            f"This region has values for {data['known']} of the {data['n']} indicators chosen, fewer "
            f"than the {data['need']} needed to compare profiles.",
            color="info",
        )
    if not data["rows"]:
        return dbc.Alert("No region shares enough indicators with this one.", color="info")
    header = html.Thead(html.Tr([html.Th("Region"), html.Th("Distance"), html.Th("Indicators compared")]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(
                        dcc.Link(
                            region_label(r["name"], r["code"]), href=dash.get_relative_path(f"/region/{r['code']}")
                        )
                    ),
                    html.Td(f"{r['distance']:.3f}"),
                    html.Td(str(r["shared"])),
                ]
            )
            for r in data["rows"]
        ]
    )
    peers = [code] + [r["code"] for r in data["rows"]][: MAX_REGIONS - 1]
    years = ", ".join(f"{i} {y}" for i, y in data["years"].items() if y)
    return html.Div(
        [
            dbc.Table(
                [header, body], size="sm", striped=True, className="mb-2 similar-table", style={"maxWidth": "720px"}
            ),
            html.P(
                dcc.Link(
                    f"Compare {code} with the {len(peers) - 1} closest",
                    id="region-compare-link",
                    href=dash.get_relative_path(f"/compare?regions={','.join(peers)}"),
                ),
                className="small",
            ),
            html.P(
                DISTANCE_NOTE.format(min_shared=data["need"]) + f" Years used: {years}.",
                className="small text-body-secondary",
            ),
        ]
    )


def headline(tables, code: str, year: int, default_year) -> dict:
    """The headline cards, the reference-year note and the economy and innovation bar charts, by name."""
    data = headline_parts(tables, code, year)
    return {
        "cards": headline_cards(data),
        "year_note": year_note(data["rows"], year, default_year),
        "economy": chart(
            data["economy"],
            headline_table(data, ECONOMIC),
            source_line(tables.indicators, tables.sources, ECONOMIC),
            data["economy_title"],
        ),
        "innovation": chart(
            data["innovation"],
            headline_table(data, INNOVATION),
            source_line(tables.indicators, tables.sources, INNOVATION),
            data["innovation_title"],
        ),
    }
