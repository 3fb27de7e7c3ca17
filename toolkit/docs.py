"""The API's documentation pages: served with nothing from another host, under the site's CSP."""

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from .viewsets import JSONErrors


class SchemaView(JSONErrors, SpectacularAPIView):
    """The OpenAPI schema, YAML or `?format=json`; an error (an unknown format) is JSON, as everywhere on /api/."""


class LocalSwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


class LocalRedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
