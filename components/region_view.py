"""The Region page's named parts (figures, tables, texts) built from the tables and plain values.

Pure functions of `tables`: the callbacks (callbacks/region.py) cache them, and the peer-review pack and the
briefing read the same parts by name.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from components import explore_view, theme
from components.chart_card import records_table, with_csv
from components.chart_parts import chart
from components.figures.profile import NO_DATA, comparison_bars, profile_figure, specialisation_bars
from components.region_picker import country_name, region_label
from data.build.nuts import EU_CODE
from data.chart_data import spec
from data.explore import region_names
from data.labels import indicators_in
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
from data.queries import combine_attributions, source_line, source_text
from data.region import TOP, headline_rows, specialisation_rows, year_of
from data.region import number as _num
from i18n import DEFAULT_LANGUAGE, N_, format_number, format_percent, ntranslator, translator
from state.compare import MAX_REGIONS

BAR_INNOVATION = tuple(i for i in INNOVATION if i not in SIZE_DEPENDENT)
# The comparison bars' heights (px), the figures' and their cards' on the page: two rows of two panels, one row.
ECONOMY_HEIGHT, INNOVATION_HEIGHT = 640, 420
NACE_COLUMNS = {
    "label": N_("Activity"),
    "lq": N_("LQ"),
    "share": N_("Share of employment"),
    "agglomeration": N_("Agglomeration"),
    "note": N_("Note"),
}
EU27 = N_("EU27")
TIME_SERIES, MAP = N_("Time series"), N_("Map")  # the explorer's chart cards, named when empty
# A rank among the EU regions of the region's level ("136 of 244" in {rank}).
EU_RANKS = {0: N_("{rank} EU countries"), 1: N_("{rank} EU NUTS 1 regions"), 2: N_("{rank} EU NUTS 2 regions")}


def card_id(indicator: str) -> str:
    """The DOM id of one headline card (tests read the value from it)."""
    return f"region-card-{indicator}"


def _fmt(value, decimals, unit="", lang: str = DEFAULT_LANGUAGE):
    """A number as shown in the page's language (theme.format_value in English); missing says so."""
    if lang == DEFAULT_LANGUAGE:
        return theme.format_value(_num(value) if _num(value) is not None else float("nan"), decimals, unit)
    if _num(value) is None:
        return translator(lang)(NO_DATA)
    text = format_number(_num(value), lang, decimals)
    return f"{text} {unit}".strip() if unit else text


