"""URL state of the Programmes page: query string <-> validated filters.

?programme=INNOSUP-1,Euroclusters&generation=innosup-1-2015-call&ecosystem=IES05&country=FR&region=FRK2
&role=coordinator&cluster=1&network=region -- every filter is optional; unknown values are dropped with a visible
notice. `network` is the level of the collaboration network (country, the default; region; organisation).
"""

from __future__ import annotations

import re

from components.url_state import choose, choose_many, to_search
from data.programmes import NETWORK_LEVELS, SelectionIndex
from i18n import N_

FILTERS = ("programme", "generation", "ecosystem", "country", "region", "role")
DEFAULTS = {
    "programme": [],
    "generation": [],
    "ecosystem": [],
    "country": [],
    "region": [],
    "role": [],
    "cluster": False,
    "network": "country",
}
ROLE_IDS = {"coordinator": N_("coordinator"), "participant": N_("participant"), "associated": N_("associated partner")}
LABELS = {  # the filters' names in notices (i18n.Message terms: translated with the notice)
    "programme": N_("programme"),
    "generation": N_("call or generation"),
    "ecosystem": N_("industrial ecosystem"),
    "country": N_("country"),
    "region": N_("NUTS 2 region"),
    "role": N_("role"),
}


def generation_id(label: str) -> str:
    """A short, URL-friendly id of a generation label ('INNOSUP-1 2015 call' -> 'innosup-1-2015-call')."""
    return re.sub(r"[^a-z0-9]+", "-", str(label).lower()).strip("-")


def cached(tables, name, build):
    """One value per loaded data, built on first use and kept with the tables (`Tables.memo`)."""
    return tables.memo(("state.programmes", name), build)


def options(tables) -> dict[str, dict[str, str]]:
    """Allowed values per filter: id -> label, in display order (from the loaded tables, so DATA_DIR data works)."""
    return cached(tables, "options", lambda: _options(tables))


def selection_index(tables) -> SelectionIndex:
    return cached(tables, "index", lambda: SelectionIndex(tables.participations, tables.projects))


def _options(tables) -> dict[str, dict[str, str]]:
    programmes = tables.programmes.sort_values("order")
    projects = tables.projects
    parts = tables.participations
    regions = tables.regions.set_index("code")["name"]
    gens = (
        projects[["programme", "generation"]]
        .drop_duplicates()
        .assign(o=lambda d: d["programme"].map(dict(zip(programmes["programme"], programmes["order"]))))
        .sort_values(["o", "generation"])
    )
    used_eco = {e for cell in projects["ecosystem_ids"].dropna() for e in cell.split(";")}
    ecos = tables.ecosystems[tables.ecosystems["ecosystem_id"].isin(used_eco)].sort_values("name")
    countries = sorted(parts["country"].dropna().unique(), key=lambda c: str(regions.get(c, c)))
    nuts2 = sorted(parts["region"].dropna().unique())
    return {
        "programme": {p: p for p in programmes["programme"]},
        "generation": {generation_id(g): g for g in gens["generation"]},
        "ecosystem": dict(zip(ecos["ecosystem_id"], ecos["name"])),
        "country": {c: f"{regions.get(c, c)} ({c})" for c in countries},
        "region": {r: f"{regions.get(r, r)} ({r})" for r in nuts2},
        "role": {k: v for k, v in ROLE_IDS.items() if v in set(parts["role"].dropna())},
    }


def parse_programmes(tables, query: dict) -> tuple[dict, list[str]]:
    """Query parameters -> state (lists of ids, cluster bool) and notices for the values that were dropped."""
    notices: list[str] = []
    allowed = options(tables)
    state = {key: choose_many(query.get(key), allowed[key], [], LABELS[key], notices) for key in FILTERS}
    state["cluster"] = bool(
        choose(query.get("cluster"), {0, 1}, 0, N_("cluster filter (use 1 or leave out)"), notices, cast=int)
    )
    state["network"] = choose(query.get("network"), set(NETWORK_LEVELS), "country", "network level", notices)
    return state, notices


