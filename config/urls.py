from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from actors.models import Delegation, Envoy, Person
from sources.models import Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue
from toolkit.sitemaps import PagesSitemap, records_sitemap

from . import api_router

SITEMAPS = {
    "pages": PagesSitemap(
        [
            "talks:timeline",
            "sources:figures",
            "talks:process-list",
            "talks:venue-list",
            "actors:envoy-list",
            "actors:delegation-list",
            "actors:person-list",
            "talks:resolution-list",
            "sources:source-list",
        ]
    ),  # fmt: skip
    "rounds": records_sitemap(TalkRound.objects.all()),
    "milestones": records_sitemap(Milestone.objects.all()),
    "resolutions": records_sitemap(Resolution.objects.all()),
    "processes": records_sitemap(Process.objects.all()),
    "venues": records_sitemap(Venue.objects.all()),
    "envoys": records_sitemap(Envoy.objects.all()),
    "delegations": records_sitemap(Delegation.objects.all()),
    "people": records_sitemap(Person.objects.all()),
    "sources": records_sitemap(Source.objects.published().defer("text")),
}

urlpatterns = [
    path("admin/", admin.site.urls),
    # An index of one file per kind, each paged by 50,000 addresses: it stays valid at a million rounds.
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("api/", include((api_router.urlpatterns, "api"), namespace="api")),
    path("", include("talks.urls")),
    path("", include("actors.urls")),
    path("", include("sources.urls")),
    path("", include("dataset.urls")),
]

# JSON on /api/, the site's own pages everywhere else.
handler400 = "toolkit.errors.bad_request"
handler403 = "toolkit.errors.permission_denied"
handler404 = "toolkit.errors.page_not_found"
handler500 = "toolkit.errors.server_error"
