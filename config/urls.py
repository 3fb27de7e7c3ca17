from django.contrib import admin
from django.urls import include, path

from . import api_router

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include((api_router.urlpatterns, "api"), namespace="api")),
    path("", include("talks.urls")),
    path("", include("actors.urls")),
    path("", include("sources.urls")),
]

# JSON on /api/, the site's own pages everywhere else.
handler400 = "config.api.errors.bad_request"
handler403 = "config.api.errors.permission_denied"
handler404 = "config.api.errors.page_not_found"
handler500 = "config.api.errors.server_error"
