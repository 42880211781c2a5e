"""Policy and cluster tables from the project's transcription of the seed documents (`transcriptions/`).

The seed documents (`../shared/seeds/`) are prose and tables in text files; `transcriptions/*.csv` hold what they
say as small tables, one row per fact, each row citing its document (seed file and title) and section. This
module reads those CSVs, checks them (citations, completeness, the sums the documents state), optionally
checks every transcribed phrase against the seed text itself, and returns the tables the app loads.

The cluster directory also takes the French pôles de compétitivité and the French cluster participants from the
programme data (`programmes/poles.csv`, `programmes/participants.csv`), each row with its source URL.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from data.build.common import RawInputError

TRANSCRIPTIONS = Path(__file__).resolve().parent / "transcriptions"
POLES_FILE = "programmes/poles.csv"
PARTICIPANTS_FILE = "programmes/participants.csv"
POLES_SOURCE, PARTICIPANTS_SOURCE = "programmes_poles", "programmes_participants"
QUADRANTS = ["Strengths", "Weaknesses", "Opportunities", "Threats"]
STATE_BASIS = ["stated", "derived", "not readable"]
COST_KINDS = ["unit cost", "component", "total", "estimate"]
CITATION = ["seed_file", "document", "section"]

# French regions as the programme data writes them -> NUTS 2021 level-1 codes (the codes the ECCP factsheet uses).
FRENCH_REGIONS = {
    "Île-de-France": "FR1",
    "Centre-Val de Loire": "FRB",
    "Bourgogne-Franche-Comté": "FRC",
    "Normandie": "FRD",
    "Hauts-de-France": "FRE",
    "Grand Est": "FRF",
    "Pays de la Loire": "FRG",
    "Bretagne": "FRH",
    "Nouvelle-Aquitaine": "FRI",
    "Occitanie": "FRJ",
    "Auvergne-Rhône-Alpes": "FRK",
    "Provence-Alpes-Côte d'Azur": "FRL",
    "Corse": "FRM",
}
# The same organisation written differently, where the sources themselves say so.
ORGANISATION_ALIASES = {
    "polymeris": "plastipolis",  # programmes/participants.csv: "Plastipolis (now Polymeris)"
    "agrisoi": "agrisudouestinnovation",  # programmes/poles.csv: "Agri SOI (Agri Sud-Ouest Innovation)"
}


def seeds_dir(raw: Path | None = None) -> Path:
    """Where the seed documents are (SEEDS_DIR, default ../shared/seeds beside the raw data folder)."""
    if os.environ.get("SEEDS_DIR"):
        return Path(os.environ["SEEDS_DIR"])
    from data.build.common import raw_dir

    return Path(raw or raw_dir()).parent / "seeds"


def read_transcription(name: str, folder: Path = TRANSCRIPTIONS) -> pd.DataFrame:
    """One transcription CSV as strings ('' for an empty cell), in file order."""
    path = Path(folder) / f"{name}.csv"
    if not path.exists():
        raise RawInputError(path, "-", "transcription file missing")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _fail(name, problem, rows=None):
    raise RawInputError(TRANSCRIPTIONS / f"{name}.csv", problem.split(":")[0], problem, rows)


def _check_citations(name: str, df: pd.DataFrame, documents: pd.DataFrame) -> None:
    missing = [c for c in CITATION if c not in df.columns]
    if missing:
        _fail(name, f"citation columns missing: {missing}")
    titles = dict(zip(documents["seed_file"], documents["document"]))
    bad = df[~df["seed_file"].isin(titles) | (df["document"] != df["seed_file"].map(titles)) | (df["section"] == "")]
    if len(bad):
        _fail(name, "seed_file/document: rows that do not cite a known document and a section", bad[CITATION])


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", pd.NA), errors="raise").astype("float64")


def _int(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", pd.NA), errors="raise").astype("Int64")


def _text(series: pd.Series) -> pd.Series:
    return series.replace("", pd.NA).astype("string")


def organisation_key(name: str) -> str:
    """A matching key for organisation names: accents, case, punctuation, a regional suffix and a bracket dropped."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\(.*?\)", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    if text.endswith(" auvergne rhone alpes") and len(text.split()) > 3:
        text = text[: -len(" auvergne rhone alpes")]
    key = text.replace(" ", "")
    return ORGANISATION_ALIASES.get(key, key)


