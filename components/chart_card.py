"""The frame every chart gets: title, the graph, a source line, a text alternative and actions."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, dcc, html
from dash.exceptions import PreventUpdate

from i18n import N_, translator

GRAPH = "chart-graph"
TABLE = "chart-table"
SOURCE = "chart-source"
CSV_BUTTON = "chart-csv-button"
CSV_DOWNLOAD = "chart-csv-download"
CSV_NOTE = "chart-csv-note"
PNG_BUTTON = "chart-png-button"
SVG_BUTTON = "chart-svg-button"
TITLE = "chart-title"
# A card drawn when scrolled into view: a store set true by assets/draw_when_visible.js, and the note shown until
# then. The card's callback takes the store as an Input and answers nothing while it is false (`drawn_when_visible`).
VISIBLE = "chart-visible"
VISIBLE_NOTE = "chart-visible-note"
DRAW_NOTE = N_("Chart drawn when scrolled into view.")
# AG Grid's CSV export passes every cell through eucCsvCell (assets/charts.js): formula cells are neutralised.
GRID_CSV_GUARD = {"function": "eucCsvCell(params)"}
PARTS = (GRAPH, TABLE, SOURCE, CSV_BUTTON, CSV_DOWNLOAD, CSV_NOTE, PNG_BUTTON, SVG_BUTTON, TITLE, VISIBLE, VISIBLE_NOTE)


def ids(name: str) -> dict:
    """Pattern-matching ids of one chart card, for callbacks that fill it."""
    return {part: {"type": part, "index": name} for part in PARTS}


def _action(ident, icon, label, hint):
    return dbc.Button(
        [html.I(className=f"bi {icon} me-1", **{"aria-hidden": "true"}), label],
        id=ident,
        size="sm",
        color="secondary",
        outline=True,
        className="chart-action",
        title=hint,
    )


def graph_config(filename: str) -> dict:
    return {
        # Map base layers come from the app's own assets, never from plotly's CDN.
        "topojsonURL": dash.get_asset_url("topojson/"),
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        # No "Share chart..." / "Edit in Chart Studio": they upload to a cloud service (wrong in an intranet).
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "plotlyServerURL": "",
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendChartToCloud", "sendDataToCloud", "editInChartStudio"],
    }


def chart_card(
    name: str,
    title: str,
    source: str = "",
    height: int = 420,
    figure=None,
    table=None,
    subtitle: str | None = None,
    lang: str = "en",
    draw_when_visible: bool = False,
):
    """A card holding one chart. `name` makes the ids unique on the page; the callbacks fill graph/table/source.
    `title` and `subtitle` come translated; the card's own labels are drawn in `lang`.

    With `draw_when_visible`, for a card below the fold, the card carries a store (ids(name)[VISIBLE]) that
    assets/draw_when_visible.js sets true when the card comes near the viewport, and says so until then; its
    callback takes `visible_input(name)` and answers nothing while it is false."""
    _ = translator(lang)
    i = ids(name)
    title_id = f"{name}-heading"
    lazy = (
        [
            dcc.Store(id=i[VISIBLE], data=False),
            html.P(
                _(DRAW_NOTE), id=i[VISIBLE_NOTE], className="small text-body-secondary mb-1 draw-note", role="status"
            ),
        ]
        if draw_when_visible
        else []
    )
    return html.Section(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(html.Span(title, id=i[TITLE]), id=title_id, className="visually-hidden"),
                        html.Div(
                            [
                                _action(i[PNG_BUTTON], "bi-file-image", "PNG", _("Download this chart as a PNG image")),
                                _action(
                                    i[SVG_BUTTON], "bi-filetype-svg", "SVG", _("Download this chart as an SVG image")
                                ),
                                _action(
                                    i[CSV_BUTTON], "bi-filetype-csv", "CSV", _("Download the data of this chart as CSV")
                                ),
                            ],
                            className="btn-group ms-auto chart-actions",
                            role="group",
                            **{"aria-label": _("Export this chart")},
                        ),
                    ],
                    className="d-flex align-items-start gap-2",
                ),
                html.P(subtitle, className="text-body-secondary small mb-1") if subtitle else None,
                *lazy,
                dcc.Loading(
                    dcc.Graph(
                        id=i[GRAPH],
                        figure=figure or {"data": [], "layout": {"height": height}},
                        config=graph_config(name),
                        style={"height": f"{height}px"},
                    ),
                    type="dot",
                    delay_show=300,
                ),
                html.P(source, id=i[SOURCE], className="source-line small text-body-secondary mb-1"),
                html.P(id=i[CSV_NOTE], role="status", className="small text-body-secondary mb-1"),
                html.Details(
                    [
                        html.Summary(_("Show the data as a table"), className="small"),
                        table_box(table, id=i[TABLE], class_name="small mt-2"),
                    ],
                    className="chart-alt",
                ),
                dcc.Download(id=i[CSV_DOWNLOAD]),
            ]
        ),
        className="card mb-3 chart-card shadow-sm",
        **{"aria-labelledby": title_id},
        **({"data-draw-when-visible": name} if draw_when_visible else {}),
    )


def visible_input(name: str) -> Input:
    """The Input of a `draw_when_visible` card's store, for the callback that fills the card."""
    return Input(ids(name)[VISIBLE], "data")


