"""Addresses of records by slug, each view reversed once rather than once per link.

A page of the timeline links every round, venue, envoy, delegation, person, resolution and quote on it:
several hundred `reverse()` calls, a quarter of the time its entries took to render. A view's path is
reversed once (per URLconf and script prefix) around a placeholder, which each slug then replaces. A
slug ([-a-zA-Z0-9_]+) goes into a URL as it is; anything else is reversed as before.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Matches both lookups' URL patterns (slugs and numeric ids), and is found as the path's last "0".
SENTINEL = "0"
_paths = {}


def slug_path(view_name, slug):
    """reverse(view_name, kwargs={"slug": slug})."""
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return reverse(view_name, kwargs={"slug": slug})
    key = (view_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    parts = _paths.get(key)
    if parts is None:
        head, _, tail = reverse(view_name, kwargs={"slug": SENTINEL}).rpartition(SENTINEL)
        parts = _paths[key] = (head, tail)
    return f"{parts[0]}{slug}{parts[1]}"
