"""Data & methods says plainly whether retrieval dates are known (committed tables: not recorded)."""

from __future__ import annotations

from tests.callbacks.components import text_of


def test_default_tables_say_retrieval_dates_are_not_recorded(app):
    from pages import data_methods

    with app.server.test_request_context("/"):
        text = text_of(data_methods.layout.uncached())
    assert "Retrieval dates are not recorded for these tables" in text
    assert "python -m data.refresh" in text
    assert "| Retrieved | Eurostat data update |" in text and "| not recorded |" in text
