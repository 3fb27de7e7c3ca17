"""The merged timeline: rounds, resolutions and milestones in one chronology, filtered and paged.

Paging is by keyset on (start date, kind, id), so a page costs the same on the first page and the
thousandth, whatever the table size: each kind gives at most one page of keys from its own index, the
keys are merged, and only the chosen rows are loaded, with their relations, in a fixed number of queries.
"""

import base64
import binascii
import datetime
import heapq
import json
from dataclasses import dataclass, field

from django.db.models import Q

from .filters import FILTERSETS
from .models import Milestone, Resolution, TalkRound

KINDS = {
    "round": (0, TalkRound),
    "resolution": (1, Resolution),
    "milestone": (2, Milestone),
}
RANK_KIND = {rank: kind for kind, (rank, _) in KINDS.items()}
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class CursorError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Key:
    start_date: datetime.date
    rank: int
    pk: int

    @property
    def kind(self):
        return RANK_KIND[self.rank]

    def encode(self):
        raw = json.dumps([self.start_date.isoformat(), self.rank, self.pk], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token):
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            day, rank, pk = json.loads(raw)
            key = cls(datetime.date.fromisoformat(day), int(rank), int(pk))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
            raise CursorError("This page link is not valid; start again from the first page.") from error
        if key.rank not in RANK_KIND:
            raise CursorError("This page link is not valid; start again from the first page.")
        return key


@dataclass
class Entry:
    kind: str
    obj: object
    key: Key

    @property
    def start_date(self):
        return self.key.start_date


@dataclass
class TimelinePage:
    entries: list
    errors: dict = field(default_factory=dict)
    next_cursor: str | None = None
    previous_cursor: str | None = None
    filtersets: dict = field(default_factory=dict)


def filtersets(params):
    """Each kind's FilterSet bound to the parameters, over all its records. Bind once per request:
    validating a slug costs a query, and the page, the overview and the undated list share the result."""
    return {kind: FILTERSETS[kind](params, queryset=model.objects.all()) for kind, (_, model) in KINDS.items()}


def errors(bound):
    """The first kind's form errors; the kinds share their parameters, so one kind's say is every kind's."""
    return next((fs.errors for fs in bound.values() if not fs.is_valid()), {})


def dated(filterset):
    return filterset.qs.filter(start_date__isnull=False)


def _after(rank, key):
    """Rows of kind `rank` that come after `key` in (start date, rank, id) order."""
    if rank < key.rank:
        return Q(start_date__gt=key.start_date)
    if rank > key.rank:
        return Q(start_date__gte=key.start_date)
    return Q(start_date__gt=key.start_date) | Q(start_date=key.start_date, pk__gt=key.pk)


def _before(rank, key):
    if rank > key.rank:
        return Q(start_date__lt=key.start_date)
    if rank < key.rank:
        return Q(start_date__lte=key.start_date)
    return Q(start_date__lt=key.start_date) | Q(start_date=key.start_date, pk__lt=key.pk)


def _keys(queryset, rank, *, after, before, size):
    if before is not None:
        queryset = queryset.filter(_before(rank, before)).order_by("-start_date", "-pk")
    else:
        if after is not None:
            queryset = queryset.filter(_after(rank, after))
        queryset = queryset.order_by("start_date", "pk")
    return [Key(day, rank, pk) for day, pk in queryset.values_list("start_date", "pk")[:size]]


def timeline_page(params, *, after=None, before=None, size=DEFAULT_PAGE_SIZE, bound=None):
    """One page of the filtered timeline. `after`/`before` are cursors from a previous page."""
    bound = bound or filtersets(params)
    if invalid := errors(bound):
        return TimelinePage(entries=[], errors=invalid, filtersets=bound)
    after = Key.decode(after) if after else None
    before = Key.decode(before) if before else None
    size = max(1, min(size, MAX_PAGE_SIZE))

    per_kind = [
        _keys(dated(fs), KINDS[kind][0], after=after, before=before, size=size + 1) for kind, fs in bound.items()
    ]
    if before is not None:
        keys = list(heapq.merge(*per_kind, reverse=True))[: size + 1]
        more_before, keys = len(keys) > size, sorted(keys[:size])
        more_after = True
    else:
        keys = list(heapq.merge(*per_kind))[: size + 1]
        more_after, keys = len(keys) > size, keys[:size]
        more_before = after is not None

    entries = load_entries(keys)
    return TimelinePage(
        entries=entries,
        next_cursor=keys[-1].encode() if keys and more_after else None,
        previous_cursor=keys[0].encode() if keys and more_before else None,
        filtersets=bound,
    )


def load_entries(keys):
    """The records behind the keys, with everything an entry shows, in a fixed number of queries."""
    wanted = {kind: [k.pk for k in keys if k.kind == kind] for kind in KINDS}
    loaded = {}
    for kind, pks in wanted.items():
        if pks:
            model = KINDS[kind][1]
            loaded[kind] = model.objects.for_timeline().in_bulk(pks)
    return [Entry(k.kind, loaded[k.kind][k.pk], k) for k in keys]


def undated(bound):
    """The records the articles do not date, filtered the same way; few by nature, so not paged."""
    if errors(bound):
        return []
    return [
        Entry(kind, obj, Key(datetime.date.min, KINDS[kind][0], obj.pk))
        for kind, fs in bound.items()
        for obj in fs.qs.filter(start_date__isnull=True).for_timeline().order_by("pk")[:MAX_PAGE_SIZE]
    ]
