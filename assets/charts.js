// Client-side chart actions: no server round trip, no external request.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    charts: {
        figureToCsv: function (nClicks, figure, title) {
            if (!nClicks || !figure || !figure.data) {
                return window.dash_clientside.no_update;
            }
            const quote = (v) => {
                if (v === null || v === undefined || (typeof v === 'number' && isNaN(v))) { return ''; }
                const s = String(v);
                return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
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
                    rows.push([trace.name || ''].concat(header.slice(1).map((k) => (trace[k] || [])[i])));
                }
            });
            if (header === null) { return window.dash_clientside.no_update; }
            const csv = [header].concat(rows).map((r) => r.map(quote).join(',')).join('\n');
            const name = String(title || 'chart').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
            return {content: csv, filename: (name || 'chart') + '.csv', type: 'text/csv'};
        }
    }
});
