"""Plausibility checks on the built tables, and the default year of each indicator (pure functions).

`data_quality(values, sectors, regions)` returns one row per suspect cell: table, region, indicator_or_nace, year,
check, detail, value. A flagged cell is kept as it is: the app marks it wherever it is shown and lists it on the
Data & methods page; nothing is dropped or changed. The checks only read the columns named here, so they work on
whatever rows the tables hold (NUTS 0-2, sums of parts, ...).

Checks (ids in `CHECKS`, thresholds below; the reasons are in the docstrings):

* `divisions_exceed_section`: the NACE divisions present of a section add up to more than the section itself.
* `national_concentration`: a region's share of its country's employment in one division, divided by its share of
  the country's business-economy employment (a within-country LQ), far above what that division shows in the other
  regions of the same NUTS level: more than `CONCENTRATION_Z` robust standard deviations (1.4826 x median absolute
  deviation of the log ratio) above the median, and at least `CONCENTRATION_MIN_RATIO` times. It catches
  employment counted where a company has its head office (e.g. retail in Nord-Pas-de-Calais, FRE1 G47).
* `series_outlier`: a value more than `SERIES_Z` standard deviations from the mean of the other values of its own
  series (region x indicator), with at least `SERIES_MIN_OTHERS` other values and at least `SERIES_MIN_CHANGE`
  relative difference. Values that Eurostat itself flags as a break in series ('b') are not flagged: the break is
  drawn on the charts instead.

`default_years(values, regions)`: the latest year in which at least `COVERAGE` of the EU NUTS 2 regions have a
value; when no year reaches it, the best-covered year (the latest of equals), with a note saying so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ["table", "region", "indicator_or_nace", "year", "check", "detail", "value"]
CHECKS = ("divisions_exceed_section", "national_concentration", "series_outlier", "part_flagged")

SECTION_TOLERANCE = 0.005  # divisions may exceed their section by rounding only
CONCENTRATION_Z = 5.0
CONCENTRATION_MIN_RATIO = 2.0
CONCENTRATION_MIN_REGIONS = 20  # regions with a ratio in the division, for a stable spread
WHOLE_COUNTRY = 0.999
ROBUST_SD = 1.4826  # median absolute deviation -> standard deviation of a normal distribution
SERIES_Z = 5.0
SERIES_MIN_OTHERS = 6
SERIES_MIN_CHANGE = 0.10
COVERAGE = 0.8
BREAK_FLAG = "b"


def _num(x: float) -> str:
    """A number for a sentence: thousands separated when large, three significant digits when small."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _rows(table: str, df: pd.DataFrame, key: str, check: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "table": pd.array([table] * len(df), dtype="string"),
            "region": df["region"].astype("string").to_numpy(),
            "indicator_or_nace": df[key].astype("string").to_numpy(),
            "year": df["year"].astype("int64").to_numpy(),
            "check": pd.array([check] * len(df), dtype="string"),
            "detail": pd.array(list(df["detail"]), dtype="string"),
            "value": df["value"].astype("float64").to_numpy(),
        },
        columns=COLUMNS,
    )


def empty() -> pd.DataFrame:
    return _rows("", pd.DataFrame({"region": [], "k": [], "year": [], "detail": [], "value": []}), "k", "")


# --- sector_employment -------------------------------------------------------------------------------------------


def divisions_exceed_section(sectors: pd.DataFrame) -> pd.DataFrame:
    """Sections whose divisions present add up to more than the section (beyond rounding)."""
    div = sectors[(sectors["nace_level"] == "division") & sectors["persons_employed"].notna()]
    sums = (
        div.assign(section=div["nace"].str[0])
        .groupby(["region", "year", "section"])["persons_employed"]
        .sum()
        .rename("divisions")
        .reset_index()
    )
    sec = sectors[(sectors["nace_level"] == "section") & sectors["persons_employed"].notna()]
    both = sec.merge(sums, left_on=["region", "year", "nace"], right_on=["region", "year", "section"])
    bad = both[both["divisions"] > both["persons_employed"] * (1 + SECTION_TOLERANCE)]
    bad = bad.assign(
        value=bad["persons_employed"],
        detail=[
            f"The divisions of section {n} add up to {_num(d)} persons employed, more than the section itself ({_num(s)})."
            for n, d, s in zip(bad["nace"], bad["divisions"], bad["persons_employed"])
        ],
    )
    return _rows("sector_employment", bad, "nace", "divisions_exceed_section")


