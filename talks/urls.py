from django.urls import path

from . import feeds, views

app_name = "talks"

urlpatterns = [
    path("", views.TimelineView.as_view(), name="timeline"),
    path("changes/", views.ChangesView.as_view(), name="changes"),
    path("changes/feed/", feeds.ChangesFeed(), name="changes-feed"),
    path("feed/", feeds.TimelineFeed(), name="timeline-feed"),
    path("rounds/<slug:slug>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("milestones/<slug:slug>/", views.MilestoneDetailView.as_view(), name="milestone-detail"),
    path("resolutions/<slug:slug>/", views.ResolutionDetailView.as_view(), name="resolution-detail"),
    path("venues/<slug:slug>/", views.VenueDetailView.as_view(), name="venue-detail"),
    path("processes/<slug:slug>/", views.ProcessDetailView.as_view(), name="process-detail"),
]
