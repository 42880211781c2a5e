"""Participation in EU cluster programmes: programmes, projects, participations, organisations, official totals
and the published reference figures for France.

Inputs (read-only, `../shared/data/programmes/`): `projects.csv` (one row per project) and `participants.csv`
(one row per organisation per project), compiled from public CORDIS, ECCP, project and cluster pages, each row
with its `source_url`; conventions in `NOTES.md` there. The compiled lists are far from complete: the official
totals (`official_totals`) say how far, and the app shows that coverage next to every participation chart.

Normalisation (tested in tests/unit/test_build_programmes.py):

* **Countries**: upper-cased ISO 3166 alpha-2 with the EU exceptions `EL` (Greece, never `GR`) and `UK` (never
  `GB`). Blank stays unknown. A row without a country takes the country its organisation has in another row
  (the column `filled` says so).
* **Roles**: `coordinator` (also "lead partner", "project leader", "capofila", ...), `participant` (also
  "partner", "beneficiary"), `associated partner` (also "associated", "third party"). Blank stays unknown; any
  other wording stops the build with the rows named.
* **Cluster organisation** (`is_cluster`): `yes` / `no` as the source states it, blank = unknown (never "no").
  A row without it takes its organisation's flag from another row; when the rows of one organisation disagree the
  organisation's flag stays unknown.
* **Organisations** (`ORGANISATION_RULE`): rows name the same organisation when they share a name key, read
  from each name as follows. A key is the text folded to ASCII lower case with "&" read as "and" and punctuation
  as spaces ("AEI TÈXTILS" = "AEI Tèxtils", "Lifestyle & Design Cluster" = "Lifestyle and Design Cluster"). Keys
  of one name: the whole name; the name without trailing brackets and without "represented by ..."
  ("BalticNet-PlasmaTec (BNPT; page host)" -> "BalticNet-PlasmaTec"); both sides of "A - B"
  ("CLUTEX - Klastr Technicke Textilie" -> "CLUTEX"); acronyms in brackets ("(LITMEA/SFC)"); and, when the name
  is an acronym followed by brackets, the bracketed full name ("CTA (Corporación Tecnológica de Andalucía)").
  Acronym keys (one word with two or more capitals) join rows only when both rows state the same country; name
  keys join rows whose countries do not differ (one may be unknown). Two groups with different known countries
  are never joined. Different names not linked by a key stay different organisations (e.g. "MCICT" and
  "Mazovia Cluster ICT", "INNOSKART" and "Innoskart Digital Cluster"): a false merge would be worse than a missed
  one. The organisation's name is its most frequent spelling (then the longest); the others are its `aliases`.
* **NUTS 2 region**: the row's `city` (a city, or a region written "X (region)") looked up in
  `data/build/places.csv` (place, country, nuts2, source: how each place was placed, against the NUTS 2021
  names). Places larger than one NUTS 2 region (e.g. "Auvergne-Rhône-Alpes (region)", NUTS 1) stay unknown
  at NUTS 2. A row without a place takes its organisation's region from another row when that is unique.
* **Call / generation**: `generation` groups `call_or_generation` (free text) per programme as the coverage
  table of NOTES.md does (e.g. INNOSUP-1 2015 call, ESCP-4x 2020 wave); `generation_inferred` is true when the
  source text says the call was inferred or not stated.
* **Ecosystem**: `ecosystem_ids` assigns the 14 industrial ecosystems (IES01-IES14) to a project by keyword
  from its stated sectors (`ECOSYSTEM_TERMS`); a project without stated sectors, or none that match, has none.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from data.build.common import RawInputError

PROGRAMME_DIR = "programmes"
PROJECTS_FILE = "projects.csv"
PARTICIPANTS_FILE = "participants.csv"
PLACES_FILE = Path(__file__).resolve().parent / "places.csv"

PROJECT_COLUMNS = [
    "programme",
    "project_acronym",
    "project_title",
    "project_id",
    "call_or_generation",
    "start_date",
    "end_date",
    "ecosystems",
    "total_cost_eur",
    "eu_contribution_eur",
    "source_url",
]
PARTICIPANT_COLUMNS = [
    "programme",
    "project_acronym",
    "organisation",
    "country_code",
    "city",
    "role",
    "is_cluster_organisation",
    "eu_contribution_eur",
    "source_url",
]

NOTES_DOC = "Programme participation dataset, NOTES.md (../shared/data/programmes/NOTES.md)"
GROW_DOC = (
    "DG GROW presentation 'European Cluster Policy: Role of clusters in the future of industrial policy' "
    "(U. Engelmann, Head of Unit GROW.F2, 2019)"
)
ECCP_FR_DOC = "ECCP Country factsheet France (European Cluster Collaboration Platform, EISMEA, 2023-2024)"
# document -> id in data/build/sources.py (the seed documents' ids are shared with the policy tables)
DOCUMENT_SOURCE = {
    NOTES_DOC: "programmes_notes",
    GROW_DOC: "seed_dggrow_cluster_policy",
    ECCP_FR_DOC: "seed_eccp_factsheet_fr",
}

PROGRAMMES = [
    {
        "programme": "ESCP-4i",
        "order": 1,
        "framework": "COSME (2014-2020)",
        "period": "2016-2022",
        "name": "European Strategic Cluster Partnerships - Going International",
        "description": "Partnerships of cluster organisations with a joint strategy to help their SMEs into markets "
        "outside Europe; three generations (2016-2017, 2018-2019, 2020-2022).",
    },
    {
        "programme": "ESCP-S3",
        "order": 2,
        "framework": "COSME (2014-2020)",
        "period": "2018-2020",
        "name": "European Strategic Cluster Partnerships for smart specialisation investments",
        "description": "Cross-regional cluster partnerships linked to smart specialisation and industrial "
        "modernisation.",
    },
    {
        "programme": "ESCP-4x",
        "order": 3,
        "framework": "COSME (2014-2020)",
        "period": "2016-2024",
        "name": "European Strategic Cluster Partnerships for Excellence (Cluster Excellence Programme)",
        "description": "Cluster management excellence: the Cluster Excellence Programme projects of 2016-2018, "
        "then the 2020 and 2022 waves of cluster partnerships for excellence.",
    },
    {
        "programme": "INNOSUP-1",
        "order": 4,
        "framework": "Horizon 2020",
        "period": "2015-2024",
        "name": "Cluster facilitated projects for new industrial value chains (INNOSUP-1)",
        "description": "Cross-sectoral, cross-regional innovation projects led by clusters, most of the budget passed "
        "on to SMEs as innovation vouchers.",
    },
    {
        "programme": "Euroclusters",
        "order": 5,
        "framework": "Single Market Programme (SMP COSME)",
        "period": "2022-2025",
        "name": "Joint Cluster Initiatives (Euroclusters)",
        "description": "Consortia of cluster organisations supporting SMEs in the industrial ecosystems for the "
        "recovery (call SMP-COSME-2021-CLUSTER).",
    },
]
PROGRAMME_IDS = [p["programme"] for p in PROGRAMMES]

# call_or_generation -> generation, per programme: the first matching pattern wins, then the fallback.
GENERATION_RULES = {
    "INNOSUP-1": (
        [
            (r"INNOSUP-1-2015", "INNOSUP-1 2015 call", True),
            (r"2016-2017", "INNOSUP-1 2016-2017 call", True),
            (r"2018-2020", "INNOSUP-1 2018-2020 call", True),
        ],
        "INNOSUP-1 topic not stated",
    ),
    "ESCP-4i": (
        [
            (r"1st generation", "ESCP-4i 1st generation (2016-2017)", True),
            (r"Preparation Phase|awarded March 2016|2016-2018", "ESCP-4i 1st generation (2016-2017)", False),
            (r"2nd generation", "ESCP-4i 2nd generation (2018-2019)", True),
            (r"2018", "ESCP-4i 2nd generation (2018-2019)", False),
            (r"3rd generation|2020", "ESCP-4i 3rd generation or later (from 2020)", False),
        ],
        "ESCP-4i generation not stated",
    ),
    "ESCP-S3": ([], "ESCP-S3 2018-2020"),
    "ESCP-4x": (
        [
            (r"precursor", "ESCP-4x precursor: Cluster Excellence Programme (2016-2018)", True),
            (r"1st wave", "ESCP-4x 2020 wave (2020-2022)", True),
            (r"2022", "ESCP-4x 2022 wave (2022-2024)", True),
        ],
        "ESCP-4x wave not stated",
    ),
    "Euroclusters": ([], "Euroclusters 2022-2025 (SMP-COSME-2021-CLUSTER)"),
}
# Projects whose source text does not say the generation; placed as the coverage table of NOTES.md does.
GENERATION_OVERRIDES = {
    ("ESCP-4i", "EU-TEXTILE2030"): "ESCP-4i 2nd generation (2018-2019)",
    ("ESCP-4i", "GEO ENERGY EUROPE"): "ESCP-4i 3rd generation or later (from 2020)",
}
# NOTES.md, 'Doubts and judgement calls': the strand/generation label of these is inferred from context.
INFERRED_IN_NOTES = {
    ("ESCP-4x", "Safe Smart Food"),
    ("ESCP-4i", "MAGIA"),
    ("ESCP-4i", "bioXclusters Plus"),
    ("ESCP-4i", "MAGIA2MARKET"),
    ("ESCP-4i", "ELBE PLUS"),
    ("ESCP-4i", "GEO ENERGY EUROPE"),
}
GENERATIONS = sorted(
    {label for rules, fallback in GENERATION_RULES.values() for label in [r[1] for r in rules] + [fallback]}
)

# Stated sectors -> the 14 industrial ecosystems (ids of data/tables/ecosystems). Keyword matching, so approximate:
# "energy" is read as Energy - Renewables, "ICT"/"digital" as Digital, "biotech"/"medical" as Health.
ECOSYSTEM_TERMS = {
    "IES01": r"(?i)aerospace|aeronautic|\bspace\b|defen[cs]e",
    "IES02": r"(?i)agri|agro|food|forestry|fisher",
    "IES03": r"(?i)construction|building|architecture",
    "IES04": r"(?i)creative|cultural|\bdesign\b",
    "IES05": r"(?i:\bict\b|digital)|\bIT\b",
    "IES06": r"(?i)electronic|photonic|semiconductor|laser",
    "IES07": r"(?i)energ|smart grid|geothermal",
    "IES08": r"(?i)chemi|plastics",
    "IES09": r"(?i)health|medic|biotech|life science|medtech|pharma",
    "IES10": r"(?i)mobility|automotive|transport|logistics|connected car",
    "IES11": r"(?i)social economy|proximity",
    "IES12": r"(?i)retail",
    "IES13": r"(?i)textile|fashion|clothing|footwear",
    "IES14": r"(?i)touris",
}

ROLE_WORDS = {
    "coordinator": "coordinator",
    "lead partner": "coordinator",
    "project leader": "coordinator",
    "leader": "coordinator",
    "capofila": "coordinator",
    "projektträgerschaft": "coordinator",
    "participant": "participant",
    "partner": "participant",
    "beneficiary": "participant",
    "associated partner": "associated partner",
    "associated": "associated partner",
    "third party": "associated partner",
    "linked third party": "associated partner",
}
ROLES = ["coordinator", "participant", "associated partner"]
COUNTRY_ALIASES = {"GR": "EL", "GB": "UK"}
CLUSTER_WORDS = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no", "false": "no", "0": "no"}

ORGANISATION_RULE = __doc__[__doc__.index("* **Organisations**") : __doc__.index("* **NUTS 2 region**")].strip()

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_URL = re.compile(r"^https?://\S+$")
_ACRONYM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.&'/-]{1,14}$")
_DESCRIPTOR = re.compile(
    r"(?i)^(represent|on behalf|managed by|former|now |site owner|page host|name as|"
    r"advanced|construction|regional|technological university)"
)


# --------------------------------------------------------------------------------------------- reading inputs
def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise RawInputError(path, "-", "file missing")
    df = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise RawInputError(path, missing[0], f"column missing (expected {', '.join(columns)})")
    df = df[columns].copy()
    for col in columns:
        df[col] = df[col].str.strip().replace("", pd.NA)
    return df


def _check(path, df, column, bad, problem):
    if bad.any():
        raise RawInputError(path, column, problem, df[bad])


def _money(path, df, column) -> pd.Series:
    text = df[column].str.replace(",", "", regex=False).str.replace(" ", "", regex=False)
    value = pd.to_numeric(text, errors="coerce")
    _check(path, df, column, text.notna() & value.isna(), "values that are not amounts in EUR")
    _check(path, df, column, value < 0, "negative amounts")
    return value.astype("float64")


def _check_sources(path, df):
    _check(path, df, "source_url", df["source_url"].isna(), "rows without a source (every row needs its page)")

    def bad(cell):  # parts are 'URL' or 'label: URL' (a few are notes without a URL); one URL at least
        return not any(_URL.match(part.split(": ", 1)[-1].strip()) for part in cell.split(" | "))

    _check(
        path,
        df,
        "source_url",
        df["source_url"].map(bad).astype(bool),
        "values without any URL (parts 'URL' or 'label: URL' separated by ' | ')",
    )


def normalise_country(values: pd.Series) -> pd.Series:
    """Upper case, GR -> EL, GB -> UK; blank stays missing."""
    out = values.astype("string").str.strip().str.upper().replace("", pd.NA)
    return out.replace(COUNTRY_ALIASES)


def normalise_role(values: pd.Series) -> pd.Series:
    """Role words to coordinator / participant / associated partner; blank stays missing, unknown words -> NA+."""
    key = values.astype("string").str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return key.map(lambda v: ROLE_WORDS.get(v, "?") if isinstance(v, str) else pd.NA).astype("string")


def normalise_cluster(values: pd.Series) -> pd.Series:
    key = values.astype("string").str.strip().str.lower()
    return key.map(lambda v: CLUSTER_WORDS.get(v, "?") if isinstance(v, str) else pd.NA).astype("string")


# ------------------------------------------------------------------------------------- organisation names
def fold(text: str) -> str:
    """ASCII lower case, '&' read as 'and', punctuation as spaces: the comparison form of a name."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _is_acronym(token: str) -> bool:
    token = token.strip()
    return bool(_ACRONYM.match(token)) and sum(c.isupper() for c in token) >= 2


