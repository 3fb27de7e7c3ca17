from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.query import ModelIterable

from .dates import surely_on_or_before

# A citation's publication date: its source's.
PUBLICATION_DATE = {
    "date": "source__published",
    "precision": "source__published_precision",
    "latest": "source__published_latest",
}


def cited(lookup="citations", *, drafts=False, as_of=None):
    """Prefetch a record's citations with their sources in one query, leaving the sources' full text
    behind: a page of fifty rounds would otherwise carry the whole article once per quote.

    Public pages see the quotes of published articles only; `drafts=True` (the exporter's copy of the
    database) sees them all. With `as_of`, only the citations from sources published by then."""
    from .models import Citation

    citations = Citation.objects.all() if drafts else Citation.objects.published()
    citations = citations.select_related("source").defer("source__text")
    return Prefetch(lookup, queryset=citations.published_by(as_of) if as_of else citations)


# The timeline as known on a date ------------------------------------------------------------------------------


def _record_citations(queryset):
    from .models import Citation

    content_type = ContentType.objects.get_for_model(queryset.model)
    return Citation.objects.filter(content_type=content_type, object_id=OuterRef("pk"))


def known_on(queryset, day):
    """The records some source published by `day` supports: at least one citation from such a source."""
    return queryset.filter(Exists(_record_citations(queryset).published_by(day)))


class KnownOnIterable(ModelIterable):
    """Each record as the sources published by the queryset's `as_of` day report it (see `as_known_on`)."""

    day = None  # set on the subclass made for each day: a queryset's clones keep its iterable class

    def __iter__(self):
        day = self.day
        for obj in super().__iter__():
            withheld = {fact for fact in obj.WITHHELD_FACTS if getattr(obj, f"later_only_{fact}")}
            obj.as_known_on(day, withheld)
            yield obj


def as_known_on(queryset, day):
    """The records as the sources published by `day` report them: a fact (in WITHHELD_FACTS) that only later
    sources support, by their citations' `supports`, is left out (`as_known_on` on the model says how). Read
    once per row from two EXISTS each, so a page costs no more queries."""
    if day is None:
        return queryset
    citations = _record_citations(queryset)
    flags = {}
    for fact in queryset.model.WITHHELD_FACTS:
        supporting = citations.filter(supports__icontains=fact)
        flags[f"later_only_{fact}"] = Exists(supporting.published_after(day)) & ~Exists(supporting.published_by(day))
    queryset = queryset.annotate(**flags)
    # The one documented way to change what a queryset yields is its iterable class (as values() does).
    queryset._iterable_class = type("KnownOnIterable", (KnownOnIterable,), {"day": day})
    return queryset


PUBLISHED_STATUS = "published"  # Source.Status.PUBLISHED, which this module cannot import


class SourceQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: every page, API answer, export and count; drafts are for the admin only."""
        return self.filter(status=PUBLISHED_STATUS)

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
        return self.filter(source__status=PUBLISHED_STATUS)

    def published_by(self, day):
        """Citations whose source was certainly published on or before `day` (a window by its latest day)."""
        return self.filter(surely_on_or_before(day, **PUBLICATION_DATE))

    def published_after(self, day):
        return self.exclude(surely_on_or_before(day, **PUBLICATION_DATE))

    def with_source(self):
        return self.select_related("source", "content_type")

    def for_api(self):
        """Citations with their source and the record each supports: one query per kind of record."""
        return self.published().with_source().prefetch_related("subject")


class FigureQuerySet(models.QuerySet):
    def with_citations(self):
        return self.prefetch_related(cited())
