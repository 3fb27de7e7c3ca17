from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.serializers import DelegationRefSerializer, EnvoyRefSerializer, PersonRefSerializer
from actors.models import Delegation, Envoy, Person
from config.api.fields import ApiUrlField, ConstantField, HtmlUrlField, SlugRefField, absolute_url, ref_serializer
from sources.api.serializers import CitationInputSerializer, CitationRefSerializer, precision_field
from sources.dates import DateBasis
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

DATE_FIELDS = ["start_date", "end_date", "date_precision", "date_display", "date_inferred", "date_note"]


VenueRefSerializer = ref_serializer(Venue, "api:venue-detail")
ProcessRefSerializer = ref_serializer(Process, "api:process-detail")
ResolutionRefSerializer = ref_serializer(Resolution, "api:resolution-detail")


class DatedSerializer(serializers.ModelSerializer):
    """The date of a timeline item as the pages show it, and the parts it is made of."""

    date_precision = precision_field(help_text="day, month or year; empty where the articles give no date.")
    date_display = serializers.CharField(read_only=True, help_text="As the web page shows it, e.g. 'May 2017'.")
    date_inferred = serializers.BooleanField(
        read_only=True, help_text="True when the date is worked out from the article's context (see date_note)."
    )


class RoundDelegationSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="delegation.slug", read_only=True)
    name = serializers.CharField(source="delegation.name", read_only=True)
    url = ApiUrlField("api:delegation-detail", source="delegation")
    head = PersonRefSerializer(read_only=True, allow_null=True, help_text="Who led it, where the articles say.")

    class Meta:
        model = RoundDelegation
        fields = ["slug", "name", "url", "head", "role", "note"]
        read_only_fields = fields


class RoundSerializer(DatedSerializer):
    kind = ConstantField("round")
    venue = VenueRefSerializer(read_only=True, allow_null=True)
    process = ProcessRefSerializer(read_only=True)
    envoys = EnvoyRefSerializer(many=True, read_only=True)
    delegations = RoundDelegationSerializer(source="round_delegations", many=True, read_only=True)
    resolutions = ResolutionRefSerializer(many=True, read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:round-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = TalkRound
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "format",
            "round_number",
            *DATE_FIELDS,
            "venue",
            "process",
            "envoys",
            "delegations",
            "resolutions",
            "summary",
            "outcome",
            "citations",
            "url",
            "html_url",
        ]
        read_only_fields = fields

    def to_representation(self, obj):
        """The fields declared above, built directly. A page of rounds is the API's hottest path, and DRF's
        field-by-field machinery costs several times the work itself; a test holds this to the declared
        fields' own representation for every round."""
        context = self.context

        def ref(record, view_name, name="name"):
            return {
                "slug": record.slug,
                "name": getattr(record, name),
                "url": absolute_url(context, view_name, record.slug),
            }

        def date(value):
            return value.isoformat() if value else None

        return {
            "slug": obj.slug,
            "title": obj.title,
            "kind": "round",
            "status": obj.status,
            "format": obj.format,
            "round_number": obj.round_number,
            "start_date": date(obj.start_date),
            "end_date": date(obj.end_date),
            "date_precision": obj.date_precision,
            "date_display": obj.date_display,
            "date_inferred": obj.date_inferred,
            "date_note": obj.date_note,
            "venue": ref(obj.venue, "api:venue-detail") if obj.venue_id else None,
            "process": ref(obj.process, "api:process-detail"),
            "envoys": [ref(envoy, "api:envoy-detail") for envoy in obj.envoys.all()],
            "delegations": [
                {
                    **ref(rd.delegation, "api:delegation-detail"),
                    "head": ref(rd.head, "api:person-detail") if rd.head_id else None,
                    "role": rd.role,
                    "note": rd.note,
                }
                for rd in obj.round_delegations.all()
            ],
            "resolutions": [ref(resolution, "api:resolution-detail") for resolution in obj.resolutions.all()],
            "summary": obj.summary,
            "outcome": obj.outcome,
            "citations": [
                {
                    "id": c.pk,
                    "source": c.source.slug,
                    "quote": c.quote,
                    "supports": c.supports,
                    "note": c.note,
                    "url": f"{absolute_url(context, 'sources:source-detail', c.source.slug)}#{c.anchor}",
                }
                for c in obj.citations.all()
            ],
            "url": absolute_url(context, "api:round-detail", obj.slug),
            "html_url": absolute_url(context, "talks:round-detail", obj.slug),
        }


