"""The French catalogue read for tests: the English sentences of given modules that a page in French must not show."""

import re
from functools import cache

from babel.messages.pofile import read_po

from i18n import TRANSLATIONS


@cache
def own_sentences(modules: tuple[str, ...]) -> tuple[str, ...]:
    """The English texts of `modules` that are sentences (three words or more) and that the French catalogue words
    differently; placeholders cut them into the literal runs a page would show."""
    with (TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f, locale="fr")
    found = set()
    for message in catalogue:
        if not message.id or not any(path in modules for path, _line in message.locations):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            for run in re.split(r"{[^{}]*}|%\{[^}]*\}|<[^>]*>", text):
                run = run.strip(" .,:;()")
                if len(run.split()) >= 3 and run not in " ".join(strings):
                    found.add(run)
    return tuple(sorted(found))


def english_left(text: str, modules: tuple[str, ...]) -> list[str]:
    """The sentences of `modules` still in English in `text` (a page or a callback's answer as JSON)."""
    return [s for s in own_sentences(modules) if s in text]
