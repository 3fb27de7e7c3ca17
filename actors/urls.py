from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("envoys/", views.EnvoyListView.as_view(), name="envoy-list"),
    path("delegations/", views.DelegationListView.as_view(), name="delegation-list"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("envoys/<slug:slug>/", views.EnvoyDetailView.as_view(), name="envoy-detail"),
    path("delegations/<slug:slug>/", views.DelegationDetailView.as_view(), name="delegation-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
]
