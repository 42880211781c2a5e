"""The generated sentences of the policy briefing (/briefing/<code>): what each chart shows, with its numbers.

Pure functions of plain rows (the dicts the Region page's builders return). Every number comes from a row; a
missing value is said to be missing ("not in the data"), never replaced or compared. A per-head or level value is
put as a percentage of the EU27 ("83% of the EU27 value"); a rate (a unit in %) or a score is compared in its own
unit, since a ratio of rates reads badly.

Each sentence is a message of the catalogue with named placeholders, in the language `lang` ("en" or "fr");
numbers in the locale's format (37 800, 12,5 % in French). The words handed in (indicator labels and units, the
level and sector words) are already in that language; region and country names are proper names.
"""

from __future__ import annotations

import math

from i18n import N_, format_number, format_percent, ntranslator, translator

MISSING = N_("not in the data")


def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def _fmt(x, decimals: int, lang: str = "en") -> str:
    # Rounded by Python first (as the English text always was), then written in the locale's format.
    return format_number(float(f"{x:.{decimals}f}"), lang, decimals)


def _share(ratio: float, lang: str) -> str:
    """A ratio as a whole percentage: 0.83 -> '83%' (en), '83 %' (fr)."""
    return format_percent(float(f"{ratio * 100:.0f}"), lang, 0)


def semicolons(items, lang: str) -> str:
    """'a; b; c' with the language's spacing ('a ; b ; c' in French)."""
    _ = translator(lang)
    items = list(items)
    text = items[0] if items else ""
    for item in items[1:]:
        text = _("{first}; {second}").format(first=text, second=item)
    return text


def _is_rate(unit: str) -> bool:
    return unit.strip().startswith("%") or "z-score" in unit or "index" in unit


def _relation(value: float, other: float, higher_is_better: bool) -> str:
    if math.isclose(value, other, rel_tol=0.005, abs_tol=1e-9):
        return "level"
    return "above" if value > other else "below"


def _against_eu(relation: str, value: str, lang: str) -> str:
    _ = translator(lang)
    return {
        "above": _("above the EU27 ({value})"),
        "below": _("below the EU27 ({value})"),
        "level": _("level with the EU27 ({value})"),
    }[relation].format(value=value)


def _against_country(relation: str, country: str, value: str, lang: str) -> str:
    _ = translator(lang)
    return {
        "above": _("above {country} ({value})"),
        "below": _("below {country} ({value})"),
        "level": _("level with {country} ({value})"),
    }[relation].format(country=country, value=value)


def indicator_sentence(row: dict, name: str, country_name: str | None, lang: str = "en") -> str:
    """One indicator of Figures 1-2, e.g. 'GDP/inh. (PPS) (2023) is 71% of the EU27 value, below France (98%).'
    `row`'s short_label and unit are in `lang` already."""
    _ = translator(lang)
    label, unit, d = row["short_label"], row["unit"], int(row["decimals"])
    if not row.get("year") or not _known(row.get("value")):
        if row.get("year"):
            return _("{indicator}: no value for {region} up to {year} (not in the data).").format(
                indicator=label, region=name, year=row["year"]
            )
        return _("{indicator}: no value for {region} (not in the data).").format(indicator=label, region=name)
    value, eu, country = row["value"], row.get("eu_value"), row.get("country_value")
    has_country = bool(country_name) and _known(country)
    if not _is_rate(unit) and _known(eu) and eu:
        text = _("{indicator} ({year}) is {share} of the EU27 value ({value} {unit})").format(
            indicator=label, year=row["year"], share=_share(value / eu, lang), value=_fmt(value, d, lang), unit=unit
        )
        if has_country:
            text += ", " + _against_country(
                _relation(value, country, True), country_name, _share(country / eu, lang), lang
            )
    else:
        text = _("{indicator} ({year}) is {value} ({unit})").format(
            indicator=label, year=row["year"], value=_fmt(value, d, lang), unit=unit
        )
        parts = []
        if _known(eu):
            parts.append(_against_eu(_relation(value, eu, True), _fmt(eu, d, lang), lang))
        if has_country:
            parts.append(_against_country(_relation(value, country, True), country_name, _fmt(country, d, lang), lang))
        if len(parts) == 2:
            text += ", " + _("{first} and {second}").format(first=parts[0], second=parts[1])
        elif parts:
            text += ", " + parts[0]
    eu_missing = not _known(eu)
    country_missing = bool(country_name) and not _known(country)
    if eu_missing and country_missing:
        text = semicolons(
            [text, _("the EU27 value and {country}'s value are not in the data").format(country=country_name)], lang
        )
    elif eu_missing:
        text = semicolons([text, _("the EU27 value is not in the data")], lang)
    elif country_missing:
        text = semicolons([text, _("{country}'s value is not in the data").format(country=country_name)], lang)
    if not row.get("higher_is_better", True):
        text += " " + _("(lower is better)")
    return text + "."


