"""A cache of plain results (figure dicts, small query results) shared across workers.

Keys are built from the function name, its primitive arguments, the data version and a hash of the app's
code, so a rebuild of the tables or a new release invalidates everything. If the cache backend fails (Redis gone), results are computed uncached and
one warning is logged until the backend answers again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from pathlib import Path

from flask import current_app, has_app_context
from flask_caching import Cache
from plotly.utils import PlotlyJSONEncoder

log = logging.getLogger(__name__)
EXTENSION = "eu_cluster_cache"
_PRIMITIVES = (str, int, float, bool, type(None))


def code_version(root: Path | None = None) -> str:
    """A hash of the app's Python sources: a new release never serves figures cached by an old one."""
    root = root or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.glob("**/*.py")):
        parts = path.relative_to(root).parts
        if parts[0] in {".venv", "tests", "benchmarks"} or "build" in parts:
            continue
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class _CacheState:
    def __init__(self, cache: Cache):
        self.cache = cache
        self.code_version = code_version()
        self.failing = False
        self.lock = threading.Lock()

    def report(self, ok: bool, exc: Exception | None = None):
        with self.lock:
            if not ok and not self.failing:
                log.warning("cache backend unavailable, serving uncached: %s", exc)
            elif ok and self.failing:
                log.warning("cache backend is back, caching resumed")
            self.failing = not ok


def cache_config(settings) -> dict:
    config = {"CACHE_TYPE": settings.cache_type, "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout}
    if settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = str(settings.cache_dir)
        config["CACHE_THRESHOLD"] = 5000
    elif settings.cache_type == "RedisCache":
        config["CACHE_REDIS_URL"] = settings.redis_url
        config["CACHE_OPTIONS"] = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    return config


def init_cache(server, settings) -> Cache:
    cache = Cache()
    cache.init_app(server, config=cache_config(settings))
    server.extensions[EXTENSION] = _CacheState(cache)
    return cache


def _check_primitive(value):
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_primitive(item)
    elif not isinstance(value, _PRIMITIVES):
        raise TypeError(f"cached functions take primitive arguments, got {type(value).__name__}")


def memoize(fn):
    """Cache `fn(*primitives)` per data version; the result must be picklable plain data (dicts, lists)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not has_app_context() or EXTENSION not in current_app.extensions:
            return fn(*args, **kwargs)
        _check_primitive(list(args) + list(kwargs.values()))
        state: _CacheState = current_app.extensions[EXTENSION]
        version = current_app.extensions["eu_cluster_tables"].version
        # The path prefix is part of the key: cached figures carry URLs (e.g. map boundaries) built with it.
        prefix = current_app.config.get("SETTINGS").requests_pathname_prefix if current_app.config.get("SETTINGS") else "/"
        raw_key = repr((fn.__module__, fn.__qualname__, version, state.code_version, prefix, args,
                        sorted(kwargs.items())))
        key = "f:" + hashlib.sha256(raw_key.encode()).hexdigest()
        try:
            hit = state.cache.get(key)
            state.report(True)
        except Exception as exc:  # any backend failure: serve uncached
            state.report(False, exc)
            return fn(*args, **kwargs)
        if hit is not None:
            return hit
        result = fn(*args, **kwargs)
        try:
            state.cache.set(key, result)
        except Exception as exc:
            state.report(False, exc)
        return result

    wrapper.uncached = fn
    return wrapper


def plain(value):
    """Components and figures as the plain JSON data Dash sends to the browser: what a memoized function
    returns, so a warm call is one cache read and no component or figure is rebuilt."""
    return json.loads(json.dumps(value, cls=PlotlyJSONEncoder))


def memoize_layout(layout):
    """Cache a page's `layout(**query)` as plain data, keyed on the page and its query (strings or lists of
    strings). A page layout only reads the tables and the query, so the same link gets the same layout; the
    pickers and tables it holds (up to 200 KB) are then built once per data version, not on every visit."""

    def render(items: tuple) -> dict:
        return plain(layout(**{k: list(v) if isinstance(v, tuple) else v for k, v in items}))

    # The cache key names the function: one name per page.
    render.__module__, render.__qualname__ = layout.__module__, f"{layout.__qualname__}.cached"
    cached = memoize(render)

    @functools.wraps(layout)
    def wrapper(**query):
        return cached(tuple(sorted((str(k), tuple(map(str, v)) if isinstance(v, (list, tuple)) else str(v))
                                   for k, v in query.items())))

    wrapper.uncached = layout
    return wrapper
