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
    const boxes = new WeakMap();  // graph -> its box's own style height, while a mode has grown it
    const planned = new WeakMap();  // a figure's traces -> its plot's height (px) as drawn before any mode's change

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
        return wrapChars(text, Math.max(12, Math.floor(width / (size * CHAR_EM))));
    }

    // The same, to `chars` visible characters a line.
    function wrapChars(text, chars) {
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
    // Plotly places a title with automargin from the margin it had when drawn: measured again after each change,
    // for a few rounds.
    function fitTitle(gd, round) {
        const fl = gd._fullLayout, svg = gd.querySelector('svg.main-svg'), title = gd.querySelector('.infolayer .gtitle');
        if (!fl || !svg || !title || !minSize() || (round || 0) > 3) { return null; }
        const cut = svg.getBoundingClientRect().top - title.getBoundingClientRect().top;
        if (cut <= 1) { return null; }
        const o = {'margin.t': fl.margin.t + Math.ceil(cut) + 4};  // a title on the plot (yref paper) moves with it
        if (fl.title.yref !== 'paper' && typeof fl.title.y === 'number') {
            o['title.y'] = fl.title.y - (cut + 4) / fl.height;  // one placed in the page moves down itself
        }
        return Promise.resolve(relayoutRecorded(gd, o)).then(() => fitTitle(gd, (round || 0) + 1));
    }

    function lineCount(text) { return text.split(/<br\s*\/?>/i).length; }

    // --- Labels fitted to the room a phone (or presentation's larger font) leaves them ---------------------------
    const LABEL_SHARE = 0.3;  // a phone's category labels: at most this share of the chart's width
    const POLAR_LABEL_SHARE = 0.2;  // a radar's labels, on each side of the circle

    const ENTITIES = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'"};
    function visible(text) { return String(text).replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]); }
    function escaped(text) { return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }

    // A label cut to `chars` characters with an ellipsis (markup dropped); a trailing "(CODE)" is kept whole.
    // Where fewer than five letters of the name would be left ("1. E… (IE06)" on a phone), the code alone after
    // any rank ("1. IE06"): a code reads better than a stub, and the hover still gives the whole name.
    function shorten(text, chars) {
        const plain = visible(text);
        if (plain.length <= chars) { return text; }
        const m = plain.match(/^(.*?)(\s*\(([^()]{1,10})\))$/);
        const tail = m ? m[2] : '';
        const head = m ? m[1] : plain;
        const keep = Math.max(3, chars - tail.length - 1);
        const rank = (head.match(/^\d+\.\s+/) || [''])[0];
        if (m && keep - rank.length < 5) { return escaped(rank + m[3]); }
        return escaped(head.slice(0, keep).trimEnd() + '…' + tail);
    }

    // A label in at most `lines` lines of `chars` characters (wrapped at words, the rest cut with an ellipsis).
    function fitLabel(text, chars, lines) {
        text = String(text);
        const parts = wrapChars(text, chars).split(/<br\s*\/?>/i);
        if (parts.length <= lines && parts.every((p) => visible(p).length <= chars)) { return parts.length > 1 ? parts.join('<br>') : text; }
        const kept = parts.slice(0, lines - 1).map((p) => shorten(p, chars));  // a word longer than a line is cut
        const rest = parts.slice(lines - 1).join(' ');
        return kept.concat([shorten(rest, chars)]).join('<br>');
    }

    function axisOf(ref, letter) {  // 'x3' or 'x3 domain' -> 'xaxis3'
        const id = String(ref || letter).split(' ')[0];
        return letter + 'axis' + id.slice(1);
    }

    // Which axes show category labels side by side (left of the plot: a y axis).
    function categoryAxes(fl, letter) {
        return axisKeys(fl).filter(function (k) {
            const ax = fl[k];
            return k[0] === letter && ax && ax.type === 'category' && ax.visible !== false && ax.showticklabels !== false && ax._length > 0;
        });
    }

    function categoryCount(ax) {
        const r = ax.range || [];
        const n = typeof r[0] === 'number' && typeof r[1] === 'number' ? Math.round(Math.abs(r[1] - r[0])) : 0;
        return n || (ax._categories || []).length;
    }

    function tickSize(o, layout, fl, k) {
        return o[k + '.tickfont.size'] || get(layout, k + '.tickfont.size') || o['font.size'] || (fl[k].tickfont || {}).size || 12;
    }

    // A phone: a y axis's category labels (heatmap rows, bar names) wrapped at words and cut to a share of the
    // chart's width, so that the cells and bars keep most of it; the hover still gives the whole name.
    function fitCategoryLabels(gd, o) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        categoryAxes(fl, 'y').forEach(function (k) {
            const ax = fl[k], own = layout[k] || {};
            const listed = (own.tickmode === 'array' || own.tickmode === undefined) && Array.isArray(own.tickvals) && Array.isArray(own.ticktext);
            const vals = listed ? own.tickvals : (ax._categories || []);
            const texts = listed ? own.ticktext : vals;
            if (!vals.length) { return; }
            const size = tickSize(o, layout, fl, k);
            const chars = Math.max(8, Math.floor(fl.width * LABEL_SHARE / (size * CHAR_EM)));
            const lines = Math.max(1, Math.min(3, Math.floor(ax._length / categoryCount(ax) / (size * 1.25))));
            const fitted = texts.map((t) => fitLabel(t, chars, lines));
            if (fitted.some((t, i) => t !== String(texts[i]))) {
                o[k + '.tickmode'] = 'array';
                o[k + '.tickvals'] = vals.slice();
                o[k + '.ticktext'] = fitted;
            }
        });
    }

    // A phone: an x axis's category labels (columns) cut short, each column labelled, upright when side by side
    // they would overlap.
    function fitColumnLabels(gd, o) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        categoryAxes(fl, 'x').forEach(function (k) {
            const ax = fl[k], own = layout[k] || {};
            if (own.tickmode === 'array') { return; }
            const vals = ax._categories || [], n = categoryCount(ax);
            const size = tickSize(o, layout, fl, k);
            if (!vals.length || !n || ax._length / n < size * 0.9) { return; }
            const fitted = vals.map((t) => shorten(String(t), 16));
            o[k + '.tickmode'] = 'array';
            o[k + '.tickvals'] = vals.slice();
            o[k + '.ticktext'] = fitted;
            const widest = Math.max(...fitted.map((t) => visible(t).length)) * size * CHAR_EM;
            if (widest > ax._length / n) { o[k + '.tickangle'] = -90; }
        });
    }

    // Every category of a y axis labelled (plotly would label every other one where a row is lower than its
    // label): ticks at each category, and, once drawn, the graph made taller by what the rows lack.
    function labelEveryCategory(gd, o) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        categoryAxes(fl, 'y').forEach(function (k) {
            if (!(k + '.tickmode' in o) && get(layout, k + '.tickmode') !== 'array') { o[k + '.dtick'] = 1; }
        });
    }

    function rowsLack(gd) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        let grow = 0;
        categoryAxes(fl, 'y').forEach(function (k) {
            const ax = fl[k], n = categoryCount(ax);
            if (!n) { return; }
            const texts = get(layout, k + '.tickmode') === 'array' ? (get(layout, k + '.ticktext') || []) : [];
            const lines = Math.max(1, ...texts.map((t) => lineCount(String(t))));
            const need = n * (tickSize({}, layout, fl, k) * (lines === 1 ? 1.4 : 1.25 * lines));
            const share = ax.domain ? ax.domain[1] - ax.domain[0] : 1;
            if (need > ax._length + 1) { grow = Math.max(grow, (need - ax._length) / (share || 1)); }
        });
        return Math.ceil(grow);
    }

    // Notes standing in a plot (a bar's "not in the data", drawn upright from the axis) taller than their plot:
    // they would reach into the heading above it.
    function notesLack(gd) {
        const fl = gd._fullLayout;
        let grow = 0;
        (fl.annotations || []).forEach(function (a, i) {
            const m = /^y(\d*) domain$/.exec(a.yref || '');
            const ax = m && fl['yaxis' + m[1]], el = gd.querySelector('.annotation[data-index="' + i + '"]');
            if (!ax || !ax._length || !el || a.yanchor !== 'bottom' || a.visible === false || typeof a.y !== 'number') { return; }
            const need = a.y * ax._length + el.getBoundingClientRect().height;
            const share = ax.domain ? ax.domain[1] - ax.domain[0] : 1;
            if (need > ax._length + 1) { grow = Math.max(grow, (need - ax._length) / (share || 1)); }
        });
        return Math.ceil(grow);
    }

    // Changes made once the graph is drawn in the mode (from where things landed), recorded with the mode's
    // other changes so that they are put back with them.
    function relayoutRecorded(gd, o) {
        if (!Object.keys(o).length) { return null; }
        const before = saved.get(gd);
        Object.keys(o).forEach(function (k) {
            if (before && !(k in before.values)) { const v = get(gd.layout, k); before.values[k] = v === undefined ? null : v; }
        });
        return relayout(gd, o);
    }

    // A layout change as Plotly.update, not Plotly.relayout: dcc.Graph answers a relayout event (sets relayoutData)
    // by drawing its figure again with Plotly.react, which undid the mode's changes and started them over (a
    // present-mode scatter was drawn four times, ~270 forced layouts).
    function relayout(gd, o) { return window.Plotly.update(gd, {}, o); }

    function fitNotes(gd) {
        if (!minSize() || !gd._fullLayout) { return null; }
        const o = {};
        if (!current.present) { fitColumnLabels(gd, o); }  // the columns' width is known once the rows' labels are fitted
        fitAnnotations(gd, o);
        return relayoutRecorded(gd, o);
    }

    // Once drawn: a legend above the plot that the title (wrapped onto more lines, or larger) reaches into moves
    // down with the plot (the top margin grows; a title in the margin moves by half of it, so a few rounds).
    function fitLegend(gd, round) {
        const fl = gd._fullLayout, title = gd.querySelector('.infolayer .gtitle'), legend = gd.querySelector('.infolayer .legend');
        if (!minSize() || !fl || !title || !legend || (round || 0) > 3) { return null; }
        const t = title.getBoundingClientRect(), l = legend.getBoundingClientRect();
        const over = Math.min(t.bottom, l.bottom) - Math.max(t.top, l.top);
        if (!t.width || !l.width || over <= 0 || Math.min(t.right, l.right) <= Math.max(t.left, l.left)) { return null; }
        const grow = Math.ceil(t.bottom - l.top + 4) * (fl.title.yref === 'paper' ? 1 : 2);
        return Promise.resolve(relayoutRecorded(gd, {'margin.t': fl.margin.t + grow})).then(() => fitLegend(gd, (round || 0) + 1));
    }

    // Once drawn: the graph's box (dcc.Graph sizes the plot to it) grows by what its rows or notes lack, or by what
    // the plot lost to the margins the mode's wrapped titles and headings took (a phone's two-line panel headings
    // would otherwise squeeze the bars under them, and their notes into the headings); put back when no mode
    // needs it (styleGraph).
    function growForRows(gd) {
        const box = gd.parentElement, fl = gd._fullLayout;
        if (!minSize() || !box || !fl) { return null; }
        const lost = planned.has(gd.data) && fl._size ? Math.ceil(planned.get(gd.data) - fl._size.h) : 0;
        const grow = Math.max(rowsLack(gd), notesLack(gd), lost > 1 ? lost : 0);
        if (!grow) { return null; }
        if (!boxes.has(gd)) { boxes.set(gd, box.style.height); }
        box.style.height = Math.ceil(fl.height + grow) + 'px';  // from the plot's own height: dcc.Graph redraws a figure at its height
        return relayoutRecorded(gd, {height: Math.ceil(fl.height + grow)});
    }

    // A phone: a radar's category labels wrapped narrow, and the circle drawn smaller so that they fit beside it.
    function fitPolarLabels(gd, o) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        Object.keys(fl).filter((k) => /^polar\d*$/.test(k)).forEach(function (k) {
            const ang = fl[k].angularaxis;
            if (!ang || ang.type !== 'category' || !(ang._categories || []).length) { return; }
            const size = o[k + '.angularaxis.tickfont.size'] || get(layout, k + '.angularaxis.tickfont.size') || (ang.tickfont || {}).size || 12;
            const chars = Math.max(8, Math.floor(fl.width * POLAR_LABEL_SHARE / (size * CHAR_EM)));
            const cats = ang._categories.slice();
            const fitted = cats.map((t) => fitLabel(t, chars, 3));
            o[k + '.angularaxis.tickmode'] = 'array';
            o[k + '.angularaxis.tickvals'] = cats;
            o[k + '.angularaxis.ticktext'] = fitted;
            const widest = Math.max(...fitted.map((t) => Math.max(...String(t).split(/<br\s*\/?>/i).map((l) => visible(l).length))));
            const side = Math.ceil(widest * size * CHAR_EM + 8);
            o['margin.l'] = 8;
            o['margin.r'] = 8;
            const inner = fl.width - 16;
            const edge = Math.min(0.4, side / inner);
            o[k + '.domain.x'] = [edge, 1 - edge];
        });
    }

    // Annotations (subplot headings, corner notes) and axis titles wider than their room wrap at words; a heading
    // above the plot that gains lines moves the plot down.
    function fitAnnotations(gd, o) {
        const fl = gd._fullLayout, layout = gd.layout || {};
        let top = 0;
        // Where each note without an arrow is anchored across the figure (px), to keep neighbours on a row apart.
        const notes = (layout.annotations || []).map(function (a) {
            if (!a || a.showarrow !== false || (a.xref || 'paper') !== 'paper' || typeof a.x !== 'number') { return null; }
            return {y: a.y, yref: a.yref || 'paper', at: fl._size.l + a.x * fl._size.w};
        });
        (layout.annotations || []).forEach(function (a, i) {
            const key = 'annotations[' + i + ']';
            const text = o[key + '.text'] || (a && a.text);
            if (!a || typeof text !== 'string' || a.showarrow !== false || a.visible === false) { return; }
            const xref = a.xref || 'paper';
            const ax = xref === 'paper' ? null : fl[axisOf(xref, 'x')];
            if (xref !== 'paper' && !/ domain$/.test(xref)) { return; }
            const x = typeof a.x === 'number' ? a.x : 0.5;
            const anchor = a.xanchor && a.xanchor !== 'auto' ? a.xanchor : (x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'center');
            // From where it is anchored to the figure's edge (a paper note may reach into the margins); a note in a
            // corner of a plot shares its row with the other corner's.
            const w = ax ? ax._length : fl.width, at = ax ? x * w : fl._size.l + x * fl._size.w;
            let room = anchor === 'left' ? w - at : anchor === 'right' ? at : 2 * Math.min(at, w - at);
            if (ax && anchor !== 'center') { room = Math.min(room, w / 2); }
            if (!ax && anchor === 'center') {  // centred headings on one row (subplots'): each keeps to its own part
                notes.forEach(function (n, j) {
                    if (n && j !== i && n.y === a.y && n.yref === (a.yref || 'paper')) { room = Math.min(room, Math.abs(n.at - at)); }
                });
            }
            const size = o[key + '.font.size'] || get(a, 'font.size') || fl.font.size;
            const wrapped = wrapChars(text, Math.max(8, Math.floor((room - 6) / (size * CHAR_EM))));
            if (wrapped === text) { return; }
            o[key + '.text'] = wrapped;
            const above = (a.yref || 'paper') === 'paper' && typeof a.y === 'number' && a.y >= 1 && a.yanchor === 'bottom';
            if (above) { top = Math.max(top, (lineCount(wrapped) - lineCount(text)) * size * 1.3); }
        });
        if (top > 0) {
            const t = o['margin.t'] || get(layout, 'margin.t') || get(fl, 'margin.t') || 80;
            o['margin.t'] = Math.ceil(t + top);
        }
        axisKeys(fl).forEach(function (k) {
            const ax = fl[k];
            const text = o[k + '.title.text'] || get(layout, k + '.title.text');
            if (!ax || typeof text !== 'string' || !ax._length) { return; }
            const size = o[k + '.title.font.size'] || get(layout, k + '.title.font.size') || o['font.size'] || get(ax, 'title.font.size') || 14;
            const wrapped = wrapChars(text, Math.max(8, Math.floor(ax._length / (size * CHAR_EM))));
            if (wrapped === text) { return; }
            o[k + '.title.text'] = wrapped;
            // A legend under the plot moves down by the lines an x axis's title gains under it.
            const legend = fl.legend || {};
            if (k[0] === 'x' && ax.side !== 'top' && typeof legend.y === 'number' && legend.y < 0 && fl._size.h) {
                const extra = (lineCount(wrapped) - lineCount(text)) * size * 1.3;
                o['legend.y'] = Math.min(o['legend.y'] ?? legend.y, legend.y - extra / fl._size.h);
            }
        });
    }

    // Heatmap cell values that cannot fit their cells (a phone's narrow columns) are hidden: the hover and the
    // table keep them.
    function heatmapText(gd, trace, min) {
        if (trace.type !== 'heatmap' || !trace.texttemplate || !Array.isArray(trace.text) || !trace.text.length) { return null; }
        const fl = gd._fullLayout;
        const xa = fl[axisOf(trace.xaxis, 'x')], ya = fl[axisOf(trace.yaxis, 'y')];
        const cols = Math.max(1, ...trace.text.map((row) => (Array.isArray(row) ? row.length : 1)));
        if (!xa || !ya || !xa._length) { return null; }
        const size = Math.max(min, get(trace, 'textfont.size') || 12);
        const longest = Math.max(0, ...trace.text.map((row) => Math.max(0, ...(Array.isArray(row) ? row : [row]).map((t) => visible(t || '').length))));
        const width = xa._length / cols - (trace.xgap || 0), height = ya._length / trace.text.length - (trace.ygap || 0);
        return longest * size * 0.55 > width || size * 1.1 > height ? '' : null;
    }

    // Point labels (a scatter's region codes) that would cover one another: the later ones are left out, the
    // point and its hover stay. Run once drawn, from the labels' boxes; recorded to be put back with the mode.
    // Labels an earlier run left out are drawn whole again first and measured afresh (dcc.Graph draws a figure
    // again with a new copy of its layout: a left-out label's blank box would not show what it would cover).
    const ownTemplates = new WeakMap();  // a trace -> its own texttemplate, before any label was left out
    function declutter(gd) {
        const texts = (gd.data || []).map(function (trace, t) {
            const labelled = trace && (trace.type === 'bar' || String(trace.mode || '').indexOf('text') >= 0);
            if (!labelled || !Array.isArray(trace.text)) { return null; }
            if (!ownTemplates.has(trace)) { ownTemplates.set(trace, trace.texttemplate); }
            return t;
        }).filter((t) => t !== null);
        const changed = texts.filter((t) => gd.data[t].texttemplate !== ownTemplates.get(gd.data[t]));
        const whole = changed.length ? window.Plotly.restyle(gd, {
            texttemplate: changed.map((t) => (ownTemplates.get(gd.data[t]) === undefined ? null : ownTemplates.get(gd.data[t]))),
        }, changed) : null;
        if (!minSize() || !texts.length) { return whole; }
        return Promise.resolve(whole).then(function () {
            const kept = [], hide = {};
            gd.querySelectorAll('.scatterlayer .trace').forEach(function (group) {
                const cd = group.__data__, trace = cd && cd[0] && cd[0].trace;
                if (!trace || texts.indexOf(trace.index) < 0) { return; }
                group.querySelectorAll('.textpoint').forEach(function (point) {
                    const box = point.getBoundingClientRect(), i = point.__data__ && point.__data__.i;
                    if (!box.width || typeof i !== 'number') { return; }
                    const hit = kept.some((b) => box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom);
                    if (hit) { (hide[trace.index] = hide[trace.index] || []).push(i); } else { kept.push(box); }
                });
            });
            // A bar's value (a phone's narrow groups: "rank 3 of 27 · 120 of 900" wider than its bar) that would
            // cover another's, a marker (the published diamonds) or a neighbouring bar.
            const within = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
            const marks = Array.from(gd.querySelectorAll('.scatterlayer .points path.point')).map((p) => p.getBoundingClientRect());
            const bars = Array.from(gd.querySelectorAll('.barlayer .point')).map((p) => [p, (p.querySelector('path') || p).getBoundingClientRect()]);
            gd.querySelectorAll('.barlayer .trace').forEach(function (group) {
                const cd = group.__data__, trace = cd && cd[0] && cd[0].trace;
                if (!trace || texts.indexOf(trace.index) < 0) { return; }
                group.querySelectorAll('.point').forEach(function (point) {
                    const label = point.querySelector('text.bartext'), i = point.__data__ && point.__data__.i;
                    const box = label && label.textContent.trim() ? label.getBoundingClientRect() : null;
                    if (!box || !box.width || typeof i !== 'number') { return; }
                    const hit = kept.some((b) => within(box, b)) || marks.some((b) => within(box, b))
                        || bars.some((b) => b[0] !== point && b[1].width && within(box, b[1]));
                    if (hit) { (hide[trace.index] = hide[trace.index] || []).push(i); } else { kept.push(box); }
                });
            });
            const before = saved.get(gd);
            const hidden = Object.keys(hide).map(function (t) {
                const trace = gd.data[t], own = ownTemplates.get(trace);
                const template = typeof own === 'string' && own ? own : '%{text}';
                if (before && !before.traces.some((b) => String(b[0]) === String(t) && 'texttemplate' in b[1])) {
                    before.traces.push([Number(t), {texttemplate: own === undefined ? null : own}]);
                }
                return [Number(t), trace.text.map((_, i) => (hide[t].indexOf(i) >= 0 ? ' ' : template))];
            });
            if (hidden.length) {  // one redraw for every trace's left-out labels
                window.Plotly.restyle(gd, {texttemplate: hidden.map((h) => h[1])}, hidden.map((h) => h[0]));
            }
        });
    }

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
            let extra = typeof wrapped === 'string' ? (lineCount(wrapped) - lineCount(shown)) * size * 1.3 : 0;
            // The line under it (what a link means) wraps the same, at its own size.
            const sub = get(layout, 'title.subtitle.text');
            if (typeof sub === 'string' && sub && width) {
                const subSize = o['title.subtitle.font.size'] || get(layout, 'title.subtitle.font.size') || size * 0.7;
                const subWrapped = wrapTitle(sub, width, subSize);
                if (subWrapped !== sub) {
                    o['title.subtitle.text'] = subWrapped;
                    extra += (lineCount(subWrapped) - lineCount(sub)) * subSize * 1.3;
                }
            }
            if (extra > 0) {
                const top = get(layout, 'margin.t') ?? get(gd._fullLayout || {}, 'margin.t') ?? 80;
                o['margin.t'] = top + Math.ceil(extra);
            }
            if (gd._fullLayout && gd._fullLayout.width) {
                if (!m.present) { fitCategoryLabels(gd, o); fitPolarLabels(gd, o); }
                labelEveryCategory(gd, o);
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
            if (gd._fullLayout && heatmapText(gd, trace, min) === '') { o.texttemplate = ''; }
            if (trace.colorbar && trace.colorbar.tickfont && trace.colorbar.tickfont.size < min) {
                o['colorbar.tickfont.size'] = min;
            }
            if (Object.keys(o).length) { out.push([i, o]); }
        });
        return out;
    }

    // [trace index, {attribute: value}] pairs as one restyle object over those traces: per attribute, each
    // trace's own value, or its current one where it has no override.
    function traceUpdate(gd, traces) {
        const out = {};
        traces.forEach(function (t) { Object.keys(t[1]).forEach(function (k) { out[k] = []; }); });
        Object.keys(out).forEach(function (k) {
            out[k] = traces.map(function (t) {
                if (k in t[1]) { return t[1][k]; }
                const v = get(gd.data[t[0]], k);
                return v === undefined ? null : v;
            });
        });
        return out;
    }

    function styleGraph(gd, force) {
        if (!window.Plotly || !gd.layout || (!force && styled.has(gd.layout))) { return; }
        styled.add(gd.layout);
        // A figure from the server, drawn as it came: the plot's height its builder planned. (Keyed by its traces:
        // dcc.Graph draws the same figure again with a new copy of its layout.)
        if (!planned.has(gd.data) && gd._fullLayout && gd._fullLayout._size) { planned.set(gd.data, gd._fullLayout._size.h); }
        // Put back what an earlier mode changed (a figure from the server starts afresh: nothing to put back).
        const before = saved.get(gd);
        if (before && before.layout === gd.layout) {
            before.traces.forEach(function (t) { window.Plotly.restyle(gd, t[1], [t[0]]); });
            if (Object.keys(before.values).length) { relayout(gd, before.values); }
        }
        // A box grown for a mode (dcc.Graph sizes the plot to it) back to its own height once no mode needs it.
        const box = gd.parentElement;
        if (!minSize() && box && boxes.has(gd)) {
            box.style.height = boxes.get(gd);
            boxes.delete(gd);
            window.Plotly.Plots.resize(gd);
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
        // Every trace's and the layout's overrides in one Plotly.update: one redraw instead of one per trace and
        // one for the layout (a present-mode scatter of ten traces was redrawn a dozen times).
        const done = traces.length || Object.keys(o).length
            ? window.Plotly.update(gd, traceUpdate(gd, traces), o, traces.map((t) => t[0]))
            : Promise.resolve();
        Promise.resolve(done).then(() => fitNotes(gd)).then(() => fitTitle(gd, 0)).then(() => fitLegend(gd)).then(() => growForRows(gd)).then(() => declutter(gd));
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
