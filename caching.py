"""A cache of plain results (figure dicts, small query results) shared across workers.

Keys are built from the function name, its primitive arguments, the data version and a hash of every project
module the app imports (`code_version`), so a rebuild of the tables or a new release invalidates everything. If
the cache backend fails (Redis gone), results are computed uncached and one warning is logged until it answers.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sys
import threading
from pathlib import Path

from flask import current_app, has_app_context
from flask_caching import Cache
from plotly.utils import PlotlyJSONEncoder

from i18n import in_language

log = logging.getLogger(__name__)
EXTENSION = "eu_cluster_cache"
_PRIMITIVES = (str, int, float, bool, type(None))


ROOT = Path(__file__).resolve().parent
_NOT_SERVED = {".venv", "tests", "benchmarks"}  # imported by tests and scripts, never by the app


@functools.cache
def _resolved(path: str) -> Path:
    return Path(path).resolve()  # ~0.1 ms each for ~3,000 modules: once per process, not once per app


def served_modules(root: Path = ROOT, modules=None) -> list[Path]:
    """The project's source files among the imported modules (`sys.modules` by default): the code that serves."""
    files = set()
    for module in list((sys.modules if modules is None else modules).values()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        path = _resolved(path)
        if path.is_file() and path.is_relative_to(root) and path.relative_to(root).parts[0] not in _NOT_SERVED:
            files.add(path)
    return sorted(files)


def code_version(root: Path = ROOT, modules=None) -> str:
    """A hash of every project module imported (data/build ones included): a new release never serves
    figures cached by an old one. The factory computes it once, after every page and callback is imported."""
    digest = hashlib.sha256()
    for path in served_modules(root, modules):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class _CacheState:
    def __init__(self, cache: Cache):
        self.cache = cache
        self.code_version = code_version()  # again by `seal_code_version` once the app is fully imported
        self.failing = False
        self.lock = threading.Lock()

    def report(self, ok: bool, exc: Exception | None = None):
        with self.lock:
            if not ok and not self.failing:
                log.warning("cache backend unavailable, serving uncached: %s", exc)
            elif ok and self.failing:
                log.warning("cache backend is back, caching resumed")
            self.failing = not ok


def seal_code_version(server) -> str:
    """Hash the code once every runtime module is imported (call at the end of the factory)."""
    state: _CacheState = server.extensions[EXTENSION]
    state.code_version = code_version()
    return state.code_version


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
        prefix = (
            current_app.config.get("SETTINGS").requests_pathname_prefix if current_app.config.get("SETTINGS") else "/"
        )
        raw_key = repr(
            (fn.__module__, fn.__qualname__, version, state.code_version, prefix, args, sorted(kwargs.items()))
        )
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


def _path_to(tree, ident) -> list | None:
    """The keys leading to the component whose id is `ident` in a plain layout tree (None if absent)."""
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == ident:
            return []
        items = tree.items()
    elif isinstance(tree, list):
        items = enumerate(tree)
    else:
        return None
    for key, child in items:
        if isinstance(child, (dict, list)):
            found = _path_to(child, ident)
            if found is not None:
                return [key, *found]
    return None


def request_language_of(query: dict) -> str:
    from components.language import request_language

    return request_language(query.get("lang"))


def _state_key(state) -> str:
    return json.dumps(state, sort_keys=True, separators=(",", ":"), default=str)


def memoize_layout(parse=None, notice: str | None = None):
    """Cache a page's layout as plain data, keyed on the page and its *parsed, validated* state, never on the
    raw query: `?x=<random>` or `?year=<junk>` gives the same key as the link without it, so junk links cost a
    parse and a cache read, not a build and a cache entry each.

    The decorated body is `layout(state, notices, lang)`; `parse(tables, query) -> (state, notices)` (None: the
    page takes no query; a state of None is rendered, never cached). `lang` is the view's language (the link's
    `?lang=`, else the browser's Accept-Language), part of the key; the layout carries it in a store
    (`PAGE_LANGUAGE`) so the page's callbacks answer in the language the page was drawn in. Notices quote the
    raw values, so they are not cached: the body is rendered once with none and the page's notice Alert (id
    `notice`) is filled in on every request. `layout.uncached(**query)` gives the components, notices included
    (for tests)."""

    def decorate(body):
        def parsed(query):
            from data.store import current_tables

            return parse(current_tables(), query) if parse else ({}, [])

        def drawn(state, notices, lang):
            from dash import dcc, html

            from components.language import PAGE_LANGUAGE

            return html.Div([dcc.Store(id=PAGE_LANGUAGE, data=lang), body(state, notices, lang)])

        def render(key: str) -> dict:
            keyed = json.loads(key)
            tree = plain(drawn(keyed["state"], [], keyed["lang"]))
            return {"tree": tree, "notice": _path_to(tree, notice) if notice else None}

        # The cache key names the function: one name per page.
        render.__module__, render.__qualname__ = body.__module__, f"{body.__qualname__}.cached"
        cached = memoize(render)

        def layout(**query):  # what Dash calls with the path variables and the query
            state, notices = parsed(query)
            lang = request_language_of(query)
            notices = in_language(notices, lang)
            if state is None:  # nothing valid to key on (e.g. an unknown region): built, never cached
                return plain(drawn(state, notices, lang))
            # The state goes through JSON both ways, so a cold and a warm render see the same values.
            entry = cached(_state_key({"lang": lang, "state": state}))
            tree, path = entry["tree"], entry["notice"]
            if notices and path is not None:
                alert = tree
                for key in path:
                    alert = alert[key]
                alert["props"] = {**alert["props"], "children": plain(notices), "is_open": True}
            return tree

        layout.__module__, layout.__doc__ = body.__module__, body.__doc__

        def uncached(**query):
            state, notices = parsed(query)
            lang = request_language_of(query)
            return drawn(state, in_language(notices, lang), lang)

        layout.uncached = uncached
        return layout

    return decorate
