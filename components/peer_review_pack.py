"""The peer-review pack: a view's charts as a PowerPoint file, one chart per slide.

Pure functions (plain dicts and bytes in, bytes out) so they are tested without Dash:
`slide_figure` readies a page's figure for a slide, `render_pngs` draws figures with kaleido (the Debian
chromium, no network), `build_pack` writes the .pptx with python-pptx.
"""

from __future__ import annotations

import asyncio
import copy
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from i18n import plotly_separators, translator

# python-pptx (14 MB of memory once imported) is imported where a pack is written, not when the app starts.


def Inches(inches: float) -> int:  # python-pptx's name; in EMU, as pptx.util.Inches counts them
    return int(inches * 914400)


# 16:9 slides; the picture box below the title and above the source line.
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
PICTURE_TOP, PICTURE_H = Inches(1.25), Inches(5.35)
PICTURE_W = SLIDE_W - 2 * MARGIN
# Rendered at the picture box's aspect ratio, twice the pixels for a sharp projection; 16 px text then
# prints at about 11 pt on the slide.
IMAGE_W, IMAGE_H, IMAGE_SCALE = 1320, 574, 2
FONT = "Calibri"
DARK, GREY, WHITE = "212529", "495057", "FFFFFF"  # RGB as hex


@dataclass
class ChartSlide:
    title: str
    source: str
    figure: dict
    note: str = ""


@dataclass
class TableSlide:
    title: str
    source: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass
class Pack:
    title: str
    subtitle: str
    data_version: str
    link: str
    generated: str
    slides: list = field(default_factory=list)
    lang: str = "en"  # the language of the pack's own text (title slide, footers); the slides come written in it


def slide_figure(figure: dict, lang: str = "en") -> dict:
    """A page figure for a slide: the slide carries the title, so the figure drops its own; text a little
    larger; white background whatever the page theme; the language's number separators (on the page the browser
    sets them, assets/display.js; kaleido draws the figure as given)."""
    fig = copy.deepcopy(figure)
    layout = fig.setdefault("layout", {})
    if lang != "en":
        layout["separators"] = plotly_separators(lang)
    layout.pop("height", None)
    layout.pop("width", None)
    layout["title"] = {"text": ""}
    margin = dict(layout.get("margin") or {})
    margin["t"] = min(int(margin.get("t", 40)), 40) if layout.get("showlegend", True) else 20
    layout["margin"] = margin
    font = dict(layout.get("font") or {})
    font["size"] = max(int(font.get("size") or 13), 16)
    layout["font"] = font
    layout["paper_bgcolor"] = "white"
    # Small print set on annotations and bar labels (panel titles, "not published") grows with the rest.
    for item in [*(layout.get("annotations") or []), *(fig.get("data") or [])]:
        for key in ("font", "textfont"):
            size = (item.get(key) or {}).get("size") if isinstance(item.get(key), dict) else None
            if isinstance(size, (int, float)):
                item[key] = {**item[key], "size": max(round(size * 1.3), 12)}
    return fig


# Map base layers (plotly's topojson) from the app's own assets, never from plotly's CDN.
TOPOJSON = (Path(__file__).resolve().parents[1] / "assets" / "topojson").as_uri() + "/"


async def _render(figures, width, height, scale, on_progress):
    from kaleido import Kaleido

    images = []
    # One browser for the whole pack; mathjax off because its default is a CDN (no network at run time),
    # plotly.js comes from the installed plotly package.
    async with Kaleido(n=1, mathjax=False) as k:
        for n, figure in enumerate(figures, start=1):
            images.append(
                await k.calc_fig(
                    figure, opts={"format": "png", "width": width, "height": height, "scale": scale}, topojson=TOPOJSON
                )
            )
            on_progress(n)
    return images


# Seconds allowed to start kaleido's browser and to draw each figure (about 1 s each on these machines).
RENDER_START_S, RENDER_EACH_S = 60, 20


def render_pngs(
    figures: list[dict],
    on_progress: Callable[[int], None] = lambda n: None,
    width: int = IMAGE_W,
    height: int = IMAGE_H,
    scale: int = IMAGE_SCALE,
) -> list[bytes]:
    """PNG images of plotly figure dicts, drawn by kaleido in headless chromium; `on_progress(n)` after each.
    A browser that stops answering (killed, out of memory) raises TimeoutError instead of waiting forever."""
    timeout = RENDER_START_S + RENDER_EACH_S * len(figures)
    return asyncio.run(asyncio.wait_for(_render(figures, width, height, scale, on_progress), timeout))


