"""The Dash app factory: `create_app(settings)` builds one app; `server` is what gunicorn serves."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import Response, current_app, has_app_context, jsonify, request, send_file
from flask_compress import Compress

import caching
import jobs
import request_limits
from callbacks.pack import JOBS
from components.language import (
    FOOTER,
    LANGUAGE_STORE,
    browser_texts_by_language,
    footer_text,
    request_language,
    separators_by_language,
)
from components.navbar import navbar
from components.region_picker import OPTIONS_PATH, region_options
from components.share import DISPLAY_URL, share_controls
from data.store import DataLoadError, Tables, load_tables
from data.warm import warm
from errors import ERRORS, ErrorLog
from settings import Settings

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

INDEX_STRING = """<!DOCTYPE html>
<html lang="{lang}" data-separators='{separators}' data-texts='{texts}'>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="visually-hidden-focusable skip-link" href="#page-content">{skip}</a>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


ERROR_ALERT = "app-error-alert"


# Dash loads babel-polyfill 7 (core-js 2) before React on every page: ~130 ms of script per page load in Chromium,
# and it swaps the browser's own trim, parseInt and parseFloat for versions ~15x slower that plotly calls for every
# colour. Current browsers need none of it except regenerator-runtime, which the component bundles' async functions
# call as a global: that part alone is served in its place (assets/deps, left out of the automatic asset loading).
POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
REGENERATOR = "deps/regenerator-runtime.js"


def without_polyfill(scripts: str, regenerator_url: str) -> str:
    """The page's script tags with Dash's babel-polyfill replaced by regenerator-runtime alone."""
    return POLYFILL.sub(lambda _: f'<script src="{regenerator_url}"></script>', scripts, count=1)


class ObservatoryDash(dash.Dash):
    """Dash with the page's language in its index: `<html lang>` from the link's ?lang= or Accept-Language, the
    skip link in that language, plotly's number separators per language for display.js."""

    def interpolate_index(self, **kwargs):
        from flask import has_request_context, request

        from i18n import translator

        lang = request_language(request.args.get("lang") if has_request_context() else None)
        if "scripts" in kwargs:
            kwargs["scripts"] = without_polyfill(kwargs["scripts"], self.get_asset_url(REGENERATOR))
        index = super().interpolate_index(**kwargs)
        head, _sep, rest = index.partition("<head>")
        head = head.replace("{lang}", lang).replace("{separators}", separators_by_language())
        head = head.replace("{texts}", browser_texts_by_language())
        _ = translator(lang)
        return head + "<head>" + rest.replace("{skip}", _("Skip to content"), 1)


COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
    "image/x-icon",
    "font/ttf",
    "font/otf",
}


def callback_error(err: Exception):
    """Last line of defence for any callback (page layouts included): count and log the failure, tell the user
    in words with the error's id, keep the page."""
    # Background jobs (the pack) run in their own process, where there may be no app context.
    errors = current_app.extensions.get(ERRORS) if has_app_context() else None
    error_id = (errors or ErrorLog()).record(err)
    dash.set_props(
        ERROR_ALERT,
        {
            "is_open": True,
            "children": "This view could not be updated with the values given (they may come from an old or edited "
            f"link). Other controls still work; try another choice or reset the page. (error {error_id})",
        },
    )
    return None  # every output keeps its current value


def app_layout():
    return html.Div(
        [
            navbar(),
            html.Nav(
                [
                    share_controls(),
                    dbc.Alert(
                        id=ERROR_ALERT,
                        is_open=False,
                        color="warning",
                        dismissable=True,
                        duration=12000,
                        className="mb-2",
                    ),
                ],
                className="container-fluid",
                **{"aria-label": "Share and display"},
            ),
            html.Main(
                dbc.Container(dash.page_container, fluid=True, className="pb-4"), id="page-content", tabIndex="-1"
            ),
            html.Footer(
                dbc.Container(footer_text("en"), fluid=True, id=FOOTER),
                className="app-footer small text-body-secondary py-2",
            ),
            dcc.Store(id="noop-input"),
            html.Div(id="noop-output", hidden=True),
            dcc.Location(id=DISPLAY_URL, refresh="callback-nav"),
            dcc.Store(id=LANGUAGE_STORE),
        ]
    )


