"""Texts and tables of the Ecosystems page around its charts: coverage caveats, the ecosystem's definition, the
agglomeration table (page and CSV) and the programme projects of an ecosystem."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from components import theme
from components.chart_card import data_table
from components.figures import ecosystems as figures
from data import specialisation as spec
from data.quality import WARNING
from i18n import N_, translator
from state.ecosystems import lookups

GEO_CREDIT = N_("© EuroGeographics for the administrative boundaries")
NOT_COVERED = N_(
    "Business economy only: SBS covers NACE sections B to N except K, plus division S95. Agriculture "
    "(A), finance (K), public administration, education, health and social work (O to Q), arts (R) "
    "and most of S are not in the data, so Agri-food, Health, Proximity & Social economy, Tourism and "
    "Cultural & Creative count only their business-economy part."
)


def _frame(records) -> pd.DataFrame:
    return pd.DataFrame(records, dtype=object)


def summed_regions(tables) -> frozenset:
    """Regions whose sector employment the pipeline summed from NUTS 2 parts (`derivation` set)."""
    sectors = tables.sector_employment
    return tables.memo(("ecosystems.summed",), lambda: frozenset(sectors.loc[sectors["derivation"].notna(), "region"]))


def caveats(tables, result: dict, label: str, eco_incomplete: int, lang: str = "en") -> list:
    _ = translator(lang)
    items = [
        html.Li(
            [
                html.Strong(_("2015 data.") + " "),
                _(
                    "Eurostat structural business statistics, persons employed "
                    "(sbs_r_nuts06_r2); ecosystems estimated with the value-added weights of the Annual Single "
                    "Market Report 2021."
                ),
            ]
        ),
        html.Li(_(NOT_COVERED)),
    ]
    names = lookups(tables).names
    more_text = lambda more: _(" and {count} more").format(count=more) if more > 0 else ""  # noqa: E731
    if result["absent"]:
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["absent"][:12])
        more = len(result["absent"]) - 12
        items.append(
            html.Li(
                [
                    _("No data for {count} of the {regions}: ").format(
                        count=len(result["absent"]), regions=label.replace("your ", "") if lang == "en" else label
                    ),
                    shown,
                    more_text(more),
                    _(
                        ". The source uses NUTS 2013 codes; a region "
                        "whose territory changed since could not be recoded and, when one of its NUTS 2 parts "
                        "is missing too, cannot be summed (e.g. LT01/LT02, IE04-06, HU11/12, PL9x, NL35/NL36, "
                        "PT19, PT1A-PT1D)."
                    ),
                ]
            )
        )
    if result.get("summed"):
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["summed"][:12])
        more = len(result["summed"]) - 12
        items.append(
            html.Li(
                [
                    html.Strong(_("Sums of parts (Σ): ")),
                    shown,
                    more_text(more),
                    _(
                        ". The source has no row for these regions under their NUTS 2024 codes (it publishes "
                        "NUTS 2013 codes), so their persons employed are the sums of their NUTS 2 regions, "
                        "made only where every part has a value."
                    ),
                ]
            )
        )
    if result["all_missing"]:
        items.append(
            html.Li(
                _("Every cell is suppressed (confidential) for: {regions}.").format(
                    regions=", ".join(names.get(c, c) + " (" + c + ")" for c in result["all_missing"])
                )
            )
        )
    if result["incomplete"]:
        items.append(
            html.Li(
                _(
                    "Suppressed cells stay missing, never 0: {count} of the {cells} region x ecosystem estimates "
                    "in the heatmap are lower bounds (a weighted NACE cell is confidential), marked * in the data "
                    "table."
                ).format(count=result["incomplete"], cells=result["cells"])
            )
        )
    if eco_incomplete:
        items.append(
            html.Li(
                _(
                    "The country's estimate is a lower bound for {count} of the 14 ecosystems (marked * in the "
                    "share chart)."
                ).format(count=eco_incomplete)
            )
        )
    items.append(
        html.Li(
            _(
                "EU27 = the sum of the 27 countries' rows; where a country's cell is confidential the EU "
                "reference is a lower bound and LQs in that activity lean upwards (e.g. C19, C21)."
            )
        )
    )
    return [html.Strong(_("Coverage of these figures")), html.Ul(items, className="mb-0 ps-3")]


def _top_text(record: dict, n: int, label, lang: str) -> str:
    """An agglomeration cell in `lang`: the code's label and its LQ (and ⚠ when its cell is flagged)."""
    code, value = record.get(f"code_{n}"), record.get(f"lq_{n}")
    if not code:
        return ""
    warn = f" {WARNING}" if record.get(f"warn_{n}") else ""
    return f"{label(code)} ({figures.number_text(value, lang, 2)}){warn}"


