"""The briefing PDF and PowerPoint end to end: charts drawn by kaleido in the Debian chromium, pages rendered by
pdftoppm, the sentences found in the PDF's text."""

import io
import re
import shutil
import subprocess

import pytest
from pptx import Presentation

pytestmark = pytest.mark.skipif(
    not shutil.which("chromium") or not shutil.which("pdftoppm"),
    reason="kaleido needs Debian's chromium; pdftoppm renders the pages",
)

STATE = {"code": "FRB0", "peers": [], "weights": "", "c1": 0.5, "c2": 0.6, "s1": None, "s2": None, "kind": "nace"}
LINK = "http://127.0.0.1/briefing/FRB0"


@pytest.fixture(scope="module")
def app_context():
    from app import create_app

    app = create_app()
    with app.server.app_context():
        yield


def _words(text: str) -> str:
    return " ".join(text.split())


def test_pdf_opens_renders_every_page_and_holds_sentences_and_charts(app_context, tables, tmp_path):
    from callbacks.briefing_export import briefing_parts, make_pdf

    seen = []
    body, name = make_pdf(STATE, LINK, lambda done, total: seen.append((done, total)))
    assert name == "briefing-FRB0-2024.pdf" and body.startswith(b"%PDF")
    path = tmp_path / name
    path.write_bytes(body)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages >= 4
    text = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    _, _, sections = briefing_parts(STATE)
    charts = [s for s in sections if s["figure"]]
    assert seen[-1][1] == len(charts) == 5  # Figures 1-4 and the stars map
    for s in sections:
        assert _words(s["title"]) in text
        assert _words(s["sentence"])[:120] in text, s["key"]
    assert tables.version in text and LINK in text
    images = (
        subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
        if shutil.which("pdfimages")
        else ""
    )
    if images:
        assert sum(1 for line in images.splitlines()[2:] if " image " in line) >= len(charts)


def test_pptx_has_the_sentences_and_every_chart(app_context):
    from callbacks.briefing_export import briefing_parts, make_pptx

    body, name = make_pptx(STATE, LINK)
    slides = list(Presentation(io.BytesIO(body)).slides)
    _, _, sections = briefing_parts(STATE)
    summary = next(s for s in slides[1].shapes if s.has_table).table
    assert [summary.cell(r, 1).text for r in range(1, len(sections) + 1)] == [s["sentence"] for s in sections]
    pictures = sum(1 for slide in slides for shape in slide.shapes if shape.shape_type == 13)
    assert pictures == sum(1 for s in sections if s["figure"])


# French: the job is handed lang="fr" (as the export callback passes the page's language).
NNBSP, NBSP = "\u202f", "\u00a0"


def test_french_pdf_and_pptx_have_french_titles_and_numbers(app_context, tables, tmp_path):
    from callbacks.briefing_export import briefing_parts, make_pdf, make_pptx

    body, name = make_pdf(STATE, LINK, lang="fr")
    assert name == "briefing-FRB0-2024.pdf"  # file names stay as they are
    path = tmp_path / name
    path.write_bytes(body)
    text = _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    report, _, sections = briefing_parts(STATE, "fr")
    assert f"Note d’orientation : {report['name']} (FRB0)" in text
    assert "Année de référence 2024 · comparaison avec France et l’UE27" in text
    assert "Figure 1 : principaux indicateurs économiques" in text and "Figure 3 : profil normalisé" in text
    assert "Version des données " + tables.version in text and "Lien : " + LINK in text
    assert "Étoiles de cluster (divisions NACE)" in text
    for s in sections:  # _words turns the no-break spaces of French typography and numbers into plain ones
        assert _words(s["title"]) in text and _words(s["sentence"])[:120] in text, s["key"]
    economy = next(s for s in sections if s["key"] == "economy")["sentence"]
    assert re.search(f"\\d{NNBSP}\\d{{3}} SPA par habitant", economy) and f"{NBSP}% de la valeur de l’UE27" in economy
    assert re.search(r"\d \d{3} SPA par habitant", text) and re.search(r"\d+ % de la valeur de l’UE27", text)
    assert re.search(r"\(\d+,\d\)", text)  # a decimal comma: a rate compared in its unit, e.g. (31,6)
    # (the tables of Figures 1-3 are the Region page builders', in their language: not checked here)
    for english in ("Policy briefing", "Reference year", "of the EU27 value", "Data version", "generated"):
        assert english not in text, english

    pptx, name = make_pptx(STATE, LINK, lang="fr")
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert name == "briefing-FRB0-2024.pptx"
    first = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert f"Note d’orientation : {report['name']} (FRB0)" in first.replace(NBSP, " ")
    assert "Version des données" in first and "Année de référence 2024" in first
    assert "Data version" not in first and "Generated" not in first
    summary = next(s for s in slides[1].shapes if s.has_table).table
    assert summary.cell(0, 1).text == "Ce qu’elle montre"
    assert [summary.cell(r, 1).text for r in range(1, len(sections) + 1)] == [s["sentence"] for s in sections]
    titles = [next(s for s in slide.shapes if s.name == "Title").text_frame.text for slide in slides[1:]]
    assert "Figure 4 : indicateur composite et étoiles de cluster (divisions NACE)".replace(" :", NBSP + ":") in titles
    assert f"{NBSP}%" in summary.cell(1, 1).text and NNBSP in summary.cell(1, 1).text
