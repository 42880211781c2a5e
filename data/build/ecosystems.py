"""Employment in the 14 industrial ecosystems, estimated from SBS persons employed with the ASMR 2021 weights.

Weights: `classifications/nace_to_ecosystem.csv` (ecosystem, nace_code, share, ecosystem_id IES01..IES14), the
value-added shares allocating NACE Rev.2 divisions (and the whole sections A, F, I, L, T) to the ecosystems used in
the Annual Single Market Report 2021. Ecosystems overlap: a NACE code's shares may add up to more than 1, so
ecosystem estimates must not be summed across ecosystems.

Estimate for region r and ecosystem k: `employment = sum_i w_ki * e_ri` over the weighted NACE rows i, with
`e_ri` the SBS 2015 persons employed (`sectors.build_sector_employment`). A section-level weight (F, I, L) uses the
section row. NACE codes outside the SBS business economy (A, K, O-Q, R, T, S94, S96, U...) contribute nothing:
they are listed per ecosystem in `ecosystems.not_covered`, so every estimate covers only the business-economy part of
its ecosystem. A weighted NACE cell that is missing (confidential) is not filled: the estimate is then a lower bound,
`missing_nace` counts the missing weighted rows and `complete` is False; when all weighted cells are missing the
estimate is NaN. `share` divides by the region's business-economy total (`region_total`, see `sectors`), and
`lq = (employment / region_total) / (E_EU,k / e_EU)` where `E_EU,k = sum_i w_ki * e_EU,i` uses the EU27 reference
of `sectors.eu_reference` (sum over the 27 countries), i.e. the EU estimate computed the same way.

Weight defect (see `WEIGHT_DEFECTS`): Construction (IES03) x M71 (architectural and engineering activities) reads
1.256805448 in the source, a value-added share above 1, which is impossible. The source's own note says the
spreadsheet stored 1256805448 and the GOPA/Eurostat report "corrected" it to 1.2568; the true value is unknown
(possibly 0.1257, in line with Construction's weights for M69, M70 and M72). We **exclude** the weight (use 0): the
Construction estimate leaves M71 out and is a lower bound in that respect, rather than inventing a value; capping
at 1.0 would allocate all architectural and engineering employment to Construction, an upper bound. The
`ecosystems.note` of IES03 states the decision and what counting M71 in full would add EU-wide.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data.build.common import RawInputError
from data.build.sectors import YEAR, eu_reference, is_covered

WEIGHTS_FILE = Path("classifications") / "nace_to_ecosystem.csv"

# (ecosystem_id, nace_code) -> weight used instead of the source's (None: excluded), with the reason.
WEIGHT_DEFECTS: dict[tuple[str, str], dict] = {
    ("IES03", "M71"): {
        "source_share": 1.256805448,
        "used": None,
        "reason": "the source weight 1.2568 is a share above 1 (a data-entry error; the true value may be 0.1257)",
    },
}

COLUMNS = ["region", "ecosystem_id", "year", "employment", "share", "lq", "missing_nace", "complete"]
ECOSYSTEM_COLUMNS = ["ecosystem_id", "name", "nace_codes", "not_covered", "note"]
_SECTION_NOTE = "Section-level weight"


def read_weights(raw: Path) -> pd.DataFrame:
    """The weights with the defects applied: ecosystem_id, name, nace, source_share, weight (NaN = excluded),
    covered (inside the SBS business economy), source_note."""
    path = Path(raw) / WEIGHTS_FILE
    if not path.exists():
        raise RawInputError(path, "-", "file not found")
    w = pd.read_csv(
        path, dtype={"ecosystem": "string", "nace_code": "string", "ecosystem_id": "string", "note": "string"}
    )
    for col in ("ecosystem", "nace_code", "share", "ecosystem_id"):
        if col not in w.columns:
            raise RawInputError(path, col, "column missing")
    if "note" not in w.columns:
        w["note"] = pd.array([pd.NA] * len(w), dtype="string")
    w["nace_code"] = w["nace_code"].str.strip()
    bad_code = ~w["nace_code"].str.fullmatch(r"[A-U](\d{2})?").fillna(False).astype(bool)
    if bad_code.any():
        raise RawInputError(path, "nace_code", "not a NACE section or division", w[bad_code])
    if w["share"].isna().any():
        raise RawInputError(path, "share", "missing weights", w[w["share"].isna()])
    dup = w.duplicated(["ecosystem_id", "nace_code"], keep=False)
    if dup.any():
        raise RawInputError(path, "nace_code", "duplicated (ecosystem_id, nace_code)", w[dup])
    # A section and one of its divisions in the same ecosystem would count the division twice.
    sections = w[w["nace_code"].str.len() == 1][["ecosystem_id", "nace_code"]]
    divisions = w[w["nace_code"].str.len() == 3].assign(section=lambda d: d["nace_code"].str[0])
    double = divisions.merge(
        sections, left_on=["ecosystem_id", "section"], right_on=["ecosystem_id", "nace_code"], suffixes=("", "_section")
    )
    if len(double):
        raise RawInputError(path, "nace_code", "an ecosystem weights both a section and one of its divisions", double)

    w["weight"] = w["share"].astype("float64")
    for (eco, code), fix in WEIGHT_DEFECTS.items():
        hit = (w["ecosystem_id"] == eco) & (w["nace_code"] == code)
        if hit.any() and not np.isclose(w.loc[hit, "share"], fix["source_share"]).all():
            raise RawInputError(
                path,
                "share",
                f"the known defect {eco} x {code} no longer reads {fix['source_share']}: review WEIGHT_DEFECTS",
                w[hit],
            )
        w.loc[hit, "weight"] = np.nan if fix["used"] is None else float(fix["used"])
    defect_keys = set(WEIGHT_DEFECTS)
    implausible = ~w["share"].between(0, 1, inclusive="right") & ~pd.Series(
        [(e, c) in defect_keys for e, c in zip(w["ecosystem_id"], w["nace_code"])], index=w.index
    )
    if implausible.any():
        raise RawInputError(path, "share", "weights outside (0, 1] not listed in WEIGHT_DEFECTS", w[implausible])
    names = w.groupby("ecosystem_id")["ecosystem"].nunique()
    if (names > 1).any():
        raise RawInputError(
            path, "ecosystem", "an ecosystem_id with several names", w[w["ecosystem_id"].isin(names[names > 1].index)]
        )
    return pd.DataFrame(
        {
            "ecosystem_id": w["ecosystem_id"],
            "name": w["ecosystem"],
            "nace": w["nace_code"],
            "source_share": w["share"].astype("float64"),
            "weight": w["weight"],
            "covered": w["nace_code"].map(is_covered).astype(bool),
            "source_note": w["note"],
        }
    )


def _join(codes) -> str:
    return ",".join(sorted(codes))


def build_ecosystem_employment(raw: Path, sector_employment: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ecosystem_employment, ecosystems), see the module docstring."""
    weights = read_weights(raw)
    ref = eu_reference(sector_employment)
    eu_total = float(ref["eu_total"].iloc[0]) if len(ref) else np.nan
    used = weights[weights["covered"] & weights["weight"].notna()]

    # The catalogue of ecosystems, with the coverage statement and the notes.
    rows = []
    for eco, group in weights.groupby("ecosystem_id", sort=True):
        notes = []
        for (d_eco, code), fix in WEIGHT_DEFECTS.items():
            if d_eco != eco or code not in set(group["nace"]):
                continue
            used_text = "excluded (weight 0)" if fix["used"] is None else f"set to {fix['used']}"
            note = f"{code}: {fix['reason']}; {used_text}, so the estimate leaves {code} out"
            if fix["used"] is None and code in ref.index and pd.notna(ref.loc[code, "eu_employment"]):
                eco_eu = (
                    used[used["ecosystem_id"] == eco]
                    .assign(eu=lambda d: d["nace"].map(ref["eu_employment"]))
                    .eval("weight * eu")
                    .sum()
                )
                extra = ref.loc[code, "eu_employment"]
                note += f"; counting {code} in full (cap at 1.0) would add {extra:,.0f} persons employed EU-wide" + (
                    f" (+{extra / eco_eu:.0%})" if eco_eu > 0 else ""
                )
            notes.append(note)
        for code, text in zip(group["nace"], group["source_note"]):
            if pd.notna(text) and not str(text).startswith(_SECTION_NOTE) and (eco, code) not in WEIGHT_DEFECTS:
                notes.append(f"source note on {code}: {text}")
        not_covered = group.loc[~group["covered"], "nace"]
        rows.append(
            {
                "ecosystem_id": eco,
                "name": group["name"].iloc[0],
                "nace_codes": _join(group["nace"]),
                "not_covered": _join(not_covered) if len(not_covered) else pd.NA,
                "note": ". ".join(n.rstrip(". ") for n in notes) + "." if notes else pd.NA,
            }
        )
    ecosystems = pd.DataFrame(rows, columns=ECOSYSTEM_COLUMNS).astype("string")

    # Every region x used weight; a row absent from the SBS table counts as missing like a confidential cell.
    regions = (
        sector_employment[["region", "region_total"]]
        .drop_duplicates("region")
        .sort_values("region")
        .reset_index(drop=True)
    )
    grid = regions.merge(used[["ecosystem_id", "nace", "weight"]], how="cross")
    grid = grid.merge(sector_employment[["region", "nace", "persons_employed"]], on=["region", "nace"], how="left")
    grid["weighted"] = grid["weight"] * grid["persons_employed"]
    grid["missing"] = grid["persons_employed"].isna()
    est = (
        grid.groupby(["region", "ecosystem_id"], sort=True)
        .agg(employment=("weighted", lambda s: s.sum(min_count=1)), missing_nace=("missing", "sum"))
        .reset_index()
    )
    est["region_total"] = est["region"].map(regions.set_index("region")["region_total"]).astype("float64")

    eu_eco = (
        used.assign(eu=used["nace"].map(ref["eu_employment"]).astype("float64"))
        .assign(weighted=lambda d: d["weight"] * d["eu"])
        .groupby("ecosystem_id")["weighted"]
        .sum(min_count=1)
    )
    eu_share = est["ecosystem_id"].map(eu_eco).astype("float64") / eu_total if eu_total > 0 else np.nan

    out = pd.DataFrame(
        {
            "region": est["region"].astype("string"),
            "ecosystem_id": est["ecosystem_id"].astype("string"),
            "year": np.int64(YEAR),
            "employment": est["employment"].astype("float64"),
        }
    )
    total = est["region_total"].where(est["region_total"] > 0)
    out["share"] = (out["employment"] / total).astype("float64")
    eu_share = pd.Series(eu_share, index=out.index, dtype="float64")
    out["lq"] = (out["share"] / eu_share.where(eu_share > 0)).astype("float64")
    out["missing_nace"] = est["missing_nace"].astype("int64")
    out["complete"] = (out["missing_nace"] == 0).astype(bool)
    out = out.sort_values(["region", "ecosystem_id"], kind="stable").reset_index(drop=True)
    return out[COLUMNS], ecosystems
