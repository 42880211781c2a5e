"""Share and embed controls: all in the browser (they only read the URL). The display toggles: callbacks/display.py."""

from dash import Input, Output, State

from components.share import COPIED, COPY_LINK, EMBED_CODE, EMBED_MODAL, EMBED_OPEN, SHARE_TEXTS


def register(app):
    # Copy the address of this view: the Clipboard API where the page is a secure context, else the older
    # copy command (plain http on an intranet). Says "Link copied" where the button is, for two seconds.
    app.clientside_callback(
        """function(n, texts) {
            const href = window.location.href;
            const say = (text) => {
                window.dash_clientside.set_props('share-copy-status', {children: text});
                window.setTimeout(() => window.dash_clientside.set_props('share-copy-status', {children: ''}), 2500);
            };
            const fallback = () => {
                const area = document.createElement('textarea');
                area.value = href;
                area.setAttribute('readonly', '');
                area.style.position = 'fixed';
                area.style.opacity = '0';
                document.body.appendChild(area);
                area.select();
                let ok = false;
                try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
                area.remove();
                document.getElementById('share-copy-link').focus();
                say(ok ? texts.copied : texts.fallback);
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(href).then(() => say(texts.copied), fallback);
            } else {
                fallback();
            }
            return href;
        }""",
        Output(COPIED, "data"),
        Input(COPY_LINK, "n_clicks"),
        State(SHARE_TEXTS, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        """function(n, isOpen, texts) {
            const url = new URL(window.location.href);
            url.searchParams.set('embed', '1');
            url.searchParams.delete('present');
            // The view's own title: the page's heading names it; Dash's title is 'Updating...' mid-update.
            const heading = document.querySelector('#page-content h1');
            const own = (document.title && !/^Updating/.test(document.title)) ? document.title
                : (heading ? heading.textContent.trim() + ' · ' + texts.app : texts.app);
            const title = own.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
            const code = '<iframe src="' + url.href + '" title="' + title + '" width="100%" height="720" ' +
                         'style="border:0" loading="lazy"></iframe>';
            return [!isOpen, code];
        }""",
        Output(EMBED_MODAL, "is_open"),
        Output(EMBED_CODE, "value"),
        Input(EMBED_OPEN, "n_clicks"),
        State(EMBED_MODAL, "is_open"),
        State(SHARE_TEXTS, "data"),
        prevent_initial_call=True,
    )
