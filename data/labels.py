"""The texts of the data in a language: indicator labels, units and notes, ecosystem names.

The indicator catalogue (data/catalogue.py) writes its texts in English, marked with N_ for the message
catalogue; they are shown through the language's catalogue here. A text without a translation stays English.
"""

from __future__ import annotations

import pandas as pd

from data.store import memo_for
from i18n import DEFAULT_LANGUAGE, N_, translator

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


# Texts the pipeline writes into the tables in English (Eurostat's flags in words, how a value was derived, what
# became of an old NUTS code, the industrial ecosystems' names): marked here for the catalogue, shown through it.
DATA_TEXTS = (
    N_("break in time series"),
    N_("confidential"),
    N_("definition differs"),
    N_("estimated"),
    N_("forecast"),
    N_("not significant"),
    N_("provisional"),
    N_("revised"),
    N_("Eurostat estimate"),
    N_("low reliability"),
    N_("not applicable"),
    N_("sum of NUTS 2 parts"),
    N_("sum of the 27 EU countries"),
    N_("ratio of sums of NUTS 2 parts"),
    N_("ratio of sums of the 27 EU countries"),
    N_("NUTS 2013 code, same territory, recoded"),
    N_("boundary shift in NUTS 2024"),
    N_("split in NUTS 2024"),
)
ECOSYSTEM_NAMES = (
    N_("Aerospace & Defence"),
    N_("Agri-food"),
    N_("Construction"),
    N_("Cultural and Creative Industries"),
    N_("Digital"),
    N_("Electronics"),
    N_("Energy - Renewables"),
    N_("Energy Intensive Industries"),
    N_("Health"),
    N_("Mobility - Transport - Automotive"),
    N_("Proximity, Social Economy and Civil Security"),
    N_("Retail"),
    N_("Textile"),
    N_("Tourism"),
)


def data_text(text, lang: str):
    """One of the pipeline's texts (a flag word, a derivation, an ecosystem's name...) in `lang`; a text the
    catalogue does not know, or that is not text, comes back as it is."""
    return translator(lang)(text) if isinstance(text, str) and text else text


def flag_words(text, lang: str):
    """Eurostat's flags in words ('break in time series, provisional', as data.queries.flag_text writes them)
    in `lang`."""
    if not isinstance(text, str) or not text or lang == DEFAULT_LANGUAGE:
        return text
    return ", ".join(data_text(part, lang) for part in text.split(", "))
