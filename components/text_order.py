"""Alphabetical order of names in any of the interface's languages."""

from __future__ import annotations

import unicodedata


def alphabetical_key(text: str) -> str:
    """A sort key that files accented letters with their base letter, case aside (Électronique under E, not
    after Z as a code-point order puts it)."""
    return "".join(c for c in unicodedata.normalize("NFD", str(text)) if not unicodedata.combining(c)).casefold()
