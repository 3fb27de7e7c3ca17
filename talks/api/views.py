"""The timeline's resources on /api/: rounds, milestones, resolutions, the merged events, venues, processes."""

from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from sources.querysets import cited
from talks.facets import FACET_CAP, FACETS, facet_counts, facet_options, unknown_facets
from talks.filters import TalkRoundFilterSet, as_of_day
from talks.forms import choices
from talks.models import Milestone, Process, Resolution, TalkRound, Venue
from talks.services import (
    milestone_create,
    milestone_update,
    resolution_create,
    resolution_update,
    round_create,
    round_update,
)
from talks.timeline import KINDS, Timeline
from toolkit.cache import data_version_key
from toolkit.citing import dataset_work
from toolkit.exports import (
    CSVRenderer,
    FirstRenderer,
    GeoJSONRenderer,
    ICSRenderer,
    TimelineJSRenderer,
    csv_response,
    streamed,
)
from toolkit.pagination import page_size
from toolkit.permissions import ReadOnlyOrStaff
from toolkit.renderers import JSONRenderer
from toolkit.schema import CSV_BODY, DETAIL_ERRORS, NO_FORMAT, READ_ERRORS, format_parameter, resource_schema
from toolkit.viewsets import (
    DOWNLOAD,
    REFERENCE_RESPONSES,
    SLUG_PATTERN,
    ApiViewSet,
    CiteMixin,
    JSONErrors,
    StaffWritesMixin,
    reference_response,
)

from . import exports
from .filters import (
    MilestoneApiFilterSet,
    ProcessFilterSet,
    ResolutionApiFilterSet,
    RoundApiFilterSet,
    VenueFilterSet,
)
from .rounds import RoundRows
from .serializers import (
    EVENT_SERIALIZERS,
    EventRepresenter,
    MilestoneSerializer,
    MilestoneWriteSerializer,
    ProcessSerializer,
    ResolutionSerializer,
    ResolutionWriteSerializer,
    RoundSerializer,
    RoundWriteSerializer,
    VenueSerializer,
    title_of,
)

# The merged timeline and its exports answer to the parameters every kind shares (talks/timeline.py): the
# rounds' FilterSet is the one that documents them.
TIMELINE_PARAMETERS = TalkRoundFilterSet


class AsOfMixin:
    """A list as known on its `as_of` day: its FilterSet keeps the records; this, their citations and facts
    (the QuerySets' `for_timeline(as_of=)`). Without `as_of`, the list is read as any other."""

    def as_of(self):
        if self.request is None or self.action != "list":
            return None
        return as_of_day(self.request.query_params)

    def reads_rows(self):
        # The rows built in the database answer the timeline as it stands, not as it was known on a day.
        return super().reads_rows() and self.as_of() is None

    def get_queryset(self):
        as_of = self.as_of()
        if as_of is None:
            return super().get_queryset()
        return self.queryset.model.objects.for_timeline(as_of=as_of)


@resource_schema(
    RoundSerializer,
    write_serializer=RoundWriteSerializer,
    description="Rounds of talks and meetings, in chronological order unless `ordering` says otherwise.",
)
class RoundViewSet(AsOfMixin, CiteMixin, StaffWritesMixin, ApiViewSet):
    queryset = TalkRound.objects.for_timeline()

    serializer_class = RoundSerializer
    write_serializer_class = RoundWriteSerializer
    filterset_class = RoundApiFilterSet
    csv_name = "rounds"
    rows = RoundRows

    def create_record(self, data, *, reason):
        return round_create(**data, reason=reason)

    def update_record(self, instance, data, *, reason):
        return round_update(talk_round=instance, data=data, reason=reason)


@resource_schema(
    MilestoneSerializer,
    write_serializer=MilestoneWriteSerializer,
    description="The other dated events between rounds; undated ones come last.",
)
class MilestoneViewSet(AsOfMixin, CiteMixin, StaffWritesMixin, ApiViewSet):
    queryset = Milestone.objects.for_timeline()

    serializer_class = MilestoneSerializer
    write_serializer_class = MilestoneWriteSerializer
    filterset_class = MilestoneApiFilterSet
    csv_name = "milestones"

    def create_record(self, data, *, reason):
        return milestone_create(data=data, reason=reason)

    def update_record(self, instance, data, *, reason):
        return milestone_update(milestone=instance, data=data, reason=reason)


