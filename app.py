"""The Dash app factory: `create_app(settings)` builds one app; `server` is what gunicorn serves."""
from __future__ import annotations

import logging
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import Response, jsonify, send_file
from flask_compress import Compress

import caching
from callbacks.pack import JOBS
from components.navbar import navbar
from components.share import share_controls
from data.store import DataLoadError, Tables, load_tables
from settings import Settings

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="visually-hidden-focusable skip-link" href="#page-content">Skip to content</a>
        {%app_entry%}
        <div class="dash-scripts">
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


ERROR_ALERT = "app-error-alert"
COMPRESSIBLE = {"text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
                "application/json", "application/geo+json", "image/svg+xml", "image/x-icon", "font/ttf", "font/otf"}


def callback_error(err: Exception):
    """Last line of defence for any callback: log the traceback, tell the user in words, keep the page."""
    log.exception("callback failed: %s", err)
    dash.set_props(ERROR_ALERT, {
        "is_open": True,
        "children": "This view could not be updated with the values given (they may come from an old or edited "
                    "link). Other controls still work; try another choice or reset the page.",
    })
    return None  # every output keeps its current value


def app_layout():
    return html.Div([
        navbar(),
        html.Nav([
            share_controls(),
            dbc.Alert(id=ERROR_ALERT, is_open=False, color="warning", dismissable=True, duration=12000,
                      className="mb-2"),
        ], className="container-fluid", **{"aria-label": "Share and display"}),
        html.Main(dbc.Container(dash.page_container, fluid=True, className="pb-4"), id="page-content", tabIndex="-1"),
        html.Footer(dbc.Container([
            "Data: Eurostat, GISCO (© EuroGeographics for the administrative boundaries), European Commission. ",
            html.A("Sources and methods", href=dash.get_relative_path("/data")),
        ], fluid=True), className="app-footer small text-body-secondary py-2"),
        dcc.Store(id="noop-input"), html.Div(id="noop-output", hidden=True),
    ])


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
        return Response(body, mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})

    @server.route(prefix + "geo/nuts<int:level>.geojson")
    def geometry(level):
        # Maps reference their boundaries by URL: the browser fetches and caches them once, so callbacks
        # send only values, not 250 KB of polygons each time.
        if level not in tables.geometries:
            return Response("No such NUTS level.", status=404, mimetype="text/plain")
        response = send_file(tables.data_dir / f"nuts{level}.geojson", mimetype="application/geo+json",
                             conditional=True, etag=f"{tables.version}-{level}", max_age=86400)
        return response

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
        response.headers["Content-Security-Policy"] = f"frame-ancestors {settings.frame_ancestors}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def background_manager(settings: Settings):
    """Long jobs (the PowerPoint pack) run in their own process; their progress and results go through a disk
    cache that every gunicorn worker on the machine shares."""
    import diskcache

    return dash.DiskcacheManager(diskcache.Cache(str(settings.cache_dir / "background")), expire=600)


def create_app(settings: Settings | None = None, tables: Tables | None = None) -> dash.Dash:
    """Build the app. Loads and validates the tables first: a bad table stops start-up with DataLoadError."""
    settings = settings or Settings.from_env()
    tables = tables or load_tables(settings.data_dir)
    jobs = background_manager(settings)
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        requests_pathname_prefix=settings.requests_pathname_prefix,
        routes_pathname_prefix=settings.routes_pathname_prefix,
        title="EU Cluster & Region Observatory",
        update_title=None,  # the tab (and an embed snippet made mid-update) keeps the view's title
        suppress_callback_exceptions=True,
        serve_locally=True,
        on_error=callback_error,
        background_callback_manager=jobs,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING
    # Asset URLs carry their modification time (?m=...), so browsers may keep them a week without asking again.
    app.server.config["SEND_FILE_MAX_AGE_DEFAULT"] = 7 * 86400
    app.server.extensions["eu_cluster_tables"] = tables
    app.server.config["SETTINGS"] = settings
    app.server.extensions[JOBS] = jobs
    caching.init_cache(app.server, settings)
    # gzip only: brotli at its default level costs ~0.8 s of CPU per plotly.min.js download.
    app.server.config.setdefault("COMPRESS_ALGORITHM", ["gzip"])
    # The types this app serves that compress well, map boundaries included (nuts2: 255 KB raw, ~60 KB gzipped).
    app.server.config.setdefault("COMPRESS_MIMETYPES", sorted(COMPRESSIBLE))
    Compress(app.server)
    _register_routes(app.server, tables, settings)
    app.layout = app_layout

    import callbacks

    callbacks.register(app)
    return app


def _create_default_app():
    try:
        return create_app()
    except DataLoadError as err:
        raise SystemExit(str(err)) from None


app = _create_default_app()
server = app.server

if __name__ == "__main__":
    import os

    logging.basicConfig(level=logging.INFO)
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")),
            debug=app.server.config["SETTINGS"].debug)