def agglomeration_markdown(records: list[dict], kind: str, lang: str = "en", labels: dict | None = None):
    """The agglomeration table. In English the NACE labels are in the cells; in another language the cells give
    the NACE codes and the labels (English only in the sources) follow the table, marked as English, with the
    plausibility checks' details. `labels`: {code: label} of the NACE divisions (English) or of the ecosystems
    (in `lang`), used in another language than English."""
    labels = labels or {}
    _ = translator(lang)
    df = _frame(records)
    if df.empty:
        return data_table(df, lang=lang)
    df["count"] = [_(theme.MISSING_TEXT) if c is None or c != c else str(int(c)) for c in df["count"]]
    df["missing"] = ["" if m is None or m != m else str(int(m)) for m in df["missing"]]
    df["incomplete"] = ["" if m is None or m != m else str(int(m)) for m in df["incomplete"]]
    df["region"] = [f"{c}: {n}" for c, n in zip(df["code"], df["name"])]
    english = lang == "en"
    if not english:
        label = (lambda code: code) if kind == "nace" else (lambda code: labels.get(code, code))
        for n in range(1, spec.TOP + 1):
            df[f"top_{n}"] = [_top_text(r, n, label, lang) for r in records]
        df["flagged_text"] = [
            _("{codes}: flagged by a plausibility check (see Data & methods)").format(
                codes=", ".join(r[f"code_{n}"] for n in range(1, spec.TOP + 1) if r.get(f"warn_{n}"))
            )
            if r.get("flagged")
            else ""
            for r in records
        ]
    columns = {"region": _("Region"), "count": _("# of aggl."), "missing": _("Suppressed cells")}
    if kind != "nace":
        columns = {
            "region": _("Region"),
            "count": _("# of aggl."),
            "missing": _("Ecosystems without value"),
            "incomplete": _("Lower-bound estimates"),
        }
    columns.update({f"top_{n}": _("Agglomeration {n}").format(n=n) for n in range(1, spec.TOP + 1)})
    if "flagged" in df.columns and df["flagged"].astype(bool).any():
        columns["flagged" if english else "flagged_text"] = f"{WARNING} " + _("Data quality")
    table = data_table(df, columns, lang=lang)
    if english:
        return table
    return html.Div([table, *_english_notes(records, kind, lang, labels)])


def _english_notes(records: list[dict], kind: str, lang: str, labels: dict) -> list:
    """What the sources give in English only, after a table in another language: the NACE divisions' labels and
    the plausibility checks' details, each marked lang="en"."""
    _ = translator(lang)
    notes = []
    if kind == "nace":
        used = sorted({r[f"code_{n}"] for r in records for n in range(1, spec.TOP + 1) if r.get(f"code_{n}")})
        if used:
            notes.append(
                html.P(
                    [
                        _("NACE divisions (labels in English, as in the source): "),
                        html.Span("; ".join(f"{c} {labels.get(c, '')}".strip() for c in used), lang="en"),
                    ],
                    className="small mt-2 mb-1",
                )
            )
    flagged = [f"{r['code']}: {r['flagged']}" for r in records if r.get("flagged")]
    if flagged and kind == "nace":
        notes.append(
            html.Div(
                [
                    _("Details of the plausibility checks (in English): "),
                    html.Ul([html.Li(text, lang="en") for text in flagged], className="mb-0"),
                ],
                className="small",
            )
        )
    return notes


def ecosystem_info(tables, ecosystem: str, lang: str = "en") -> list:
    _ = translator(lang)
    rows = tables.memo(
        ("ecosystems.definitions",), lambda: tables.ecosystems.set_index("ecosystem_id").to_dict("index")
    )
    row = rows[ecosystem]
    parts = [
        html.Strong(_("{name}: ").format(name=figures.ecosystem_name(row["name"], lang))),
        _("NACE codes weighted: {codes}.").format(codes=row["nace_codes"].replace(",", ", ")),
    ]
    if pd.notna(row["not_covered"]):
        parts.append(
            html.Span(
                " "
                + _(
                    "Not in the data (outside the business economy): {codes}, so the estimate covers only part of "
                    "the ecosystem."
                ).format(codes=row["not_covered"].replace(",", ", ")),
                className="text-warning-emphasis",
            )
        )
    if pd.notna(row["note"]):
        note = f"Note: {row['note']}"
        if lang == "en":
            parts.append(html.Div(note, className="mt-1"))
        else:  # the pipeline's note on the source's weights, in English
            parts.append(html.Div([_("Note (in English): "), html.Span(row["note"], lang="en")], className="mt-1"))
    return parts