@resource_schema(
    ResolutionSerializer,
    write_serializer=ResolutionWriteSerializer,
    description="UN Security Council resolutions and founding documents; undated ones come last.",
)
class ResolutionViewSet(AsOfMixin, CiteMixin, StaffWritesMixin, ApiViewSet):
    queryset = Resolution.objects.for_timeline()

    serializer_class = ResolutionSerializer
    write_serializer_class = ResolutionWriteSerializer
    filterset_class = ResolutionApiFilterSet
    csv_name = "resolutions"

    def create_record(self, data, *, reason):
        return resolution_create(data=data, reason=reason)

    def update_record(self, instance, data, *, reason):
        return resolution_update(resolution=instance, data=data, reason=reason)


@resource_schema(VenueSerializer)
class VenueViewSet(CiteMixin, ApiViewSet):
    queryset = Venue.objects.prefetch_related(cited())
    serializer_class = VenueSerializer
    filterset_class = VenueFilterSet
    csv_name = "venues"


@resource_schema(ProcessSerializer)
class ProcessViewSet(CiteMixin, ApiViewSet):
    queryset = Process.objects.prefetch_related(cited())
    serializer_class = ProcessSerializer
    filterset_class = ProcessFilterSet
    csv_name = "processes"


# The merged timeline -----------------------------------------------------------------------------------


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
EVENT = PolymorphicProxySerializer(
    component_name="Event", serializers=EVENT_SERIALIZERS, resource_type_field_name="kind"
)


def csv_row(represent, kind, obj):
    """An event as a row of the events' CSV: as the JSON shows it, with a resolution's name as its title."""
    return {**represent(kind, obj), "title": title_of(kind, obj)}


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


FACETS_PARAMETER = OpenApiParameter(
    "facets",
    OpenApiTypes.STR,
    description=(
        f"Filters to count, comma-separated ({', '.join(FACETS)}): the answer then has `facets`, for each the "
        "choices that leave any item with the other filters in use, most first, as {value, label, count}, as the "
        f"timeline's form shows them. Counted over at most {FACET_CAP:,} items of each kind (`facets_capped` is "
        "then true). An unknown name is a 400."
    ),
    examples=[OpenApiExample("venue and envoy", value="venue,envoy")],
)


def facet_names(request):
    names = [name.strip() for value in request.query_params.getlist("facets") for name in value.split(",")]
    names = list(dict.fromkeys(name for name in names if name))
    if unknown := unknown_facets(names):
        raise ValidationError({"facets": [f"Unknown: {', '.join(unknown)}. Use {', '.join(FACETS)}."]})
    return names


def facets_answer(request, names):
    """`facets` and `facets_capped` for the answer: the same counts as the timeline's form."""
    facets = facet_counts(request.query_params, names, version_key=data_version_key(request._request))
    filters = TIMELINE_PARAMETERS.base_filters
    answer = {}
    for name in names:
        records = choices(filters[name]) if name not in ("kind", "status") else []
        options = [(value, label, n) for value, label, n in facet_options(name, facets, records) if n]
        answer[name] = [
            {"value": value, "label": label, "count": n} for value, label, n in sorted(options, key=lambda o: -o[2])
        ]
    return {"facets": answer, "facets_capped": facets.capped}


