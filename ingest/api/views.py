"""/api/ingest/: staff send an article and are answered its proposals; they accept or reject each, and publish.

Every operation is a POST for staff: a draft and its proposals are not public, so nothing here is read by GET.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from ingest.models import Proposal, ReviewBatch
from ingest.services import as_shape, decide, ingest_article, publish
from toolkit.schema import NO_FORMAT, NOT_FOUND, WRITE_ERRORS

from .serializers import (
    DecisionSerializer,
    IngestSerializer,
    ProposalShapeSerializer,
    PublishedSerializer,
    ShapeSerializer,
)


class IngestView(APIView):
    permission_classes = [IsAdminUser]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="ingest_create",
        parameters=[NO_FORMAT],
        request={"application/json": IngestSerializer, "multipart/form-data": IngestSerializer},
        responses={201: ShapeSerializer, **WRITE_ERRORS},
        description="Take in an article (a .txt or .html `file`, or its `text`) as a draft source with the facts "
        "it states as proposals, answered in the fixed JSON shape. Refused (400, nothing written): an empty, "
        "binary or non-UTF-8 file, a text with no facts, a text already ingested, a date not of the forms "
        "2017-02-24, 2017-02, 2017 or in the future.",
    )
    def post(self, request):
        serializer = IngestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        batch = ingest_article(**serializer.validated_data, user=request.user)
        return Response(as_shape(batch), status=status.HTTP_201_CREATED)


class DecisionView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        operation_id="ingest_proposal_decide",
        parameters=[NO_FORMAT],
        request=DecisionSerializer,
        responses={200: ProposalShapeSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
        description="Accept (optionally with corrected `fields`) or reject one proposal. Accepting is checked "
        "by a dry run of the loader; nothing is public until the batch is published.",
    )
    def post(self, request, id):
        proposal = get_object_or_404(Proposal.objects.select_related("batch__source"), pk=id)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = decide(
            proposal=proposal,
            decision=serializer.validated_data["decision"],
            fields=serializer.validated_data.get("fields"),
            user=request.user,
        )
        return Response(as_shape(proposal.batch, [proposal])["proposals"][0])


class PublishView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        operation_id="ingest_batch_publish",
        parameters=[NO_FORMAT],
        request=None,
        responses={200: PublishedSerializer, **WRITE_ERRORS, 404: OpenApiResponse(description="No such batch.")},
        description="Publish an ingested article with its accepted proposals, together, in one transaction.",
    )
    def post(self, request, id):
        batch = get_object_or_404(ReviewBatch.objects.select_related("source"), pk=id)
        report = publish(batch=batch, user=request.user)
        source = batch.source
        return Response(
            {
                "source": source.slug,
                "url": request.build_absolute_uri(source.get_absolute_url()),
                "written": list(report.lines()),
            }
        )
