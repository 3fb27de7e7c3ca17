"""Index pages (/venues/, /people/, /sources/ …): every record of one kind, how much of the timeline each holds,
and links to its page and to the timeline filtered by it.

One query whatever the size: each count is a correlated subquery that the counted column's index serves.
The rows are cached under the data version (`request.data_version`, set by the HTTP caching middleware),
so a write shows at once and the counts are not taken again until then.
"""

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import TemplateView

from .cache import data_version_key
from .exports import api_exports
from .linked_data import json_ld, thing

INDEX_CACHE_SECONDS = 60 * 60


def count_of(model, relation):
    """How many rows `relation` (a reverse foreign key or a many-to-many) links to each record of `model`: a
    correlated count of the linking table's rows, which the linking column's index serves."""
    field = model._meta.get_field(relation)
    if field.many_to_many:
        through = field.through if hasattr(field, "through") else field.remote_field.through
        rows, column = through, next(f.name for f in through._meta.fields if f.related_model is model)
    else:
        rows, column = field.related_model, field.field.name
    counted = rows._base_manager.filter(**{column: OuterRef("pk")}).order_by().values(column)
    counted = counted.annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class IndexView(TemplateView):
    template_name = "index.html"
    model = None
    label = "name"  # the field that names a record
    details = ()  # (heading, field) shown beside the name
    ordering = None  # by the label unless said
    detail_url = ""  # the URL name of a record's page
    timeline_filter = ""  # the timeline's parameter for this kind, if it has one
    heading = ""
    lede = ""
    item_type = "Thing"  # each record's schema.org type
    api_list = ""  # the URL name of the same list in the API
    api_extra = ()  # other exports of it: Export(...)
    counts = ()  # (heading, relation) of each count shown: ("Rounds", "rounds")

    def records(self):
        """The records listed: all of them, unless a kind keeps some from the public."""
        return self.model.objects.all()

    def rows(self):
        counts = {f"count_{i}": count_of(self.model, relation) for i, (_, relation) in enumerate(self.counts)}
        names = list(counts)
        fields = ["slug", self.label, *(field for _, field in self.details)]
        queryset = self.records().order_by(*(self.ordering or [self.label, "slug"]))
        queryset = queryset.annotate(**counts)
        timeline = reverse("talks:timeline")
        return [
            {
                "label": row[self.label],
                "url": reverse(self.detail_url, kwargs={"slug": row["slug"]}),
                "details": [row[field] for _, field in self.details],
                "counts": [row[name] for name in names],
                "timeline": f"{timeline}?{self.timeline_filter}={row['slug']}" if self.timeline_filter else "",
            }
            for row in queryset.values(*fields, *names)
        ]

    def cached_rows(self):
        version_key = data_version_key(self.request)
        if version_key is None:
            return self.rows()
        return cache.get_or_set(f"index:{version_key}:{self.request.path}", self.rows, INDEX_CACHE_SECONDS)

    def get_context_data(self, **kwargs):
        rows = self.cached_rows()
        document = json_ld(
            "ItemList",
            name=self.heading,
            url=self.request.build_absolute_uri(),
            numberOfItems=len(rows),
            itemListElement=[
                thing(
                    "ListItem",
                    position=position,
                    item=thing(self.item_type, name=row["label"], url=self.request.build_absolute_uri(row["url"])),
                )
                for position, row in enumerate(rows, start=1)
            ],
        )
        return super().get_context_data(
            heading=self.heading,
            lede=self.lede,
            columns=[heading for heading, _ in [*self.details, *self.counts]],
            rows=rows,
            json_ld=document,
            exports=[api_exports(self.api_list, extra=self.api_extra)],
            **kwargs,
        )
