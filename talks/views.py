import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, TemplateView

from actors.models import Delegation, Envoy
from sources.dates import UNDATED_RANK
from sources.models import Source
from sources.querysets import cited
from toolkit.linked_data import site_url, without_empty

from .filters import KIND_CHOICES
from .models import Milestone, Process, Resolution, RoundStatus, TalkRound, Venue
from .templatetags.timeline_tags import palette
from .timeline import KINDS, PAGING, STRIP_CAP, CursorError, Key, TimelinePage, timeline_page, undated, year_counts

# The form's fields in the order it shows them: (parameter, label, the word for one of several values).
FILTERS = (
    ("q", "Words", None),
    ("kind", "Kind", "kind"),
    ("process", "Process", "process"),
    ("venue", "Venue", "venue"),
    ("envoy", "Envoy", "envoy"),
    ("delegation", "Delegation", "delegation"),
    ("resolution", "Resolution", "resolution"),
    ("status", "Status", "status"),
    ("year", "Year", None),
    ("date_after", "From", None),
    ("date_before", "Until", None),
)
LABELS = {name: label for name, label, _ in FILTERS} | {"after": "Page", "before": "Page"}
ARTICLES_LISTED = 12
MAX_STRIP_YEARS = 150


# ---------------------------------------------------------------------------------------------------------------
# The timeline


@dataclass
class FormField:
    """A multiple-choice filter, drawn as one drop-down per chosen value plus one to add another."""

    name: str
    label: str
    noun: str
    options: list
    selected: list

    @property
    def rows(self):
        """One drop-down per chosen value, plus one to add another: (value, its <option> list)."""
        return [(value, self.options_html(value)) for value in ([*self.selected, ""] if self.selected else [""])]

    def options_html(self, selected):
        # Built here rather than in a template loop: a drop-down may list hundreds of venues or delegations.
        return mark_safe(
            "".join(
                f'<option value="{escape(value)}"{" selected" if value == selected else ""}>{escape(label)}</option>'
                for value, label in self.options
            )
        )


@dataclass
class Segment:
    lane: "Lane"
    count: int
    href: str


@dataclass
class Lane:
    key: tuple
    label: str
    css: str
    total: int = 0


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


def anchor(kind, obj):
    return f"{kind}-{obj.slug}"


def without_paging(params):
    query = params.copy()
    for name in PAGING:
        query.pop(name, None)
    return query


def timeline_url(query):
    encoded = query.urlencode() if isinstance(query, QueryDict) else urlencode(query)
    path = reverse("talks:timeline")
    return f"{path}?{encoded}" if encoded else path


def load_page(params):
    try:
        return timeline_page(params, after=params.get("after"), before=params.get("before"))
    except CursorError as error:
        return TimelinePage(entries=[], errors={"before" if params.get("before") else "after": [str(error)]})


def load_overview(params, page, processes):
    lanes = {("process", pk): Lane(("process", pk), name, palette(pk)) for pk, _slug, name, _short in processes}
    lanes[("milestone", None)] = Lane(("milestone", None), "Milestones outside a process", "k-milestone")
    lanes[("resolution", None)] = Lane(("resolution", None), "Resolutions", "k-resolution")

    counts = defaultdict(Counter)
    per_kind, capped = year_counts(page.filtersets)
    for kind, rows in per_kind.items():
        for row in rows:
            counts[row["year"]][lane_key(kind, row.get("process"))] += row["count"]
    if not counts:
        return None

    # A bar links to the first of its entries on this page, or to the page that starts with its year.
    on_page = {}
    for entry in page.entries:
        on_page.setdefault(
            (entry.sort_date.year, lane_key(entry.kind, getattr(entry.obj, "process_id", None))),
            anchor(entry.kind, entry.obj),
        )
    filters = without_paging(params)
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
                year_href = year_href or f"{timeline_url(year_start_query(filters, year))}#year-{year}"
                href = year_href
            segments.append(Segment(lane, per_lane[key], href))
        overview.segments[year] = segments
    overview.lanes = [lane for lane in lanes.values() if lane.total]
    return overview