def name_keys(name: str) -> list[tuple[str, str]]:
    """The keys one organisation name can be matched by: (kind, key), kind 'name' or 'acronym'."""
    keys: list[tuple[str, str]] = []

    def add(text, kind=None):
        text = (text or "").strip(" -:;,")
        if not text:
            return
        kind = kind or ("acronym" if _is_acronym(text) else "name")
        key = fold(text).replace(" ", "") if kind == "acronym" else fold(text)
        if key and (kind, key) not in keys:
            keys.append((kind, key))

    full = " ".join(str(name).split())
    add(full)
    base = full
    while re.search(r"\s*\([^()]*\)\s*$", base):
        base = re.sub(r"\s*\([^()]*\)\s*$", "", base)
    base = re.split(r"(?i)\s+represented by\s+", base)[0]
    add(base)
    if " - " in base:
        left, right = base.split(" - ", 1)
        add(left)
        add(right)
    for inside in re.findall(r"\(([^()]*)\)", full):
        parts = [p.strip() for p in re.split(r"[;,/]", inside) if p.strip()]
        for part in parts:
            if _is_acronym(part):
                add(part, "acronym")
        if (
            _is_acronym(base)
            and " " not in base
            and not _DESCRIPTOR.match(inside)
            and len(inside.split()) >= 2
            and inside[:1].isupper()
        ):
            add(inside, "name")
    return keys


