"""The shared FilterSets of talks/filters.py, plus what only the API offers: a choice of order.

The parameters mean what they mean on the HTML timeline. The default order is chronological, with
or without `q`; `ordering=relevance` puts the best matches of `q` first (ranked full-text search on
PostgreSQL), at the price of scoring every match.
"""

from actors.api.filters import NameFilterSet
from talks.filters import MilestoneFilterSet, ResolutionFilterSet, TalkRoundFilterSet
from talks.models import Process, Venue
from talks.search import by_relevance
from toolkit.filters import CharFilter, ChoiceFilter


class OrderingFilter(ChoiceFilter):
    def __init__(self, *, title_field="title", **kwargs):
        self.orders = {
            "start_date": ["sort_date", "date_rank"],
            "-start_date": ["-sort_date", "-date_rank"],
            "title": [title_field],
            "-title": [f"-{title_field}"],
        }
        choices = [
            ("start_date", "chronological (the default)"),
            ("-start_date", "latest first"),
            ("title", "by title"),
            ("-title", "by title, reversed"),
            ("relevance", "with `q`: the best matches first"),
        ]
        super().__init__(choices=choices, help_text="Order of the list.", example="-start_date", **kwargs)

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
    country = CharFilter(
        field_name="country", lookup_expr="iexact", help_text="Country, in full, any case.", example="Switzerland"
    )

    class Meta:
        model = Venue
        fields = []


class ProcessFilterSet(NameFilterSet):
    class Meta:
        model = Process
        fields = []