def year_start_query(filters, year):
    """The filters, paged to start with `year`: a cursor after anything of the year before."""
    query = filters.copy()
    if year > 1:
        last_rank = max(rank for rank, _ in KINDS.values())
        query["after"] = Key(datetime.date(year - 1, 12, 31), UNDATED_RANK, last_rank, 2**62).encode()
    return query


def active_filters(params, names):
    """Each filter in use, with the link that drops just that value."""
    filters = without_paging(params)
    active = []
    for name, label, _ in FILTERS:
        values = filters.getlist(name)
        for value in values:
            rest = filters.copy()
            rest.setlist(name, [other for other in values if other != value])
            active.append(
                {
                    "name": name,
                    "label": label,
                    "value": names.get(name, {}).get(value, value),
                    "remove": timeline_url(rest),
                }
            )
    return active


class TimelineView(TemplateView):
    """Every dated item in order, filtered by the shared FilterSets, keyset-paged, with an overview strip."""

    template_name = "talks/timeline.html"

    def get(self, request, *args, **kwargs):
        # A submitted form sends its empty fields too; redirect to the short URL worth sharing.
        pairs = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in pairs if value.strip()]
        if len(kept) != len(pairs):
            return redirect(timeline_url(kept))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        params = self.request.GET
        page = load_page(params)
        processes = list(Process.objects.values_list("pk", "slug", "name", "short_name"))
        options = {
            "kind": KIND_CHOICES,
            "process": [(slug, name) for _pk, slug, name, _short in processes],
            "venue": list(Venue.objects.values_list("slug", "name")),
            "envoy": list(Envoy.objects.values_list("slug", "name")),
            "delegation": list(Delegation.objects.values_list("slug", "name")),
            "resolution": list(Resolution.objects.order_by("name").values_list("slug", "name")),
            "status": RoundStatus.choices,
        }
        names = {name: dict(choices) for name, choices in options.items()}
        first_page = not any(params.get(name) for name in PAGING)
        return super().get_context_data(
            page=page,
            errors=[(name, LABELS.get(name, name), messages) for name, messages in page.errors.items()],
            # An unknown value is named in the errors and shown as an active filter, but selects nothing.
            form_fields=[
                FormField(name, label, noun, options[name], [v for v in params.getlist(name) if v in names[name]])
                for name, label, noun in FILTERS
                if noun
            ],
            active=active_filters(params, names),
            overview=None if page.errors else load_overview(params, page, processes),
            undated=undated(page.filtersets) if first_page and not page.errors else [],
            first_page=first_page,
            articles=Source.objects.real().defer("text")[:ARTICLES_LISTED],
            **kwargs,
        )


# ---------------------------------------------------------------------------------------------------------------
# Detail pages


def event_json_ld(request, obj, **extra):
    when = obj.when
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": obj.title,
        "url": site_url(request, obj),
        "startDate": when.iso_start or None,
        "endDate": when.iso_end or None,
        "description": obj.summary or None,
        "location": place_json_ld(request, obj.venue) if obj.venue_id else None,
        "citation": [
            {"@type": "CreativeWork", "url": request.build_absolute_uri(c.get_absolute_url()), "text": c.quote}
            for c in obj.citations.all()
        ],
        **extra,
    }
    return without_empty(data)


def place_json_ld(request, venue, **extra):
    return {
        "@type": "Place",
        "name": venue.name,
        "url": site_url(request, venue),
        "address": {"@type": "PostalAddress", "addressLocality": venue.name, "addressCountry": venue.country},
        "geo": {"@type": "GeoCoordinates", "latitude": float(venue.latitude), "longitude": float(venue.longitude)},
        **extra,
    }


EVENT_STATUS = {
    RoundStatus.PLANNED: "https://schema.org/EventScheduled",
    RoundStatus.POSTPONED: "https://schema.org/EventPostponed",
    RoundStatus.CANCELLED: "https://schema.org/EventCancelled",
}


