"""Settings shared by every environment, configured from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "corsheaders",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "simple_history",
    "sources",
    "actors",
    "talks",
    "ingest",
    "dataversion",
    "dataset",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Early, so that an over-long address is refused before anything reads it; after the two above, so that
    # the refusal carries the security headers and the CSP.
    "toolkit.middleware.MaxUrlLengthMiddleware",
    # CORS headers on every /api/ answer, the 304s and the refusals too.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session is read: a conditional GET from an anonymous reader is answered here, with no query.
    "dataversion.middleware.HttpCachingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change: the history reads the request's user (the API's token user too: DRF sets it there).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# The admin's login is guarded against guessing: after 5 failures from one address for one username,
# that pair is locked out for an hour. Token-authenticated API requests do not log in, so are not affected.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
# The lockout is the site's page, saying how long it lasts and what to do.
AXES_LOCKOUT_CALLABLE = "toolkit.errors.locked_out"

# Content-Security-Policy, everywhere (so development and the browser tests see what production does):
# everything from this site, nothing inline. The one page that needs an inline element (the API docs)
# marks it with a per-request nonce; django-csp adds the nonce to the header only where a page uses it.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# CORS: any origin may read the API from a browser (a notebook, a newsroom's page), without credentials;
# writes stay same-origin. The Fetch standard lets a POST through any preflight's method list, so it is the
# headers that refuse: a write needs Authorization (a token) or a JSON Content-Type, and neither is granted
# to another origin. (A session's writes are guarded by CSRF, and no cookie is sent cross-origin anyway.)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "content-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Disposition"]

# The shared cache: Redis from REDIS_URL (Django's own backend; when Redis is down it answers misses and the
# log says so); without REDIS_URL, memory in the process, so `make run` needs no server. Throttle counts, the
# data version and the page fragments live here, so with Redis every worker agrees.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "toolkit.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "peacetalks"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# HTTP caching (dataversion/middleware.py): anonymous answers carry ETag and Last-Modified from the data version
# and may be kept this long, and served stale this much longer while the cache asks again. The version is
# re-read from the database at least this often (a write anywhere clears it at once from a shared cache).
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "600"))
# The admin is staff's; the schema and its docs change with the code, not the data.
HTTP_CACHE_EXCLUDED_PATHS = ("/admin/", "/api/schema/", "/api/docs/", "/api/redoc/")
DATA_VERSION_CACHE_SECONDS = int(os.environ.get("DATA_VERSION_CACHE_SECONDS", "30"))
# How long an anonymous page is kept in the shared cache under the data version (0: not kept). A write changes
# the version, so this bounds only the memory it takes, never how stale a page can be.
HTTP_ANSWER_CACHE_SECONDS = int(os.environ.get("HTTP_ANSWER_CACHE_SECONDS", "600"))

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default so that `make run` works anywhere; PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# SQLite behind a web server, where requests write at the same time. By default a transaction starts as a
# reader and asks for the write lock only at its first write; two such transactions deadlock, and SQLite
# answers one of them "database is locked" at once, without waiting. So every transaction takes the write
# lock when it begins (IMMEDIATE) and waits up to 20 seconds for it; WAL lets readers go on while one
# writes; synchronous=NORMAL is WAL's safe setting (a power cut may lose the last commits, never corrupt
# the file). PostgreSQL has row locks and needs none of this.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FIXTURES_DIR = BASE_DIR / "fixtures"
# Where `manage.py release` writes the versioned data packages that /releases/ serves.
RELEASES_DIR = Path(os.environ.get("RELEASES_DIR", BASE_DIR / "releases"))
# "Cite this" names the latest release: the function that finds it (toolkit/citing.py).
CITATION_RELEASE = "dataset.status.latest_release"
# Every change is kept with its reason (toolkit/history.py). Reverting from the admin's history view is off: a
# correction is a new edit, with its own reason, through the same form and services as any other.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Backups keep datetimes to the microsecond (see talks/backup_format.py).
SERIALIZATION_MODULES = {"json-exact": "talks.backup_format"}

# The API. Anonymous clients read, throttled; staff with a token write. Lists are keyset-paged
# (toolkit/pagination.py); `count` stops at 10,000 so no request counts a whole table.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: each API view says who may use it (toolkit.permissions.ReadOnlyOrStaff).
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAdminUser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "toolkit.pagination.KeysetPagination",
    "DEFAULT_SCHEMA_CLASS": "toolkit.schema.ApiSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "toolkit.exports.KnownFormats",
    "DEFAULT_THROTTLE_CLASSES": ["toolkit.permissions.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    # How many proxies in front of the app append to X-Forwarded-For; 0 trusts only REMOTE_ADDR, so a
    # client cannot escape the anonymous rate by sending its own X-Forwarded-For.
    "NUM_PROXIES": int(os.environ.get("API_NUM_PROXIES", "0")),
    "EXCEPTION_HANDLER": "toolkit.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Peace Talks Timeline API",
    "DESCRIPTION": (
        "The Syrian peace process, round by round, every fact cited to the sentence it came from.\n\n"
        "**Reading.** Anyone may read; anonymous clients are throttled (`API_ANON_RATE`, 600 requests a minute "
        "by default; over it: 429 with `Retry-After`). Lists take the filters of the web timeline (`venue`, "
        "`envoy`, `process`, `delegation`, `resolution`, `date_after`, `date_before`, `year`, `status`, `kind`, "
        "`q`); a malformed value or an unknown slug is a 400 that names the parameter.\n\n"
        "**Paging.** Lists are paged by keyset: follow `next` and `previous` (opaque `cursor` values); "
        "`page_size` is 50 by default and at most 200. A page costs the same however deep it is. `count` is "
        "counted up to 10,000: beyond, it reads 10,000 and `count_capped` is true.\n\n"
        "**Exports.** `?format=csv` on any list streams the whole filtered set; `/api/events.ics`, "
        "`/api/timelinejs.json` and `/api/venues.geojson` take the same filters.\n\n"
        "**Writing.** Staff authenticate with `Authorization: Token <key>` and may create and edit rounds, "
        "milestones, resolutions and citations; every quote must be found verbatim in its source."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public validator at validator.swagger.io: the docs work offline and talk only to us.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "toolkit.schema.blank_means_absent",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "sources.dates.Precision",
        "DateBasisEnum": "sources.dates.DateBasis",
        "RoundStatusEnum": "talks.models.RoundStatus",
        # Sets of values that drf-spectacular would otherwise merge under one name, documenting one field with
        # the other's values: what a citation can support (any record, as read) and what one can be added to by
        # slug (as written); a resolution's `kind` ("resolution") and its `resolution_kind`.
        "CitedKindEnum": "sources.api.serializers.SUBJECT_KINDS",
        "SubjectKindEnum": "sources.api.serializers.SLUGGED_SUBJECTS",
        "ResolutionTypeEnum": "talks.models.ResolutionKind",
    },
}
