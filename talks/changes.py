"""The latest changes across the knowledge base: every kind's history merged, newest first, filtered by kind
and date, and a source of pages for the site's one keyset paginator (toolkit/pagination.py).

Its order is (time, kind, history id), newest first. As the timeline does (talks/timeline.py), each kind gives
at most one page of keys from its own history table, the keys are merged, and only the chosen rows are
loaded: a page costs the same whatever the size of the history.
"""

import datetime
import heapq
import itertools
from dataclasses import dataclass

from django import forms
from django.db.models import Q

from actors.models import Delegation, Envoy, Person, Role
from sources.models import Citation, Figure, Source
from toolkit.history import Change
from toolkit.pagination import (
    BAD_CURSOR,
    CursorError,
    Page,
    capped_count,
    encode_cursor,
    read_cursor,
    slice_page,
    whole_number,
)

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

KINDS = {
    "round": TalkRound,
    "milestone": Milestone,
    "resolution": Resolution,
    "venue": Venue,
    "process": Process,
    "person": Person,
    "role": Role,
    "delegation": Delegation,
    "round-delegation": RoundDelegation,
    "envoy": Envoy,
    "source": Source,
    "citation": Citation,
    "figure": Figure,
}
RANKS = {kind: rank for rank, kind in enumerate(KINDS)}
# Kinds whose page a change links to (by slug, from the row alone): the others are shown on their record's page.
LINKED = {"round", "milestone", "resolution", "venue", "process", "person", "delegation", "envoy", "source", "figure"}
TERMS = ["-history_date", "kind", "-history_id"]


@dataclass(frozen=True, order=True)
class Key:
    when: datetime.datetime
    rank: int
    pk: int

    @property
    def kind(self):
        return list(KINDS)[self.rank]

    def cursor(self, direction):
        return encode_cursor(direction, TERMS, [self.when, self.rank, self.pk])

    @classmethod
    def read(cls, token):
        backwards, (when, rank, pk) = read_cursor(token, TERMS)
        if not isinstance(when, str):
            raise CursorError(BAD_CURSOR)
        try:
            when = datetime.datetime.fromisoformat(when)
        except ValueError as error:
            raise CursorError(BAD_CURSOR) from error
        if when.tzinfo is None:
            raise CursorError(BAD_CURSOR)
        return backwards, cls(when, whole_number(rank, high=len(KINDS) - 1), whole_number(pk))


@dataclass
class Entry:
    kind: str
    change: Change

    @property
    def label(self):
        """The record's name, from the row alone (a role's or a citation's __str__ would fetch its relations)."""
        row = self.change.row
        if self.kind == "citation":
            return f"“{row.quote[:80]}”"
        for name in ("title", "name", "value_text"):
            if value := getattr(row, name, ""):
                return value
        return row.instance_type._meta.verbose_name

    @property
    def url(self):
        """The record's page, while it exists."""
        if self.kind not in LINKED or self.change.row.history_type == "-":
            return None
        return self.change.row.instance.get_absolute_url()


def _beyond(rank, key, older):
    """History rows of kind `rank` past `key`: older ones going forwards (down the list), newer going back."""
    past = "lt" if older else "gt"
    condition = Q(**{f"history_date__{past}": key.when})
    if (rank < key.rank) if older else (rank > key.rank):
        condition |= Q(history_date=key.when)
    elif rank == key.rank:
        condition |= Q(history_date=key.when, **{f"history_id__{past}": key.pk})
    return condition


class Changes:
    """Every kind's history, newest first; `kinds` keeps some kinds, `since` and `until` (dates, UTC) a span."""

    def __init__(self, *, kinds=(), since=None, until=None):
        self.kinds = [kind for kind in KINDS if not kinds or kind in kinds]
        self.since, self.until = since, until

    def rows(self, kind):
        rows = KINDS[kind].history.all()
        if self.since:
            rows = rows.filter(history_date__date__gte=self.since)
        if self.until:
            rows = rows.filter(history_date__date__lte=self.until)
        return rows

    def page(self, cursor, size):
        backwards, key = Key.read(cursor) if cursor else (False, None)
        per_kind = [self._keys(kind, key, backwards, size + 1) for kind in self.kinds]
        # Newest first: going forwards the merge takes the greatest key first.
        keys = list(itertools.islice(heapq.merge(*per_kind, reverse=not backwards), size + 1))
        keys, has_next, has_previous = slice_page(keys, size=size, backwards=backwards, from_cursor=key is not None)
        return Page(
            self.load(keys),
            next_cursor=keys[-1].cursor("n") if keys and has_next else None,
            previous_cursor=keys[0].cursor("p") if keys and has_previous else None,
        )

    def _keys(self, kind, key, backwards, limit):
        rank = RANKS[kind]
        rows = self.rows(kind)
        if key is not None:
            rows = rows.filter(_beyond(rank, key, older=not backwards))
        order = ["history_date", "history_id"] if backwards else ["-history_date", "-history_id"]
        pairs = rows.order_by(*order).values_list("history_date", "history_id")[:limit]
        return [Key(when, rank, pk) for when, pk in pairs]

    def load(self, keys):
        """The rows behind the keys, with their editor, in one query per kind on the page."""
        loaded = {}
        for kind in self.kinds:
            if pks := [k.pk for k in keys if k.kind == kind]:
                loaded[kind] = KINDS[kind].history.select_related("history_user").in_bulk(pks)
        return [Entry(k.kind, Change(loaded[k.kind][k.pk])) for k in keys]

    def count(self):
        return capped_count(*(self.rows(kind) for kind in self.kinds))


class ChangesForm(forms.Form):
    """What /changes/ and its feed answer to; a bad value is a notice (a 400 in the feed) naming it."""

    kind = forms.MultipleChoiceField(choices=[(kind, kind) for kind in KINDS], required=False, label="Kind")
    since = forms.DateField(required=False, label="Since", help_text="ISO date (YYYY-MM-DD), UTC.")
    until = forms.DateField(required=False, label="Until", help_text="ISO date (YYYY-MM-DD), UTC.")

    def changes(self):
        data = self.cleaned_data
        return Changes(kinds=data["kind"], since=data["since"], until=data["until"])
