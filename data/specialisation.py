"""Specialisation: location quotients and regionally relevant agglomerations (pure functions).

An agglomeration is "regionally relevant" when LQ > 1.5 and the activity has at least 1% of the region's
employment: the definition of the ECCP country factsheets.

Missing stays missing throughout: a suppressed (confidential) cell has no LQ, is never an agglomeration and is
counted as missing, and a region absent from the data has no count at all (not 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.build.nuts import EU27
from data.queries import combine_attributions
from data.store import memo_for

LQ_MIN = 1.5
SHARE_MIN = 0.01
TOP = 5
# Bases of the country-vs-EU27 employment shares.
BASIS_ECOSYSTEMS = "ecosystems"  # share of the employment summed over the 14 ecosystems (ECCP factsheet, Figure 1)
BASIS_BUSINESS = "business"  # share of business-economy employment (the ratio is then the country's LQ)
BASES = (BASIS_ECOSYSTEMS, BASIS_BUSINESS)


def location_quotient(employment: float, region_total: float, eu_employment: float, eu_total: float) -> float:
    """(e_ri / e_r) / (E_i / E); NaN when any part is missing or a total is zero."""
    try:
        return (employment / region_total) / (eu_employment / eu_total)
    except (TypeError, ZeroDivisionError):
        return float("nan")


def is_agglomeration(
    lq: pd.Series, share: pd.Series, lq_min: float = LQ_MIN, share_min: float = SHARE_MIN
) -> pd.Series:
    """True where LQ > lq_min and share >= share_min; missing values are never agglomerations."""
    return (lq > lq_min).fillna(False) & (share >= share_min).fillna(False)


def regions_specialised_in(
    ecosystem_employment: pd.DataFrame, ecosystem_id: str, lq_min: float = LQ_MIN, share_min: float = 0.0
) -> list[str]:
    """Codes of the regions whose LQ in `ecosystem_id` is above `lq_min` (and share at least `share_min`)."""
    grid = ecosystem_grid(ecosystem_employment)
    column = grid.columns([ecosystem_id])[0]
    with np.errstate(invalid="ignore"):  # missing values are never above a threshold
        keep = (grid.lq[:-1, column] > lq_min) & (grid.share[:-1, column] >= share_min)
    return grid.regions[keep].tolist()  # sorted, as the grid's rows


# --- Regions x activities as arrays (built once per data version) ------------------------------------------


@dataclass(frozen=True)
class ActivityGrid:
    """An employment table as regions (rows, sorted) x activities (columns, sorted) arrays of lq, share,
    employment and complete, with one more row and column all missing: where `rows`/`columns` send a region or
    an activity the table does not have. `present`: the table has a row (its lq may still be missing)."""

    regions: pd.Index
    keys: pd.Index
    lq: np.ndarray
    share: np.ndarray
    employment: np.ndarray
    complete: np.ndarray  # object: True, False, or NaN where the table has no row
    present: np.ndarray
    # {code: row} and {key: column}: pandas' get_indexer first infers a type for the labels (Arrow strings), which
    # costs more than a few hundred dict lookups
    region_at: dict
    key_at: dict

    def rows(self, codes) -> np.ndarray:
        return np.fromiter((self.region_at.get(c, -1) for c in codes), dtype=np.intp)  # -1: the missing row

    def columns(self, keys) -> np.ndarray:
        return np.fromiter((self.key_at.get(k, -1) for k in keys), dtype=np.intp)


def activity_grid(activity: pd.DataFrame, key: str) -> ActivityGrid:
    """`ActivityGrid` of `activity` (one row per region and `key`, like `pivot`, which raises on repeats)."""
    if activity.duplicated(["region", key]).any():
        raise ValueError(f"more than one row per region and {key}")
    regions = pd.Index(sorted(activity["region"].unique()), name="region", dtype=object)  # Python strings: fast
    keys = pd.Index(sorted(activity[key].unique()), name=key, dtype=object)
    at = (regions.get_indexer(activity["region"]), keys.get_indexer(activity[key]))
    shape = (len(regions) + 1, len(keys) + 1)

    def spread(column: str, empty, dtype) -> np.ndarray:
        out = np.full(shape, empty, dtype=dtype)
        if column in activity.columns:
            out[at] = activity[column].to_numpy(dtype=dtype, na_value=empty)
        return out

    present = np.zeros(shape, dtype=bool)
    present[at] = True
    floats = {c: spread(c, np.nan, "float64") for c in ("lq", "share", "employment")}
    return ActivityGrid(
        regions,
        keys,
        complete=spread("complete", np.nan, object),
        present=present,
        region_at={code: i for i, code in enumerate(regions)},
        key_at={k: i for i, k in enumerate(keys)},
        **floats,
    )


def ecosystem_grid(ecosystem_employment: pd.DataFrame) -> ActivityGrid:
    """The ecosystems' `ActivityGrid` (kept per data version: treat as read-only)."""
    return memo_for(
        ecosystem_employment,
        ("specialisation.ecosystem_grid",),
        lambda: activity_grid(ecosystem_employment, "ecosystem_id"),
    )