class _Groups:
    """Union-find over rows that keeps each group's known countries, so different countries never join."""

    def __init__(self, countries: list):
        self.parent = list(range(len(countries)))
        self.countries = [{c} if isinstance(c, str) else set() for c in countries]

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.countries[ra] and self.countries[rb] and self.countries[ra] != self.countries[rb]:
            return
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.countries[ra] |= self.countries[rb]


def group_organisations(names: pd.Series, countries: pd.Series) -> list[int]:
    """Group number per row: rows naming the same organisation share it (rules in ORGANISATION_RULE)."""
    names = names.tolist()
    countries = [c if isinstance(c, str) else None for c in countries.tolist()]
    groups = _Groups(countries)
    first_by_key: dict[tuple[str, str], list[int]] = {}
    for i, name in enumerate(names):
        for kind, key in name_keys(name):
            first_by_key.setdefault(key, []).append((i, kind))
    for key in sorted(first_by_key):
        rows = first_by_key[key]
        for i, kind_i in rows:
            for j, kind_j in rows:
                if j <= i:
                    continue
                if "acronym" in (kind_i, kind_j) and not (countries[i] and countries[i] == countries[j]):
                    continue
                if countries[i] and countries[j] and countries[i] != countries[j]:
                    continue
                groups.join(i, j)
    roots = [groups.find(i) for i in range(len(names))]
    numbering = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [numbering[r] for r in roots]


