"""Languages of the interface: gettext catalogues (Babel) and the locale's number and date conventions.

The `.po` files under `translations/` are the catalogues; they are compiled in memory when first used, so no
binary `.mo` file is committed and a catalogue that does not compile stops the app at start-up, not mid-request.

    pybabel extract -F babel.cfg -k Message -k choose:4 -k choose_many:4 -k number_in_range:5 -k _strings:3 \
        --sort-by-file -o translations/messages.pot .                # _(), ngettext(), N_(), notices' terms
    pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching -w 120   # into each .po
    python -m i18n check                                              # every catalogue compiles, placeholders kept
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import sys
from pathlib import Path

from babel import Locale, numbers
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
DEFAULT_LANGUAGE = "en"
LANGUAGES = {"en": "English", "fr": "Français"}  # code -> the language's name in itself (for the switcher)
_PLACEHOLDER = re.compile(r"{[^{}]*}|%\(\w+\)s|%s")


class CatalogueError(ValueError):
    """A message catalogue that cannot be used (does not parse, or a translation drops a placeholder)."""


def choose_language(value: str | None, accept_language: str | None = None) -> str:
    """The language of a view: `?lang=` when it names a known language, else the browser's first known
    Accept-Language preference (by q weight), else English."""
    if isinstance(value, str) and value:  # a link's value: anything may come in
        code = value.strip().lower()[:2]
        if code in LANGUAGES:
            return code
    for code in _accepted(accept_language or ""):
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def _accepted(header: str) -> list[str]:
    """Accept-Language codes (primary subtag), best first; q=0 means 'not this one'."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and q > 0:
            ranked.append((-q, position, tag.strip().lower().split("-")[0]))
    return [code for _, _, code in sorted(ranked)]


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text or ""))


def _compile(lang: str) -> Translations:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    try:
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
    except Exception as err:  # babel raises several kinds on a malformed file
        raise CatalogueError(f"{po}: cannot be read ({err})") from err
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = _placeholders(ids[-1])
        for string in strings:
            if string and _placeholders(string) != wanted:
                raise CatalogueError(
                    f"{po}:{message.lineno}: the translation of {ids[0]!r} has placeholders "
                    f"{sorted(_placeholders(string))}, the English has {sorted(wanted)}"
                )
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of a language (English is the source text: no catalogue)."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return NullTranslations()
    return _compile(lang)


def N_(text: str) -> str:
    """Marks a string for the catalogue where it is written (pybabel extracts N_), translated where it is shown."""
    return text


class Message(str):
    """English text that can say itself in another language: its template (a catalogue msgid) and the values put
    into it. It is the English string everywhere a string is expected; `in_language(lang)` translates it, and
    Message values inside it (terms such as "indicator") with it. Used where text is made before the view's
    language is known (a link's notices, made while the link is parsed)."""

    def __new__(cls, template: str, **values):
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template, text.values = template, values
        return text

    def in_language(self, lang: str) -> str:
        if lang == DEFAULT_LANGUAGE:
            return str(self)
        _ = translator(lang)
        values = {k: v.in_language(lang) if hasattr(v, "in_language") else v for k, v in self.values.items()}
        return _(self.template).format(**values) if values else _(self.template)


class Number(str):
    """A number put into a Message: '1.5' and '1' (not '1.0') in English, '1,5' in French."""

    def __new__(cls, value: float):
        text = super().__new__(cls, _plain_number(value, DEFAULT_LANGUAGE))
        text.value = value
        return text

    def in_language(self, lang: str) -> str:
        return _plain_number(self.value, lang)


def _plain_number(value: float, lang: str) -> str:
    return numbers.format_decimal(value, format="#,##0.##", locale=_locale(lang))


def in_language(items, lang: str) -> list:
    """A list of notices with every Message in `lang` (anything else as it is)."""
    return [item.in_language(lang) if isinstance(item, Message) else item for item in items or []]


def translator(lang: str):
    """`_ = translator(lang)`: the gettext function of a language; untranslated strings stay English."""
    return translations(lang).gettext


def ntranslator(lang: str):
    """The plural-aware ngettext of a language."""
    return translations(lang).ngettext


# British English: the EU's English conventions (4 December 2026, not December 4, 2026).
_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, _LOCALES[DEFAULT_LANGUAGE]))


def format_number(value, lang: str, decimals: int = 0) -> str:
    """37800 -> '37,800' (en) or '37 800' (fr, narrow no-break space); missing stays visibly missing."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=_locale(lang))


def format_percent(value, lang: str, decimals: int = 1) -> str:
    """12.5 (already in percent) -> '12.5%' (en) or '12,5 %' (fr)."""
    if value is None or value != value:
        return "–"
    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern  # where the sign goes and its spacing: '#,##0 %' in French
    pattern = pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals > 0 else ""), 1)
    return numbers.format_percent(value / 100, format=pattern, locale=locale)


def format_day(day: dt.date, lang: str) -> str:
    """2026-12-04 -> '4 December 2026' (en) or '4 décembre 2026' (fr)."""
    return format_date(day, format="long", locale=_locale(lang))


def plotly_separators(lang: str) -> str:
    """Plotly's `layout.separators` (decimal mark, then thousands separator) for the locale's numbers."""
    symbols = _locale(lang).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


def check() -> list[str]:
    """Problems in the committed catalogues (empty when every one compiles with its placeholders)."""
    problems = []
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        try:
            _compile(lang)
        except CatalogueError as err:
            problems.append(str(err))
    return problems


if __name__ == "__main__":
    if sys.argv[1:] != ["check"]:
        sys.exit("usage: python -m i18n check")
    found = check()
    print(
        "\n".join(found) or f"catalogues compile: {', '.join(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)}"
    )
    sys.exit(1 if found else 0)
