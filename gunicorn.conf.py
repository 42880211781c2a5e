"""gunicorn settings (used by the Procfile). Every value can be overridden from the environment."""

import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8050')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Load the app (and its validated tables) once in the master; workers share the memory copy-on-write.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
accesslog = "-" if os.environ.get("ACCESS_LOG") else None
errorlog = "-"
# A deck of 30 slides is a ~6,000-character link: gunicorn's default request line (4,094) answered 414. 8,190 is
# gunicorn's maximum; the slides editor refuses a longer deck with a message (state/slides.MAX_DECK_LINK).
limit_request_line = 8190


def _no_server_banner():
    """gunicorn writes `Server: gunicorn` itself, after the app's headers: drop that line (no version banner)."""
    from gunicorn.http import wsgi

    default_headers = wsgi.Response.default_headers
    if getattr(default_headers, "without_server", False):
        return

    def without_server(self):
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    without_server.without_server = True
    wsgi.Response.default_headers = without_server


_no_server_banner()