def indicators_paragraph(rows: list[dict], ids, name: str, country_name: str | None, lang: str = "en") -> str:
    by_id = {r["indicator"]: r for r in rows}
    return " ".join(indicator_sentence(by_id[i], name, country_name, lang) for i in ids if i in by_id)


def profile_sentence(rows: list[dict], name: str, country_name: str | None, lang: str = "en") -> str:
    """Figure 3: the strongest and weakest scores, how many axes are above the country's and the EU27's score,
    and which axes have no value. `rows`' short_label are in `lang` already."""
    _, ngettext = translator(lang), ntranslator(lang)
    scored = [r for r in rows if _known(r.get("score"))]
    if not scored:
        return _("None of the profile's indicators has a value for {region} (not in the data).").format(region=name)
    best = max(scored, key=lambda r: r["score"])
    worst = min(scored, key=lambda r: r["score"])
    text = _(
        "On the 0-1 scale of the EU NUTS 2 regions, {region} scores highest on {best} ({best_score}) and lowest "
        "on {worst} ({worst_score})."
    ).format(
        region=name,
        best=best["short_label"],
        best_score=_fmt(best["score"], 2, lang),
        worst=worst["short_label"],
        worst_score=_fmt(worst["score"], 2, lang),
    )
    for key, who in (("eu_score", "eu"), ("country_score", country_name)):
        if not who:
            continue
        both = [r for r in scored if _known(r.get(key))]
        if both:
            above = sum(1 for r in both if r["score"] > r[key])
            n = len(both)
            if who == "eu":
                sentence = ngettext(
                    "It is above the EU27 on {above} of the {count} indicator where the EU27 has a value.",
                    "It is above the EU27 on {above} of the {count} indicators where the EU27 has a value.",
                    n,
                )
            else:
                sentence = ngettext(
                    "It is above {country} on {above} of the {count} indicator where {country} has a value.",
                    "It is above {country} on {above} of the {count} indicators where {country} has a value.",
                    n,
                )
            text += " " + sentence.format(above=above, count=n, country=who)
        elif who == "eu":
            text += " " + _("No indicator has a value for the EU27 on this scale.")
        else:
            text += " " + _("No indicator has a value for {country} on this scale.").format(country=who)
    missing = [r["short_label"] for r in rows if not _known(r.get("score"))]
    if missing:
        text += " " + _("No value for {region}: {indicators}.").format(region=name, indicators=", ".join(missing))
    return text


def figure4_sentence(point: dict | None, points: list[dict], level_word: str, kind_word: str, lang: str = "en") -> str:
    """Figure 4: the region's composite, stars and type, and the peers' types in one line each. `level_word`,
    `kind_word` and the points' type_label are in `lang` already."""
    _, ngettext = translator(lang), ntranslator(lang)
    if point is None:
        return _("The region is not in the set drawn.")
    counts = {}
    for p in points:
        counts[p["type_label"]] = counts.get(p["type_label"], 0) + 1
    spread = semicolons((_("{type}: {count}").format(type=label, count=n) for label, n in counts.items()), lang)
    composite = (
        _("a composite indicator of {value}").format(value=_fmt(point["composite"], 2, lang))
        if _known(point["composite"])
        else _("no composite indicator value (not in the data)")
    )
    stars = (
        ngettext("{count} cluster star", "{count} cluster stars", int(point["stars"])).format(
            count=format_number(int(point["stars"]), lang)
        )
        if _known(point["stars"])
        else _("no star total (not in the data)")
    )
    if point["type"] == "missing":
        lead = _(
            "{region} has {composite} (among the EU {level}) and {stars} ({sectors}), so it cannot be placed on the "
            "plane."
        )
    else:
        lead = _("{region} has {composite} (among the EU {level}) and {stars} ({sectors}): {type}.")
    lead = lead.format(
        region=point["name"],
        composite=composite,
        level=level_word,
        stars=stars,
        sectors=kind_word,
        type=point["type_label"].lower(),
    )
    drawn = ngettext("Of the {count} region drawn: {types}.", "Of the {count} regions drawn: {types}.", len(points))
    return lead + " " + drawn.format(count=len(points), types=spread)


