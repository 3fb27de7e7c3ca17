from django.contrib import admin
from django.urls import include, path

from . import api_router

urlpatterns = [
    path("admin/", admin.site.urls),
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
