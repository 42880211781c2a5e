"""Reading an uploaded table (.csv or .xlsx) with hard limits checked before anything is expanded.

A small upload can expand into a lot: a 623-byte .xlsx with one cell at column ZZZZ, a 195 KB .xlsx holding a
200-million-character cell, a 0.6 MB CSV with 50,000 columns. So the file's size, the zip's declared sizes and
entry count, every cell reference, the rows, columns and cell lengths and the time spent are each checked against
a limit, and a file past one is refused with a message naming that limit. The .xlsx is then read by openpyxl in
read-only mode (streaming), the CSV by the csv module, both bounded to the limits.

No Dash or Flask here: bytes in, a header and rows of text out.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock
from xml.etree import ElementTree

MAX_UPLOAD_BYTES = 2_000_000  # the file as sent (an .xlsx is compressed)
MAX_UNZIPPED_BYTES = 20_000_000  # an .xlsx's parts once decompressed, as its zip directory declares them
MAX_ZIP_ENTRIES = 100  # an Excel workbook has a dozen or so
MAX_ROWS = 5000  # data rows, under the header
MAX_COLUMNS = 50  # the templates have at most 14
MAX_CELL_CHARS = 2000
MAX_TABLE_CHARS = 1_000_000  # all cells together: the table travels with every later callback of the page
MAX_SECONDS = 5.0


class UploadError(ValueError):
    """A file that is not read: not CSV/Excel, past a limit, no header. The message says which."""


@dataclass
class Limits:
    upload_bytes: int = MAX_UPLOAD_BYTES
    unzipped_bytes: int = MAX_UNZIPPED_BYTES
    zip_entries: int = MAX_ZIP_ENTRIES
    rows: int = MAX_ROWS
    columns: int = MAX_COLUMNS
    cell_chars: int = MAX_CELL_CHARS
    table_chars: int = MAX_TABLE_CHARS
    seconds: float = MAX_SECONDS


def _mb(n: int) -> str:
    return f"{round(n / 1_000_000, 3):g} MB"


class _Reading:
    """The limits of one file being read, and the clock."""

    def __init__(self, filename: str, limits: Limits):
        self.name, self.limits = filename, limits
        self.deadline = time.monotonic() + limits.seconds
        self.chars = 0

    def refuse(self, what: str):
        raise UploadError(f"{self.name} was not read: {what}.")

    def tick(self):
        if time.monotonic() > self.deadline:
            self.refuse(f"reading it took longer than the limit of {self.limits.seconds:g} seconds")

    def column(self, n: int, where: str):
        if n > self.limits.columns:
            self.refuse(f"{where} is in column {n}, past the limit of {self.limits.columns} columns")

    def row(self, n: int, where: str):
        if n > self.limits.rows + 1:
            self.refuse(f"{where} is past the limit of {self.limits.rows:,} data rows under the header")

    def cell(self, text: str, where: str) -> str:
        if len(text) > self.limits.cell_chars:
            self.refuse(
                f"{where} holds {len(text):,} characters, past the limit of {self.limits.cell_chars:,} "
                "characters in a cell"
            )
        self.chars += len(text)
        if self.chars > self.limits.table_chars:
            self.refuse(f"its cells hold more than the limit of {self.limits.table_chars:,} characters in all")
        return text


def read_table(data: bytes, filename: str, limits: Limits | None = None) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the first sheet of an .xlsx or of a CSV, every cell as text, blank rows left out.

    Rows may be shorter or longer than the header (the caller says which lines have too many cells)."""
    limits = limits or Limits()
    reading = _Reading(filename or "the file", limits)
    if len(data) > limits.upload_bytes:
        reading.refuse(f"it is larger than the limit of {_mb(limits.upload_bytes)}")
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data, reading)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data, reading)
    else:
        raise UploadError(f"{filename}: only .csv and .xlsx files are read.")
    if not rows:
        raise UploadError(f"{filename} has no header row.")
    return rows[0], rows[1:]


# --- CSV ---------------------------------------------------------------------------------------------------------

_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]
SAVE_AS_UTF8 = 'save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8), or load the .xlsx file'


