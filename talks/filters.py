"""One FilterSet per timeline resource, all answering to the same parameter names.

The HTML timeline and the API use these classes, so `/?venue=geneva` and `/api/rounds/?venue=geneva`
mean the same. A parameter that does not apply to a resource (an envoy for a resolution, say) leaves
none of it: `/?venue=vienna` shows what happened in Vienna, and resolutions happen nowhere.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from actors.models import Delegation, Envoy
from sources.dates import may_fall_on_or_after, may_fall_on_or_before
from sources.querysets import known_on
from toolkit.filters import CharFilter, DateFilter, ModelMultipleChoiceFilter, MultipleChoiceFilter, NumberFilter

from .models import Milestone, Process, Resolution, RoundStatus, TalkRound, Venue
from .search import search

# A timeline item's date, for the date filters: its start (its earliest value, for a window; its end, where only
# the end is known), its precision and a window's latest value.
START = {"date": "sort_date", "precision": "date_precision", "latest": "start_latest"}
KIND_CHOICES = [("round", "Talk rounds"), ("resolution", "Resolutions"), ("milestone", "Milestones")]
MAX_Q_LENGTH = 200
MAX_SLUGS = 20
# Each slug parameter as the API documents it, the same for every kind: a real slug, and what it picks where the
# model's name alone does not say.
SLUG_PARAMETERS = {
    Venue: ("geneva", ""),
    Envoy: ("geir-pedersen", " (a UN envoy: the rounds they convened, the events they took part in)"),
    Process: ("geneva-process", ""),
    Delegation: ("syrian-government-delegation", ""),
    Resolution: ("resolution-2254", " (the resolution and what rests on it)"),
}
# The status parameter, said once for the three kinds: rounds have one, the others leave nothing for any value.
STATUS = {
    "choices": RoundStatus.choices,
    "label": "Status",
    "help_text": "Status of a round; repeat for several.",
    "example": ["held"],
}
ABSENT = (
    " This resource has no such dimension: any value gives an empty list (so that one query string can filter "
    "every kind of the timeline)."
)


class SlugsField(forms.ModelMultipleChoiceField):
    max_items = MAX_SLUGS

    def clean(self, value):
        if value and len(value) > self.max_items:
            raise ValidationError(f"At most {self.max_items} values are allowed.", code="too_many")
        return super().clean(value)


# Said outright: drf-spectacular cannot always follow the field to the slug (a dimension the resource lacks).
@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(ModelMultipleChoiceFilter):
    """Several slugs, any of which matches. `absent=True` marks a dimension the resource lacks. The label, the
    help_text and the example come from the model, so a parameter reads the same for every kind.

    The slugs are resolved to ids once (validating them) and the ids go into the query as constants, so
    the planner can use its statistics. A to-many relation is matched with a correlated EXISTS rather
    than a join: no DISTINCT is needed, a row matching two slugs is not returned twice, and PostgreSQL
    can walk the rows in date order and stop after one page instead of gathering every match first.
    """

    field_class = SlugsField

    def __init__(self, model, *, field_name=None, to_many=False, absent=False, order_by=()):
        self.to_many = to_many
        self.absent = absent
        label = model._meta.verbose_name.capitalize()
        example, picks = SLUG_PARAMETERS[model]
        help_text = (
            f"{label} slug{picks}; repeat the parameter for several (any matches). An unknown slug is a 400 naming it."
        )
        queryset = model.objects.order_by(*order_by) if order_by else model.objects.all()
        super().__init__(
            field_name=field_name,
            queryset=queryset,
            to_field_name="slug",
            distinct=False,
            label=label,
            help_text=help_text + (ABSENT if absent else ""),
            example=[example],
        )

    def filter(self, qs, value):
        # No slug given is `queryset.none()`, and asking that whether it is empty compiles a query (0.1 ms, for
        # each of the fifteen slug filters a timeline page binds).
        if value is None or (isinstance(value, QuerySet) and value.query.is_empty()) or not value:
            return qs
        if self.absent:
            return qs.none()
        ids = [obj.pk for obj in value]
        if self.to_many:
            return qs.filter(Exists(self.through_rows(qs.model, ids)))
        return qs.filter(**{f"{self.field_name}__in": ids})

    def through_rows(self, model, ids):
        """The many-to-many table's rows linking the outer row to any of `ids` (`people__envoy` goes on a hop)."""
        name, _, rest = self.field_name.partition("__")
        field = model._meta.get_field(name)
        through, target = field.remote_field.through, field.m2m_reverse_field_name()
        lookup = f"{target}__{rest}__in" if rest else f"{target}_id__in"
        return through.objects.filter(**{f"{field.m2m_field_name()}_id": OuterRef("pk"), lookup: ids})


class NotApplicableFilter(MultipleChoiceFilter):
    """A choice the resource does not have (a status for a milestone): any value leaves nothing."""

    def __init__(self, *, help_text, **kwargs):
        super().__init__(help_text=help_text + ABSENT, **kwargs)

    def filter(self, qs, value):
        return qs.none() if value else qs


