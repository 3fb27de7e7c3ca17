from django.contrib import admin

from .models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are made by `manage.py release` and never changed: the admin only shows them."""

    list_display = ["version", "made_at", "history_rows", "zip_bytes"]
    search_fields = ["version"]
    readonly_fields = [field.name for field in Release._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
