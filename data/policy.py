"""Pure queries over the policy and cluster tables, and the cluster-monitoring templates and their validation.

No Dash or Flask here: DataFrames and plain values in, DataFrames and plain values out.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from data.build.policy import QUADRANTS, organisation_key
from data.store import memo_for
from data.upload import MAX_UPLOAD_BYTES, UploadError, frames_to_xlsx, read_table
from i18n import N_, translator

# --- citations -------------------------------------------------------------------------------------------------


def compact_sections(sections) -> str:
    """'Part III, Action 1, 5. Costs' and 'Part III, Action 2, 5. Costs' -> 'Part III, Actions 1, 2 (5. Costs)'."""
    sections = list(dict.fromkeys(s for s in sections if s))
    found = [re.fullmatch(r"(.*)Action (\d+), (.*)", s) for s in sections]
    if len(sections) > 1 and all(found) and len({(m.group(1), m.group(3)) for m in found}) == 1:
        head, tail = found[0].group(1), found[0].group(3)
        return f"{head}Actions {', '.join(m.group(2) for m in found)} ({tail})"
    return "; ".join(sections)


def source_line(sources: pd.DataFrame, source_ids, sections=None) -> str:
    """'Source: <attribution>, <sections>; ...' for the sources shown, each once, with the sections cited."""
    source_ids = list(source_ids)
    sections = list(sections) if sections is not None else []
    sections += [None] * (len(source_ids) - len(sections))
    by_source: dict[str, list] = {}
    for sid, section in zip(source_ids, sections):
        by_source.setdefault(sid, [])
        if section:
            by_source[sid].append(section)
    attributions = sources.set_index("id")["attribution"]
    parts = []
    for sid, secs in by_source.items():
        text = attributions.get(sid, sid)
        parts.append(f"{text}, {compact_sections(secs)}" if secs else text)
    return "; ".join(parts)


def seed_file(sources: pd.DataFrame, source_id: str) -> str:
    row = sources.loc[sources["id"] == source_id, "file"]
    return row.iloc[0] if len(row) else ""


# --- recommendations matrix ------------------------------------------------------------------------------------

ORDERS = ("document", "count")


@dataclass(frozen=True)
class Matrix:
    support_types: list  # row labels, in display order
    regions: pd.DataFrame  # column, region, region_code, code_basis, count; in display order
    ticks: pd.DataFrame  # bool, index support_types, columns region codes
    type_counts: pd.Series  # support type -> number of regions
    region_counts: pd.Series  # region code -> number of support types


def recommendation_matrix(recs: pd.DataFrame, order: str = "document") -> Matrix:
    """The matrix, wide; `order='count'` puts the most frequent types of support and regions first. The same for
    every region highlighted: kept per data version (read-only)."""
    return memo_for(recs, ("policy.recommendation_matrix", order), lambda: _recommendation_matrix(recs, order))


def _recommendation_matrix(recs: pd.DataFrame, order: str) -> Matrix:
    wide = recs.pivot(index="support_type", columns="region_code", values="recommended")
    type_order = recs.drop_duplicates("support_type").sort_values("support_order")["support_type"].tolist()
    regions = (
        recs.drop_duplicates("column")
        .sort_values("column")[["column", "region", "region_as_listed", "region_code", "code_basis"]]
        .reset_index(drop=True)
    )
    type_counts = wide.sum(axis=1).astype(int)
    region_counts = wide.sum(axis=0).astype(int)
    regions["count"] = regions["region_code"].map(region_counts).astype(int)
    if order == "count":
        rank = {t: i for i, t in enumerate(type_order)}
        type_order = sorted(type_order, key=lambda t: (-type_counts[t], rank[t]))
        regions = regions.sort_values(["count", "column"], ascending=[False, True]).reset_index(drop=True)
    ticks = wide.loc[type_order, regions["region_code"].tolist()].astype(bool)
    return Matrix(type_order, regions, ticks, type_counts.loc[type_order], region_counts.loc[regions["region_code"]])


def matrix_table(m: Matrix, lang: str = "en") -> pd.DataFrame:
    """The matrix as a table with ✓ marks and counts: the chart's text alternative (its headings in `lang`; the
    types of support are the document's words)."""
    _ = translator(lang)
    support, regions = _("Type of support"), _("Regions")
    names = dict(zip(m.regions["region_code"], m.regions["region"]))
    out = m.ticks.rename(columns=names).map(lambda v: "✓" if v else "")
    out.insert(0, support, out.index)
    out[regions] = m.type_counts.values
    total = {support: _("Types of support per region"), regions: ""}
    total.update({names[c]: str(int(m.region_counts[c])) for c in m.ticks.columns})
    return pd.concat([out.reset_index(drop=True), pd.DataFrame([total])], ignore_index=True)


def region_support(recs: pd.DataFrame, region_code: str) -> list[str]:
    rows = recs[(recs["region_code"] == region_code) & recs["recommended"]].sort_values("support_order")
    return rows["support_type"].tolist()


# --- SWOT, challenges ------------------------------------------------------------------------------------------


