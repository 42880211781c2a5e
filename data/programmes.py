"""Pure queries over the programme tables (programmes, projects, participations, organisations, official_totals,
seed_reference): DataFrames and plain values in, DataFrames and plain values out. No Dash, no Flask.

Conventions: a participation is one organisation in one project (a "partner" in the seed documents' words).
Missing stays missing: a participation without a country is counted as "country not stated", never given one;
shares are computed over participations with a known country and say how many had none.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from itertools import combinations
from urllib.parse import quote, urlsplit

import numpy as np
import pandas as pd

from i18n import N_, format_number, format_percent, translator

ROLES = ["coordinator", "participant", "associated partner"]

# The words of the programme tables (official totals' scopes and labels, call labels) as the catalogue knows them:
# shown through it in the view's language; a text not listed here stays as the tables give it.
DATA_WORDS = (
    N_("partnerships"),
    N_("cluster organisations"),
    N_("partners"),
    N_("countries"),
    N_("projects"),
    N_("participants"),
    N_("1st generation (2016-2017)"),
    N_("2nd generation (2018-2019)"),
    N_("Cluster Excellence Programme (2014, 2015 calls)"),
    N_("2020 wave"),
    N_("2022 wave"),
    N_("2015-2017 calls"),
    N_("projects 2015-2019"),
    N_("projects 2016-2019"),
    N_("ESCP-4i 1st generation (2016-2017)"),
    N_("ESCP-4i 2nd generation (2018-2019)"),
    N_("ESCP-4i 3rd generation or later (from 2020)"),
    N_("ESCP-4x 2022 wave (2022-2024)"),
    N_("ESCP-4x 2020 wave (2020-2022)"),
    N_("ESCP-4x precursor: Cluster Excellence Programme (2016-2018)"),
    N_("ESCP-4x wave not stated"),
    N_("INNOSUP-1 2015 call"),
    N_("INNOSUP-1 2018-2020 call"),
    N_("INNOSUP-1 2016-2017 call"),
    N_("INNOSUP-1 topic not stated"),
)


SEMICOLON = N_("; ")  # between the items of a list in a sentence (French puts a space before it)


def data_word(text, lang: str):
    """A text of the programme tables in `lang` (as it is when the catalogue does not have it)."""
    return translator(lang)(text) if isinstance(text, str) and text else text


def split_ids(cell) -> list[str]:
    """'IES01;IES05' -> ['IES01', 'IES05']; missing -> []."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell) or cell == "":
        return []
    return [x for x in str(cell).split(";") if x]


def _as_list(values) -> list:
    if values is None:
        return []
    if isinstance(values, str):
        return [values] if values else []
    return [v for v in values if v not in (None, "")]


# ------------------------------------------------------------------------------------------------ filters
def filter_projects(projects: pd.DataFrame, programmes=(), generations=(), ecosystems=()) -> pd.DataFrame:
    """Projects of any of `programmes`, `generations` and `ecosystems` (each empty = no restriction)."""
    programmes, generations, ecosystems = _as_list(programmes), _as_list(generations), _as_list(ecosystems)
    keep = pd.Series(True, index=projects.index)
    if programmes:
        keep &= projects["programme"].isin(programmes)
    if generations:
        keep &= projects["generation"].isin(generations)
    if ecosystems:
        wanted = set(ecosystems)
        keep &= projects["ecosystem_ids"].map(lambda c: bool(wanted & set(split_ids(c)))).astype(bool)
    return projects[keep]


def filter_participations(
    participations: pd.DataFrame,
    projects: pd.DataFrame,
    programmes=(),
    generations=(),
    ecosystems=(),
    countries=(),
    regions=(),
    cluster_only: bool = False,
    roles=(),
) -> pd.DataFrame:
    """Participations matching every filter given (filters combine with AND; values within one filter with OR).

    programmes / generations / ecosystems restrict the projects; countries / regions (NUTS 2) / cluster_only / roles
    restrict the participating organisations. An unknown country, region, role or cluster flag never matches a
    filter on it (unknown is not "no").
    """
    keep = pd.Series(True, index=participations.index)
    if _as_list(programmes) or _as_list(generations) or _as_list(ecosystems):
        chosen = filter_projects(projects, programmes, generations, ecosystems)["project"]
        keep &= participations["project"].isin(chosen)
    if _as_list(countries):
        keep &= participations["country"].isin(_as_list(countries)).fillna(False).astype(bool)
    if _as_list(regions):
        keep &= participations["region"].isin(_as_list(regions)).fillna(False).astype(bool)
    if cluster_only:
        keep &= (participations["is_cluster"] == "yes").fillna(False).astype(bool)
    if _as_list(roles):
        keep &= participations["role"].isin(_as_list(roles)).fillna(False).astype(bool)
    return participations[keep]


