"""Reading serialised component trees (the JSON Dash sends) in callback tests."""


def text_of(component) -> str:
    """All strings in a serialised component tree, joined by spaces."""
    if isinstance(component, str):
        return component
    if isinstance(component, list):
        return " ".join(text_of(c) for c in component)
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children", ""))
    return "" if component is None else str(component)
