"""Region dropdowns: layouts carry only the chosen regions' options; the full list is one cached file."""

import json

from callbacks.region_picker import DROPDOWNS
from components.region_picker import OPTIONS_PATH, options_source_id
from tests.callbacks.components import layout_json


def test_the_options_file_lists_every_region_and_is_not_sent_again_unchanged(client):
    first = client.get(OPTIONS_PATH)
    options = {o["value"]: o for o in first.get_json()}
    assert len(options) > 400 and {"FR", "FRE", "FRE1", "PT1A"} <= set(options)
    assert options["FRE1"]["label"].endswith("(FRE1)") and "France NUTS 2" in options["FRE1"]["search"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get(OPTIONS_PATH, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_a_region_page_sends_its_chosen_regions_options_only(app):
    page = layout_json(app, "region", "/region/FRE1?regions=ITC1", code="FRE1", regions="ITC1", lang="en")
    assert len(page) < 100_000
    assert "(ITC1)" in page and "(PT1A)" not in page  # the added region's label, not the 450 others
    tree = json.loads(page)
    sources = {}

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if str(props.get("id", "")).endswith("-options-source"):
                sources[props["id"]] = props["data"]
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    assert sources["region-regions-options-source"] == {"url": OPTIONS_PATH, "exclude": ["FRE1"]}
    assert set(sources) <= {options_source_id(d) for d in DROPDOWNS}


def test_every_region_dropdown_has_its_options_callback(app):
    for ident in DROPDOWNS:
        assert f"{ident}.options" in app.callback_map, ident
