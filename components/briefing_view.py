"""The policy briefing's sections (sentence, figure, table, source, note) built from the tables, as plain data, and
each section as components.

Pure functions of `tables`: callbacks/briefing.py caches them, and the page and the PDF / PowerPoint exports
(callbacks/briefing_export.py) read the same sections by name. Figure 4 is in components/briefing_figure4.py.
"""

from __future__ import annotations

import re

import pandas as pd
from dash import html

from components.chart_card import chart_card, data_table, with_csv
from components.figures.briefing import stars_map
from components.figures.maps import boundaries_url
from components.region_picker import region_label
from components.region_view import BAR_INNOVATION, attribution, headline_records, profile_parts
from data import briefing as say
from data import typology as ty
from data.build.stars import UNSUPPORTED
from data.chart_data import spec
from data.labels import indicators_in
from data.policy import plan_steps, region_support
from data.profile import ECONOMIC, INNOVATION, PROFILE, named_cluster_organisations, participation_summary, region_info
from data.profile import profile as profile_rows
from data.queries import source_line, source_text
from data.region import nace_labels
from data.store import memo_for
from i18n import N_, format_number, translator

TOP_SECTORS = 15

# Column headers and sentences are English, marked for the catalogue and shown through `translator(lang)`.
STARS_COLUMNS = {
    "sector": N_("Sector"),
    "size": N_("Size"),
    "specialisation": N_("Specialisation"),
    "focus": N_("Focus"),
    "stars": N_("Stars"),
    "lq": N_("LQ"),
    "basis": N_("Basis"),
}
PROFILE_COLUMNS = {
    "indicator": N_("Indicator"),
    "year": N_("Year"),
    "value": N_("Value"),
    "score": N_("Score"),
    "country": N_("Country"),
    "country_score": N_("Score"),
    "eu": N_("EU27"),
    "eu_score": N_("Score"),
    "range": N_("EU NUTS 2 range"),
}
ORGANISATION_COLUMNS = {
    "organisation": N_("Organisation"),
    "described_as": N_("Described as"),
    "programme": N_("Programme"),
}
PLAN_COLUMNS = {"group": N_("Action"), "step": N_("Step"), "timing": N_("Timing")}
# data/build/stars.py's criteria that cannot be computed, as the note writes them ("Productivity: not computed,
# {why}."), marked here for the catalogue; a criterion reworded there shows in English until translated again.
UNSUPPORTED_TEXT = (
    N_(
        "Productivity: not computed, needs wages or value added per person employed by sector and region; the "
        "tables hold persons employed only."
    ),
    N_(
        "Dynamism: not computed, needs employment by sector and region over several years (growth); the tables "
        "hold one year, 2015."
    ),
)


def level_word(level, lang: str = "en"):
    return translator(lang)(ty.LEVEL_WORDS.get(level, N_("regions")))


def _columns(columns: dict, lang: str) -> dict:
    _ = translator(lang)
    return {key: _(label) for key, label in columns.items()}


def _unsupported(lang: str) -> str:
    _ = translator(lang)
    written = [f"{k.capitalize()}: not computed, {why}." for k, why in UNSUPPORTED.items()]
    return " ".join(_(text) for text in written)


def rows_in(rows: list[dict], tables, lang: str) -> list[dict]:
    """The Region page's indicator rows with their short label and unit in `lang` (by indicator id)."""
    if lang == "en":
        return rows
    texts = indicators_in(tables.indicators, lang).set_index("id")
    out = []
    for row in rows:
        ident = row.get("indicator")
        if ident in texts.index:
            row = {**row, "short_label": texts.at[ident, "short_label"], "unit": texts.at[ident, "unit"]}
        out.append(row)
    return out


def section(key, title, sentence, source, figure=None, table=None, columns=None, note="", height=420):
    return {
        "key": key,
        "title": title,
        "sentence": sentence,
        "source": source,
        "figure": figure,
        "table": table or [],
        "columns": columns or {},
        "note": note,
        "height": height,
    }


STAR_FIELDS = ["sector", "stars", "employment", "size", "specialisation", "focus", "lq", "basis"]


