"""The Region page's peer-review pack in French: the slides' charts are the page's, drawn in French (the Pack
object is checked as built, before any chart is drawn to PNG, so no browser is needed)."""

from components.peer_review_pack import ChartSlide, TableSlide
from state.region import parse_region

NBSP = "\u00a0"


def _pack(app, tables, lang):
    from callbacks.pack import region_pack

    state, _ = parse_region(tables, "FRE1", {"year": "2021", "ts": "gerd_pc_gdp", "regions": "ITC1"})
    with app.server.app_context():
        return region_pack(state, "http://127.0.0.1/region/FRE1?lang=" + lang, lang)[0]


def test_the_region_packs_chart_slides_are_in_french(app, tables):
    pack = _pack(app, tables, "fr")
    charts = [s for s in pack.slides if isinstance(s, ChartSlide)]
    assert [s.title.replace(NBSP, " ") for s in charts] == [
        "Indicateurs économiques : Nord-Pas de Calais, France, UE27",
        "Indicateurs d’innovation : Nord-Pas de Calais, France, UE27",
        "Dépenses de R&D (DIRD), % du PIB : Nord-Pas de Calais et 1 autre région",
        "Profil normalisé : Nord-Pas de Calais, France et l’UE27",
        "Écosystèmes industriels par quotient de localisation : Nord-Pas de Calais, 2015",
        "Divisions de la NACE par quotient de localisation (12 premières) : Nord-Pas de Calais, 2015",
    ]
    drawn = [s.figure["layout"]["title"]["text"] for s in charts]  # the titles drawn on the charts
    assert drawn[2] == "Dépenses de R&D (DIRD), % du PIB<br><sup>Nord-Pas de Calais et 1 autre région</sup>"
    assert drawn[0] == "Indicateurs économiques<br><sup>Nord-Pas de Calais, France, UE27</sup>"
    for slide in charts:
        assert slide.source.startswith("Source :") or slide.source.startswith(f"Source{NBSP}:"), slide.source
        for english in ("EU27", "and the", "Economic", "Normalised", "location quotient", "Reference year"):
            assert english not in slide.title + str(slide.figure["layout"]["title"]) + slide.note, english
    assert charts[0].note.startswith("Année de référence 2021.")  # the reference-year note under the bars
    key_figures, similar = pack.slides[0], pack.slides[-1]
    assert isinstance(key_figures, TableSlide) and isinstance(similar, TableSlide)
    assert key_figures.columns[:5] == ["Indicateur", "Année", "Nord-Pas de Calais", "France", "UE27"]
    assert key_figures.source.startswith("Source") and "Eurostat (nama_10r_2gdp, tgs00007" in key_figures.source


def test_the_region_pack_in_english_is_unchanged(app, tables):
    charts = [s for s in _pack(app, tables, "en").slides if isinstance(s, ChartSlide)]
    assert charts[0].title == "Economic indicators: Nord-Pas de Calais, France, EU27"
    assert charts[2].title == "R&D expenditure (GERD), % of GDP: Nord-Pas de Calais and 1 other region"
    assert _pack(app, tables, "en").slides[0].source.startswith("Source: Eurostat (nama_10r_2gdp, tgs00007")
