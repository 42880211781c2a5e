"""Hostile uploads of issue 15, built small: the tests and benchmarks/hardening_uploads_jobs.py send them."""

from __future__ import annotations

import base64
import io
import zipfile

NS = "http://schemas.openxmlformats.org"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Types xmlns="{NS}/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/main" '
    f'xmlns:r="{NS}/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _sheet_head(dimension: str | None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}/spreadsheetml/2006/main">{dim}<sheetData>'


def xlsx(sheet_xml_parts, compress=zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal one-sheet .xlsx whose sheet XML is the concatenation of `sheet_xml_parts` (streamed into the zip,
    so a part list of 200 x 1 MB never sits in memory whole)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for part in sheet_xml_parts:
                sheet.write(part.encode() if isinstance(part, str) else part)
    return buf.getvalue()


def column_bomb(dimension: bool = True) -> bytes:
    """One cell at column ZZZZ (a 623-byte file held a worker 4 minutes and grew it to 2.2 GB)."""
    return xlsx(
        [
            _sheet_head("A1:ZZZZ1" if dimension else None),
            '<row r="1"><c r="A1" t="inlineStr"><is><t>cluster</t></is></c><c r="ZZZZ1"><v>1</v></c></row>',
            "</sheetData></worksheet>",
        ]
    )


def huge_cell(chars: int = 200_000_000, chunk: int = 1_000_000) -> bytes:
    """One inline-string cell of `chars` characters (200 million compress to about 195 KB)."""

    def parts():
        yield _sheet_head("A1:A1") + '<row r="1"><c r="A1" t="inlineStr"><is><t>'
        block = b"a" * chunk
        for _ in range(chars // chunk):
            yield block
        yield "</t></is></c></row></sheetData></worksheet>"

    return xlsx(parts())


def wide_csv(columns: int = 50_000) -> bytes:
    """A CSV header of `columns` columns and one row (50,000 columns: 0.6 MB that took 13 s and 250 MB)."""
    header = ",".join(f"c{i}" for i in range(columns))
    return (header + "\n" + ",".join("1" for _ in range(columns)) + "\n").encode()


def data_url(data: bytes, mime: str = "application/octet-stream") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def peak_rss_growth(fn):
    """(seconds, peak resident-memory growth in bytes, fn's result) of one call in this process: the kernel's
    high-water mark is reset first (Linux /proc/self/clear_refs), so a brief spike is counted too."""
    import re
    import time

    def high_water() -> int:
        with open("/proc/self/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) * 1024

    def resident() -> int:
        with open("/proc/self/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) * 1024

    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = resident()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    return seconds, max(high_water() - before, 0), result