def decode_text(data: bytes, reading: _Reading) -> str:
    """UTF-8 text, with or without a byte-order mark; any other encoding is named and refused, never guessed."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            reading.refuse(f"it is {encoding} text; {SAVE_AS_UTF8}")
    if b"\x00" in data[:4096]:
        reading.refuse(f"it looks like UTF-16 text (it has NUL bytes); {SAVE_AS_UTF8}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        reading.refuse(
            f'it is not UTF-8 text (byte {err.start + 1} is not UTF-8; Excel\'s plain "CSV" writes '
            f"Windows-1252); {SAVE_AS_UTF8}"
        )


def _csv_rows(data: bytes, reading: _Reading) -> list[list[str]]:
    text = decode_text(data, reading)
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = []
    try:
        for line, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            reading.tick()
            if len(row) > reading.limits.columns:
                reading.refuse(
                    f"line {line} has {len(row):,} columns, past the limit of {reading.limits.columns} columns"
                )
            if any(cell.strip() for cell in row):
                reading.row(len(rows) + 1, f"line {line}")
                rows.append([reading.cell(cell, f"line {line}, column {i}") for i, cell in enumerate(row, 1)])
    except csv.Error as err:
        reading.refuse(f"it is not a readable CSV file ({err})")
    return rows


# --- .xlsx -------------------------------------------------------------------------------------------------------

_CELL_REF = re.compile(r"([A-Za-z]{1,8})(\d{1,9})")
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _check_zip(z: zipfile.ZipFile, reading: _Reading):
    """The zip directory's declared entry count and sizes (zipfile never inflates an entry past its declared size,
    so these bound what reading can expand to)."""
    entries = z.infolist()
    limits = reading.limits
    if len(entries) > limits.zip_entries:
        reading.refuse(f"its zip holds {len(entries):,} parts, past the limit of {limits.zip_entries}")
    total = sum(e.file_size for e in entries)
    if total > limits.unzipped_bytes:
        reading.refuse(f"it expands to {_mb(total)} once unzipped, past the limit of {_mb(limits.unzipped_bytes)}")
    for e in entries:
        if e.flag_bits & 0x1:
            reading.refuse("it is encrypted (password-protected)")
        if e.filename.endswith((".xml", ".rels")):
            with z.open(e) as part:
                if b"<!DOCTYPE" in part.read(4096).upper():
                    reading.refuse(f"its part {e.filename} declares a DOCTYPE, which Excel files never do")


def _check_sheet(part, part_name: str, reading: _Reading):
    """Every dimension and cell reference of a sheet, streamed, before openpyxl allocates anything for them:
    a cell holding a value past the column or row limit refuses the file (empty formatted cells are ignored)."""
    sheet = part_name.rsplit("/", 1)[-1]
    row_number, col_number, ref, has_value = 0, 0, "", False
    for n, (event, el) in enumerate(ElementTree.iterparse(part, events=("start", "end"))):
        if n % 2000 == 0:
            reading.tick()
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "dimension":
                last = (el.get("ref") or "").split(":")[-1]
                found = _CELL_REF.fullmatch(last)
                if last and not found:
                    reading.refuse(f"its sheet {sheet} declares the size {last[:20]!r}, which is not a cell")
                if found:
                    reading.column(_column_number(found.group(1)), f"its sheet {sheet}'s declared size {last}")
                    reading.row(int(found.group(2)), f"its sheet {sheet}'s declared size {last}")
            elif tag == "row":
                row_number = int(el.get("r")) if (el.get("r") or "").isdigit() else row_number + 1
                col_number = 0
            elif tag == "c":
                ref = el.get("r") or ""
                found = _CELL_REF.fullmatch(ref)
                col_number = _column_number(found.group(1)) if found else col_number + 1
                has_value = False
            continue
        if tag in ("v", "is"):
            has_value = has_value or bool(el.text) or len(el) > 0
        elif tag == "c":
            if has_value:
                where = f"cell {ref[:20]} of sheet {sheet}" if ref else f"a cell of sheet {sheet}"
                reading.column(col_number, where)
                reading.row(row_number, where)
            el.clear()
        elif tag == "row":
            el.clear()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == clock() else value.isoformat(sep=" ")
    if isinstance(value, (date, clock)):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes, reading: _Reading) -> list[list[str]]:
    import openpyxl

    unreadable = f"{reading.name} is not a readable .xlsx file."
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            _check_zip(z, reading)
            for name in z.namelist():
                if _SHEET_PART.fullmatch(name):
                    with z.open(name) as part:
                        _check_sheet(part, name, reading)
    except (zipfile.BadZipFile, ElementTree.ParseError, EOFError, NotImplementedError, ValueError) as err:
        if isinstance(err, UploadError):
            raise
        raise UploadError(unreadable) from None
    rows = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadError:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, TypeError, InvalidFileException, ...) on a bad file
        raise UploadError(unreadable) from None
    try:
        if not book.worksheets:
            raise UploadError(f"{reading.name} has no sheet.")
        sheet = book.worksheets[0]
        # Bounded whatever the sheet declares: at most the limits' rows and columns are ever laid out.
        for r, values in enumerate(
            sheet.iter_rows(max_row=reading.limits.rows + 1, max_col=reading.limits.columns, values_only=True), start=1
        ):
            reading.tick()
            row = [_text(v) for v in values]
            while row and row[-1] == "":
                row.pop()
            if any(cell.strip() for cell in row):
                rows.append([reading.cell(cell, f"row {r}, column {c}") for c, cell in enumerate(row, 1)])
    except UploadError:
        raise
    except Exception:
        raise UploadError(unreadable) from None
    finally:
        book.close()
    return rows


# --- writing -----------------------------------------------------------------------------------------------------


def frames_to_xlsx(sheets: dict) -> bytes:
    """An .xlsx with one sheet per DataFrame (header row, then the rows), written by XlsxWriter; text is always
    written as text (never turned into a formula, a link or a number)."""
    import math

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    for title, df in sheets.items():
        sheet = book.add_worksheet(str(title)[:31])
        sheet.write_row(0, 0, [str(c) for c in df.columns])
        for r, row in enumerate(df.itertuples(index=False), start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool) or value is None:
                    if value is not None:
                        sheet.write_string(r, c, "yes" if value else "no")
                elif isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
                    sheet.write_number(r, c, value)
                elif isinstance(value, str) and value != "":
                    sheet.write_string(r, c, value)
                elif hasattr(value, "item") and value == value:  # numpy scalars
                    sheet.write(r, c, value.item())
    book.close()
    return buf.getvalue()
