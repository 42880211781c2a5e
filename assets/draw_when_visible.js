// Chart cards below the fold (components/chart_card.py, draw_when_visible=True) are drawn when they come near the
// viewport: the card's store {type: 'chart-visible', index: name} is set true here, and the card's server
// callback, which answers nothing while it is false, then computes and sends the chart. Everything is drawn at
// once where IntersectionObserver is missing, in presentation mode (every chart at its presentation size, as a
// deck or a screen share expects), in an embedded view (embed=1: a slide's or another site's iframe, which may be
// scrolled or captured as a whole) and before printing. A card whose control gets the keyboard focus (its PNG, SVG
// or CSV button, its table) is drawn at once too, so an export never takes an empty chart.
(function () {
    'use strict';
    const ATTRIBUTE = 'data-draw-when-visible';
    const AHEAD = 400;  // px: a little ahead of the scroll, so a chart is usually drawn as it arrives
    const MARGIN = AHEAD + 'px 0px';
    const SETTLE = 300;  // ms after the page's answers before a card's position is trusted
    const WAIT = 3000;  // ms at most that a card near the viewport waits for the page's other answers
    const pending = new Set();  // cards waiting to come into view

    function storeId(card) { return {type: 'chart-visible', index: card.getAttribute(ATTRIBUTE)}; }

    function draw(card) {
        pending.delete(card);
        if (observer) { observer.unobserve(card); }
        try {
            window.dash_clientside.set_props(storeId(card), {data: true});
        } catch (err) { /* the card left the page */ }
    }

    // Whether the card is shown and within AHEAD px of the viewport now.
    function near(card) {
        const r = card.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) { return false; }
        const height = window.innerHeight || document.documentElement.clientHeight;
        return r.bottom >= -AHEAD && r.top <= height + AHEAD;
    }

    // Whether Dash still has callbacks requested or running (the page's first answers on a new page).
    function busy() {
        try {
            const callbacks = Object.assign({}, window.store.getState().callbacks);
            delete callbacks.stored;
            delete callbacks.completed;
            return Object.keys(callbacks).some(function (k) { return callbacks[k] && callbacks[k].length; });
        } catch (err) { return false; }
    }

    // A card came near the viewport: draw it if it is still there once the page's other answers are in. While a
    // page is being filled, the parts above a card are still empty and short, so every card seems near the top;
    // a card pushed down by them is left for the observer to report again when it is scrolled to.
    function check(card, since) {
        if (!pending.has(card)) { return; }
        if (busy() && Date.now() - since < WAIT) {
            window.setTimeout(function () { check(card, since); }, 100);
            return;
        }
        // and a moment for what they bring to be drawn (components loaded on demand, such as tables)
        window.setTimeout(function () {
            window.requestAnimationFrame(function () { if (pending.has(card) && near(card)) { draw(card); } });
        }, SETTLE);
    }

    const observer = ('IntersectionObserver' in window) ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) { if (entry.isIntersecting) { check(entry.target, Date.now()); } });
    }, {rootMargin: MARGIN}) : null;

    function everything() {
        const modes = window.eucDisplay ? window.eucDisplay.modes() : {};
        return !observer || modes.present || modes.embed;
    }

    function drawAll() { Array.from(pending).forEach(draw); }

    // Watch the card of `index` (its DOM may not be committed yet when the store's first callback runs).
    function watch(index, tries) {
        const card = document.querySelector('[' + ATTRIBUTE + '="' + CSS.escape(index) + '"]');
        if (!card) {
            if (tries < 100) { window.requestAnimationFrame(function () { watch(index, tries + 1); }); }
            return;
        }
        pending.add(card);
        if (everything()) { draw(card); return; }
        // observe() always reports the card's state once, also for a card kept in the DOM from the page before.
        observer.unobserve(card);
        observer.observe(card);
    }

    window.addEventListener('eucdisplaychange', function () { if (everything()) { drawAll(); } });
    window.addEventListener('beforeprint', drawAll);
    document.addEventListener('focusin', function (event) {
        const card = event.target && event.target.closest ? event.target.closest('[' + ATTRIBUTE + ']') : null;
        if (card && pending.has(card)) { draw(card); }
    });

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        drawWhenVisible: {
            // The store of a card changed (false on every new page): watch the card until it is near the viewport.
            // Returns whether the "drawn when scrolled into view" note is hidden.
            watch: function (visible, id) {
                if (visible === true) { return true; }
                if (id && typeof id.index === 'string') { watch(id.index, 0); }
                return false;
            },
        },
    });
})();
