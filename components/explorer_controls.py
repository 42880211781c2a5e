"""The indicator explorer's controls, shared by Overview and Region: the view tabs (one view at a time) and the
line chart's controls (regions, values or change since a base year, log scale). Ids come from the page."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html

from components.chart_card import loading, table_box
from components.filters import filters
from i18n import N_, translator

TAB_LABELS = {"map": N_("Map"), "chart": N_("Chart"), "table": N_("Table")}


def view_tabs(ident: str, value: str, tabs, lang: str = "en") -> html.Div:
    """Map / Chart / Table as toggle buttons: a radio group, so arrow keys move between them."""
    _ = translator(lang)
    return html.Div(
        dbc.RadioItems(
            id=ident,
            value=value,
            inline=True,
            className="btn-group explorer-tabs",
            inputClassName="btn-check",
            labelClassName="btn btn-outline-dark",
            labelCheckedClassName="active",
            options=[{"label": _(TAB_LABELS[t]), "value": t} for t in tabs],
        ),
        className="mb-3",
        role="group",
        **{"aria-label": _("View")},
    )


def chart_controls(ids: dict, state: dict, regions_dropdown, regions_label: str, lang: str = "en"):
    """ids: {regions, measure, base, log}; state: the page's parsed state (regions, measure, base, base_years,
    log); `regions_dropdown`: the multi-region dropdown (components.region_picker.region_dropdown with
    ids["regions"]); `regions_label` already in `lang`. On a phone they fold behind a "Chart options" button."""
    _ = translator(lang)
    row = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(regions_label, html_for=ids["regions"]),
                    regions_dropdown,
                ],
                lg=6,
            ),
            dbc.Col(
                [
                    dbc.Label(_("Show"), html_for=ids["measure"]),
                    dbc.RadioItems(
                        id=ids["measure"],
                        value=state["measure"],
                        inline=True,
                        options=[
                            {"label": _("Values"), "value": "abs"},
                            {"label": _("Change since a base year (%)"), "value": "rel"},
                        ],
                    ),
                ],
                lg=3,
            ),
            dbc.Col(
                [
                    dbc.Label(_("Base year"), html_for=ids["base"]),
                    dcc.Dropdown(
                        id=ids["base"],
                        value=state["base"],
                        clearable=False,
                        searchable=False,
                        options=[{"label": str(y), "value": y} for y in state["base_years"]],
                    ),
                ],
                width=6,
                lg=1,
            ),
            dbc.Col(
                dbc.Checklist(
                    id=ids["log"],
                    value=[1] if state["log"] else [],
                    switch=True,
                    className="mt-lg-4",
                    options=[{"label": _("Log scale"), "value": 1}],
                ),
                width=6,
                lg=2,
            ),
        ],
        className="g-3 mb-2 controls",
    )
    return filters(ids["regions"], row, _("Chart options"), lang)


def table_pane(ident: str, heading: str, level: str = "h5") -> html.Section:
    """The Table view: a scrolling, keyboard-focusable region named by its heading (in the page's language),
    filled by a callback."""
    heading_id = f"{ident}-heading"
    return html.Section(
        dbc.CardBody(
            [
                html.H2(heading, className=level, id=heading_id),
                loading(
                    table_box(
                        id=ident,
                        class_name="small",
                        style={"maxHeight": "640px", "overflowY": "auto"},
                        role="region",
                        **{"aria-labelledby": heading_id},
                    )
                ),
            ]
        ),
        className="card mb-3 shadow-sm",
    )


def switch_panes(app, tab: str, panes: dict) -> None:
    """One pane shown at a time, in the browser: `panes` {tab value: pane id} hidden unless their tab is chosen."""
    app.clientside_callback(
        f"function(tab) {{ return {json.dumps(list(panes))}.map(v => v !== tab); }}",
        [Output(pane, "hidden") for pane in panes.values()],
        Input(tab, "value"),
        prevent_initial_call=True,
    )