def _slug(text: str) -> str:
    return re.sub(r"-+", "-", fold(text).replace(" ", "-")).strip("-")[:48].strip("-") or "organisation"


# ------------------------------------------------------------------------------------------------- places
def read_places(path: Path, regions: pd.DataFrame) -> pd.DataFrame:
    """The place lookup, checked: every nuts2 code is a NUTS 2024 level-2 region of the stated country."""
    places = _read(path, ["place", "country", "nuts2", "source"])
    _check(
        path,
        places,
        "place",
        places["place"].isna() | places["place"].duplicated(keep=False),
        "blank or repeated places",
    )
    _check(path, places, "source", places["source"].isna(), "places without a source")
    level2 = regions[regions["level"] == 2].set_index("code")["country"]
    known = places["nuts2"].notna()
    bad = known & ~places["nuts2"].isin(level2.index)
    _check(path, places, "nuts2", bad, "codes that are not NUTS 2024 level-2 regions")
    wrong_country = known & (places["nuts2"].map(level2) != places["country"])
    _check(path, places, "nuts2", wrong_country.fillna(False).astype(bool), "codes outside the stated country")
    return places


# ------------------------------------------------------------------------------------------------- tables
def _generation(programme: str, acronym: str, text) -> tuple[str, bool]:
    """(generation, inferred): inferred unless the source text states the call / generation itself."""
    text = text if isinstance(text, str) else ""
    inferred = bool(re.search(r"(?i)inferred|not stated", text)) or (programme, acronym) in INFERRED_IN_NOTES
    if (programme, acronym) in GENERATION_OVERRIDES:
        return GENERATION_OVERRIDES[(programme, acronym)], True
    rules, fallback = GENERATION_RULES[programme]
    for pattern, label, explicit in rules:
        if re.search(pattern, text):
            return label, inferred or not explicit
    return fallback, inferred or bool(rules)


def ecosystem_ids(text) -> str | None:
    """'IES05;IES09' for the ecosystems the stated sectors name; None when no sector is stated or none match."""
    if not isinstance(text, str) or not text.strip():
        return None
    ids = [eco for eco, pattern in ECOSYSTEM_TERMS.items() if re.search(pattern, text)]
    return ";".join(ids) or None


def build_programmes_table() -> pd.DataFrame:
    df = pd.DataFrame(PROGRAMMES)[["programme", "name", "framework", "period", "description", "order"]]
    for col in ("programme", "name", "framework", "period", "description"):
        df[col] = df[col].astype("string")
    df["order"] = df["order"].astype("int64")
    return df.sort_values("order").reset_index(drop=True)


def build_projects(path: Path) -> pd.DataFrame:
    raw = _read(path, PROJECT_COLUMNS)
    _check(
        path,
        raw,
        "programme",
        ~raw["programme"].isin(PROGRAMME_IDS).fillna(False).astype(bool),
        f"unknown programmes (known: {', '.join(PROGRAMME_IDS)})",
    )
    _check(path, raw, "project_acronym", raw["project_acronym"].isna(), "rows without an acronym")
    dup = raw.duplicated(["programme", "project_acronym"], keep=False)
    _check(path, raw, "project_acronym", dup, "the same project twice in one programme")
    for col in ("start_date", "end_date"):
        bad = raw[col].notna() & ~raw[col].fillna("").str.match(_DATE.pattern)
        _check(path, raw, col, bad.astype(bool), "dates that are not YYYY, YYYY-MM or YYYY-MM-DD")
    _check_sources(path, raw)
    gens = [
        _generation(p, a, t) for p, a, t in zip(raw["programme"], raw["project_acronym"], raw["call_or_generation"])
    ]
    out = pd.DataFrame(
        {
            "project": (raw["programme"] + ": " + raw["project_acronym"]).astype("string"),
            "programme": raw["programme"],
            "acronym": raw["project_acronym"],
            "title": raw["project_title"],
            "grant_id": raw["project_id"],
            "call_or_generation": raw["call_or_generation"],
            "generation": pd.array([g for g, _ in gens], dtype="string"),
            "generation_inferred": pd.array([i for _, i in gens], dtype="bool"),
            "start_date": raw["start_date"],
            "end_date": raw["end_date"],
            "ecosystems": raw["ecosystems"],
            "ecosystem_ids": pd.array([ecosystem_ids(t) for t in raw["ecosystems"].tolist()], dtype="string"),
            "total_cost_eur": _money(path, raw, "total_cost_eur"),
            "eu_contribution_eur": _money(path, raw, "eu_contribution_eur"),
            "source_url": raw["source_url"],
        }
    )
    return out


