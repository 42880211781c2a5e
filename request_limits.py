"""How large a request body each route accepts: oversized requests get 413 before their body is read.

Only Dash's callback endpoint takes a body (an upload travels in it: up to 2 MB of file, base64-encoded, plus the
tables already loaded), so it gets MAX_CONTENT_LENGTH; every other route gets a small limit.
"""

from __future__ import annotations

from flask import Flask, Response, request

OTHER_ROUTES_LIMIT = 16_000  # bytes: pages, assets, downloads and health take no body


def route_limit(path: str, prefix: str, max_content_length: int) -> int:
    return max_content_length if path == f"{prefix}_dash-update-component" else OTHER_ROUTES_LIMIT


def install(server: Flask, settings) -> None:
    server.config["MAX_CONTENT_LENGTH"] = settings.max_content_length

    @server.before_request
    def limit_body():
        limit = route_limit(request.path, settings.routes_pathname_prefix, settings.max_content_length)
        if request.content_length is not None:  # a declared length is refused before anything is read
            request.max_content_length = limit
            return too_large(limit) if request.content_length > limit else None
        if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
            # Werkzeug stops reading a chunked body at the limit (the JSON then fails as a 400): read one byte
            # more here (kept by Flask for the view) so that a body past the limit is told apart and gets 413.
            request.max_content_length = limit + 1
            if len(request.get_data(cache=True)) > limit:
                return too_large(limit)
        return None

    @server.errorhandler(413)
    def too_large_handler(_err):
        return too_large(request.max_content_length or settings.max_content_length)


def too_large(limit: int) -> Response:
    return Response(
        f"Request body too large: this address accepts at most {limit:,} bytes.\n",
        status=413,
        mimetype="text/plain",
        headers={"Connection": "close"},
    )
