"""The indicator explorer's named parts, shared by Overview and Region: one indicator as a line chart of chosen
regions with their countries and the EU27 (values or change since a base year, linear or log scale), and as a map
of one NUTS level in one year. Pure functions of the tables and validated values; the callbacks cache them and the
exports read the same names."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from components import theme
from components.chart_card import data_table, with_csv
from components.chart_parts import chart
from components.figures.explore import explorer_lines
from components.figures.maps import boundaries_url, choropleth
from data.chart_data import spec
from data.explore import (
    flagged_cells,
    log_allowed,
    quality_marks,
    region_names,
    series_frame,
    series_notes,
    series_order,
    transform,
)
from data.labels import indicators_in
from data.quality import WARNING
from data.queries import flag_text, indicator_meta, source_line, values_for_year, years_with_data
from i18n import N_, format_percent, translator

LEVEL_NAMES = {0: N_("countries"), 1: N_("NUTS 1 regions"), 2: N_("NUTS 2 regions")}
NO_SERIES = N_("not in the data")


def series_label(name: str, code: str, kind: str, lang: str = "en") -> str:
    """A series as the legend and the table name it."""
    _ = translator(lang)
    if kind == "eu":
        return _("EU27")
    label = f"{name} ({code})"
    return _("{region}, country").format(region=label) if kind == "country" else label


def meta_in(tables, indicator: str, lang: str) -> dict:
    """The indicator's row with its texts (label, unit, ...) in `lang`."""
    return indicator_meta(indicators_in(tables.indicators, lang), indicator)


def lines(
    tables,
    indicator: str,
    codes: list[str],
    measure: str = "abs",
    base: int | None = None,
    log: bool = False,
    who: str = "",
    mark_year: int | None = None,
    lang: str = "en",
) -> dict:
    """The line chart of `codes` (validated NUTS codes) with their countries and the EU27: figure, table (a year
    per row, a series per column, flags and quality notes in words), source, title and a note of what the lines
    cannot say (series without data, values made by the pipeline, a base year without a value, a refused log);
    every text in `lang` (`who` already is)."""
    _ = translator(lang)
    meta = meta_in(tables, indicator, lang)
    decimals = int(meta["decimals"])
    names = region_names(tables.regions)
    frame = series_frame(tables.indicator_values, tables.regions, indicator, list(codes))
    df, notes = transform(frame, measure, base, lang)
    rel = measure == "rel"
    if log and not log_allowed(df):
        notes.append(_("A log scale needs values above zero: shown on a linear scale."))
        log = False
    order = series_order(list(codes), names.index)
    labels = {c: series_label(names.get(c, c), c, kind, lang) for c, kind in order}
    notes = series_notes(tables.indicator_values, df, indicator, order, labels, _(NO_SERIES), lang) + notes
    flagged = flagged_cells(tables.table("data_quality"), [c for c, _kind in order], indicator)
    marks = quality_marks(df, flagged, lang)
    detail = ", ".join(
        part
        for part in (who, _("change since {year}").format(year=base) if rel else "", _("log scale") if log else "")
        if part
    )
    title = _("{indicator}: {detail}").format(indicator=meta["label"], detail=detail) if detail else meta["label"]
    # On the chart the detail is a second, smaller line: one long line would be cut at a phone's width.
    drawn_title = meta["label"] + (f"<br><sup>{html.escape(detail, quote=False)}</sup>" if detail else "")
    axis = _("% change since {year}").format(year=base) if rel else meta["unit"]
    fig = explorer_lines(
        df,
        drawn_title,
        axis,
        1 if rel else decimals,
        log=log,
        base=base if rel else None,
        marks=marks,
        mark_year=mark_year,
        lang=lang,
    )
    with_csv(fig, spec("indicator_values", indicators=[indicator], regions=list(dict.fromkeys(df["code"]))))
    table, columns = _wide_table(df, marks, labels, decimals, rel, lang)
    return {
        **chart(
            fig.to_plotly_json(),
            data_table(table, columns, lang=lang),
            source_line(tables.indicators, tables.sources, [indicator], lang),
            title,
        ),
        "note": " ".join(n if n.endswith(".") else n + "." for n in notes),
    }


