"""cluster_stars: the built table against an independent recomputation with plain Python loops."""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import pytest

from data.build.common import DEFAULT_OUT_DIR
from data.build.stars import build_cluster_stars


@pytest.fixture(scope="module")
def built():
    read = lambda name: pd.read_parquet(DEFAULT_OUT_DIR / f"{name}.parquet")  # noqa: E731
    sectors, ecosystems, regions = read("sector_employment"), read("ecosystem_employment"), read("regions")
    return build_cluster_stars(sectors, ecosystems, regions), sectors, ecosystems, regions


def test_committed_table_is_the_build(built):
    stored = pd.read_parquet(DEFAULT_OUT_DIR / "cluster_stars.parquet")
    pd.testing.assert_frame_equal(stored, built[0], check_dtype=False)


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def recompute(sector_employment, ecosystem_employment, regions) -> dict:
    """{(region, kind, sector): (size, specialisation, focus, stars)} from the raw rows, loop by loop."""
    level = dict(zip(regions["code"], regions["level"]))
    eu = dict(zip(regions["code"], regions["is_eu"]))
    cells = []  # (region, kind, sector, employment, share, lq, lower_bound)
    for r in sector_employment.itertuples():
        if r.nace_level == "division":
            cells.append((r.region, "nace", r.nace, r.persons_employed, r.share, r.lq, False))
    for r in ecosystem_employment.itertuples():
        cells.append(
            (
                r.region,
                "ecosystem",
                r.ecosystem_id,
                r.employment,
                r.share,
                r.lq,
                (not r.complete) and not _missing(r.employment),
            )
        )
    cells = [c for c in cells if eu[c[0]] and 0 <= level[c[0]] <= 2]
    groups = defaultdict(list)
    for c in cells:
        groups[(level[c[0]], c[1], c[2])].append(c)

    def top_decile(value, others):
        known = [v for v in others if not _missing(v)]
        higher = sum(1 for v in known if v > value)
        return higher < 0.1 * len(known) and value > 0

    out = {}
    for _key, members in groups.items():
        employments = [m[3] for m in members]
        shares = [m[4] for m in members]
        for region, kind, sector, emp, share, lq, lower in members:
            judged = []
            for value, test in (
                (emp, lambda v, employments=employments: top_decile(v, employments)),
                (lq, lambda v: v >= 2),
                (share, lambda v, shares=shares: top_decile(v, shares)),
            ):
                if _missing(value):
                    judged.append(None)
                else:
                    met = bool(test(value))
                    judged.append(True if met else (None if lower else False))
            stars = None if all(j is None for j in judged) else sum(1 for j in judged if j)
            out[(region, kind, sector)] = (*judged, stars)
    return out


def test_table_equals_independent_recomputation(built):
    stars, sectors, ecosystems, regions = built
    expected = recompute(sectors, ecosystems, regions)
    assert len(stars) == len(expected)
    got = {}
    for r in stars.itertuples():
        crit = tuple(None if _missing(v) else bool(v) for v in (r.size, r.specialisation, r.focus))
        got[(r.region, r.kind, r.sector)] = (*crit, None if _missing(r.stars) else int(r.stars))
    assert got == expected
    # Totals by region too (the number the briefing and Figure 4 use).
    totals = defaultdict(int)
    for (region, kind, _), value in expected.items():
        if kind == "nace" and value[3] is not None:
            totals[region] += value[3]
    table_totals = stars[stars["kind"] == "nace"].groupby("region")["stars"].sum()
    assert {k: int(v) for k, v in table_totals.items() if int(v)} == {k: v for k, v in totals.items() if v}


def test_levels_compared_with_their_own_level(built):
    stars, *_ = built
    compared = stars.groupby(["level", "kind"])["compared"].max()
    assert compared[(0, "nace")] <= 27 and compared[(2, "nace")] > 200
    assert set(stars["level"]) == {0, 1, 2}


def _tiny(lq_region_c=3.0, complete_c=True, employment_c=5.0):
    regions = pd.DataFrame({"code": list("ABCDEFGHIJK"), "level": 2, "is_eu": True})
    n = len(regions)
    sectors = pd.DataFrame(
        {
            "region": regions["code"],
            "nace": "C10",
            "nace_level": "division",
            "year": 2015,
            "persons_employed": [100.0, float("nan")] + [10.0] * (n - 2),
            "derivation": pd.NA,
            "share": [0.5, float("nan")] + [0.01] * (n - 2),
            "lq": [2.5, float("nan")] + [0.5] * (n - 2),
        }
    )
    eco = pd.DataFrame(
        {
            "region": regions["code"],
            "ecosystem_id": "IES01",
            "year": 2015,
            "employment": [1.0, 1.0, employment_c] + [2.0] * (n - 3),
            "share": [0.01, 0.01, 0.001] + [0.01] * (n - 3),
            "lq": [1.0, 1.0, lq_region_c] + [1.0] * (n - 3),
            "complete": [True, True, complete_c] + [True] * (n - 3),
        }
    )
    return build_cluster_stars(sectors, eco, regions).set_index(["region", "kind"])


def test_confidential_cell_is_unknown_not_zero():
    t = _tiny()
    a, b = t.loc[("A", "nace")], t.loc[("B", "nace")]
    assert (a["size"], a["specialisation"], a["focus"], a["stars"]) == (True, True, True, 3)
    assert pd.isna(b["stars"]) and b["unknown"] == 3 and b["basis"] == "missing"
    assert t.loc[("C", "nace"), "stars"] == 0 and t.loc[("C", "nace"), "unknown"] == 0


def test_lower_bound_keeps_stars_met_and_leaves_the_rest_unknown():
    t = _tiny(lq_region_c=3.0, complete_c=False)
    c = t.loc[("C", "ecosystem")]
    assert c["specialisation"] == True and c["size"] == True  # noqa: E712  (lower bound already meets them)
    assert pd.isna(c["focus"]) and c["stars"] == 2 and c["unknown"] == 1
    t = _tiny(lq_region_c=1.0, complete_c=False, employment_c=0.5)
    c = t.loc[("C", "ecosystem")]
    assert pd.isna(c["stars"]) and c["unknown"] == 3