class EventViewSet(JSONErrors, viewsets.GenericViewSet):
    """The merged timeline: rounds, resolutions and milestones in one chronology, each with its `kind`.

    Its source of pages is the filtered timeline itself (talks/timeline.py), in (date, date rank, kind, id)
    order; records the articles do not date follow the dated ones, on the last page. An event is also
    found by its slug, whatever its kind.
    """

    permission_classes = [ReadOnlyOrStaff]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    filter_backends = []  # the timeline filters each kind with its own FilterSet
    filterset_class = TIMELINE_PARAMETERS
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self):
        params = self.request.query_params if self.request is not None else QueryDict()
        return Timeline(params, undated_last=True)

    @extend_schema(
        parameters=[format_parameter(["json", "csv"], "csv"), FACETS_PARAMETER],
        responses={
            (200, "application/json"): PolymorphicProxySerializer(
                component_name="Event", serializers=EVENT_SERIALIZERS, resource_type_field_name="kind", many=True
            ),
            (200, "text/csv"): CSV_BODY,
            **READ_ERRORS,
        },
    )
    def list(self, request, *args, **kwargs):
        timeline = self.get_queryset()
        if timeline.errors:
            raise ValidationError(timeline.errors)
        represent = EventRepresenter(self.get_serializer_context())
        if request.accepted_renderer.format == "csv":
            page_size(request)  # not used, the export is whole, but checked as for JSON
            rows = (csv_row(represent, kind, obj) for kind, obj in timeline.entries())
            return csv_response(rows, columns=EVENT_COLUMNS, filename="events.csv")
        names = facet_names(request)
        page = self.paginate_queryset(timeline)
        response = self.get_paginated_response([represent(entry.kind, entry.obj) for entry in page])
        if names:
            response.data |= facets_answer(request, names)
        return response

    @extend_schema(
        parameters=[EVENT_SLUG, format_parameter(["json", "csv"], "json")],
        responses={
            (200, "application/json"): EVENT,
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
        represent = EventRepresenter(self.get_serializer_context())
        if request.accepted_renderer.format == "csv":
            return csv_response([csv_row(represent, kind, obj)], columns=EVENT_COLUMNS, filename=f"{slug}.csv")
        return Response(represent(kind, obj))


# Exports -----------------------------------------------------------------------------------------------


def filtered_timeline(request):
    """The whole timeline the parameters ask for; a bad parameter is a 400 naming it."""
    timeline = Timeline(request.query_params)
    if timeline.errors:
        raise ValidationError(timeline.errors)
    return timeline


class ExportView(JSONErrors, APIView):
    """An export of a whole filtered list; its `filterset_class` names the parameters it answers to."""

    permission_classes = [ReadOnlyOrStaff]
    content_negotiation_class = FirstRenderer
    filterset_class = TIMELINE_PARAMETERS


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
        parameters=[NO_FORMAT],
        responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="RFC 5545"), **READ_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        timeline = filtered_timeline(request)
        entries = timeline.entries(undated=False)
        return streamed(exports.ics_chunks(entries, {"request": request}), ICSRenderer, "events.ics")


class TimelineJSView(ExportView):
    """The filtered timeline in Knight Lab TimelineJS's JSON format.

    `month` and `day` are left out where the date is not known to them; each envoy's rounds make an
    era; events are grouped by process.
    """

    renderer_classes = [TimelineJSRenderer]

    @extend_schema(
        operation_id="timelinejs",
        parameters=[NO_FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="https://timeline.knightlab.com/docs/json-format.html"
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        timeline = filtered_timeline(request)
        return streamed(exports.timelinejs_chunks(timeline, {"request": request}), TimelineJSRenderer, "timeline.json")


class VenuesGeoJSONView(ExportView):
    """The venues as a GeoJSON FeatureCollection of points, each with the number of rounds held there."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]
    filterset_class = VenueFilterSet

    @extend_schema(
        operation_id="venues_geojson",
        parameters=[NO_FORMAT],
        responses={
            (200, "application/geo+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="RFC 7946"),
            **READ_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        filterset = self.filterset_class(
            request.query_params, queryset=Venue.objects.annotate(round_count=Count("rounds"))
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        venues = filterset.qs.order_by("name", "pk")
        return streamed(exports.venue_features(venues, {"request": request}), GeoJSONRenderer, "venues.geojson")


class DatasetCitationView(JSONErrors, APIView):
    """How to cite the chronology as a whole: the dataset's reference, which names the site, the access date
    and the release, in every form (or one file with `?download=`)."""

    permission_classes = [ReadOnlyOrStaff]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    @extend_schema(
        operation_id="cite_dataset",
        parameters=[DOWNLOAD],
        responses={
            **REFERENCE_RESPONSES,
            **READ_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        return reference_response(request, dataset_work(request, url=reverse("talks:timeline")))