class SelectionIndex:
    """The same filters as `filter_participations`, on plain tuples: fast enough for a callback per keystroke.

    Built once per data version; `select(...)` returns row positions (into `participations`) and project keys.
    """

    def __init__(self, participations: pd.DataFrame, projects: pd.DataFrame):
        proj = {
            r.project: (r.programme, r.generation, frozenset(split_ids(r.ecosystem_ids)))
            for r in projects[["project", "programme", "generation", "ecosystem_ids"]].itertuples(index=False)
        }
        self.projects = [(key, *attrs) for key, attrs in proj.items()]
        self.rows = []
        cols = ["project", "country", "region", "is_cluster", "role", "organisation_id"]
        for r in participations[cols].itertuples(index=False):
            prog, gen, eco = proj[r.project]
            self.rows.append(
                (
                    r.project,
                    prog,
                    gen,
                    eco,
                    _str(r.country),
                    _str(r.region),
                    _str(r.is_cluster),
                    _str(r.role),
                    r.organisation_id,
                )
            )

    def select(
        self,
        programmes=(),
        generations=(),
        ecosystems=(),
        countries=(),
        regions=(),
        cluster_only=False,
        roles=(),
        ignore_country: bool = False,
    ) -> list[int]:
        progs, gens, ecos = set(programmes or ()), set(generations or ()), set(ecosystems or ())
        ctry, regs, rols = set(countries or ()), set(regions or ()), set(roles or ())
        out = []
        for i, (_, prog, gen, eco, country, region, cluster, role, _org) in enumerate(self.rows):
            if (progs and prog not in progs) or (gens and gen not in gens) or (ecos and not ecos & eco):
                continue
            if ctry and not ignore_country and country not in ctry:
                continue
            if (regs and region not in regs) or (cluster_only and cluster != "yes") or (rols and role not in rols):
                continue
            out.append(i)
        return out

    def select_projects(self, programmes=(), generations=(), ecosystems=()) -> list[str]:
        progs, gens, ecos = set(programmes or ()), set(generations or ()), set(ecosystems or ())
        return [
            key
            for key, prog, gen, eco in self.projects
            if not ((progs and prog not in progs) or (gens and gen not in gens) or (ecos and not ecos & eco))
        ]

    def projects_of(self, rows) -> list[str]:
        return list(dict.fromkeys(self.rows[i][0] for i in rows))


