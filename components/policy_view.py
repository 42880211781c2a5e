"""The Policy page's parts built from the seed documents' tables: the region panel, the SWOT, the state of play and
the action plan cards, in the order of the callbacks' outputs.

Pure functions of `tables`: callbacks/policy.py caches the whole answers per validated choice.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table
from components.figures import policy as figures
from data import policy as queries

QUADRANT_STYLE = {
    "Strengths": "border-primary",
    "Weaknesses": "border-warning",
    "Opportunities": "border-success",
    "Threats": "border-danger",
}


def region_link(code: str, label: str | None = None):
    return html.A(label or code, href=dash.get_relative_path(f"/region/{code}"))


def region_panel(recs, code):
    if not code:
        return html.P(
            "Choose a region (or click its column) to list what was recommended to it.",
            className="small text-body-secondary",
        )
    rows = recs[recs["region_code"] == code]
    if rows.empty:
        return dbc.Alert("This region is not one of the ten pilot regions.", color="info")
    name = rows["region"].iloc[0]
    types = queries.region_support(recs, code)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(name, className="h6"),
                html.P(f"{len(types)} of 7 types of support recommended:", className="mb-1 small"),
                html.Ul([html.Li(t) for t in types], className="small mb-1"),
                html.P(
                    [
                        "Region profile: ",
                        region_link(code, f"{name} ({code})"),
                        html.Span(f" (code: {rows['code_basis'].iloc[0]})", className="text-body-secondary"),
                    ],
                    className="small mb-0",
                ),
            ]
        ),
        className="shadow-sm",
    )


def swot_view(tables, code):
    swot = tables.policy_swot
    items = queries.swot_items(swot, code)
    rows = swot[swot["region_code"] == code]
    if rows.empty:
        return dbc.Alert("No SWOT for this region in the seed documents.", color="info")
    name = rows["region"].iloc[0]
    cards = [
        dbc.Col(
            html.Div(
                [
                    html.H3(f"{quadrant} ({len(items[quadrant])})", className="h6"),
                    html.Ul([html.Li(text) for text in items[quadrant]], className="small mb-0"),
                ],
                className=f"border-start border-4 {QUADRANT_STYLE[quadrant]} ps-2 h-100",
            ),
            md=6,
            className="mb-3",
        )
        for quadrant in queries.QUADRANTS
    ]
    challenges = queries.challenges_for(tables.policy_challenges, code)
    challenge_items = [
        html.Li([html.Strong(f"{r.title}: ") if isinstance(r.title, str) else None, r.text])
        for r in challenges.itertuples()
    ]
    sources = tables.sources
    return html.Div(
        [
            html.P(
                ["SWOT of industrial transition in ", region_link(code, f"{name} ({code})"), "."], className="small"
            ),
            dbc.Row(cards, className="g-2"),
            html.H3(f"The {len(challenges)} challenges the briefing derives from it", className="h6"),
            html.Ol(challenge_items, className="small"),
            html.P(
                queries.source_line(
                    sources,
                    [rows["source_id"].iloc[0], challenges["source_id"].iloc[0]],
                    [rows["section"].iloc[0], challenges["section"].iloc[0]],
                ),
                className="source-line small text-body-secondary",
            ),
        ],
        className="card card-body shadow-sm",
    )


def state_parts(tables):
    play = queries.state_of_play(tables.policy_state, tables.policy_state_framework)
    framework = tables.policy_state_framework
    fig = figures.state_of_play_chart(play, framework, "France: state of play of cluster policy (2023)")
    table = play.assign(
        level=play["level"].map(lambda v: "not readable in the text" if pd.isna(v) else f"{int(v)} of 4"),
        level_label=play["level_label"].fillna(""),
    )
    source = queries.source_line(
        tables.sources,
        ["seed_eccp_factsheet_fr"],
        ["4.1 The state of cluster policy (Table 4 and text); Annex, Table 6"],
    )
    wide = framework.pivot(index="criterion", columns="level", values="label_table4")
    order = framework.drop_duplicates("criterion").sort_values("criterion_order")
    desc = order[["criterion", "criterion_annex", "description"]].merge(wide, left_on="criterion", right_index=True)
    return (
        fig.to_plotly_json(),
        data_table(
            table,
            {
                "criterion": "Criterion",
                "level": "Level",
                "level_label": "Level label",
                "basis": "How the level is known",
                "evidence": "What the factsheet says",
            },
        ),
        source,
        "France: state of play of cluster policy (2023)",
        html.Div(
            [
                html.H3(
                    "The framework: four criteria, four levels each (ECCP factsheet, Annex Table 6)",
                    className="h6 mt-2",
                ),
                html.Div(
                    data_table(
                        desc,
                        {
                            "criterion": "Criterion",
                            "description": "What it assesses",
                            1: "Level 1",
                            2: "Level 2",
                            3: "Level 3",
                            4: "Level 4",
                        },
                    ),
                    className="small",
                ),
                html.P(source, className="source-line small text-body-secondary"),
            ]
        ),
    )


def matrix_source(tables) -> str:
    recs = tables.policy_recommendations
    return (
        queries.source_line(tables.sources, [recs["source_id"].iloc[0]], [recs["section"].iloc[0]])
        + "; columns read from the list of selected regions in "
        + queries.source_line(tables.sources, [recs["region_source_id"].iloc[0]]).replace("Source: ", "")
    )


def plan_parts(tables, plan: str) -> list:
    """The action plan's timeline and costs cards and the note, in the callback's output order."""
    steps = queries.plan_steps(tables.policy_actions, plan)
    if steps.empty:
        empty = figures.empty_figure("No action plan for this selection.").to_plotly_json()
        return [empty, "", "", "Action plan", empty, "", "", "Action plan costs", ""]
    name = steps["plan"].iloc[0]
    costs = queries.plan_costs(tables.policy_action_costs, plan)
    step_table = steps.assign(
        group=steps["group"], owner=steps["owner"].fillna("(not named)"), note=steps["timing_note"].fillna("")
    )
    timeline_source = queries.source_line(tables.sources, list(steps["source_id"]), list(steps["section"]))
    if costs.empty:
        cost_fig = figures.empty_figure(f"The {name} action plan gives no costs.", height=220).to_plotly_json()
        cost_table, cost_source = (
            html.P("No costs in the document.", className="small"),
            queries.source_line(tables.sources, [steps["source_id"].iloc[0]]),
        )
    else:
        cost_fig = figures.plan_costs_chart(costs, f"{name}: costs of the actions").to_plotly_json()
        shown = costs.assign(
            staff_days=costs["staff_days"].map(lambda v: theme.format_value(v, 1 if v == v and v % 1 else 0)),
            eur=[
                theme.format_value(e, 0) + (f" – {theme.format_value(h, 0)}" if h == h else "")
                for e, h in zip(costs["eur"], costs["eur_high"])
            ],
            payer=costs["payer"].fillna(""),
            note=costs["note"].fillna(""),
        )
        cost_table = data_table(
            shown,
            {
                "group": "Action",
                "cost_item": "Cost as written",
                "payer": "Borne by",
                "staff_days": "Staff days",
                "eur": "EUR",
                "period": "Period",
                "note": "Note",
            },
        )
        cost_source = queries.source_line(tables.sources, list(costs["source_id"]), list(costs["section"]))
    calendar = queries.plan_is_calendar(steps)
    note = (
        "Each step is placed at the month the document gives (a diamond); the document gives no durations, "
        "except where a span is stated (a bar). A triangle marks a step that starts then and continues."
        if calendar
        else "Times are months after T0, the start of the intervention: the document gives no calendar date."
    )
    note = [
        note,
        " Owners are the table's owner column."
        if steps["owner_basis"].str.startswith("owner column").all()
        else " The timeframe has no owner column: the colour is the actor each step names.",
        " Plan of ",
        html.A(f"{name} ({plan})", href=dash.get_relative_path(f"/region/{plan}")),
        ".",
    ]
    steps_table = data_table(
        step_table,
        {
            "group": "Intervention / action",
            "step": "Step",
            "timing": "Timing as written",
            "owner": "Owner",
            "note": "Note",
        },
    )
    return [
        figures.action_timeline(steps, f"{name}: action plan timeline", calendar).to_plotly_json(),
        steps_table,
        timeline_source,
        f"{name}: action plan timeline",
        cost_fig,
        cost_table,
        cost_source,
        f"{name}: costs of the actions",
        note,
    ]
