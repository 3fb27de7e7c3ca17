from django.urls import path

from . import views

app_name = "dataset"

urlpatterns = [
    path("releases/", views.ReleaseListView.as_view(), name="release-list"),
    path("releases/<str:version>/<path:name>", views.release_file, name="release-file"),
]