def national_concentration(sectors: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Division cells whose within-country concentration is an outlier for that division (see the module doc)."""
    info = regions.set_index("code")[["level", "nuts0"]]
    div = sectors[sectors["nace_level"] == "division"][["region", "nace", "year", "persons_employed", "region_total"]]
    div = div.assign(level=div["region"].map(info["level"]), country=div["region"].map(info["nuts0"]))
    national = div[div["region"] == div["country"]][["country", "nace", "year", "persons_employed", "region_total"]]
    national = national.rename(columns={"persons_employed": "country_division", "region_total": "country_total"})
    cells = div[(div["level"] >= 1) & div["country"].notna()].merge(national, on=["country", "nace", "year"])
    cells = cells[
        (cells["persons_employed"] > 0)
        & (cells["country_division"] > 0)
        & (cells["region_total"] > 0)
        & (cells["country_total"] > 0)
    ].copy()
    cells["division_share"] = cells["persons_employed"] / cells["country_division"]
    cells["region_share"] = cells["region_total"] / cells["country_total"]
    # A region that is its whole country (LU00, DK0, ...) has a ratio of 1 by construction: it says nothing about
    # the spread and would narrow it.
    cells = cells[cells["region_share"] < WHOLE_COUNTRY]
    cells["ratio"] = cells["division_share"] / cells["region_share"]
    cells["log_ratio"] = np.log(cells["ratio"])
    groups = cells.groupby(["level", "nace", "year"])["log_ratio"]
    cells["n"] = groups.transform("size")
    cells["median"] = groups.transform("median")
    cells["spread"] = ROBUST_SD * (cells["log_ratio"] - cells["median"]).abs().groupby(
        [cells["level"], cells["nace"], cells["year"]]
    ).transform("median")
    cells = cells[(cells["n"] >= CONCENTRATION_MIN_REGIONS) & (cells["spread"] > 0)]
    cells["z"] = (cells["log_ratio"] - cells["median"]) / cells["spread"]
    bad = cells[(cells["z"] > CONCENTRATION_Z) & (cells["ratio"] >= CONCENTRATION_MIN_RATIO)]
    bad = bad.assign(
        value=bad["persons_employed"],
        detail=[
            f"{ds:.1%} of {c}'s {n} employment ({_num(v)} persons) in a region with {rs:.1%} of {c}'s business "
            f"employment ({r:.1f}x); {z:.1f} robust standard deviations above the median of {n} across {k} NUTS {lv} "
            f"regions ({np.exp(m):.2f}x). Check before reading it as a specialisation: such outliers often "
            "come from employment counted where a company has its head office."
            for ds, c, n, v, rs, r, z, k, lv, m in zip(
                bad["division_share"],
                bad["country"],
                bad["nace"],
                bad["persons_employed"],
                bad["region_share"],
                bad["ratio"],
                bad["z"],
                bad["n"],
                bad["level"],
                bad["median"],
            )
        ],
    )
    return _rows("sector_employment", bad, "nace", "national_concentration")


# --- indicator_values --------------------------------------------------------------------------------------------


def series_outliers(values: pd.DataFrame) -> pd.DataFrame:
    """Values far from the rest of their own series (leave-one-out mean and standard deviation)."""
    v = values[values["value"].notna()][["region", "indicator", "year", "value", "flag"]].copy()
    keys = [v["region"], v["indicator"]]
    # centred on the series median so the sums of squares stay exact for large values (GDP, population)
    v["x"] = v["value"] - v.groupby(keys)["value"].transform("median")
    n = v.groupby(keys)["x"].transform("size")
    total = v.groupby(keys)["x"].transform("sum")
    squares = (v["x"] ** 2).groupby(keys).transform("sum")
    others = n - 1
    mean = (total - v["x"]) / others
    var = ((squares - v["x"] ** 2) - others * mean**2) / (others - 1)
    sd = np.sqrt(var.where(others > 1).clip(lower=0))
    v["z"] = (v["x"] - mean) / sd.where(sd > 0)
    v["others"] = others
    v["mean"] = mean + (v["value"] - v["x"])
    v["sd"] = sd
    change = (v["value"] - v["mean"]).abs() / v["mean"].abs().where(v["mean"] != 0)
    is_break = v["flag"].fillna("").str.contains(BREAK_FLAG, regex=False)
    bad = v[(v["others"] >= SERIES_MIN_OTHERS) & (v["z"].abs() > SERIES_Z) & (change >= SERIES_MIN_CHANGE) & ~is_break]
    breaks = set(zip(v.loc[is_break, "region"], v.loc[is_break, "indicator"], v.loc[is_break, "year"]))

    def near_break(region, indicator, year):
        found = [y for y in (year, year + 1) if (region, indicator, y) in breaks]
        return f" Eurostat flags a break in series in {found[0]}." if found else ""

    bad = bad.assign(
        detail=[
            f"{_num(x)} in {y}: {abs(z):.1f} standard deviations {'above' if z > 0 else 'below'} the mean of the "
            f"region's {k} other values of this series ({_num(m)}, standard deviation {_num(s)})." + near_break(r, i, y)
            for r, i, x, y, z, k, m, s in zip(
                bad["region"],
                bad["indicator"],
                bad["value"],
                bad["year"],
                bad["z"],
                bad["others"],
                bad["mean"],
                bad["sd"],
            )
        ]
    )
    return _rows("indicator_values", bad, "indicator", "series_outlier")


def parts_flagged(flagged: pd.DataFrame, sectors: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """A sum of NUTS 2 parts (sector_employment rows with a `derivation`) inherits the flags of its parts: the
    NUTS 1 or country sum that holds a flagged NUTS 2 cell is flagged too, naming the part."""
    if "derivation" not in sectors.columns or flagged.empty:
        return empty()
    cells = flagged[flagged["table"] == "sector_employment"]
    summed = sectors[sectors["derivation"].notna()]
    nuts = regions.set_index("code")[["nuts1", "nuts0"]]
    rows = []
    for cell in cells.itertuples():
        if cell.region not in nuts.index:
            continue
        parents = {nuts.at[cell.region, "nuts1"], nuts.at[cell.region, "nuts0"]} - {cell.region}
        hit = summed[
            summed["region"].isin(parents) & (summed["nace"] == cell.indicator_or_nace) & (summed["year"] == cell.year)
        ]
        for parent in hit.itertuples():
            rows.append(
                {
                    "region": parent.region,
                    "k": parent.nace,
                    "year": parent.year,
                    "value": parent.persons_employed,
                    "detail": f"a sum of NUTS 2 parts that includes {cell.region} {cell.indicator_or_nace}, "
                    f"flagged ({cell.check}): {cell.detail}",
                }
            )
    if not rows:
        return empty()
    return _rows("sector_employment", pd.DataFrame(rows), "k", "part_flagged")


def data_quality(values: pd.DataFrame, sectors: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every suspect cell found by the checks, sorted (deterministic)."""
    parts = [divisions_exceed_section(sectors), national_concentration(sectors, regions), series_outliers(values)]
    found = pd.concat([empty()] + [p for p in parts if len(p)], ignore_index=True)
    parts.append(parts_flagged(found, sectors, regions))
    out = pd.concat([empty()] + [p for p in parts if len(p)], ignore_index=True)
    return out.sort_values(["check", "table", "indicator_or_nace", "region", "year"], kind="stable").reset_index(
        drop=True
    )[COLUMNS]


# --- default year ------------------------------------------------------------------------------------------------


def default_years(values: pd.DataFrame, regions: pd.DataFrame, indicator_ids) -> pd.DataFrame:
    """indicator, default_year (Int64), default_year_note (string, NA when the rule applies plainly)."""
    pool = set(regions.loc[(regions["level"] == 2) & regions["is_eu"].astype(bool), "code"])
    size = len(pool)
    rows = values[values["region"].isin(pool) & values["value"].notna()]
    counts = rows.groupby(["indicator", "year"])["region"].nunique()
    years, notes = [], []
    for indicator in indicator_ids:
        per_year = (
            counts.get(indicator, pd.Series(dtype="int64"))
            if indicator in counts.index.get_level_values(0)
            else pd.Series(dtype="int64")
        )
        if per_year.empty or size == 0:
            years.append(pd.NA)
            notes.append("No EU NUTS 2 region has a value: no default year.")
            continue
        per_year = per_year.sort_index()
        latest = int(per_year.index.max())
        covered = per_year[per_year >= COVERAGE * size]
        if len(covered):
            year = int(covered.index.max())
            note = (
                None
                if year == latest
                else (
                    f"Opens on {year}, the latest year with values for at least {COVERAGE:.0%} of the {size} EU NUTS 2 "
                    f"regions ({int(per_year[year])}); {latest} has {int(per_year[latest])}."
                )
            )
        else:
            best = per_year.max()
            year = int(per_year[per_year == best].index.max())
            note = (
                f"No year has values for {COVERAGE:.0%} of the {size} EU NUTS 2 regions: opens on {year}, the "
                f"best-covered year ({int(best)} regions, {best / size:.0%})."
            )
        years.append(year)
        notes.append(note)
    return pd.DataFrame(
        {
            "indicator": pd.array(list(indicator_ids), dtype="string"),
            "default_year": pd.array(years, dtype="Int64"),
            "default_year_note": pd.array(notes, dtype="string"),
        }
    )


def with_default_years(indicators: pd.DataFrame, values: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The indicators table with its default_year and default_year_note columns (replaced if present)."""
    found = default_years(values, regions, indicators["id"].tolist()).set_index("indicator")
    out = indicators.drop(columns=["default_year", "default_year_note"], errors="ignore").copy()
    out["default_year"] = out["id"].map(found["default_year"]).astype("Int64")
    out["default_year_note"] = out["id"].map(found["default_year_note"]).astype("string")
    return out
