from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from .models import Release
from .package import TABLES
from .services import releases_dir


class ReleaseListView(ListView):
    queryset = Release.objects.order_by("-made_at", "-id")
    context_object_name = "releases"
    template_name = "dataset/release_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each release's rows per table in the package's order (jsonb keeps a mapping's keys in its own).
        for release in context["releases"]:
            release.table_rows = [(t.name, release.counts[t.name]) for t in TABLES if t.name in release.counts]
        return context


def release_file(request, version, name):
    """A release's zip or one file of its package. Only the names the release recorded are served: a path
    made up in the address (`..`, an absolute path, anything else) is a 404 before the disk is touched."""
    release = get_object_or_404(Release, version=version)
    folder = releases_dir() / release.version
    if name == release.zip_name:
        path = folder / release.zip_name
    elif name in release.files:
        path = folder / release.name / name
    else:
        raise Http404("No such file in this release.")
    if not path.is_file():
        raise Http404("This release's files are missing on the server.")
    return FileResponse(path.open("rb"), as_attachment=name == release.zip_name, filename=path.name)
