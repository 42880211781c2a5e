"""URL state of the Policy page: query string <-> validated state."""

from __future__ import annotations

from components.url_state import choose, to_search
from data.policy import ORDERS, plan_options, swot_regions

DEFAULTS = {"region": "", "order": "document", "swot": "FRE", "plan": "FRK"}


def parse_policy(tables, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    pilot = set(tables.policy_recommendations["region_code"])
    region = choose(query.get("region"), pilot, DEFAULTS["region"], "pilot region", notices)
    order = choose(query.get("order"), set(ORDERS), DEFAULTS["order"], "matrix order", notices)
    # The allowed codes first: written inside choose(...), "for c, _ in" hid the labels from pybabel's extraction.
    swot_codes = {code for code, _name in swot_regions(tables.policy_swot)}
    plan_codes = {code for code, _name in plan_options(tables.policy_actions)}
    swot = choose(query.get("swot"), swot_codes, DEFAULTS["swot"], "SWOT region", notices)
    plan = choose(query.get("plan"), plan_codes, DEFAULTS["plan"], "action plan", notices)
    return {"region": region, "order": order, "swot": swot, "plan": plan}, notices


def policy_search(region, order, swot, plan) -> str:
    return to_search({"region": region or "", "order": order, "swot": swot, "plan": plan}, DEFAULTS)
