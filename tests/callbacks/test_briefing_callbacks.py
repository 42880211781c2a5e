"""Briefing page: URL state, the not-found panel, every section filled for FRE1/FRB0/DE21/PL91/FR, Figure 4 for
the pilot regions through Dash's endpoint."""

import json
from urllib.parse import parse_qsl

from benchmarks.harness import call, payload
from data.profile import PILOT_CODES
from state.briefing import briefing_search, parse_briefing

SECTIONS = ["economy", "innovation", "profile", "stars", "programmes", "organisations", "policy"]


def test_state_round_trips_and_bad_values_fall_back(tables):
    state, notices = parse_briefing(tables, "FRE1", {})
    assert notices == [] and state["peers"] == [] and (state["c1"], state["c2"]) == (0.5, 0.6)
    assert briefing_search([], "nace", 0.5, 0.6, None, None) == ""
    search = briefing_search(["ES13", "ITC1"], "ecosystem", 0.3, 0.7, 10, 20.5, {"gdp_pc_pps": 1, "rci": 2})
    back, notices = parse_briefing(tables, "FRE1", dict(parse_qsl(search.lstrip("?"))))
    assert notices == []
    assert (back["peers"], back["kind"], back["c1"], back["c2"], back["s1"], back["s2"], back["weights"]) == (
        ["ES13", "ITC1"],
        "ecosystem",
        0.3,
        0.7,
        10,
        20.5,
        {"gdp_pc_pps": 1, "rci": 2},
    )
    pilots, _ = parse_briefing(tables, "FRE1", {"peers": "pilots"})
    assert pilots["pilots"] and pilots["peers"] == list(PILOT_CODES)
    bad, notices = parse_briefing(tables, "FRE1", {"c1": "2", "s1": "x", "kind": "gdp", "peers": "ZZ99"})
    assert (bad["c1"], bad["s1"], bad["kind"], bad["peers"]) == (0.5, None, "nace", []) and len(notices) == 4


def _text(component) -> str:
    return json.dumps(
        component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
        default=lambda o: o.to_plotly_json(),
        ensure_ascii=False,
    )


def test_unknown_and_old_codes_get_the_region_not_found_panel(app):
    from pages import briefing

    with app.server.test_request_context("/"):
        unknown = _text(briefing.layout.uncached(code="FRE9"))
        old = _text(briefing.layout.uncached(code="FR30"))
        for code in ("FRE1", "FR", "PL91"):
            page = _text(briefing.layout.uncached(code=code, peers="pilots", s2="40"))
            assert briefing.FIG4_SENTENCE in page and '"value": 40.0' in page
    assert "region-not-found" in unknown and "Did you mean" in unknown and "FRE1" in unknown
    assert "region-old-code" in old and "NUTS 2024" in old


def test_every_section_has_a_sentence_and_sources(app):
    from callbacks.briefing import briefing_report

    with app.server.test_request_context("/"):
        reports = {code: briefing_report(code) for code in ("FRE1", "FRB0", "DE21", "PL91", "FR")}
    for code, report in reports.items():
        keys = [s["key"] for s in report["sections"]]
        assert keys == SECTIONS, code
        for s in report["sections"]:
            assert s["sentence"].endswith("."), (code, s["key"])
            assert s["source"].startswith(("Source", "Documents searched: Source")), (code, s["key"])
    fre1 = {s["key"]: s for s in reports["FRE1"]["sections"]}
    assert (
        fre1["economy"]["sentence"].startswith("GDP/inh. (PPS) (2024)")
        or "of the EU27 value" in fre1["economy"]["sentence"]
    )
    assert "below France" in fre1["economy"]["sentence"]
    assert "Hauts-de-France (FRE)" in fre1["policy"]["sentence"] and fre1["policy"]["table"]
    pl91 = {s["key"]: s for s in reports["PL91"]["sections"]}
    assert "not in the data" in pl91["stars"]["sentence"] and "No cluster stars" in pl91["stars"]["sentence"]
    assert "no value for Warszawski" in pl91["innovation"]["sentence"]
    fr = {s["key"]: s for s in reports["FR"]["sections"]}
    assert "compared with the EU countries" in fr["stars"]["sentence"]
    assert "Productivity: not computed" in fre1["stars"]["note"] and "Dynamism: not computed" in fre1["stars"]["note"]


