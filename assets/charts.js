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
    },
    // d3's format in the view's language: `eucFormat(d3, 'fr')(',.0f')(37800)` gives '37 800' (the grid's scope
    // hands its d3 in). French: decimal comma, narrow no-break space between thousands and before %.
    eucFormat: function (d3, lang) {
        if (lang !== 'fr') { return d3.format; }
        const locale = d3.formatLocale({decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'], percent: '\u202f%'});
        return locale.format;
    }
});

// Map base layers from the app's own assets (next to this file), as the graphs' config has them: never a CDN.
const TOPOJSON_URL = new URL('topojson/', document.currentScript ? document.currentScript.src : window.location.href).href;

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
    const width = 1280, height = Math.max(600, Math.round(layout.height || gd.clientHeight || 600));
    const stamp = new Date().toISOString().slice(0, 10);
    window.Plotly.toImage({data: gd.data, layout: layout, config: {topojsonURL: TOPOJSON_URL}},
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

// Client-side image actions: no server round trip, no external request (the CSV comes from the server).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    charts: {
        downloadPng: function (n, graphId, source, title) { return exportChart(n, graphId, source, title, 'png'); },
        downloadSvg: function (n, graphId, source, title) { return exportChart(n, graphId, source, title, 'svg'); }
    }
});
