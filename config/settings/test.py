import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the apps' folders, as in development; production serves the collected, hashed set.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite's test database is a file, not memory: an in-memory database is one connection that the live
# server's threads share, so concurrent requests could never meet in the database as they do in production.
# One file per test run (by process id), so runs side by side do not share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"peacetalks-test-{os.getpid()}.sqlite3"),
    }

# The tests run against the real Redis, in a database of their own (1), so no one else's keys are touched, and
# under a prefix of their own per run (cache.clear() deletes only those), so runs side by side do not meet.
CACHES = {
    "default": {
        "BACKEND": "toolkit.cache.ResilientRedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1"),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX") or f"peacetalks-test-{os.getpid()}",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}

# Pages are made afresh on every request, so that each test sees its view's own work (queries, output); the
# tests of the kept pages (tests/web/test_kept_answers.py) switch it on.
HTTP_ANSWER_CACHE_SECONDS = 0