def test_figure4_for_the_pilot_regions_through_the_endpoint(app, client):
    from pages import briefing

    store = {"code": "FRE", "peers": list(PILOT_CODES), "pilots": True, "weights": ""}
    values = {
        f"{briefing.C1}.value": 0.5,
        f"{briefing.C2}.value": 0.6,
        f"{briefing.S1}.value": 18.8,
        f"{briefing.S2}.value": 24.1,
        f"{briefing.KIND}.value": "nace",
        f"{briefing.STORE}.data": store,
    }
    body = payload(app, briefing.FIG4_SENTENCE + ".children", values)
    answer = json.dumps(call(client, app, body).get_json()["response"], ensure_ascii=False)
    assert "Of the 10 regions drawn" in answer and "Type 1: many stars, moderate composite: 1" in answer
    for code in PILOT_CODES:
        assert code in answer
    values[f"{briefing.S2}.value"] = 40
    moved = json.dumps(
        call(client, app, payload(app, briefing.FIG4_SENTENCE + ".children", values)).get_json()["response"],
        ensure_ascii=False,
    )
    assert "Type 1: many stars" not in moved.split("Of the 10 regions drawn")[1].split('"')[0]


# Sentences of the English briefing that must not appear in the French one (the generated text, the page's own).
ENGLISH = [
    "of the EU27 value",
    "not in the data",
    "Figure 1: key economic indicators",
    "Policy briefing:",
    "cluster stars over",
    "The policy documents name",
    "Recommended support for",
    "Peers:",
    "Stars counted over",
    "Of the 10 regions drawn",
]


def test_the_briefing_page_and_sections_in_french(app):
    from callbacks.briefing import briefing_report, sections_answer
    from pages import briefing

    with app.server.test_request_context("/"):
        page = _text(briefing.layout.uncached(code="FRE1", peers="pilots", lang="fr"))
        report = briefing_report("FRE1", "fr")
        sections = _text(sections_answer("FRE1", "fr"))
        english = briefing_report("FRE1")
    assert '"id": "page-language"' in page and '"data": "fr"' in page
    assert "Note d’orientation\u00a0: Nord-Pas de Calais (FRE1)" in page and "Étoiles comptées sur les" in page
    assert "Pairs\u00a0: les dix régions pilotes" in page and "Note (PDF)" in page
    keys = [s["key"] for s in report["sections"]]
    assert keys == SECTIONS and keys == [s["key"] for s in english["sections"]]
    fre1 = {s["key"]: s for s in report["sections"]}
    assert fre1["economy"]["title"] == "Figure 1\u00a0: principaux indicateurs économiques"
    assert "de la valeur de l’UE27" in fre1["economy"]["sentence"] and "\u00a0%" in fre1["economy"]["sentence"]
    assert fre1["stars"]["sentence"].startswith("Nord-Pas de Calais compte 14 étoiles de cluster")
    assert fre1["stars"]["columns"]["specialisation"] == "Spécialisation"
    assert "Productivité\u00a0: non calculée" in fre1["stars"]["note"]
    assert "Plan d’action\u00a0: 14 étapes." in fre1["policy"]["sentence"]
    assert "Figure 3\u00a0: profil normalisé" in sections and "Organisations de clusters" in sections
    # The sections' own text (the tables and charts of Figures 1-3 are the Region page's builders' and come in its
    # language: not checked here).
    for text in [page] + [s["sentence"] + s["title"] + s["note"] for s in report["sections"]]:
        for sentence in ENGLISH:
            assert sentence not in text, sentence


