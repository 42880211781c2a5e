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

    // Figures are built light and at desk size; presentation and dark mode restyle them in place, through
    // Plotly's public relayout/restyle, so plotly lays the text out at its new size (labels do not collide, as
    // they would if only CSS enlarged them). What was changed is remembered on the graph and put back when the
    // mode is switched off.
    const PRESENT_MIN = 18;

    function get(obj, path) {
        return path.split('.').reduce(function (o, k) { return (o === undefined || o === null) ? undefined : o[k]; }, obj);
    }

    function axisKeys(layout) {
        return Object.keys(layout || {}).filter((k) => /^[xy]axis\d*$/.test(k));
    }

    // <sup> draws at 70% of the font: in presentation mode a second line at the minimum size instead.
    function unshrink(text) {
        return text.replace(/<sup>/g, '<span style="font-size:' + PRESENT_MIN + 'px">').replace(/<\/sup>/g, '</span>');
    }

    function layoutOverrides(gd) {
        const m = modes();
        const layout = gd.layout || {};
        const o = {};
        if (m.present) {
            o['font.size'] = 20;
            o['font.color'] = m.dark ? '#ffffff' : '#000000';
            o['title.font.size'] = 26;
            o['legend.font.size'] = PRESENT_MIN;
            o['hoverlabel.font.size'] = PRESENT_MIN;
            const small = (path) => { const v = get(layout, path); if (typeof v === 'number' && v < PRESENT_MIN) { o[path] = PRESENT_MIN; } };
            axisKeys(layout).forEach(function (k) { small(k + '.tickfont.size'); small(k + '.title.font.size'); });
            Object.keys(layout).filter((k) => /^polar\d*$/.test(k)).forEach(function (k) {
                small(k + '.radialaxis.tickfont.size');
                small(k + '.angularaxis.tickfont.size');
            });
            (layout.annotations || []).forEach(function (a, i) {
                const size = a && a.font && a.font.size;
                if (typeof size !== 'number' || size < PRESENT_MIN) { o['annotations[' + i + '].font.size'] = PRESENT_MIN; }
                if (a && typeof a.text === 'string' && a.text.indexOf('<sup>') >= 0) { o['annotations[' + i + '].text'] = unshrink(a.text); }
            });
            axisKeys(layout).forEach(function (k) {
                const t = get(layout, k + '.title.text');
                if (typeof t === 'string' && t.indexOf('<sup>') >= 0) { o[k + '.title.text'] = unshrink(t); }
            });
            // Bar text too small to fit at the minimum is hidden (its value stays in the hover and the table).
            o['uniformtext.minsize'] = PRESENT_MIN;
            o['uniformtext.mode'] = 'hide';
        }
        if (m.dark) {
            o['paper_bgcolor'] = '#212529';
            o['plot_bgcolor'] = '#212529';
            o['font.color'] = '#f8f9fa';
            o['geo.bgcolor'] = '#212529';
            const NOT_CARTESIAN = ['choropleth', 'scattergeo', 'pie', 'scatterpolar', 'barpolar', 'sankey', 'table'];
            const cartesian = (gd.data || []).some((t) => NOT_CARTESIAN.indexOf(t.type || 'scatter') < 0);
            const keys = axisKeys(layout).concat(cartesian ? ['xaxis', 'yaxis'] : []);
            keys.filter((k, i) => keys.indexOf(k) === i).forEach(function (k) {
                o[k + '.gridcolor'] = '#495057';
                o[k + '.zerolinecolor'] = '#6c757d';
            });
        }
        return o;
    }

    // Trace text (bar values, heatmap cells, point labels) set smaller than the minimum, per trace.
    function traceOverrides(gd) {
        const out = [];
        if (!modes().present) { return out; }
        (gd.data || []).forEach(function (trace, i) {
            const o = {};
            ['textfont', 'insidetextfont', 'outsidetextfont'].forEach(function (key) {
                const size = trace[key] && trace[key].size;
                if (typeof size === 'number' && size < PRESENT_MIN) { o[key + '.size'] = PRESENT_MIN; }
            });
            // Values outside bars keep their size (plotly would shrink them to fit); inside ones obey uniformtext.
            if (trace.type === 'bar' && trace.text !== undefined && trace.constraintext !== 'inside') {
                o.constraintext = 'inside';
                o.cliponaxis = false;
            }
            if (trace.colorbar && trace.colorbar.tickfont && trace.colorbar.tickfont.size < PRESENT_MIN) {
                o['colorbar.tickfont.size'] = PRESENT_MIN;
            }
            if (Object.keys(o).length) { out.push([i, o]); }
        });
        return out;
    }

    function styleGraph(gd, force) {
        if (!window.Plotly || !gd.layout || (!force && patched.has(gd.layout))) { return; }
        patched.add(gd.layout);
        // Put back what an earlier mode changed (a figure from the server starts afresh: nothing to put back).
        const saved = gd.eucSaved && gd.eucSaved.layout === gd.layout ? gd.eucSaved : null;
        if (saved) {
            saved.traces.forEach(function (t) { window.Plotly.restyle(gd, t[1], [t[0]]); });
            if (Object.keys(saved.values).length) { window.Plotly.relayout(gd, saved.values); }
        }
        const o = layoutOverrides(gd);
        const traces = traceOverrides(gd);
        const values = {};
        Object.keys(o).forEach(function (k) { const v = get(gd.layout, k); values[k] = v === undefined ? null : v; });
        gd.eucSaved = {layout: gd.layout, values: values, traces: traces.map(function (t) {
            const back = {};
            Object.keys(t[1]).forEach(function (k) { const v = get(gd.data[t[0]], k); back[k] = v === undefined ? null : v; });
            return [t[0], back];
        })};
        traces.forEach(function (t) { window.Plotly.restyle(gd, t[1], [t[0]]); });
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
        // Dash 4's multi-value dropdown names itself "N selected, values" while it shows "values, N selected"
        // (an axe label-content-name-mismatch): name it in the order it reads.
        document.querySelectorAll('button.dash-dropdown[aria-labelledby$="-value"]').forEach(function (button) {
            const ids = button.getAttribute('aria-labelledby').split(/\s+/);
            if (ids.length === 2 && /-value-count$/.test(ids[0])) { button.setAttribute('aria-labelledby', ids[1] + ' ' + ids[0]); }
        });
        // Dash 4's slider thumb (role="slider") has no name: give it the one of the slider's label.
        document.querySelectorAll('[role="slider"]:not([aria-label]):not([aria-labelledby])').forEach(function (thumb) {
            const owner = thumb.closest('[id]');
            const label = owner && document.querySelector('label[for="' + owner.id + '"]');
            thumb.setAttribute('aria-label', label ? label.textContent.trim() : 'Choose a value');
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