def swot_regions(swot: pd.DataFrame) -> list[tuple[str, str]]:
    pairs = swot.drop_duplicates("region_code")[["region_code", "region"]]
    return sorted(pairs.itertuples(index=False, name=None), key=lambda p: p[1])


def swot_items(swot: pd.DataFrame, region_code: str) -> dict[str, list[str]]:
    rows = swot[swot["region_code"] == region_code].sort_values("item_order")
    return {q: rows.loc[rows["quadrant"] == q, "text"].tolist() for q in QUADRANTS}


def challenges_for(challenges: pd.DataFrame, region_code: str) -> pd.DataFrame:
    return challenges[challenges["region_code"] == region_code].sort_values("challenge_order").reset_index(drop=True)


# --- action plans ----------------------------------------------------------------------------------------------


def plan_options(actions: pd.DataFrame) -> list[tuple[str, str]]:
    pairs = actions.drop_duplicates("region_code")[["region_code", "plan"]]
    return sorted(pairs.itertuples(index=False, name=None), key=lambda p: p[1])


def plan_is_calendar(steps: pd.DataFrame) -> bool:
    return bool(steps["start"].notna().any())


def _month_end(month: str) -> pd.Timestamp:
    return pd.Timestamp(month + "-01") + pd.offsets.MonthBegin(1)


NOT_NAMED = N_("not named in the step")  # the owner of a step that names none (translated where it is shown)
NOT_STATED = N_("not stated")  # the payer of a cost the document does not attribute (policy_action_costs.payer)