def test_figure4_in_french_through_the_endpoint(app, client):
    from components.language import PAGE_LANGUAGE
    from pages import briefing

    store = {"code": "FRE", "peers": list(PILOT_CODES), "pilots": True, "weights": ""}
    values = {
        f"{briefing.C1}.value": 0.5,
        f"{briefing.C2}.value": 0.6,
        f"{briefing.S1}.value": 18.8,
        f"{briefing.S2}.value": 24.1,
        f"{briefing.KIND}.value": "nace",
        f"{briefing.STORE}.data": store,
        f"{PAGE_LANGUAGE}.data": "fr",
    }
    body = payload(app, briefing.FIG4_SENTENCE + ".children", values)
    answer = call(client, app, body).get_json()["response"]
    sentence = answer[briefing.FIG4_SENTENCE]["children"]
    assert "Sur les 10 régions représentées\u00a0:" in sentence and "Type 1\u00a0: nombreuses étoiles" in sentence
    ident = briefing.FIG4_IDS["graph"]
    figure = answer[json.dumps(ident, sort_keys=True, separators=(",", ":")) if isinstance(ident, dict) else ident]
    figure = figure["figure"]
    assert figure["layout"]["title"]["text"].startswith("Indicateur composite et étoiles de cluster (divisions NACE)")
    assert "18,8 / 24,1" in figure["layout"]["title"]["text"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "Étoiles de cluster (total sur les divisions NACE)"
    table = json.dumps(answer, ensure_ascii=False)
    assert "Niveau de comparaison" in table and "Compared with" not in table
    for text in (sentence, answer[briefing.FIG4_NOTE]["children"]):
        for english in ENGLISH + ["Composite: the Rankings composite", "Star thresholds rescaled"]:
            assert english not in text, english


def test_the_documents_searched_line_says_source_in_french_and_marks_the_titles_english(app):
    from plotly.utils import PlotlyJSONEncoder

    from callbacks.briefing import briefing_report, sections_answer

    with app.server.test_request_context("/"):  # AT11: no cluster organisation named, so the documents searched
        french = {s["key"]: s for s in briefing_report("AT11", "fr")["sections"]}["organisations"]["source"]
        english = {s["key"]: s for s in briefing_report("AT11")["sections"]}["organisations"]["source"]
        shown = json.dumps(sections_answer("AT11", "fr"), cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert french.startswith("Documents consultés\u00a0: Source\u00a0: ") and "Source: " not in french
    assert english.startswith("Documents searched: Source: ")  # English as before
    assert shown.count("Documents consultés\u00a0: ") == 2  # organisations and policy: none for AT11
    assert '{"props": {"children": "ECCP (2023), Country factsheet France", "lang": "en"}' in shown
    assert "Source: " not in shown


def test_the_figure_4_card_buttons_are_french(app):
    from tests.callbacks.components import layout_json

    page = layout_json(app, "briefing", "/briefing", code="FRE1", lang="fr")
    assert "Download the data of this chart as CSV" not in page and "Show the data as a table" not in page


def test_each_sections_answer_is_at_most_50_kb_and_together_they_hold_every_section(app, client):
    """Issue 16: the sections before and after Figure 4 are two answers (as one, DE21's was 61.8 KB raw)."""
    from pages import briefing

    store = {"briefing-store.data": {"code": "DE21", "peers": [], "pilots": False, "weights": ""}}
    answers = {}
    for part in (briefing.BEFORE, briefing.AFTER):
        raw = call(client, app, payload(app, f"{part}.children", store)).get_data()
        assert len(raw) <= 50 * 1024, (part, len(raw))
        answers[part] = json.loads(raw)["response"][part]["children"]
    text = json.dumps(answers, ensure_ascii=False)
    assert "Figure 1: key economic indicators" in json.dumps(answers[briefing.BEFORE])
    assert "Recommendations and action plan" in json.dumps(answers[briefing.AFTER])
    assert all(title in text for title in ("Figure 2", "Figure 3", "Cluster organisations", "Programme participation"))
