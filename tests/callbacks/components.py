"""Reading serialised component trees (the JSON Dash sends) in callback tests."""

import json

from plotly.utils import PlotlyJSONEncoder


def text_of(component) -> str:
    """All strings in a serialised component tree, joined by spaces."""
    if isinstance(component, str):
        return component
    if isinstance(component, list):
        return " ".join(text_of(c) for c in component)
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children", ""))
    return "" if component is None else str(component)


def answer_json(client, app, output, values, lang="fr", trigger=None) -> str:
    """A callback's answer in `lang` as the JSON text the browser receives (non-ASCII kept readable)."""
    from benchmarks.harness import call, payload

    body = payload(app, output, {**values, "page-language.data": lang})
    if trigger:
        body["changedPropIds"] = [trigger]
    response = call(client, app, body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return json.dumps(response.get_json()["response"], ensure_ascii=False)


def layout_json(app, module, path, **query) -> str:
    """The layout of `pages.<module>` for `path` and a query, uncached, as JSON text."""
    import importlib

    page = importlib.import_module(f"pages.{module}")
    with app.server.test_request_context(path):
        tree = page.layout.uncached(**query)
    return json.dumps(tree, cls=PlotlyJSONEncoder, ensure_ascii=False)
