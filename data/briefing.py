"""The generated sentences of the policy briefing (/briefing/<code>): what each chart shows, with its numbers.

Pure functions of plain rows (the dicts the Region page's builders return). Every number comes from a row; a
missing value is said to be missing ("not in the data"), never replaced or compared. A per-head or level value is
put as a percentage of the EU27 ("83% of the EU27 value"); a rate (a unit in %) or a score is compared in its own
unit, since a ratio of rates reads badly.
"""

from __future__ import annotations

import math

MISSING = "not in the data"


def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _fmt(x, decimals: int) -> str:
    return f"{x:,.{decimals}f}"


def _is_rate(unit: str) -> bool:
    return unit.strip().startswith("%") or "z-score" in unit or "index" in unit


def _relation(value: float, other: float, higher_is_better: bool) -> str:
    if math.isclose(value, other, rel_tol=0.005, abs_tol=1e-9):
        return "level with"
    return "above" if value > other else "below"


def indicator_sentence(row: dict, name: str, country_name: str | None) -> str:
    """One indicator of Figures 1-2, e.g. 'GDP/inh. (PPS) (2023) is 71% of the EU27 value, below France (98%).'"""
    label, unit, d = row["short_label"], row["unit"], int(row["decimals"])
    if not row.get("year") or not _known(row.get("value")):
        when = f" up to {row['year']}" if row.get("year") else ""
        return f"{label}: no value for {name}{when} ({MISSING})."
    value, eu, country = row["value"], row.get("eu_value"), row.get("country_value")
    head = f"{label} ({row['year']})"
    has_country = bool(country_name) and _known(country)
    if not _is_rate(unit) and _known(eu) and eu:
        text = f"{head} is {value / eu:.0%} of the EU27 value ({_fmt(value, d)} {unit})"
        if has_country:
            text += f", {_relation(value, country, True)} {country_name} ({country / eu:.0%})"
    else:
        text = f"{head} is {_fmt(value, d)} ({unit})"
        parts = []
        if _known(eu):
            parts.append(f"{_relation(value, eu, True)} the EU27 ({_fmt(eu, d)})")
        if has_country:
            parts.append(f"{_relation(value, country, True)} {country_name} ({_fmt(country, d)})")
        if parts:
            text += ", " + " and ".join(parts)
    missing = []
    if not _known(eu):
        missing.append("the EU27 value")
    if country_name and not _known(country):
        missing.append(f"{country_name}'s value")
    if missing:
        text += f"; {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} {MISSING}"
    if not row.get("higher_is_better", True):
        text += " (lower is better)"
    return text + "."


def indicators_paragraph(rows: list[dict], ids, name: str, country_name: str | None) -> str:
    by_id = {r["indicator"]: r for r in rows}
    return " ".join(indicator_sentence(by_id[i], name, country_name) for i in ids if i in by_id)


def profile_sentence(rows: list[dict], name: str, country_name: str | None) -> str:
    """Figure 3: the strongest and weakest scores, how many axes are above the country's and the EU27's score,
    and which axes have no value."""
    scored = [r for r in rows if _known(r.get("score"))]
    if not scored:
        return f"None of the profile's indicators has a value for {name} ({MISSING})."
    best = max(scored, key=lambda r: r["score"])
    worst = min(scored, key=lambda r: r["score"])
    text = (
        f"On the 0-1 scale of the EU NUTS 2 regions, {name} scores highest on {best['short_label']} "
        f"({best['score']:.2f}) and lowest on {worst['short_label']} ({worst['score']:.2f})."
    )
    for key, who in (("eu_score", "the EU27"), ("country_score", country_name)):
        if not who:
            continue
        both = [r for r in scored if _known(r.get(key))]
        if both:
            above = sum(1 for r in both if r["score"] > r[key])
            text += f" It is above {who} on {above} of the {len(both)} indicators where {who} has a value."
        else:
            text += f" No indicator has a value for {who} on this scale."
    missing = [r["short_label"] for r in rows if not _known(r.get("score"))]
    if missing:
        text += f" No value for {name}: {', '.join(missing)}."
    return text


def figure4_sentence(point: dict | None, points: list[dict], level_word: str, kind_word: str) -> str:
    """Figure 4: the region's composite, stars and type, and the peers' types in one line each."""
    if point is None:
        return "The region is not in the set drawn."
    counts = {}
    for p in points:
        counts[p["type_label"]] = counts.get(p["type_label"], 0) + 1
    spread = "; ".join(f"{label}: {n}" for label, n in counts.items())
    c = (
        f"a composite indicator of {point['composite']:.2f}"
        if _known(point["composite"])
        else f"no composite indicator value ({MISSING})"
    )
    s = f"{int(point['stars'])} cluster stars" if _known(point["stars"]) else f"no star total ({MISSING})"
    lead = f"{point['name']} has {c} (among the EU {level_word}) and {s} ({kind_word})"
    if point["type"] == "missing":
        lead += ", so it cannot be placed on the plane"
    else:
        lead += f": {point['type_label'].lower()}"
    return f"{lead}. Of the {len(points)} regions drawn: {spread}."


def stars_sentence(total: dict | None, top: list[dict], name: str, kind_word: str) -> str:
    """The region's star total and its three-star sectors; the sectors that could not be judged are counted."""
    if not total or not _known(total.get("stars")):
        return f"No cluster stars can be computed for {name}: its sector employment is {MISSING}."
    text = (
        f"{name} has {int(total['stars'])} cluster stars over {total['judged']} {kind_word} that could be judged "
        f"(compared with the EU {total['level_word']})"
    )
    if total["unknown_sectors"]:
        text += f"; {total['unknown_sectors']} could not be judged (confidential employment)"
    text += "."
    three = [t["label"] for t in top if t["stars"] == 3]
    if three:
        text += f" Three stars (size, specialisation and focus): {', '.join(three[:5])}."
    elif top:
        text += f" Most stars: {', '.join(t['label'] + ' (' + str(t['stars']) + ')' for t in top[:3])}."
    return text


def participation_sentence(summary: dict | None, name: str) -> str:
    if summary is None:
        return f"The programme participation table is {MISSING}."
    if not summary["participations"]:
        return f"No participation of {name} in the EU cluster programmes is recorded in this (partial) dataset."
    return (
        f"The dataset lists {summary['participations']} participations of {name} in {summary['projects']} "
        f"projects ({', '.join(summary['programmes'])}) by {summary['organisations']} organisations, "
        f"{summary['clusters']} of them cluster organisations. The list is partial: these are counts of what it "
        "holds, not official totals."
    )


def organisations_sentence(found: dict | None, name: str, where: str | None) -> str:
    if not found or not found["count"]:
        return f"The policy documents name no cluster organisation for {name} or a region containing it."
    noun = "cluster organisation" if found["count"] == 1 else "cluster organisations"
    return f"The policy documents name {found['count']} {noun} for {where}."


def policy_sentence(support: list[str], steps: int, where: str | None, name: str) -> str:
    if where is None:
        return (
            f"The seed briefings hold no recommendations or action plan for {name} or a region containing it "
            "(they cover the ten pilot regions)."
        )
    text = f"Recommended support for {where}: {', '.join(support) if support else 'none marked'}."
    text += f" Action plan: {steps} steps." if steps else " The seeds hold no action plan for it."
    return text
