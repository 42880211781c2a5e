// Display modes, carried in the URL so a link or a reload keeps them: embed=1 (no chrome, for iframes),
// present=1 (large high-contrast text for screen sharing), theme=dark, and the language (lang=fr). The URL is the truth: the shell's
// dcc.Location (callbacks/display.py) runs `dash_clientside.display.modes` when it changes or a toggle is
// pressed; a toggle writes the Location's href, and Dash pushes it and tells every Location (callback-nav).
(function () {
    'use strict';
    const LOCATION = 'display-url';
    const PARAMS = {embed: ['embed', '1'], present: ['present', '1'], dark: ['theme', 'dark']};
    const TOGGLES = {'share-present.n_clicks': 'present', 'share-theme.n_clicks': 'dark', 'share-language.n_clicks': 'lang'};
    // The page's language as the server chose it (the link's ?lang=, else Accept-Language) and plotly's number
    // separators per language; a link's explicit lang= is kept in every link made from then on.
    const PAGE_LANG = document.documentElement.lang || 'en';
    const SEPARATORS = JSON.parse(document.documentElement.getAttribute('data-separators') || '{}');
    const LANGS = Object.keys(SEPARATORS).length ? Object.keys(SEPARATORS) : ['en'];
    // Names this script gives unlabelled controls, per language (components/language.py).
    const TEXTS = JSON.parse(document.documentElement.getAttribute('data-texts') || '{}');
    function text(key, english) { return ((TEXTS[language(current)] || {})[key]) || english; }

    function fromSearch(search) {
        const p = new URLSearchParams(search || '');
        const modes = {};
        Object.keys(PARAMS).forEach(function (m) { modes[m] = p.get(PARAMS[m][0]) === PARAMS[m][1]; });
        const lang = (p.get('lang') || '').toLowerCase().slice(0, 2);
        modes.lang = LANGS.indexOf(lang) >= 0 ? lang : null;
        return modes;
    }

    function language(modes) { return modes.lang || PAGE_LANG; }

    // `search` with the modes on in `modes` appended where missing; with `replace`, other mode values removed
    // first. The rest of the query is kept as written (URLSearchParams would re-encode "FRE1,ITC1").
    function withModes(search, modes, replace) {
        const p = new URLSearchParams(search || '');
        const keys = Object.keys(PARAMS).map((m) => PARAMS[m][0]).concat(modes.lang ? ['lang'] : []);
        let parts = (search || '').replace(/^\?/, '').split('&').filter(Boolean);
        if (replace) { parts = parts.filter((part) => keys.indexOf(decodeURIComponent(part.split('=')[0])) < 0); }
        Object.keys(PARAMS).forEach(function (m) {
            const [key, on] = PARAMS[m];
            if (modes[m] && (replace || p.get(key) !== on)) { parts.push(key + '=' + on); }
        });
        if (modes.lang && (replace || !p.get('lang'))) { parts.push('lang=' + modes.lang); }
        return parts.length ? '?' + parts.join('&') : '';
    }

    let current = fromSearch(window.location.search);

    function same(a, b) { return a.lang === b.lang && Object.keys(PARAMS).every((m) => a[m] === b[m]); }

    function applyToPage() {
        document.documentElement.setAttribute('data-bs-theme', current.dark ? 'dark' : 'light');
        document.documentElement.lang = language(current);
        // AG Grid's built-in themes follow this attribute on an ancestor (its colour-scheme variable).
        document.documentElement.setAttribute('data-ag-theme-mode', current.dark ? 'dark' : 'light');
        if (document.body) {
            document.body.classList.toggle('embed', current.embed);
            document.body.classList.toggle('present', current.present);
        }
    }

    function show(modes) {
        if (same(modes, current)) { return; }
        current = Object.assign({}, modes);
        applyToPage();
        document.querySelectorAll('.js-plotly-plot').forEach(function (gd) { styleGraph(gd, true); });
        window.dispatchEvent(new CustomEvent('eucdisplaychange', {detail: Object.assign({}, current)}));
    }

    // Links, dcc.Link and the pages' own Locations push URLs built without the display modes: give a pushed
    // URL the modes on in this document (replacing the entry, so Back still goes to the page before). The
    // Navigation API tells of every push; Dash's Locations read the URL after this listener has run.
    if (window.navigation) {
        window.navigation.addEventListener('currententrychange', function (event) {
            if (event.navigationType !== 'push') { return; }  // back, forward and reload show the URL as it is
            const url = new URL(window.location.href);
            const search = withModes(url.search, current, false);
            if (search !== url.search) { window.history.replaceState(window.history.state, '', url.pathname + search + url.hash); }
        });
    }

    // Figures are built light and at desk size; presentation and dark mode restyle them in place, through
    // Plotly's public relayout/restyle, so plotly lays the text out at its new size (labels do not collide, as
    // they would if only CSS enlarged them). What was changed is remembered per graph and put back when the
    // mode is switched off.
    // The smallest chart text: 18 px in presentation, 12 px on a phone (plotly's 70% <sup> and the builders'
    // 10-11 px notes would read at 7-11 px there), none at a desk.
    const PRESENT_MIN = 18;
    const PHONE_MIN = 12;
    const phone = window.matchMedia('(max-width: 575.98px)');
    function minSize() { return current.present ? PRESENT_MIN : (phone.matches ? PHONE_MIN : 0); }
    const styled = new WeakSet();  // layouts already restyled (a new figure from the server is a new layout)
    const saved = new WeakMap();  // graph -> {layout, values, traces} to put back
    const watched = new WeakSet();

    function get(obj, path) {
        return path.split('.').reduce(function (o, k) { return (o === undefined || o === null) ? undefined : o[k]; }, obj);
    }

    function axisKeys(layout) {
        return Object.keys(layout || {}).filter((k) => /^[xy]axis\d*$/.test(k));
    }

    // <sup> draws at 70% of the font: with a minimum size, a second line at that size instead.
    function unshrink(text, min) {
        return text.replace(/<sup>/g, '<span style="font-size:' + min + 'px">').replace(/<\/sup>/g, '</span>');
    }

    // Greedy word wrap of each line of a title (lines split at <br>) to `width` px at `size` px. Markup is kept
    // whole inside the word it touches and counts no width (plotly carries a <span>'s style across a <br>).
    const CHAR_EM = 0.6;  // a generous average glyph width, so that a wrapped line fits
    function wrapTitle(text, width, size) {
        const chars = Math.max(12, Math.floor(width / (size * CHAR_EM)));
        return text.split(/<br\s*\/?>/i).map(function (line) {
            const words = [];  // [markup and text, visible length]
            let word = ['', 0];
            (line.match(/<[^>]*>|[^<\s]+|\s+/g) || []).forEach(function (token) {
                if (/^\s+$/.test(token)) { if (word[0]) { words.push(word); word = ['', 0]; } return; }
                word = [word[0] + token, word[1] + (token[0] === '<' ? 0 : token.length)];
            });
            if (word[0]) { words.push(word); }
            const lines = [];
            let current = null;
            words.forEach(function (w) {
                if (current && current[1] + 1 + w[1] > chars) { lines.push(current[0]); current = null; }
                current = current ? [current[0] + ' ' + w[0], current[1] + 1 + w[1]] : w.slice();
            });
            if (current) { lines.push(current[0]); }
            return lines.length > 1 ? lines.join('<br>') : line;
        }).join('<br>');
    }

    // The width a title has from where it is anchored to the chart's edge (or to both edges when centred).
    function titleWidth(gd) {
        const fl = gd._fullLayout;
        if (!fl || !fl.width) { return gd.clientWidth ? gd.clientWidth - 16 : 0; }
        const t = fl.title || {};
        const x = typeof t.x === 'number' ? t.x : 0.5;
        const at = t.xref === 'paper' && fl._size ? fl._size.l + x * fl._size.w : x * fl.width;
        const anchor = t.xanchor === 'auto' || !t.xanchor ? (x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'center') : t.xanchor;
        const room = anchor === 'left' ? fl.width - at : anchor === 'right' ? at : 2 * Math.min(at, fl.width - at);
        return room - 12;
    }

    // A title still drawn above the chart's top (a font made larger than the figure planned for): the top margin
    // grows by what is cut, recorded with the mode's other changes so that it is put back with them.
    function fitTitle(gd) {
        const fl = gd._fullLayout, svg = gd.querySelector('svg.main-svg'), title = gd.querySelector('.infolayer .gtitle');
        if (!fl || !svg || !title || !minSize()) { return; }
        const cut = svg.getBoundingClientRect().top - title.getBoundingClientRect().top;
        if (cut <= 1) { return; }
        const o = {'margin.t': fl.margin.t + Math.ceil(cut) + 4};  // a title on the plot (yref paper) moves with it
        if (fl.title.yref !== 'paper' && typeof fl.title.y === 'number') {
            o['title.y'] = fl.title.y - (cut + 4) / fl.height;  // one placed in the page moves down itself
        }
        const before = saved.get(gd);
        Object.keys(o).forEach(function (k) {
            if (before && !(k in before.values)) { const v = get(gd.layout, k); before.values[k] = v === undefined ? null : v; }
        });
        window.Plotly.relayout(gd, o);
    }

    function lineCount(text) { return text.split(/<br\s*\/?>/i).length; }

    function layoutOverrides(gd) {
        const m = current;
        const layout = gd.layout || {};
        const o = {};
        const min = minSize();
        const separators = SEPARATORS[language(m)];
        if (separators && separators !== (layout.separators || '.,')) { o.separators = separators; }
        if (m.present) {
            o['font.size'] = 20;
            o['font.color'] = m.dark ? '#ffffff' : '#000000';
            o['title.font.size'] = 26;
            o['legend.font.size'] = PRESENT_MIN;
            o['hoverlabel.font.size'] = PRESENT_MIN;
        }
        if (min) {
            const small = (path) => { const v = get(layout, path); if (typeof v === 'number' && v < min) { o[path] = min; } };
            ['font.size', 'legend.font.size', 'title.font.size', 'title.subtitle.font.size'].forEach((path) => { if (!(path in o)) { small(path); } });
            axisKeys(layout).forEach(function (k) { small(k + '.tickfont.size'); small(k + '.title.font.size'); });
            Object.keys(layout).filter((k) => /^polar\d*$/.test(k)).forEach(function (k) {
                small(k + '.radialaxis.tickfont.size');
                small(k + '.angularaxis.tickfont.size');
            });
            (layout.annotations || []).forEach(function (a, i) {
                const size = a && a.font && a.font.size;
                // Without a size of its own an annotation has the figure's (20 px in presentation, 13 px else).
                if (typeof size === 'number' ? size < min : m.present) { o['annotations[' + i + '].font.size'] = min; }
                if (a && typeof a.text === 'string' && a.text.indexOf('<sup>') >= 0) { o['annotations[' + i + '].text'] = unshrink(a.text, min); }
            });
            axisKeys(layout).forEach(function (k) {
                const t = get(layout, k + '.title.text');
                if (typeof t === 'string' && t.indexOf('<sup>') >= 0) { o[k + '.title.text'] = unshrink(t, min); }
            });
            // A title's <sup> line: 70% of 26 px is enough in presentation, 70% of 16 px is not on a phone.
            const title = typeof layout.title === 'string' ? layout.title : get(layout, 'title.text');
            let shown = title;
            if (!m.present && typeof title === 'string' && title.indexOf('<sup>') >= 0) { shown = unshrink(title, min); }
            // A title wider than the chart (a phone, or presentation's larger font) wraps onto more lines, and
            // the plot moves down to make room for them, instead of being cut at the right edge.
            const size = o['title.font.size'] || get(layout, 'title.font.size') || 16;
            const width = titleWidth(gd);
            const wrapped = typeof shown === 'string' && width ? wrapTitle(shown, width, size) : shown;
            if (wrapped !== title) { o['title.text'] = wrapped; }
            const extra = typeof wrapped === 'string' ? lineCount(wrapped) - lineCount(shown) : 0;
            if (extra > 0) {
                const top = get(layout, 'margin.t') ?? get(gd._fullLayout || {}, 'margin.t') ?? 80;
                o['margin.t'] = top + Math.ceil(extra * size * 1.3);
            }
            // Bar text too small to fit at the minimum is hidden (its value stays in the hover and the table).
            o['uniformtext.minsize'] = min;
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
        const min = minSize();
        if (!min) { return out; }
        (gd.data || []).forEach(function (trace, i) {
            const o = {};
            ['textfont', 'insidetextfont', 'outsidetextfont'].forEach(function (key) {
                const size = trace[key] && trace[key].size;
                if (typeof size === 'number' && size < min) { o[key + '.size'] = min; }
            });
            // Values outside bars keep their size (plotly would shrink them to fit); inside ones obey uniformtext.
            if (trace.type === 'bar' && trace.text !== undefined && trace.constraintext !== 'inside') {
                o.constraintext = 'inside';
                o.cliponaxis = false;
            }
            if (trace.colorbar && trace.colorbar.tickfont && trace.colorbar.tickfont.size < min) {
                o['colorbar.tickfont.size'] = min;
            }
            if (Object.keys(o).length) { out.push([i, o]); }
        });
        return out;
    }

    function styleGraph(gd, force) {
        if (!window.Plotly || !gd.layout || (!force && styled.has(gd.layout))) { return; }
        styled.add(gd.layout);
        // Put back what an earlier mode changed (a figure from the server starts afresh: nothing to put back).
        const before = saved.get(gd);
        if (before && before.layout === gd.layout) {
            before.traces.forEach(function (t) { window.Plotly.restyle(gd, t[1], [t[0]]); });
            if (Object.keys(before.values).length) { window.Plotly.relayout(gd, before.values); }
        }
        const o = layoutOverrides(gd);
        const traces = traceOverrides(gd);
        const values = {};
        Object.keys(o).forEach(function (k) { const v = get(gd.layout, k); values[k] = v === undefined ? null : v; });
        saved.set(gd, {layout: gd.layout, values: values, traces: traces.map(function (t) {
            const back = {};
            Object.keys(t[1]).forEach(function (k) { const v = get(gd.data[t[0]], k); back[k] = v === undefined ? null : v; });
            return [t[0], back];
        })});
        traces.forEach(function (t) { window.Plotly.restyle(gd, t[1], [t[0]]); });
        const done = Object.keys(o).length ? window.Plotly.relayout(gd, o) : Promise.resolve();
        Promise.resolve(done).then(function () { fitTitle(gd); });
    }

    // Once per graph: restyle each figure it draws (plotly_afterplot follows every new figure).
    function watch(gd) {
        if (watched.has(gd) || !gd.on) { return; }
        watched.add(gd);
        gd.on('plotly_afterplot', function () { styleGraph(gd, false); });
        styleGraph(gd, false);
    }

    // Dash 4's dropdown keeps a focusable input marked aria-hidden (an axe "aria-hidden-focus" error):
    // expose it to assistive technology under the name of the dropdown's label instead.
    function labelDropdownFocusTargets() {
        document.querySelectorAll('input.dash-dropdown-focus-target[aria-hidden]').forEach(function (input) {
            input.removeAttribute('aria-hidden');
            const owner = input.closest('[id]');
            const label = owner && document.querySelector('label[for="' + owner.id + '"]');
            input.setAttribute('aria-label', label ? label.textContent.trim() : text('option', 'Choose an option'));
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
            thumb.setAttribute('aria-label', label ? label.textContent.trim() : text('value', 'Choose a value'));
        });
        // dcc.Upload's hidden file input has no label of its own: name it after its drop zone.
        document.querySelectorAll('input[type="file"]:not([aria-label])').forEach(function (input) {
            const zone = input.parentElement;
            input.setAttribute('aria-label', (zone && zone.textContent.trim()) || text('file', 'Choose a file to upload'));
        });
    }

    // New elements (a page, a graph, a dropdown): label them, and watch new graphs.
    new MutationObserver(function (records) {
        if (!records.some((r) => r.addedNodes.length)) { return; }
        document.querySelectorAll('.js-plotly-plot').forEach(watch);
        labelDropdownFocusTargets();
    }).observe(document.documentElement, {childList: true, subtree: true});
    // A phone turned or a window narrowed past the phone width: every chart to the new minimum.
    phone.addEventListener('change', function () {
        document.querySelectorAll('.js-plotly-plot').forEach(function (gd) { styleGraph(gd, true); });
    });
    applyToPage();  // before Dash renders: no flash of the light theme
    document.addEventListener('DOMContentLoaded', applyToPage);

    // The modes `modes` (missing ones unchanged) shown now; returns the address that carries them. The full
    // address from the browser, not the Location's search: the pages' own Locations change the URL unannounced.
    function set(modes) {
        show(Object.assign({}, current, modes));
        const url = new URL(window.location.href);
        url.search = withModes(url.search, current, true);
        return url.href;
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {display: {
        // The shell Location's href changed (first render, a link, back or forward) or a toggle was pressed.
        modes: function (href) {
            const triggered = (window.dash_clientside.callback_context.triggered || []).map((t) => t.prop_id);
            const toggle = triggered.map((id) => TOGGLES[id]).find(Boolean);
            if (toggle === 'lang') { return set({lang: LANGS[(LANGS.indexOf(language(current)) + 1) % LANGS.length]}); }
            if (toggle) { return set({[toggle]: !current[toggle]}); }
            const shown = fromSearch(typeof href === 'string' ? new URL(href, window.location.href).search : window.location.search);
            // Without the Navigation API a link drops the modes from the URL: keep those on in this document.
            if (!window.navigation) {
                Object.keys(PARAMS).forEach(function (m) { shown[m] = shown[m] || current[m]; });
                shown.lang = shown.lang || current.lang;
            }
            show(shown);
            return window.dash_clientside.no_update;
        },
        // The view's language for the shell's labels (callbacks/shell.py): sent when it changes; an English first
        // render sends nothing (the shell is drawn in English).
        language: function (href, stored) {
            const lang = language(fromSearch(typeof href === 'string' ? new URL(href, window.location.href).search : window.location.search));
            if (lang === stored || (!stored && lang === 'en')) { return window.dash_clientside.no_update; }
            return lang;
        },
    }});

    // For a deck (assets/slides.js) showing this document in its frame: show `modes` and put them in the URL
    // through the shell's Location.
    window.eucDisplay = {
        modes: function () { return Object.assign({}, current); },
        set: function (modes) {
            const href = set(modes);
            try { window.dash_clientside.set_props(LOCATION, {href: href}); } catch (err) { /* not rendered yet */ }
        },
    };
})();
