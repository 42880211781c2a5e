"""The Policy page's parts built from the seed documents' tables: the region panel, the SWOT, the state of play and
the action plan cards, in the order of the callbacks' outputs.

Pure functions of `tables`: callbacks/policy.py caches the whole answers per validated choice. The page's own texts
are in `lang`; what the documents say (SWOT items, challenges, types of support, steps, costs, criteria) is quoted
as published, in English, and marked lang="en" in HTML on a page in another language, as are source lines.
"""

from __future__ import annotations

import re

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table
from components.figures import policy as figures
from data import policy as queries
from i18n import DEFAULT_LANGUAGE, N_, ntranslator, translator

QUADRANT_STYLE = {
    "Strengths": "border-primary",
    "Weaknesses": "border-warning",
    "Opportunities": "border-success",
    "Threats": "border-danger",
}
QUADRANT_NAMES = {
    "Strengths": N_("Strengths"),
    "Weaknesses": N_("Weaknesses"),
    "Opportunities": N_("Opportunities"),
    "Threats": N_("Threats"),
}
# How a level of the state of play is known (policy_state.basis), in the table.
BASIS_WORDS = {"stated": N_("stated"), "derived": N_("derived"), "not readable": N_("not readable")}


def in_english(lang: str) -> dict:
    """The attribute that marks the documents' English words on a page in another language (none in English)."""
    return {} if lang == DEFAULT_LANGUAGE else {"lang": "en"}


def quoted(text, lang: str):
    """A document's words: as they are in English, in a span marked lang="en" on a page in another language."""
    return text if lang == DEFAULT_LANGUAGE else html.Span(text, lang="en")


def with_link(template: str, **links) -> list:
    """A translated sentence with components in the places of its {placeholders}: 'Plan of {plan}.' -> parts."""
    parts = []
    for piece in re.split(r"({\w+})", template):
        if re.fullmatch(r"{\w+}", piece):
            parts.append(links[piece[1:-1]])
        elif piece:
            parts.append(piece)
    return parts


def source(line: str, lang: str = "en"):
    """A source line ('Source: <attribution>, <sections>; Source: ...') with the word 'Source' in `lang` and the
    attributions and sections (source titles) as published, marked lang="en"."""
    if lang == DEFAULT_LANGUAGE:
        return line
    _ = translator(lang)
    parts = []
    for i, part in enumerate(p for p in re.split(r"(?:^|; )Source: ", line) if p):
        parts += ([_("; ")] if i else []) + [_("Source: "), html.Span(part, lang="en")]
    return parts


def region_link(code: str, label: str | None = None):
    return html.A(label or code, href=dash.get_relative_path(f"/region/{code}"))


def region_panel(recs, code, lang: str = "en"):
    _, ngettext = translator(lang), ntranslator(lang)
    if not code:
        return html.P(
            _("Choose a region (or click its column) to list what was recommended to it."),
            className="small text-body-secondary",
        )
    rows = recs[recs["region_code"] == code]
    if rows.empty:
        return dbc.Alert(_("This region is not one of the ten pilot regions."), color="info")
    name = rows["region"].iloc[0]
    types = queries.region_support(recs, code)
    basis = rows["code_basis"].iloc[0]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(name, className="h6"),
                html.P(
                    ngettext(
                        "{count} of 7 types of support recommended:",
                        "{count} of 7 types of support recommended:",
                        len(types),
                    ).format(count=len(types)),
                    className="mb-1 small",
                ),
                html.Ul([html.Li(t) for t in types], className="small mb-1", **in_english(lang)),
                html.P(
                    [
                        _("Region profile: "),
                        region_link(code, f"{name} ({code})"),
                        html.Span(f" (code: {basis})", className="text-body-secondary")
                        if lang == DEFAULT_LANGUAGE
                        else html.Span(
                            [" (", _("code: "), html.Span(basis, lang="en"), ")"], className="text-body-secondary"
                        ),
                    ],
                    className="small mb-0",
                ),
            ]
        ),
        className="shadow-sm",
    )


