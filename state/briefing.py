"""URL state of the policy briefing (/briefing/<code>?peers=..&kind=..&c1=..&c2=..&s1=..&s2=..&w=..).

peers: the regions of Figure 4 besides the region itself (default: its country's regions of its level plus its
similar regions; `pilots` = the ten pilot regions of the seed briefings); kind: star totals over NACE divisions or
ecosystems; c1/c2: the composite thresholds (default 0.5 / 0.6); s1/s2: the star thresholds (default: the
briefings' 35 / 45 rescaled, `data.typology.star_thresholds`); w: the composite weights as on Rankings
('id:w,...', default: the Rankings default composite of the region's level).
"""

from __future__ import annotations

from components.url_state import choose, choose_many, number_in_range, to_search
from data.profile import PILOT_CODES
from data.typology import KIND_WORDS, SEED_COMPOSITE
from state.rankings import format_weights, parse_weights

PILOTS = "pilots"
MAX_PEERS = 40
STAR_MAX = 300
DEFAULTS = {
    "peers": [],
    "kind": "nace",
    "c1": SEED_COMPOSITE[0],
    "c2": SEED_COMPOSITE[1],
    "s1": None,
    "s2": None,
    "w": "",
}


def parse_briefing(tables, code: str, query: dict) -> tuple[dict, list[str]]:
    notices: list[str] = []
    regions = tables.regions
    allowed = set(regions.loc[regions["level"].between(0, 2), "code"])
    raw = query.get("peers")
    if isinstance(raw, str) and raw.strip().lower() == PILOTS:
        peers = [c for c in PILOT_CODES if c != code]
    else:
        peers = [
            c
            for c in choose_many(
                raw.upper() if isinstance(raw, str) else raw, allowed, [], "regions", notices, limit=MAX_PEERS
            )
            if c != code
        ]
    kind = choose(query.get("kind"), set(KIND_WORDS), DEFAULTS["kind"], "star basis", notices)
    c1 = number_in_range(query.get("c1"), 0, 1, DEFAULTS["c1"], "composite threshold", notices)
    c2 = number_in_range(query.get("c2"), 0, 1, DEFAULTS["c2"], "composite threshold", notices)
    s1 = number_in_range(query.get("s1"), 0, STAR_MAX, None, "star threshold", notices)
    s2 = number_in_range(query.get("s2"), 0, STAR_MAX, None, "star threshold", notices)
    weights = parse_weights(query.get("w"), tables.indicators["id"].tolist(), notices)
    return {
        "code": code,
        "peers": peers,
        "pilots": isinstance(raw, str) and raw.strip().lower() == PILOTS,
        "kind": kind,
        "c1": min(c1, c2),
        "c2": max(c1, c2),
        "s1": s1,
        "s2": s2,
        "weights": weights,
    }, notices


def briefing_search(peers, kind, c1, c2, s1, s2, weights=None, pilots=False, default_stars=(None, None)) -> str:
    """The query string of a state; star thresholds equal to their (rescaled) defaults stay out of the link."""
    state = {
        "peers": PILOTS if pilots else list(peers or []),
        "kind": kind,
        "c1": c1,
        "c2": c2,
        "s1": None if s1 == default_stars[0] else s1,
        "s2": None if s2 == default_stars[1] else s2,
        "w": format_weights(weights or {}),
    }
    return to_search(state, DEFAULTS)
