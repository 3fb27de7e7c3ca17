"""The base of every API resource: read for all, CSV of any list, JSON errors, optional staff writes."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from .citing import DOWNLOAD_PARAM, FORMATS, download_response, page_work
from .exports import CSV_CHUNK, CSVRenderer, csv_response
from .history import REASON_HEADER, clean_reason
from .pagination import KeysetPagination, ordered, page_size
from .permissions import ReadOnlyOrStaff
from .renderers import JSONRenderer
from .schema import DETAIL_ERRORS

SLUG_PATTERN = "[-a-zA-Z0-9_]+"


def change_reason(request):
    """The write's reason from its header; missing, blank, too long or not UTF-8 is a 400 naming the header."""
    raw = request.headers.get(REASON_HEADER, "")
    try:
        # WSGI hands headers over as Latin-1: the bytes the client sent, read back as the UTF-8 they are.
        return clean_reason(raw.encode("latin-1").decode("utf-8"))
    except (UnicodeError, DjangoValidationError) as error:
        message = error.messages[0] if isinstance(error, DjangoValidationError) else "The reason must be UTF-8."
        raise ValidationError({REASON_HEADER: [message]}) from error


class JSONErrors:
    """Whatever format was asked for (csv, ics …), an error, or a choice among several records (300), is
    answered in JSON."""

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        is_error = isinstance(response, Response) and response.status_code >= 300
        # No renderer yet means content negotiation itself failed (an unknown `?format=`): JSON too.
        if is_error and not isinstance(renderer, (renderers.JSONRenderer, BrowsableAPIRenderer)):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


class ApiViewSet(JSONErrors, viewsets.GenericViewSet):
    """A resource read by slug: keyset-paged lists, details, and `?format=csv` of either."""

    permission_classes = [ReadOnlyOrStaff]
    pagination_class = KeysetPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    csv_name = None  # file name of the CSV export, e.g. "rounds"
    # Optionally, where JSON reads (a list, a detail) come from without model instances: an object with
    # `queryset()` (of `.values()` rows, filtered and paged as the model's would be) and
    # `represent(rows, context)`, answering what the serializer would. See talks/api/rounds.py.
    rows = None

    def reads_rows(self):
        renderer = getattr(self.request, "accepted_renderer", None)
        return (
            self.rows is not None
            and self.action in ("list", "retrieve")
            and renderer is not None
            and renderer.format == "json"
        )

    def get_queryset(self):
        return self.rows.queryset() if self.reads_rows() else super().get_queryset()

    def filter_queryset(self, queryset):
        # A record is found by its slug alone. DRF would apply the list's filters to a detail too, so that
        # /api/rounds/<slug>/?q=anything answered 404 and ?venue=atlantis 400, neither of them documented.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv":
            page_size(request)  # not used, the export is the whole set, but a bad one is refused as for JSON
            # The whole filtered set in the page order, fetched in chunks (prefetches included).
            return self.csv(ordered(queryset).iterator(chunk_size=CSV_CHUNK))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.represent_many(page))

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        if request.accepted_renderer.format == "csv":
            return self.csv([instance])
        return Response(self.represent(instance))

    def output_serializer(self, *args, **kwargs):
        return self.serializer_class(*args, context=self.get_serializer_context(), **kwargs)

    def represent(self, instance):
        if self.reads_rows():
            return self.rows.represent([instance], self.get_serializer_context())[0]
        return self.output_serializer(instance).data

    def represent_many(self, instances):
        if self.reads_rows():
            return self.rows.represent(instances, self.get_serializer_context())
        return self.output_serializer(instances, many=True).data

    def csv(self, objects):
        serializer = self.output_serializer()
        rows = (serializer.to_representation(obj) for obj in objects)
        return csv_response(rows, columns=list(serializer.fields), filename=f"{self.csv_name}.csv")


