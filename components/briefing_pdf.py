"""The policy briefing as a PDF: each section's title, its generated sentence, its chart (a PNG drawn by kaleido, as
for the peer-review pack), its table and its sources; the data version and the link on every page.

Written with fpdf2 (pure Python, maintained, no system libraries): the charts are already PNG images from the
pack's kaleido route, so the PDF needs only text, tables and images. DejaVu Sans (Debian's fonts-dejavu) gives the
region names' accents and the stars; without it the built-in Helvetica is used with those characters replaced.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from i18n import translator

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MAX_TABLE_ROWS = 30


@dataclass
class PdfSection:
    title: str
    sentence: str
    source: str
    image: bytes | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


@dataclass
class PdfDocument:
    title: str
    subtitle: str
    data_version: str
    link: str
    generated: str
    sections: list[PdfSection] = field(default_factory=list)
    lang: str = "en"  # the language of the document's own words (footer, "generated", table notes)


def _briefing_class():
    """The document class, defined per document (microseconds, and no module-level state): fpdf2 (33 MB of memory
    and 0.7 s once imported) is imported when a PDF is written, not when the app starts."""
    from fpdf import FPDF

    class _Briefing(FPDF):
        font_name = "Helvetica"

        def footer_text(self, page: int) -> str:  # set per document in build_pdf
            return ""

        def footer(self):
            self.set_y(-12)
            self.set_font(self.font_name, size=7)
            self.set_text_color(100)
            self.cell(0, 5, self.footer_text(self.page_no()), align="L")

    return _Briefing


def _font(pdf) -> str:
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu"
    return "Helvetica"


def _safe(text: str, font: str) -> str:
    if font != "Helvetica":
        return text
    return (
        str(text)
        .replace("★", "*")
        .replace("–", "-")
        .replace("—", "-")
        .replace("\u202f", "\u00a0")  # French number groups and spacing: the no-break space Latin-1 has
        .replace("’", "'")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def build_pdf(doc: PdfDocument) -> bytes:
    """The PDF bytes of `doc` (A4 portrait; one section after the other, a chart never split)."""
    _ = translator(doc.lang)
    pdf = _briefing_class()(orientation="P", unit="mm", format="A4")
    font = _font(pdf)
    pdf.font_name = font
    s = lambda text: _safe(text or "", font)  # noqa: E731
    footer = _("Data version {version} · {link} · page {page}")
    pdf.footer_text = lambda page: s(footer.format(version=doc.data_version, link=doc.link, page=page))
    pdf.set_title(s(doc.title))
    pdf.set_subject(s(doc.subtitle))
    pdf.set_keywords(s(_("data version {version}; {link}").format(version=doc.data_version, link=doc.link)))
    pdf.set_auto_page_break(True, margin=16)
    line = dict(new_x="LMARGIN", new_y="NEXT")  # each block starts at the left margin, below the last
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(font, "B", 18)
    pdf.multi_cell(width, 9, s(doc.title), **line)
    pdf.set_font(font, size=11)
    pdf.set_text_color(80)
    pdf.multi_cell(width, 6, s(doc.subtitle), **line)
    pdf.multi_cell(
        width,
        5,
        s(_("Data version {version} · generated {when}").format(version=doc.data_version, when=doc.generated)),
        **line,
    )
    pdf.multi_cell(
        width,
        5,
        s(_("Link: {link}").format(link=doc.link)),
        link=doc.link if doc.link.startswith("http") else "",
        **line,
    )
    pdf.set_text_color(0)
    for section in doc.sections:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.ln(4)
        pdf.set_font(font, "B", 13)
        pdf.multi_cell(width, 7, s(section.title), **line)
        pdf.set_font(font, size=10)
        pdf.multi_cell(width, 5, s(section.sentence), **line)
        if section.image:
            img_h = width * 0.6
            if pdf.get_y() + img_h > pdf.h - 20:
                pdf.add_page()
            pdf.ln(1)
            pdf.image(
                io.BytesIO(section.image),
                w=width,
                alt_text=s(_("Chart: {title}. {sentence}").format(title=section.title, sentence=section.sentence)),
            )
        if section.rows:
            pdf.ln(1)
            pdf.set_font(font, size=7)
            rows = section.rows[:MAX_TABLE_ROWS]
            with pdf.table(text_align="LEFT", line_height=3.6, first_row_as_headings=True) as table:
                for row in [section.columns, *rows]:
                    cells = table.row()
                    for cell in row:
                        cells.cell(s(str(cell)))
            if len(section.rows) > MAX_TABLE_ROWS:
                pdf.multi_cell(
                    width,
                    4,
                    s(
                        _("First {shown} of {count} rows: the web page has all.").format(
                            shown=MAX_TABLE_ROWS, count=len(section.rows)
                        )
                    ),
                    **line,
                )
        if section.note:
            pdf.set_font(font, size=8)
            pdf.set_text_color(80)
            pdf.multi_cell(width, 4, s(section.note), **line)
        pdf.set_font(font, size=8)
        pdf.set_text_color(80)
        pdf.multi_cell(width, 4, s(section.source or _("Source: see Data & methods")), **line)
        pdf.set_text_color(0)
    return bytes(pdf.output())
