"""The timeline's search column: a record's own words and its citations' quotes, kept in one indexed column.

`q` then searches one column (a GIN full-text index on PostgreSQL) instead of joining the citations. Every
write that changes those words calls `refresh_search_text`: the loader, the API's and the admin's saves, and
every change to a citation.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from sources.models import Citation

from .models import Milestone, Resolution, TalkRound

SEARCHED_FIELDS = {
    TalkRound: ("title", "summary", "outcome"),
    Milestone: ("title", "summary"),
    Resolution: ("name", "title", "calls_for"),
}


def refresh_search_text(model, *, pks=None):
    """Recompute the search column from the record's own words and its citations' quotes."""
    fields = SEARCHED_FIELDS[model]
    rows = model.objects.all() if pks is None else model.objects.filter(pk__in=pks)
    quotes = defaultdict(list)
    citations = Citation.objects.published().filter(content_type=ContentType.objects.get_for_model(model))
    if pks is not None:
        citations = citations.filter(object_id__in=pks)
    for object_id, quote in citations.order_by("pk").values_list("object_id", "quote"):
        quotes[object_id].append(quote)
    changed = []
    for obj in rows.only("pk", "search_text", *fields):
        text = "\n".join([*(getattr(obj, f) for f in fields), *quotes[obj.pk]])
        if obj.search_text != text:
            obj.search_text = text
            changed.append(obj)
    model.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)


def refresh_record(model, pk):
    """The search column of one record, if its kind has one (a round's, not a venue's)."""
    if model in SEARCHED_FIELDS:
        refresh_search_text(model, pks=[pk])
