"""The shared cache: Redis (database 1 in the tests), exact throttle counts across gunicorn workers, and pages
that still answer, uncached, with a warning in the log, when Redis is down."""

import logging
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings

from dataversion.services import CACHE_KEY, current
from tests.gunicorn import free_port
from tests.gunicorn import gunicorn as serve

pytestmark = pytest.mark.django_db


def test_the_tests_cache_is_the_real_redis():
    assert settings.CACHES["default"]["BACKEND"] == "toolkit.cache.ResilientRedisCache"
    cache.set("probe", 41)
    assert cache.incr("probe") == 42
    assert cache._cache.get_client("probe").ping()


def test_clearing_the_cache_leaves_other_prefixes_alone():
    client = cache._cache.get_client(None, write=True)
    client.set("someone-else:key", "kept")
    cache.set("ours", 1)
    cache.clear()
    assert cache.get("ours") is None
    assert client.get("someone-else:key") == b"kept"
    client.delete("someone-else:key")


@pytest.fixture
def redis_down():
    """The cache pointed at a loopback port where nothing listens."""
    down = {**settings.CACHES["default"], "LOCATION": f"redis://127.0.0.1:{free_port()}/1"}
    with override_settings(CACHES={"default": down}):
        yield


def test_pages_still_answer_uncached_when_redis_is_down_and_the_log_says_so(client, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.cache"):
        for path in ("/", "/api/rounds/?venue=geneva", "/venues/geneva/"):
            response = client.get(path)
            assert response.status_code == 200, path
    assert any("Cache unreachable" in record.getMessage() for record in caplog.records)
    assert cache.get(CACHE_KEY) is None  # nothing could be kept
    assert current().number > 0  # read from the database instead


def test_a_conditional_get_still_works_when_redis_is_down(client, redis_down):
    etag = client.get("/api/rounds/")["ETag"]
    assert client.get("/api/rounds/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_throttle_lets_readers_through_when_redis_is_down(client, redis_down, settings):
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}}
    with override_settings(REST_FRAMEWORK=rates):
        assert [client.get("/api/").status_code for _ in range(4)] == [200] * 4


def database_url():
    """The test database, for a server in another process: it sees what the session loaded and committed."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def gunicorn_two_workers(django_db_setup):
    environment = {
        "DATABASE_URL": database_url(),
        "API_ANON_RATE": "20/minute",
        "CACHE_KEY_PREFIX": f"peacetalks-test-gunicorn-{os.getpid()}",  # one for both workers, none of this run's
    }
    with serve(environment, workers=2) as port:
        yield f"http://127.0.0.1:{port}"


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_throttle_allows_exactly_its_rate_across_two_gunicorn_workers(gunicorn_two_workers):
    url = f"{gunicorn_two_workers}/api/rounds/?venue=geneva"
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(status_of, [url] * 30))
    assert statuses.count(200) == 20
    assert statuses.count(429) == 10
