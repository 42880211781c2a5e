"""The Overview page in French: its layout, map, headline cards, line chart, table and notices (issue 19)."""

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from benchmarks.harness import call, payload

NNBSP = "\u202f"  # French thousands separator
# English sentences and labels of the page that must not show in French.
ENGLISH = [
    "Europe's regions at a glance",
    "Choose an indicator",
    "Indicator",
    "NUTS level",
    "Regions on the chart",
    "Add regions by name or code",
    "Change since a base year",
    "Base year",
    "Log scale",
    "Chart options",
    "Play the years",
    "Every region in the year",
    "Line chart",
    "Unknown indicator",
]
STRING_PROPS = {"children", "label", "placeholder", "title", "aria-label", "text", "name"}


def strings(node, out=None) -> list[str]:
    """Every visible string of a serialised component tree or figure: children, labels, options, titles."""
    out = [] if out is None else out
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, list):
        for item in node:
            strings(item, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                if key in STRING_PROPS:
                    out.append(value)
            else:
                strings(value, out)
    return out


def overview_tree(app, **query):
    with app.server.test_request_context("/"):
        from pages import overview

        return json.loads(json.dumps(overview.layout.uncached(**query), cls=PlotlyJSONEncoder))


def answer(client, app, output, values, lang="fr"):
    body = payload(app, output, {**values, "page-language.data": lang})
    return call(client, app, body).get_json()["response"]


def english_in(texts) -> list[str]:
    joined = "\n".join(texts)
    return [sentence for sentence in ENGLISH if sentence in joined]


def test_the_overview_layout_in_french_has_french_controls_and_no_english_sentence(app):
    texts = strings(overview_tree(app, lang="fr", indicator="zz", tab="chart"))
    for french in (
        "Les régions d’Europe en un coup d’œil",
        "Indicateur",
        "Niveau NUTS",
        "Carte",
        "Graphique",
        "Tableau",
        "Lecture",
        "Régions du graphique",
        "Ajouter des régions par nom ou par code…",
        "Variation depuis une année de base (en %)",
        "Année de base",
        "Échelle logarithmique",
        "Options du graphique",
        "Toutes les régions pour l’année choisie sur la frise chronologique",
        "PIB par habitant en SPA (SPA par habitant)",  # an indicator option, label and unit
    ):
        assert french in texts, french
    assert english_in(texts) == []
    notice = next(t for t in texts if "indicateur" in t and "zz" in t)
    assert (
        notice == "Valeur inconnue pour «\u00a0indicateur\u00a0»\u00a0: 'zz'\u202f; affichage de gdp_pc_pps à la place."
    )


def test_the_overview_layout_in_english_is_unchanged(app):
    texts = strings(overview_tree(app, lang="en", indicator="zz"))
    assert "Europe's regions at a glance" in texts and "Regions on the chart" in texts
    assert "Unknown indicator 'zz': showing gdp_pc_pps instead." in texts
    assert "GDP per inhabitant in PPS (PPS per inhabitant)" in texts


def test_the_map_its_table_source_and_headline_cards_in_french(app, client):
    out = answer(
        client,
        app,
        '{"index":"overview-map","type":"chart-graph"}.figure',
        {"overview-indicator.value": "gdp_pc_pps", "overview-year.value": 2021, "overview-level.value": 2},
    )
    figure = out['{"index":"overview-map","type":"chart-graph"}']["figure"]
    assert figure["layout"]["title"]["text"] == "PIB par habitant en SPA, régions NUTS 2, 2021"
    assert any(t.get("name") == "pas de données" for t in figure["data"])
    hover = figure["data"][-1]["hovertemplate"]
    assert "SPA par habitant" in hover and "PPS" not in hover
    table = "\n".join(strings(out['{"index":"overview-map","type":"chart-table"}']))
    assert "| Code | Région | PIB par habitant en SPA (SPA par habitant) | Indicateur d’état |" in table
    assert f"| AT13 | Wien | 47{NNBSP}600 |" in table  # 47,600 in French marks
    source = out['{"index":"overview-map","type":"chart-source"}']["children"]
    assert source.startswith("Source\u00a0: Eurostat (nama_10r_2gdp)") and "limites administratives" in source
    cards = strings(out["overview-headlines"])
    assert {"UE27", "En tête", "En dernière position", "Couverture"} <= set(cards)
    assert f"33{NNBSP}200 SPA par habitant" in cards
    assert any(t.startswith("régions ont une valeur en 2021") for t in cards)
    assert english_in(strings(out)) == [] and "Best placed" not in cards and "no data" not in strings(out)


def test_the_line_chart_its_table_and_note_in_french(app, client):
    out = answer(
        client,
        app,
        '{"index":"overview-lines","type":"chart-graph"}.figure',
        {
            "overview-indicator.value": "unemployment_rate",
            "overview-regions.value": ["FRE1"],
            "overview-measure.value": "rel",
            "overview-base.value": 2013,
            "overview-log.value": [1],
        },
    )
    figure = out['{"index":"overview-lines","type":"chart-graph"}']["figure"]
    names = [t["name"] for t in figure["data"]]
    assert "Nord-Pas de Calais (FRE1)" in names and "Rupture de série (indicateur d’état Eurostat b)" in names
    assert figure["layout"]["yaxis"]["title"]["text"] == "variation en % depuis 2013"
    title = out['{"index":"overview-lines","type":"chart-title"}']["children"]
    assert title == "Taux de chômage, personnes de 15 à 74 ans\u00a0: variation depuis 2013"
    table = "\n".join(strings(out['{"index":"overview-lines","type":"chart-table"}']))
    assert "| Année | Nord-Pas de Calais (FRE1) | Note |" in table
    assert "rupture de série" in table and "break in time series" not in table
    assert "| 2014 | 13,8 (-6,1\u00a0%) |" in table  # the change since 2013 in French marks
    note = out["overview-chart-note"]["children"]
    assert "Une échelle logarithmique exige des valeurs supérieures à zéro" in note
    assert "shown on a linear scale" not in note


@pytest.mark.parametrize(("lang", "text"), [("fr", "Ajoutez des régions ci-dessus"), ("en", "Add regions above")])
def test_the_empty_line_chart_note_in_the_page_language(app, client, lang, text):
    out = answer(
        client,
        app,
        '{"index":"overview-lines","type":"chart-graph"}.figure',
        {"overview-indicator.value": "gdp_pc_pps", "overview-regions.value": [], "overview-measure.value": "abs"},
        lang,
    )
    assert out["overview-chart-note"]["children"].startswith(text)
    eu = [t["name"] for t in out['{"index":"overview-lines","type":"chart-graph"}']["figure"]["data"]]
    assert eu == (["UE27"] if lang == "fr" else ["EU27"])
