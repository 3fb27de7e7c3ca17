"""/api/ingest/: what a client sends (an article, as a file or as text, and its date) and what it is answered:
the fixed JSON shape of the proposals (ingest.services.as_shape)."""

from django.core.exceptions import ValidationError
from rest_framework import serializers

from ingest.models import Proposal
from ingest.reading import ingest_arguments
from ingest.services import DATE_FORMS


class IngestSerializer(serializers.Serializer):
    file = serializers.FileField(
        required=False, help_text="The article as a .txt file (UTF-8) or a saved .html page (multipart)."
    )
    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Or the article's text itself (JSON or a form field)."
    )
    published = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text=f"The publication date as precise as it is known: {DATE_FORMS}. From an .html page's metadata "
        "when not given.",
    )
    published_latest = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text="For a date known only to lie in a window: its latest.",
    )
    title = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Default: the page's, or the first line."
    )
    author = serializers.CharField(required=False, max_length=200, allow_blank=True)
    publisher = serializers.CharField(required=False, max_length=200, allow_blank=True)

    def validate(self, attrs):
        upload, text = attrs.get("file"), attrs.get("text")
        if bool(upload) == bool(text):
            raise serializers.ValidationError({"text": ["Send the article as `file` or as `text`: one of the two."]})
        options = {name: attrs.get(name) for name in ("published", "published_latest", "title", "author", "publisher")}
        try:
            return ingest_arguments(
                data=upload.read() if upload else text,
                name=upload.name if upload else "",
                field="file" if upload else "text",
                **options,
            )
        except ValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error


class CitationShapeSerializer(serializers.Serializer):
    quote = serializers.CharField(help_text="Verbatim from the article.")
    supports = serializers.CharField(help_text="What the quote supports, e.g. 'date, venue'.")


class ProposalShapeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The stored proposal's id: decide on it at /api/ingest/proposals/{id}/.")
    kind = serializers.ChoiceField(choices=Proposal.Kind.choices)
    match = serializers.CharField(allow_null=True, help_text="The slug of the existing record it is tied to.")
    fields = serializers.DictField(help_text="The whole proposed record in the fixtures' format; references by slug.")
    citations = CitationShapeSerializer(many=True)
    confidence = serializers.FloatField(min_value=0, max_value=1)


class SourceShapeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    published = serializers.CharField(help_text="Its form is its precision: 2017-02-24, 2017-02 or 2017.")
    published_latest = serializers.CharField(required=False, help_text="Only for a window: its latest.")


class ShapeSerializer(serializers.Serializer):
    """The fixed JSON shape of an ingested article's proposals, as `manage.py ingest --json` prints it."""

    source = SourceShapeSerializer()
    proposals = ProposalShapeSerializer(many=True)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("accepted", "accepted"), ("rejected", "rejected")])
    fields = serializers.DictField(
        required=False, help_text="To accept with corrections: the whole record, in the fixtures' format."
    )


class PublishedSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="The published source's slug.")
    url = serializers.URLField(help_text="The article's public page.")
    written = serializers.ListField(child=serializers.CharField(), help_text="What the load wrote, by kind.")
