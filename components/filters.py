"""A page's controls: inline at a desk; on a phone folded into a panel opened by a "Filters" button.

One set of controls serves both: Bootstrap's responsive offcanvas (`offcanvas-md`) is a static block from the md
breakpoint up and a side panel below it. dbc.Offcanvas cannot do this: it renders its children in a portal only
while open, so the same controls could not also stand inline. assets/filters.js opens and closes the panel
(Escape, the close button, a click beside it), moves the focus into it and back, and names it a dialog while open.
"""

from __future__ import annotations

from dash import html

from i18n import translator


def filters(name: str, children, title: str | None = None, lang: str = "en") -> html.Div:
    """`children` (the page's control rows, keeping their own classes) in a panel with the id `{name}-filters`;
    `title` comes translated (default: "Filters" in `lang`)."""
    _ = translator(lang)
    title = title or _("Filters")
    panel = f"{name}-filters"
    heading = f"{panel}-title"
    return html.Div(
        [
            html.Button(
                [html.I(className="bi bi-sliders me-1", **{"aria-hidden": "true"}), title],
                type="button",
                className="btn btn-outline-primary btn-sm d-md-none mb-2 filters-open present-hide",
                **{"data-filters-open": "", "aria-controls": panel, "aria-expanded": "false"},
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.H2(title, id=heading, className="offcanvas-title h5"),
                            html.Button(
                                type="button",
                                className="btn-close",
                                **{"data-filters-close": "", "aria-label": _("Close the filters")},
                            ),
                        ],
                        className="offcanvas-header d-md-none",
                    ),
                    html.Div(
                        [
                            *(children if isinstance(children, list) else [children]),
                            html.Button(
                                _("Show the charts"),
                                type="button",
                                className="btn btn-primary d-md-none mt-2",
                                **{"data-filters-close": ""},
                            ),
                        ],
                        className="offcanvas-body",
                    ),
                ],
                id=panel,
                className="offcanvas-md offcanvas-start filters-panel",
                tabIndex="-1",  # named by its heading (`{id}-title`) while it is a dialog, in assets/filters.js
            ),
        ],
        className="filters",
    )
