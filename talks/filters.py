"""One FilterSet per timeline resource, all answering to the same parameter names.

The HTML timeline and the API use these classes, so `/?venue=geneva` and `/api/rounds/?venue=geneva`
mean the same. A parameter that does not apply to a resource (an envoy for a resolution, say) leaves
none of it: `/?venue=vienna` shows what happened in Vienna, and resolutions happen nowhere.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from actors.models import Delegation, Envoy
from sources.dates import may_fall_on_or_after, may_fall_on_or_before

from .models import Milestone, Process, Resolution, RoundStatus, TalkRound, Venue
from .search import search

# A timeline item's date, for the date filters: its start (its earliest value, for a window; its end, where only
# the end is known), its precision and a window's latest value.
START = {"date": "sort_date", "precision": "date_precision", "latest": "start_latest"}
KIND_CHOICES = [("round", "Talk rounds"), ("resolution", "Resolutions"), ("milestone", "Milestones")]
MAX_Q_LENGTH = 200
MAX_SLUGS = 20


class SlugsField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if value and len(value) > MAX_SLUGS:
            raise ValidationError(f"At most {MAX_SLUGS} values are allowed.", code="too_many")
        return super().clean(value)


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Several slugs, any of which matches. `absent=True` marks a dimension the resource lacks.

    The slugs are resolved to ids once (validating them) and the ids go into the query as constants, so
    the planner can use its statistics. A to-many relation is matched with a correlated EXISTS rather
    than a join: no DISTINCT is needed, a row matching two slugs is not returned twice, and PostgreSQL
    can walk the rows in date order and stop after one page instead of gathering every match first.
    """

    field_class = SlugsField

    def __init__(self, model, *, field_name=None, to_many=False, absent=False, order_by=(), **kwargs):
        self.to_many = to_many
        self.absent = absent
        kwargs.setdefault("help_text", f"{model._meta.verbose_name} slug; repeat for several (any matches)")
        kwargs.setdefault("label", model._meta.verbose_name.capitalize())
        queryset = model.objects.order_by(*order_by) if order_by else model.objects.all()
        super().__init__(field_name=field_name, queryset=queryset, to_field_name="slug", distinct=False, **kwargs)

    def filter(self, qs, value):
        if not value:
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


class NotApplicableFilter(django_filters.MultipleChoiceFilter):
    """A choice the resource does not have (a status for a milestone): any value leaves nothing."""

    def filter(self, qs, value):
        return qs.none() if value else qs


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number: NumberFilter's decimal field would read "2018.5" as a year."""

    field_class = forms.IntegerField


class TimelineFilterSet(django_filters.FilterSet):
    """The parameters every timeline resource answers to."""

    kind_value = None  # "round", "resolution" or "milestone", set by each resource

    date_after = django_filters.DateFilter(
        method="filter_date_after",
        label="From",
        help_text="ISO date; what may have started on or after it (a month counts as all its days, a window too)",
    )
    date_before = django_filters.DateFilter(
        method="filter_date_before",
        label="Until",
        help_text="ISO date; what may have started on or before it (a month counts as all its days, a window too)",
    )
    year = WholeNumberFilter(
        method="filter_year",
        label="Year",
        min_value=1,
        max_value=9999,
        help_text="What may have started in this year",
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=KIND_CHOICES,
        method="filter_kind",
        distinct=False,
        label="Kind",
        help_text="round, resolution or milestone",
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=MAX_Q_LENGTH,
        label="Words",
        help_text="Words in titles, summaries, outcomes and quotes",
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
    status = django_filters.MultipleChoiceFilter(
        choices=RoundStatus.choices, distinct=False, label="Status", help_text="held, planned, adjourned…"
    )

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
    status = NotApplicableFilter(choices=RoundStatus.choices)

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
    status = NotApplicableFilter(choices=RoundStatus.choices)

    class Meta:
        model = Resolution
        fields = []


FILTERSETS = {"round": TalkRoundFilterSet, "resolution": ResolutionFilterSet, "milestone": MilestoneFilterSet}
