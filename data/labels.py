"""The texts of the data in a language: indicator labels, units and notes, ecosystem names.

The indicator catalogue (data/catalogue.py) writes its texts in English, marked with N_ for the message
catalogue; they are shown through the language's catalogue here. A text without a translation stays English.
"""

from __future__ import annotations

import pandas as pd

from data.store import memo_for
from i18n import DEFAULT_LANGUAGE, translator

INDICATOR_TEXTS = ("label", "short_label", "unit", "description", "composite_note", "benchmark_note")


def translate_column(values: pd.Series, lang: str) -> pd.Series:
    """Each text of `values` in `lang` (missing stays missing)."""
    _ = translator(lang)
    return values.map(lambda text: _(text) if isinstance(text, str) and text else text)


def indicators_in(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicators table with its texts in `lang`, kept per data version and language."""
    if lang == DEFAULT_LANGUAGE:
        return indicators

    def compute():
        out = indicators.copy()
        for column in INDICATOR_TEXTS:
            if column in out:
                out[column] = translate_column(out[column], lang)
        return out

    return memo_for(indicators, ("indicators_in", lang), compute)


def indicator_label(indicators: pd.DataFrame, indicator_id: str, lang: str, column: str = "label") -> str:
    """One indicator's text in `lang` (its id when the indicator is unknown)."""
    rows = indicators_in(indicators, lang)
    found = rows.loc[rows["id"] == indicator_id, column]
    return str(found.iloc[0]) if len(found) else indicator_id
