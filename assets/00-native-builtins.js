/* The browser's own trim, parseInt and parseFloat back after Dash's babel-polyfill.
 *
 * Dash serves babel-polyfill 7.12 (core-js 2), which still counts U+180E as white space, finds every current
 * browser's String.prototype.trim "wrong" and replaces it, parseInt and parseFloat with regular-expression
 * versions about 15 times slower. plotly.js parses every colour and style with them: in present mode they were
 * the largest single cost of drawing /compare. Taken from a fresh realm (a hidden same-origin iframe), read once
 * and removed; this file loads before plotly (assets load in name order, after Dash's own dependencies).
 */
(function () {
    'use strict';
    var frame = document.createElement('iframe');
    frame.style.display = 'none';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    document.documentElement.appendChild(frame);
    var realm = frame.contentWindow;
    try {
        ['trim', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight'].forEach(function (name) {
            if (realm.String.prototype[name]) {
                Object.defineProperty(String.prototype, name, {
                    value: realm.String.prototype[name], writable: true, configurable: true, enumerable: false,
                });
            }
        });
        window.parseInt = Number.parseInt = realm.parseInt;
        window.parseFloat = Number.parseFloat = realm.parseFloat;
    } finally {
        frame.remove();
    }
})();