def swot_view(tables, code, lang: str = "en"):
    _, ngettext = translator(lang), ntranslator(lang)
    swot = tables.policy_swot
    items = queries.swot_items(swot, code)
    rows = swot[swot["region_code"] == code]
    if rows.empty:
        return dbc.Alert(_("No SWOT for this region in the seed documents."), color="info")
    name = rows["region"].iloc[0]
    cards = [
        dbc.Col(
            html.Div(
                [
                    html.H3(f"{_(QUADRANT_NAMES[quadrant])} ({len(items[quadrant])})", className="h6"),
                    html.Ul([html.Li(text) for text in items[quadrant]], className="small mb-0", **in_english(lang)),
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
    n = len(challenges)
    return html.Div(
        [
            html.P(
                with_link(
                    _("SWOT of industrial transition in {region}."), region=region_link(code, f"{name} ({code})")
                ),
                className="small",
            ),
            dbc.Row(cards, className="g-2"),
            html.H3(
                ngettext(
                    "The {count} challenge the briefing derives from it",
                    "The {count} challenges the briefing derives from it",
                    n,
                ).format(count=n),
                className="h6",
            ),
            html.Ol(challenge_items, className="small", **in_english(lang)),
            html.P(
                source(
                    queries.source_line(
                        sources,
                        [rows["source_id"].iloc[0], challenges["source_id"].iloc[0]],
                        [rows["section"].iloc[0], challenges["section"].iloc[0]],
                    ),
                    lang,
                ),
                className="source-line small text-body-secondary",
            ),
        ],
        className="card card-body shadow-sm",
    )


STATE_TITLE = N_("France: state of play of cluster policy (2023)")


def state_parts(tables, lang: str = "en"):
    _ = translator(lang)
    play = queries.state_of_play(tables.policy_state, tables.policy_state_framework)
    framework = tables.policy_state_framework
    title = _(STATE_TITLE)
    fig = figures.state_of_play_chart(play, framework, title, lang)
    table = play.assign(
        level=play["level"].map(
            lambda v: _("not readable in the text") if pd.isna(v) else _("{level} of 4").format(level=int(v))
        ),
        level_label=play["level_label"].fillna(""),
        basis=play["basis"].map(lambda b: _(BASIS_WORDS[b]) if b in BASIS_WORDS else b),
    )
    line = queries.source_line(
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
                "criterion": _("Criterion"),
                "level": _("Level"),
                "level_label": _("Level label"),
                "basis": _("How the level is known"),
                "evidence": _("What the factsheet says"),
            },
            lang=lang,
        ),
        source(line, lang),
        title,
        html.Div(
            [
                html.H3(
                    _("The framework: four criteria, four levels each (ECCP factsheet, Annex Table 6)"),
                    className="h6 mt-2",
                ),
                html.Div(
                    data_table(
                        desc,
                        {
                            "criterion": _("Criterion"),
                            "description": _("What it assesses"),
                            **{k: _("Level {n}").format(n=k) for k in (1, 2, 3, 4)},
                        },
                        lang=lang,
                    ),
                    className="small",
                    **in_english(lang),
                ),
                html.P(source(line, lang), className="source-line small text-body-secondary"),
            ]
        ),
    )


MATRIX_TITLE = N_("Types of support recommended to the ten pilot regions")


def matrix_source(tables, lang: str = "en"):
    _ = translator(lang)
    recs = tables.policy_recommendations
    line = queries.source_line(tables.sources, [recs["source_id"].iloc[0]], [recs["section"].iloc[0]])
    listed = queries.source_line(tables.sources, [recs["region_source_id"].iloc[0]]).replace("Source: ", "")
    if lang == DEFAULT_LANGUAGE:
        return line + "; columns read from the list of selected regions in " + listed
    return [
        *source(line, lang),
        _("; columns read from the list of selected regions in "),
        html.Span(listed, lang="en"),
    ]


def plan_parts(tables, plan: str, lang: str = "en") -> list:
    """The action plan's timeline and costs cards and the note, in the callback's output order."""
    _ = translator(lang)
    steps = queries.plan_steps(tables.policy_actions, plan)
    if steps.empty:
        empty = figures.empty_figure(_("No action plan for this selection.")).to_plotly_json()
        return [empty, "", "", _("Action plan"), empty, "", "", _("Action plan costs"), ""]
    name = steps["plan"].iloc[0]
    costs = queries.plan_costs(tables.policy_action_costs, plan)
    step_table = steps.assign(
        group=steps["group"], owner=steps["owner"].fillna(_("(not named)")), note=steps["timing_note"].fillna("")
    )
    timeline_source = source(
        queries.source_line(tables.sources, list(steps["source_id"]), list(steps["section"])), lang
    )
    costs_title = _("{plan}: costs of the actions").format(plan=name)
    if costs.empty:
        cost_fig = figures.empty_figure(
            _("The {plan} action plan gives no costs.").format(plan=name), height=220
        ).to_plotly_json()
        cost_table, cost_source = (
            html.P(_("No costs in the document."), className="small"),
            source(queries.source_line(tables.sources, [steps["source_id"].iloc[0]]), lang),
        )
    else:
        cost_fig = figures.plan_costs_chart(costs, costs_title, lang).to_plotly_json()
        shown = costs.assign(
            staff_days=costs["staff_days"].map(
                lambda v: theme.format_value(v, 1 if v == v and v % 1 else 0, lang=lang)
            ),
            eur=[
                theme.format_value(e, 0, lang=lang) + (f" – {theme.format_value(h, 0, lang=lang)}" if h == h else "")
                for e, h in zip(costs["eur"], costs["eur_high"])
            ],
            payer=costs["payer"].fillna("").map(lambda p: _(p) if p == queries.NOT_STATED else p),
            note=costs["note"].fillna(""),
        )
        cost_table = data_table(
            shown,
            {
                "group": _("Action"),
                "cost_item": _("Cost as written"),
                "payer": _("Borne by"),
                "staff_days": _("Staff days"),
                "eur": _("EUR"),
                "period": _("Period"),
                "note": _("Note"),
            },
            lang=lang,
        )
        cost_source = source(
            queries.source_line(tables.sources, list(costs["source_id"]), list(costs["section"])), lang
        )
    calendar = queries.plan_is_calendar(steps)
    note = (
        _(
            "Each step is placed at the month the document gives (a diamond); the document gives no durations, "
            "except where a span is stated (a bar). A triangle marks a step that starts then and continues."
        )
        if calendar
        else _("Times are months after T0, the start of the intervention: the document gives no calendar date.")
    )
    owners = (
        _("Owners are the table's owner column.")
        if steps["owner_basis"].str.startswith("owner column").all()
        else _("The timeframe has no owner column: the colour is the actor each step names.")
    )
    link = with_link(
        _("Plan of {plan}."), plan=html.A(f"{name} ({plan})", href=dash.get_relative_path(f"/region/{plan}"))
    )
    note = [note, " " + owners, " " + link[0], *link[1:]]
    steps_table = data_table(
        step_table,
        {
            "group": _("Intervention / action"),
            "step": _("Step"),
            "timing": _("Timing as written"),
            "owner": _("Owner"),
            "note": _("Note"),
        },
        lang=lang,
    )
    timeline_title = _("{plan}: action plan timeline").format(plan=name)
    return [
        figures.action_timeline(steps, timeline_title, calendar, lang).to_plotly_json(),
        steps_table,
        timeline_source,
        timeline_title,
        cost_fig,
        cost_table,
        cost_source,
        costs_title,
        note,
    ]
