from django.urls import path

from config.urls import urlpatterns as site

from . import floor

urlpatterns = [
    path("bench/floor/rounds/", floor.rounds, name="floor-rounds"),
    path("bench/floor/rounds/<slug:slug>/", floor.round_detail, name="floor-round-detail"),
    *site,
]