def stars_section(tables, code: str, kind: str = "nace", lang: str = "en") -> dict:
    """The cluster stars section: the region's starred sectors and the map of the stars of its level."""
    _ = translator(lang)
    info = region_info(tables.regions, code)
    totals = ty.star_totals(tables.cluster_stars, kind)
    labels = (
        nace_labels(tables)
        if kind == "nace"
        else dict(zip(tables.ecosystems["ecosystem_id"], tables.ecosystems["name"]))
    )
    # only the columns shown, read as lists: the sections' rows are built without a row object each
    rows = ty.region_star_rows(tables.cluster_stars, code, kind)[STAR_FIELDS]
    judged = rows[rows["stars"].notna()].sort_values(["stars", "employment"], ascending=[False, False])
    starred = judged[judged["stars"] > 0]

    unknown = _("unknown")

    def yes(v):
        return unknown if pd.isna(v) else ("★" if v else "–")

    def label(sector):
        return f"{sector} {labels.get(sector, '')}".strip()

    top = [
        {"label": label(sector), "stars": int(stars)}
        for sector, stars in zip(starred["sector"].tolist(), starred["stars"].tolist())
    ][:TOP_SECTORS]
    shown = pd.concat([starred, rows[rows["stars"].isna()]])
    table = [
        {
            "sector": label(sector),
            "size": yes(size),
            "specialisation": yes(specialisation),
            "focus": yes(focus),
            "stars": unknown if pd.isna(stars) else str(int(stars)),
            "lq": "" if pd.isna(lq) else format_number(float(f"{lq:.2f}"), lang, 2),
            "basis": basis,
        }
        for sector, stars, _employment, size, specialisation, focus, lq, basis in zip(
            *(shown[c].tolist() for c in STAR_FIELDS)
        )
    ]
    total = None
    if code in totals.index and pd.notna(totals.loc[code, "stars"]):
        t = totals.loc[code]
        total = {
            "stars": int(t["stars"]),
            "judged": int(t["judged"]),
            "unknown_sectors": int(t["unknown_sectors"]),
            "level_word": level_word(info["level"], lang),
        }
    kind_word = _(ty.KIND_WORDS[kind])
    sentence = say.stars_sentence(total, top, info["name"], kind_word, lang)
    fig = stars_map(
        ty.stars_at_level(tables.cluster_stars, tables.regions, info["level"], kind),
        boundaries_url(info["level"], tables.version),
        _("Cluster stars by region ({sectors}), EU {level}, 2015").format(
            sectors=kind_word, level=level_word(info["level"], lang)
        ),
        unit=_("stars"),
        highlight=code,
        lang=lang,
    )
    with_csv(fig, spec("star_totals", sectors=kind, level=int(info["level"])))
    note = (
        _(
            "Stars: size (employment in the top decile of the EU regions of the same level), specialisation (LQ ≥ 2), "
            "focus (share of the region's employment in the top decile). Only these three EOCIC criteria can be "
            "computed from the data."
        )
        + " "
        + _unsupported(lang)
    )
    return section(
        "stars",
        _("Cluster stars ({sectors})").format(sectors=kind_word),
        sentence,
        source_text(attribution(tables.sources, ["sbs"] + (["ecosystem_weights"] if kind == "ecosystem" else [])), lang)
        + "; "
        + _("stars: own calculation"),
        fig.to_plotly_json(),
        table,
        _columns(STARS_COLUMNS, lang),
        note,
        height=520,
    )


def _policy_region(tables, code, frame):
    info = region_info(tables.regions, code)
    # the frame's region codes, kept with the tables: a comparison of the whole column per candidate cost more
    codes = memo_for(frame, "briefing.region_codes", lambda: frozenset(frame["region_code"].dropna()))
    for candidate in (code, info.get("nuts1"), info.get("nuts0")):
        if candidate and candidate in codes:
            return candidate
    return None


def briefing_report(tables, code: str, year: int, country_name: str, sections: list[dict]) -> dict:
    """The briefing of `code` as the exports take it: the region, its reference year and country, and its
    sections other than Figure 4 in the seeds' order (`figure_sections` then `context_sections`)."""
    info = region_info(tables.regions, code)
    return {
        "code": code,
        "name": info["name"],
        "year": year,
        "country_name": country_name,
        "level": info["level"],
        "sections": sections,
    }


def figure_sections(tables, code: str, year: int, headline: dict, lang: str = "en") -> list[dict]:
    """Figures 1-3 (economy, innovation, profile) as sections in `lang`; `headline` is the Region page's headline
    parts for `year` in the same `lang` (components.region_view.headline_parts), so their tables come in `lang`."""
    _ = translator(lang)
    info = region_info(tables.regions, code)
    who = headline["country_name"]
    name = info["name"]
    economy_rows, economy_columns = headline_records(headline, ECONOMIC, lang)
    innovation_rows, innovation_columns = headline_records(headline, INNOVATION, lang)
    headline_rows = rows_in(headline["rows"], tables, lang)
    sections = [
        section(
            "economy",
            _("Figure 1: key economic indicators"),
            say.indicators_paragraph(headline_rows, ECONOMIC, name, who, lang),
            source_line(tables.indicators, tables.sources, ECONOMIC, lang),
            headline["economy"],
            economy_rows,
            economy_columns,
        ),
        section(
            "innovation",
            _("Figure 2: technology indicators"),
            say.indicators_paragraph(headline_rows, BAR_INNOVATION, name, who, lang),
            source_line(tables.indicators, tables.sources, INNOVATION, lang),
            headline["innovation"],
            innovation_rows,
            innovation_columns,
        ),
    ]
    prof = profile_parts(tables, code, year, "bar", lang)
    p = profile_rows(tables.indicator_values, tables.regions, tables.indicators, code, year).to_dict("records")
    sections.append(
        section(
            "profile",
            _("Figure 3: normalised profile"),
            say.profile_sentence(rows_in(p, tables, lang), name, who, lang),
            source_line(tables.indicators, tables.sources, PROFILE, lang),
            prof["figure"],
            prof["rows"],
            {**_columns(PROFILE_COLUMNS, lang), **({"country": who} if who else {})},
            height=480,
        )
    )
    return sections


