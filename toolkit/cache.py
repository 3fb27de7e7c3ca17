"""The shared cache: Django's own RedisCache, made to degrade rather than fail.

When Redis cannot be reached, a read is a miss and a write is skipped, so every page still answers (uncached,
from the database) and the log says so, once a minute per process rather than once a request.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60


def tolerant(default=None):
    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.unreachable(method.__name__, error)
                return default(*args, **kwargs) if callable(default) else default

        return call

    return wrap


def _default_of_get(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    """RedisCache that answers a miss (and logs a warning) when Redis is down."""

    _last_warning = 0.0

    def unreachable(self, operation, error):
        now = time.monotonic()
        if now - self._last_warning >= WARN_EVERY_SECONDS:
            self._last_warning = now
            logger.warning("Cache unreachable (%s failed: %s); answering uncached.", operation, error)

    get = tolerant(_default_of_get)(RedisCache.get)
    add = tolerant(False)(RedisCache.add)
    set = tolerant(None)(RedisCache.set)
    touch = tolerant(False)(RedisCache.touch)
    delete = tolerant(False)(RedisCache.delete)
    get_many = tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = tolerant(False)(RedisCache.has_key)
    incr = tolerant(None)(RedisCache.incr)
    set_many = tolerant(lambda *args, **kwargs: [])(RedisCache.set_many)
    delete_many = tolerant(None)(RedisCache.delete_many)

    @tolerant(False)
    def clear(self):
        """Only this site's keys (its KEY_PREFIX), where RedisCache would empty the whole Redis database."""
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(None, write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
        return True


def data_version_key(request):
    """The key of the data version this request is answered at, set by the HTTP caching middleware
    (dataversion/middleware.py); None where it did not run. What is cached from the data is kept under it."""
    version = getattr(request, "data_version", None)
    return version.key if version is not None else None
