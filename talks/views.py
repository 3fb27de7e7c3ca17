from csp.decorators import csp_replace
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView, TemplateView

from sources.history import HistoryMixin
from sources.models import Source
from sources.querysets import cited
from toolkit.cache import data_version_key
from toolkit.citing import CiteThisMixin, dataset_work
from toolkit.exports import Export, RecordExports, timeline_exports, with_query
from toolkit.index import IndexView
from toolkit.linked_data import json_ld, site_url, thing
from toolkit.pagination import CURSOR_PARAM, DEFAULT_PAGE_SIZE, CursorError

from .changes import ChangesForm
from .chooser import MAX_FOUND, ChooserForm, find_choices
from .facets import facet_counts, facet_options
from .filters import TalkRoundFilterSet
from .forms import CHOICES, SHOWN, active_filters, as_options, choices, form_field, timeline_url
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
        names = {name: dict(as_options(found)) for name, found in records.items()}
        facets = None if errors else facet_counts(params, CHOICES, version_key=data_version_key(self.request))
        options = {
            name: facet_options(name, facets, found) if facets else [(*pair, None) for pair in as_options(found)]
            for name, found in records.items()
        }
        entries = page.items if page else []
        query = without_cursor(params)
        processes = [(process.pk, process.name) for process in records["process"]]
        return super().get_context_data(
            entries=entries,
            page=page,
            errors=[(name, labels.get(name, name), messages) for name, messages in errors.items()],
            # An unknown value is named in the errors and shown as an active filter, but selects nothing.
            form_fields=[
                form_field(
                    name,
                    labels[name],
                    options[name],
                    [v for v in params.getlist(name) if v in names[name]],
                    query,
                )
                for name in CHOICES
            ],
            active=active_filters(params, labels, names),
            facets=facets,
            overview=None
            if errors
            else build_overview(
                timeline, entries, processes, link=timeline_url, version_key=data_version_key(self.request)
            ),
            undated=timeline.undated() if not cursor and not errors else [],
            first_page=not cursor,
            articles=Source.objects.published().defer("text")[:ARTICLES_LISTED],
            exports=[] if errors else [timeline_exports(query.urlencode())],
            embed_code=None if errors else embed_code(self.request, query.urlencode()),
            as_of=timeline.as_of,
            **kwargs,
        )


class ChooseView(TemplateView):
    """One filter's choices found by name (talks/chooser.py), for a filter whose drop-down lists only the first
    SHOWN_OPTIONS: each links to the timeline with that value added, the other filters kept. Not for the sitemap."""

    template_name = "talks/choose.html"

    def get(self, request, *args, name, **kwargs):
        if name not in CHOICES:
            raise Http404("No such filter.")
        form = ChooserForm(request.GET)
        context = self.get_context_data(name=name, form=form, **kwargs)
        return self.render_to_response(context, status=200 if form.is_valid() else 400)

    def get_context_data(self, *, name, form, **kwargs):
        kept = without_cursor(self.request.GET)
        kept.pop("find", None)
        filter_ = TalkRoundFilterSet.base_filters[name]
        found, more, facets = [], False, None
        if form.is_valid():
            found, more = find_choices(filter_, form.cleaned_data["find"])
            # The timeline's own counts, under the same cache key: free when the reader comes from the timeline.
            if not Timeline(kept).errors:
                facets = facet_counts(kept, CHOICES, version_key=data_version_key(self.request))
        chosen = kept.getlist(name)
        counts = facets.counts.get(name, {}) if facets else None
        choices = []
        for choice in found:
            added = kept.copy()
            if choice.value not in chosen:
                added.appendlist(name, choice.value)
            choices.append(
                {
                    "label": choice.label,
                    "href": timeline_url(added),
                    "count": None if counts is None else f"{counts.get(choice.key, 0):,}",
                    "chosen": choice.value in chosen,
                }
            )
        return super().get_context_data(
            name=name,
            noun=filter_.label.lower(),
            form=form,
            find=form.data.get("find", ""),
            errors=list(form.errors.items()),
            choices=choices,
            more=more,
            max_found=MAX_FOUND,
            kept=[(key, value) for key, values in kept.lists() for value in values],
            back=timeline_url(kept),
            **kwargs,
        )


