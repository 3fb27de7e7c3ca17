"""The API's documentation pages: served with nothing from another host, under the site's CSP."""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class LocalSwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


class LocalRedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
