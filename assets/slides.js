// Slides (/slides): the arrow keys, Page Up and Page Down move between the slides of a deck by clicking its
// Previous / Next buttons (so the Dash callbacks do the work). Focus may be inside the slide's same-origin
// iframe, so the listener is also attached to each document the iframe loads. The slide follows the deck's
// presentation mode and theme, also when they are switched while the deck is open.
(function () {
    'use strict';
    const FRAME = 'slides-frame';
    const KEYS = {ArrowRight: 'slides-next', PageDown: 'slides-next', ArrowLeft: 'slides-prev', PageUp: 'slides-prev'};
    // Where the keys already mean something: typing, choosing from a list, moving a slider, a grid's cells.
    const BUSY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), .dash-dropdown, ' +
        '[role="combobox"], [role="listbox"], [role="slider"], [role="grid"], [role="tablist"], [role="menu"], ' +
        '.ag-root-wrapper';

    function onKey(event) {
        const id = KEYS[event.key];
        if (!id || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        const button = document.getElementById(id);
        if (!button) { return; }  // not on a deck
        const target = event.target;
        if (target && target.closest && target.closest(BUSY)) { return; }
        event.preventDefault();
        if (!button.disabled) { button.click(); }
    }

    // Give the slide the deck's display modes without reloading it (its own display.js shows them).
    function syncModes(frame) {
        let win;
        try {
            win = frame.contentWindow;
            if (!win || !win.eucDisplay || !win.location.href.startsWith(window.location.origin)) { return; }
        } catch (err) { return; }  // not same-origin
        const deck = window.eucDisplay ? window.eucDisplay.modes() : {};
        const slide = win.eucDisplay.modes();
        if (deck.present !== slide.present || deck.dark !== slide.dark) {
            win.eucDisplay.set({present: deck.present, dark: deck.dark});
        }
    }

    document.addEventListener('keydown', onKey);
    // An iframe's load event does not bubble, but the document sees it while capturing.
    document.addEventListener('load', function (event) {
        const frame = event.target;
        if (!frame || frame.id !== FRAME) { return; }
        let doc;
        try { doc = frame.contentDocument; } catch (err) { return; }
        if (!doc) { return; }
        if (!doc.eucSlidesKeys) {
            doc.eucSlidesKeys = true;
            doc.addEventListener('keydown', onKey);
        }
        syncModes(frame);
    }, true);

    // The toolbar's Present and Theme buttons change the deck's modes (assets/display.js tells).
    window.addEventListener('eucdisplaychange', function () {
        const frame = document.getElementById(FRAME);
        if (frame) { syncModes(frame); }
    });
})();
