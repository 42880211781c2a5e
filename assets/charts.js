// The DOM id Dash gives a component with a dict id: JSON with sorted keys.
function dashDomId(id) {
    if (typeof id === 'string') { return id; }
    const sorted = {};
    Object.keys(id).sort().forEach((k) => { sorted[k] = id[k]; });
    return JSON.stringify(sorted);
}

// CSV cells starting with = + - @ tab or CR are run as formulas by spreadsheets: prefix them with a quote.
function eucCsvSafe(value) {
    const s = String(value);
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

// AG Grid's CSV export (csvExportParams.processCellCallback) goes through the same guard.
window.dashAgGridFunctions = Object.assign({}, window.dashAgGridFunctions, {
    eucCsvCell: function (params) {
        const v = params.value;
        return (v === null || v === undefined || typeof v !== 'string') ? v : eucCsvSafe(v);
    }
});

function slug(text) {
    return String(text || 'chart').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';
}

// Export the chart as drawn, with its source line added under it, at a size fit for slides.
function exportChart(n, graphId, source, title, format) {
    const outer = document.getElementById(dashDomId(graphId));
    const gd = outer && (outer.classList.contains('js-plotly-plot') ? outer : outer.querySelector('.js-plotly-plot'));
    if (!n || !gd || !window.Plotly) { return false; }
    const layout = JSON.parse(JSON.stringify(gd.layout || {}));
    const margin = Object.assign({l: 60, r: 30, t: 70, b: 60}, layout.margin || {});
    margin.b = Math.max(margin.b || 0, 60);
    layout.margin = margin;
    layout.annotations = (layout.annotations || []).concat([{
        text: String(source || ''), xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top',
        yshift: -margin.b + 22, showarrow: false, font: {size: 11, color: '#555'}
    }]);
    const width = 1280, height = Math.max(600, Math.round((gd._fullLayout && gd._fullLayout.height) || 600));
    const stamp = new Date().toISOString().slice(0, 10);
    window.Plotly.toImage({data: gd.data, layout: layout, config: gd._context || {}},
                          {format: format, width: width, height: height, scale: format === 'png' ? 2 : 1})
        .then(function (url) {
            const a = document.createElement('a');
            a.href = url;
            a.download = slug(title) + '-' + stamp + '.' + format;
            document.body.appendChild(a);
            a.click();
            a.remove();
        });
    return false;
}

// Client-side chart actions: no server round trip, no external request.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    charts: {
        downloadPng: function (n, graphId, source, title) { return exportChart(n, graphId, source, title, 'png'); },
        downloadSvg: function (n, graphId, source, title) { return exportChart(n, graphId, source, title, 'svg'); },
        figureToCsv: function (nClicks, figure, title) {
            if (!nClicks || !figure || !figure.data) {
                return window.dash_clientside.no_update;
            }
            const quote = (v) => {
                if (v === null || v === undefined || (typeof v === 'number' && isNaN(v))) { return ''; }
                // A text cell a spreadsheet would run as a formula gets a leading quote (numbers stay numbers).
                const s = typeof v === 'number' ? String(v) : eucCsvSafe(v);
                return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
            };
            // plotly >= 6 sends numpy arrays as {dtype, bdata (base64)}: decode them to plain arrays.
            const types = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array,
                           i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array};
            const decode = (v) => {
                if (!v || typeof v !== 'object' || !v.bdata || !types[v.dtype] || v.shape && String(v.shape).indexOf(',') >= 0) {
                    return v;
                }
                const bin = atob(v.bdata);
                const bytes = new Uint8Array(bin.length);
                for (let i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
                return Array.from(new types[v.dtype](bytes.buffer));
            };
            const keys = ['locations', 'x', 'y', 'z', 'r', 'theta', 'text'];
            const rows = [];
            let header = null;
            figure.data.forEach(function (raw) {
                const trace = Object.assign({}, raw);
                Object.keys(trace).forEach((k) => { trace[k] = decode(trace[k]); });
                const present = keys.filter((k) => Array.isArray(trace[k]) && !Array.isArray(trace[k][0]));
                if (!present.length) { return; }
                if (header === null) { header = ['series'].concat(present); }
                const n = Math.max.apply(null, present.map((k) => trace[k].length));
                for (let i = 0; i < n; i++) {
                    // Traces marked meta 'missing' draw regions without data: their numbers are placeholders.
                    rows.push([trace.name || ''].concat(header.slice(1).map((k) =>
                        (trace.meta === 'missing' && k !== 'locations' && k !== 'text') ? '' : (trace[k] || [])[i])));
                }
            });
            if (header === null) { return window.dash_clientside.no_update; }
            const csv = [header].concat(rows).map((r) => r.map(quote).join(',')).join('\n');
            const stamp = new Date().toISOString().slice(0, 10);
            return {content: csv, filename: slug(title) + '-' + stamp + '.csv', type: 'text/csv'};
        }
    }
});