def french_region_codes(text: str) -> list[str]:
    """NUTS 1 codes of the French regions named in a free-text place ('Auvergne-Rhône-Alpes (Lyon); ...')."""
    if not text:
        return []
    plain = str(text).replace("’", "'")
    found = [(plain.find(name), code) for name, code in FRENCH_REGIONS.items() if name in plain]
    return [code for _, code in sorted(found)]


# --- the tables ------------------------------------------------------------------------------------------------


def _recommendations(t, source_ids) -> pd.DataFrame:
    matrix, regions, checks = t["recommendations_matrix"], t["recommendations_regions"], t["recommendations_checks"]
    if sorted(regions["column"].astype(int)) != list(range(1, 11)):
        _fail("recommendations_regions", "column: the ten columns 1-10 must each have one region", regions)
    if set(matrix["recommended"]) - {"yes", "no"}:
        _fail("recommendations_matrix", "recommended: only yes or no")
    cells = matrix.assign(column=matrix["column"].astype(int), support_order=matrix["support_order"].astype(int))
    if len(cells) != 70 or cells.duplicated(["support_type", "column"]).any():
        _fail("recommendations_matrix", "support_type/column: 7 types of support x 10 regions expected, once each")
    # The text under the matrix states counts and names: the transcribed matrix must agree with it.
    for check in checks.itertuples():
        ticked = cells[(cells["support_type"] == check.support_type) & (cells["recommended"] == "yes")]
        if len(ticked) != int(check.regions_count):
            _fail(
                "recommendations_checks",
                f"regions_count: {check.support_type!r} has {len(ticked)} regions in the "
                f"matrix, the text says {check.regions_count} ({check.statement!r})",
            )
        if check.region_columns and sorted(ticked["column"]) != sorted(int(c) for c in check.region_columns.split(";")):
            _fail(
                "recommendations_checks",
                f"region_columns: {check.support_type!r} is ticked in columns "
                f"{sorted(ticked['column'])}, the text names columns {check.region_columns}",
            )
    regions = regions.assign(column=regions["column"].astype(int))
    out = cells.merge(regions[["column", "region_as_listed", "region_code", "code_basis"]], on="column", how="left")
    return (
        pd.DataFrame(
            {
                "support_type": out["support_type"],
                "support_order": out["support_order"].astype("int64"),
                "column": out["column"].astype("int64"),
                "region": out["region_as_listed"].str.replace(r"\s*\(.*\)$", "", regex=True),
                "region_as_listed": out["region_as_listed"],
                "region_code": out["region_code"],
                "code_basis": out["code_basis"],
                "recommended": out["recommended"] == "yes",
                "source_id": out["seed_file"].map(source_ids),
                "section": out["section"],
                "region_source_id": source_ids[regions["seed_file"].iloc[0]],
            }
        )
        .sort_values(["support_order", "column"])
        .reset_index(drop=True)
    )


def _swot(t, source_ids) -> pd.DataFrame:
    df = t["swot"]
    if set(df["quadrant"]) - set(QUADRANTS):
        _fail("swot", "quadrant: must be one of " + ", ".join(QUADRANTS))
    if (df["text"] == "").any():
        _fail("swot", "text: empty item")
    out = df.assign(item_order=df["item_order"].astype("int64"), source_id=df["seed_file"].map(source_ids))
    out = out.assign(q=out["quadrant"].map({q: i for i, q in enumerate(QUADRANTS)}))
    out = out.sort_values(["region_code", "q", "item_order"])
    return out[["region_code", "region", "quadrant", "item_order", "text", "source_id", "section"]].reset_index(
        drop=True
    )


def _challenges(t, source_ids) -> pd.DataFrame:
    df = t["challenges"]
    out = pd.DataFrame(
        {
            "region_code": df["region_code"],
            "region": df["region"],
            "challenge_order": df["challenge_order"].astype("int64"),
            "title": _text(df["title"]),
            "text": df["text"],
            "source_id": df["seed_file"].map(source_ids),
            "section": df["section"],
        }
    )
    return out.sort_values(["region_code", "challenge_order"]).reset_index(drop=True)