def _str(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


# --------------------------------------------------------------------------------------------- by country
# Plain Python over the few hundred participations a selection holds: pandas' groupby costs ~5 ms per call here.
def _known_countries(participations: pd.DataFrame) -> tuple[list, list[bool]]:
    """The country column as a list and whether each row has one."""
    return participations["country"].tolist(), participations["country"].notna().tolist()


def participations_by_country(participations: pd.DataFrame) -> pd.DataFrame:
    """One row per country: participations, organisations, projects, share of participations with a country.

    Participations without a country are one row with country <NA> at the end (they have no share)."""
    df = participations
    countries, has = _known_countries(df)
    orgs, projects = df["organisation_id"].tolist(), df["project"].tolist()
    org_known, project_known = df["organisation_id"].notna().tolist(), df["project"].notna().tolist()
    stats: dict = {}  # country (None: not stated) -> [participations, organisations, projects]
    for country, known, org, o_ok, project, p_ok in zip(countries, has, orgs, org_known, projects, project_known):
        row = stats.setdefault(country if known else None, [0, set(), set()])
        row[0] += 1
        if o_ok:
            row[1].add(org)
        if p_ok:
            row[2].add(project)
    unknown = stats.pop(None, None)
    order = sorted(stats, key=lambda c: (-stats[c][0], c))
    total = sum(stats[c][0] for c in order)
    rows = [(c, stats[c][0], len(stats[c][1]), len(stats[c][2])) for c in order]
    shares = [n / total if total else float("nan") for _c, n, _o, _p in rows]
    if unknown is not None:
        rows.append((pd.NA, unknown[0], len(unknown[1]), len(unknown[2])))
        shares.append(float("nan"))
    out = pd.DataFrame(
        {
            "country": pd.array([r[0] for r in rows], dtype="string"),
            "participations": np.array([r[1] for r in rows], dtype="int64"),
            "organisations": np.array([r[2] for r in rows], dtype="int64"),
            "projects": np.array([r[3] for r in rows], dtype="int64"),
            "share": np.array(shares, dtype="float64"),
        }
    )
    return out


def _programme_counts(participations: pd.DataFrame) -> tuple[Counter, Counter, Counter]:
    """Per programme: participations, those with a country, and per (programme, country) participations."""
    programmes = participations["programme"].tolist()
    named = participations["programme"].notna().tolist()  # as groupby, a row without a programme counts nowhere
    countries, has = _known_countries(participations)
    totals = Counter(p for p, n in zip(programmes, named) if n)
    pairs = Counter((p, c) for p, n, c, k in zip(programmes, named, countries, has) if n and k)
    known = Counter(p for p, n, k in zip(programmes, named, has) if n and k)
    return totals, known, pairs


def country_ranks(participations: pd.DataFrame) -> pd.DataFrame:
    """Per programme and country: count, share and competition rank (1, 2, 2, 4) of participations.

    share = count / participations with a known country in that programme; `not_stated` counts the others."""
    totals, known, pairs = _programme_counts(participations)
    by_programme: dict = {}
    for (prog, country), n in pairs.items():
        by_programme.setdefault(prog, []).append((country, n))
    rows = []
    for prog in sorted(by_programme):
        counts = by_programme[prog]
        values = sorted((n for _c, n in counts), reverse=True)
        first = {}  # count -> its competition rank (1 + how many counts are larger)
        for i, n in enumerate(values):
            first.setdefault(n, i + 1)
        ranked = sorted(((first[n], country, n) for country, n in counts))
        for rank, country, n in ranked:
            k = known[prog]
            rows.append((prog, country, n, totals[prog], k, totals[prog] - k, n / k, rank, len(counts)))
    columns = ["programme", "country", "count", "total", "known", "not_stated", "share", "rank", "countries"]
    data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    out = pd.DataFrame(
        {
            "programme": pd.Series(data["programme"], dtype=participations["programme"].dtype),
            "country": pd.Series(data["country"], dtype=participations["country"].dtype),
            **{c: np.array(data[c], dtype="int64") for c in ("count", "total", "known", "not_stated")},
            "share": np.array(data["share"], dtype="float64"),
            **{c: np.array(data[c], dtype="int64") for c in ("rank", "countries")},
        }
    )
    return out


def country_standing(
    participations: pd.DataFrame, country: str, programmes: list[str], ranks: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A country's count, share and rank in each programme (in the order given).

    A programme where the country has no participation in these rows gets count 0 and no share or rank; a
    programme without rows at all gets nothing (all missing). `ranks`: `country_ranks(participations)` when the
    caller has it already (several countries of the same rows)."""
    return countries_standing(participations, [country], programmes, ranks)


def countries_standing(
    participations: pd.DataFrame, countries: list[str], programmes: list[str], ranks: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`country_standing` of several countries, one after the other, in one frame: the per-programme counts are
    taken once for all of them."""
    ranks = country_ranks(participations) if ranks is None else ranks
    hits = {
        (c, p): (n, s, r)
        for p, c, n, s, r in zip(
            ranks["programme"].tolist(),
            ranks["country"].tolist(),
            ranks["count"].tolist(),
            ranks["share"].tolist(),
            ranks["rank"].tolist(),
        )
    }
    totals, known, pairs = _programme_counts(participations)
    n_countries = Counter(p for p, _c in pairs)
    rows = []
    for country in countries:
        for prog in programmes:
            total, k = totals.get(prog, 0), known.get(prog, 0)
            n, s, r = hits.get((country, prog), (0 if total else pd.NA, float("nan"), pd.NA))
            rows.append((prog, country, n, total, k, total - k, s, r, n_countries.get(prog, 0) if total else pd.NA))
    out = pd.DataFrame(
        rows, columns=["programme", "country", "count", "total", "known", "not_stated", "share", "rank", "countries"]
    )
    for col in ("count", "rank", "countries"):
        out[col] = out[col].astype("Int64")
    return out


# ------------------------------------------------------------------------------------------------ network
# Who counts as one participant in the collaboration network, per level: the participation column naming it.
NETWORK_LEVELS = {"country": "country", "region": "region", "organisation": "organisation_id"}


def _level_column(level: str) -> str:
    if level not in NETWORK_LEVELS:
        raise ValueError(f"network level {level!r}: use one of {', '.join(NETWORK_LEVELS)}")
    return NETWORK_LEVELS[level]


def network_participants(participations: pd.DataFrame, level: str = "country") -> pd.DataFrame:
    """The participations that name a participant at `level` (country, NUTS 2 region or organisation), with that
    participant as `node` and its `country`. A participation without a region is left out of the region level
    (it still counts at country level): never given a made-up region."""
    column = _level_column(level)
    known = participations[participations[column].notna()]
    return pd.DataFrame(
        {"project": known["project"], "node": known[column].astype(str), "country": known["country"]}
    ).reset_index(drop=True)


def network_edges(participations: pd.DataFrame, focus=(), level: str = "country") -> pd.DataFrame:
    """Pairs of participants at `level` that take part in the same projects (co-participation): source, target
    (in code order), weight = number of projects both take part in, projects ('; '-joined). Two organisations of
    one country (or region) in a project are no link of that country with itself. With `focus` (country codes),
    only pairs with a participant from a focus country."""
    focus = set(_as_list(focus))
    rows = network_participants(participations, level)
    country_of = _country_of(rows)
    per_project: dict[str, set] = {}  # plain Python: a groupby per call costs more than the pairs themselves
    for project, node, named in zip(rows["project"].tolist(), rows["node"].tolist(), rows["project"].notna()):
        if named:
            per_project.setdefault(project, set()).add(node)
    weights: Counter = Counter()
    names: dict[tuple[str, str], list[str]] = {}
    for project in sorted(per_project):
        for a, b in combinations(sorted(per_project[project]), 2):
            if focus and not ({country_of.get(a), country_of.get(b)} & focus):
                continue
            weights[(a, b)] += 1
            names.setdefault((a, b), []).append(project)
    rows = [
        {"source": a, "target": b, "weight": w, "projects": "; ".join(sorted(names[(a, b)]))}
        for (a, b), w in sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    out = pd.DataFrame(rows, columns=["source", "target", "weight", "projects"])
    out["weight"] = out["weight"].astype("int64")
    return out


def _country_of(rows: pd.DataFrame) -> dict:
    """Participant -> the country of its first row that states one (network_participants' rows)."""
    out: dict = {}
    for node, country, stated in zip(rows["node"].tolist(), rows["country"].tolist(), rows["country"].notna()):
        if stated and node not in out:
            out[node] = country
    return out


def network_nodes(participations: pd.DataFrame, edges: pd.DataFrame, focus=(), level: str = "country") -> pd.DataFrame:
    """Participants in the network (`node`): their `country`, the projects they take part in (in these rows), their
    `links` (shared projects summed over their pairs), `partners` (how many pairs) and whether they are in a focus
    country. At country level a focus country is a node even without a link."""
    focus = _as_list(focus)
    rows = network_participants(participations, level)
    links: Counter = Counter()
    partners: Counter = Counter()
    for a, b, w in zip(edges["source"].tolist(), edges["target"].tolist(), edges["weight"].tolist()):
        links[a] += w
        links[b] += w
        partners[a] += 1
        partners[b] += 1
    nodes = sorted(set(links) | (set(focus) if level == "country" else set()))
    projects: dict = {}
    for node, project, named in zip(rows["node"].tolist(), rows["project"].tolist(), rows["project"].notna()):
        if named:
            projects.setdefault(node, set()).add(project)
    country_of = _country_of(rows)
    countries = pd.Series([country_of.get(n, np.nan) for n in nodes], dtype="object")
    return pd.DataFrame(  # built in one go: column by column, each insertion cost more than its values
        {
            "node": pd.Series(nodes, dtype="object"),
            "country": countries,
            "projects": np.array([len(projects.get(n, ())) for n in nodes], dtype="int64"),
            "links": np.array([links[n] for n in nodes], dtype="int64"),
            "partners": np.array([partners[n] for n in nodes], dtype="int64"),
            "focus": countries.isin(focus).astype(bool),
        }
    )


def node_labels(participations: pd.DataFrame, regions: pd.DataFrame, level: str) -> dict[str, str]:
    """Participant -> its name as shown: 'France (FR)', 'Bretagne (FRH0)', or the organisation's name with its
    country ('Cluster X (FR)'; no country stated: the name alone)."""
    names = dict(zip(regions["code"], regions["name"]))
    rows = network_participants(participations, level)
    if level == "organisation":
        known = participations.drop_duplicates("organisation_id")
        return {
            o: f"{n} ({c})" if isinstance(c, str) else str(n)
            for o, n, c in zip(known["organisation_id"], known["organisation"], known["country"])
        }
    return {c: f"{names.get(c, c)} ({c})" for c in rows["node"].unique()}


def left_out_of_level(participations: pd.DataFrame, level: str) -> int:
    """Participations that name no participant at `level` (no country, no region): left out of that view."""
    return int(participations[_level_column(level)].isna().sum())


def cluster_order(nodes: list[str], edges: pd.DataFrame) -> list[str]:
    """`nodes` in an order that puts partners that share many projects next to each other: connected groups one
    after the other (largest first), each ordered by its Fiedler vector (spectral seriation of the weighted
    pairs); nodes without a pair among `nodes` last. Deterministic: ties are broken by code."""
    if not nodes:
        return []
    index = {n: i for i, n in enumerate(nodes)}
    weights = np.zeros((len(nodes), len(nodes)))
    for a, b, w in edges[["source", "target", "weight"]].itertuples(index=False):
        if a in index and b in index:
            weights[index[a], index[b]] = weights[index[b], index[a]] = w
    seen, groups = set(), []
    for start in sorted(range(len(nodes)), key=lambda i: (-weights[i].sum(), nodes[i])):
        if start in seen or not weights[start].any():
            continue
        group, todo = [], [start]
        seen.add(start)
        while todo:
            i = todo.pop()
            group.append(i)
            for j in np.flatnonzero(weights[i]):
                if j not in seen:
                    seen.add(int(j))
                    todo.append(int(j))
        groups.append(group)
    groups.sort(key=lambda g: (-len(g), -weights[np.ix_(g, g)].sum()))
    order = []
    for group in groups:
        strength = weights[group].sum(axis=1)
        if len(group) > 2:
            sub = weights[np.ix_(group, group)]
            laplacian = np.diag(sub.sum(axis=1)) - sub
            fiedler = np.round(np.linalg.eigh(laplacian)[1][:, 1], 9)
            # the eigenvector's sign is arbitrary: put the strongest participant in the first half
            if fiedler[int(np.argmax(strength))] > 0:
                fiedler = -fiedler
            key = sorted(range(len(group)), key=lambda k: (fiedler[k], -strength[k], nodes[group[k]]))
        else:
            key = sorted(range(len(group)), key=lambda k: (-strength[k], nodes[group[k]]))
        order += [nodes[group[k]] for k in key]
    return order + sorted(n for n in nodes if not weights[index[n]].any())


def adjacency(nodes: pd.DataFrame, edges: pd.DataFrame, limit: int = 30) -> tuple[pd.DataFrame, int]:
    """The co-participation matrix of the `limit` participants with the most links (shared projects summed over
    their pairs; ties by code), in `cluster_order`: a square frame of shared projects, 0 where two share none,
    missing on the diagonal (a participant is not its own partner). Also returns how many were left out."""
    top = nodes.sort_values(["links", "node"], ascending=[False, True], kind="stable").head(limit)
    order = cluster_order(list(top["node"]), edges)
    index = {n: i for i, n in enumerate(order)}
    shared = np.zeros((len(order), len(order)))
    for a, b, w in zip(edges["source"].tolist(), edges["target"].tolist(), edges["weight"].tolist()):
        if a in index and b in index:
            shared[index[a], index[b]] = shared[index[b], index[a]] = w
    np.fill_diagonal(shared, np.nan)
    return pd.DataFrame(shared, index=order, columns=order), len(nodes) - len(top)


# ----------------------------------------------------------------------------------------- other views
def _period(date, end: bool):
    """First (or last) day of the period a stated date names: '2017' -> 2017-01-01 / 2017-12-31."""
    if not isinstance(date, str) or not date:
        return pd.NaT
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if end else 1)
    return pd.Timestamp(year=year, month=month, day=day)


def project_timeline(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects with the period their stated dates cover: start (first day), end (last day), as stated; and the
    timeline chart's start_day and end_day (YYYY-MM-DD) and span_ms (first to last day, both included)."""
    out = projects[["project", "programme", "acronym", "generation", "start_date", "end_date", "n_participants"]].copy()
    out["start"] = [_period(d, False) for d in out["start_date"]]
    out["end"] = [_period(d, True) for d in out["end_date"]]
    out["dates"] = "both"
    out.loc[out["start"].isna() & out["end"].notna(), "dates"] = "end only"
    out.loc[out["start"].notna() & out["end"].isna(), "dates"] = "start only"
    out.loc[out["start"].isna() & out["end"].isna(), "dates"] = "none"
    # What the timeline chart draws, once per project (not per request): its days and its length with both ends.
    out["start_day"] = out["start"].dt.strftime("%Y-%m-%d")
    out["end_day"] = out["end"].dt.strftime("%Y-%m-%d")
    out["span_ms"] = (out["end"] - out["start"]).dt.total_seconds() * 1000 + 86_400_000
    key = out["start"].fillna(out["end"])
    return (
        out.assign(_k=key)
        .sort_values(["_k", "programme", "acronym"], na_position="last", kind="stable")
        .drop(columns="_k")
        .reset_index(drop=True)
    )


def cluster_breakdown(participations: pd.DataFrame, programmes: list[str]) -> pd.DataFrame:
    """Participations per programme by cluster flag: yes / no / not stated (never folded into "no")."""
    flag = participations["is_cluster"].astype("object").where(participations["is_cluster"].notna(), "not stated")
    counts = participations.assign(flag=flag).groupby(["programme", "flag"]).size()
    rows = []
    for prog in programmes:
        for value in ("yes", "no", "not stated"):
            rows.append({"programme": prog, "is_cluster": value, "participations": int(counts.get((prog, value), 0))})
    return pd.DataFrame(rows, columns=["programme", "is_cluster", "participations"])


def regions_with_participants(participations: pd.DataFrame, programmes=(), level: int = 2) -> list[str]:
    """Codes of the regions with at least one participant in any of `programmes` (all programmes when empty).

    level 2: NUTS 2 codes (where the participant's region is known); 1: their NUTS 1 codes; 0: country codes
    (known more often than the region). Sorted. The Rankings page's "with participants in programme Y" filter
    and the region pages use this."""
    rows = participations
    programmes = _as_list(programmes)
    if programmes:
        rows = rows[rows["programme"].isin(programmes)]
    if level == 0:
        codes = rows["country"].dropna()
    elif level in (1, 2):
        codes = rows["region"].dropna().str[: level + 2]
    else:
        raise ValueError(f"NUTS level {level!r}: use 0, 1 or 2")
    return sorted(set(codes))


# ---------------------------------------------------------------------------------------------- coverage
def _data_count(projects, participations, programme, generations, measure) -> int:
    projs = projects[projects["programme"] == programme]
    gens = split_ids(generations)
    if gens:
        projs = projs[projs["generation"].isin(gens)]
    if measure == "projects":
        return len(projs)
    rows = participations[["project", "country"]]
    rows = rows[rows["project"].isin(projs["project"])]
    if measure == "participants":
        return len(rows)
    return int(rows["country"].nunique())


def coverage(
    official_totals: pd.DataFrame, projects: pd.DataFrame, participations: pd.DataFrame, programmes=()
) -> pd.DataFrame:
    """Each published total next to what this dataset holds in the same scope (all programmes when empty)."""
    programmes = _as_list(programmes)
    totals = official_totals if not programmes else official_totals[official_totals["programme"].isin(programmes)]
    rows = []
    for t in totals.itertuples(index=False):
        in_data = _data_count(projects, participations, t.programme, t.generations, t.measure)
        rows.append(
            {
                "programme": t.programme,
                "scope": t.scope,
                "measure": t.measure,
                "label": t.label,
                "official": int(t.value),
                "in_data": in_data,
                "headline": bool(t.headline),
                "document": t.document,
                "section": t.section,
                "note": t.note,
                "text": f"{in_data} of {int(t.value)} {t.label}",
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "programme",
            "scope",
            "measure",
            "label",
            "official",
            "in_data",
            "headline",
            "document",
            "section",
            "note",
            "text",
        ],
    )


def coverage_texts(cov: pd.DataFrame, lang: str = "en") -> list[str]:
    """Each coverage row's '21 of 30 Euroclusters' in `lang`."""
    if lang == "en":
        return list(cov["text"])
    _ = translator(lang)
    return [
        _("{count} of {total} {what}").format(
            count=format_number(n, lang), total=format_number(t, lang), what=data_word(what, lang)
        )
        for n, t, what in zip(cov["in_data"], cov["official"], cov["label"])
    ]


def coverage_lines(cov: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per programme and scope from the headline rows: 'Euroclusters 2022 call: 21 of 30 Euroclusters,
    62 of 171 partners, 18 of 23 countries'."""
    head = cov[cov["headline"]]
    head = head.assign(text=coverage_texts(head, lang))
    if lang == "en":
        return [
            f"{prog} {scope}: " + ", ".join(g["text"])
            for (prog, scope), g in head.groupby(["programme", "scope"], sort=False)
        ]
    _ = translator(lang)
    return [
        _("{programme} {scope}: {counts}").format(
            programme=prog, scope=data_word(scope, lang), counts=", ".join(g["text"])
        )
        for (prog, scope), g in head.groupby(["programme", "scope"], sort=False)
    ]


def coverage_sentence(cov: pd.DataFrame) -> str:
    """'This dataset covers Euroclusters 2022 call: 21 of 30 Euroclusters, 62 of 171 partners ...'."""
    lines = coverage_lines(cov)
    if not lines:
        return "No official total is published for this selection: coverage unknown."
    return "This dataset covers " + "; ".join(lines) + "."


def uncovered_generations(projects: pd.DataFrame, official_totals: pd.DataFrame, programmes=()) -> list[str]:
    """Generations present in the data that no headline official total covers (coverage unknown there)."""
    programmes = _as_list(programmes)
    projs = projects if not programmes else projects[projects["programme"].isin(programmes)]
    covered, whole = set(), set()
    for t in official_totals[official_totals["headline"]].itertuples(index=False):
        if split_ids(t.generations):
            covered |= set(split_ids(t.generations))
        else:
            whole.add(t.programme)
    left = projs[~projs["generation"].isin(covered) & ~projs["programme"].isin(whole)]
    return sorted(left["generation"].unique())


# ---------------------------------------------------------------------------------------- seed figures
SEED_FIGURE_TEXT = {
    "participations_rank": N_("Partners from {country}: count of all partners, share, rank"),
    "projects_with_country": N_("Consortia with a (cluster) organisation from {country}"),
    "cluster_organisations": N_("Cluster organisations from {country} taking part"),
    "partner_countries": N_("Countries of their partners"),
    "eccp_registered": N_("Cluster organisations from {country} registered on the ECCP"),
}


def seed_comparison(
    seed: pd.DataFrame, projects: pd.DataFrame, participations: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """Each published figure for a country next to the same measure computed from this dataset.

    measures: participations_rank (count, share, rank of the country's participations), projects_with_country,
    cluster_organisations (distinct organisations of the country flagged as clusters), partner_countries (other
    countries in the projects where the country takes part), eccp_registered (not in this dataset). Texts in
    `lang`."""
    _ = translator(lang)

    def num(value) -> str:
        return format_number(value, lang)

    def pct(share) -> str:
        return f"{share:.0%}" if lang == "en" else format_percent(100 * share, lang, 0)

    rows = []
    for s in seed[seed["kind"] == "figure"].itertuples(index=False):
        progs = split_ids(s.programmes)
        projs = projects[projects["programme"].isin(progs)] if progs else projects.iloc[0:0]
        gens = split_ids(s.generations)
        if gens:
            projs = projs[projs["generation"].isin(gens)]
        rows_in = participations[participations["project"].isin(projs["project"])]
        mine = rows_in[(rows_in["country"] == s.country).fillna(False).astype(bool)]
        data_value, data_total, data_share, data_rank, text = pd.NA, pd.NA, float("nan"), pd.NA, ""
        if s.measure == "participations_rank":
            known = int(rows_in["country"].notna().sum())
            data_value, data_total = len(mine), known
            if len(mine):
                counts = rows_in["country"].value_counts()
                data_share = len(mine) / known
                data_rank = int((counts > len(mine)).sum() + 1)
                text = _(
                    "rank {rank} of {countries} countries: {count} of {known} participations with a country "
                    "({share}); {unknown} without a country"
                ).format(
                    rank=num(data_rank),
                    countries=num(counts.size),
                    count=num(len(mine)),
                    known=num(known),
                    share=pct(data_share),
                    unknown=num(len(rows_in) - known),
                )
            else:
                text = _("no participation from {country} among {count} in this dataset").format(
                    country=s.country, count=num(len(rows_in))
                )
        elif s.measure == "projects_with_country":
            data_value = int(mine["project"].nunique())
            flagged = int(mine.loc[(mine["is_cluster"] == "yes").fillna(False).astype(bool), "project"].nunique())
            text = _(
                "{count} of {total} projects in this dataset have a partner from {country} ({flagged} with one "
                "flagged as a cluster)"
            ).format(count=num(data_value), total=num(len(projs)), country=s.country, flagged=num(flagged))
        elif s.measure == "cluster_organisations":
            data_value = int(
                mine.loc[(mine["is_cluster"] == "yes").fillna(False).astype(bool), "organisation_id"].nunique()
            )
            text = _("{count} organisations flagged as clusters ({all} in all)").format(
                count=num(data_value), all=num(mine["organisation_id"].nunique())
            )
        elif s.measure == "partner_countries":
            theirs = rows_in[rows_in["project"].isin(mine["project"])]
            others = set(theirs["country"].dropna()) - {s.country}
            data_value = len(others)
            text = (
                _("{count} countries ({codes})").format(count=num(data_value), codes=", ".join(sorted(others)))
                if others
                else _("none in this dataset")
            )
        else:
            text = _("not in this dataset (ECCP registrations were not collected)")
        published = (
            num(int(s.value))
            + (" " + _("of {total}").format(total=num(int(s.total))) if s.total == s.total else "")
            + (f" ({pct(s.share)})" if s.share == s.share else "")
            + (
                ", " + _("rank {rank}").format(rank=num(int(s.rank)))
                if s.rank is not pd.NA and s.rank == s.rank
                else ""
            )
        )
        scope = ", ".join(split_ids(s.programmes)) or "ECCP"
        if gens:
            scope += " (" + ", ".join(data_word(g, lang).replace(f"{progs[0]} ", "") for g in gens) + ")"
        figure = _(SEED_FIGURE_TEXT.get(s.measure, s.measure)).format(country=s.country)
        rows.append(
            {
                "ref": s.ref,
                "programmes": scope,
                "figure": figure,
                "measure": s.measure,
                "published": published,
                "in_data": text,
                "data_value": data_value,
                "data_total": data_total,
                "data_share": data_share,
                "data_rank": data_rank,
                "quote": s.quote,
                "document": s.document,
                "section": s.section,
                "note": getattr(s, "note", None),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "ref",
            "programmes",
            "figure",
            "measure",
            "published",
            "in_data",
            "data_value",
            "data_total",
            "data_share",
            "data_rank",
            "quote",
            "document",
            "section",
            "note",
        ],
    )
    for col in ("data_value", "data_total", "data_rank"):
        out[col] = out[col].astype("Int64")
    return out


# ----------------------------------------------------------------------------------------- sources, tables
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text) -> str:
    """Text shown literally by a Markdown renderer (no links, emphasis or HTML from data)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def source_links(cell) -> list[tuple[str, str | None]]:
    """'https://a/x | budget: https://b/y | a note' -> [('a', 'https://a/x'), ('budget: b', ...), ('a note', None)]."""
    out = []
    for part in str(cell or "").split(" | "):
        part = part.strip()
        if not part:
            continue
        label, _, rest = part.partition(": ")
        url = rest.strip() if rest else label
        label = label if rest else ""
        if re.match(r"^https?://\S+$", url):
            host = urlsplit(url).netloc.removeprefix("www.")
            out.append((f"{label}: {host}" if label else host, url))
        else:
            out.append((part, None))
    return out


def source_markdown(cell) -> str:
    """The sources of a row as Markdown links (labels escaped, URLs percent-encoded), separated by ' · '."""
    parts = []
    for label, url in source_links(cell):
        if url:
            safe = quote(url, safe=":/?#@!$&'*+,;=%~-._")
            parts.append(f"[{md_escape(label)}]({safe})")
        else:
            parts.append(md_escape(label))
    return " · ".join(parts)


def participations_table(participations: pd.DataFrame, projects: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The rows of the partner grid and its CSV: one row per participation with its project and region name."""
    proj = projects.set_index("project")
    names = regions.set_index("code")["name"]
    df = participations
    out = pd.DataFrame(
        {
            "programme": df["programme"],
            "project": df["project"].map(proj["acronym"]),
            "generation": df["project"].map(proj["generation"]),
            "organisation": df["organisation"],
            "organisation_id": df["organisation_id"],
            "role": df["role"],
            "country": df["country"],
            "region": df["region"],
            "region_name": df["region"].map(names),
            "place": df["place"],
            "is_cluster": df["is_cluster"],
            "filled": df["filled"],
            "start_date": df["project"].map(proj["start_date"]),
            "end_date": df["project"].map(proj["end_date"]),
            "source_url": df["source_url"],
        }
    )
    return out.reset_index(drop=True)


def projects_table(projects: pd.DataFrame, participations: pd.DataFrame) -> pd.DataFrame:
    """One row per project with the partners these participations name ('; '-joined) and how many."""
    partners = participations.groupby("project")["organisation"].agg(lambda s: "; ".join(s))
    counts = participations.groupby("project").size()
    out = projects[
        [
            "project",
            "programme",
            "acronym",
            "title",
            "generation",
            "generation_inferred",
            "start_date",
            "end_date",
            "ecosystems",
            "n_participants",
            "source_url",
        ]
    ].copy()
    out["partners"] = out["project"].map(partners).astype("string")
    out["partners_shown"] = out["project"].map(counts).fillna(0).astype("int64")
    return out.reset_index(drop=True)
