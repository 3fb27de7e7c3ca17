"""Provenance on /api/: the articles with their full text, the figures they report, every citation."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from sources.models import Citation, Figure, Source
from talks.services import citation_create, citation_delete, citation_update
from toolkit.schema import NOT_FOUND, WRITE, WRITE_ERRORS, resource_schema
from toolkit.viewsets import ApiViewSet, CiteMixin, StaffWritesMixin, change_reason

from .filters import CitationFilterSet, FigureFilterSet, SourceFilterSet
from .serializers import (
    CitationCreateSerializer,
    CitationEditSerializer,
    CitationSerializer,
    FigureSerializer,
    SourceSerializer,
)


@resource_schema(SourceSerializer)
class SourceViewSet(CiteMixin, ApiViewSet):
    queryset = Source.objects.published()
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    csv_name = "sources"


@resource_schema(
    FigureSerializer,
    description="Numbers the articles report, each with its qualifier, its as-of date and its source. Claims "
    "that disagree are all kept.",
)
class FigureViewSet(ApiViewSet):
    queryset = Figure.objects.with_citations()
    serializer_class = FigureSerializer
    filterset_class = FigureFilterSet
    csv_name = "figures"


@resource_schema(
    CitationSerializer,
    write_serializer=CitationEditSerializer,
    create_serializer=CitationCreateSerializer,
    description="Every quote behind every fact. Staff add one to a record (POST), correct it (PATCH/PUT) or "
    "remove it (DELETE) unless it is the record's last: a quote must be found verbatim in its source.",
)
class CitationViewSet(StaffWritesMixin, ApiViewSet):
    queryset = Citation.objects.for_api()
    serializer_class = CitationSerializer
    write_serializer_class = CitationEditSerializer
    filterset_class = CitationFilterSet
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"
    csv_name = "citations"

    def get_serializer_class(self):
        if self.request is not None and self.request.method == "POST":
            return CitationCreateSerializer
        return super().get_serializer_class()

    def create_record(self, data, *, reason):
        return citation_create(**data, reason=reason)

    def update_record(self, instance, data, *, reason):
        return citation_update(citation=instance, data=data, reason=reason)

    @extend_schema(parameters=WRITE, responses={204: None, **WRITE_ERRORS, 404: NOT_FOUND})
    def destroy(self, request, *args, **kwargs):
        citation = self.get_object()
        citation_delete(citation=citation, reason=change_reason(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
