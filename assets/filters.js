// A page's controls on a phone (components/filters.py): the "Filters" button opens them as a side panel
// (Bootstrap's responsive offcanvas CSS, without Bootstrap's JavaScript). While open the panel is a modal
// dialog: the focus moves into it and stays there, Escape, the close button or a tap beside it closes it, and
// the focus goes back to the button. From the md width up the panel is the page's inline controls.
(function () {
    'use strict';
    const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

    function openPanel() { return document.querySelector('.filters-panel.show'); }

    function opener(panel) { return document.querySelector('[data-filters-open][aria-controls="' + panel.id + '"]'); }

    function open(button) {
        const panel = document.getElementById(button.getAttribute('aria-controls'));
        if (!panel) { return; }
        panel.classList.add('show');
        panel.setAttribute('role', 'dialog');
        panel.setAttribute('aria-modal', 'true');
        panel.setAttribute('aria-labelledby', panel.id + '-title');
        button.setAttribute('aria-expanded', 'true');
        document.body.classList.add('filters-shown');
        panel.focus();
    }

    function close(panel) {
        panel.classList.remove('show');
        panel.removeAttribute('role');
        panel.removeAttribute('aria-modal');
        panel.removeAttribute('aria-labelledby');
        document.body.classList.remove('filters-shown');
        const button = opener(panel);
        if (button) { button.setAttribute('aria-expanded', 'false'); button.focus(); }
    }

    document.addEventListener('click', function (event) {
        const button = event.target.closest('[data-filters-open]');
        if (button) { open(button); return; }
        const panel = openPanel();
        if (!panel) { return; }
        // A tap on the backdrop (body::after) lands on the body; a dropdown's menu, drawn in a portal outside
        // the panel, must not close it.
        const beside = event.target === document.body || event.target === document.documentElement;
        if (beside || event.target.closest('[data-filters-close]')) { close(panel); }
    });

    document.addEventListener('keydown', function (event) {
        const panel = openPanel();
        if (!panel) { return; }
        if (event.key === 'Escape') {
            // Escape in an open dropdown closes the dropdown first.
            if (document.querySelector('.filters-panel .dash-dropdown[aria-expanded="true"]')) { return; }
            close(panel);
            return;
        }
        if (event.key !== 'Tab') { return; }
        const items = Array.from(panel.querySelectorAll(FOCUSABLE)).filter((el) => el.getClientRects().length);
        if (!items.length) { return; }
        const first = items[0];
        const last = items[items.length - 1];
        if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
            event.preventDefault();
            first.focus();
        }
    }, true);  // capture: an open dropdown is seen before its own Escape handler closes it

    // A page left with its panel open (a link inside it): nothing of it stays on the next page.
    new MutationObserver(function () {
        if (document.body.classList.contains('filters-shown') && !openPanel()) {
            document.body.classList.remove('filters-shown');
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
})();
