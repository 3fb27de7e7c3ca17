from django.apps import apps
from django.urls import reverse
from rest_framework import serializers

from sources.dates import Precision
from sources.models import Citation, Figure, Source
from toolkit.fields import ApiUrlField, HtmlUrlField, PlainNumberField, SlugRefField


def precision_field(**kwargs):
    """A partial date's precision as read: day, month or year, or empty where the articles give no date.

    Declared rather than derived from the model: DRF drops `allow_blank` from a read-only model field, and the
    schema would then refuse the "" that an undated record carries.
    """
    return serializers.ChoiceField(choices=Precision.choices, allow_blank=True, read_only=True, **kwargs)


class CitationRefSerializer(serializers.ModelSerializer):
    """A quote behind a fact: `url` is the quote highlighted on its source's page."""

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = HtmlUrlField(help_text="The quote highlighted on its source's page.")

    class Meta:
        model = Citation
        fields = ["id", "source", "quote", "supports", "note", "url"]
        read_only_fields = fields


class SourceRefSerializer(serializers.ModelSerializer):
    url = ApiUrlField("api:source-detail")

    class Meta:
        model = Source
        fields = ["slug", "title", "url"]
        read_only_fields = fields


class SourceSerializer(serializers.ModelSerializer):
    published_precision = precision_field()
    published_display = serializers.CharField(source="publication.display", read_only=True)
    published_inferred = serializers.BooleanField(source="publication.inferred", read_only=True)
    published_edtf = serializers.CharField(source="publication.edtf", read_only=True)
    url = ApiUrlField("api:source-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Source
        fields = [
            "slug",
            "title",
            "headline_printed",
            "author",
            "publisher",
            "publisher_note",
            "published",
            "published_latest",
            "published_precision",
            "published_display",
            "published_basis",
            "published_inferred",
            "published_note",
            "published_edtf",
            "file_name",
            "text",
            "url",
            "html_url",
        ]
        read_only_fields = fields


class FigureSerializer(serializers.ModelSerializer):
    measure_display = serializers.CharField(source="get_measure_display", read_only=True)
    value = PlainNumberField(help_text="The number; null where the article gives only an order of magnitude.")
    qualifier_display = serializers.CharField(source="get_qualifier_display", read_only=True)
    as_of_precision = precision_field()
    as_of_display = serializers.CharField(source="as_of_date.display", read_only=True)
    as_of_inferred = serializers.BooleanField(source="as_of_date.inferred", read_only=True)
    as_of_edtf = serializers.CharField(source="as_of_date.edtf", read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:figure-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Figure
        fields = [
            "slug",
            "measure",
            "measure_display",
            "counts",
            "value",
            "value_text",
            "qualifier",
            "qualifier_display",
            "unit",
            "place",
            "as_of",
            "as_of_latest",
            "as_of_precision",
            "as_of_display",
            "as_of_basis",
            "as_of_inferred",
            "as_of_note",
            "as_of_edtf",
            "note",
            "citations",
            "url",
            "html_url",
        ]
        read_only_fields = fields


# What a citation can be attached to, by the name the API uses for it. Records without a slug (a
# delegation at a round, a person's role) are cited too, but are edited with their parent.
SUBJECTS = {
    "round": ("talks", "TalkRound", "api:round-detail"),
    "milestone": ("talks", "Milestone", "api:milestone-detail"),
    "resolution": ("talks", "Resolution", "api:resolution-detail"),
    "venue": ("talks", "Venue", "api:venue-detail"),
    "process": ("talks", "Process", "api:process-detail"),
    "envoy": ("actors", "Envoy", "api:envoy-detail"),
    "delegation": ("actors", "Delegation", "api:delegation-detail"),
    "person": ("actors", "Person", "api:person-detail"),
    "figure": ("sources", "Figure", "api:figure-detail"),
    "round_delegation": ("talks", "RoundDelegation", None),
    "role": ("actors", "Role", None),
}
SUBJECT_KINDS = list(SUBJECTS)
SLUGGED_SUBJECTS = [kind for kind, (_, _, view) in SUBJECTS.items() if view]
KIND_OF_MODEL = {(app, model.lower()): kind for kind, (app, model, _) in SUBJECTS.items()}


class SubjectSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SUBJECT_KINDS, read_only=True)
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True, allow_null=True)
    name = serializers.CharField(read_only=True, allow_null=True)
    url = serializers.URLField(read_only=True, allow_null=True)

    def to_representation(self, citation):
        content_type = citation.content_type
        kind = KIND_OF_MODEL.get((content_type.app_label, content_type.model))
        subject, view = citation.subject, SUBJECTS[kind][2] if kind else None
        if subject is None or view is None:
            return {"kind": kind, "id": citation.object_id, "slug": None, "name": None, "url": None}
        request = self.context["request"]
        return {
            "kind": kind,
            "id": citation.object_id,
            "slug": subject.slug,
            "name": str(subject),
            "url": request.build_absolute_uri(reverse(view, kwargs={"slug": subject.slug})),
        }


class CitationSerializer(CitationRefSerializer):
    """A citation as a resource of its own: what it supports, which source, the verbatim quote."""

    subject = SubjectSerializer(source="*", read_only=True)
    api_url = ApiUrlField("api:citation-detail", lookup="pk")

    class Meta(CitationRefSerializer.Meta):
        fields = ["id", "subject", "source", "quote", "supports", "note", "url", "api_url"]
        read_only_fields = fields


class CitationEditSerializer(serializers.ModelSerializer):
    """The input of PATCH/PUT /api/citations/<id>/: what it quotes; what it supports stays."""

    source = SlugRefField(queryset=Source.objects.published())
    quote = serializers.CharField(trim_whitespace=False, help_text="Verbatim from the source's text.")

    class Meta:
        model = Citation
        fields = ["source", "quote", "supports", "note"]


class CitationInputSerializer(CitationEditSerializer):
    """A citation given with a record (POST/PUT/PATCH of a round, milestone or resolution)."""

    class Meta(CitationEditSerializer.Meta):
        # The uniqueness of a citation involves its subject, which does not exist yet: the service checks it.
        validators = []


class CitationCreateSerializer(CitationEditSerializer):
    """The input of POST /api/citations/: the record it supports, by kind and slug, and the quote."""

    subject_kind = serializers.ChoiceField(choices=SLUGGED_SUBJECTS, write_only=True)
    subject = serializers.SlugField(write_only=True, help_text="The slug of the record the quote supports.")

    class Meta(CitationEditSerializer.Meta):
        fields = ["subject_kind", "subject", *CitationEditSerializer.Meta.fields]
        validators = []

    def validate(self, attrs):
        app, model_name, _ = SUBJECTS[attrs.pop("subject_kind")]
        model = apps.get_model(app, model_name)
        try:
            attrs["subject"] = model.objects.get(slug=attrs["subject"])
        except model.DoesNotExist:
            raise serializers.ValidationError(
                {"subject": [f"No {model._meta.verbose_name} has the slug “{attrs['subject']}”."]}
            ) from None
        return attrs
