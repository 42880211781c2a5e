"""The peer-review pack end to end on the server side: real charts drawn by kaleido in the Debian chromium."""

import io
import shutil

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="kaleido needs Debian's chromium")


@pytest.fixture(scope="module")
def app_context():
    from app import create_app

    app = create_app()
    with app.server.app_context():
        yield


def _slides(body):
    return list(Presentation(io.BytesIO(body)).slides)


def _shapes(slide, kind):
    return [s for s in slide.shapes if s.shape_type == kind]


def test_region_pack_has_every_chart_of_the_view_as_an_image(app_context, tables):
    from callbacks.pack import region_pack
    from components.peer_review_pack import ChartSlide, make_pack
    from state.region import parse_region

    state, _ = parse_region(tables, "FRE1", {"year": "2021", "ts": "gerd_pc_gdp"})
    pack, name = region_pack(state, "http://127.0.0.1/region/FRE1?year=2021&ts=gerd_pc_gdp")
    seen = []
    body = make_pack(pack, lambda done, total: seen.append((done, total)))
    assert name == "peer-review-FRE1-2021.pptx"
    charts = [s for s in pack.slides if isinstance(s, ChartSlide)]
    assert seen[-1] == (len(charts), len(charts)) and len(charts) == 6
    slides = _slides(body)
    assert len(slides) == len(pack.slides) + 1
    assert "Data version: " + tables.version in slides[0].shapes[2].text_frame.text
    titles = [s.shapes[0].text_frame.text for s in slides[1:]]
    assert titles[0] == "Key figures: Nord-Pas de Calais, reference year 2021"
    table = next(s for s in slides[1].shapes if s.has_table).table
    gdp = [table.cell(1, c).text for c in range(len(table.columns))]
    assert gdp[:5] == ["GDP per inhabitant in PPS (PPS per inhabitant)", "2021", "27,800", "33,500", "33,200"]
    assert any(t.startswith("R&D expenditure") and "Nord-Pas de Calais" in t for t in titles)  # the chosen time series
    for slide, spec in zip(slides[1:], pack.slides):
        source = next(s for s in slide.shapes if s.name == "Source").text_frame.text
        assert source.startswith("Source: ")
        if isinstance(spec, ChartSlide):
            (picture,) = _shapes(slide, MSO_SHAPE_TYPE.PICTURE)
            assert picture.image.content_type == "image/png" and picture.image.size[0] >= 2000
        else:
            assert _shapes(slide, MSO_SHAPE_TYPE.TABLE)


def test_compare_pack_has_the_table_profiles_and_scatter(app_context, tables):
    from callbacks.pack import compare_pack
    from components.peer_review_pack import make_pack
    from state.compare import parse_compare

    state, _ = parse_compare(tables, {"regions": "FRE1,ITC1", "year": "2021"})
    pack, name = compare_pack(state, "http://127.0.0.1/compare?regions=FRE1,ITC1")
    slides = _slides(make_pack(pack))
    assert name == "peer-review-compare-2021.pptx"
    assert [s.shapes[0].text_frame.text for s in slides[1:]] == [
        "Side by side, reference year 2021 (value and EU rank)",
        "Normalised profiles, reference year 2021",
        "RCI (z-score) against Ecosystem agglomerations, EU NUTS 2 regions",
    ]
    assert len(_shapes(slides[2], MSO_SHAPE_TYPE.PICTURE)) == 1
    assert len(_shapes(slides[3], MSO_SHAPE_TYPE.PICTURE)) == 1
    table = next(s for s in slides[1].shapes if s.has_table).table
    assert table.cell(1, 0).text.startswith("Nord-Pas de Calais")


def test_region_pack_in_french_has_french_slide_text(app_context, tables):
    """The job is handed lang="fr": the pack's own text (title slide, slide titles, footers) is French and the
    charts get French number separators. The charts' own titles are the Region page's builders'."""
    from callbacks.pack import region_pack
    from components.peer_review_pack import make_pack, slide_figure
    from state.region import parse_region

    nbsp = "\u00a0"
    state, _ = parse_region(tables, "FRE1", {"year": "2021", "ts": "gerd_pc_gdp"})
    pack, name = region_pack(state, "http://127.0.0.1/region/FRE1?year=2021&lang=fr", "fr")
    assert name == "peer-review-FRE1-2021.pptx" and pack.lang == "fr"
    assert slide_figure(pack.slides[1].figure, "fr")["layout"]["separators"] == ",\u202f"
    slides = _slides(make_pack(pack))
    first = slides[0].shapes
    assert first[1].text_frame.text == "Comparaison avec France et l’UE27 · année de référence 2021"
    assert first[2].text_frame.text.startswith(f"Version des données{nbsp}: {tables.version}\nProduit le{nbsp}: ")
    assert "décembre" in first[2].text_frame.text or "UTC" in first[2].text_frame.text
    assert slides[1].shapes[0].text_frame.text == f"Chiffres clés{nbsp}: Nord-Pas de Calais, année de référence 2021"
    for slide in slides[1:]:
        footer = next(s for s in slide.shapes if s.name == "Footer").text_frame.text
        assert footer.startswith("Version des données ") and "Data version" not in footer
