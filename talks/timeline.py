"""The merged timeline: rounds, resolutions and milestones in one chronology, filtered, and a source of pages
for the site's one keyset paginator (toolkit/pagination.py).

Its order is (date, date rank, kind, id): the date is the start, or the end where only the end is known;
the date rank puts a year before the months of that year and a month before its days, as ISO 8601 and
EDTF order them. A page costs the same on the first page and the thousandth, whatever the table size:
each kind gives at most one page of keys from its own index, the keys are merged, and only the chosen
rows are loaded, with their relations, in a fixed number of queries.
"""

import datetime
import heapq
import itertools
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q

from toolkit.pagination import (
    BAD_CURSOR,
    MAX_PAGE_SIZE,
    CursorError,
    Page,
    capped_count,
    encode_cursor,
    read_cursor,
    slice_page,
    whole_number,
)

from .filters import FILTERSETS, as_of_day
from .models import TIMELINE_ORDER, Milestone, Resolution, TalkRound

KINDS = {
    "round": (0, TalkRound),
    "resolution": (1, Resolution),
    "milestone": (2, Milestone),
}
RANK_KIND = {rank: kind for kind, (rank, _) in KINDS.items()}
# The cursor's terms: the date, its rank, the kind (by its rank above) and the id.
TERMS = ["sort_date", "date_rank", "kind", "id"]
UNDATED_RANK = 3
# Where the records the articles do not date sit in the order, when they are paged with the rest: after every
# date, by kind and id.
UNDATED = datetime.date.max
CHUNK = 500


@dataclass(frozen=True, order=True)
class Key:
    """An item's place in the timeline's order."""

    sort_date: datetime.date
    date_rank: int
    rank: int
    pk: int

    @property
    def kind(self):
        return RANK_KIND[self.rank]

    def cursor(self, direction):
        return encode_cursor(direction, TERMS, [self.sort_date, self.date_rank, self.rank, self.pk])

    @classmethod
    def read(cls, token):
        """(backwards, key) from a cursor; whatever else a client sends is a CursorError."""
        backwards, (day, date_rank, rank, pk) = read_cursor(token, TERMS)
        if not isinstance(day, str):
            raise CursorError(BAD_CURSOR)
        try:
            day = datetime.date.fromisoformat(day)
        except ValueError as error:
            raise CursorError(BAD_CURSOR) from error
        date_rank, rank, pk = (
            whole_number(date_rank, high=UNDATED_RANK),
            whole_number(rank, high=len(KINDS) - 1),
            whole_number(pk),
        )
        return backwards, cls(day, date_rank, rank, pk)


def year_start_cursor(year):
    """A cursor for the page that starts with `year`: after anything of the year before."""
    return Key(datetime.date(year - 1, 12, 31), UNDATED_RANK, len(KINDS) - 1, 2**62).cursor("n")


@dataclass
class Entry:
    kind: str
    obj: object
    key: Key

    @property
    def sort_date(self):
        return self.key.sort_date


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