def _wide_table(df, marks, labels, decimals, rel, lang="en") -> tuple[pd.DataFrame, dict]:
    """A year per row, a series per column (the value, and its change in % when `rel`), and a Note of the flags
    (in words, with the series) and the plausibility checks' findings that year, in `lang`."""
    if df.empty:
        return df, {}
    _ = translator(lang)
    notes: dict[int, list[str]] = {}
    for code, year, flag in zip(df["code"].tolist(), df["year"].tolist(), df["flag"].tolist()):
        if flag:
            notes.setdefault(int(year), []).append(f"{flag_text(flag, lang)} ({labels[code]})")
    for m in marks:
        if m["kind"] == "suspect":
            notes.setdefault(m["year"], []).append(
                f"{WARNING} " + _("{name}: {what}").format(name=m["label"], what=m["detail"])
            )

    def change(shown):
        if lang == "en":
            return f"{shown:+,.1f}%"
        return ("+" if shown >= 0 else "") + format_percent(shown, lang, 1)

    def cell(value, shown):
        text = theme.format_value(value, decimals, lang=lang)
        return f"{text} ({change(shown)})" if rel and shown == shown and value == value else text

    drawn = set(df["code"])
    present = [c for c in labels if c in drawn]
    # (code, year) -> (value, shown), the first row of each as the frame's .at gave it
    cells = {}
    for key, value, shown in zip(zip(df["code"], df["year"].tolist()), df["value"].tolist(), df["shown"].tolist()):
        cells.setdefault(key, (value, shown))
    rows = []
    for year in sorted(df["year"].unique()):
        row = {"year": int(year)}
        for code in present:
            found = cells.get((code, int(year)))
            row[code] = cell(*found) if found is not None else _(theme.MISSING_TEXT)
        row["note"] = "; ".join(notes.get(int(year), []))
        rows.append(row)
    columns = {"year": _("Year"), **{c: labels[c] for c in present}, "note": _("Note")}
    return pd.DataFrame(rows), columns


NO_LEVEL_VALUES = {
    0: N_("No countries have a value for this indicator."),
    1: N_("No NUTS 1 regions have a value for this indicator."),
    2: N_("No NUTS 2 regions have a value for this indicator."),
}


def map_year(tables, indicator: str, level: int, year: int | None, lang: str = "en") -> tuple[int | None, str]:
    """The year a map of `indicator` at `level` shows for a wanted `year`: that year when it has values, else the
    latest earlier one (else the first later one), said in a note (in `lang`); (None, note) when the level has no
    value."""
    _ = translator(lang)
    years = years_with_data(tables.indicator_values, tables.regions, indicator, level)
    if not years:
        return None, _(NO_LEVEL_VALUES[level])
    if year in years:
        return year, ""
    earlier = [y for y in years if year is not None and y < year]
    shown = earlier[-1] if earlier else years[0] if year is not None else years[-1]
    return shown, _("No values for {year}: the map shows {shown}.").format(
        year=year, shown=shown
    ) if year is not None else ""


def indicator_map(
    tables, indicator: str, year: int, level: int, highlight: str | None = None, lang: str = "en"
) -> dict:
    """A choropleth of every region of `level` in `year` (missing ones grey, 'no data'), `highlight` outlined:
    figure, table, source (with the boundaries' attribution) and title, in `lang`."""
    _ = translator(lang)
    meta = meta_in(tables, indicator, lang)
    df = values_for_year(tables.indicator_values, tables.regions, indicator, year, level)
    geo_codes = tables.memo(
        ("explore.geo_codes", level), lambda: frozenset(f["id"] for f in tables.geometries[level]["features"])
    )
    df = df[np.array([c in geo_codes for c in df["code"].tolist()], dtype=bool)]  # set lookups: isin on text is slower
    title = f"{meta['label']}, {_(LEVEL_NAMES[level])}, {year}"
    fig = choropleth(
        df,
        boundaries_url(level, tables.version),
        title,
        meta["unit"],
        int(meta["decimals"]),
        year,
        highlight=highlight,
        lang=lang,
    )
    with_csv(fig, spec("indicator_values", indicators=[indicator], level=level, year=year))
    decimals = int(meta["decimals"])
    table = df.assign(
        value=[theme.format_value(v, decimals, lang=lang) for v in df["value"].tolist()],
        flag=[flag_text(f, lang) for f in df["flag"].tolist()],
    )
    source = (
        source_line(tables.indicators, tables.sources, [indicator], lang)
        + "; "
        + _("© EuroGeographics for the administrative boundaries")
    )
    columns = {
        "code": _("Code"),
        "name": _("Region"),
        "value": f"{meta['label']} ({meta['unit']})",
        "flag": _("Flag"),
    }
    return chart(fig.to_plotly_json(), data_table(table, columns, lang=lang), source, title)