class MilestoneSerializer(DatedSerializer):
    kind = ConstantField("milestone")
    venue = VenueRefSerializer(read_only=True, allow_null=True)
    process = ProcessRefSerializer(read_only=True, allow_null=True)
    people = PersonRefSerializer(many=True, read_only=True)
    delegations = DelegationRefSerializer(many=True, read_only=True)
    resolutions = ResolutionRefSerializer(many=True, read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:milestone-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Milestone
        fields = [
            "slug",
            "title",
            "kind",
            "category",
            *DATE_FIELDS,
            "venue",
            "place",
            "process",
            "people",
            "delegations",
            "resolutions",
            "summary",
            "citations",
            "url",
            "html_url",
        ]
        read_only_fields = fields


class ResolutionSerializer(DatedSerializer):
    kind = ConstantField("resolution")
    resolution_kind = serializers.ChoiceField(
        source="kind", choices=Resolution.Kind.choices, read_only=True, help_text="A UNSC resolution or a communiqué."
    )
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:resolution-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Resolution
        fields = [
            "slug",
            "name",
            "kind",
            "resolution_kind",
            "code",
            "title",
            *DATE_FIELDS,
            "adopted_by",
            "vote",
            "calls_for",
            "citations",
            "url",
            "html_url",
        ]
        read_only_fields = fields


class VenueSerializer(serializers.ModelSerializer):
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, coerce_to_string=False, read_only=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, coerce_to_string=False, read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:venue-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Venue
        fields = ["slug", "name", "country", "latitude", "longitude", "description", "citations", "url", "html_url"]
        read_only_fields = fields


class ProcessSerializer(serializers.ModelSerializer):
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:process-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Process
        fields = ["slug", "name", "short_name", "convened_by", "description", "citations", "url", "html_url"]
        read_only_fields = fields


EVENT_SERIALIZERS = {"round": RoundSerializer, "resolution": ResolutionSerializer, "milestone": MilestoneSerializer}


# Writes. These check the shape of the input; the services (talks/services.py) apply the timeline's rules.


@extend_schema_field({"type": "boolean", "example": False})
class InferredField(serializers.BooleanField):
    """`date_inferred` in, `date_basis` to the model: the API speaks as it reads."""

    def to_internal_value(self, data):
        return DateBasis.INFERRED if super().to_internal_value(data) else DateBasis.STATED


def slugs(model, **kwargs):
    return SlugRefField(queryset=model.objects.all(), **kwargs)


class DatedWriteSerializer(serializers.ModelSerializer):
    date_inferred = InferredField(
        source="date_basis",
        required=False,
        help_text="True when the date is worked out rather than printed; then date_note must say how.",
    )
    citations = CitationInputSerializer(
        many=True,
        allow_empty=False,
        help_text="At least one verbatim quote. On update, the list replaces the record's citations.",
    )

    class Meta:
        validators = []  # uniqueness across rows is checked by the services, with field messages
        extra_kwargs = {
            "start_date": {
                "help_text": "ISO date. With month or year precision any day of the period may be given: "
                "it is stored as the first day of the month (or year)."
            },
        }


class RoundWriteSerializer(DatedWriteSerializer):
    process = slugs(Process)
    venue = slugs(Venue, allow_null=True, required=False)
    envoys = slugs(Envoy, many=True, required=False)
    resolutions = slugs(Resolution, many=True, required=False)

    class Meta(DatedWriteSerializer.Meta):
        model = TalkRound
        fields = [
            "slug",
            "title",
            "process",
            "venue",
            "start_date",
            "end_date",
            "date_precision",
            "date_inferred",
            "date_note",
            "round_number",
            "status",
            "format",
            "summary",
            "outcome",
            "envoys",
            "resolutions",
            "citations",
        ]
        extra_kwargs = {**DatedWriteSerializer.Meta.extra_kwargs, "round_number": {"min_value": 1, "max_value": 32767}}


class MilestoneWriteSerializer(DatedWriteSerializer):
    venue = slugs(Venue, allow_null=True, required=False)
    process = slugs(Process, allow_null=True, required=False)
    people = slugs(Person, many=True, required=False)
    delegations = slugs(Delegation, many=True, required=False)
    resolutions = slugs(Resolution, many=True, required=False)

    class Meta(DatedWriteSerializer.Meta):
        model = Milestone
        fields = [
            "slug",
            "title",
            "category",
            "start_date",
            "end_date",
            "date_precision",
            "date_inferred",
            "date_note",
            "venue",
            "place",
            "process",
            "people",
            "delegations",
            "resolutions",
            "summary",
            "citations",
        ]


class ResolutionWriteSerializer(DatedWriteSerializer):
    resolution_kind = serializers.ChoiceField(source="kind", choices=Resolution.Kind.choices)

    class Meta(DatedWriteSerializer.Meta):
        model = Resolution
        fields = [
            "slug",
            "name",
            "resolution_kind",
            "code",
            "title",
            "start_date",
            "end_date",
            "date_precision",
            "date_inferred",
            "date_note",
            "adopted_by",
            "vote",
            "calls_for",
            "citations",
        ]