# --- Country against the EU27 ---------------------------------------------------------------------------------


def _region_totals(sector_employment: pd.DataFrame) -> pd.Series:
    """Business-economy employment of each region (region -> region_total; kept per data version)."""
    return memo_for(
        sector_employment,
        ("specialisation.region_totals",),
        lambda: sector_employment.drop_duplicates("region").set_index("region")["region_total"].astype("float64"),
    )


def _eu_reference(ecosystem_employment: pd.DataFrame) -> tuple[list[str], pd.Series, pd.Series]:
    """The ecosystem ids, the EU27's employment in each (the sum of its countries' rows) and how many of those
    rows are lower bounds: the same for every country's shares, so kept per data version."""

    def compute():
        eco = ecosystem_employment
        ids = sorted(eco["ecosystem_id"].unique())
        eu_rows = eco[eco["region"].isin(EU27)]
        eu_emp = eu_rows.groupby("ecosystem_id")["employment"].sum(min_count=1).reindex(ids).astype("float64")
        eu_incomplete = (~eu_rows["complete"]).groupby(eu_rows["ecosystem_id"]).sum().reindex(ids, fill_value=0)
        return ids, eu_emp, eu_incomplete

    return memo_for(ecosystem_employment, ("specialisation.eu_reference",), compute)


