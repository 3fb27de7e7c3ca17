"""The API's one router: every resource registers here, under /api/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