def context_sections(tables, code: str, lang: str = "en") -> list[dict]:
    """The sections after Figure 4, in `lang`: cluster stars, programme participation, cluster organisations,
    recommendations and action plan."""
    _ = translator(lang)
    name = region_info(tables.regions, code)["name"]
    sections = [stars_section(tables, code, lang=lang)]
    frames = tables.frames
    summary = (
        participation_summary(frames["participations"], tables.regions, code) if "participations" in frames else None
    )
    sections.append(
        section(
            "programmes",
            _("Programme participation"),
            say.participation_sentence(summary, name, lang),
            source_text(attribution(tables.sources, ["programmes_participants", "programmes_notes"]), lang),
        )
    )
    orgs = named_cluster_organisations(frames["cluster_organisations"], tables.regions, code)
    names = tables.memo("briefing.region_names", lambda: dict(zip(tables.regions["code"], tables.regions["name"])))
    where = region_label(names.get(orgs["region"], ""), orgs["region"]) if orgs["region"] else None
    co = frames["cluster_organisations"]
    listed = co[co["region_code"] == orgs["region"]].drop_duplicates("org_key") if orgs["region"] else co.iloc[0:0]
    searched = _("Documents searched: {sources}")
    sections.append(
        section(
            "organisations",
            _("Cluster organisations"),
            say.organisations_sentence(orgs, name, where, lang),
            source_text(attribution(tables.sources, sorted(set(listed["source_id"]))), lang)
            if len(listed)
            else searched.format(sources=source_text(attribution(tables.sources, sorted(set(co["source_id"]))), lang)),
            table=[
                {"organisation": o.organisation, "described_as": o.described_as or "", "programme": o.programme or ""}
                for o in listed.itertuples()
            ],
            columns=_columns(ORGANISATION_COLUMNS, lang),
        )
    )
    recs, actions = frames["policy_recommendations"], frames["policy_actions"]
    target = _policy_region(tables, code, recs)
    support = region_support(recs, target) if target else []
    plan_region = _policy_region(tables, code, actions)
    steps = plan_steps(actions, plan_region) if plan_region else pd.DataFrame()
    where = region_label(names.get(target, ""), target) if target else None
    table = [{"group": s.group, "step": s.step, "timing": s.timing} for s in steps.itertuples()] if len(steps) else []
    src = (
        sorted(
            set(recs.loc[recs["region_code"] == target, "source_id"])
            | (set(steps["source_id"]) if len(steps) else set())
        )
        if target or len(steps)
        else []
    )
    sections.append(
        section(
            "policy",
            _("Recommendations and action plan"),
            say.policy_sentence(support, len(steps), where, name, lang),
            source_text(attribution(tables.sources, src), lang)
            if src
            else searched.format(
                sources=source_text(
                    attribution(tables.sources, sorted(set(recs["source_id"]) | set(actions["source_id"]))), lang
                )
            ),
            table=table,
            columns=_columns(PLAN_COLUMNS, lang),
        )
    )
    return sections


def marked_source(line: str, lang: str = "en"):
    """A source line already in `lang` (data.queries.source_text) with each source's title, as published, in a span
    marked lang="en" on a page in another language; the words around them ('Source :', 'Documents consultés :',
    the retrieval date) as they are."""
    _ = translator(lang)
    word = _("Source:") + " "
    if lang == "en" or not line or word not in line:
        return line
    retrieved = re.escape(_("retrieved {date}")).replace(re.escape("{date}"), r"\d{4}-\d{2}-\d{2}")
    first, *titles = line.split(word)
    parts = [first] if first else []
    for title in titles:
        separator = "; " if title.endswith("; ") else ""
        title = title.removesuffix(separator)
        found = re.search(rf"(?:, | \(|; )?(?:[\w.-]+ )?{retrieved}.*$", title)  # the retrieval date: not a title
        tail = found.group(0) if found else ""
        parts += [word, html.Span(title[: len(title) - len(tail)], lang="en")] + [
            t for t in (tail, separator and _("; ")) if t
        ]
    return parts


def section_component(section: dict, lang: str = "en"):
    _ = translator(lang)
    key = section["key"]
    body = [html.P(section["sentence"], className="briefing-sentence", id=f"briefing-sentence-{key}")]
    if section["figure"]:
        table = data_table(pd.DataFrame(section["table"]), section["columns"], lang=lang) if section["table"] else None
        body.append(
            chart_card(
                f"briefing-{key}",
                section["title"],
                section["source"],
                height=section["height"],
                figure=section["figure"],
                table=table,
                lang=lang,
            )
        )
    else:
        if section["table"]:
            body.append(data_table(pd.DataFrame(section["table"]), section["columns"], lang=lang))
        body.append(
            html.P(
                marked_source(section["source"], lang) or _("Source: see Data & methods"),
                className="source-line small text-body-secondary",
            )
        )
    if section["note"]:
        body.append(html.P(section["note"], className="small text-body-secondary", id=f"briefing-note-{key}"))
    return html.Section([html.H2(section["title"], className="h5 mt-4 mb-2"), *body], id=f"briefing-{key}")
