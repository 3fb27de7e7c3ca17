"""The admin's saves and deletes bump the data version, in the admin's own transaction."""

from toolkit.admin import RecordedAdmin

from .services import data_changed


class VersionedAdmin(RecordedAdmin):
    """Every admin change is recorded with its reason (RecordedAdmin) and bumps the data version: after the
    record and its inlines are saved, or a delete."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        data_changed()