def plan_steps(actions: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """Steps of one plan with where they sit on a timeline.

    x0/x1: start and end (dates as 'YYYY-MM-DD' for calendar plans, months after T0 for relative ones); x1 is
    missing for a single month or moment. `shape` is 'range' (a bar), 'point' (one month or moment), 'open'
    (from a date on) or 'unplaced' (no usable timing: shown in the table only).
    """
    steps = actions[actions["region_code"] == region_code].sort_values(["group_order", "step_order"]).copy()
    calendar = plan_is_calendar(steps)
    x0, x1, shape = [], [], []
    for row in steps.itertuples():
        if calendar:
            start = row.start if isinstance(row.start, str) else None
            end = row.end if isinstance(row.end, str) else None
            x0.append(f"{start}-01" if start else None)
            x1.append(_month_end(end).strftime("%Y-%m-%d") if end else None)
        else:
            a, b = row.start_offset_months, row.end_offset_months
            x0.append(None if pd.isna(a) else float(a))
            x1.append(None if pd.isna(b) else float(b))
            start = None if pd.isna(a) else a
            end = None if pd.isna(b) else b
        opened = str(row.timing).lower().startswith(("from", "after")) and end is None
        shape.append("unplaced" if start is None else "range" if end is not None else "open" if opened else "point")
    steps["x0"], steps["x1"], steps["shape"] = x0, x1, shape
    steps["owner_label"] = steps["owner"].fillna(NOT_NAMED)
    return steps.reset_index(drop=True)


def plan_costs(costs: pd.DataFrame, region_code: str) -> pd.DataFrame:
    return costs[costs["region_code"] == region_code].sort_values(["group", "item_order"]).reset_index(drop=True)


def plan_cost_summary(costs: pd.DataFrame) -> pd.DataFrame:
    """Per action: stated total, staff days, euros by payer; for the costs table and KPI cards."""
    rows = []
    for group, part in costs.groupby("group", sort=False):
        comp = part[part["kind"] == "component"]
        total = part.loc[part["kind"] == "total", "eur"]
        rows.append(
            {
                "group": group,
                "staff_days": comp["staff_days"].sum(min_count=1),
                "eur_total": total.iloc[0] if len(total) else float("nan"),
                "period": part["period"].iloc[0],
            }
        )
    return pd.DataFrame(rows)


# --- state of play ---------------------------------------------------------------------------------------------


def state_of_play(state: pd.DataFrame, framework: pd.DataFrame, country: str = "FR") -> pd.DataFrame:
    """One row per criterion: the assessed level (missing when not readable) with its label and the evidence."""
    rows = state[state["country_code"] == country].sort_values("criterion_order")
    labels = framework.set_index(["criterion", "level"])["label_table4"]
    out = rows.copy()
    out["level_label"] = [
        labels.get((c, int(lvl))) if pd.notna(lvl) else None for c, lvl in zip(out["criterion"], out["level"])
    ]
    return out.reset_index(drop=True)


# --- cluster counts and directory ------------------------------------------------------------------------------

ECCP_REGION_MEASURE = "cluster organisations registered on the ECCP"
ECCP_ECOSYSTEM_MEASURE = "French ECCP cluster organisations by industrial ecosystem"
ECCP_MEMBERS_MEASURE = "member organisations of French ECCP cluster organisations"


def counts_for(counts: pd.DataFrame, measure: str) -> pd.DataFrame:
    return counts[counts["measure"] == measure].reset_index(drop=True)


def eccp_total(counts: pd.DataFrame, country: str = "FR") -> float:
    rows = counts[(counts["measure"] == ECCP_REGION_MEASURE) & (counts["region_code"] == country)]
    return float(rows["value"].iloc[0]) if len(rows) else float("nan")


def eccp_regions(counts: pd.DataFrame, regions: pd.DataFrame, country: str = "FR") -> pd.DataFrame:
    rows = counts[(counts["measure"] == ECCP_REGION_MEASURE) & (counts["region_code"] != country)]
    return rows.sort_values(["value", "category"], ascending=[False, True]).reset_index(drop=True)


# The cluster counts' own texts (what is counted, its unit, the factsheet's categories and the pipeline's notes),
# written in English by the seed table: marked here for the catalogue, shown through it (count_text).
COUNT_TEXTS = (
    N_("Auvergne-Rhône-Alpes clusters (regional clusters)"),
    N_("SMEs brought together by the clusters"),
    N_("average number of members per cluster"),
    N_("big companies brought together by the clusters"),
    N_("clusters in the region"),
    N_("competitiveness clusters (pôles de compétitivité) in the region"),
    N_("pôles de compétitivité labelled in phase V"),
    N_("active cluster organisations based in the region"),
    N_("cluster organisations active in the region, including those headquartered in nearby regions"),
    N_("main pôles de compétitivité in the region"),
    N_("clusters"),
    N_("SMEs"),
    N_("members"),
    N_("big companies"),
    N_("cluster organisations"),
    N_("% of member organisations"),
    N_("large enterprises"),
    N_("research organisations"),
    N_("about"),
    N_("around 20% of the 56 national clusters"),
    N_("the document writes the number as a word (seven)"),
    N_("data extracted on 21/12/2023 (note under Figure 2)"),
    N_(
        "Figure 2 (cluster organisations profiled on the ECCP, by region) is an image: the text names only these regions"
    ),
    # the factsheet's names of the industrial ecosystems (the other ones are data.labels.ECOSYSTEM_NAMES)
    N_("Creative & Cultural Industries"),
    N_("Mobility-Transport-Automotive"),
    N_("Proximity & Social Economy"),
    N_("Renewable Energy"),
)


def count_text(text, lang: str = "en"):
    """One of the cluster counts' texts (COUNT_TEXTS, an ecosystem's name) in `lang`; anything else as it is."""
    return translator(lang)(text) if isinstance(text, str) and text else text


def other_counts(counts: pd.DataFrame) -> pd.DataFrame:
    main = {ECCP_REGION_MEASURE, ECCP_ECOSYSTEM_MEASURE, ECCP_MEMBERS_MEASURE}
    return counts[~counts["measure"].isin(main)].reset_index(drop=True)


# Which source's spelling names an organisation seen in several (the factsheet writes some names in lower case).
SOURCE_PRIORITY = [
    "seed_ara_action_plan",
    "programmes_poles",
    "seed_dggrow_cluster_policy",
    "programmes_participants",
    "seed_eccp_factsheet_fr",
]


def cluster_directory(
    orgs: pd.DataFrame,
    regions: pd.DataFrame,
    region: str | None = None,
    programme: str | None = None,
    clusters_only: bool = True,
) -> pd.DataFrame:
    """One row per organisation (same organisation_key), with its regions, programmes, projects and sources,
    sorted by name.

    A region filter keeps organisations with that region (a NUTS 1 code also keeps its NUTS 2 children). The whole
    directory is built once per data version (`memo_for`), a selection filters it.
    """
    out = memo_for(orgs, ("policy.cluster_directory", clusters_only), lambda: _directory(orgs, regions, clusters_only))
    # Masks as bool arrays: an empty frame's .map gives an object Series, which pandas reads as column labels.
    keep = np.ones(len(out), dtype=bool)
    if region:
        keep &= np.array([any(c.startswith(region) for c in cs) for cs in out["region_codes"]], dtype=bool)
    if programme:
        keep &= np.array([programme in ps for ps in out["programmes"]], dtype=bool)
    return out[keep].reset_index(drop=True)


def _directory(orgs: pd.DataFrame, regions: pd.DataFrame, clusters_only: bool) -> pd.DataFrame:
    df = orgs
    if clusters_only:
        keys = set(df.loc[df["is_cluster"] == "yes", "org_key"])
        df = df[df["org_key"].isin(keys)]
    priority = {s: i for i, s in enumerate(SOURCE_PRIORITY)}
    names = dict(zip(regions["code"], regions["name"]))
    df = df.assign(_p=df["source_id"].map(priority).fillna(99)).sort_values(["org_key", "_p", "section"])
    g = df.groupby("org_key", sort=True)
    first = g["organisation"].first()
    spellings = g["organisation"].agg(lambda s: sorted(set(s)))
    codes = g["region_code"].agg(lambda s: sorted(set(s.dropna())))
    described = g["described_as"].agg(lambda s: "; ".join(dict.fromkeys(s.dropna())))
    sources = g["source_id"].agg(lambda s: list(dict.fromkeys(s)))
    urls = g["source_url"].agg(lambda s: [u for u in dict.fromkeys(s.dropna()) if u])
    progs = df.dropna(subset=["programme"])
    pairs = (
        progs.assign(project=progs["project"].fillna(""))
        .groupby("org_key")[["programme", "project"]]
        .apply(lambda d: sorted(set(zip(d["programme"], d["project"]))))
    )
    rows = []
    for key in first.index:
        name = first[key]
        pp = pairs.get(key, []) if len(pairs) else []
        rows.append(
            {
                "org_key": key,
                "organisation": name,
                "also_written": "; ".join(n for n in spellings[key] if n != name),
                "region_codes": codes[key],
                "regions": "; ".join(f"{names.get(c, c)} ({c})" for c in codes[key]),
                "described_as": described[key],
                "programmes": sorted({p for p, _ in pp}),
                "programme_projects": pp,
                "sources": sources[key],
                "source_urls": urls[key],
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "org_key",
            "organisation",
            "also_written",
            "region_codes",
            "regions",
            "described_as",
            "programmes",
            "programme_projects",
            "sources",
            "source_urls",
        ],
    )
    return out.sort_values("organisation", key=lambda s: s.str.casefold()).reset_index(drop=True)


def directory_regions(orgs: pd.DataFrame, regions: pd.DataFrame) -> list[tuple[str, str]]:
    """(code, 'name (code)') of every region an organisation of the table has (once per data version)."""

    def compute():
        codes = sorted(set(orgs["region_code"].dropna()))
        names = dict(zip(regions["code"], regions["name"]))
        return [(c, f"{names.get(c, c)} ({c})") for c in codes]

    return list(memo_for(orgs, "policy.directory_regions", compute))


def directory_programmes(orgs: pd.DataFrame) -> list[str]:
    return list(memo_for(orgs, "policy.directory_programmes", lambda: sorted(set(orgs["programme"].dropna()))))


# --- cluster monitoring: templates, parsing and validation -----------------------------------------------------

MEMBER_TYPES = [
    N_("large company"),
    N_("medium company"),
    N_("SME"),
    N_("research institution"),
    N_("training and university institution"),
    N_("government and public organisation"),
    N_("other"),
]


@dataclass(frozen=True)
class Col:
    name: str
    kind: str  # text, region, year, number, count, choice, yesno, quarter
    required: bool
    description: str
    choices: tuple = ()


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    purpose: str
    columns: list = field(default_factory=list)
    unique: tuple = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def kept(self) -> list[str]:
        """The columns an upload keeps: those the charts or the checks use (optional free text is not charted)."""
        return [c.name for c in self.columns if c.required or c.kind != "text"]


FUNDING_COLUMNS = {
    "private_memberships_eur": N_("Private funding: memberships"),
    "private_sponsorship_eur": N_("Private funding: sponsorship"),
    "private_projects_eur": N_("Private funding: projects"),
    "public_state_eur": N_("Public funding: State"),
    "public_region_operating_grants_eur": N_("Public funding: Region, operating grants"),
    "public_region_international_plans_eur": N_("Public funding: Region, international development plans"),
    "public_region_calls_for_projects_eur": N_("Public funding: Region, calls for projects"),
}
KPI_COLUMNS = {
    "joint_projects_actions": N_("Projects or actions led in common"),
    "prospecting_actions": N_("Prospecting actions to increase the number of members"),
    "communication_actions": N_("Communication actions or events"),
    "story_telling": N_("Story telling"),
}

TEMPLATES = {
    "management": Template(
        "management",
        N_("Cluster management"),
        N_(
            "One row per cluster and year: staff, budget split between private and public funding and their sources, "
            "governance (Action 1 of the Auvergne-Rhône-Alpes action plan: the cluster management organisation database)."
        ),
        [
            Col("cluster", "text", True, N_("Name of the cluster organisation")),
            Col("region", "region", True, N_("NUTS 2024 code of the region that monitors the cluster (e.g. FRK)")),
            Col("year", "year", True, N_("Reporting year")),
            Col("fte_cluster_management", "number", True, N_("Number of FTEs in cluster management")),
            Col(
                "staff_made_available_by_companies",
                "count",
                False,
                N_("People in the cluster team made available by companies"),
            ),
        ]
        + [Col(name, "number", False, f"{label}, EUR") for name, label in FUNDING_COLUMNS.items()]
        + [
            Col("main_expenses", "text", False, N_("Allocation of main expenses (free text)")),
            Col("governance", "text", False, N_("Governance of the cluster (free text)")),
        ],
        unique=("cluster", "year"),
    ),
    "members": Template(
        "members",
        N_("Cluster members"),
        N_(
            "One row per member and reporting year: type of member, year of membership, participation in the "
            "governance (Action 2: the cluster members database)."
        ),
        [
            Col("cluster", "cluster", True, N_("Name of the cluster organisation (as in the cluster management file)")),
            Col("year", "year", True, N_("Reporting year")),
            Col("member", "text", False, N_("Member name or internal identifier")),
            Col("member_type", "choice", True, "Type of member: " + ", ".join(MEMBER_TYPES), tuple(MEMBER_TYPES)),
            Col("year_of_membership", "year", False, N_("Year the member joined")),
            Col("in_governance", "yesno", False, N_("Participation in the governance: yes or no")),
        ],
    ),
    "objectives": Template(
        "objectives",
        N_("Operational objectives"),
        N_(
            "One row per cluster and reporting period: the indicators of the four operational objectives "
            "(Action 3: quarterly reports)."
        ),
        [
            Col("cluster", "cluster", True, N_("Name of the cluster organisation (as in the cluster management file)")),
            Col("year", "year", True, N_("Reporting year")),
            Col("quarter", "quarter", False, N_("Quarter 1-4 (blank for a whole year)")),
        ]
        + [
            Col(
                name,
                "count",
                name != "story_telling",
                {
                    "joint_projects_actions": N_(
                        "Number of projects or actions led in common (companies and RTO actions, "
                        "cross sector actions), collective actions for cluster members"
                    ),
                    "prospecting_actions": N_(
                        "Number of prospecting actions to increase the number of cluster members"
                    ),
                    "communication_actions": N_("Number of communication actions or events"),
                    "story_telling": N_(
                        "Number of 'story telling' cases illustrating the ability of the cluster to make "
                        "innovation actors work together"
                    ),
                }[name],
            )
            for name in KPI_COLUMNS
        ],
        unique=("cluster", "year", "quarter"),
    ),
}
EXAMPLE_LABEL = N_("EXAMPLE: invented values to show how the charts work, not real data")


def template_frame(key: str) -> pd.DataFrame:
    return pd.DataFrame(columns=TEMPLATES[key].names)


def column_description(col: Col, lang: str = "en") -> str:
    """A template column's description in `lang` (the values a file must hold, such as member types, stay as
    they are: they are what the check reads)."""
    _ = translator(lang)
    if col.name in FUNDING_COLUMNS:
        return _("{label}, EUR").format(label=_(FUNDING_COLUMNS[col.name]))
    if col.kind == "choice":
        return _("Type of member: {choices}").format(choices=", ".join(_(c) for c in col.choices))
    if col.kind == "yesno" and lang != "en":
        return _(col.description) + " (" + ", ".join(f"{_(w)}/{w}" for w in ("yes", "no")) + ")"
    return _(col.description)


def template_doc(key: str, lang: str = "en") -> pd.DataFrame:
    _ = translator(lang)
    t = TEMPLATES[key]
    return pd.DataFrame(
        [
            {
                "column": c.name,
                "required": _("yes") if c.required else _("no"),
                "description": column_description(c, lang),
            }
            for c in t.columns
        ]
    )


def example_frame(key: str, lang: str = "en") -> pd.DataFrame:
    """Invented example values; every cluster name says it is an example (in `lang`; the values a check reads, such
    as member types, stay as the template wants them)."""
    _ = translator(lang)
    clusters = [_("Example cluster A (example values)"), _("Example cluster B (example values)")]
    if key == "management":
        rows = []
        for i, name in enumerate(clusters):
            for year in (2022, 2023):
                k = 1 + 0.1 * (year - 2022)
                rows.append(
                    {
                        "cluster": name,
                        "region": "FRK",
                        "year": year,
                        "fte_cluster_management": [6.5, 3.0][i] + (year - 2022),
                        "staff_made_available_by_companies": [2, 0][i],
                        "private_memberships_eur": round([180000, 60000][i] * k),
                        "private_sponsorship_eur": round([40000, 10000][i] * k),
                        "private_projects_eur": round([220000, 30000][i] * k),
                        "public_state_eur": [150000, 0][i],
                        "public_region_operating_grants_eur": [250000, 120000][i],
                        "public_region_international_plans_eur": [60000, 20000][i],
                        "public_region_calls_for_projects_eur": [90000, 40000][i],
                        "main_expenses": _("staff, events (example)"),
                        "governance": _("board of 12 (example)"),
                    }
                )
        return pd.DataFrame(rows, columns=TEMPLATES[key].names)
    if key == "members":
        rows = []
        mix = [[3, 5, 30, 4, 2, 2, 1], [1, 2, 14, 2, 1, 1, 2]]
        for i, name in enumerate(clusters):
            n = 0
            for member_type, count in zip(MEMBER_TYPES, mix[i]):
                for j in range(count):
                    n += 1
                    rows.append(
                        {
                            "cluster": name,
                            "year": 2023,
                            "member": _("Example member {cluster}-{number}").format(cluster=i + 1, number=n),
                            "member_type": member_type,
                            "year_of_membership": 2010 + (n * 7) % 14,
                            "in_governance": "yes" if j == 0 else "no",
                        }
                    )
        return pd.DataFrame(rows, columns=TEMPLATES[key].names)
    rows = []
    for i, name in enumerate(clusters):
        for year in (2022, 2023):
            for q in (1, 2, 3, 4):
                rows.append(
                    {
                        "cluster": name,
                        "year": year,
                        "quarter": q,
                        "joint_projects_actions": [4, 2][i] + q % 2 + (year - 2022),
                        "prospecting_actions": [6, 3][i] + q % 3,
                        "communication_actions": [5, 2][i] + q % 2,
                        "story_telling": 1 if q in (2, 4) else 0,
                    }
                )
    return pd.DataFrame(rows, columns=TEMPLATES[key].names)


def frame_to_csv(df: pd.DataFrame) -> str:
    return df.to_csv(index=False, lineterminator="\n")


def template_xlsx(key: str, example: bool = False, lang: str = "en") -> bytes:
    _ = translator(lang)
    data = example_frame(key, lang) if example else template_frame(key)
    doc = template_doc(key, lang)
    if example:
        doc = pd.concat([pd.DataFrame([{"column": "NOTE", "required": "", "description": _(EXAMPLE_LABEL)}]), doc])
    return frames_to_xlsx({_(TEMPLATES[key].title): data, "README": doc})


def read_upload(contents: str, filename: str, lang: str = "en") -> pd.DataFrame:
    """A dcc.Upload data URL -> all-text DataFrame (header row = column names); errors say why in `lang` (those of
    data.upload's limits in English)."""
    _ = translator(lang)
    if not contents or "," not in contents:
        raise UploadError(_("The file is empty."))
    encoded = contents.split(",", 1)[1]
    if len(encoded) > (MAX_UPLOAD_BYTES + 2) // 3 * 4 + 4:  # refused before it is decoded
        raise UploadError(
            _("{filename} was not read: it is larger than the limit of {limit} MB.").format(
                filename=filename, limit=f"{MAX_UPLOAD_BYTES / 1e6:g}"
            )
        )
    try:
        data = base64.b64decode(encoded, validate=False)
    except (ValueError, TypeError):
        raise UploadError(_("The file could not be decoded.")) from None
    return read_table_bytes(data, filename)


def read_table_bytes(data: bytes, filename: str) -> pd.DataFrame:
    """A file's first sheet as an all-text DataFrame, read within the limits of data.upload; `attrs["too_wide"]`
    lists the lines with more cells than the header."""
    header, body = read_table(data, filename)
    header = [str(h).strip() for h in header]
    width = len(header)
    too_wide = [i for i, r in enumerate(body, start=2) if len(r) > width]
    body = [(list(r) + [""] * width)[:width] for r in body]
    df = pd.DataFrame(body, columns=header, dtype="object")
    df.attrs["too_wide"] = too_wide
    return df


def monitoring_files(folder) -> dict:
    """Monitoring files an operator placed in a folder (management.csv, members.xlsx, ...): key -> frame or error.

    Returns {key: {"filename": str, "frame": DataFrame}} or {key: {"filename": str, "error": str}}; a CSV wins over
    an Excel file of the same table.
    """
    out = {}
    folder = Path(folder)
    for key in TEMPLATES:
        for ext in ("csv", "xlsx"):
            path = folder / f"{key}.{ext}"
            if path.is_file():
                try:
                    out[key] = {"filename": path.name, "frame": read_table_bytes(path.read_bytes(), path.name)}
                except UploadError as err:
                    out[key] = {"filename": path.name, "error": str(err)}
                break
    return out


@dataclass
class Validation:
    key: str
    accepted: pd.DataFrame
    rejected: list  # [{"line": int | None, "message": str}]
    file_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.file_error is None


def _parse_number(text: str):
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", t):  # decimal comma
        t = t.replace(",", ".")
    return float(t)


def column_problems(key: str, columns) -> tuple[list[str], list[str]]:
    """(missing required columns, columns the template does not have) of a table's header."""
    tpl = TEMPLATES[key]
    cols = [str(c).strip() for c in columns]
    return ([c.name for c in tpl.columns if c.required and c.name not in cols], [c for c in cols if c not in tpl.names])


def kept_table(key: str, raw: pd.DataFrame) -> pd.DataFrame:
    """What an upload keeps for the page: the template's charted columns, or, for a file with the wrong columns,
    only its header (enough to say what is wrong)."""
    missing, unexpected = column_problems(key, raw.columns)
    if missing or unexpected:
        return pd.DataFrame(columns=[str(c).strip()[:60] for c in raw.columns])
    out = raw.rename(columns=lambda c: str(c).strip())
    out = out[[c for c in TEMPLATES[key].kept if c in out.columns]]
    out.attrs["too_wide"] = raw.attrs.get("too_wide", [])
    return out


def _list_sep(lang: str) -> str:
    """'; ' between the problems of a row (French puts a narrow no-break space before the semicolon)."""
    return "; " if lang == "en" else "\u202f; "


YES, NO = ("yes", "y", "1", "true", "oui", "o", "vrai"), ("no", "n", "0", "false", "non", "faux")  # yesno columns


def validate_table(key: str, raw: pd.DataFrame, region_codes=(), known_clusters=(), lang: str = "en") -> Validation:
    """Check an uploaded table against its template; rows with a problem are listed with the reason (in `lang`;
    column names and the values quoted from the file as they are)."""
    _ = translator(lang)
    tpl = TEMPLATES[key]
    missing, unexpected = column_problems(key, raw.columns)
    empty = pd.DataFrame(columns=tpl.names)
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(_("missing required columns: {columns}").format(columns=", ".join(missing)))
        if unexpected:
            parts.append(
                _("columns the template does not have: {columns}").format(
                    columns=", ".join(c[:40] for c in unexpected[:10])
                )
            )
        return Validation(
            key,
            empty,
            [],
            _("Wrong columns ({problems}). Use the {template} template.").format(
                problems=_list_sep(lang).join(parts), template=_(tpl.title)
            ),
        )
    raw = raw.rename(columns=lambda c: c.strip())
    region_codes = set(region_codes)
    known = {organisation_key(c) for c in known_clusters}
    accepted, rejected, seen = [], [], {}
    for line, row in zip(range(2, len(raw) + 2), raw.to_dict("records")):
        problems, out = [], {}
        for col in tpl.columns:
            text = str(row.get(col.name, "") or "").strip()
            if text == "":
                if col.required:
                    problems.append(_("{column} is empty").format(column=col.name))
                out[col.name] = None
                continue
            try:
                if col.kind in ("number", "count", "year", "quarter"):
                    value = _parse_number(text)
                    if col.kind in ("count", "year", "quarter") and value != int(value):
                        problems.append(
                            _("{column} {value} is not a whole number").format(column=col.name, value=repr(text))
                        )
                        continue
                    if value < 0:
                        problems.append(_("{column} {value} is negative").format(column=col.name, value=repr(text)))
                        continue
                    if col.kind == "year" and not 1900 <= value <= 2100:
                        problems.append(_("{column} {value} is not a year").format(column=col.name, value=repr(text)))
                        continue
                    if col.kind == "quarter" and value not in (1, 2, 3, 4):
                        problems.append(
                            _("{column} {value} is not a quarter (1-4)").format(column=col.name, value=repr(text))
                        )
                        continue
                    out[col.name] = int(value) if col.kind != "number" else value
                elif col.kind == "region":
                    if text.upper() not in region_codes:
                        problems.append(_("region {value} is not a NUTS 2024 code").format(value=repr(text[:20])))
                        continue
                    out[col.name] = text.upper()
                elif col.kind == "choice":
                    # the template's value or its name in the page's language (kept as the template's value)
                    names = {_(c).casefold(): c for c in col.choices} | {c.casefold(): c for c in col.choices}
                    match = names.get(text.casefold())
                    if match is None:
                        problems.append(
                            _("{column} {value} is not one of: {choices}").format(
                                column=col.name, value=repr(text[:40]), choices=", ".join(_(c) for c in col.choices)
                            )
                        )
                        continue
                    out[col.name] = match
                elif col.kind == "yesno":
                    if text.casefold() not in YES + NO:
                        problems.append(
                            _("{column} {value} is not yes or no").format(column=col.name, value=repr(text[:20]))
                        )
                        continue
                    out[col.name] = text.casefold() in YES
                elif col.kind == "cluster":
                    if organisation_key(text) not in known:
                        problems.append(
                            _(
                                "unknown cluster {value} (not in the cluster management file or the cluster directory)"
                            ).format(value=repr(text[:60]))
                        )
                        continue
                    out[col.name] = text
                else:
                    out[col.name] = text[:500]
            except ValueError:
                problems.append(_("{column} {value} is not a number").format(column=col.name, value=repr(text[:40])))
        if line in raw.attrs.get("too_wide", []):
            problems.append(_("more cells than the header has columns"))
        if not problems and tpl.unique:
            ident = tuple(organisation_key(out[k]) if k == "cluster" else out.get(k) for k in tpl.unique)
            if ident in seen:
                problems.append(
                    _("repeats line {line} ({columns})").format(line=seen[ident], columns=", ".join(tpl.unique))
                )
            else:
                seen[ident] = line
        if problems:
            rejected.append({"line": line, "message": _list_sep(lang).join(problems)})
        else:
            accepted.append(out)
    return Validation(key, pd.DataFrame(accepted, columns=tpl.names), rejected)


def validate_all(raw_tables: dict, region_codes, directory_clusters, lang: str = "en") -> dict[str, Validation]:
    """Validate the loaded tables together: members and objectives may name the management file's clusters."""
    out = {}
    known = set(directory_clusters)
    if raw_tables.get("management") is not None:
        out["management"] = validate_table("management", raw_tables["management"], region_codes, known, lang)
        known |= set(out["management"].accepted["cluster"])
    for key in ("members", "objectives"):
        if raw_tables.get(key) is not None:
            out[key] = validate_table(key, raw_tables[key], region_codes, known, lang)
    return out


# --- monitoring summaries (inputs of the charts) ---------------------------------------------------------------


def _latest_per_group(group: np.ndarray, years: np.ndarray, groups: int) -> np.ndarray:
    """Each row's group's latest year (rows without a group, code -1, get their own year)."""
    latest = np.full(groups, np.iinfo("int64").min)
    np.maximum.at(latest, group[group >= 0], years[group >= 0])
    return np.where(group >= 0, latest[group], years)


def members_mix(members: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Members by cluster and type (a reporting year, default the latest per cluster), and in governance.

    Counted with array operations: one year is kept per cluster, so (cluster, type) is the group, ordered by
    cluster name and then the order of MEMBER_TYPES (as the grouped and sorted frames were)."""
    if members.empty:
        return pd.DataFrame(columns=["cluster", "member_type", "members", "in_governance", "year"])
    years = members["year"].astype(int).to_numpy()
    cluster, clusters = pd.factorize(members["cluster"], sort=True)
    kind, kinds = pd.factorize(members["member_type"])
    wanted = _latest_per_group(cluster, years, len(clusters)) if year is None else year
    keep = (cluster >= 0) & (kind >= 0) & (years == wanted)
    # a type outside MEMBER_TYPES (the check rejects them) would sort after the known ones
    rank = np.array(
        [MEMBER_TYPES.index(t) if t in MEMBER_TYPES else len(MEMBER_TYPES) + i for i, t in enumerate(kinds)]
    )
    slots = len(MEMBER_TYPES) + len(kinds)
    type_of = np.empty(slots, dtype=object)
    type_of[rank] = kinds.to_numpy(dtype=object)
    group = cluster[keep] * slots + rank[kind[keep]]
    size = np.bincount(group, minlength=len(clusters) * slots)
    in_governance = members["in_governance"].map(lambda v: v is True).to_numpy(dtype=bool)[keep]
    gov = np.bincount(group, weights=in_governance, minlength=len(size))
    shown = np.flatnonzero(size)
    year_of = np.zeros(len(size), dtype="int64")
    year_of[group] = years[keep]
    return pd.DataFrame(
        {
            "cluster": clusters.to_numpy(dtype=object)[shown // slots],
            "year": year_of[shown],
            "member_type": type_of[shown % slots],
            "members": size[shown].astype("int64"),
            "in_governance": gov[shown].astype("int64"),
        }
    )


FUNDING_KINDS = (N_("private"), N_("public"))  # funding_mix's `kind` (the charts' CSV flag)


def _group_total(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each row's group total, added in row order; missing where the group has no value or the row no group."""
    has = group >= 0
    known = ~np.isnan(values)
    sums = np.bincount(group[has], weights=np.where(known, values, 0.0)[has])
    counts = np.bincount(group[has], weights=known[has])
    totals = np.where(counts > 0, sums, np.nan)
    return np.where(has, totals[np.maximum(group, 0)] if len(totals) else np.nan, np.nan)


def funding_mix(management: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Funding by cluster and source for a year (default: latest); missing amounts stay missing.

    One row per cluster and funding column, column by column; the share is of the cluster's known total (one
    management row per cluster and year, so its seven amounts are added in column order)."""
    cols = list(FUNDING_COLUMNS)
    if management.empty:
        return pd.DataFrame(columns=["cluster", "year", "source", "eur", "share", "kind"])
    years = management["year"].astype(int)
    year = year if year is not None else int(years.max())
    rows = management[(years == year).to_numpy()]
    eur = np.concatenate(
        [pd.to_numeric(rows[c], errors="coerce").to_numpy(dtype="float64", na_value=np.nan) for c in cols]
    )
    cluster = np.tile(rows["cluster"].to_numpy(dtype=object), len(cols))
    return pd.DataFrame(
        {
            "cluster": cluster,
            "year": np.full(len(eur), year, dtype="int64"),
            "eur": eur,
            "source": np.repeat(np.array([FUNDING_COLUMNS[c] for c in cols], dtype=object), len(rows)),
            "kind": np.repeat(np.array([c.split("_")[0] for c in cols], dtype=object), len(rows)),
            "share": eur / _group_total(pd.factorize(cluster)[0], eur),
        }
    )


def monitoring_years(management: pd.DataFrame) -> list[int]:
    if management is None or management.empty:
        return []
    return sorted({int(y) for y in management["year"]})


def kpi_by_year(objectives: pd.DataFrame, kpi: str) -> pd.DataFrame:
    """A KPI summed over the reported periods of each cluster and year (missing stays missing), ordered by cluster
    and year; added with array operations over the (cluster, year) groups."""
    if objectives.empty:
        return pd.DataFrame(columns=["cluster", "year", "value", "periods"])
    values = pd.to_numeric(objectives[kpi], errors="coerce")
    cluster, clusters = pd.factorize(objectives["cluster"], sort=True)
    year, years = pd.factorize(objectives["year"], sort=True)
    has = (cluster >= 0) & (year >= 0)
    group = (cluster * len(years) + year)[has]
    slots = len(clusters) * len(years)
    v = values.to_numpy(dtype="float64", na_value=np.nan)[has]
    known = ~np.isnan(v)
    periods = np.bincount(group, minlength=slots)
    sums = np.bincount(group, weights=np.where(known, v, 0.0), minlength=slots)
    counted = np.bincount(group, weights=known, minlength=slots)
    shown = np.flatnonzero(periods)
    value = np.where(counted[shown] > 0, sums[shown], np.nan)
    return pd.DataFrame(
        {
            "cluster": clusters.to_numpy(dtype=object)[shown // len(years)],
            "year": years.to_numpy()[shown % len(years)].astype(int),
            # an integer column has no missing value: its sums stay integers, as a grouped sum keeps them
            "value": value.astype("int64") if pd.api.types.is_integer_dtype(values.dtype) else value,
            "periods": periods[shown].astype("int64"),
        }
    )
