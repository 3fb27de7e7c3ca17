from django.contrib import admin

from sources.admin import CitationInline
from toolkit.admin import RecordedAdmin

from .models import Delegation, Envoy, Person, Role


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["delegation"]


@admin.register(Person)
class PersonAdmin(RecordedAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "slug", "aliases", "description"]
    list_filter = ["roles__delegation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline, CitationInline]


@admin.register(Role)
class RoleAdmin(RecordedAdmin):
    list_display = ["person", "title", "delegation"]
    list_filter = ["delegation"]
    search_fields = ["title", "person__name"]
    list_select_related = ["person", "delegation"]
    autocomplete_fields = ["person", "delegation"]
    inlines = [CitationInline]


@admin.register(Delegation)
class DelegationAdmin(RecordedAdmin):
    list_display = ["name", "abbreviation", "side"]
    list_filter = ["side"]
    search_fields = ["name", "abbreviation", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Envoy)
class EnvoyAdmin(RecordedAdmin):
    list_display = ["name", "title"]
    search_fields = ["name", "slug"]
    list_filter = ["title"]
    autocomplete_fields = ["person"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]