def country_vs_eu_shares(
    ecosystem_employment: pd.DataFrame, sector_employment: pd.DataFrame, country: str, basis: str = BASIS_ECOSYSTEMS
) -> pd.DataFrame:
    """Employment share of `country` and of the EU27 in each ecosystem, with the ratio of the two.

    One row per ecosystem, ordered by the country's employment (largest first, missing last): ecosystem_id,
    employment, eu_employment, share, eu_share, ratio (share / eu_share, > 1 = specialised), complete (False:
    the country's estimate is a lower bound), eu_incomplete (EU countries whose estimate is a lower bound).

    `basis`: 'ecosystems' divides by the employment summed over the 14 ecosystems, as the ECCP factsheets do (the
    ecosystems overlap, so this sum counts some jobs more than once); 'business' divides by business-economy
    employment, and the ratio is then the country's location quotient. The EU27 is the sum of the 27 countries'
    rows, the reference the LQs use.
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    ids, eu_emp, eu_incomplete = _eu_reference(ecosystem_employment)
    grid = ecosystem_grid(ecosystem_employment)
    own = (grid.rows([country])[0], grid.columns(ids))  # the country's cells (missing where it has no row)
    emp = pd.Series(grid.employment[own], index=ids)
    if basis == BASIS_ECOSYSTEMS:
        total = emp.sum(min_count=1)
        eu_total = eu_emp.sum(min_count=1)
    else:
        totals = _region_totals(sector_employment)
        total = totals.get(country, np.nan)
        eu_total = memo_for(
            sector_employment, ("specialisation.eu_total",), lambda: totals.reindex(EU27).sum(min_count=1)
        )
    share = emp / total if total and total > 0 else emp * np.nan
    eu_share = eu_emp / eu_total if eu_total and eu_total > 0 else eu_emp * np.nan
    out = pd.DataFrame(
        {
            "ecosystem_id": pd.array(ids, dtype="string"),
            "employment": emp.to_numpy(),
            "eu_employment": eu_emp.to_numpy(),
            "share": share.to_numpy(dtype="float64"),
            "eu_share": eu_share.to_numpy(dtype="float64"),
        }
    )
    out["ratio"] = out["share"] / out["eu_share"].where(out["eu_share"] > 0)
    out["complete"] = pd.Series(grid.complete[own]).fillna(False).astype(bool).to_numpy()
    out["eu_incomplete"] = eu_incomplete.astype("int64").to_numpy()
    return out.sort_values("employment", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


# --- Region sets and the LQ matrix ----------------------------------------------------------------------------


def region_set(regions: pd.DataFrame, country: str, level: int) -> list[str]:
    """The EU regions of `country` at NUTS `level` (level 0: the 27 EU countries), sorted by code.

    Regions absent from the employment tables are included, so callers can say they have no data."""
    sets = memo_for(regions, ("specialisation.region_sets", level), lambda: _region_sets(regions, level))
    return list(sets.get("" if level == 0 else country, ()))


def _region_sets(regions: pd.DataFrame, level: int) -> dict[str, list[str]]:
    """{country: its EU regions at NUTS `level`, sorted} ({"": the EU27 countries} at level 0)."""
    rows = regions[(regions["level"] == level) & regions["is_eu"]]
    out: dict[str, list[str]] = {}
    for code, country in sorted(zip(rows["code"].tolist(), rows["country"].tolist())):
        out.setdefault("" if level == 0 else country, []).append(code)
    return out


def lq_matrix(
    ecosystem_employment: pd.DataFrame,
    region_codes: list[str],
    value: str = "lq",
    ecosystem_ids: list[str] | None = None,
) -> pd.DataFrame:
    """Regions (rows, in the order given) x ecosystems (columns) of `value` ('lq', 'share', 'employment',
    'complete'); a region or cell without data is NaN, never 0."""
    grid = ecosystem_grid(ecosystem_employment)
    ids = list(ecosystem_ids or grid.keys)
    cells = getattr(grid, value)[np.ix_(grid.rows(region_codes), grid.columns(ids))]
    index = pd.Index(list(region_codes), name="region", dtype=object)
    return pd.DataFrame(cells, index=index, columns=pd.Index(ids, name="ecosystem_id", dtype=object))


# --- Agglomerations -------------------------------------------------------------------------------------------


def agglomerations(
    activity: pd.DataFrame, region_codes: list[str], key: str, lq_min: float = LQ_MIN, share_min: float = SHARE_MIN
) -> pd.DataFrame:
    """The regionally relevant agglomerations of the regions given, one row each: region, `key`, lq, share,
    rank (1 = highest LQ in its region; ties broken by the code)."""
    rows = activity[activity["region"].isin(region_codes)]
    rows = rows[is_agglomeration(rows["lq"], rows["share"], lq_min, share_min)]
    rows = rows[["region", key, "lq", "share"]].sort_values(
        ["region", "lq", key], ascending=[True, False, True], kind="stable"
    )
    rows = rows.assign(rank=rows.groupby("region").cumcount() + 1)
    return rows.reset_index(drop=True)


def agglomeration_table(
    activity: pd.DataFrame,
    region_codes: list[str],
    key: str,
    lq_min: float = LQ_MIN,
    share_min: float = SHARE_MIN,
    top: int = TOP,
) -> pd.DataFrame:
    """Per region (in the order given): count of regionally relevant agglomerations and the top `top` by LQ.

    Columns: region, count (NaN when the region has no LQ at all, absent or every cell suppressed: no data, not
    zero), missing (activities whose LQ is missing, mostly suppressed cells: the count is then a lower bound),
    incomplete (activities with an LQ whose estimate is a lower bound, from a `complete` column when there is
    one, else 0), top_1..top_n (codes, NA when fewer), lq_1..lq_n.
    """
    return grid_agglomeration_table(activity_grid(activity, key), region_codes, lq_min, share_min, top)


def grid_agglomeration_table(
    grid: ActivityGrid, region_codes: list[str], lq_min: float = LQ_MIN, share_min: float = SHARE_MIN, top: int = TOP
) -> pd.DataFrame:
    """`agglomeration_table` from an `ActivityGrid`: array operations on the regions' rows."""
    codes = list(region_codes)
    at = grid.rows(codes)
    lq, present = grid.lq[at], grid.present[at]
    known = ~np.isnan(lq)
    with np.errstate(invalid="ignore"):
        found = (lq > lq_min) & (grid.share[at] >= share_min)  # missing values are never agglomerations
    in_data = present.any(axis=1)
    lower = known & (grid.complete[at] == False)  # noqa: E712 (NaN: no row, or no `complete` column)
    out = {  # columns first, one frame at the end: a frame's column insert costs more than these array operations
        "region": pd.array(codes, dtype="string"),
        "count": np.where(known.any(axis=1), found.sum(axis=1), np.nan),
        "missing": np.where(in_data, (present & ~known).sum(axis=1), np.nan),
        "incomplete": np.where(in_data, lower.sum(axis=1), np.nan),
    }
    # Highest LQ first; a stable sort keeps ties in the columns' (codes') order.
    order = np.argsort(-np.where(found, lq, -np.inf), axis=1, kind="stable")
    keys = np.append(grid.keys.to_numpy(dtype=object), None)
    for n in range(1, top + 1):
        column = order[:, n - 1] if n <= order.shape[1] else np.full(len(codes), -1)
        hit = np.take_along_axis(found, column[:, None], axis=1)[:, 0] & (column >= 0)
        out[f"top_{n}"] = pd.array(np.where(hit, keys[column], None), dtype="string")
        out[f"lq_{n}"] = np.where(hit, np.take_along_axis(lq, column[:, None], axis=1)[:, 0], np.nan)
    return pd.DataFrame(out)


