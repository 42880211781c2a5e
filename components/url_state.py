"""Query-string state: parse values from a URL into a validated state, and write a state back.

Unknown values fall back to defaults and produce a notice the page shows, never an error.
"""

from __future__ import annotations

from urllib.parse import urlencode

from i18n import N_, Message, Number


def choose(raw, allowed, default, label: str, notices: list[str], cast=str):
    """`raw` cast and checked against `allowed`; otherwise `default`, with a notice appended. `label` is a plain
    English term (extracted for the catalogue by its keyword): the notice translates itself (i18n.Message)."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, (list, tuple)):  # a repeated parameter: take the last
        raw = raw[-1]
    try:
        value = cast(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or value not in allowed:
        shown = repr(str(raw)[:40])
        if default is None or default == "":  # nothing chosen by default: nothing to name
            notices.append(Message("Unknown {label} {value} (ignored).", label=Message(label), value=shown))
        else:
            notices.append(
                Message(
                    "Unknown {label} {value}: showing {default} instead.",
                    label=Message(label),
                    value=shown,
                    default=default,
                )
            )
        return default
    return value


def number_in_range(
    raw, lo, hi, default, label: str, notices: list[str], default_text: str | float = N_("the default")
):
    """A number from the link, rounded to 2 decimals, within [lo, hi]; otherwise `default`, with a notice
    (`default_text`: what it says is shown instead, a message or a number)."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, (list, tuple)):
        raw = raw[-1]
    try:
        value = round(float(raw), 2)
    except (TypeError, ValueError):
        value = None
    if value is None or value != value or not lo <= value <= hi:
        shown, bounds = repr(str(raw)[:20]), {"lo": Number(lo), "hi": Number(hi)}
        if not default_text:  # nothing to name
            notices.append(
                Message(
                    "Unknown {label} {value} (use {lo} to {hi}; ignored).", label=Message(label), value=shown, **bounds
                )
            )
        else:
            instead = Message(default_text) if isinstance(default_text, str) else Number(default_text)
            notices.append(
                Message(
                    "Unknown {label} {value} (use {lo} to {hi}): showing {default} instead.",
                    label=Message(label),
                    value=shown,
                    default=instead,
                    **bounds,
                )
            )
        return default
    return value


def choose_many(raw, allowed, default, label: str, notices: list[str], limit: int | None = None):
    """A comma-separated list filtered to known values (order kept, duplicates dropped)."""
    if raw is None or raw == "":
        return list(default)
    if isinstance(raw, (list, tuple)):
        raw = ",".join(map(str, raw))
    items = [x.strip() for x in str(raw).split(",") if x.strip()]
    known = [x for x in dict.fromkeys(items) if x in allowed]
    unknown = [x for x in items if x not in allowed]
    if unknown:
        notices.append(
            Message(
                "Unknown {label}: {values} (ignored).",
                label=Message(label),
                values=", ".join(u[:20] for u in unknown[:5]),
            )
        )
    if limit is not None and len(known) > limit:
        notices.append(
            Message("At most {limit} {label} at once: kept the first {limit}.", limit=limit, label=Message(label))
        )
        known = known[:limit]
    return known


def to_search(state: dict, defaults: dict | None = None) -> str:
    """'?a=1&b=x,y' with values equal to their default left out (so short links stay short)."""
    defaults = defaults or {}
    items = []
    for key, value in state.items():
        if value is None or value == "" or value == [] or defaults.get(key) == value:
            continue
        if isinstance(value, (list, tuple)):
            value = ",".join(map(str, value))
        elif isinstance(value, bool):
            value = int(value)
        items.append((key, value))
    return "?" + urlencode(items, safe=",") if items else ""