class RoundDetailView(DetailView):
    queryset = TalkRound.objects.for_detail()
    template_name = "talks/round_detail.html"
    context_object_name = "round"

    def get_context_data(self, **kwargs):
        round = self.object
        return super().get_context_data(
            previous=TalkRound.objects.preceding(round).first(),
            next=TalkRound.objects.following(round).first(),
            json_ld=event_json_ld(
                self.request,
                round,
                eventStatus=EVENT_STATUS.get(round.status),
                organizer=[
                    {
                        "@type": "Person",
                        "name": envoy.name,
                        "jobTitle": envoy.title,
                        "url": site_url(self.request, envoy),
                    }
                    for envoy in round.envoys.all()
                ],
                attendee=[
                    {"@type": "Organization", "name": rd.delegation.name, "url": site_url(self.request, rd.delegation)}
                    for rd in round.round_delegations.all()
                ],
                superEvent={
                    "@type": "EventSeries",
                    "name": round.process.name,
                    "url": site_url(self.request, round.process),
                },
            ),
            **kwargs,
        )


class MilestoneDetailView(DetailView):
    queryset = Milestone.objects.for_timeline()
    template_name = "talks/milestone_detail.html"
    context_object_name = "milestone"

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=event_json_ld(self.request, self.object), **kwargs)


class ResolutionDetailView(DetailView):
    queryset = Resolution.objects.for_detail()
    template_name = "talks/resolution_detail.html"
    context_object_name = "resolution"

    def get_context_data(self, **kwargs):
        resolution = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": resolution.name,
            "alternateName": resolution.title or None,
            "legislationIdentifier": resolution.code,
            "legislationDate": resolution.when.iso_start or None,
            "legislationPassedBy": {"@type": "Organization", "name": resolution.adopted_by}
            if resolution.adopted_by
            else None,
            "abstract": resolution.calls_for or None,
            "url": site_url(self.request, resolution),
        }
        json_ld = {key: value for key, value in data.items() if value is not None}
        return super().get_context_data(json_ld=json_ld, **kwargs)


class VenueDetailView(DetailView):
    # Venue has no QuerySet class of its own yet: the rounds and milestones come from theirs.
    queryset = Venue.objects.prefetch_related(
        Prefetch("rounds", queryset=TalkRound.objects.for_list()),
        Prefetch("milestones", queryset=Milestone.objects.select_related("process")),
        cited(),
    )
    template_name = "talks/venue_detail.html"
    context_object_name = "venue"

    def get_context_data(self, **kwargs):
        venue = self.object
        json_ld = {
            "@context": "https://schema.org",
            **place_json_ld(self.request, venue, description=venue.description or None),
            "event": [
                {"@type": "Event", "name": r.title, "startDate": r.when.iso_start, "url": site_url(self.request, r)}
                for r in venue.rounds.all()
            ],
        }
        return super().get_context_data(json_ld={k: v for k, v in json_ld.items() if v is not None}, **kwargs)


class ProcessDetailView(DetailView):
    queryset = Process.objects.prefetch_related(
        Prefetch("rounds", queryset=TalkRound.objects.for_list()),
        Prefetch("milestones", queryset=Milestone.objects.select_related("venue")),
        cited(),
    )
    template_name = "talks/process_detail.html"
    context_object_name = "process"

    def get_context_data(self, **kwargs):
        process = self.object
        json_ld = {
            "@context": "https://schema.org",
            "@type": "EventSeries",
            "name": process.name,
            "description": process.description or None,
            "url": site_url(self.request, process),
            "subEvent": [
                {"@type": "Event", "name": r.title, "startDate": r.when.iso_start, "url": site_url(self.request, r)}
                for r in process.rounds.all()
            ],
        }
        return super().get_context_data(json_ld={k: v for k, v in json_ld.items() if v is not None}, **kwargs)
