"""The timeline's resources on /api/: rounds, milestones, resolutions, the merged events, venues, processes."""

import datetime

from django.db.models import Count
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from sources.dates import RANK, Precision
from talks.filters import TalkRoundFilterSet
from talks.models import Milestone, Process, Resolution, TalkRound, Venue
from talks.services import (
    milestone_create,
    milestone_update,
    resolution_create,
    resolution_update,
    round_create,
    round_update,
)
from talks.timeline import KINDS, MAX_PAGE_SIZE, CursorError, Key, timeline_page, undated
from toolkit.exports import (
    CSVRenderer,
    FirstRenderer,
    GeoJSONRenderer,
    ICSRenderer,
    TimelineJSRenderer,
    csv_response,
    streamed,
)
from toolkit.pagination import (
    COUNT_CAP,
    CURSOR_PARAM,
    capped_count,
    page_links,
    page_size,
    paging_parameters,
)
from toolkit.permissions import ReadOnlyOrStaff
from toolkit.schema import (
    CSV_BODY,
    DETAIL_ERRORS,
    NO_FORMAT,
    READ_ERRORS,
    filter_parameters,
    format_parameter,
    openapi_parameters,
    parameter,
    resource_schema,
)
from toolkit.viewsets import SLUG_PATTERN, ApiViewSet, JSONErrors, StaffWritesMixin

from . import exports
from .filters import (
    MilestoneApiFilterSet,
    ProcessFilterSet,
    ResolutionApiFilterSet,
    RoundApiFilterSet,
    VenueFilterSet,
)
from .parameters import EVENTS, TIMELINE
from .serializers import (
    EVENT_SERIALIZERS,
    MilestoneSerializer,
    MilestoneWriteSerializer,
    ProcessSerializer,
    ResolutionSerializer,
    ResolutionWriteSerializer,
    RoundSerializer,
    RoundWriteSerializer,
    VenueSerializer,
)

NAME = {"q": parameter("q", OpenApiTypes.STR, "gen", "Part of the name, any case.")}
# The merged timeline and its exports answer to the parameters every kind shares: the rounds' set.
EVENT_FILTERS = filter_parameters(TalkRoundFilterSet, EVENTS)
VENUE_FILTERS = {**NAME, "country": parameter("country", OpenApiTypes.STR, "Switzerland", "Country, any case.")}


@resource_schema(
    RoundSerializer,
    filter_parameters(RoundApiFilterSet, TIMELINE),
    write_serializer=RoundWriteSerializer,
    description="Rounds of talks and meetings, in chronological order unless `ordering` says otherwise.",
)
class RoundViewSet(StaffWritesMixin, ApiViewSet):
    queryset = TalkRound.objects.for_timeline()
    serializer_class = RoundSerializer
    write_serializer_class = RoundWriteSerializer
    filterset_class = RoundApiFilterSet
    csv_name = "rounds"

    def create_record(self, data):
        return round_create(**data)

    def update_record(self, instance, data):
        return round_update(talk_round=instance, data=data)


@resource_schema(
    MilestoneSerializer,
    filter_parameters(MilestoneApiFilterSet, TIMELINE, not_applicable={"status"}),
    write_serializer=MilestoneWriteSerializer,
    description="The other dated events between rounds; undated ones come last.",
)
class MilestoneViewSet(StaffWritesMixin, ApiViewSet):
    queryset = Milestone.objects.for_timeline()
    serializer_class = MilestoneSerializer
    write_serializer_class = MilestoneWriteSerializer
    filterset_class = MilestoneApiFilterSet
    csv_name = "milestones"

    def create_record(self, data):
        return milestone_create(data=data)

    def update_record(self, instance, data):
        return milestone_update(milestone=instance, data=data)


@resource_schema(
    ResolutionSerializer,
    filter_parameters(
        ResolutionApiFilterSet, TIMELINE, not_applicable={"venue", "envoy", "process", "delegation", "status"}
    ),
    write_serializer=ResolutionWriteSerializer,
    description="UN Security Council resolutions and founding documents; undated ones come last.",
)
class ResolutionViewSet(StaffWritesMixin, ApiViewSet):
    queryset = Resolution.objects.for_timeline()
    serializer_class = ResolutionSerializer
    write_serializer_class = ResolutionWriteSerializer
    filterset_class = ResolutionApiFilterSet
    csv_name = "resolutions"

    def create_record(self, data):
        return resolution_create(data=data)

    def update_record(self, instance, data):
        return resolution_update(resolution=instance, data=data)


