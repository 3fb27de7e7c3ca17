from .base import *  # noqa: F403

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