class StaffWritesMixin:
    """Create (POST), replace (PUT) and edit (PATCH) for staff, through the resource's services.

    The write serializer checks the shape of the input (types, choices, known slugs); the service
    applies the timeline's rules, `full_clean()`s and saves in one transaction; the answer is the
    record as a read would show it. Every write gives its reason in the X-Change-Reason header.
    """

    write_serializer_class = None

    def get_serializer_class(self):
        if self.request is not None and self.request.method in ("POST", "PUT", "PATCH"):
            return self.write_serializer_class
        return self.serializer_class

    def create_record(self, data, *, reason):
        raise NotImplementedError

    def update_record(self, instance, data, *, reason):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        reason = change_reason(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.create_record(serializer.validated_data, reason=reason)
        location = reverse(
            f"api:{self.basename}-detail", kwargs={self.lookup_field: getattr(instance, self.lookup_field)}
        )
        return Response(
            self.represent(self.reloaded(instance)),
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        reason = change_reason(request)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data if partial else {**self.blank(serializer), **serializer.validated_data}
        instance = self.update_record(instance, data, reason=reason)
        return Response(self.represent(self.reloaded(instance)))

    def blank(self, serializer):
        """What a PUT leaves out goes back to its default: a PUT replaces the record, a PATCH edits it."""
        model = serializer.Meta.model
        blank = {}
        for field in serializer.fields.values():
            if field.read_only or not field.source or field.source == "*":
                continue
            try:
                model_field = model._meta.get_field(field.source)
            except FieldDoesNotExist:  # an input that is not a column (date_inferred, spelled date_basis)
                continue
            if model_field.one_to_many:  # citations: required, so always given
                continue
            blank[field.source] = [] if model_field.many_to_many else model_field.get_default()
        return blank

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def reloaded(self, instance):
        """The saved record with every relation a read loads, so the answer is what a GET would give."""
        return self.get_queryset().get(pk=instance.pk)


class ReferenceSerializer(serializers.Serializer):
    """A reference in every form "Cite this" offers."""

    text = serializers.CharField(help_text="The formatted reference (Harvard, as Cite Them Right writes it).")
    csl_json = serializers.DictField(help_text="The CSL-JSON item, as Zotero and citeproc read it.")
    bibtex = serializers.CharField()
    ris = serializers.CharField()


DOWNLOAD = OpenApiParameter(
    DOWNLOAD_PARAM,
    str,
    enum=list(FORMATS),
    examples=[OpenApiExample("BibTeX", value="bibtex")],
    description="Answer with the reference as a file in this format instead of the JSON of all of them.",
)


# The JSON of every form, or one of them as a file: CSL-JSON is a list of one item, the others text.
REFERENCE_RESPONSES = {
    200: ReferenceSerializer,
    **{(200, media_type): OpenApiTypes.STR for media_type, _ in FORMATS.values()},
    (200, FORMATS["csl-json"][0]): {"type": "array", "items": {"type": "object"}},
}


def reference_response(request, work):
    """The reference as JSON in every form, or as one file with `?download=`; an unknown format is a 400."""
    name = request.query_params.get(DOWNLOAD_PARAM)
    if not name:  # blank is absent, as for every parameter
        return Response(work.as_dict())
    if name not in FORMATS:
        raise ValidationError({DOWNLOAD_PARAM: [f"Choose one of {', '.join(FORMATS)}."]})
    return download_response(work, name)


class CiteMixin:
    """`cite/` on a record: the reference to its page, which names the permalink, the access date and the
    release, as the page's "Cite this" section gives it."""

    def get_queryset(self):
        # Only the reference is wanted: the record, without what its answer prefetches.
        queryset = super().get_queryset()
        return queryset.prefetch_related(None) if self.action == "cite" else queryset

    @extend_schema(
        summary="Cite this record",
        parameters=[DOWNLOAD],
        responses={
            **REFERENCE_RESPONSES,
            **DETAIL_ERRORS,
        },
    )
    @action(detail=True, renderer_classes=[JSONRenderer, BrowsableAPIRenderer], pagination_class=None)
    def cite(self, request, *args, **kwargs):
        return reference_response(request, page_work(request, self.get_object()))