class Timeline:
    """Every kind of the timeline, filtered by its FilterSet with the same parameters.

    Bind once per request: validating a slug costs a query, and the page, the overview and the undated
    list share the result. A parameter one kind lacks (a venue, for resolutions) leaves none of that kind.
    With `undated_last`, the records the articles do not date follow the dated ones, paged like them (the
    API); without it they are left to `undated()` (the web page lists them apart).
    """

    def __init__(self, params, *, undated_last=False):
        self.params = params
        self.undated_last = undated_last
        self.filtersets = {
            kind: FILTERSETS[kind](params, queryset=model.objects.all()) for kind, (_, model) in KINDS.items()
        }

    @cached_property
    def errors(self):
        """The first kind's form errors; the kinds share their parameters, so one kind's say is every kind's."""
        return next((fs.errors for fs in self.filtersets.values() if not fs.is_valid()), {})

    @cached_property
    def as_of(self):
        """The day the timeline is shown as known on, if one was asked for (see the `as_of` filter)."""
        return None if self.errors else as_of_day(self.params)

    def dated(self, kind):
        return self.filtersets[kind].qs.filter(sort_date__isnull=False)

    def page(self, cursor, size):
        backwards, key = Key.read(cursor) if cursor else (False, None)
        per_kind = [self._keys(kind, key, backwards, size + 1) for kind in KINDS]
        keys = list(itertools.islice(heapq.merge(*per_kind, reverse=backwards), size + 1))
        keys, has_next, has_previous = slice_page(keys, size=size, backwards=backwards, from_cursor=key is not None)
        return Page(
            self.load(keys),
            next_cursor=keys[-1].cursor("n") if keys and has_next else None,
            previous_cursor=keys[0].cursor("p") if keys and has_previous else None,
        )

    def _keys(self, kind, key, backwards, limit):
        """At most `limit` keys of one kind past `key`, nearest first: the dated ones from the timeline's index
        and, with `undated_last`, the undated ones after all of them, by id. The undated ones are only asked for
        when the dated ones run out within the page."""
        at_undated = key is not None and key.sort_date == UNDATED
        if backwards:
            undated = self._undated_keys(kind, key, backwards, limit) if at_undated else []
            if len(undated) >= limit:
                return undated[:limit]
            return undated + self._dated_keys(kind, None if at_undated else key, backwards, limit - len(undated))
        dated = [] if at_undated else self._dated_keys(kind, key, backwards, limit)
        if not self.undated_last or len(dated) >= limit:
            return dated[:limit]
        return dated + self._undated_keys(kind, key if at_undated else None, backwards, limit - len(dated))

    def _dated_keys(self, kind, key, backwards, limit):
        rank = KINDS[kind][0]
        rows = self.dated(kind)
        if key is not None:
            rows = rows.filter(_beyond(rank, key, forwards=not backwards))
        order = [f"-{term}" for term in TIMELINE_ORDER] if backwards else TIMELINE_ORDER
        return [
            Key(day, date_rank, rank, pk)
            for day, date_rank, pk in rows.order_by(*order).values_list(*TIMELINE_ORDER)[:limit]
        ]

    def _undated_keys(self, kind, key, backwards, limit):
        """Undated keys of one kind past an undated `key` (or all of them), in (kind, id) order."""
        rank = KINDS[kind][0]
        rows = self.filtersets[kind].qs.filter(sort_date__isnull=True)
        if key is not None:
            if rank == key.rank:
                rows = rows.filter(**{f"pk__{'lt' if backwards else 'gt'}": key.pk})
            elif (rank < key.rank) != backwards:  # this kind comes wholly before the key in the direction of travel
                return []
        pks = rows.order_by("-pk" if backwards else "pk").values_list("pk", flat=True)[:limit]
        return [Key(UNDATED, UNDATED_RANK, rank, pk) for pk in pks]

    def load(self, keys):
        """The records behind the keys, with everything an entry shows, in a fixed number of queries."""
        loaded = {}
        for kind, (_, model) in KINDS.items():
            if pks := [k.pk for k in keys if k.kind == kind]:
                loaded[kind] = model.objects.for_timeline(as_of=self.as_of).in_bulk(pks)
        return [Entry(k.kind, loaded[k.kind][k.pk], k) for k in keys]

    def undated(self):
        """The records the articles do not date, filtered the same way; few by nature, so not paged."""
        return [
            Entry(kind, obj, Key(UNDATED, UNDATED_RANK, KINDS[kind][0], obj.pk))
            for kind, fs in self.filtersets.items()
            for obj in fs.qs.filter(sort_date__isnull=True)
            .for_timeline(as_of=self.as_of)
            .order_by("pk")[:MAX_PAGE_SIZE]
        ]

    def count(self):
        return capped_count(*(fs.qs for fs in self.filtersets.values()))

    def example_cursor(self):
        """The page after the first round of 25 January 2018: what a `next` link of the events looks like."""
        return Key(datetime.date(2018, 1, 25), 2, KINDS["round"][0], 9).cursor("n")

    def entries(self, *, undated=True):
        """(kind, record) for the whole filtered timeline, dated in order, then (optionally) undated: each kind
        walked in its own index order and merged, fetched in chunks, so memory stays flat however many."""

        def in_order(kind):
            rank = KINDS[kind][0]
            rows = self.dated(kind).for_timeline(as_of=self.as_of).order_by(*TIMELINE_ORDER)
            for obj in rows.iterator(chunk_size=CHUNK):
                yield (obj.sort_date, obj.date_rank, rank, obj.pk), kind, obj

        merged = heapq.merge(*(in_order(kind) for kind in KINDS), key=lambda item: item[0])
        dated = ((kind, obj) for _, kind, obj in merged)
        if not undated:
            return dated
        rest = (
            (kind, obj)
            for kind, fs in self.filtersets.items()
            for obj in fs.qs.filter(sort_date__isnull=True)
            .for_timeline(as_of=self.as_of)
            .order_by("pk")
            .iterator(CHUNK)
        )
        return itertools.chain(dated, rest)
