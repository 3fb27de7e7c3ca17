"""The API's one router: every resource registers here, under /api/, with the schema, docs and exports."""

from django.urls import NoReverseMatch, path, reverse
from rest_framework import routers
from rest_framework.response import Response

from actors.api.views import DelegationViewSet, EnvoyViewSet, PersonViewSet
from dataset.status import changes_since, latest_release
from ingest.api.views import DecisionView, IngestView, PublishView
from sources.api.views import CitationViewSet, FigureViewSet, SourceViewSet
from talks.api.views import (
    DatasetCitationView,
    EventsCalendarView,
    EventViewSet,
    MilestoneViewSet,
    ProcessViewSet,
    ResolutionViewSet,
    RoundViewSet,
    TimelineJSView,
    VenuesGeoJSONView,
    VenueViewSet,
)
from toolkit.docs import LocalRedocView, LocalSwaggerView, SchemaView
from toolkit.permissions import ReadOnlyOrStaff

# Beyond the resources, the root lists these (name in the root → URL name).
EXTRAS = {
    "events.ics": "events-ics",
    "timelinejs.json": "timelinejs",
    "venues.geojson": "venues-geojson",
    "cite": "cite",
    "schema": "schema",
    "docs": "docs",
    "redoc": "redoc",
}


class ApiRootView(routers.APIRootView):
    """The Peace Talks Timeline API: every resource, export and the documentation, by link.

    `release` names the data release the live data was last frozen as (null before the first) and how many
    changes (history rows) have been made since: `changes_since` 0 means the live data is that release.

    Anyone may read (anonymous clients are throttled); staff with a token write. Lists take the same
    filters as the web timeline, are paged by cursor, and export as CSV with `?format=csv`.
    """

    permission_classes = [ReadOnlyOrStaff]

    def get(self, request, *args, **kwargs):
        links = super().get(request, *args, **kwargs).data
        namespace = request.resolver_match.namespace
        for key, name in EXTRAS.items():
            try:
                links[key] = request.build_absolute_uri(reverse(f"{namespace}:{name}"))
            except NoReverseMatch:
                continue
        links["release"] = self.release(request)
        return Response(links)

    def release(self, request):
        release = latest_release()
        if release is None:
            return None
        return {
            "version": release.version,
            "made_at": release.made_at,
            "changes_since": changes_since(release),
            "url": request.build_absolute_uri(release.get_absolute_url()),
            "download": request.build_absolute_uri(
                reverse("dataset:release-file", args=[release.version, release.zip_name])
            ),
        }


class Router(routers.DefaultRouter):
    APIRootView = ApiRootView


router = Router()
router.register("rounds", RoundViewSet, basename="round")
router.register("events", EventViewSet, basename="event")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("venues", VenueViewSet, basename="venue")
router.register("processes", ProcessViewSet, basename="process")
router.register("envoys", EnvoyViewSet, basename="envoy")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("people", PersonViewSet, basename="person")
router.register("sources", SourceViewSet, basename="source")
router.register("figures", FigureViewSet, basename="figure")
router.register("citations", CitationViewSet, basename="citation")

# The explicit paths come first: /api/events.ics would otherwise be read as events' list with format "ics".
urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", LocalSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", LocalRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("events.ics", EventsCalendarView.as_view(), name="events-ics"),
    path("timelinejs.json", TimelineJSView.as_view(), name="timelinejs"),
    path("venues.geojson", VenuesGeoJSONView.as_view(), name="venues-geojson"),
    path("cite/", DatasetCitationView.as_view(), name="cite"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("ingest/proposals/<int:id>/", DecisionView.as_view(), name="ingest-decide"),
    path("ingest/batches/<int:id>/publish/", PublishView.as_view(), name="ingest-publish"),
    *router.urls,
]