def nace_agglomeration_table(
    sector_employment: pd.DataFrame,
    region_codes: list[str],
    lq_min: float = LQ_MIN,
    share_min: float = SHARE_MIN,
    top: int = TOP,
) -> pd.DataFrame:
    """`agglomeration_table` over the NACE divisions (sections are left out), key `nace`."""
    return grid_agglomeration_table(nace_grid(sector_employment), region_codes, lq_min, share_min, top)


def nace_grid(sector_employment: pd.DataFrame) -> ActivityGrid:
    """The NACE divisions' `ActivityGrid` (sections left out; kept per data version: treat as read-only)."""
    return memo_for(
        sector_employment,
        ("specialisation.nace_grid",),
        lambda: activity_grid(sector_employment[sector_employment["nace_level"] == "division"], "nace"),
    )


def ecosystem_agglomeration_table(
    ecosystem_employment: pd.DataFrame,
    region_codes: list[str],
    lq_min: float = LQ_MIN,
    share_min: float = SHARE_MIN,
    top: int = TOP,
) -> pd.DataFrame:
    """`agglomeration_table` over the 14 industrial ecosystems, key `ecosystem_id`."""
    return grid_agglomeration_table(ecosystem_grid(ecosystem_employment), region_codes, lq_min, share_min, top)


# --- One ecosystem across regions -----------------------------------------------------------------------------


def eu_regions(regions: pd.DataFrame, level: int | None) -> dict[str, np.ndarray]:
    """The EU regions of NUTS `level` (None: levels 0 to 2) sorted by code: {code, name, country: arrays of Python
    strings} (kept per data version: treat as read-only)."""

    def compute() -> dict[str, np.ndarray]:
        base = regions[regions["is_eu"] & regions["level"].between(0, 2)]
        if level is not None:
            base = base[base["level"] == level]
        base = base.sort_values("code")
        return {c: base[c].to_numpy(dtype=object) for c in ("code", "name", "country")}

    return memo_for(regions, ("specialisation.eu_regions", level), compute)