def stars_sentence(total: dict | None, top: list[dict], name: str, kind_word: str, lang: str = "en") -> str:
    """The region's star total and its three-star sectors; the sectors that could not be judged are counted.
    `kind_word` and total's level_word are in `lang` already."""
    _, ngettext = translator(lang), ntranslator(lang)
    if not total or not _known(total.get("stars")):
        return _("No cluster stars can be computed for {region}: its sector employment is not in the data.").format(
            region=name
        )
    stars = int(total["stars"])
    values = dict(
        region=name,
        count=format_number(stars, lang),
        judged=format_number(total["judged"], lang),
        sectors=kind_word,
        level=total["level_word"],
        unknown=format_number(total["unknown_sectors"], lang),
    )
    if total["unknown_sectors"]:
        text = ngettext(
            "{region} has {count} cluster star over {judged} {sectors} that could be judged (compared with the EU "
            "{level}); {unknown} could not be judged (confidential employment).",
            "{region} has {count} cluster stars over {judged} {sectors} that could be judged (compared with the EU "
            "{level}); {unknown} could not be judged (confidential employment).",
            stars,
        ).format(**values)
    else:
        text = ngettext(
            "{region} has {count} cluster star over {judged} {sectors} that could be judged (compared with the EU "
            "{level}).",
            "{region} has {count} cluster stars over {judged} {sectors} that could be judged (compared with the EU "
            "{level}).",
            stars,
        ).format(**values)
    three = [t["label"] for t in top if t["stars"] == 3]
    if three:
        text += " " + _("Three stars (size, specialisation and focus): {sectors}.").format(sectors=", ".join(three[:5]))
    elif top:
        listed = ", ".join(
            _("{sector} ({stars})").format(sector=t["label"], stars=format_number(t["stars"], lang)) for t in top[:3]
        )
        text += " " + _("Most stars: {sectors}.").format(sectors=listed)
    return text


def participation_sentence(summary: dict | None, name: str, lang: str = "en") -> str:
    _, ngettext = translator(lang), ntranslator(lang)
    if summary is None:
        return _("The programme participation table is not in the data.")
    if not summary["participations"]:
        return _(
            "No participation of {region} in the EU cluster programmes is recorded in this (partial) dataset."
        ).format(region=name)
    n = summary["participations"]
    return ngettext(
        "The dataset lists {count} participation of {region} in {projects} projects ({programmes}) by "
        "{organisations} organisations, {clusters} of them cluster organisations. The list is partial: these are "
        "counts of what it holds, not official totals.",
        "The dataset lists {count} participations of {region} in {projects} projects ({programmes}) by "
        "{organisations} organisations, {clusters} of them cluster organisations. The list is partial: these are "
        "counts of what it holds, not official totals.",
        n,
    ).format(
        count=format_number(n, lang),
        region=name,
        projects=format_number(summary["projects"], lang),
        programmes=", ".join(summary["programmes"]),
        organisations=format_number(summary["organisations"], lang),
        clusters=format_number(summary["clusters"], lang),
    )


def organisations_sentence(found: dict | None, name: str, where: str | None, lang: str = "en") -> str:
    _, ngettext = translator(lang), ntranslator(lang)
    if not found or not found["count"]:
        return _("The policy documents name no cluster organisation for {region} or a region containing it.").format(
            region=name
        )
    return ngettext(
        "The policy documents name {count} cluster organisation for {where}.",
        "The policy documents name {count} cluster organisations for {where}.",
        found["count"],
    ).format(count=format_number(found["count"], lang), where=where)


def policy_sentence(support: list[str], steps: int, where: str | None, name: str, lang: str = "en") -> str:
    _, ngettext = translator(lang), ntranslator(lang)
    if where is None:
        return _(
            "The seed briefings hold no recommendations or action plan for {region} or a region containing it (they "
            "cover the ten pilot regions)."
        ).format(region=name)
    if support:
        text = _("Recommended support for {where}: {support}.").format(where=where, support=", ".join(support))
    else:
        text = _("Recommended support for {where}: none marked.").format(where=where)
    if steps:
        text += " " + ngettext("Action plan: {count} step.", "Action plan: {count} steps.", steps).format(
            count=format_number(steps, lang)
        )
    else:
        text += " " + _("The seeds hold no action plan for it.")
    return text
