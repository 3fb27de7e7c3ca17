"""The merged timeline: rounds, resolutions and milestones in one chronology, filtered and paged.

Paging is by keyset on (start date, date rank, kind, id) — the date rank puts a year before the months of
that year and a month before its days, as ISO 8601 and EDTF order them — so a page costs the same on the
first page and the thousandth, whatever the table size: each kind gives at most one page of keys from its
own index, the keys are merged, and only the chosen rows are loaded, with their relations, in a fixed
number of queries.
"""

import base64
import binascii
import datetime
import hashlib
import heapq
import json
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from .filters import FILTERSETS
from .models import TIMELINE_ORDER, Milestone, Resolution, TalkRound

KINDS = {
    "round": (0, TalkRound),
    "resolution": (1, Resolution),
    "milestone": (2, Milestone),
}
RANK_KIND = {rank: kind for kind, (rank, _) in KINDS.items()}
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGING = ("after", "before")
# The overview strip: counts per year for the whole timeline are exact and cached; for a filtered
# timeline they cover at most STRIP_CAP items, so that no filter makes a page cost more.
STRIP_CAP = 20_000
STRIP_CACHE_SECONDS = 600


class CursorError(ValueError):
    pass


def _finite(text):
    """A JSON number as a float, refusing what no cursor holds: NaN, Infinity, or 1e400 (which is infinite)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return value


@dataclass(frozen=True, order=True)
class Key:
    sort_date: datetime.date
    date_rank: int
    rank: int
    pk: int

    @property
    def kind(self):
        return RANK_KIND[self.rank]

    def encode(self):
        raw = json.dumps([self.sort_date.isoformat(), self.date_rank, self.rank, self.pk], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token):
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            day, date_rank, rank, pk = json.loads(raw, parse_float=_finite, parse_constant=_finite)
            key = cls(datetime.date.fromisoformat(day), int(date_rank), int(rank), int(pk))
        # RecursionError: a thousand nested brackets; OverflowError: a number too large for what it should be.
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, RecursionError, OverflowError) as error:
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
    def sort_date(self):
        return self.key.sort_date


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
    return filterset.qs.filter(sort_date__isnull=False)


def _beyond(rank, key, forwards):
    """Rows of kind `rank` past `key` in (date, date rank, kind, id) order, going forwards or backwards."""
    past = "gt" if forwards else "lt"
    condition = Q(**{f"sort_date__{past}": key.sort_date}) | Q(
        sort_date=key.sort_date, **{f"date_rank__{past}": key.date_rank}
    )
    same_date = Q(sort_date=key.sort_date, date_rank=key.date_rank)
    if (rank > key.rank) if forwards else (rank < key.rank):
        condition |= same_date
    elif rank == key.rank:
        condition |= same_date & Q(**{f"pk__{past}": key.pk})
    return condition


def _keys(queryset, rank, *, after, before, size):
    if before is not None:
        queryset = queryset.filter(_beyond(rank, before, forwards=False)).order_by("-sort_date", "-date_rank", "-pk")
    else:
        if after is not None:
            queryset = queryset.filter(_beyond(rank, after, forwards=True))
        queryset = queryset.order_by(*TIMELINE_ORDER)
    rows = queryset.values_list(*TIMELINE_ORDER)[:size]
    return [Key(day, date_rank, rank, pk) for day, date_rank, pk in rows]


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
        Entry(kind, obj, Key(datetime.date.min, obj.date_rank, KINDS[kind][0], obj.pk))
        for kind, fs in bound.items()
        for obj in fs.qs.filter(sort_date__isnull=True).for_timeline().order_by("pk")[:MAX_PAGE_SIZE]
    ]


def _newest_ids():
    """The newest id of each kind, in one query: an addition anywhere changes the cache key at once."""
    tables = [connection.ops.quote_name(model._meta.db_table) for _, model in KINDS.values()]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT MAX(id) FROM {table})" for table in tables))
        return cursor.fetchone()


def year_counts(bound):
    """{kind: [{"year", "process", "count"}]} for the overview strip, and whether they were capped.

    Without filters the counts are exact, cached for STRIP_CACHE_SECONDS under the newest ids (an
    edit that only moves a date shows within that time). With filters they are counted over the first
    STRIP_CAP matching items of each kind, so the cost is bounded whatever the filter."""
    params = next(iter(bound.values())).data
    filters = sorted((k, v) for k, values in params.lists() if k not in PAGING for v in values if v)
    key = "strip:" + hashlib.sha256(json.dumps([filters, _newest_ids()], default=str).encode()).hexdigest()
    if (found := cache.get(key)) is not None:
        return found
    counts, capped = {}, False
    for kind, filterset in bound.items():
        rows = dated(filterset)
        if filters:
            rows = rows.model.objects.filter(pk__in=rows.order_by(*TIMELINE_ORDER).values("pk")[:STRIP_CAP])
        fields = () if kind == "resolution" else ("process",)
        counts[kind] = list(rows.year_counts(*fields))
        capped = capped or (bool(filters) and sum(row["count"] for row in counts[kind]) >= STRIP_CAP)
    cache.set(key, (counts, capped), STRIP_CACHE_SECONDS)
    return counts, capped
