"""Facet counts, as Datasette shows them: for each filter, how many items each of its choices would leave, given
the other filters in use ("Geneva (8)"). The timeline's form shows them beside each choice; the API gives them
with `?facets=venue,envoy`.

The cost is bounded whatever the size: a fixed number of GROUP BY queries (one per filter and kind), each over at
most FACET_CAP items of each kind (the first in the timeline's order), and the result is cached under the data
version, so a repeated view costs nothing until the data change. When the cap is reached the counts say so.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from .filters import FILTERSETS, KIND_CHOICES, STATUS
from .models import TIMELINE_ORDER, Milestone, RoundDelegation, TalkRound
from .timeline import KINDS

FACET_CAP = 20_000
FACET_CACHE_SECONDS = 60 * 60
FACETS = ("kind", "process", "venue", "envoy", "delegation", "resolution", "status")

# Where each kind keeps each filter's value: a column of its own, or a linking table (the table, its column
# naming the item, its column naming the value). A kind without the filter has no entry: its items never match.
LINKS = {
    "round": {
        "venue": "venue",
        "process": "process",
        "status": "status",
        "envoy": (TalkRound.envoys.through, "talkround", "envoy"),
        "delegation": (RoundDelegation, "round", "delegation"),
        "resolution": (TalkRound.resolutions.through, "talkround", "resolution"),
    },
    "milestone": {
        "venue": "venue",
        "process": "process",
        "envoy": (Milestone.people.through, "milestone", "person__envoy"),
        "delegation": (Milestone.delegations.through, "milestone", "delegation"),
        "resolution": (Milestone.resolutions.through, "milestone", "resolution"),
    },
    "resolution": {"resolution": "pk"},
}


@dataclass
class Facets:
    counts: dict  # filter name -> {value (a slug's id, a status, a kind): count}
    capped: bool
    cap: int


def unknown_facets(names):
    return [name for name in names if name not in FACETS]


def facet_counts(params, names=FACETS, *, kinds=tuple(KINDS), version_key=None):
    """Counts for the filters `names`, each given every other filter in `params`, over the items of `kinds`."""
    params = params.copy()
    for ignored in ("cursor", "page_size", "format", "facets", "ordering"):
        params.pop(ignored, None)
    key = None
    if version_key is not None:
        described = repr((sorted(params.lists()), list(names), list(kinds))).encode()
        key = f"facets:{version_key}:{hashlib.sha256(described).hexdigest()}"
        if (found := cache.get(key)) is not None:
            return found
    facets = _count(params, names, kinds)
    if key is not None:
        cache.set(key, facets, FACET_CACHE_SECONDS)
    return facets


def _count(params, names, kinds):
    items = {}  # (the other filters, kind) -> the first FACET_CAP matching ids: shared by filters not in use
    sizes = {}  # the same -> how many of them there are, to tell when the cap was reached

    def first_items(name, kind):
        others = params.copy()
        others.pop(name, None)
        described = (tuple((name, tuple(values)) for name, values in sorted(others.lists())), kind)
        if described not in items:
            model = KINDS[kind][1]
            filterset = FILTERSETS[kind](others, queryset=model.objects.all())
            matching = filterset.qs if filterset.is_valid() else model.objects.none()
            items[described] = matching.order_by(*TIMELINE_ORDER).values("pk")[:FACET_CAP]
            sizes[described] = model.objects.filter(pk__in=items[described]).count()
        return items[described], sizes[described]

    counts, capped = {}, False
    for name in names:
        counts[name] = {}
        for kind in kinds:
            ids, size = first_items(name, kind)
            capped = capped or size >= FACET_CAP
            model = KINDS[kind][1]
            if name == "kind":
                found = {kind: size}
            elif (link := LINKS[kind].get(name)) is None:
                continue
            elif isinstance(link, str):
                rows = model.objects.filter(pk__in=ids).order_by().values(link).annotate(n=Count("*"))
                found = {row[link]: row["n"] for row in rows}
            else:
                table, item, value = link
                rows = table.objects.filter(**{f"{item}__in": ids}).order_by().values(value)
                rows = rows.annotate(n=Count(item, distinct=True))
                found = {row[value]: row["n"] for row in rows}
            for value, n in found.items():
                if value is not None:
                    counts[name][value] = counts[name].get(value, 0) + n
    return Facets(counts, capped, FACET_CAP)


def facet_options(name, facets, records):
    """A filter's choices with their counts: [(slug or value, label, count)], by the FilterSet's order."""
    counts = facets.counts.get(name, {})
    if name == "kind":
        return [(value, label, counts.get(value, 0)) for value, label in KIND_CHOICES]
    if name == "status":
        return [(value, label, counts.get(value, 0)) for value, label in STATUS["choices"]]
    return [(obj.slug, str(obj), counts.get(obj.pk, 0)) for obj in records]
