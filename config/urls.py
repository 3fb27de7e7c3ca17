from django.contrib import admin
from django.urls import include, path

from .api_router import router

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include((router.urls, "api"), namespace="api")),
    path("", include("talks.urls")),
    path("", include("actors.urls")),
    path("", include("sources.urls")),
]
