"""The shared FilterSets of talks/filters.py, plus what only the API offers: a choice of order.

The parameters mean what they mean on the HTML timeline. The default order is chronological, with
or without `q`; `ordering=relevance` puts the best matches of `q` first (ranked full-text search on
PostgreSQL), at the price of scoring every match.
"""

import django_filters

from actors.api.filters import NameFilterSet
from talks.filters import MilestoneFilterSet, ResolutionFilterSet, TalkRoundFilterSet
from talks.models import Process, Venue
from talks.search import by_relevance

ORDERING_HELP = (
    "start_date (the default: chronological), -start_date (latest first), title, -title, or relevance "
    "(with q: the best matches first)"
)


class OrderingFilter(django_filters.ChoiceFilter):
    def __init__(self, *, title_field="title", **kwargs):
        self.orders = {
            "start_date": ["sort_date", "date_rank"],
            "-start_date": ["-sort_date", "-date_rank"],
            "title": [title_field],
            "-title": [f"-{title_field}"],
        }
        choices = [(name, name) for name in [*self.orders, "relevance"]]
        super().__init__(choices=choices, help_text=ORDERING_HELP, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if value == "relevance":
            return by_relevance(qs, self.parent.form.cleaned_data.get("q") or "")
        return qs.order_by(*self.orders[value])


class RoundApiFilterSet(TalkRoundFilterSet):
    ordering = OrderingFilter()


class MilestoneApiFilterSet(MilestoneFilterSet):
    ordering = OrderingFilter()


class ResolutionApiFilterSet(ResolutionFilterSet):
    ordering = OrderingFilter(title_field="name")


class VenueFilterSet(NameFilterSet):
    country = django_filters.CharFilter(field_name="country", lookup_expr="iexact", help_text="Country, exactly")

    class Meta:
        model = Venue
        fields = []


class ProcessFilterSet(NameFilterSet):
    class Meta:
        model = Process
        fields = []
