"""NACE Rev.2 sections and divisions with their labels, so the app can say what `C10` or `J58` is.

Inputs: `classifications/nace_r2_sections.csv` (section, label) and `classifications/nace_r2_divisions.csv`
(code such as `C10`, section, label), both from the Eurostat NACE Rev.2 code list (21 sections, 88 divisions).

Output, one row per code: `code` (`C` or `C10`, the spelling of `sector_employment.nace`), `level`
('section' | 'division'), `section` (the section letter, itself for a section) and `label`. Section labels are
upper case in the source and are written in sentence case here ("MINING AND QUARRYING" -> "Mining and quarrying");
division labels are kept as given.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from data.build.common import RawInputError

SECTIONS_FILE = Path("classifications") / "nace_r2_sections.csv"
DIVISIONS_FILE = Path("classifications") / "nace_r2_divisions.csv"
COLUMNS = ["code", "level", "section", "label"]


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise RawInputError(path, "-", "file not found")
    df = pd.read_csv(path, dtype="string", keep_default_na=False)
    for col in columns:
        if col not in df.columns:
            raise RawInputError(path, col, f"column missing (found {list(df.columns)})")
    for col in columns:
        df[col] = df[col].str.strip()
        empty = df[col] == ""
        if empty.any():
            raise RawInputError(path, col, "empty values", df[empty])
    return df


def build_nace(raw: Path) -> pd.DataFrame:
    """The `nace` table: code, level, section, label (sorted by code, sections before their divisions)."""
    raw = Path(raw)
    sections = _read(raw / SECTIONS_FILE, ("section", "label"))
    divisions = _read(raw / DIVISIONS_FILE, ("code", "section", "label"))
    bad = ~sections["section"].str.fullmatch(r"[A-U]")
    if bad.any():
        raise RawInputError(raw / SECTIONS_FILE, "section", "not a NACE section letter", sections[bad])
    bad = ~divisions["code"].str.fullmatch(r"[A-U]\d{2}") | (divisions["code"].str[0] != divisions["section"])
    if bad.any():
        raise RawInputError(
            raw / DIVISIONS_FILE, "code", "not a division code (letter + 2 digits) of its section", divisions[bad]
        )
    unknown = ~divisions["section"].isin(sections["section"])
    if unknown.any():
        raise RawInputError(
            raw / DIVISIONS_FILE, "section", "sections missing from the section list", divisions[unknown]
        )
    out = pd.concat(
        [
            pd.DataFrame(
                {
                    "code": sections["section"],
                    "level": "section",
                    "section": sections["section"],
                    "label": sections["label"].str.capitalize(),
                }
            ),
            pd.DataFrame(
                {
                    "code": divisions["code"],
                    "level": "division",
                    "section": divisions["section"],
                    "label": divisions["label"],
                }
            ),
        ],
        ignore_index=True,
    )
    dup = out.duplicated("code", keep=False)
    if dup.any():
        raise RawInputError(raw / DIVISIONS_FILE, "code", "duplicated codes", out[dup])
    out = out.astype("string").sort_values("code", kind="stable").reset_index(drop=True)
    return out[COLUMNS]
