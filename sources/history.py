"""A record's history as its page shows it: its own changes and its citations', newest first, in two queries."""

from django.contrib.contenttypes.models import ContentType

from toolkit.history import with_changes

from .models import Citation, Cited


def record_history(obj):
    rows = list(obj.history.select_related("history_user"))
    if isinstance(obj, Cited):
        content_type = ContentType.objects.get_for_model(obj)  # cached after the first request
        rows += Citation.history.filter(content_type=content_type, object_id=obj.pk).select_related("history_user")
    return with_changes(rows)


class HistoryMixin:
    """A detail view whose page ends with the record's History section (includes/_history.html)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=record_history(self.object), **kwargs)
