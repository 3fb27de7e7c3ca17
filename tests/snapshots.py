"""Every row the timeline keeps, to compare the database before and after something that must not change it."""

from django.apps import apps

APPS = ("sources", "actors", "talks")


def every_row(app_labels=APPS):
    """Each model's rows (and each many-to-many table's), every field, in primary-key order."""
    rows = {}
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            fields = [field.attname for field in model._meta.concrete_fields]
            rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                rows[through._meta.label] = list(through.objects.order_by("pk").values_list())
    return rows