@extend_schema_field(OpenApiTypes.INT)  # drf-spectacular would guess a (decimal) number
class WholeNumberFilter(NumberFilter):
    """A whole number: NumberFilter's decimal field would read "2018.5" as a year."""

    field_class = forms.IntegerField


class TimelineFilterSet(django_filters.FilterSet):
    """The parameters every timeline resource answers to."""

    kind_value = None  # "round", "resolution" or "milestone", set by each resource

    date_after = DateFilter(
        method="filter_date_after",
        label="From",
        help_text="ISO date (YYYY-MM-DD): what may have started on or after it. A date known to the month counts as "
        "every day of that month, a window as every day between its bounds. A malformed date is a 400 naming this "
        "parameter.",
        example="2017-01-01",
    )
    date_before = DateFilter(
        method="filter_date_before",
        label="Until",
        help_text="ISO date (YYYY-MM-DD): what may have started on or before it (by the earliest possible start). A "
        "malformed date is a 400 naming this parameter.",
        example="2017-12-31",
    )
    year = WholeNumberFilter(
        method="filter_year",
        label="Year",
        min_value=1,
        max_value=9999,
        help_text="What may have started in this year; a window overlapping it counts.",
        example=2018,
    )
    kind = MultipleChoiceFilter(
        choices=KIND_CHOICES,
        method="filter_kind",
        distinct=False,
        label="Kind",
        help_text="Which kinds of the timeline to keep; repeat for several.",
        example=["round"],
    )
    as_of = DateFilter(
        method="filter_as_of",
        label="As known on",
        help_text="ISO date (YYYY-MM-DD): the timeline as the sources published on or before that day report it. A "
        "record none of whose sources had then been published is left out, and so is each citation of a later "
        "source; a fact (a summary, an outcome, a round's status) that only later sources support is left out, and "
        "a round reported held only later, that may not yet have begun that day, shows as planned. A source known "
        "only to the month (or to a window of days) counts from the month's last day (the window's last day). A "
        "malformed date is a 400 naming this parameter.",
        example="2018-01-27",
    )
    q = CharFilter(
        method="filter_q",
        max_length=MAX_Q_LENGTH,
        label="Words",
        help_text="Words in titles, summaries, outcomes and quotes. PostgreSQL full-text search (web-search syntax: "
        "quotes, OR, -word), in date order unless `ordering=relevance`; on SQLite every word must appear.",
        example="constitution",
    )

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(may_fall_on_or_after(value, **START))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(may_fall_on_or_before(value, date="sort_date"))

    def filter_year(self, queryset, name, value):
        # Ranges rather than __year, so the timeline's index serves them.
        year = int(value)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return queryset.filter(may_fall_on_or_after(first, **START), may_fall_on_or_before(last, date="sort_date"))

    def filter_as_of(self, queryset, name, value):
        return known_on(queryset, value)

    def filter_kind(self, queryset, name, value):
        return queryset if not value or self.kind_value in value else queryset.none()

    def filter_q(self, queryset, name, value):
        return search(queryset, value)


class TalkRoundFilterSet(TimelineFilterSet):
    kind_value = "round"

    venue = SlugsFilter(Venue, field_name="venue")
    envoy = SlugsFilter(Envoy, field_name="envoys", to_many=True)
    process = SlugsFilter(Process, field_name="process")
    delegation = SlugsFilter(Delegation, field_name="delegations", to_many=True)
    resolution = SlugsFilter(Resolution, field_name="resolutions", to_many=True, order_by=["name"])
    status = MultipleChoiceFilter(distinct=False, **STATUS)

    class Meta:
        model = TalkRound
        fields = []


class MilestoneFilterSet(TimelineFilterSet):
    kind_value = "milestone"

    venue = SlugsFilter(Venue, field_name="venue")
    envoy = SlugsFilter(Envoy, field_name="people__envoy", to_many=True)
    process = SlugsFilter(Process, field_name="process")
    delegation = SlugsFilter(Delegation, field_name="delegations", to_many=True)
    resolution = SlugsFilter(Resolution, field_name="resolutions", to_many=True)
    status = NotApplicableFilter(**STATUS)

    class Meta:
        model = Milestone
        fields = []


class ResolutionFilterSet(TimelineFilterSet):
    kind_value = "resolution"

    venue = SlugsFilter(Venue, absent=True)
    envoy = SlugsFilter(Envoy, absent=True)
    process = SlugsFilter(Process, absent=True)
    delegation = SlugsFilter(Delegation, absent=True)
    resolution = SlugsFilter(Resolution, field_name="pk")
    status = NotApplicableFilter(**STATUS)

    class Meta:
        model = Resolution
        fields = []


FILTERSETS = {"round": TalkRoundFilterSet, "resolution": ResolutionFilterSet, "milestone": MilestoneFilterSet}


def as_of_day(params):
    """The `as_of` day asked for, read as the FilterSets read it; None when absent or malformed (the FilterSet
    then reports it, as a 400 or a notice)."""
    try:
        return TimelineFilterSet.base_filters["as_of"].field.clean(params.get("as_of"))
    except ValidationError:
        return None
