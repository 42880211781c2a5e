"""The briefing's Figures 1-3 in French: the charts and tables the Region page's builders draw come in the
briefing's language, on the page and in what the PDF and PowerPoint exports read (briefing_parts)."""

import json

from plotly.utils import PlotlyJSONEncoder

NBSP = "\u00a0"
STATE = {"code": "FRE1", "peers": [], "weights": "", "c1": 0.5, "c2": 0.6, "s1": None, "s2": None, "kind": "nace"}


def test_the_briefings_figures_1_to_3_are_drawn_in_french(app):
    from callbacks.briefing import briefing_report, sections_answer
    from callbacks.briefing_export import briefing_parts

    with app.server.test_request_context("/"):
        report = briefing_report("FRE1", "fr")
        page = json.dumps(sections_answer("FRE1", "fr"), ensure_ascii=False)
        exported = {s["key"]: s for s in briefing_parts(STATE, "fr")[2]}
        english = {s["key"]: s for s in briefing_report("FRE1", "en")["sections"]}
    figures = {s["key"]: s for s in report["sections"][:3]}
    assert list(figures) == ["economy", "innovation", "profile"]
    titles = {key: s["figure"]["layout"]["title"]["text"] for key, s in figures.items()}
    assert titles == {
        "economy": "Indicateurs économiques<br><sup>Nord-Pas de Calais, France, UE27</sup>",
        "innovation": "Indicateurs d’innovation<br><sup>Nord-Pas de Calais, France, UE27</sup>",
        "profile": f"Profil normalisé{NBSP}: Nord-Pas de Calais, France et l’UE27",
    }
    for key, section in figures.items():
        assert exported[key]["figure"] == section["figure"]  # the PDF and slides draw the same figures
        assert section["source"].replace(NBSP, " ").startswith("Source : Eurostat"), key
        drawn = json.dumps(section["figure"], ensure_ascii=False) + json.dumps(section["table"], ensure_ascii=False)
        for text in (
            "EU27<",
            'EU27"',
            ", EU27",
            "Economic indicators",
            "Innovation indicators",
            "Normalised profile",
            "not in the data",
        ):
            assert text not in drawn, (key, text)
    economy = figures["economy"]
    assert list(economy["columns"].values())[:5] == ["Indicateur", "Année", "Nord-Pas de Calais", "France", "UE27"]
    assert any("37 800".replace(" ", "\u202f") in str(row["country"]) for row in economy["table"])  # French digits
    assert "Profil normalisé" in page and "Normalised profile" not in page
    # English stays as it was
    assert english["economy"]["figure"]["layout"]["title"]["text"].startswith("Economic indicators<br><sup>")
    assert english["profile"]["source"].startswith("Source: Eurostat")


def test_the_briefings_stars_map_speaks_french():
    """The stars map's hover words (regions without data, the selected region) in the briefing's language."""
    import pandas as pd

    from components.figures.briefing import stars_map

    df = pd.DataFrame({"code": ["FRE1", "FRB0"], "name": ["Nord", "Centre"], "value": [3.0, None], "flag": None})
    drawn = json.dumps(
        stars_map(df, "/geo/nuts2.geojson", "t", "étoiles", "FRE1", lang="fr").to_plotly_json(),
        ensure_ascii=False,
        cls=PlotlyJSONEncoder,
    )
    assert "pas de donn" in drawn and "no data" not in drawn and "sélectionnée" in drawn, drawn


def test_the_briefing_sections_stars_map_is_french(app):
    from callbacks.briefing import briefing_report

    with app.server.test_request_context("/"):
        stars = {s["key"]: s for s in briefing_report("FRE1", "fr")["sections"]}["stars"]
    drawn = json.dumps(stars["figure"], ensure_ascii=False, cls=PlotlyJSONEncoder)
    names = [t.get("name") for t in stars["figure"]["data"]]
    assert "no data" not in drawn and "sélectionnée" in names and "pas de données" in drawn
