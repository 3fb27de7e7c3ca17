"""HTTP caching from the data version: ETag and Last-Modified on every anonymous page and API answer, a 304
for a client that already has this version (before any view runs, so with no database query), and
Cache-Control public with a short max-age for anonymous readers only.

An anonymous page (not /api/: its throttle counts every request) is also kept in the shared cache under the
data version, so the next reader without a copy of their own gets the same bytes without the view running. A
write changes the version, so no stale page is ever served; the key holds today's date too, since "Cite this"
names the day a page was read."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

from .services import current

CACHED_METHODS = ("GET", "HEAD")
KEPT_ANSWER_BYTES = 1_000_000  # larger answers are made afresh


class HttpCachingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in CACHED_METHODS or request.path.startswith(settings.HTTP_CACHE_EXCLUDED_PATHS):
            return self.get_response(request)
        # Only a request that carries no credentials can be answered before the view: its answer is the public one.
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META
        # For the views too: caches of what the data gives are kept under it (toolkit/index.py, the facets).
        request.data_version = version = current()
        if anonymous:
            not_modified = get_conditional_response(
                request, etag=version.etag, last_modified=int(version.changed.timestamp())
            )
            if not_modified is not None:
                return self.public(request, not_modified, version)
        kept = answer_key(request, version) if anonymous else None
        if kept is not None and (found := cache.get(kept)) is not None:
            return kept_answer(*found)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # staff pages and authenticated answers are never stored anywhere
        elif anonymous and self.cacheable(request, response):
            self.public(request, response, version)
            if kept is not None and not response.streaming and len(response.content) <= KEPT_ANSWER_BYTES:
                cache.set(kept, keepable(response), settings.HTTP_ANSWER_CACHE_SECONDS)
        return response

    def cacheable(self, request, response):
        # Not an error, not what already says how to cache it, not what sets a cookie (a CSRF token is one
        # reader's), not a page whose CSP carries a nonce (a stored copy would keep an old nonce).
        return (
            response.status_code == 200
            and not response.has_header("Cache-Control")
            and not response.cookies
            and getattr(request, "_csp_nonce", None) is None  # django-csp's record of a nonce used
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a page holding a CSRF token, set or not
        )

    def public(self, request, response, version):
        response.headers.setdefault("ETag", version.etag)
        response.headers.setdefault("Last-Modified", version.last_modified)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.HTTP_CACHE_MAX_AGE,
            stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
        )
        # The same address answers differently to a logged-in reader (a cookie), and /api/ to the browsable
        # API's Accept, a token's Authorization and a browser's Origin.
        vary = ["Cookie", "Accept", "Authorization", "Origin"] if request.path.startswith("/api/") else ["Cookie"]
        patch_vary_headers(response, vary)
        return response


def answer_key(request, version):
    """Where an anonymous page is kept, or None when it is not: the API, HEAD, or the cache switched off."""
    if not settings.HTTP_ANSWER_CACHE_SECONDS or request.method != "GET" or request.path.startswith("/api/"):
        return None
    # The host and scheme too: a page names its own absolute address (the embed code, the JSON-LD).
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"answer:{version.key}:{timezone.localdate().isoformat()}:{hashlib.sha256(address.encode()).hexdigest()}"


def keepable(response):
    """What makes the answer again: its body and headers, and django-csp's marks for the CSP middleware
    outside this one (the embed page widens frame-ancestors)."""
    marks = {name: value for name, value in vars(response).items() if name.startswith("_csp")}
    return response.content, dict(response.headers), marks


def kept_answer(content, headers, marks):
    response = HttpResponse(content, headers=headers)
    for name, value in marks.items():
        setattr(response, name, value)
    return response
