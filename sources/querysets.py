from django.db import models


class SourceQuerySet(models.QuerySet):
    def real(self):
        return self.filter(is_synthetic=False)


class CitationQuerySet(models.QuerySet):
    def with_source(self):
        return self.select_related("source", "content_type")


class FigureQuerySet(models.QuerySet):
    def with_citations(self):
        return self.prefetch_related("citations__source")
