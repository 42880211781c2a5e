"""Every environment variable the app reads, in one place, with defaults and validation."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent
DEFAULT_DATA_DIR = REPO_ROOT / "data" / "tables"


class SettingsError(ValueError):
    """A setting has a value the app cannot use."""


def _prefix(value: str) -> str:
    value = value or "/"
    if not value.startswith("/"):
        value = "/" + value
    if not value.endswith("/"):
        value += "/"  # Dash requires the trailing slash
    return value


def _origin(value: str | None) -> str | None:
    """PUBLIC_ORIGIN: scheme and host (and port) only, as a browser shows the app's address."""
    if not value:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise SettingsError(f"PUBLIC_ORIGIN must be like https://observatory.example:8443, got {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _int(env, name, default, lo, hi):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR
    requests_pathname_prefix: str = "/"
    routes_pathname_prefix: str = "/"
    cache_type: str = "FileSystemCache"  # shared between gunicorn workers on one machine
    cache_dir: Path = field(default_factory=lambda: Path(os.environ.get("TMPDIR", "/tmp")) / "eu-cluster-dashboard-cache")
    cache_timeout: int = 3600
    redis_url: str | None = None
    frame_ancestors: str = "'self'"
    public_origin: str | None = None  # e.g. https://observatory.example:8443: full links to it are this app's
    debug: bool = False

    @classmethod
    def from_env(cls, env=None) -> "Settings":
        env = os.environ if env is None else env
        redis_url = env.get("REDIS_URL") or None
        cache_type = env.get("CACHE_TYPE") or ("RedisCache" if redis_url else "FileSystemCache")
        if cache_type not in {"FileSystemCache", "RedisCache", "SimpleCache", "NullCache"}:
            raise SettingsError(f"CACHE_TYPE must be FileSystemCache, RedisCache, SimpleCache or NullCache, got {cache_type!r}")
        if cache_type == "RedisCache" and not redis_url:
            raise SettingsError("CACHE_TYPE=RedisCache needs REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        requests_prefix = _prefix(env.get("DASH_REQUESTS_PATHNAME_PREFIX", "/"))
        routes_prefix = _prefix(env.get("DASH_ROUTES_PATHNAME_PREFIX", "/"))
        defaults = cls()
        return cls(
            data_dir=Path(env.get("DATA_DIR") or DEFAULT_DATA_DIR),
            requests_pathname_prefix=requests_prefix,
            routes_pathname_prefix=routes_prefix,
            cache_type=cache_type,
            cache_dir=Path(env["CACHE_DIR"]) if env.get("CACHE_DIR") else defaults.cache_dir,
            cache_timeout=_int(env, "CACHE_TIMEOUT", 3600, 0, 86400 * 30),
            redis_url=redis_url,
            frame_ancestors=env.get("FRAME_ANCESTORS") or "'self'",
            public_origin=_origin(env.get("PUBLIC_ORIGIN")),
            debug=(env.get("DASH_DEBUG", "").lower() in {"1", "true", "yes"}),
        )
