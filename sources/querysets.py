from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Prefetch


def cited(lookup="citations", *, drafts=False):
    """Prefetch a record's citations with their sources in one query, leaving the sources' full text
    behind: a page of fifty rounds would otherwise carry the whole article once per quote.

    Public pages see the quotes of published articles only; `drafts=True` (the exporter's copy of the
    database) sees them all."""
    from .models import Citation

    citations = Citation.objects.all() if drafts else Citation.objects.published()
    return Prefetch(lookup, queryset=citations.select_related("source").defer("source__text"))


PUBLISHED = "published"  # Source.Status.PUBLISHED, which this module cannot import


class SourceQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: every page, API answer, export and count; drafts are for the admin only."""
        return self.filter(status=PUBLISHED)

    def for_page(self):
        """An article's page: every citation of it, with the fact it supports, in a fixed number of queries.

        One query per kind of cited record; the models are looked up by name because their apps import this one.
        """
        role = apps.get_model("actors", "Role")
        round_delegation = apps.get_model("talks", "RoundDelegation")
        return self.prefetch_related(
            GenericPrefetch(
                "citations__subject",
                [role.objects.select_related("person"), round_delegation.objects.select_related("round", "delegation")],
            )
        )


class CitationQuerySet(models.QuerySet):
    def published(self):
        """Quotes from published articles only: a draft's quotes stay out of public pages until it is published."""
        return self.filter(source__status=PUBLISHED)

    def with_source(self):
        return self.select_related("source", "content_type")

    def for_api(self):
        """Citations with their source and the record each supports: one query per kind of record."""
        return self.published().with_source().prefetch_related("subject")


class FigureQuerySet(models.QuerySet):
    def with_citations(self):
        return self.prefetch_related(cited())
