from django.db import models
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear

from sources.querysets import as_known_on, cited


class YearCountsMixin:
    def year_counts(self, *fields):
        """Dated rows per year (and per `fields`): one GROUP BY, whatever the number of rows."""
        return (
            self.filter(sort_date__isnull=False)
            .annotate(year=ExtractYear("sort_date"))
            .values("year", *fields)
            .annotate(count=Count("pk"))
            .order_by("year", *fields)
        )


def _beyond(record, past):
    """Records past `record` in the timeline's order, (date, date rank, id); `past` is "gt" or "lt"."""
    day, rank = record.sort_date, record.date_rank
    if day is None:  # an undated round has no place in the sequence
        return Q(pk__in=[])
    return (
        Q(**{f"sort_date__{past}": day})
        | Q(sort_date=day, **{f"date_rank__{past}": rank})
        | Q(sort_date=day, date_rank=rank, **{f"pk__{past}": record.pk})
    )


class TalkRoundQuerySet(YearCountsMixin, models.QuerySet):
    def held(self):
        return self.filter(status="held")

    def planned(self):
        return self.filter(status="planned")

    def for_timeline(self, *, as_of=None):
        """Everything a timeline entry shows, in a fixed number of queries; with `as_of`, as known on that day."""
        from .models import RoundDelegation

        delegations = RoundDelegation.objects.select_related("delegation", "head")
        rounds = self.select_related("venue", "process").prefetch_related(
            "envoys", Prefetch("round_delegations", queryset=delegations), "resolutions", cited(as_of=as_of)
        )
        return as_known_on(rounds, as_of)

    def for_detail(self):
        return self.for_timeline().prefetch_related(
            cited("round_delegations__citations"), cited("resolutions__citations")
        )

    def for_list(self):
        """What a line in a list of rounds shows: date, title, process, venue, status."""
        return self.select_related("venue", "process")

    def preceding(self, round):
        """Earlier rounds of the same process, the nearest first."""
        return self.filter(_beyond(round, "lt"), process_id=round.process_id).order_by(
            "-sort_date", "-date_rank", "-pk"
        )

    def following(self, round):
        """Later rounds of the same process, the nearest first."""
        return self.filter(_beyond(round, "gt"), process_id=round.process_id).order_by("sort_date", "date_rank", "pk")


class MilestoneQuerySet(YearCountsMixin, models.QuerySet):
    def for_timeline(self, *, as_of=None):
        milestones = self.select_related("venue", "process").prefetch_related(
            "people", "delegations", "resolutions", cited(as_of=as_of)
        )
        return as_known_on(milestones, as_of)


class ResolutionQuerySet(YearCountsMixin, models.QuerySet):
    def for_timeline(self, *, as_of=None):
        return as_known_on(self.prefetch_related(cited(as_of=as_of)), as_of)

    def for_detail(self):
        """A resolution with the rounds and milestones that rest on it, in order."""
        return self.for_timeline().prefetch_related(
            "rounds__venue", "rounds__process", "milestones__venue", "milestones__process"
        )
