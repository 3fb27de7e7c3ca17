"""Production settings, served over plain HTTP on loopback, plus the floor view for comparison."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import REST_FRAMEWORK

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# One client on loopback stands for many users: keep the throttle's cost, lift its limit.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000000/second"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The cold path: no cache of any kind (pages, facet and strip counts made afresh on every request). The warm
# path (BENCH_WARM=1) keeps production's caches: Redis from REDIS_URL.
if not os.environ.get("BENCH_WARM"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
