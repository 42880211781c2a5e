"""A translated sentence with components in it (a link, a code, a key): the catalogue message keeps the whole
sentence, with a named placeholder where each component goes, so a translation can move them."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"{(\w+)}")


def sentence(text: str, **parts) -> list:
    """'Open {link} now.' with link=html.A(...) -> ['Open ', html.A(...), ' now.'] (no empty strings)."""
    pieces = _PLACEHOLDER.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(parts[piece])
        elif piece:
            out.append(piece)
    return out
