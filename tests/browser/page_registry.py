"""Every registered page as a URL to open, read from dash.page_registry: a new page cannot escape a test that
visits them all. A page with a path parameter needs a sample value in SAMPLES, or page_urls fails loudly."""

from __future__ import annotations

import dash

SAMPLES = {"/region/<code>": "/region/FRE1", "/briefing/<code>": "/briefing/FRE1"}
NOT_FOUND_MODULE = "pages.not_found_404"  # Dash's 404 page: reached by a path no page has, not by its own path


def registered_pages() -> dict[str, dict]:
    """{path or path template: registry entry} of the app's pages (create the app first), the 404 page left out."""
    return {
        page.get("path_template") or page["path"]: page
        for page in dash.page_registry.values()
        if page["module"] != NOT_FOUND_MODULE
    }


def page_urls() -> list[str]:
    """One URL per registered page, a sample value filled in for a path parameter."""
    pages = registered_pages()
    missing = sorted(p for p in pages if "<" in p and p not in SAMPLES)
    assert not missing, f"registered pages with a path parameter but no sample value in SAMPLES: {missing}"
    return [SAMPLES.get(path, path) for path in pages]
