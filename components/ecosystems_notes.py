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
from state.ecosystems import lookups

GEO_CREDIT = "© EuroGeographics for the administrative boundaries"
NOT_COVERED = (
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


def caveats(tables, result: dict, label: str, eco_incomplete: int) -> list:
    items = [
        html.Li(
            [
                html.Strong("2015 data. "),
                "Eurostat structural business statistics, persons employed "
                "(sbs_r_nuts06_r2); ecosystems estimated with the value-added weights of the Annual Single "
                "Market Report 2021.",
            ]
        ),
        html.Li(NOT_COVERED),
    ]
    names = lookups(tables).names
    if result["absent"]:
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["absent"][:12])
        more = len(result["absent"]) - 12
        items.append(
            html.Li(
                [
                    f"No data for {len(result['absent'])} of the {label.replace('your ', '')}: ",
                    shown,
                    f" and {more} more" if more > 0 else "",
                    ". The source uses NUTS 2013 codes; a region "
                    "whose territory changed since could not be recoded and, when one of its NUTS 2 parts "
                    "is missing too, cannot be summed (e.g. LT01/LT02, IE04-06, HU11/12, PL9x, NL35/NL36, "
                    "PT19, PT1A-PT1D).",
                ]
            )
        )
    if result.get("summed"):
        shown = ", ".join(f"{names.get(c, c)} ({c})" for c in result["summed"][:12])
        more = len(result["summed"]) - 12
        items.append(
            html.Li(
                [
                    html.Strong("Sums of parts (Σ): "),
                    shown,
                    f" and {more} more" if more > 0 else "",
                    ". The source has no row for these regions under their NUTS 2024 codes (it publishes "
                    "NUTS 2013 codes), so their persons employed are the sums of their NUTS 2 regions, "
                    "made only where every part has a value.",
                ]
            )
        )
    if result["all_missing"]:
        items.append(
            html.Li(
                f"Every cell is suppressed (confidential) for: "
                f"{', '.join(names.get(c, c) + ' (' + c + ')' for c in result['all_missing'])}."
            )
        )
    if result["incomplete"]:
        items.append(
            html.Li(
                f"Suppressed cells stay missing, never 0: {result['incomplete']} of the "
                f"{result['cells']} region x ecosystem estimates in the heatmap are lower bounds "
                "(a weighted NACE cell is confidential), marked * in the data table."
            )
        )
    if eco_incomplete:
        items.append(
            html.Li(
                f"The country's estimate is a lower bound for {eco_incomplete} of the 14 ecosystems "
                "(marked * in the share chart)."
            )
        )
    items.append(
        html.Li(
            "EU27 = the sum of the 27 countries' rows; where a country's cell is confidential the EU "
            "reference is a lower bound and LQs in that activity lean upwards (e.g. C19, C21)."
        )
    )
    return [html.Strong("Coverage of these figures"), html.Ul(items, className="mb-0 ps-3")]


def agglomeration_markdown(records: list[dict], kind: str):
    df = _frame(records)
    if df.empty:
        return data_table(df)
    df["count"] = [theme.MISSING_TEXT if c is None or c != c else str(int(c)) for c in df["count"]]
    df["missing"] = ["" if m is None or m != m else str(int(m)) for m in df["missing"]]
    df["incomplete"] = ["" if m is None or m != m else str(int(m)) for m in df["incomplete"]]
    df["region"] = [f"{c}: {n}" for c, n in zip(df["code"], df["name"])]
    columns = {"region": "Region", "count": "# of aggl.", "missing": "Suppressed cells"}
    if kind != "nace":
        columns = {
            "region": "Region",
            "count": "# of aggl.",
            "missing": "Ecosystems without value",
            "incomplete": "Lower-bound estimates",
        }
    columns.update({f"top_{n}": f"Agglomeration {n}" for n in range(1, spec.TOP + 1)})
    if "flagged" in df.columns and df["flagged"].astype(bool).any():
        columns["flagged"] = f"{WARNING} Data quality"
    return data_table(df, columns)


def ecosystem_info(tables, ecosystem: str) -> list:
    row = tables.ecosystems.set_index("ecosystem_id").loc[ecosystem]
    parts = [html.Strong(f"{row['name']}: "), f"NACE codes weighted: {row['nace_codes'].replace(',', ', ')}."]
    if pd.notna(row["not_covered"]):
        parts.append(
            html.Span(
                f" Not in the data (outside the business economy): "
                f"{row['not_covered'].replace(',', ', ')}, so the estimate covers only part of the "
                "ecosystem.",
                className="text-warning-emphasis",
            )
        )
    if pd.notna(row["note"]):
        parts.append(html.Div(f"Note: {row['note']}", className="mt-1"))
    return parts