def programmes_search(state: dict) -> str:
    """State -> '?programme=...&cluster=1&network=region' (empty filters and the default level left out)."""
    ordered = {key: list(state.get(key) or []) for key in FILTERS}
    ordered["cluster"] = bool(state.get("cluster"))
    ordered["network"] = network_level(state.get("network"))
    return to_search(ordered, DEFAULTS)


def network_level(value) -> str:
    """The network level a control or a state holds; anything else is the default, country."""
    return value if isinstance(value, str) and value in NETWORK_LEVELS else "country"


def selection_args(tables, state: dict) -> dict:
    """State ids -> the arguments of data.programmes filters (generation ids to labels, role ids to roles)."""
    gens = options(tables)["generation"]
    return {
        "programmes": list(state.get("programme") or []),
        "generations": [gens[g] for g in state.get("generation") or [] if g in gens],
        "ecosystems": list(state.get("ecosystem") or []),
        "countries": list(state.get("country") or []),
        "regions": list(state.get("region") or []),
        "cluster_only": bool(state.get("cluster")),
        "roles": [ROLE_IDS[r] for r in state.get("role") or [] if r in ROLE_IDS],
    }


def clean_state(tables, values: dict) -> dict:
    """Control values from the browser -> state, keeping only known ids (the controls offer nothing else)."""
    allowed = options(tables)
    state = {}
    for key in FILTERS:
        raw = values.get(key) or []
        raw = [raw] if isinstance(raw, str) else raw if isinstance(raw, (list, tuple)) else []
        state[key] = [v for v in dict.fromkeys(v for v in raw if isinstance(v, str)) if v in allowed[key]]
    state["cluster"] = bool(values.get("cluster"))
    state["network"] = network_level(values.get("network"))
    return state


def selection(tables, state: dict) -> dict:
    """What the charts draw, as plain data for a dcc.Store: participation row positions with every filter
    (`rows`) and with every filter but the country (`rows_any_country`: the country is highlighted there), the
    projects to list, the focus countries and the programme / generation scope of the coverage."""
    index = selection_index(tables)
    args = selection_args(tables, state)
    rows = index.select(**args)
    rows_any = index.select(**args, ignore_country=True) if args["countries"] else rows
    by_participant = bool(args["countries"] or args["regions"] or args["cluster_only"] or args["roles"])
    projects = (
        index.projects_of(rows)
        if by_participant
        else index.select_projects(args["programmes"], args["generations"], args["ecosystems"])
    )
    return {
        "rows": rows,
        "rows_any_country": rows_any,
        "projects": projects,
        "focus": args["countries"],
        "programmes": args["programmes"],
        "generations": args["generations"],
        "organisations": len({index.rows[i][-1] for i in rows}),
    }


def checked_selection(tables, sel) -> dict:
    """The selection the browser sends back, checked: only known rows, projects, countries, programmes and
    generations are kept; anything that is not a selection falls back to the whole dataset."""
    if not isinstance(sel, dict):
        return selection(tables, clean_state(tables, {}))
    n = len(tables.participations)
    allowed = options(tables)

    def ints(value):
        if not isinstance(value, list):
            return []
        return list(dict.fromkeys(i for i in value if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n))

    def strs(value, known):
        return (
            [v for v in dict.fromkeys(v for v in value if isinstance(v, str)) if v in known]
            if isinstance(value, list)
            else []
        )

    projects = cached(tables, "project-keys", lambda: set(tables.projects["project"]))
    return {
        "rows": ints(sel.get("rows")),
        "rows_any_country": ints(sel.get("rows_any_country")),
        "projects": strs(sel.get("projects"), projects),
        "focus": strs(sel.get("focus"), allowed["country"]),
        "programmes": strs(sel.get("programmes"), allowed["programme"]),
        "generations": strs(sel.get("generations"), set(allowed["generation"].values())),
        "organisations": sel.get("organisations") if isinstance(sel.get("organisations"), int) else 0,
    }
