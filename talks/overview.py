"""The timeline's overview strip: how many items each year holds, per process, each bar a link to its entries."""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache

from .models import TIMELINE_ORDER
from .templatetags.timeline_tags import palette
from .timeline import KINDS, year_start_cursor

# Counts per year for the whole timeline are exact and cached; for a filtered timeline they cover at most
# STRIP_CAP items of each kind, so that no filter makes a page cost more.
STRIP_CAP = 20_000
STRIP_CACHE_SECONDS = 600
MAX_STRIP_YEARS = 150
# A strip of more than MAX_PROCESS_LANES processes keeps the KEPT_PROCESS_LANES largest in rows of their own and
# gathers the rest in one: with a row per process, a year of fifty processes would be fifty pieces, and the page
# would grow with the data.
MAX_PROCESS_LANES, KEPT_PROCESS_LANES = 5, 3
OTHER_PROCESSES = ("process", "others")


@dataclass
class Lane:
    key: tuple
    label: str
    css: str
    total: int = 0


@dataclass
class Segment:
    lane: Lane
    count: int
    href: str


@dataclass
class Overview:
    """Counts per year and process for the whole filtered timeline, from one GROUP BY per kind."""

    years: list
    capped: bool = False  # counted over the first `cap` items of each kind only
    cap: int = STRIP_CAP
    segments: dict = field(default_factory=dict)  # year -> [Segment]
    lanes: list = field(default_factory=list)

    @property
    def total(self):
        return sum(lane.total for lane in self.lanes)


def lane_key(kind, process_id):
    """The strip's row for an item: its process, or its kind where it has none."""
    if kind == "resolution":
        return ("resolution", None)
    return ("process", process_id) if process_id else ("milestone", None)


def gather_small_processes(counts):
    """Move the counts of all but the largest processes into one row, when there are more than the strip
    shows: the KEPT_PROCESS_LANES largest keep theirs (`counts` is {year: Counter of lane key}). Returns the
    lane keys gathered."""
    totals = Counter()
    for per_lane in counts.values():
        totals.update({key: n for key, n in per_lane.items() if key[0] == "process"})
    if len(totals) <= MAX_PROCESS_LANES:
        return set()
    kept = {key for key, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0][1]))[:KEPT_PROCESS_LANES]}
    gathered = set(totals) - kept
    for per_lane in counts.values():
        for key in gathered & set(per_lane):
            per_lane[OTHER_PROCESSES] += per_lane.pop(key)
    return gathered


def anchor(kind, obj):
    return f"{kind}-{obj.slug}"


def year_counts(timeline, filters, version_key=None):
    """{kind: [{"year", "process", "count"}]}, and whether they were capped.

    Without filters the counts are exact. They are cached under the data version (`version_key`), so any
    write shows at once; without one (no HTTP caching middleware ran) they are not cached. With filters they
    are counted over the first STRIP_CAP matching items of each kind, so the cost is bounded whatever the filter."""
    key = None
    if version_key is not None:
        key = f"strip:{version_key}:" + hashlib.sha256(json.dumps(filters, default=str).encode()).hexdigest()
        if (found := cache.get(key)) is not None:
            return found
    counts, capped = {}, False
    for kind in KINDS:
        rows = timeline.dated(kind)
        if filters:
            rows = rows.model.objects.filter(pk__in=rows.order_by(*TIMELINE_ORDER).values("pk")[:STRIP_CAP])
        fields = () if kind == "resolution" else ("process",)
        counts[kind] = list(rows.year_counts(*fields))
        capped = capped or (bool(filters) and sum(row["count"] for row in counts[kind]) >= STRIP_CAP)
    if key is not None:
        cache.set(key, (counts, capped), STRIP_CACHE_SECONDS)
    return counts, capped


def build_overview(timeline, entries, processes, *, link, version_key=None):
    """The strip for a filtered timeline. A bar links to the first of its entries on this page, or else to the
    page that starts with its year; `link(query)` makes a link to the timeline with the same filters.

    `processes` are (pk, name) pairs."""
    lanes = {("process", pk): Lane(("process", pk), name, palette(pk)) for pk, name in processes}
    lanes[OTHER_PROCESSES] = Lane(OTHER_PROCESSES, "Other processes", "k-other")
    lanes[("milestone", None)] = Lane(("milestone", None), "Milestones outside a process", "k-milestone")
    lanes[("resolution", None)] = Lane(("resolution", None), "Resolutions", "k-resolution")

    filters = timeline.params.copy()
    filters.pop("cursor", None)
    counts = defaultdict(Counter)
    in_use = sorted((k, v) for k, values in filters.lists() for v in values if v)
    per_kind, capped = year_counts(timeline, in_use, version_key)
    for kind, rows in per_kind.items():
        for row in rows:
            counts[row["year"]][lane_key(kind, row.get("process"))] += row["count"]
    if not counts:
        return None
    if gathered := gather_small_processes(counts):
        lanes[OTHER_PROCESSES].label = f"{len(gathered)} other processes"
    on_page = {}
    for entry in entries:
        key = lane_key(entry.kind, getattr(entry.obj, "process_id", None))
        on_page.setdefault(
            (entry.sort_date.year, OTHER_PROCESSES if key in gathered else key), anchor(entry.kind, entry.obj)
        )
    # Every year of the span, so gaps show; only the years with items if the span is implausibly long.
    span = range(min(counts), max(counts) + 1)
    overview = Overview(years=list(span) if len(span) <= MAX_STRIP_YEARS else sorted(counts), capped=capped)
    for year, per_lane in sorted(counts.items()):
        segments = []
        year_href = None  # built once per year: there may be a segment per process
        for key, lane in lanes.items():
            if not per_lane.get(key):
                continue
            lane.total += per_lane[key]
            if (year, key) in on_page:
                href = f"#{on_page[year, key]}"
            else:
                if year_href is None:
                    query = filters.copy()
                    if year > 1:
                        query["cursor"] = year_start_cursor(year)
                    year_href = f"{link(query)}#year-{year}"
                href = year_href
            segments.append(Segment(lane, per_lane[key], href))
        overview.segments[year] = segments
    overview.lanes = [lane for lane in lanes.values() if lane.total]
    return overview