def programme_projects(tables, ecosystem: str, country: str, lang: str = "en") -> dict | None:
    """Programme projects tagged with the ecosystem and the cluster organisations taking part (plain records);
    None when the programme tables are not part of the data."""
    found = spec.tagged_programme_tables(tables.frames)
    if found is None:
        return None
    projects, participations = found
    every = spec.ecosystem_programme_rows(projects, participations, tables.regions)
    rows, cluster_rows = every.get(ecosystem, ([], []))
    here = spec.project_participations_by_country(participations).get(country, {})
    names = lookups(tables).eco_names
    project_rows = [
        {
            **row,
            "ecosystems": ", ".join(figures.short_name(names.get(i, i), lang) for i in ids),
            "participants": participants,
            "in_country": int(here.get(project, 0)),
        }
        for row, ids, participants, project in rows
    ]
    cluster_rows = [dict(r) for r in cluster_rows]
    return {
        "projects": project_rows,
        "clusters": cluster_rows,
        "total_projects": int(len(projects)),
        "untagged": int(projects["ecosystem_ids"].isna().sum()),
    }


def projects_section(tables, ecosystem: str, country: str, result: dict | None, lang: str = "en") -> list:
    """The projects and cluster organisations of `programme_projects(...)`, or a note without programme data."""
    _ = translator(lang)
    name = figures.ecosystem_name(lookups(tables).eco_names[ecosystem], lang)
    heading = html.H3(
        _("Programme projects and cluster organisations in {ecosystem}").format(ecosystem=name), className="h6"
    )
    if result is None:
        return [
            heading,
            html.P(
                _(
                    "Cluster organisations and programme projects will be listed here once the programme "
                    "tables are part of the data."
                ),
                className="text-body-secondary mb-0",
            ),
        ]
    country_name = lookups(tables).names.get(country, country)
    sources = spec.sources_line(tables.sources, ("programmes_projects", "programmes_participants"))
    return [
        heading,
        html.P(
            [
                _(
                    "{count} of the {total} EU cluster-programme projects in the data are tagged with this "
                    "ecosystem ({untagged} have no ecosystem recorded). The programme data is far from complete "
                    "(see "
                ).format(count=len(result["projects"]), total=result["total_projects"], untagged=result["untagged"]),
                html.A(_("Programmes"), href=dash.get_relative_path("/programmes")),
                _(" for its coverage)."),
            ],
            className="mb-1",
        ),
        data_table(
            _frame(result["projects"]),
            {
                "programme": _("Programme"),
                "acronym": _("Project"),
                "ecosystems": _("Ecosystems"),
                "participants": _("Participants in the data"),
                "in_country": _("from {country}").format(country=country_name),
            },
            lang=lang,
        ),
        html.P(
            _("Cluster organisations taking part in these projects ({count}):").format(count=len(result["clusters"])),
            className="mt-2 mb-1",
        ),
        data_table(
            _frame(result["clusters"]),
            {
                "organisation": _("Cluster organisation"),
                "country": _("Country"),
                "region": _("Region"),
                "projects": _("Projects"),
            },
            lang=lang,
        ),
        html.P(
            sources if lang == "en" else "; ".join(_(part) for part in dict.fromkeys(sources.split("; "))),
            className="source-line text-body-secondary mb-0 mt-1",
        ),
    ]


# The agglomeration CSV's column names, for the catalogue: headers in the view's language, values as they are.
AGG_CSV_HEADERS = {
    "code": N_("region"),
    "name": N_("name"),
    "count": N_("agglomerations"),
    "missing": N_("without_value"),
    "incomplete": N_("lower_bound_estimates"),
    "flagged": N_("flagged"),
}
AGG_CSV_NUMBERED = {"nace": N_("nace_{n}"), "ecosystem": N_("ecosystem_{n}"), "lq": N_("lq_{n}")}


def agg_frame(records: list[dict], kind: str, lang: str = "en") -> pd.DataFrame:
    """The agglomeration table as a flat CSV frame (codes and LQs in their own columns), headers in `lang`."""
    df = pd.DataFrame(records)
    if df.empty:
        return df
    _ = translator(lang)
    cols = (
        ["code", "name", "count", "missing", "incomplete"]
        + [c for n in range(1, spec.TOP + 1) for c in (f"code_{n}", f"lq_{n}")]
        + ["flagged"]
    )
    code = AGG_CSV_NUMBERED["nace" if kind == "nace" else "ecosystem"]
    return df[cols].rename(
        columns={
            **{c: _(header) for c, header in AGG_CSV_HEADERS.items()},
            **{f"code_{n}": _(code).format(n=n) for n in range(1, spec.TOP + 1)},
            **{f"lq_{n}": _(AGG_CSV_NUMBERED["lq"]).format(n=n) for n in range(1, spec.TOP + 1)},
        }
    )