def _ecosystem_columns(
    ecosystem_employment: pd.DataFrame,
    regions: pd.DataFrame,
    ecosystem_id: str,
    level: int | None,
    region_codes: list[str] | None,
) -> dict[str, np.ndarray]:
    """`ecosystem_values` as {column: array}."""
    base = eu_regions(regions, level)
    if region_codes is not None:
        wanted = set(region_codes)
        keep = np.fromiter((c in wanted for c in base["code"]), dtype=bool, count=len(base["code"]))
        base = {c: values[keep] for c, values in base.items()}
    grid = ecosystem_grid(ecosystem_employment)
    cells = (grid.rows(base["code"]), grid.columns([ecosystem_id])[0])
    return {
        **base,
        "value": grid.lq[cells],
        "share": grid.share[cells],
        "employment": grid.employment[cells],
        "complete": grid.complete[cells],
    }


def _frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The arrays as a frame, each of its own dtype: Python strings stay objects (pandas would make them Arrow
    strings, slow to read back one by one)."""
    return pd.DataFrame({c: pd.Series(values, dtype=values.dtype, copy=False) for c, values in columns.items()})


def ecosystem_values(
    ecosystem_employment: pd.DataFrame,
    regions: pd.DataFrame,
    ecosystem_id: str,
    level: int | None,
    region_codes: list[str] | None = None,
) -> pd.DataFrame:
    """Every EU region of NUTS `level` (None: any level) and, if given, in `region_codes`, with its LQ in
    `ecosystem_id`: code, name, country, value (the LQ), share, employment, complete. Regions without data are
    included with a missing value."""
    return _frame(_ecosystem_columns(ecosystem_employment, regions, ecosystem_id, level, region_codes))


def ecosystem_ranking(
    ecosystem_employment: pd.DataFrame,
    regions: pd.DataFrame,
    ecosystem_id: str,
    level: int | None,
    lq_min: float = LQ_MIN,
    share_min: float = SHARE_MIN,
    region_codes: list[str] | None = None,
) -> pd.DataFrame:
    """The regions of NUTS `level` (None: any level) specialised in `ecosystem_id` (`regions_specialised_in`),
    highest LQ first, optionally only those in `region_codes`: code, name, country, value (LQ), share, employment,
    complete, rank."""
    columns = _ecosystem_columns(ecosystem_employment, regions, ecosystem_id, level, region_codes)
    with np.errstate(invalid="ignore"):  # the test of `regions_specialised_in`, on the same cells
        keep = np.flatnonzero((columns["value"] > lq_min) & (columns["share"] >= share_min))
    # Highest LQ first; a stable sort keeps ties in the rows' (codes') order.
    order = keep[np.argsort(-columns["value"][keep], kind="stable")]
    out = _frame({c: values[order] for c, values in columns.items()})
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def sources_line(sources: pd.DataFrame, source_ids) -> str:
    """'Source: Eurostat (sbs_r_nuts06_r2); ...' for the catalogue ids given, in order, without repeats."""
    key = ("specialisation.sources_line", tuple(source_ids))
    return memo_for(sources, key, lambda: _sources_line(sources, source_ids))


def _sources_line(sources: pd.DataFrame, source_ids) -> str:
    attribution = sources.set_index("id")["attribution"]
    return combine_attributions(attribution[i] for i in source_ids if i in attribution.index)


# --- Programme projects and cluster organisations of one ecosystem --------------------------------------------


def cluster_organisations_by_ecosystem(projects: pd.DataFrame, participations: pd.DataFrame) -> dict:
    """{ecosystem id: the organisations marked as clusters (`is_cluster` == 'yes') in the projects tagged with it
    (`ecosystem_ids`, ';'-separated; a project without one is in none)}, in one group-by: organisation_id,
    organisation, country, region and the number of those projects, most projects first, then by name. An
    ecosystem without cluster organisations is left out."""
    ids = projects["ecosystem_ids"].fillna("").astype(str).str.split(";")
    pairs = pd.DataFrame({"project": projects["project"], "ecosystem_id": ids}).explode("ecosystem_id")
    pairs = pairs[pairs["ecosystem_id"] != ""]  # a project without an ecosystem is in none
    clusters = participations[participations["is_cluster"] == "yes"]
    rows = clusters.merge(pairs.drop_duplicates(), on="project")  # inner: in the participations' order
    groups = rows.groupby(["ecosystem_id", "organisation_id"], sort=True)
    found = groups[["organisation", "country", "region"]].first()  # not .agg(name=...): half the time
    found["projects"] = groups["project"].nunique()
    found = found.reset_index()
    order = {"by": ["projects", "organisation"], "ascending": [False, True], "kind": "stable"}
    return {
        str(ecosystem): group.drop(columns="ecosystem_id").sort_values(**order).reset_index(drop=True)
        for ecosystem, group in found.groupby("ecosystem_id", sort=False)
    }


def tagged_programme_tables(frames: dict) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(projects, participations) of `tables.frames` when both are loaded and the projects carry their ecosystems;
    None otherwise (the Ecosystems page then says the programme tables are not part of the data)."""
    projects, participations = frames.get("projects"), frames.get("participations")
    if projects is None or participations is None or "ecosystem_ids" not in projects.columns:
        return None
    return projects, participations