def drawn_when_visible(*visible) -> None:
    """Raise PreventUpdate while none of the cards a callback fills has come near the viewport: nothing below the
    fold is computed or sent at load. Exports build their figures from the same answers, never through this."""
    if not any(v is True for v in visible):
        raise PreventUpdate


def with_csv(figure, chart_spec: dict):
    """`figure` (a go.Figure or its plain data) carrying the spec of its CSV download (data.chart_data.spec) in
    `layout.meta`; set directly, so argument names with underscores stay as they are."""
    if isinstance(figure, dict):
        figure.setdefault("layout", {})["meta"] = {"csv": chart_spec}
    else:
        figure.layout["meta"] = {"csv": chart_spec}
    return figure


def _md_cell(value) -> str:
    text = "" if value is None or value is pd.NA or value != value else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _column(values) -> list:
    """A column's cells as Python values (a pandas column, or a plain list), read in one go."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def table_box(children=None, class_name: str = "", **kwargs) -> html.Div:
    """The box of a table that scrolls sideways when wider than the screen (a phone): focusable, so a keyboard can
    scroll it too (axe: scrollable-region-focusable)."""
    return html.Div(children, className=f"table-responsive {class_name}".strip(), tabIndex="0", **kwargs)


def data_table(df, columns: dict[str, str] | None = None, max_rows: int = 400, lang: str = "en"):
    """The chart's text alternative: an accessible table, sent as one Markdown string. `df`: a DataFrame, or
    its columns as a dict of lists (no frame to build for a few dozen rows).

    One string instead of thousands of html.Td components keeps callbacks fast; Markdown renders data
    strings as text (no raw HTML), so names containing markup stay harmless.
    """
    _ = translator(lang)
    rows = 0 if df is None else len(next(iter(df.values()), ())) if isinstance(df, dict) else len(df)
    if rows == 0:
        return html.P(_("No data for this selection."), className="text-body-secondary")
    columns = columns or {c: c for c in df}
    lines = ["| " + " | ".join(_md_cell(h) for h in columns.values()) + " |", "|" + "---|" * len(columns)]
    cells = [[_md_cell(v) for v in _column(df[c])[:max_rows]] for c in columns]  # column by column, no row objects
    lines += ["| " + " | ".join(row) + " |" for row in zip(*cells)]
    note = (
        html.P(
            _("First {shown} of {total} rows; the CSV has all of them.").format(shown=max_rows, total=rows),
            className="small",
        )
        if rows > max_rows
        else None
    )
    return html.Div([note, dcc.Markdown("\n".join(lines), className="md-table")])


def records_table(rows: list[dict], columns: dict[str, str] | None = None, max_rows: int = 400, lang: str = "en"):
    """`data_table` of plain rows, each cell as given (a DataFrame would turn a column of ints with gaps into
    floats: callers whose columns hold such values keep data_table)."""
    names = list(dict.fromkeys(k for r in rows for k in r))
    return data_table({name: [r.get(name) for r in rows] for name in names}, columns, max_rows, lang)


def loading(child, kind: str = "dot"):
    """A spinner over `child` while a callback fills it, shown only after 300 ms (a warm answer shows none)."""
    return dcc.Loading(child, type=kind, delay_show=300)