def _actions(t, source_ids) -> pd.DataFrame:
    df = t["action_plans"]
    month = r"^\d{4}-(0[1-9]|1[0-2])$"
    for col in ("start", "end"):
        bad = df[(df[col] != "") & ~df[col].str.match(month)]
        if len(bad):
            _fail("action_plans", f"{col}: months are written YYYY-MM", bad)
    bad = df[(df["end"] != "") & (df["end"] < df["start"])]
    if len(bad):
        _fail("action_plans", "end: a step ends before it starts", bad)
    out = pd.DataFrame(
        {
            "region_code": df["region_code"],
            "plan": df["plan"],
            "group_order": df["group_order"].astype("int64"),
            "group": df["group"],
            "step_order": df["step_order"].astype("int64"),
            "step": df["step"],
            "timing": df["timing"],
            "start": _text(df["start"]),
            "end": _text(df["end"]),
            "start_offset_months": _num(df["start_offset_months"]),
            "end_offset_months": _num(df["end_offset_months"]),
            "owner": _text(df["owner"]),
            "owner_basis": df["owner_basis"],
            "timing_note": _text(df["timing_note"]),
            "source_id": df["seed_file"].map(source_ids),
            "section": df["section"],
        }
    )
    if out.duplicated(["region_code", "group_order", "step_order"]).any():
        _fail("action_plans", "step_order: repeated step in a group")
    return out.sort_values(["region_code", "group_order", "step_order"]).reset_index(drop=True)


def _costs(t, source_ids) -> pd.DataFrame:
    df = t["action_costs"]
    if set(df["kind"]) - set(COST_KINDS):
        _fail("action_costs", "kind: must be one of " + ", ".join(COST_KINDS))
    out = pd.DataFrame(
        {
            "region_code": df["region_code"],
            "group": df["group"],
            "item_order": df["item_order"].astype("int64"),
            "cost_item": df["cost_item"],
            "payer": _text(df["payer"]),
            "kind": df["kind"],
            "staff_days": _num(df["staff_days"]),
            "eur": _num(df["eur"]),
            "eur_high": _num(df["eur_high"]),
            "period": df["period"],
            "note": _text(df["note"]),
            "source_id": df["seed_file"].map(source_ids),
            "section": df["section"],
        }
    )
    groups = set(t["action_plans"]["group"])
    if set(out["group"]) - groups:
        _fail("action_costs", f"group: not an action-plan group: {sorted(set(out['group']) - groups)}")
    # The documents' own arithmetic: components add up to the stated total; staff costs are days x the day rate.
    for (_region, group), rows in out.groupby(["region_code", "group"], sort=True):
        total = rows.loc[rows["kind"] == "total", "eur"]
        parts = rows.loc[rows["kind"].isin(["component", "estimate"]) & rows["eur_high"].isna(), "eur"]
        if len(total) == 1 and len(parts) and abs(parts.sum() - total.iloc[0]) > 0.5:
            _fail(
                "action_costs",
                f"eur: {group!r} components add up to {parts.sum():,.0f}, the stated total is {total.iloc[0]:,.0f}",
            )
    day = out.loc[out["kind"] == "unit cost"]
    for region, rate in zip(day["region_code"], day["eur"]):
        comp = out[(out["region_code"] == region) & (out["kind"] == "component")]
        off = comp[(comp["staff_days"] * rate - comp["eur"]).abs() > 0.5]
        if len(off):
            _fail("action_costs", f"eur: staff days x {rate:.0f} EUR differ from the stated euros", off)
    return out.sort_values(["region_code", "group", "item_order"]).reset_index(drop=True)


def _state(t, source_ids) -> tuple[pd.DataFrame, pd.DataFrame]:
    state, frame = t["policy_state"], t["policy_framework"]
    if set(state["basis"]) - set(STATE_BASIS):
        _fail("policy_state", "basis: must be one of " + ", ".join(STATE_BASIS))
    if ((state["basis"] == "not readable") != (state["level"] == "")).any():
        _fail("policy_state", "level: blank exactly when the basis is 'not readable'")
    counts = frame.groupby("criterion")["level"].apply(lambda s: sorted(s.astype(int)))
    if any(levels != [1, 2, 3, 4] for levels in counts) or set(state["criterion"]) - set(counts.index):
        _fail(
            "policy_framework", "level: every criterion needs the four levels 1-4, and the state criteria must be in it"
        )
    state_out = (
        pd.DataFrame(
            {
                "country_code": state["country_code"],
                "year": state["year"].astype("int64"),
                "criterion_order": state["criterion_order"].astype("int64"),
                "criterion": state["criterion"],
                "level": _int(state["level"]),
                "basis": state["basis"],
                "evidence": state["evidence"],
                "source_id": state["seed_file"].map(source_ids),
                "section": state["section"],
            }
        )
        .sort_values(["country_code", "criterion_order"])
        .reset_index(drop=True)
    )
    frame_out = (
        pd.DataFrame(
            {
                "criterion_order": frame["criterion_order"].astype("int64"),
                "criterion": frame["criterion"],
                "criterion_annex": frame["criterion_annex"],
                "description": frame["description"],
                "level": frame["level"].astype("int64"),
                "label_table4": frame["label_table4"],
                "label_annex": frame["label_annex"],
                "source_id": frame["seed_file"].map(source_ids),
                "section": frame["section"],
            }
        )
        .sort_values(["criterion_order", "level"])
        .reset_index(drop=True)
    )
    return state_out, frame_out