def ecosystem_programme_rows(projects: pd.DataFrame, participations: pd.DataFrame, regions: pd.DataFrame) -> dict:
    """{ecosystem id: (project rows, cluster rows)} for every ecosystem a project is tagged with, built together
    once per data version (`memo_for`): the start-up builds it (data.warm), so no request runs the group-by.

    Project rows are ({"programme", "acronym"}, ecosystem ids, participants, project id), in the projects' order;
    cluster rows are `cluster_organisations_by_ecosystem`'s as records, the region shown as 'Name (code)'.
    """
    return memo_for(
        projects,
        ("specialisation.ecosystem_programme_rows",),
        lambda: _ecosystem_programme_rows(projects, participations, regions),
    )


def _ecosystem_programme_rows(projects, participations, regions) -> dict:
    names = dict(zip(regions["code"].tolist(), regions["name"].tolist()))
    ids = [str(v).split(";") if isinstance(v, str) else [] for v in projects["ecosystem_ids"].tolist()]
    rows_by: dict = {}
    for programme, acronym, codes, participants, project in zip(
        projects["programme"].tolist(),
        projects["acronym"].tolist(),
        ids,
        projects["n_participants"].tolist(),
        projects["project"].tolist(),
    ):
        row = ({"programme": programme, "acronym": acronym}, codes, int(participants), project)
        for code in dict.fromkeys(c for c in codes if c):
            rows_by.setdefault(code, []).append(row)
    clusters = cluster_organisations_by_ecosystem(projects, participations)
    out = {}
    for ecosystem, rows in rows_by.items():
        found = clusters.get(ecosystem)
        cluster_rows = [] if found is None else _cluster_records(found, names)
        out[ecosystem] = (rows, cluster_rows)
    return out


def _cluster_records(clusters: pd.DataFrame, names: dict) -> list[dict]:
    return [
        {
            "organisation": organisation,
            "country": "" if pd.isna(country) else country,
            "region": "" if pd.isna(region) else f"{names.get(region, region)} ({region})",
            "projects": int(projects),
        }
        for organisation, country, region, projects in zip(
            clusters["organisation"].tolist(),
            clusters["country"].tolist(),
            clusters["region"].tolist(),
            clusters["projects"].tolist(),
        )
    ]


def project_participations_by_country(participations: pd.DataFrame) -> dict:
    """{country: {project: participations from the country}}, once per data version."""
    return memo_for(participations, ("specialisation.participations_by_country",), lambda: _by_country(participations))


def _by_country(participations: pd.DataFrame) -> dict:
    sizes = participations.groupby(["country", "project"]).size()
    out: dict = {}
    for (country, project), count in sizes.items():
        out.setdefault(country, {})[project] = int(count)
    return out