@resource_schema(
    VenueSerializer,
    filter_parameters(VenueFilterSet, VENUE_FILTERS),
)
class VenueViewSet(ApiViewSet):
    queryset = Venue.objects.prefetch_related("citations__source")
    serializer_class = VenueSerializer
    filterset_class = VenueFilterSet
    csv_name = "venues"


@resource_schema(ProcessSerializer, filter_parameters(ProcessFilterSet, NAME))
class ProcessViewSet(ApiViewSet):
    queryset = Process.objects.prefetch_related("citations__source")
    serializer_class = ProcessSerializer
    filterset_class = ProcessFilterSet
    csv_name = "processes"


# The merged timeline -----------------------------------------------------------------------------------


@extend_schema_serializer(many=False)  # one page object, although the action is a `list`
class EventPageSerializer(serializers.Serializer):
    """A page of the merged timeline (for the schema: the view builds the page itself)."""

    count = serializers.IntegerField(help_text=f"Records matching the filters, counted up to {COUNT_CAP}.")
    count_capped = serializers.BooleanField(help_text=f"True when there are more than {COUNT_CAP}.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PolymorphicProxySerializer(
        component_name="Event", serializers=EVENT_SERIALIZERS, resource_type_field_name="kind", many=True
    )


EVENT_COLUMNS = [
    "kind",
    "slug",
    "title",
    "start_date",
    "start_latest",
    "end_date",
    "date_precision",
    "date_display",
    "date_basis",
    "date_inferred",
    "date_note",
    "date_edtf",
    "status",
    "venue",
    "process",
    "summary",
    "outcome",
    "citations",
    "url",
    "html_url",
]


def csv_row(represent, kind, obj):
    """An event as a row of the events' CSV: as the JSON shows it, with a resolution's name as its title."""
    return {**represent(kind, obj), "title": exports.title_of(kind, obj)}


def event_cursor(direction, token):
    return f"{direction}.{token}" if token else None


# The page after the first round of 25 January 2018: what a `next` link of /api/events/ looks like.
EXAMPLE_CURSOR = event_cursor("n", Key(datetime.date(2018, 1, 25), RANK[Precision.DAY], KINDS["round"][0], 9).encode())


def parse_event_cursor(value):
    """`n.<key>` (the page after key) or `p.<key>` (the page before); anything else is a 400."""
    if not value:
        return None, None
    direction, _, token = value.partition(".")
    if direction not in ("n", "p") or not token:
        raise CursorError("This cursor is not valid here; start again from the first page.")
    return (token, None) if direction == "n" else (None, token)


class EventChoicesSerializer(serializers.Serializer):
    """The answer (300) for a slug that more than one kind of event has: one address per kind."""

    detail = serializers.CharField()
    choices = inline_serializer(
        "EventChoice",
        {"kind": serializers.ChoiceField(choices=list(KINDS)), "url": serializers.URLField()},
        many=True,
    )


EVENT_SLUG = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=f"^{SLUG_PATTERN}$",
    description="The slug of a round, a resolution or a milestone.",
)


