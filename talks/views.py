from django.db.models import Prefetch
from django.shortcuts import redirect
from django.views.generic import DetailView, TemplateView

from sources.history import HistoryMixin
from sources.models import Source
from sources.querysets import cited
from toolkit.linked_data import json_ld, site_url, thing
from toolkit.pagination import CURSOR_PARAM, DEFAULT_PAGE_SIZE, CursorError

from .changes import ChangesForm
from .forms import CHOICES, SHOWN, FormField, active_filters, as_options, choices, timeline_url
from .models import Milestone, Process, Resolution, RoundStatus, TalkRound, Venue
from .overview import build_overview
from .timeline import Timeline

ARTICLES_LISTED = 12


# ---------------------------------------------------------------------------------------------------------------
# The timeline


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
        timeline = Timeline(params)
        cursor = params.get(CURSOR_PARAM)
        errors, page = dict(timeline.errors), None
        if not errors:
            try:
                page = timeline.page(cursor, DEFAULT_PAGE_SIZE)
            except CursorError as error:
                errors = {CURSOR_PARAM: [str(error)]}
        filters = timeline.filtersets["round"].filters
        labels = {name: filters[name].label for name in SHOWN} | {CURSOR_PARAM: "Page"}
        records = {name: choices(filters[name]) for name in CHOICES}
        options = {name: as_options(found) for name, found in records.items()}
        names = {name: dict(pairs) for name, pairs in options.items()}
        entries = page.items if page else []
        processes = [(process.pk, process.name) for process in records["process"]]
        return super().get_context_data(
            entries=entries,
            page=page,
            errors=[(name, labels.get(name, name), messages) for name, messages in errors.items()],
            # An unknown value is named in the errors and shown as an active filter, but selects nothing.
            form_fields=[
                FormField(name, labels[name], options[name], [v for v in params.getlist(name) if v in names[name]])
                for name in CHOICES
            ],
            active=active_filters(params, labels, names),
            overview=None if errors else build_overview(timeline, entries, processes, link=timeline_url),
            undated=timeline.undated() if not cursor and not errors else [],
            first_page=not cursor,
            articles=Source.objects.defer("text")[:ARTICLES_LISTED],
            as_of=timeline.as_of,
            **kwargs,
        )


class ChangesView(TemplateView):
    """The latest changes across the knowledge base, newest first, by kind and date, keyset-paged."""

    template_name = "talks/changes.html"

    def get_context_data(self, **kwargs):
        form = ChangesForm(self.request.GET)
        page, errors = None, {}
        if form.is_valid():
            try:
                page = form.changes().page(self.request.GET.get(CURSOR_PARAM), DEFAULT_PAGE_SIZE)
            except CursorError as error:
                errors = {CURSOR_PARAM: [str(error)]}
        else:
            errors = form.errors
        return super().get_context_data(form=form, page=page, errors=errors.items(), **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# Detail pages


def event_json_ld(request, obj, **extra):
    when = obj.when
    return json_ld(
        "Event",
        name=obj.title,
        url=site_url(request, obj),
        startDate=when.iso_start,
        endDate=when.iso_end,
        description=obj.summary,
        location=place(request, obj.venue) if obj.venue_id else None,
        citation=[
            thing("CreativeWork", url=request.build_absolute_uri(c.get_absolute_url()), text=c.quote)
            for c in obj.citations.all()
        ],
        **extra,
    )


def place(request, venue, **extra):
    return thing(
        "Place",
        name=venue.name,
        url=site_url(request, venue),
        address=thing("PostalAddress", addressLocality=venue.name, addressCountry=venue.country),
        geo=thing("GeoCoordinates", latitude=float(venue.latitude), longitude=float(venue.longitude)),
        **extra,
    )


def sub_events(request, rounds):
    return [thing("Event", name=r.title, startDate=r.when.iso_start, url=site_url(request, r)) for r in rounds]


EVENT_STATUS = {
    RoundStatus.PLANNED: "https://schema.org/EventScheduled",
    RoundStatus.POSTPONED: "https://schema.org/EventPostponed",
    RoundStatus.CANCELLED: "https://schema.org/EventCancelled",
}


class RoundDetailView(HistoryMixin, DetailView):
    queryset = TalkRound.objects.for_detail()
    template_name = "talks/round_detail.html"
    context_object_name = "round"

    def get_context_data(self, **kwargs):
        round, request = self.object, self.request
        return super().get_context_data(
            previous=TalkRound.objects.preceding(round).first(),
            next=TalkRound.objects.following(round).first(),
            json_ld=event_json_ld(
                request,
                round,
                eventStatus=EVENT_STATUS.get(round.status),
                organizer=[
                    thing("Person", name=envoy.name, jobTitle=envoy.title, url=site_url(request, envoy))
                    for envoy in round.envoys.all()
                ],
                attendee=[
                    thing("Organization", name=rd.delegation.name, url=site_url(request, rd.delegation))
                    for rd in round.round_delegations.all()
                ],
                superEvent=thing("EventSeries", name=round.process.name, url=site_url(request, round.process)),
            ),
            **kwargs,
        )


class MilestoneDetailView(HistoryMixin, DetailView):
    queryset = Milestone.objects.for_timeline()
    template_name = "talks/milestone_detail.html"
    context_object_name = "milestone"

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=event_json_ld(self.request, self.object), **kwargs)


class ResolutionDetailView(HistoryMixin, DetailView):
    queryset = Resolution.objects.for_detail()
    template_name = "talks/resolution_detail.html"
    context_object_name = "resolution"

    def get_context_data(self, **kwargs):
        resolution = self.object
        passed_by = thing("Organization", name=resolution.adopted_by) if resolution.adopted_by else None
        return super().get_context_data(
            json_ld=json_ld(
                "Legislation",
                name=resolution.name,
                alternateName=resolution.title,
                legislationIdentifier=resolution.code,
                legislationDate=resolution.when.iso_start,
                legislationPassedBy=passed_by,
                abstract=resolution.calls_for,
                url=site_url(self.request, resolution),
            ),
            **kwargs,
        )


class VenueDetailView(HistoryMixin, DetailView):
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
        document = {
            "@context": "https://schema.org",
            **place(
                self.request, venue, description=venue.description, event=sub_events(self.request, venue.rounds.all())
            ),
        }
        return super().get_context_data(json_ld=document, **kwargs)


class ProcessDetailView(HistoryMixin, DetailView):
    queryset = Process.objects.prefetch_related(
        Prefetch("rounds", queryset=TalkRound.objects.for_list()),
        Prefetch("milestones", queryset=Milestone.objects.select_related("venue")),
        cited(),
    )
    template_name = "talks/process_detail.html"
    context_object_name = "process"

    def get_context_data(self, **kwargs):
        process = self.object
        return super().get_context_data(
            json_ld=json_ld(
                "EventSeries",
                name=process.name,
                description=process.description,
                url=site_url(self.request, process),
                subEvent=sub_events(self.request, process.rounds.all()),
            ),
            **kwargs,
        )