def _counts(t, source_ids) -> pd.DataFrame:
    df = t["cluster_counts"]
    out = pd.DataFrame(
        {
            "measure": df["measure"],
            "category": df["category"],
            "region_code": _text(df["region_code"]),
            "year": _int(df["year"]),
            "value": _num(df["value"]),
            "eu_value": _num(df["eu_value"]),
            "unit": df["unit"],
            "quote": df["quote"],
            "note": _text(df["note"]),
            "source_id": df["seed_file"].map(source_ids),
            "section": df["section"],
        }
    )
    if out["value"].isna().any() or (out["value"] < 0).any():
        _fail("cluster_counts", "value: every count needs a value of at least 0")
    return out.sort_values(["source_id", "measure", "category", "year"], na_position="first").reset_index(drop=True)


def _programme_organisations(raw: Path) -> pd.DataFrame:
    """French pôles (region from poles.csv) and French cluster participants (programme and project)."""
    rows = []
    poles_path, part_path = raw / POLES_FILE, raw / PARTICIPANTS_FILE
    if poles_path.exists():
        poles = pd.read_csv(poles_path, dtype=str, keep_default_na=False, encoding="utf-8")
        for pole in poles.itertuples():
            codes = french_region_codes(pole.region) or [None]
            for code in codes:
                rows.append(
                    {
                        "organisation": pole.name,
                        "region_code": code,
                        "region_basis": f"programme data: {pole.region}" if pole.region else None,
                        "described_as": "pôle de compétitivité (phase V)",
                        "programme": None,
                        "project": None,
                        "status": None,
                        "is_cluster": "yes",
                        "source_id": POLES_SOURCE,
                        "section": "French pôles de compétitivité, phase V",
                        "source_url": pole.source_url or None,
                    }
                )
    if part_path.exists():
        parts = pd.read_csv(part_path, dtype=str, keep_default_na=False, encoding="utf-8")
        parts = parts[(parts["country_code"] == "FR") & (parts["is_cluster_organisation"] == "yes")]
        for p in parts.itertuples():
            codes = french_region_codes(p.city) if p.city.endswith("(region)") else []
            rows.append(
                {
                    "organisation": p.organisation,
                    "region_code": codes[0] if codes else None,
                    "region_basis": f"programme data: {p.city}" if codes else None,
                    "described_as": "cluster organisation",
                    "programme": p.programme,
                    "project": p.project_acronym,
                    "status": None,
                    "is_cluster": "yes",
                    "source_id": PARTICIPANTS_SOURCE,
                    "section": f"{p.programme} participants, {p.project_acronym}",
                    "source_url": p.source_url or None,
                }
            )
    return pd.DataFrame(rows)


def _organisations(t, source_ids, raw: Path) -> pd.DataFrame:
    df = t["cluster_organisations"]
    seed = pd.DataFrame(
        {
            "organisation": df["organisation"],
            "region_code": df["region_code"].replace("", None),
            "region_basis": df["region_basis"].replace("", None),
            "described_as": df["described_as"].replace("", None),
            "programme": df["programme"].replace("", None),
            "project": df["project"].replace("", None),
            "status": df["status"].replace("", None),
            "is_cluster": df["is_cluster"].replace("", None),
            "source_id": df["seed_file"].map(source_ids),
            "section": df["section"],
            "source_url": None,
        }
    )
    out = pd.concat([seed, _programme_organisations(raw)], ignore_index=True)
    out.insert(0, "org_key", out["organisation"].map(organisation_key))
    for col in out.columns:
        out[col] = out[col].astype("string")
    return out.sort_values(["org_key", "source_id", "section", "region_code"], na_position="first").reset_index(
        drop=True
    )


TRANSCRIPTION_NAMES = [
    "documents",
    "recommendations_regions",
    "recommendations_matrix",
    "recommendations_checks",
    "swot",
    "challenges",
    "action_plans",
    "action_costs",
    "policy_state",
    "policy_framework",
    "cluster_counts",
    "cluster_organisations",
]


