from django.views.generic import DetailView, TemplateView

from actors.models import Delegation, Envoy, Person
from sources.models import Figure, Source

from .models import Milestone, Process, Resolution, TalkRound, Venue


class TimelineView(TemplateView):
    """Until the timeline page lands: a plain index of what is loaded."""

    template_name = "talks/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rounds=TalkRound.objects.real().select_related("venue", "process"),
            milestones=Milestone.objects.real(),
            resolutions=Resolution.objects.all(),
            counts={
                model._meta.verbose_name_plural: model.objects.count()
                for model in (
                    Source,
                    TalkRound,
                    Milestone,
                    Resolution,
                    Process,
                    Venue,
                    Envoy,
                    Delegation,
                    Person,
                    Figure,
                )
            },
            **kwargs,
        )


class RoundDetailView(DetailView):
    queryset = TalkRound.objects.for_detail()
    template_name = "detail.html"


class MilestoneDetailView(DetailView):
    queryset = Milestone.objects.for_timeline()
    template_name = "detail.html"


class ResolutionDetailView(DetailView):
    model = Resolution
    template_name = "detail.html"


class VenueDetailView(DetailView):
    model = Venue
    template_name = "detail.html"


class ProcessDetailView(DetailView):
    model = Process
    template_name = "detail.html"
