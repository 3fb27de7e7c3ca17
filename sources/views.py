import datetime

from django.views.generic import DetailView, ListView

from toolkit.citing import CiteThisMixin
from toolkit.exports import ExportLinksMixin, RecordExports, api_exports
from toolkit.index import IndexView
from toolkit.linked_data import json_ld, site_url, thing

from .history import HistoryMixin
from .models import Figure, FigureMeasure, Source

# The order in which the source page lists the records that cite it.
CITING_ORDER = [
    "talkround",
    "rounddelegation",
    "milestone",
    "resolution",
    "process",
    "venue",
    "envoy",
    "person",
    "role",
    "delegation",
    "figure",
]


class SourceDetailView(HistoryMixin, CiteThisMixin, RecordExports, DetailView):
    api_name = "api:source-detail"
    noun = "article"
    queryset = Source.objects.published().for_page()
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_context_data(self, **kwargs):
        source = self.object
        citations = list(source.citations.all())

        def reading_order(citation):
            subject = citation.subject
            kind = subject._meta.model_name if subject is not None else ""
            rank = CITING_ORDER.index(kind) if kind in CITING_ORDER else len(CITING_ORDER)
            return (rank, citation.object_id, source.text.find(citation.quote), citation.pk)

        publication = source.publication
        document = json_ld(
            "NewsArticle",
            headline=source.title if source.headline_printed else None,
            name=source.title,
            author=thing("Person", name=source.author) if source.author else None,
            publisher=thing("Organization", name=source.publisher) if source.publisher else None,
            datePublished=publication.iso_start,
            url=site_url(self.request, source),
            articleBody=source.text,
        )
        return super().get_context_data(
            citations=citations,
            citing=sorted((c for c in citations if c.subject is not None), key=reading_order),
            json_ld=document,
            **kwargs,
        )


class FigureListView(ExportLinksMixin, ListView):
    """What the sources say: every reported figure, grouped by what it counts, each beside its source."""

    queryset = Figure.objects.with_citations()
    template_name = "sources/figure_list.html"
    context_object_name = "figures"

    def export_groups(self):
        return [api_exports("api:figure-list")]

    def get_context_data(self, **kwargs):
        measures = list(FigureMeasure.values)
        figures = sorted(
            self.object_list,
            key=lambda f: (measures.index(f.measure), f.as_of or datetime.date.min, f.slug),
        )
        document = json_ld(
            "Dataset",
            name="What the sources say: figures reported in the articles",
            description="Every number the articles report, with what it counts, its as-of date and its source.",
            url=self.request.build_absolute_uri(),
            variableMeasured=[
                label for value, label in FigureMeasure.choices if any(f.measure == value for f in figures)
            ],
        )
        return super().get_context_data(
            figures=figures,
            death_tolls=[f for f in figures if f.measure == FigureMeasure.DEATH_TOLL],
            json_ld=document,
            **kwargs,
        )


class SourceListView(IndexView):
    api_list = "api:source-list"
    model = Source
    label = "title"
    details = [("Publisher", "publisher"), ("Published", "published")]
    ordering = ["published", "slug"]
    detail_url = "sources:source-detail"
    heading = "Sources"
    lede = "The articles every fact on this site is cited from, with how many quotes each gives."
    item_type = "NewsArticle"
    counts = [("Quotes cited", "citations")]

    def records(self):
        return Source.objects.published()  # a draft under review is listed nowhere public
