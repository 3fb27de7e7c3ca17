from django.urls import path

from . import feeds, views

app_name = "talks"

urlpatterns = [
    path("venues/", views.VenueListView.as_view(), name="venue-list"),
    path("processes/", views.ProcessListView.as_view(), name="process-list"),
    path("resolutions/", views.ResolutionListView.as_view(), name="resolution-list"),
    path("", views.TimelineView.as_view(), name="timeline"),
    path("cite/", views.CiteDatasetView.as_view(), name="cite"),
    path("embed/", views.EmbedView.as_view(), name="embed"),
    path("choose/<slug:name>/", views.ChooseView.as_view(), name="choose"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", feeds.ChangesFeed(), name="changes-feed"),
    path("feed/", feeds.TimelineFeed(), name="timeline-feed"),
    path("rounds/<slug:slug>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("milestones/<slug:slug>/", views.MilestoneDetailView.as_view(), name="milestone-detail"),
    path("resolutions/<slug:slug>/", views.ResolutionDetailView.as_view(), name="resolution-detail"),
    path("venues/<slug:slug>/", views.VenueDetailView.as_view(), name="venue-detail"),
    path("processes/<slug:slug>/", views.ProcessDetailView.as_view(), name="process-detail"),
]