def programme_projects(tables, ecosystem: str, country: str) -> dict | None:
    """Programme projects tagged with the ecosystem and the cluster organisations taking part (plain records);
    None when the programme tables are not part of the data."""
    frames = tables.frames
    if "projects" not in frames or "participations" not in frames or "ecosystem_ids" not in frames["projects"].columns:
        return None
    projects = spec.projects_in_ecosystem(frames["projects"], ecosystem)
    participations = frames["participations"]
    here = participations[participations["country"] == country].groupby("project").size()
    names = lookups(tables).eco_names
    project_rows = [
        {
            "programme": r.programme,
            "acronym": r.acronym,
            "ecosystems": ", ".join(figures.short_name(names.get(i, i)) for i in str(r.ecosystem_ids).split(";")),
            "participants": int(r.n_participants),
            "in_country": int(here.get(r.project, 0)),
        }
        for r in projects.itertuples()
    ]
    clusters = spec.cluster_organisations_in(participations, projects["project"])
    region_names = lookups(tables).names
    cluster_rows = [
        {
            "organisation": r.organisation,
            "country": "" if pd.isna(r.country) else r.country,
            "region": "" if pd.isna(r.region) else f"{region_names.get(r.region, r.region)} ({r.region})",
            "projects": int(r.projects),
        }
        for r in clusters.itertuples()
    ]
    return {
        "projects": project_rows,
        "clusters": cluster_rows,
        "total_projects": int(len(frames["projects"])),
        "untagged": int(frames["projects"]["ecosystem_ids"].isna().sum()),
    }


def projects_section(tables, ecosystem: str, country: str, result: dict | None) -> list:
    """The projects and cluster organisations of `programme_projects(...)`, or a note without programme data."""
    name = lookups(tables).eco_names[ecosystem]
    heading = html.H3(f"Programme projects and cluster organisations in {name}", className="h6")
    if result is None:
        return [
            heading,
            html.P(
                "Cluster organisations and programme projects will be listed here once the programme "
                "tables are part of the data.",
                className="text-body-secondary mb-0",
            ),
        ]
    country_name = lookups(tables).names.get(country, country)
    return [
        heading,
        html.P(
            [
                f"{len(result['projects'])} of the {result['total_projects']} EU cluster-programme projects in the "
                f"data are tagged with this ecosystem ({result['untagged']} have no ecosystem recorded). The "
                "programme data is far from complete (see ",
                html.A("Programmes", href=dash.get_relative_path("/programmes")),
                " for its coverage).",
            ],
            className="mb-1",
        ),
        data_table(
            _frame(result["projects"]),
            {
                "programme": "Programme",
                "acronym": "Project",
                "ecosystems": "Ecosystems",
                "participants": "Participants in the data",
                "in_country": f"from {country_name}",
            },
        ),
        html.P(
            f"Cluster organisations taking part in these projects ({len(result['clusters'])}):", className="mt-2 mb-1"
        ),
        data_table(
            _frame(result["clusters"]),
            {"organisation": "Cluster organisation", "country": "Country", "region": "Region", "projects": "Projects"},
        ),
        html.P(
            spec.sources_line(tables.sources, ("programmes_projects", "programmes_participants")),
            className="source-line text-body-secondary mb-0 mt-1",
        ),
    ]


def agg_frame(records: list[dict], kind: str) -> pd.DataFrame:
    """The agglomeration table as a flat CSV frame (codes and LQs in their own columns)."""
    df = pd.DataFrame(records)
    if df.empty:
        return df
    cols = (
        ["code", "name", "count", "missing", "incomplete"]
        + [c for n in range(1, spec.TOP + 1) for c in (f"code_{n}", f"lq_{n}")]
        + ["flagged"]
    )
    return df[cols].rename(
        columns={
            "code": "region",
            "count": "agglomerations",
            "missing": "without_value",
            "incomplete": "lower_bound_estimates",
            **{f"code_{n}": f"{'nace' if kind == 'nace' else 'ecosystem'}_{n}" for n in range(1, spec.TOP + 1)},
        }
    )