def benchmark_text(row: dict, which: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The country's or EU27's value as shown: the number (with how the pipeline made it, e.g. a sum of parts),
    else the year it was last available, else NOT_PUBLISHED (the card then names the dataset that would give it)."""
    _ = translator(lang)
    value, d = row[f"{which}_value"], row["decimals"]
    if value is not None:
        derivation = row.get(f"{which}_derivation")
        return _fmt(value, d, lang=lang) + (f" ({derivation})" if derivation else "")
    latest = row.get(f"{which}_latest")
    if latest and row["year"] and row.get(f"{which}_latest_value") is not None:
        return _("{value} in {latest} (no {year} value)").format(
            value=_fmt(row[f"{which}_latest_value"], d, lang=lang), latest=latest, year=row["year"]
        )
    return _(NOT_PUBLISHED)


def _names(tables, code, lang: str = DEFAULT_LANGUAGE):
    info = region_info(tables.regions, code)
    country = info["nuts0"] if info["level"] > 0 else None
    names = region_names(tables.regions)
    name = (country_name(country, lang) or names.get(country, country)) if country else None
    return info, country, name


def attribution(sources, source_ids) -> str:
    by_id = sources.set_index("id")["attribution"]
    return combine_attributions(by_id[i] for i in source_ids if i in by_id.index)


def ordinal_rank(rank, n, lang: str = DEFAULT_LANGUAGE):
    if rank is None or _num(rank) is None:
        return None
    _ = translator(lang)
    return _("{rank} of {n}").format(rank=int(rank), n=int(n))


def headline_parts(tables, code: str, year: int, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The headline indicators' rows (value, country, EU27, ranks) and the two comparison bar charts, in `lang`."""
    _ = translator(lang)
    info, country, country_name = _names(tables, code, lang)
    rows = headline_rows(tables, code, year, lang)
    by_id = {r["indicator"]: r for r in rows}
    region_series = {"name": region_label(info["name"], code), "short": code, "colour": theme.REGION_COLOUR}
    series_defs = [(region_series, "value", _(NO_DATA))]
    if country:
        series_defs.append(
            (
                {"name": country_name, "short": country, "colour": theme.COUNTRY_COLOUR},
                "country_value",
                _(NOT_PUBLISHED),
            )
        )
    eu = _(EU27)
    series_defs.append(({"name": eu, "short": eu, "colour": theme.EU_COLOUR}, "eu_value", _(NOT_PUBLISHED)))

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
                "missing_text": [missing if by_id[i]["year"] else _(NO_DATA) for i in indicator_ids],
            }
            for s, key, missing in series_defs
        ]
        return with_csv(
            comparison_bars(panels, series, title, height=height, lang=lang),
            spec(
                "indicator_values",
                indicators=list(indicator_ids),
                regions=[code, country, EU_CODE],
                years={i: by_id[i]["year"] for i in indicator_ids},
            ),
        ).to_plotly_json()

    name = info["name"]
    who = f"{name}, {country_name + ', ' if country else ''}{eu}"
    return {
        "rows": rows,
        "name": name,
        "country": country,
        "country_name": country_name,
        "level": info["level"],
        "economy": bars(ECONOMIC, _("Economic indicators") + f"<br><sup>{who}</sup>", ECONOMY_HEIGHT),
        "economy_title": _("Economic indicators: {who}").format(who=who),
        "innovation": bars(BAR_INNOVATION, _("Innovation indicators") + f"<br><sup>{who}</sup>", INNOVATION_HEIGHT),
        "innovation_title": _("Innovation indicators: {who}").format(who=who),
    }


def timeseries(
    tables,
    code: str,
    indicator: str,
    year: int,
    regions=(),
    measure: str = "abs",
    base=None,
    log: bool = False,
    lang: str = DEFAULT_LANGUAGE,
) -> dict:
    """The explorer's line chart (shared with Overview): one indicator over the years for the region, its country,
    the EU27 and any `regions` added, as values or change since `base`, with breaks and flagged values marked and
    the reference `year` drawn; its parts by name, and `note` for what the lines cannot say.

    `lang` words the chart's subject (`who`); the explorer's own texts are explore_view's."""
    _, ngettext = translator(lang), ntranslator(lang)
    info, country, country_name = _names(tables, code, lang)
    if regions:
        who = ngettext("{name} and {count} other region", "{name} and {count} other regions", len(regions)).format(
            name=info["name"], count=len(regions)
        )
    elif country:
        who = _("{name}, {country} and the EU27").format(name=info["name"], country=country_name)
    else:
        who = _("{name} and the EU27").format(name=info["name"])
    return explore_view.lines(
        tables, indicator, [code, *regions], measure, base, log, who=who, mark_year=year, lang=lang
    )


