"""What a page in French shows that is still English: visible text nodes read in the browser, checked against the
English source text of the message catalogue and for English function words.

Text inside an element marked `lang="en"` (a source title, an ecosystem name without an official translation) is
English on purpose and skipped; region names are proper names and are taken out before the check."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from i18n import TRANSLATIONS

# Words of English sentences that French text does not use (not "on", "or", "a", which French has too).
ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "with",
        "for",
        "from",
        "this",
        "that",
        "are",
        "is",
        "to",
        "by",
        "which",
        "not",
        "each",
        "than",
        "your",
        "you",
        "has",
        "have",
        "per",
        "in",
        "its",
        "their",
        "been",
        "shown",
        "show",
        "only",
        "more",
        "less",
    ]
)

VISIBLE_TEXTS = """
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest('script, style, noscript, [aria-hidden="true"]')) { continue; }
    const marked = parent.closest('[lang]');
    if (marked && !marked.lang.toLowerCase().startsWith('fr')) { continue; }
    if (parent.checkVisibility && !parent.checkVisibility({checkVisibilityCSS: true})) { continue; }
    out.push(text);
}
return out;
"""


def english_catalogue() -> dict[str, str]:
    """{English source text: French} of every message whose French differs from its English."""
    with (TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale="fr")
    out = {}
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, french in zip(ids, strings):
            if english and french and english.strip() != french.strip() and "{" not in english:
                out[english.strip()] = french
    return out


def english_in(texts: list[str], proper_names=()) -> list[str]:
    """The texts that are English: a catalogue message left untranslated, or a sentence of English words."""
    catalogue = english_catalogue()
    names = sorted((n for n in proper_names if n), key=len, reverse=True)
    found = []
    exact = set(names)
    for text in texts:
        if text in exact:  # a name as published (a pilot region's English name quoted from a document)
            continue
        if text in catalogue and len(text) > 3:
            found.append(text)
            continue
        rest = text
        for name in names:
            if name in rest:
                rest = rest.replace(name, " ")
        words = set(re.findall(r"[a-z]+", rest.lower()))
        if len(words & ENGLISH_WORDS) >= 2 and not part_of_a_name(text, names):
            found.append(text)
    return found


def part_of_a_name(text: str, names) -> bool:
    """A piece of a proper name or source text as a chart draws it: one line of it, or cut short with an ellipsis,
    after a step number such as '4.2 ' (the Policy page's timeline)."""
    piece = re.sub(r"^\d+(\.\d+)*\s+", "", text.strip()).rstrip("\u2026").strip()
    return len(piece.split()) >= 2 and any(piece in name for name in names)


def visible_english(dash_duo, proper_names=()) -> list[str]:
    return english_in(dash_duo.driver.execute_script(VISIBLE_TEXTS), proper_names)
