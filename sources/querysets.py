from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Prefetch


def cited(lookup="citations"):
    """Prefetch a record's citations with their sources in one query, leaving the sources' full text
    behind: a page of fifty rounds would otherwise carry the whole article once per quote."""
    from .models import Citation

    return Prefetch(lookup, queryset=Citation.objects.select_related("source").defer("source__text"))


class SourceQuerySet(models.QuerySet):
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
    def with_source(self):
        return self.select_related("source", "content_type")

    def for_api(self):
        """Citations with their source and the record each supports: one query per kind of record."""
        return self.with_source().prefetch_related("subject")


class FigureQuerySet(models.QuerySet):
    def with_citations(self):
        return self.prefetch_related(cited())