class EventViewSet(JSONErrors, viewsets.ViewSet):
    """The merged timeline: rounds, resolutions and milestones in one chronology, each with its `kind`.

    Paged by keyset on (start date, kind, id); records the articles do not date follow the dated ones,
    on the last page. An event is also found by its slug, whatever its kind.
    """

    permission_classes = [ReadOnlyOrStaff]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    @extend_schema(
        parameters=[
            *EVENT_FILTERS,
            *openapi_parameters(paging_parameters(EXAMPLE_CURSOR)),
            format_parameter(["json", "csv"], "csv"),
        ],
        responses={
            (200, "application/json"): EventPageSerializer,
            (200, "text/csv"): CSV_BODY,
            **READ_ERRORS,
        },
    )
    def list(self, request, *args, **kwargs):
        params = request.query_params
        represent = exports.Representer({"request": request})
        if request.accepted_renderer.format == "csv":
            page_size(request, maximum=MAX_PAGE_SIZE)  # not used, the export is whole, but checked as for JSON
            bound = exports.timeline_filtersets(params)
            rows = (csv_row(represent, kind, obj) for kind, obj in exports.timeline_entries(bound))
            return csv_response(rows, columns=EVENT_COLUMNS, filename="events.csv")
        size = page_size(request, maximum=MAX_PAGE_SIZE)
        try:
            after, before = parse_event_cursor(params.get(CURSOR_PARAM))
            page = timeline_page(params, after=after, before=before, size=size)
        except CursorError as error:
            raise ValidationError({CURSOR_PARAM: [str(error)]}) from error
        if page.errors:
            raise ValidationError(page.errors)
        entries = [(entry.kind, entry.obj) for entry in page.entries]
        if page.next_cursor is None and before is None:
            entries += [(entry.kind, entry.obj) for entry in undated(page.filtersets)]
        count, capped = capped_count(*(fs.qs for fs in page.filtersets.values()))
        next_link, previous_link = page_links(
            request, event_cursor("n", page.next_cursor), event_cursor("p", page.previous_cursor)
        )
        return Response(
            {
                "count": count,
                "count_capped": capped,
                "next": next_link,
                "previous": previous_link,
                "results": [represent(kind, obj) for kind, obj in entries],
            }
        )

    @extend_schema(
        parameters=[EVENT_SLUG, format_parameter(["json", "csv"], "json")],
        responses={
            (200, "application/json"): PolymorphicProxySerializer(
                component_name="Event", serializers=EVENT_SERIALIZERS, resource_type_field_name="kind"
            ),
            (200, "text/csv"): CSV_BODY,
            (300, "application/json"): OpenApiResponse(
                EventChoicesSerializer, description="More than one kind of event has this slug: choose one."
            ),
            **DETAIL_ERRORS,
        },
    )
    def retrieve(self, request, *args, slug, **kwargs):
        """The round, resolution or milestone with this slug, as the list shows it, with its `kind`."""
        found = [
            (kind, obj) for kind, (_, model) in KINDS.items() for obj in model.objects.for_timeline().filter(slug=slug)
        ]
        if not found:
            raise NotFound(f"No round, resolution or milestone has the slug “{slug}”.")
        if len(found) > 1:
            choices = [
                {"kind": kind, "url": request.build_absolute_uri(reverse(f"api:{kind}-detail", kwargs={"slug": slug}))}
                for kind, _ in found
            ]
            detail = "More than one kind of event has this slug; each is at its own address."
            return Response({"detail": detail, "choices": choices}, status=status.HTTP_300_MULTIPLE_CHOICES)
        ((kind, obj),) = found
        represent = exports.Representer({"request": request})
        if request.accepted_renderer.format == "csv":
            return csv_response([csv_row(represent, kind, obj)], columns=EVENT_COLUMNS, filename=f"{slug}.csv")
        return Response(represent(kind, obj))


# Exports -----------------------------------------------------------------------------------------------


class ExportView(JSONErrors, APIView):
    permission_classes = [ReadOnlyOrStaff]
    content_negotiation_class = FirstRenderer


class EventsCalendarView(ExportView):
    """The filtered timeline as an iCalendar file of all-day events.

    iCalendar has no partial dates, so an item known to the month spans the whole month (DTSTART the
    1st, DTEND the 1st of the next month) and one known to the year spans the year, with
    `X-PEACETALKS-DATE-PRECISION` (and the description) saying so: no day is invented. Undated records
    are left out.
    """

    renderer_classes = [ICSRenderer, JSONRenderer]

    @extend_schema(
        operation_id="events_ics",
        parameters=[*EVENT_FILTERS, NO_FORMAT],
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="RFC 5545"), **READ_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        bound = exports.timeline_filtersets(request.query_params)
        entries = exports.timeline_entries(bound, undated=False)
        return streamed(exports.ics_chunks(entries, {"request": request}), ICSRenderer, "events.ics")


class TimelineJSView(ExportView):
    """The filtered timeline in Knight Lab TimelineJS's JSON format.

    `month` and `day` are left out where the date is not known to them; each envoy's rounds make an
    era; events are grouped by process.
    """

    renderer_classes = [TimelineJSRenderer]

    @extend_schema(
        operation_id="timelinejs",
        parameters=[*EVENT_FILTERS, NO_FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="https://timeline.knightlab.com/docs/json-format.html"
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        bound = exports.timeline_filtersets(request.query_params)
        return streamed(exports.timelinejs_chunks(bound, {"request": request}), TimelineJSRenderer, "timeline.json")


class VenuesGeoJSONView(ExportView):
    """The venues as a GeoJSON FeatureCollection of points, each with the number of rounds held there."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(
        operation_id="venues_geojson",
        parameters=[*filter_parameters(VenueFilterSet, VENUE_FILTERS), NO_FORMAT],
        responses={
            (200, "application/geo+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="RFC 7946"),
            **READ_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        filterset = VenueFilterSet(request.query_params, queryset=Venue.objects.annotate(round_count=Count("rounds")))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        venues = filterset.qs.order_by("name", "pk")
        return streamed(exports.venue_features(venues, {"request": request}), GeoJSONRenderer, "venues.geojson")
