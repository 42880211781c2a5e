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
