"""A chart card's parts by name (figure, table, source line, title), as callbacks answer them.

`chart(...)` is what the page builders return and what the pack's slides read; `chart_outputs(name)` are the
matching Dash Outputs of the card `components.chart_card.chart_card(name, ...)`, for a callback's `output=dict`.
"""

from __future__ import annotations

from dash import Output

from components.chart_card import GRAPH, SOURCE, TABLE, TITLE, ids


def chart(figure, table, source, title) -> dict:
    return {"figure": figure, "table": table, "source": source, "title": title}


def chart_outputs(name: str) -> dict:
    card = ids(name)
    return {
        "figure": Output(card[GRAPH], "figure"),
        "table": Output(card[TABLE], "children"),
        "source": Output(card[SOURCE], "children"),
        "title": Output(card[TITLE], "children"),
    }


def empty_chart(message="", title: str = "", figure=None) -> dict:
    """A card with no chart: an empty figure, `message` in place of the table."""
    return chart({} if figure is None else figure, message, "", title)