EMBED_PAGE_SIZE = 20


@method_decorator(xframe_options_exempt, name="dispatch")
@method_decorator(csp_replace({"frame-ancestors": ["*"]}), name="dispatch")
class EmbedView(TemplateView):
    """The timeline, compact, for other sites to frame: the same filters, a page at a time, every link opening the
    full site. The only path any site may frame (`frame-ancestors *`); the CSP is otherwise the site's, strict."""

    template_name = "talks/embed.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        timeline = Timeline(params)
        errors, page = dict(timeline.errors), None
        if not errors:
            try:
                page = timeline.page(params.get(CURSOR_PARAM), EMBED_PAGE_SIZE)
            except CursorError as error:
                errors = {CURSOR_PARAM: [str(error)]}
        return super().get_context_data(
            entries=page.items if page else [],
            page=page,
            errors=list(errors.items()),
            full_view=self.request.build_absolute_uri(timeline_url(without_cursor(params))),
            **kwargs,
        )


def embed_code(request, query):
    """The <iframe> another site pastes to show this view of the timeline."""
    src = request.build_absolute_uri(with_query(reverse("talks:embed"), query))
    return format_html(
        '<iframe src="{}" title="The Syrian peace talks: a timeline" width="100%" height="600" loading="lazy">'
        "</iframe>",
        src,
    )


def without_cursor(params):
    query = params.copy()
    query.pop(CURSOR_PARAM, None)
    return query


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


class RoundDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:round-detail"
    noun = "round"
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


class MilestoneDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:milestone-detail"
    noun = "milestone"
    queryset = Milestone.objects.for_timeline()
    template_name = "talks/milestone_detail.html"
    context_object_name = "milestone"

    def get_context_data(self, **kwargs):
        return super().get_context_data(json_ld=event_json_ld(self.request, self.object), **kwargs)


class ResolutionDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:resolution-detail"
    noun = "resolution"
    timeline_filter = "resolution"
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


class VenueDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:venue-detail"
    noun = "venue"
    timeline_filter = "venue"
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


class ProcessDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:process-detail"
    noun = "process"
    timeline_filter = "process"
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


class CiteDatasetView(CiteThisMixin, TemplateView):
    """How to cite the chronology as a whole: the dataset's reference, to paste or to save."""

    template_name = "talks/cite.html"

    def work(self):
        return dataset_work(self.request, url=reverse("talks:timeline"))


# ---------------------------------------------------------------------------------------------------------------
# Index pages


class VenueListView(IndexView):
    api_list = "api:venue-list"
    api_extra = [Export("GeoJSON", "application/geo+json", reverse_lazy("api:venues-geojson"))]
    model = Venue
    details = [("Country", "country")]
    detail_url = "talks:venue-detail"
    timeline_filter = "venue"
    heading = "Venues"
    lede = "Every city where the articles place talks or events, with how many happened there."
    item_type = "Place"

    counts = [("Rounds", "rounds"), ("Events", "milestones")]


class ProcessListView(IndexView):
    api_list = "api:process-list"
    model = Process
    details = [("Convened by", "convened_by")]
    detail_url = "talks:process-detail"
    timeline_filter = "process"
    heading = "Processes"
    lede = "The negotiating tracks — Geneva, Astana, the Constitutional Committee — and how many rounds each held."
    item_type = "EventSeries"

    counts = [("Rounds", "rounds"), ("Events", "milestones")]


class ResolutionListView(IndexView):
    api_list = "api:resolution-list"
    model = Resolution
    details = [("Adopted by", "adopted_by")]
    detail_url = "talks:resolution-detail"
    timeline_filter = "resolution"
    heading = "Resolutions"
    lede = "The resolutions and communiqués the talks rest on, with how many rounds and events refer to each."
    item_type = "Legislation"

    counts = [("Rounds", "rounds"), ("Events", "milestones")]
