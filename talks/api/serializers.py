from rest_framework import serializers

from actors.api.serializers import DelegationRefSerializer, EnvoyRefSerializer, PersonRefSerializer
from actors.models import Delegation, Envoy, Person
from sources.api.serializers import CitationInputSerializer, CitationRefSerializer, precision_field
from sources.dates import DateBasis
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from toolkit.fields import ApiUrlField, ConstantField, HtmlUrlField, SlugRefField, ref_serializer

from .rounds import answer, instance_row

DATE_FIELDS = [
    "start_date",
    "start_latest",
    "end_date",
    "date_precision",
    "date_display",
    "date_basis",
    "date_inferred",
    "date_note",
    "date_edtf",
]


VenueRefSerializer = ref_serializer(Venue, "api:venue-detail")
ProcessRefSerializer = ref_serializer(Process, "api:process-detail")
ResolutionRefSerializer = ref_serializer(Resolution, "api:resolution-detail")


class DatedSerializer(serializers.ModelSerializer):
    """The date of a timeline item as the pages show it, and the parts it is made of."""

    date_precision = precision_field(help_text="day, month or year; empty where the articles give no date.")
    date_display = serializers.CharField(
        read_only=True,
        help_text="As the web page shows it, e.g. 'May 2017', 'between 30 September and 7 October 2021'.",
    )
    date_basis = serializers.ChoiceField(
        choices=DateBasis.choices,
        read_only=True,
        help_text="stated (printed), inferred (worked out from the articles' text) or external (from outside "
        "the articles); date_note says how, or names the reference.",
    )
    date_inferred = serializers.BooleanField(
        read_only=True, help_text="True when date_basis is inferred (kept for older clients; read date_basis)."
    )
    date_edtf = serializers.CharField(
        source="when.edtf",
        read_only=True,
        help_text="The date in EDTF (ISO 8601-2): '2018-01-25/2018-01-26', '2017-12', or for a window, "
        "'[2021-09-30..2021-10-07]' (one of those days). Empty where undated.",
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
            "inference_note",
            "citations",
            "url",
            "html_url",
        ]
        read_only_fields = fields

    def to_representation(self, obj):
        """The fields declared above, built directly (talks/api/rounds.py): a page of rounds is the API's
        hottest path, and DRF's field-by-field machinery costs several times the work itself; a test holds
        this to the declared fields' own representation for every round."""
        row, related = instance_row(obj)
        return answer(row, related, self.context)


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
            "inference_note",
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
            "inference_note",
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


def title_of(kind, obj):
    return obj.name if kind == "resolution" else obj.title


class EventRepresenter:
    """An event of the merged timeline as its kind's serializer shows it. Each serializer is built once and
    applied to every record: building one costs more than using it."""

    def __init__(self, context):
        self.serializers = {kind: serializer(context=context) for kind, serializer in EVENT_SERIALIZERS.items()}

    def __call__(self, kind, obj):
        return self.serializers[kind].to_representation(obj)


# Writes. These check the shape of the input; the services (talks/services.py) apply the timeline's rules.


def slugs(model, **kwargs):
    return SlugRefField(queryset=model.objects.all(), **kwargs)


class DatedWriteSerializer(serializers.ModelSerializer):
    date_basis = serializers.ChoiceField(
        choices=DateBasis.choices,
        required=False,
        help_text="stated (printed), inferred (worked out from the articles; date_note says how) or external "
        "(from outside the articles; date_note names the reference).",
    )
    date_inferred = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="Older form of date_basis: true means inferred, false stated. Give one or the other.",
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
                "help_text": "ISO date; for a window, its earliest bound. With month or year precision any day "
                "of the period may be given: it is stored as the first day of the month (or year)."
            },
            "start_latest": {
                "help_text": "For a start known only to lie between two bounds: the latest bound (ISO date, same "
                "precision). Leave empty for a known date or a span with an end."
            },
        }

    def validate(self, attrs):
        """`date_inferred` is the older spelling of `date_basis`: one or the other, not two that disagree."""
        if "date_inferred" in attrs:
            basis = DateBasis.INFERRED if attrs.pop("date_inferred") else DateBasis.STATED
            if attrs.get("date_basis", basis) != basis:
                raise serializers.ValidationError({"date_inferred": ["Disagrees with date_basis: give only one."]})
            attrs["date_basis"] = basis
        return attrs


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
            "start_latest",
            "end_date",
            "date_precision",
            "date_basis",
            "date_inferred",
            "date_note",
            "round_number",
            "status",
            "format",
            "summary",
            "outcome",
            "inference_note",
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
            "start_latest",
            "end_date",
            "date_precision",
            "date_basis",
            "date_inferred",
            "date_note",
            "venue",
            "place",
            "process",
            "people",
            "delegations",
            "resolutions",
            "summary",
            "inference_note",
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
            "start_latest",
            "end_date",
            "date_precision",
            "date_basis",
            "date_inferred",
            "date_note",
            "adopted_by",
            "vote",
            "calls_for",
            "inference_note",
            "citations",
        ]
