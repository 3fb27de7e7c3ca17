from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("envoys/<slug:slug>/", views.EnvoyDetailView.as_view(), name="envoy-detail"),
    path("delegations/<slug:slug>/", views.DelegationDetailView.as_view(), name="delegation-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
]