def _one(values: pd.Series):
    known = values.dropna().unique().tolist()
    return known[0] if len(known) == 1 else None


def build_participations(path: Path, projects: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = _read(path, PARTICIPANT_COLUMNS)
    _check(path, raw, "organisation", raw["organisation"].isna(), "rows without an organisation")
    key = raw["programme"] + ": " + raw["project_acronym"]
    _check(
        path,
        raw,
        "project_acronym",
        ~key.isin(projects["project"]).fillna(False).astype(bool),
        "projects missing from projects.csv (same programme and acronym)",
    )
    country = normalise_country(raw["country_code"])
    _check(
        path,
        raw,
        "country_code",
        (country.notna() & ~country.fillna("").str.match(r"^[A-Z]{2}$")).astype(bool),
        "codes that are not two-letter country codes",
    )
    role = normalise_role(raw["role"])
    _check(
        path,
        raw,
        "role",
        (role == "?").fillna(False).astype(bool),
        f"unknown roles (known: {', '.join(sorted(ROLE_WORDS))})",
    )
    cluster = normalise_cluster(raw["is_cluster_organisation"])
    _check(
        path,
        raw,
        "is_cluster_organisation",
        (cluster == "?").fillna(False).astype(bool),
        "values other than yes / no / blank",
    )
    place_lookup = places.set_index("place")
    unknown_place = raw["city"].notna() & ~raw["city"].isin(place_lookup.index).fillna(False).astype(bool)
    _check(path, raw, "city", unknown_place, f"places missing from {PLACES_FILE.name}: add them with a source")
    place_country = raw["city"].map(place_lookup["country"])
    clash = raw["city"].notna() & country.notna() & (place_country != country).fillna(False).astype(bool)
    _check(path, raw, "city", clash, f"places whose country in {PLACES_FILE.name} differs from the row's")
    _check_sources(path, raw)

    rows = pd.DataFrame(
        {
            "project": key.astype("string"),
            "programme": raw["programme"],
            "organisation": raw["organisation"],
            "country_stated": country,
            "place": raw["city"],
            "region_stated": raw["city"].map(place_lookup["nuts2"]),
            "role": role,
            "cluster_stated": cluster,
            "eu_contribution_eur": _money(path, raw, "eu_contribution_eur"),
            "source_url": raw["source_url"],
        }
    )
    rows["group"] = group_organisations(rows["organisation"], rows["country_stated"])

    orgs = []
    for group, g in rows.groupby("group", sort=True):
        counts = g["organisation"].value_counts()
        spellings = sorted(counts.index, key=lambda n: (-counts[n], -len(n), n))
        notes = []
        regions = g["region_stated"].dropna().unique().tolist()
        if len(regions) > 1:
            notes.append(f"places disagree ({', '.join(sorted(g['place'].dropna().unique()))}): region unknown")
        flags = g["cluster_stated"].dropna().unique().tolist()
        if len(flags) > 1:
            notes.append("sources disagree on whether it is a cluster organisation: unknown")
        region = _one(g["region_stated"])
        orgs.append(
            {
                "group": group,
                "name": spellings[0],
                "aliases": "; ".join(sorted(spellings[1:])) or None,
                "country": _one(g["country_stated"]),
                "region": region,
                "place": _one(g.loc[g["region_stated"] == region, "place"]) if region else _one(g["place"]),
                "is_cluster": _one(g["cluster_stated"]),
                "note": "; ".join(notes) or None,
                "n_participations": len(g),
                "n_projects": g["project"].nunique(),
            }
        )
    orgs = pd.DataFrame(orgs)
    # Stable ids from the name (and country when two organisations share a name).
    orgs = orgs.sort_values(["name", "country"], na_position="first", kind="stable")
    slugs, seen = [], {}
    for name in orgs["name"]:
        slug = _slug(name)
        seen[slug] = seen.get(slug, 0) + 1
        slugs.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    orgs["organisation_id"] = slugs
    by_group = orgs.set_index("group")

    rows["organisation_id"] = rows["group"].map(by_group["organisation_id"])
    filled = []
    for field, stated in (("country", "country_stated"), ("region", "region_stated"), ("is_cluster", "cluster_stated")):
        org_value = rows["group"].map(by_group[field])
        use_org = rows[stated].isna() & org_value.notna()
        rows[field] = rows[stated].where(~use_org, org_value).astype("string")
        filled.append(use_org.map({True: field.replace("is_cluster", "cluster"), False: ""}))
    rows["filled"] = (
        pd.concat(filled, axis=1)
        .agg(lambda r: "; ".join(x for x in r if x), axis=1)
        .replace("", pd.NA)
        .astype("string")
    )
    dup = rows.duplicated(["project", "organisation_id"], keep=False)
    _check(path, raw, "organisation", dup, "the same organisation twice in one project (after name matching)")

    participations = rows[
        [
            "project",
            "programme",
            "organisation_id",
            "organisation",
            "role",
            "country",
            "region",
            "place",
            "is_cluster",
            "filled",
            "eu_contribution_eur",
            "source_url",
        ]
    ].copy()
    participations = participations.sort_values(["programme", "project", "organisation_id"], kind="stable")
    organisations = orgs[
        [
            "organisation_id",
            "name",
            "aliases",
            "country",
            "region",
            "place",
            "is_cluster",
            "n_participations",
            "n_projects",
            "note",
        ]
    ].copy()
    for col in ("organisation_id", "name", "aliases", "country", "region", "place", "is_cluster", "note"):
        organisations[col] = organisations[col].astype("string")
    for col in ("n_participations", "n_projects"):
        organisations[col] = organisations[col].astype("int64")
    return (participations.reset_index(drop=True), organisations.sort_values("organisation_id").reset_index(drop=True))


# ----------------------------------------------------------------------------------- published figures
_I15, _I16 = "INNOSUP-1 2015 call", "INNOSUP-1 2016-2017 call"
_4I1, _4I2 = "ESCP-4i 1st generation (2016-2017)", "ESCP-4i 2nd generation (2018-2019)"
_4X0, _4X1, _4X2 = (
    "ESCP-4x precursor: Cluster Excellence Programme (2016-2018)",
    "ESCP-4x 2020 wave (2020-2022)",
    "ESCP-4x 2022 wave (2022-2024)",
)
_NOTES_COV = "Coverage against the official totals (table)"

# programme, scope, generations (None = whole programme), measure, value, label, headline, document, section, note
OFFICIAL_TOTALS = [
    (
        "INNOSUP-1",
        "2015-2017 calls",
        [_I15, _I16],
        "projects",
        13,
        "projects",
        True,
        NOTES_DOC,
        _NOTES_COV,
        "ECCP, October 2018; the DG GROW presentation (2019) also counts 13 ongoing projects",
    ),
    (
        "INNOSUP-1",
        "2015-2017 calls",
        [_I15, _I16],
        "participants",
        142,
        "participants",
        True,
        GROW_DOC,
        "slide 'What are 13 ongoing projects?': 142 PARTICIPANTS",
        None,
    ),
    (
        "INNOSUP-1",
        "2015-2017 calls",
        [_I15, _I16],
        "participants",
        149,
        "partners",
        False,
        GROW_DOC,
        "slide 'H2020 Innosup-1 ongoing 13 projects participation by country': 20 out of 149 partners",
        "the same presentation counts 142 participants on another slide",
    ),
    (
        "INNOSUP-1",
        "projects 2015-2019",
        None,
        "projects",
        24,
        "projects",
        False,
        NOTES_DOC,
        _NOTES_COV,
        "ECCP 2020: '24 projects 2015-2019'",
    ),
    (
        "INNOSUP-1",
        "projects 2016-2019",
        None,
        "projects",
        18,
        "projects",
        False,
        NOTES_DOC,
        _NOTES_COV,
        "EC report: 18 projects 2016-2019 (disagrees with the ECCP count)",
    ),
    (
        "ESCP-4i",
        "1st generation (2016-2017)",
        [_4I1],
        "projects",
        25,
        "partnerships",
        True,
        NOTES_DOC,
        _NOTES_COV,
        None,
    ),
    (
        "ESCP-4i",
        "2nd generation (2018-2019)",
        [_4I2],
        "projects",
        25,
        "partnerships",
        True,
        GROW_DOC,
        "slide ''Clusters Go International' Partnerships (2018-2019)': 25 EU Cluster Partnerships Going International",
        "ECCP counts 23 launched in February 2018 (NOTES.md)",
    ),
    (
        "ESCP-4i",
        "2nd generation (2018-2019)",
        [_4I2],
        "projects",
        23,
        "partnerships",
        False,
        NOTES_DOC,
        _NOTES_COV,
        "ECCP: 23 launched in February 2018",
    ),
    (
        "ESCP-4i",
        "2nd generation (2018-2019)",
        [_4I2],
        "participants",
        134,
        "cluster organisations",
        True,
        GROW_DOC,
        "slide ''Clusters Go International' Partnerships (2018-2019)': 134 cluster organisations",
        None,
    ),
    (
        "ESCP-S3",
        "2018-2020",
        None,
        "projects",
        9,
        "partnerships",
        True,
        GROW_DOC,
        "slide 'European Strategic Cluster Partnerships for smart specialisation investments'",
        None,
    ),
    (
        "ESCP-S3",
        "2018-2020",
        None,
        "participants",
        57,
        "partners",
        True,
        GROW_DOC,
        "slide 'European Strategic Cluster Partnerships for smart specialisation investments': 57 project partners",
        None,
    ),
    (
        "ESCP-S3",
        "2018-2020",
        None,
        "countries",
        19,
        "countries",
        True,
        GROW_DOC,
        "slide 'European Strategic Cluster Partnerships for smart specialisation investments': 19 European countries",
        None,
    ),
    (
        "ESCP-4x",
        "Cluster Excellence Programme (2014, 2015 calls)",
        [_4X0],
        "projects",
        11,
        "projects",
        True,
        GROW_DOC,
        "slide 'European Cluster Excellence Programme': 11 completed projects",
        "the dataset has only projects of the 2015 call",
    ),
    (
        "ESCP-4x",
        "Cluster Excellence Programme (2014, 2015 calls)",
        [_4X0],
        "participants",
        57,
        "cluster organisations",
        True,
        GROW_DOC,
        "slide 'European Cluster Excellence Programme': 57 cluster organisations",
        None,
    ),
    ("ESCP-4x", "2020 wave", [_4X1], "projects", 13, "partnerships", True, NOTES_DOC, _NOTES_COV, "2020-21 wave"),
    ("ESCP-4x", "2020 wave", [_4X1], "participants", 69, "cluster organisations", True, NOTES_DOC, _NOTES_COV, None),
    ("ESCP-4x", "2020 wave", [_4X1], "countries", 21, "countries", True, NOTES_DOC, _NOTES_COV, None),
    ("ESCP-4x", "2022 wave", [_4X2], "projects", 15, "partnerships", True, NOTES_DOC, _NOTES_COV, "February 2022 wave"),
    ("Euroclusters", "2022-2025", None, "projects", 30, "Euroclusters", True, NOTES_DOC, _NOTES_COV, None),
    ("Euroclusters", "2022-2025", None, "participants", 171, "partners", True, NOTES_DOC, _NOTES_COV, None),
    ("Euroclusters", "2022-2025", None, "countries", 23, "countries", True, NOTES_DOC, _NOTES_COV, None),
]


def build_official_totals() -> pd.DataFrame:
    cols = ["programme", "scope", "generations", "measure", "value", "label", "headline", "document", "section", "note"]
    df = pd.DataFrame(OFFICIAL_TOTALS, columns=cols)
    df["generations"] = df["generations"].map(lambda g: ";".join(g) if g else None)
    df["source_id"] = df["document"].map(DOCUMENT_SOURCE)
    cols.append("source_id")
    for col in ("programme", "scope", "generations", "measure", "label", "document", "section", "note", "source_id"):
        df[col] = df[col].astype("string")
    df["value"] = df["value"].astype("int64")
    df["headline"] = df["headline"].astype("bool")
    order = {p: i for i, p in enumerate(PROGRAMME_IDS)}
    df["_o"] = df["programme"].map(order)
    return df.sort_values(["_o"], kind="stable")[cols].reset_index(drop=True)


_SEED_I = [_I15, _I16]
_ESCP = "ESCP-4i;ESCP-4x;ESCP-S3"
_FR_ESCP = (
    "French cluster organisations have been involved in 85 consortia of the European Strategic Cluster "
    "Partnerships out of which 60 partnerships were focusing on internationalisation (ESCP-4i), 18 "
    "partnerships were on cluster management excellence (ESCP-4x) and eight on smart specialisation (ESCP-S3)."
)
_FR_INNOSUP = (
    "35 French cluster organisations participated in the INNOSUP-1 initiative with partner organisations "
    "coming from 24 countries"
)
_FR_EURO = (
    "From France, 19 clusters / pôles de compétitivité are part of 18 Euroclusters with partners from 21 countries"
)
_ECCP_SECTION = "2.3 Cluster organisations & interregional cooperation"
_GROW_PARTNERS = "slide 'INNOSUP-1 - Beneficiary Partners from France'"

# ref, programmes, generations, measure, value, total, share, rank, quote, document, section
SEED_FIGURES = [
    (
        "grow-innosup1-fr-partners",
        "INNOSUP-1",
        _SEED_I,
        "participations_rank",
        20,
        149,
        0.13,
        2,
        "France is Number 2 beneficiary of all Innosup-1 projects. French partners make up 20 out of 149 partners "
        "across all the h2020 participating countries (13%)",
        GROW_DOC,
        "slide 'H2020 Innosup-1 ongoing 13 projects participation by country'",
    ),
    (
        "grow-escps3-fr-partners",
        "ESCP-S3",
        None,
        "participations_rank",
        8,
        57,
        0.14,
        3,
        "France is Number 3 beneficiary of all ESCP-S3 projects. French partners make up 8 out of 57 partners across "
        "all the COSME participating countries (14%)",
        GROW_DOC,
        "slide 'ESCP-S3 projects – participation by country'",
    ),
    (
        "eccp-fr-escp-consortia",
        _ESCP,
        None,
        "projects_with_country",
        85,
        None,
        None,
        None,
        _FR_ESCP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-escp4i-consortia",
        "ESCP-4i",
        None,
        "projects_with_country",
        60,
        None,
        None,
        None,
        _FR_ESCP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-escp4x-consortia",
        "ESCP-4x",
        None,
        "projects_with_country",
        18,
        None,
        None,
        None,
        _FR_ESCP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-escps3-consortia",
        "ESCP-S3",
        None,
        "projects_with_country",
        8,
        None,
        None,
        None,
        _FR_ESCP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-escp-countries",
        _ESCP,
        None,
        "partner_countries",
        24,
        None,
        None,
        None,
        "Consortia partners came from 24 different EU member states",
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-innosup1-clusters",
        "INNOSUP-1",
        None,
        "cluster_organisations",
        35,
        None,
        None,
        None,
        _FR_INNOSUP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-innosup1-countries",
        "INNOSUP-1",
        None,
        "partner_countries",
        24,
        None,
        None,
        None,
        _FR_INNOSUP,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-euroclusters-clusters",
        "Euroclusters",
        None,
        "cluster_organisations",
        19,
        None,
        None,
        None,
        _FR_EURO,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-euroclusters-consortia",
        "Euroclusters",
        None,
        "projects_with_country",
        18,
        None,
        None,
        None,
        _FR_EURO,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-euroclusters-countries",
        "Euroclusters",
        None,
        "partner_countries",
        21,
        None,
        None,
        None,
        _FR_EURO,
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "eccp-fr-eccp-registered",
        None,
        None,
        "eccp_registered",
        113,
        None,
        None,
        None,
        "There are 113 cluster organisations registered on the ECCP coming from France",
        ECCP_FR_DOC,
        _ECCP_SECTION,
    ),
    (
        "grow-fr-eccp-registered",
        None,
        None,
        "eccp_registered",
        94,
        None,
        None,
        None,
        "94 French Clusters on the ECCP",
        GROW_DOC,
        "slide 'The European Cluster Collaboration Platform-ECCP'",
    ),
]
# The table 'INNOSUP-1 - Beneficiary Partners from France' as printed: partner, project(s), status, cluster.
SEED_PARTNERS = [
    ("MOV'EO", "Impact Connected Car", "under implementation", "yes"),
    ("Peugeot Citroen Automobiles SA", "Impact Connected Car", "under implementation", "no"),
    ("Fédération internationale de l'Automobile", "Impact Connected Car", "under implementation", "no"),
    ("Association Agropolis International", "Inclusilver", "under implementation", "yes"),
    ("Aerospace Valley", "NEPTUNE; Cross4Health", "under implementation", "yes"),
    ("Toulon Var Technologies", "NEPTUNE", "under implementation", "yes"),
    (
        "Agence de Développement et d'Innovation Aquitaine Limousin Poitou Charentes",
        "NEPTUNE",
        "under implementation",
        "yes",
    ),
    ("INNO TSD", "NEPTUNE", "under implementation", "no"),
    ("INNO TSD", "IoT4Industry", "Grant Agreement Preparation", "no"),
    ("Ecole Supérieure des technologies Industrielles Avancées", "NEPTUNE", "under implementation", "no"),
    ("INRA", "SuperBIO", "under implementation", "no"),
    ("Cap Digital", "INNOLABS", "under implementation", "yes"),
    ("SYSTEM@TIC PARIS REGION", "C-VOUCHER", "Grant Agreement Preparation", "yes"),
    ("BLUMORPHO SAS", "C-VOUCHER", "Grant Agreement Preparation", "no"),
    ("AGRI SUD OUEST INNOVATION", "DIVA", "Grant Agreement Preparation", "yes"),
    ("DIGITALPLACE", "DIVA", "Grant Agreement Preparation", "yes"),
    ("POLE SOLUTIONS COMMUNICANTES SECURISEES", "IoT4Industry", "Grant Agreement Preparation", "yes"),
    ("ARVE INDUSTRIES HAUTE SAVOIE MONT BLANC", "IoT4Industry", "Grant Agreement Preparation", "yes"),
]
SEED_COLUMNS = [
    "ref",
    "kind",
    "country",
    "programmes",
    "generations",
    "measure",
    "value",
    "total",
    "share",
    "rank",
    "partner",
    "project",
    "status",
    "is_cluster",
    "quote",
    "document",
    "section",
    "source_id",
    "note",
]
SEED_NOTES = {
    "eccp-fr-escp-consortia": "as printed; the three strands it lists add up to 86 (60 + 18 + 8), not 85",
    "grow-innosup1-fr-partners": "the same presentation counts 142 participants in these 13 projects on another slide",
    "grow-innosup1-fr-partner-05": "one row for two projects (NEPTUNE and Cross4Health), as printed",
}


def build_seed_reference() -> pd.DataFrame:
    rows = []
    for ref, progs, gens, measure, value, total, share, rank, quote, doc, section in SEED_FIGURES:
        rows.append(
            {
                "ref": ref,
                "kind": "figure",
                "country": "FR",
                "programmes": progs,
                "generations": ";".join(gens) if gens else None,
                "measure": measure,
                "value": value,
                "total": total,
                "share": share,
                "rank": rank,
                "partner": None,
                "project": None,
                "status": None,
                "is_cluster": None,
                "quote": quote,
                "document": doc,
                "section": section,
            }
        )
    for n, (partner, project, status, cluster) in enumerate(SEED_PARTNERS, start=1):
        rows.append(
            {
                "ref": f"grow-innosup1-fr-partner-{n:02d}",
                "kind": "partner",
                "country": "FR",
                "programmes": "INNOSUP-1",
                "generations": ";".join(_SEED_I),
                "measure": None,
                "value": None,
                "total": None,
                "share": None,
                "rank": None,
                "partner": partner,
                "project": project,
                "status": status,
                "is_cluster": cluster,
                "quote": f"row {n} of the table",
                "document": GROW_DOC,
                "section": _GROW_PARTNERS,
            }
        )
    df = pd.DataFrame(rows, columns=SEED_COLUMNS)
    df["source_id"] = df["document"].map(DOCUMENT_SOURCE)
    df["note"] = df["ref"].map(SEED_NOTES)
    for col in SEED_COLUMNS:
        if col in ("value", "total", "share"):
            df[col] = df[col].astype("float64")
        elif col == "rank":
            df[col] = df[col].astype("Int64")
        else:
            df[col] = df[col].astype("string")
    return df


# ------------------------------------------------------------------------------------------------- entry
def build_programme_tables(
    folder: Path, regions: pd.DataFrame, places_file: Path = PLACES_FILE
) -> dict[str, pd.DataFrame]:
    """All programme tables from a folder holding projects.csv and participants.csv (raw schema)."""
    folder = Path(folder)
    places = read_places(places_file, regions)
    projects = build_projects(folder / PROJECTS_FILE)
    participations, organisations = build_participations(folder / PARTICIPANTS_FILE, projects, places)
    counts = participations.groupby("project").size()
    projects["n_participants"] = projects["project"].map(counts).fillna(0).astype("int64")
    order = {p: i for i, p in enumerate(PROGRAMME_IDS)}
    projects = (
        projects.assign(_o=projects["programme"].map(order))
        .sort_values(["_o", "project"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    return {
        "programmes": build_programmes_table(),
        "projects": projects,
        "participations": participations,
        "organisations": organisations,
        "official_totals": build_official_totals(),
        "seed_reference": build_seed_reference(),
    }
