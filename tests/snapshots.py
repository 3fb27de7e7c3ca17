"""Every row the timeline keeps, to compare the database before and after something that must not change it."""

from django.apps import apps

APPS = ("sources", "actors", "talks")


# When a row was written, not what it says: a load made again writes the same rows at another time.
WRITTEN_AT = {"created", "updated", "history_date"}


def every_row(app_labels=APPS):
    """Each model's rows (and each many-to-many table's), every field but when it was written, by primary key."""
    rows = {}
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            fields = [field.attname for field in model._meta.concrete_fields if field.attname not in WRITTEN_AT]
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                rows[through._meta.label] = list(through.objects.order_by("pk").values_list())
    return rows
