"""French spacing in the catalogue: one convention per sign, as French typography (and Babel's numbers) write it.

- a no-break space (U+00A0) before ":", inside « guillemets », and before "%" after a number (the space
  `i18n.format_percent` writes: "12,5 %"; "%" as a word, "variation en %", keeps a word space);
- a narrow no-break space (U+202F) before ";", "?" and "!".

Placeholders (`{x}`, `%{x:.1f}`, `%(x)s`) and HTML tags are left as they are; a placeholder before a sign counts as
a word ("{label} : {value}").

    python -m translations.typography        # rewrites the French msgstr that break it (run after filling .po)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent / "fr" / "LC_MESSAGES" / "messages.po"
NBSP, NNBSP = "\u00a0", "\u202f"
_SPACES = "[ \u00a0\u202f]"
_MASK = re.compile(r"%\{[^{}]*\}|\{[^{}]*\}|%\(\w+\)[sd]|<[^<>]*>")
_WORD = 0xE000  # masked placeholders become private-use characters: they count as words
_PERCENT = "\ue0ff"  # "%%" of a %-format string: a percent sign


def normalise(text: str) -> str:
    """`text` with French spacing before : ; ? ! % and inside « »."""
    if not text:
        return text
    masked = []

    def hide(match):
        masked.append(match.group(0))
        return chr(_WORD + len(masked) - 1)

    s = _MASK.sub(hide, text).replace("%%", _PERCENT)
    s = re.sub(rf"(?:(?<=\S)|^){_SPACES}*:(?!//)(?!(?<=\d:)\d)", NBSP + ":", s)
    s = re.sub(rf"(?:(?<=\S)|^){_SPACES}*([;?!])", NNBSP + r"\1", s)
    s = re.sub(rf"(?<=[\d\ue000-\ue0fe]){_SPACES}*([%{_PERCENT}])", NBSP + r"\1", s)
    s = re.sub(rf"«{_SPACES}*", "«" + NBSP, s)
    s = re.sub(rf"{_SPACES}*»", NBSP + "»", s)
    s = s.replace(_PERCENT, "%%")
    return re.sub("[\ue000-\ue0fe]", lambda m: masked[ord(m.group(0)) - _WORD], s)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def problems(catalogue) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the French translations whose spacing `normalise` would change."""
    found = []
    for message in catalogue:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        found += [(msgid, s) for s in _strings(message) if s and normalise(s) != s]
    return found


def main() -> int:
    from babel.messages.pofile import read_po, write_po

    with PO.open("rb") as f:
        catalogue = read_po(f, locale="fr")
    changed = 0
    for message in catalogue:
        if message.id and any(_strings(message)):
            fixed = tuple(normalise(s) for s in _strings(message))
            if fixed != _strings(message):
                message.string = fixed if isinstance(message.string, tuple) else fixed[0]
                changed += 1
    with PO.open("wb") as f:
        write_po(f, catalogue, width=120, sort_by_file=True)
    print(f"French spacing: {changed} messages rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
