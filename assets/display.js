// Display modes carried in the URL and kept across navigation: embed=1 (no chrome, for iframes),
// present=1 (large high-contrast text for screen sharing), theme=dark. Applied without a server round trip.
(function () {
    'use strict';
    const STICKY = ['embed', 'present', 'theme'];
    const patched = new WeakSet();

    function modes() {
        const p = new URLSearchParams(window.location.search);
        return {embed: p.get('embed') === '1', present: p.get('present') === '1', dark: p.get('theme') === 'dark'};
    }

    function applyToPage() {
        const m = modes();
        document.documentElement.setAttribute('data-bs-theme', m.dark ? 'dark' : 'light');
        // AG Grid's built-in themes follow this attribute on an ancestor (its colour-scheme variable).
        document.documentElement.setAttribute('data-ag-theme-mode', m.dark ? 'dark' : 'light');
        if (document.body) {
            document.body.classList.toggle('embed', m.embed);
            document.body.classList.toggle('present', m.present);
        }
        document.querySelectorAll('.js-plotly-plot').forEach(function (gd) { styleGraph(gd, true); });
    }

    // Figures are built light and at desk size; presentation and dark mode restyle them in place.
    function overrides(gd) {
        const m = modes();
        const fl = gd._fullLayout || {};
        const o = {};
        if (m.present) {
            o['font.size'] = 20;
            o['font.color'] = m.dark ? '#ffffff' : '#000000';
            o['title.font.size'] = 26;
            o['legend.font.size'] = 18;
            o['hoverlabel.font.size'] = 18;
        }
        if (m.dark) {
            o['paper_bgcolor'] = '#212529';
            o['plot_bgcolor'] = '#212529';
            o['font.color'] = '#f8f9fa';
            o['geo.bgcolor'] = '#212529';
            Object.keys(fl).filter((k) => /^[xy]axis\d*$/.test(k)).forEach(function (k) {
                o[k + '.gridcolor'] = '#495057';
                o[k + '.zerolinecolor'] = '#6c757d';
            });
        }
        return o;
    }

    function styleGraph(gd, force) {
        if (!window.Plotly || !gd.layout || (!force && patched.has(gd.layout))) { return; }
        const o = overrides(gd);
        patched.add(gd.layout);
        if (Object.keys(o).length) { window.Plotly.relayout(gd, o); }
    }

    function watch(gd) {
        if (gd._displayWatched || !gd.on) { return; }
        gd._displayWatched = true;
        gd.on('plotly_afterplot', function () { styleGraph(gd, false); });
        styleGraph(gd, false);
    }

    const pushState = window.history.pushState;
    window.history.pushState = function (state, title, url) {
        if (url) {
            const next = new URL(url, window.location.href);
            if (next.origin === window.location.origin) {
                const current = new URLSearchParams(window.location.search);
                STICKY.forEach(function (k) {
                    if (current.has(k) && !next.searchParams.has(k)) { next.searchParams.set(k, current.get(k)); }
                });
                url = next.pathname + next.search + next.hash;
            }
        }
        const result = pushState.call(this, state, title, url);
        applyToPage();
        return result;
    };
    window.addEventListener('popstate', applyToPage);
    // Dash 4's dropdown keeps a focusable input marked aria-hidden (an axe "aria-hidden-focus" error):
    // expose it to assistive technology under the name of the dropdown's label instead.
    function labelDropdownFocusTargets() {
        document.querySelectorAll('input.dash-dropdown-focus-target[aria-hidden]').forEach(function (input) {
            input.removeAttribute('aria-hidden');
            const owner = input.closest('[id]');
            const label = owner && document.querySelector('label[for="' + owner.id + '"]');
            input.setAttribute('aria-label', label ? label.textContent.trim() : 'Choose an option');
        });
        // dcc.Upload's hidden file input has no label of its own: name it after its drop zone.
        document.querySelectorAll('input[type="file"]:not([aria-label])').forEach(function (input) {
            const zone = input.parentElement;
            input.setAttribute('aria-label', (zone && zone.textContent.trim()) || 'Choose a file to upload');
        });
    }

    new MutationObserver(function () {
        document.querySelectorAll('.js-plotly-plot').forEach(watch);
        labelDropdownFocusTargets();
    }).observe(document.documentElement, {childList: true, subtree: true});
    applyToPage();
    document.addEventListener('DOMContentLoaded', applyToPage);

    // Change display parameters of this page's URL (value null removes one) without reloading. Every
    // dcc.Location is told, as dcc.Link does: otherwise a page's Location keeps the old href and pushes it back
    // on its next update, dropping the control just changed.
    function setModes(changes) {
        const url = new URL(window.location.href);
        Object.keys(changes).forEach(function (key) {
            if (changes[key] === null) { url.searchParams.delete(key); } else { url.searchParams.set(key, changes[key]); }
        });
        window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
        window.eucDisplay.apply();
    }

    window.eucDisplay = {modes: modes, apply: applyToPage, setModes: setModes};
})();