def _register_routes(server, tables: Tables, settings: Settings):
    from data.tables_export import table_csv

    prefix = settings.routes_pathname_prefix

    @server.route(prefix + "health")
    def health():
        return jsonify(status="ok", data_version=tables.version)

    @server.route(prefix + "download/<name>.csv")
    def download_table(name):
        try:
            body = table_csv(tables, name)
        except KeyError:
            return Response(f"No table named {name!r}.", status=404, mimetype="text/plain")
        return Response(
            body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'}
        )

    @server.route(prefix + "geo/nuts<int:level>.geojson")
    def geometry(level):
        # Maps reference their boundaries by URL: the browser fetches and caches them once, so callbacks
        # send only values, not 250 KB of polygons each time.
        if level not in tables.geometries:
            return Response("No such NUTS level.", status=404, mimetype="text/plain")
        response = send_file(
            tables.data_dir / f"nuts{level}.geojson",
            mimetype="application/geo+json",
            conditional=True,
            etag=f"{tables.version}-{level}",
            max_age=86400,
        )
        return response

    @server.route(prefix + OPTIONS_PATH.lstrip("/"))
    def region_dropdown_options():
        # Every region dropdown's full list, out of the page layouts (45 KB each): fetched once per page load and
        # revalidated with its ETag, so a new data version is seen at once.
        response = jsonify(region_options(tables.regions, tables.version))
        response.set_etag(f"regions-{tables.version}")
        response.cache_control.no_cache = True
        return response.make_conditional(request)

    @server.after_request
    def compress_files_too(response):
        # Files (assets, map boundaries) are sent as pass-through streams, which Flask-Compress gzips only with
        # its streaming algorithms (no gzip): buffer them so it can. Runs before its hook (registered earlier).
        if response.direct_passthrough and response.status_code == 200 and response.mimetype in COMPRESSIBLE:
            response.direct_passthrough = False
            response.make_sequence()  # buffered, so it is compressed whole, with a Content-Length
        return response

    @server.after_request
    def security_headers(response):
        # Framing is governed by CSP frame-ancestors alone (no X-Frame-Options), so portals can embed the app.
        response.headers["Content-Security-Policy"] = server.config["CONTENT_SECURITY_POLICY"]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # links to sources never carry a region or a query
        response.headers.pop("Server", None)
        if response.mimetype in ("text/html", "application/json"):  # pages and answers follow Accept-Language
            response.vary.add("Accept-Language")
        return response


def _well_formed_callback(body, callback_map, prefix: str) -> bool:
    """The shape Dash's renderer sends to /_dash-update-component, for a callback this app has."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str) or body["output"] not in callback_map:
        return False
    if not isinstance(body.get("outputs"), (dict, list)):
        return False
    for part in ("inputs", "state", "changedPropIds"):
        if not isinstance(body.get(part, []), list):
            return False
    items = [item for part in ("inputs", "state") for item in body.get(part, [])]
    if not all(isinstance(item, (dict, list)) for item in items):
        return False
    # Dash's pages router reads the location as text, the path under the app's prefix: else it fails inside Dash.
    location = {
        item.get("property"): item.get("value")
        for item in items
        if isinstance(item, dict) and item.get("id") == "_pages_location"
    }
    path = location.get("pathname")
    return not body["output"].startswith(".._pages_content") or (
        isinstance(location.get("search"), (str, type(None)))
        and isinstance(path, str)
        and path.startswith(prefix.rstrip("/") or "/")
    )


def _answer_bad_requests_with_4xx(app: dash.Dash):
    """Malformed callback bodies and unknown component files are the client's error: 400/404, not a 500
    traceback from deep inside Dash."""
    from dash.exceptions import DependencyException
    from flask import request

    update_path = app.config.routes_pathname_prefix + "_dash-update-component"

    @app.server.errorhandler(DependencyException)
    def unknown_component_file(_err):
        return Response("No such file.", status=404, mimetype="text/plain")

    @app.server.before_request
    def reject_malformed_callbacks():
        if (
            request.method == "POST"
            and request.path == update_path
            and not _well_formed_callback(
                request.get_json(silent=True), app.callback_map, app.config.requests_pathname_prefix
            )
        ):
            return Response("Malformed callback request.", status=400, mimetype="text/plain")
        return None


def content_security_policy(app: dash.Dash, settings: Settings) -> str:
    """Only this server's files run: Dash's inline scripts (its renderer and the clientside callbacks) are
    allowed by their hashes (Dash's `csp_hashes`), nothing else inline and no eval.

    style-src keeps 'unsafe-inline': plotly.js (modebar, hover labels) and AG Grid (its theme) add <style>
    elements at run time, which no hash can name; without it every page tested logs style-src violations
    (tests/browser/test_security_headers.py) and loses that styling. Styles cannot run code. Images also
    come as data: (Bootstrap's icons in CSS) and blob:/data: (plotly's PNG/SVG export)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(sorted(set(app.csp_hashes()))),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {settings.frame_ancestors}",
        ]
    )


