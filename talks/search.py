"""Text search over the timeline: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import FloatField, Q
from django.db.models.functions import Cast

SEARCH_CONFIG = "english"


def search_vector():
    # The same expression as the GIN index created in the migration, so PostgreSQL can use it.
    return SearchVector("search_text", config=SEARCH_CONFIG)


def _query(text):
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def search(queryset, text):
    """Rows whose title, summary, outcome or quotes match every word of `text`, in their own order."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        # alias, not annotate: the vector is for the WHERE clause only, not a column to send back per row.
        return queryset.alias(search=search_vector()).filter(search=_query(text))
    condition = Q()
    for word in text.split():
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)


def by_relevance(queryset, text):
    """Most relevant first, on PostgreSQL. Ranking scores every match, so it is asked for, not the default."""
    text = " ".join(text.split())
    if connection.vendor != "postgresql" or not text:
        return queryset
    # ts_rank is a float4, which does not survive the trip into a cursor and back; its float8 does.
    relevance = Cast(SearchRank(search_vector(), _query(text)), FloatField())
    return queryset.annotate(relevance=relevance).order_by("-relevance", "pk")
