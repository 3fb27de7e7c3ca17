from django.db import models


class TalkRoundQuerySet(models.QuerySet):
    def real(self):
        return self.filter(is_synthetic=False)

    def held(self):
        return self.filter(status="held")

    def planned(self):
        return self.filter(status="planned")

    def for_timeline(self):
        """Everything a timeline entry shows, in a fixed number of queries."""
        return self.select_related("venue", "process").prefetch_related(
            "envoys", "round_delegations__delegation", "round_delegations__head", "resolutions", "citations__source"
        )

    def for_detail(self):
        return self.for_timeline().prefetch_related(
            "round_delegations__citations__source", "resolutions__citations__source"
        )


class MilestoneQuerySet(models.QuerySet):
    def real(self):
        return self.filter(is_synthetic=False)

    def for_timeline(self):
        return self.select_related("venue", "process").prefetch_related(
            "people", "delegations", "resolutions", "citations__source"
        )


class ResolutionQuerySet(models.QuerySet):
    def for_timeline(self):
        return self.prefetch_related("citations__source")
