from django.contrib import admin

from sources.admin import CitationInline

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

DATE_FILTERS = ["date_precision", "date_basis"]


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "convened_by"]
    search_fields = ["name", "short_name", "description", "slug"]
    list_filter = ["convened_by"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "country", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "start_date", "date_precision", "adopted_by"]
    list_filter = ["kind", *DATE_FILTERS]
    search_fields = ["name", "code", "title", "calls_for", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


class RoundDelegationInline(admin.TabularInline):
    model = RoundDelegation
    extra = 0
    autocomplete_fields = ["delegation", "head"]


@admin.register(RoundDelegation)
class RoundDelegationAdmin(admin.ModelAdmin):
    list_display = ["round", "delegation", "head", "role"]
    list_filter = ["role", "delegation"]
    search_fields = ["round__title", "delegation__name", "head__name", "note"]
    list_select_related = ["round", "delegation", "head"]
    autocomplete_fields = ["round", "delegation", "head"]
    inlines = [CitationInline]


@admin.register(TalkRound)
class TalkRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "process", "venue", "start_date", "end_date", "date_precision", "date_basis", "status"]
    list_filter = ["process", "venue", "status", "format", "envoys", *DATE_FILTERS, "is_synthetic"]
    list_select_related = ["process", "venue"]
    search_fields = ["title", "summary", "outcome", "slug", "date_note"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["process", "venue", "envoys", "resolutions"]
    inlines = [RoundDelegationInline, CitationInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "start_date", "date_precision", "date_basis", "venue", "place"]
    list_filter = ["category", "process", *DATE_FILTERS, "is_synthetic"]
    list_select_related = ["venue"]
    search_fields = ["title", "summary", "place", "slug", "date_note"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "process", "people", "delegations", "resolutions"]
    inlines = [CitationInline]
