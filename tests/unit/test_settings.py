import pytest

from settings import Settings, SettingsError


def test_defaults_share_a_filesystem_cache_at_the_root_path():
    s = Settings.from_env({})
    assert s.cache_type == "FileSystemCache"
    assert s.requests_pathname_prefix == "/"


def test_prefix_gets_the_slashes_dash_requires():
    s = Settings.from_env({"DASH_REQUESTS_PATHNAME_PREFIX": "portal/cluster"})
    assert s.requests_pathname_prefix == "/portal/cluster/"


def test_redis_url_selects_redis_cache():
    s = Settings.from_env({"REDIS_URL": "redis://127.0.0.1:6399/0"})
    assert s.cache_type == "RedisCache"


@pytest.mark.parametrize("env", [{"CACHE_TYPE": "Memcached"}, {"CACHE_TYPE": "RedisCache"}, {"CACHE_TIMEOUT": "soon"}])
def test_bad_settings_say_what_is_wrong(env):
    with pytest.raises(SettingsError, match="CACHE"):
        Settings.from_env(env)


def test_request_and_job_limits_are_settings_with_bounds():
    s = Settings.from_env({"MAX_CONTENT_LENGTH": "5000000", "JOBS_RUNNING": "3", "JOBS_WAITING": "0"})
    assert (s.max_content_length, s.jobs_running, s.jobs_waiting, s.job_timeout) == (5_000_000, 3, 0, 300)
    for env in ({"MAX_CONTENT_LENGTH": "10"}, {"JOBS_RUNNING": "0"}, {"JOB_TIMEOUT": "soon"}):
        with pytest.raises(SettingsError):
            Settings.from_env(env)
