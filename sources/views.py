from django.views.generic import DetailView, ListView

from .models import Figure, Source


class SourceDetailView(DetailView):
    model = Source
    template_name = "detail.html"


class FigureListView(ListView):
    queryset = Figure.objects.with_citations()
    template_name = "detail.html"
