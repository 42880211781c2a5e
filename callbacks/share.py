"""Share, embed and display controls: all in the browser (they only read and change the URL)."""
from dash import Input, Output, State

from components.share import COPY_LINK, EMBED_CODE, EMBED_MODAL, EMBED_OPEN, PRESENT, THEME


def register(app):
    app.clientside_callback(
        "function(n) { return window.location.href; }",
        Output(COPY_LINK, "content"), Input(COPY_LINK, "n_clicks"), prevent_initial_call=True,
    )
    app.clientside_callback(
        """function(n, isOpen) {
            const url = new URL(window.location.href);
            url.searchParams.set('embed', '1');
            url.searchParams.delete('present');
            const title = document.title.replace(/"/g, '&quot;');
            const code = '<iframe src="' + url.href + '" title="' + title + '" width="100%" height="720" ' +
                         'style="border:0" loading="lazy"></iframe>';
            return [!isOpen, code];
        }""",
        Output(EMBED_MODAL, "is_open"), Output(EMBED_CODE, "value"),
        Input(EMBED_OPEN, "n_clicks"), State(EMBED_MODAL, "is_open"), prevent_initial_call=True,
    )
    for button, key, on in ((PRESENT, "present", "1"), (THEME, "theme", "dark")):
        app.clientside_callback(
            f"""function(n) {{
                const on = new URLSearchParams(window.location.search).get('{key}') === '{on}';
                window.eucDisplay.setModes({{{key}: on ? null : '{on}'}});
                return window.dash_clientside.no_update;
            }}""",
            Output(button, "n_clicks"), Input(button, "n_clicks"), prevent_initial_call=True,
        )
