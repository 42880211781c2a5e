'use strict';
// plotly.js core (scatter included) and the other trace types the app draws. A figure builder that starts
// using another type must add it here and rebuild (tests/browser/test_presenting.py fails on a type the
// page's plotly.js does not know).
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scatterpolar'),
]);
module.exports = Plotly;