def read_transcriptions(folder: Path = TRANSCRIPTIONS) -> dict[str, pd.DataFrame]:
    t = {name: read_transcription(name, folder) for name in TRANSCRIPTION_NAMES}
    for name, df in t.items():
        if name != "documents":
            _check_citations(name, df, t["documents"])
    return t


def build_policy(
    raw: Path, known_source_ids=None, folder: Path = TRANSCRIPTIONS, seeds: Path | None = None, verify: bool = True
) -> dict[str, pd.DataFrame]:
    """The policy and cluster tables. Checks every phrase against the seeds when the seed folder is there."""
    t = read_transcriptions(folder)
    source_ids = dict(zip(t["documents"]["seed_file"], t["documents"]["source_id"]))
    if known_source_ids is not None:
        unknown = set(source_ids.values()) - set(known_source_ids)
        if unknown:
            _fail("documents", f"source_id: not in data/build/sources.py: {sorted(unknown)}")
    seeds = seeds or seeds_dir(raw)
    if verify and seeds.is_dir():
        problems = verify_against_seeds(t, seeds)
        if problems:
            raise ValueError("transcriptions differ from the seed documents:\n  " + "\n  ".join(problems[:20]))
    state, framework = _state(t, source_ids)
    return {
        "policy_recommendations": _recommendations(t, source_ids),
        "policy_swot": _swot(t, source_ids),
        "policy_challenges": _challenges(t, source_ids),
        "policy_actions": _actions(t, source_ids),
        "policy_action_costs": _costs(t, source_ids),
        "policy_state": state,
        "policy_state_framework": framework,
        "cluster_counts": _counts(t, source_ids),
        "cluster_organisations": _organisations(t, source_ids, raw),
    }


# --- checking the transcription against the seed text ---------------------------------------------------------


def normalise_text(text: str) -> str:
    """Seed text and transcription in one comparable form: markup, emphasis, quotes and spacing removed."""
    text = re.sub(r"<sup>\s*\d+\s*</sup>", "", str(text))
    text = re.sub(r"\s*<sub>(.*?)</sub>", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # markdown links
    for a, b in (
        ("’", "'"),
        ("‘", "'"),
        ("“", '"'),
        ("”", '"'),
        ("\\", ""),
        ("**", ""),
        ("*", ""),
        ("•", " "),
        ("\u00a0", " "),
    ):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().casefold()


VERBATIM_FIELDS = {  # transcription -> the columns that must appear word for word in the cited seed file
    "documents": ["identifier"],
    "recommendations_regions": ["region_as_listed"],
    "recommendations_matrix": ["support_type"],
    "recommendations_checks": ["statement"],
    "swot": ["text"],
    "challenges": ["title", "text"],
    "action_plans": ["step", "timing", "owner"],
    "action_costs": ["cost_item"],
    "policy_state": ["evidence"],
    "policy_framework": ["description", "label_table4", "label_annex"],
    "cluster_counts": ["quote"],
    "cluster_organisations": ["organisation"],
}


def verify_against_seeds(t: dict[str, pd.DataFrame], seeds: Path) -> list[str]:
    """Every phrase the transcription claims a document says, looked up in that document; problems listed."""
    texts = {}
    problems = []
    for name, fields in VERBATIM_FIELDS.items():
        df = t[name]
        for i, row in enumerate(df.to_dict("records"), start=2):
            path = Path(seeds) / row["seed_file"]
            if row["seed_file"] not in texts:
                if not path.exists():
                    problems.append(f"{name}.csv line {i}: seed file {row['seed_file']} not found in {seeds}")
                    texts[row["seed_file"]] = None
                    continue
                texts[row["seed_file"]] = normalise_text(path.read_text(encoding="utf-8"))
            seed_text = texts[row["seed_file"]]
            if seed_text is None:
                continue
            for field in fields:
                value = row.get(field, "")
                if value and normalise_text(value) not in seed_text:
                    problems.append(f"{name}.csv line {i}: {field} {value[:70]!r} is not in {row['seed_file']}")
    return problems


def parse_seed_matrix(seed_text: str) -> dict[str, list[int]]:
    """The recommendations matrix as the DG GROW text file has it: support type -> ticked columns (1-10)."""
    lines = seed_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Overview of Recommendations for the 10"))
    out = {}
    for line in lines[start + 1 : start + 12]:
        cells = line.split("\t")
        if len(cells) == 11 and cells[0].strip():
            out[cells[0].strip()] = [c for c in range(1, 11) if cells[c].strip() == "✓"]
    return out
