"""The data version: read by every cacheable request, bumped by every write.

Every write path (talks/services.py, sources/services.py, the loader, the admin, ingest's publish) calls
`data_changed()` inside its own transaction, so the version moves exactly when the write commits and rolls
back with it. Readers take the version from the shared cache (Redis in production), so a conditional GET is
answered with no database query; on a miss, or with the cache down, it is read from its row.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.http import http_date

from .models import DataVersion

CACHE_KEY = "data-version"
# Before any write, or before the row's migration has run (a fresh database): version 0.
EPOCH = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Version:
    number: int
    changed: datetime.datetime

    @property
    def etag(self):
        # Weak: the same data may be sent in several forms (JSON, the browsable API, CSV) at one address.
        return f'W/"data-{self.number}"'

    @property
    def last_modified(self):
        return http_date(self.changed.timestamp())

    @property
    def key(self):
        """A prefix for anything cached from the data: a write changes it, so nothing stale is read."""
        return f"v{self.number}"


def current() -> Version:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = DataVersion.objects.filter(pk=1).values_list("number", "changed").first() or (0, EPOCH)
        cache.set(CACHE_KEY, found, settings.DATA_VERSION_CACHE_SECONDS)
    return Version(*found)


def data_changed() -> None:
    """Bump the version, in the caller's transaction: called by every write, after its rows are saved."""
    now = timezone.now()
    with transaction.atomic():
        if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1, changed=now):
            DataVersion.objects.create(pk=1, number=1, changed=now)
    # Forgotten now, for this transaction's own next read, and again once committed, for a reader that put the
    # old version back in the cache meanwhile.
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