def _public_origin(wsgi_app, public_url: str):
    """Every request is seen as addressed to PUBLIC_URL's scheme and host, whatever Host header it carries, so
    absolute URLs (request.url, og:url) name the configured origin, never one a client made up."""
    scheme, host = public_url.split("://", 1)

    def app(environ, start_response):
        environ["HTTP_HOST"], environ["wsgi.url_scheme"] = host, scheme
        return wsgi_app(environ, start_response)

    return app


def background_manager(settings: Settings):
    """Long jobs (the PowerPoint pack) in a bounded queue: Celery on Redis with REDIS_URL, else the disk (jobs.py)."""
    return jobs.background_manager(settings)


def create_app(settings: Settings | None = None, tables: Tables | None = None) -> dash.Dash:
    """Build the app. Loads and validates the tables first: a bad table stops start-up with DataLoadError."""
    settings = settings or Settings.from_env()
    tables = tables or load_tables(settings.data_dir)
    jobs = background_manager(settings)
    app = ObservatoryDash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        assets_path_ignore=["deps"],  # loaded in the polyfill's place (without_polyfill), not after the components
        requests_pathname_prefix=settings.requests_pathname_prefix,
        routes_pathname_prefix=settings.routes_pathname_prefix,
        title="EU Cluster & Region Observatory",
        update_title=None,  # the tab (and an embed snippet made mid-update) keeps the view's title
        suppress_callback_exceptions=True,
        serve_locally=True,
        on_error=callback_error,
        background_callback_manager=jobs,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # Dash's page meta tags (og:/twitter:url) copy the request's Host: only with a configured PUBLIC_URL.
        include_pages_meta=bool(settings.public_url),
    )
    if settings.public_url:
        app.server.wsgi_app = _public_origin(app.server.wsgi_app, settings.public_url)
    app.index_string = INDEX_STRING
    # Asset URLs carry their modification time (?m=...), so browsers may keep them a week without asking again.
    app.server.config["SEND_FILE_MAX_AGE_DEFAULT"] = 7 * 86400
    app.server.extensions["eu_cluster_tables"] = tables
    app.server.config["SETTINGS"] = settings
    app.server.extensions[JOBS] = jobs
    app.server.extensions[ERRORS] = ErrorLog()
    caching.init_cache(app.server, settings)
    # gzip only: brotli at its default level costs ~0.8 s of CPU per plotly.min.js download.
    app.server.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    # The types this app serves that compress well, map boundaries included (nuts2: 255 KB raw, ~60 KB gzipped).
    app.server.config.setdefault("COMPRESS_MIMETYPES", sorted(COMPRESSIBLE))
    Compress(app.server)
    _register_routes(app.server, tables, settings)
    request_limits.install(app.server, settings)
    app.layout = app_layout

    import callbacks

    callbacks.register(app)
    _first_request_setup(app)
    caching.seal_code_version(app.server)  # every page and callback module is imported by now
    with app.server.app_context():  # lookups every first request would build, built once here
        warm(tables)
    _answer_bad_requests_with_4xx(app)
    # After the setup: every clientside callback (the pages router's too) is known, so are their hashes.
    app.server.config["CONTENT_SECURITY_POLICY"] = content_security_policy(app, settings)
    return app


def _first_request_setup(app: dash.Dash):
    """Run Dash's first-request hooks now, once, in the factory (so in gunicorn's master before it forks).

    Dash sets up a server in `before_request` hooks (script list and component paths, the pages router's
    callback) that mark themselves done *before* doing the work: a second thread's first request then finds
    them done and is served half-set-up (a 500 "path requested is not valid" for the React bundle, or a
    callback list without the router, leaving the page on "Loading..." for good). Both hooks return at once
    afterwards."""
    with app.server.test_request_context(app.config.routes_pathname_prefix):
        for hook in app.server.before_request_funcs.get(None, []):
            if hook.__qualname__.startswith("Dash."):
                hook()


def _create_default_app():
    try:
        return create_app()
    except DataLoadError as err:
        raise SystemExit(str(err)) from None


app = _create_default_app()
server = app.server
celery_app = jobs.celery_app_of(app)  # the Procfile's worker: celery --app app:celery_app worker

if __name__ == "__main__":
    import os

    from werkzeug.serving import WSGIRequestHandler

    class NoBannerHandler(WSGIRequestHandler):
        def send_header(self, keyword, value):  # the development server names itself and Python's version
            if keyword.lower() != "server":
                super().send_header(keyword, value)

    logging.basicConfig(level=logging.INFO)
    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8050")),
        debug=app.server.config["SETTINGS"].debug,
        request_handler=NoBannerHandler,
    )