def region_map(tables, code: str, indicator: str, year, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The indicator across every region of the region's level in the reference year (or the nearest year with
    values, said in `note`), the region outlined; in `lang`."""
    level = region_info(tables.regions, code)["level"]
    shown, note = explore_view.map_year(tables, indicator, level, year, lang)
    if shown is None:
        return {**chart({}, note, "", translator(lang)(MAP)), "note": note}
    return {**explore_view.indicator_map(tables, indicator, shown, level, highlight=code, lang=lang), "note": note}


def profile_parts(tables, code: str, year: int, view: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The normalised profile (radar or bars) of the region, its country and the EU27, with its table rows, in
    `lang`."""
    _ = translator(lang)
    info, country, country_name = _names(tables, code, lang)
    p = profile(tables.indicator_values, tables.regions, indicators_in(tables.indicators, lang), code, year)
    labels = [f"{r.short_label} ({r.year})" if r.year else r.short_label for r in p.itertuples()]

    def texts(column):
        return [
            _fmt(v, d, u, lang) if _num(v) is not None else "" for v, d, u in zip(p[column], p["decimals"], p["unit"])
        ]

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
            "name": _(EU27),
            "scores": [_num(v) for v in p["eu_score"]],
            "texts": texts("eu_value"),
            "colour": theme.EU_COLOUR,
            "dash": "dot",
            "symbol": "diamond",
        }
    )
    title = (
        _("Normalised profile: {name}, {country} and the EU27").format(name=info["name"], country=country_name)
        if country
        else _("Normalised profile: {name} and the EU27").format(name=info["name"])
    )
    fig = profile_figure(labels, series, view, title, lang)
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
        if _num(v) is None:
            return _(NO_DATA)
        return f"{v:.2f}" if lang == DEFAULT_LANGUAGE else format_number(v, lang, 2)

    def benchmark(v, decimals):
        return _fmt(v, decimals, lang=lang) if _num(v) is not None else _(NOT_PUBLISHED)

    table = [
        {
            "indicator": r.label,
            "year": r.year or "",
            "value": _fmt(r.value, r.decimals, r.unit, lang),
            "score": score(r.score),
            "country": benchmark(r.country_value, r.decimals) if country else "",
            "country_score": score(r.country_score) if country else "",
            "eu": benchmark(r.eu_value, r.decimals),
            "eu_score": score(r.eu_score),
            "range": _("{lo} to {hi}").format(
                lo=_fmt(r.lo, r.decimals, lang=lang), hi=_fmt(r.hi, r.decimals, lang=lang)
            )
            + ("" if r.higher_is_better else " " + _("(lower is better)")),
        }
        for r in p.itertuples()
    ]
    return {"figure": fig.to_plotly_json(), "rows": table, "title": title, "country_name": country_name}