def _text(frame, text, size, colour=DARK, bold=False):
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.text = text
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = RGBColor.from_string(colour)


def _box(slide, left, top, width, height, text, size, **kwargs):
    box = slide.shapes.add_textbox(left, top, width, height)
    _text(box.text_frame, text, size, **kwargs)
    return box


def _title(slide, text):
    _box(slide, MARGIN, Inches(0.35), PICTURE_W, Inches(0.8), text, 24, bold=True).name = "Title"


def _footer(slide, source, pack):
    _ = translator(pack.lang)
    _box(
        slide, MARGIN, Inches(6.7), PICTURE_W, Inches(0.5), source or _("Source: see Data & methods"), 11, colour=GREY
    ).name = "Source"
    _box(
        slide,
        MARGIN,
        Inches(7.1),
        PICTURE_W,
        Inches(0.3),
        _("Data version {version} · {link}").format(version=pack.data_version, link=pack.link),
        9,
        colour=GREY,
    ).name = "Footer"


def _notes(slide, text):
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _title_slide(prs, pack):
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _box(slide, MARGIN, Inches(2.0), PICTURE_W, Inches(1.2), pack.title, 36, bold=True).name = "Title"
    _box(slide, MARGIN, Inches(3.3), PICTURE_W, Inches(0.8), pack.subtitle, 20, colour=GREY).name = "Subtitle"
    _ = translator(pack.lang)
    lines = [
        _("Data version: {version}").format(version=pack.data_version),
        _("Generated: {when}").format(when=pack.generated),
        _("View: {link}").format(link=pack.link),
        _("EU Cluster & Region Observatory. Sources on each slide; methods on the Data & methods page."),
    ]
    box = _box(slide, MARGIN, Inches(4.6), PICTURE_W, Inches(1.6), lines[0], 14, colour=GREY)
    box.name = "Data version"
    for line in lines[1:]:
        paragraph = box.text_frame.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size, run.font.name, run.font.color.rgb = Pt(14), FONT, RGBColor.from_string(GREY)


def _chart_slide(prs, pack, chart: ChartSlide, png: bytes):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, chart.title)
    picture = slide.shapes.add_picture(io.BytesIO(png), MARGIN, PICTURE_TOP, width=PICTURE_W, height=PICTURE_H)
    picture.name = "Chart"
    # Screen readers in PowerPoint read the picture's description.
    _ = translator(pack.lang)
    picture._element.nvPicPr.cNvPr.set("descr", _("Chart: {title}").format(title=chart.title))
    _footer(slide, chart.source, pack)
    _notes(slide, chart.note)


def _table_slide(prs, pack, table: TableSlide):
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _title(slide, table.title)
    n_rows, n_cols = len(table.rows) + 1, len(table.columns)
    height = min(PICTURE_H, Inches(0.32) * n_rows)
    shape = slide.shapes.add_table(n_rows, n_cols, MARGIN, PICTURE_TOP, PICTURE_W, height)
    shape.name = "Table"
    size = 12 if n_cols <= 6 and n_rows <= 12 else 9
    for c, name in enumerate(table.columns):
        _text(shape.table.cell(0, c).text_frame, str(name), size, bold=True, colour=WHITE)
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row):
            _text(shape.table.cell(r, c).text_frame, "" if value is None else str(value), size)
    _footer(slide, table.source, pack)
    _notes(slide, table.note)


def build_pack(pack: Pack, images: list[bytes]) -> bytes:
    """The .pptx bytes: a title slide, then each slide of the pack; `images` hold one PNG per ChartSlide, in
    order."""
    charts = [s for s in pack.slides if isinstance(s, ChartSlide)]
    if len(images) != len(charts):
        raise ValueError(f"{len(charts)} charts but {len(images)} images")
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = pack.title
    prs.core_properties.subject = pack.subtitle
    _ = translator(pack.lang)
    prs.core_properties.comments = _("Data version {version}; {link}").format(version=pack.data_version, link=pack.link)
    _title_slide(prs, pack)
    pngs = iter(images)
    for slide in pack.slides:
        if isinstance(slide, ChartSlide):
            _chart_slide(prs, pack, slide, next(pngs))
        else:
            _table_slide(prs, pack, slide)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def make_pack(pack: Pack, on_progress: Callable[[int, int], None] = lambda done, total: None) -> bytes:
    """Render the charts and write the file; `on_progress(done, total)` after each chart."""
    charts = [s for s in pack.slides if isinstance(s, ChartSlide)]
    total = len(charts)
    images = render_pngs([slide_figure(c.figure, pack.lang) for c in charts], lambda n: on_progress(n, total))
    return build_pack(pack, images)
