// Region dropdowns (components/region_picker.py): the layout sends only the chosen regions' options and the URL
// of the full list; the list is fetched once per page load (the browser revalidates it with its ETag) and each
// dropdown gets it without the regions it leaves out. The search then runs in the browser as before.
(function () {
    'use strict';
    const lists = {};

    function regionList(url) {
        if (!lists[url]) {
            lists[url] = fetch(url, {credentials: 'same-origin'}).then(function (response) {
                if (!response.ok) { throw new Error('region list: HTTP ' + response.status); }
                return response.json();
            }).catch(function (error) { delete lists[url]; throw error; });
        }
        return lists[url];
    }

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        pickers: {
            regionOptions: function (source) {
                if (!source || !source.url) { return window.dash_clientside.no_update; }
                const skip = new Set(source.exclude || []);
                return regionList(source.url).then(function (options) {
                    return skip.size ? options.filter(function (o) { return !skip.has(o.value); }) : options;
                });
            },
        },
    });
})();
