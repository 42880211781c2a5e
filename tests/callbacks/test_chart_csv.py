"""A chart card's CSV button, answered through Dash's endpoint: the server's tidy frame of the chart's spec."""

import base64
import csv
import io
import json

from benchmarks.harness import call, find_callback
from components.chart_card import CSV_BUTTON, CSV_DOWNLOAD, CSV_NOTE, GRAPH, SOURCE, TITLE
from components.language import PAGE_LANGUAGE


def _click(
    client,
    app,
    name: str,
    figure,
    title="GDP per inhabitant in PPS, NUTS 2 regions, 2022",
    source="Source: the card's line",
    lang="en",
) -> dict:
    def ident(part):
        return {"type": part, "index": name}

    key, _ = find_callback(app, CSV_NOTE)  # the pattern key ({"index":["MATCH"],...}); the ids say which card
    body = {
        "output": key,
        "outputs": [{"id": ident(CSV_DOWNLOAD), "property": "data"}, {"id": ident(CSV_NOTE), "property": "children"}],
        "inputs": [{"id": ident(CSV_BUTTON), "property": "n_clicks", "value": 1}],
        "state": [
            {"id": ident(GRAPH), "property": "figure", "value": figure},
            {"id": ident(TITLE), "property": "children", "value": title},
            {"id": ident(SOURCE), "property": "children", "value": source},
            {"id": PAGE_LANGUAGE, "property": "data", "value": lang},
        ],
        "changedPropIds": [f"{json.dumps(ident(CSV_BUTTON))}.n_clicks"],
    }
    return call(client, app, body).get_json()["response"]


def _rows(download) -> list[dict]:
    text = base64.b64decode(download["content"]).decode() if download.get("base64") else download["content"]
    return list(csv.DictReader(io.StringIO(text)))


def test_the_overview_map_csv_is_the_tidy_frame_of_its_indicator_and_year(app, client):
    from callbacks.overview import overview_map

    with app.server.test_request_context("/"):
        figure = json.loads(json.dumps(overview_map("gdp_pc_pps", 2022, 2), default=str))
    answer = _click(client, app, "overview-map", figure)
    download = next(v for k, v in answer.items() if CSV_DOWNLOAD in k)["data"]
    assert download["filename"].startswith("gdp-per-inhabitant-in-pps-nuts-2-regions-2022-")
    rows = _rows(download)
    assert list(rows[0]) == ["indicator", "unit", "year", "region_code", "region_name", "value", "flag", "source"]
    fr10 = next(r for r in rows if r["region_code"] == "FR10")
    assert (fr10["indicator"], fr10["year"], fr10["value"], fr10["source"]) == (
        "GDP per inhabitant in PPS",
        "2022",
        "57200",
        "Source: Eurostat (nama_10r_2gdp)",
    )
    assert next(v for k, v in answer.items() if CSV_NOTE in k)["children"] == ""


def test_a_french_csv_has_french_headers_and_texts_and_machine_readable_values(app, client):
    from callbacks.overview import overview_map

    with app.server.test_request_context("/"):
        figure = json.loads(json.dumps(overview_map("gdp_pc_pps", 2022, 2), default=str))
    answer = _click(client, app, "overview-map", figure, lang="fr")
    rows = _rows(next(v for k, v in answer.items() if CSV_DOWNLOAD in k)["data"])
    assert list(rows[0])[:6] == ["indicateur", "unité", "année", "code_région", "nom_région", "valeur"]
    fr10 = next(r for r in rows if r["code_région"] == "FR10")
    assert (fr10["indicateur"], fr10["unité"], fr10["valeur"]) == (
        "PIB par habitant en SPA",
        "SPA par habitant",
        "57200",
    )


def test_a_figure_without_a_spec_says_why_there_is_no_file_in_the_page_language(app, client):
    answer = _click(client, app, "overview-map", {"data": [], "layout": {}}, lang="fr")
    note = next(v for k, v in answer.items() if CSV_NOTE in k)["children"]
    assert note == "Ce graphique n’a pas encore de données à télécharger."


def test_a_figure_without_a_spec_says_why_there_is_no_file(app, client):
    answer = _click(client, app, "overview-map", {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {}})
    note = next(v for k, v in answer.items() if CSV_NOTE in k)["children"]
    assert note == "This chart has no data to download yet."
    assert next(v for k, v in answer.items() if CSV_DOWNLOAD in k)["data"] is None


def test_a_document_chart_takes_the_card_source_line_and_its_own_rows(app, client):
    from callbacks.policy import matrix_figure

    with app.server.test_request_context("/"):
        figure = json.loads(json.dumps(matrix_figure("document", ""), default=str))
    answer = _click(client, app, "policy-matrix", figure, "Types of support", "Source: ECCP briefing, section 3")
    rows = _rows(next(v for k, v in answer.items() if CSV_DOWNLOAD in k)["data"])
    assert len(rows) == 70 and {r["value"] for r in rows} == {"0", "1"}  # 7 types of support x 10 regions
    assert rows[0]["indicator"].startswith("Recommended: ") and rows[0]["region_code"]
    assert {r["source"] for r in rows} == {"Source: ECCP briefing, section 3"}


def test_the_compare_charts_csv_headers_are_french_and_values_as_in_english(app, client):
    from plotly.utils import PlotlyJSONEncoder

    from components.compare_view import comparison_parts, scatter_parts
    from data.store import current_tables

    with app.server.test_request_context("/compare?lang=fr"):
        tables = current_tables()
        figures = [
            comparison_parts(tables, ["FRE1", "ITC1"], 2021, "radar", "fr")["figure"],
            scatter_parts(tables, ["FRE1"], 2021, "rci", "gdp_pc_pps", "fr")["figure"],
        ]
    for figure in figures:
        figure = json.loads(json.dumps(figure, default=str, cls=PlotlyJSONEncoder))
        french = _rows(
            next(v for k, v in _click(client, app, "compare-x", figure, lang="fr").items() if CSV_DOWNLOAD in k)["data"]
        )
        english = _rows(
            next(v for k, v in _click(client, app, "compare-x", figure).items() if CSV_DOWNLOAD in k)["data"]
        )
        assert list(french[0]) == [
            "indicateur",
            "unité",
            "année",
            "code_région",
            "nom_région",
            "valeur",
            "indicateur_état",
            "source",
        ]
        assert [r["valeur"] for r in french] == [r["value"] for r in english]
