"""The peer-review pack's pure parts: slide figures, the .pptx writer and the combined source line."""

import asyncio
import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from components.peer_review_pack import ChartSlide, Pack, TableSlide, build_pack, slide_figure
from data.queries import combine_attributions


def _png():
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


def _pack():
    return Pack(
        "Nord-Pas de Calais (FRE1)",
        "Compared with France and the EU27",
        "abc123",
        "http://x/region/FRE1",
        "2026-11-22 10:00 UTC",
        [
            TableSlide(
                "Key figures",
                "Source: Eurostat (tgs00007)",
                ["Indicator", "Value"],
                [["Employment rate", "63.9"], ["R&D spending", None]],
            ),
            ChartSlide(
                "Economic indicators",
                "Source: Eurostat (nama_10r_2gdp)",
                {"data": [], "layout": {}},
                note="Reference year 2024.",
            ),
            ChartSlide("Time series", "Source: Eurostat (tgs00010)", {"data": [], "layout": {}}),
        ],
    )


def _texts(slide):
    return {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}


def test_pack_has_a_title_slide_then_one_slide_per_chart_or_table():
    prs = Presentation(io.BytesIO(build_pack(_pack(), [_png(), _png()])))
    slides = list(prs.slides)
    assert len(slides) == 4
    title = _texts(slides[0])
    assert title["Title"] == "Nord-Pas de Calais (FRE1)"
    assert "Data version: abc123" in title["Data version"]
    assert [_texts(s)["Title"] for s in slides[1:]] == ["Key figures", "Economic indicators", "Time series"]


def test_chart_slides_carry_an_image_and_their_source_line():
    prs = Presentation(io.BytesIO(build_pack(_pack(), [_png(), _png()])))
    for slide in list(prs.slides)[2:]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0]._element.nvPicPr.cNvPr.get("descr").startswith("Chart: ")
        assert _texts(slide)["Source"].startswith("Source: Eurostat")
        assert "abc123" in _texts(slide)["Footer"]
    assert list(prs.slides)[2].notes_slide.notes_text_frame.text == "Reference year 2024."


def test_table_slide_is_a_native_table_with_missing_cells_left_blank():
    prs = Presentation(io.BytesIO(build_pack(_pack(), [_png(), _png()])))
    table = next(s for s in list(prs.slides)[1].shapes if s.has_table).table
    assert [table.cell(0, c).text for c in range(2)] == ["Indicator", "Value"]
    assert table.cell(2, 1).text == ""  # missing stays missing


def test_pack_refuses_a_wrong_number_of_images():
    with pytest.raises(ValueError, match="2 charts but 1 images"):
        build_pack(_pack(), [_png()])


def test_slide_figure_drops_the_title_and_enlarges_small_print():
    figure = {
        "data": [{"type": "bar", "textfont": {"size": 10}}],
        "layout": {
            "title": {"text": "Economic indicators"},
            "height": 400,
            "font": {"size": 13},
            "annotations": [{"text": "GDP", "font": {"size": 11}}],
        },
    }
    fig = slide_figure(figure)
    assert fig["layout"]["title"]["text"] == ""
    assert "height" not in fig["layout"]
    assert fig["layout"]["font"]["size"] == 16
    assert fig["layout"]["annotations"][0]["font"]["size"] == 14
    assert fig["data"][0]["textfont"]["size"] == 13
    assert figure["layout"]["title"]["text"] == "Economic indicators"  # the page's figure is untouched


def test_combined_source_line_groups_eurostat_datasets_and_keeps_others():
    assert (
        combine_attributions(
            ["Source: Eurostat (a)", "Source: DG REGIO (RCI)", "Source: Eurostat (b)", "Source: Eurostat (a)"]
        )
        == "Source: Eurostat (a, b); Source: DG REGIO (RCI)"
    )
    assert combine_attributions(["Source: Eurostat (a, b)", "Source: Eurostat (c)"]) == "Source: Eurostat (a, b, c)"
    assert combine_attributions([]) == ""


def test_a_browser_that_stops_answering_fails_the_images_instead_of_hanging(monkeypatch):
    from components import peer_review_pack

    async def never(*_args):
        await asyncio.sleep(3600)

    monkeypatch.setattr(peer_review_pack, "_render", never)
    monkeypatch.setattr(peer_review_pack, "RENDER_START_S", 0.1)
    monkeypatch.setattr(peer_review_pack, "RENDER_EACH_S", 0)
    with pytest.raises(TimeoutError):
        peer_review_pack.render_pngs([{"data": [], "layout": {}}])


def test_the_app_starts_without_the_pptx_and_pdf_writers():
    """python-pptx (14 MB) and fpdf2 (33 MB, 0.7 s to import) are imported when a pack or a PDF is written, not by
    every worker at start-up (peak memory at NUTS 3 scale: benchmarks/README.md)."""
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, app; print(sorted(m for m in ('pptx', 'fpdf', 'kaleido') if m in sys.modules))"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