def profile_chart(tables, code: str, year: int, view: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    _ = translator(lang)
    parts = profile_parts(tables, code, year, view, lang)
    columns = {"indicator": _("Indicator"), "year": _("Year"), "value": _("Value"), "score": _("Score")}
    if parts["country_name"]:
        columns.update({"country": parts["country_name"], "country_score": _("Score")})
    columns.update({"eu": _(EU27), "eu_score": _("Score"), "range": _("EU NUTS 2 range")})
    return chart(
        parts["figure"],
        records_table(parts["rows"], columns, lang=lang),
        source_line(tables.indicators, tables.sources, PROFILE, lang),
        parts["title"],
    )


def specialisation(tables, code: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The ecosystems and NACE divisions bar charts by location quotient, as two charts by name, in `lang`."""
    _ = translator(lang)
    info = region_info(tables.regions, code)
    found = specialisation_rows(tables, code, lang)
    eco_rows, nace_rows, labels = found["ecosystems"], found["nace"], found["labelled"]
    year, top, name = found["year"], TOP, info["name"]
    eco_heading = _("Industrial ecosystems by location quotient")
    eco_title = _("Industrial ecosystems by location quotient: {name}, {year}").format(name=name, year=year)
    nace_title = _("NACE divisions by location quotient (top {top}): {name}, {year}").format(
        top=top, name=name, year=year
    )
    eco_fig_title = f"{eco_heading}<br><sup>{name}, {year}</sup>"
    nace_fig_title = (
        _("NACE divisions by location quotient, top {top}").format(top=top) + f"<br><sup>{name}, {year}</sup>"
    )
    columns = {key: _(label) for key, label in NACE_COLUMNS.items()}

    def table(rows):
        return [
            {
                "label": (f"{WARNING} " if r.get("warning") else "") + r["label"],
                "lq": f"{r['lq']:.2f}" if lang == DEFAULT_LANGUAGE else format_number(r["lq"], lang, 2),
                "share": f"{r['share'] * 100:.1f}%"
                if lang == DEFAULT_LANGUAGE
                else format_percent(r["share"] * 100, lang, 1),
                "agglomeration": _("yes") if r["agglomeration"] else _("no"),
                "note": "; ".join(
                    x for x in (r["note"], r.get("warning") and f"{WARNING} {r.get('detail') or r['warning']}") if x
                ),
            }
            for r in rows
        ]

    nace_source = source_text(attribution(tables.sources, ["sbs"] + (["nace"] if labels else [])), lang)
    if not labels:
        nace_source += " " + _("(division labels not loaded: codes shown)")
    elif lang != DEFAULT_LANGUAGE:  # the NACE table holds English labels only: said, not passed off as translated
        nace_source += " " + _("(NACE labels in English)")
    return {
        "ecosystems": chart(
            with_csv(
                specialisation_bars(eco_rows, eco_fig_title, lang),
                spec("ecosystem_lq", regions=[code], ecosystems=[r["id"] for r in eco_rows], year=year),
            ).to_plotly_json(),
            records_table(table(eco_rows), columns, lang=lang),
            source_text(attribution(tables.sources, ["sbs", "ecosystem_weights"]), lang),
            eco_title,
        ),
        "nace": chart(
            with_csv(
                specialisation_bars(nace_rows, nace_fig_title, lang),
                spec("nace_lq", regions=[code], divisions=[r["id"] for r in nace_rows], year=year),
            ).to_plotly_json(),
            records_table(table(nace_rows), columns, lang=lang),
            nace_source,
            nace_title,
        ),
    }


# --- Components --------------------------------------------------------------------------------------------------


def _card(row, country_name, level, country, lang: str = DEFAULT_LANGUAGE):
    _ = translator(lang)
    d, unit = row["decimals"], row["unit"]
    value = _fmt(row["value"], d, lang=lang)
    lines = []
    if country:
        lines.append(_("{name}: {value}").format(name=country_name, value=benchmark_text(row, "country", lang)))
    lines.append(_("{name}: {value}").format(name=_(EU27), value=benchmark_text(row, "eu", lang)))
    unsourced = any(text.endswith(_(NOT_PUBLISHED)) for text in lines)
    ranks = []
    eu_rank = ordinal_rank(row["eu_rank"], row["eu_n"], lang)
    if eu_rank:
        ranks.append(_(EU_RANKS[level]).format(rank=eu_rank))
    c_rank = ordinal_rank(row["country_rank"], row["country_n"], lang)
    if c_rank:
        ranks.append(_("{rank} in {country}").format(rank=c_rank, country=country_name))
    rank_text = (
        (
            _("Rank {ranks}").format(ranks=" · ".join(ranks))
            + ("" if row["higher_is_better"] else " " + _("(1 = lowest)"))
        )
        if ranks
        else _("No rank: no value")
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
                                else _("no value for this region ({year})").format(year=row["year"])
                            )
                            if row["year"]
                            else _("no year with data"),
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


def headline_cards(data, lang: str = DEFAULT_LANGUAGE):
    _ = translator(lang)
    by_id = {r["indicator"]: r for r in data["rows"]}

    def group(title, indicator_ids):
        return html.Div(
            [
                html.H3(title, className="h6 mt-2 mb-1"),
                dbc.Row(
                    [
                        _card(by_id[i], data["country_name"], data["level"], data["country"], lang)
                        for i in indicator_ids
                    ],
                    className="g-2",
                ),
            ]
        )

    return html.Div([group(_("Economy"), ECONOMIC), group(_("Innovation"), INNOVATION)])


def headline_records(data, indicator_ids, lang: str = DEFAULT_LANGUAGE) -> tuple[list[dict], dict]:
    """The headline indicators as formatted rows and their column labels: the cards' text alternative, and the
    key-figures slide of the peer-review pack (`data` from headline_parts in the same `lang`)."""
    _ = translator(lang)
    rows = [r for r in data["rows"] if r["indicator"] in indicator_ids]
    table = [
        {
            "indicator": f"{r['label']} ({r['unit']})",
            "year": r["year"] or "",
            "value": _fmt(r["value"], r["decimals"], lang=lang),
            "source_note": (r.get("benchmark_note") or "")
            if _(NOT_PUBLISHED) in (benchmark_text(r, "country", lang) + benchmark_text(r, "eu", lang))
            else "",
            "country": benchmark_text(r, "country", lang),
            "eu": benchmark_text(r, "eu", lang),
            "flag": ", ".join(t for t in (r["flag"], r.get("derivation")) if t),
            "eu_rank": ordinal_rank(r["eu_rank"], r["eu_n"], lang) or "",
            "country_rank": ordinal_rank(r["country_rank"], r["country_n"], lang) or "",
        }
        for r in rows
    ]
    columns = {"indicator": _("Indicator"), "year": _("Year"), "value": data["name"]}
    if data["country"]:
        columns["country"] = data["country_name"]
    columns.update({"eu": _(EU27), "flag": _("Flag"), "eu_rank": _("EU rank")})
    if data["country"]:
        columns["country_rank"] = _("Rank in country")
    if any(row["source_note"] for row in table):
        columns["source_note"] = _("Benchmarks not in the data")
    return table, columns


def headline_table(data, indicator_ids, lang: str = DEFAULT_LANGUAGE):
    table, columns = headline_records(data, indicator_ids, lang)
    return records_table(table, columns, lang=lang)


def year_note(rows, year, default_year, lang: str = DEFAULT_LANGUAGE):
    _ = translator(lang)
    text = (
        _("Reference year {year} (the latest year with data for this region).")
        if year == default_year
        else _("Reference year {year}.")
    ).format(year=year)
    other = [f"{r['short_label']} {r['year']}" for r in rows if r["year"] and r["year"] != year]
    none = [r["short_label"] for r in rows if not r["year"]]
    if other:
        text += " " + _("Indicators without data for that year show their latest earlier year: {indicators}.").format(
            indicators=", ".join(other)
        )
    if none:
        text += " " + _("No data up to then: {indicators}.").format(indicators=", ".join(none))
    return text.replace("..", ".")  # a short label ending in an abbreviation ("inh.") closes the sentence


def similar_list(data, code, lang: str = DEFAULT_LANGUAGE):
    _, ngettext = translator(lang), ntranslator(lang)
    if data["known"] < data["need"]:
        return dbc.Alert(
            _(
                "This region has values for {known} of the {n} indicators chosen, fewer than the {need} needed to "
                "compare profiles."
            ).format(known=data["known"], n=data["n"], need=data["need"]),
            color="info",
        )
    if not data["rows"]:
        return dbc.Alert(_("No region shares enough indicators with this one."), color="info")
    header = html.Thead(html.Tr([html.Th(_("Region")), html.Th(_("Distance")), html.Th(_("Indicators compared"))]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(
                        dcc.Link(
                            region_label(r["name"], r["code"]), href=dash.get_relative_path(f"/region/{r['code']}")
                        )
                    ),
                    html.Td(
                        f"{r['distance']:.3f}" if lang == DEFAULT_LANGUAGE else format_number(r["distance"], lang, 3)
                    ),
                    html.Td(str(r["shared"])),
                ]
            )
            for r in data["rows"]
        ]
    )
    peers = [code] + [r["code"] for r in data["rows"]][: MAX_REGIONS - 1]
    years = ", ".join(f"{_(i)} {y}" for i, y in data["years"].items() if y)  # keyed by English short label
    return html.Div(
        [
            dbc.Table(
                [header, body], size="sm", striped=True, className="mb-2 similar-table", style={"maxWidth": "720px"}
            ),
            html.P(
                dcc.Link(
                    ngettext(
                        "Compare {code} with the {count} closest",
                        "Compare {code} with the {count} closest",
                        len(peers) - 1,
                    ).format(code=code, count=len(peers) - 1),
                    id="region-compare-link",
                    href=dash.get_relative_path(f"/compare?regions={','.join(peers)}"),
                ),
                className="small",
            ),
            html.P(
                _(DISTANCE_NOTE).format(min_shared=data["need"]) + " " + _("Years used: {years}.").format(years=years),
                className="small text-body-secondary",
            ),
        ]
    )


def headline(tables, code: str, year: int, default_year, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The headline cards, the reference-year note and the economy and innovation bar charts, by name, in `lang`."""
    data = headline_parts(tables, code, year, lang)
    return {
        "cards": headline_cards(data, lang),
        "year_note": year_note(data["rows"], year, default_year, lang),
        "economy": chart(
            data["economy"],
            headline_table(data, ECONOMIC, lang),
            source_line(tables.indicators, tables.sources, ECONOMIC, lang),
            data["economy_title"],
        ),
        "innovation": chart(
            data["innovation"],
            headline_table(data, INNOVATION, lang),
            source_line(tables.indicators, tables.sources, INNOVATION, lang),
            data["innovation_title"],
        ),
    }
