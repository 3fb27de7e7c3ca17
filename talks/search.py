"""Text search over the timeline: PostgreSQL full-text search with ranking, a plain fallback elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

SEARCH_CONFIG = "english"


def search_vector():
    # The same expression as the GIN index created in the migration, so PostgreSQL can use it.
    return SearchVector("search_text", config=SEARCH_CONFIG)


def search(queryset, text, *, rank=False):
    """Rows whose title, summary, outcome or quotes match every word of `text`."""
    text = " ".join(text.split())
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        queryset = queryset.annotate(search=search_vector()).filter(search=query)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(search_vector(), query)).order_by("-rank", "pk")
        return queryset
    condition = Q()
    for word in text.split():
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)
