"""Every environment variable the app reads, in one place, with defaults and validation."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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


def _public_url(value: str | None) -> str | None:
    """The origin users reach the app at (`https://observatory.example`): the only source of absolute URLs.
    Without it the request's Host header (which any client can set) is never used to build one."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query:
        raise SettingsError(f"PUBLIC_URL must be an origin such as https://observatory.example, got {value!r}")
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
    cache_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("TMPDIR", "/tmp")) / "eu-cluster-dashboard-cache"
    )
    cache_timeout: int = 3600
    redis_url: str | None = None
    frame_ancestors: str = "'self'"
    public_url: str | None = None
    debug: bool = False
    # Request bodies and long jobs (issue 15): see README's configuration table.
    max_content_length: int = 10_000_000
    jobs_running: int = 2
    jobs_waiting: int = 4
    job_timeout: int = 300

    @classmethod
    def from_env(cls, env=None) -> Settings:
        env = os.environ if env is None else env
        redis_url = env.get("REDIS_URL") or None
        cache_type = env.get("CACHE_TYPE") or ("RedisCache" if redis_url else "FileSystemCache")
        if cache_type not in {"FileSystemCache", "RedisCache", "SimpleCache", "NullCache"}:
            raise SettingsError(
                f"CACHE_TYPE must be FileSystemCache, RedisCache, SimpleCache or NullCache, got {cache_type!r}"
            )
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
            public_url=_public_url(env.get("PUBLIC_URL")),
            debug=(env.get("DASH_DEBUG", "").lower() in {"1", "true", "yes"}),
            max_content_length=_int(env, "MAX_CONTENT_LENGTH", defaults.max_content_length, 100_000, 1_000_000_000),
            jobs_running=_int(env, "JOBS_RUNNING", defaults.jobs_running, 1, 64),
            jobs_waiting=_int(env, "JOBS_WAITING", defaults.jobs_waiting, 0, 1000),
            job_timeout=_int(env, "JOB_TIMEOUT", defaults.job_timeout, 10, 86400),
        )
