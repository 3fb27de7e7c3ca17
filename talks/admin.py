from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from dataversion.admin import VersionedAdmin
from sources.admin import CitationAdmin, CitationInline
from sources.models import Citation
from toolkit.admin import DELETED_IN_ADMIN, ReasonForm

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from .search_index import refresh_record
from .services import (
    LAST_CITATION,
    check_dated_record,
    citation_delete,
    citation_is_last,
    citation_save,
    dated_record_save,
)

DATE_FILTERS = ["date_precision", "date_basis"]


class DatedForm(ReasonForm):
    """The timeline's date and numbering rules, on the form's fields, as the API reports them."""

    def _post_clean(self):
        super()._post_clean()
        try:
            check_dated_record(self.instance)
        except ValidationError as error:
            self._update_errors(error)


class DatedAdmin(VersionedAdmin):
    """A round, milestone or resolution saved as the API saves it (talks/services.py): the timeline's rules and
    full_clean() on the record, then, once its relations and citations are saved, its search column."""

    form = DatedForm

    def save_record(self, obj):
        dated_record_save(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_record(type(form.instance), form.instance.pk)


@admin.register(Citation)
class CitationServiceAdmin(CitationAdmin):
    """Citations saved and deleted through the services: verbatim, not cited twice, never a record's last."""

    def save_record(self, obj):
        citation_save(obj)

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, object_id)
        if request.method == "POST" and citation is not None and citation_is_last(citation):
            self.message_user(request, LAST_CITATION, messages.ERROR)
            return redirect(reverse("admin:sources_citation_change", args=[citation.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        citation_delete(citation=obj, reason=DELETED_IN_ADMIN)

    def delete_queryset(self, request, queryset):
        for citation in queryset:
            try:
                citation_delete(citation=citation, reason=DELETED_IN_ADMIN)
            except ValidationError:
                self.message_user(request, f"Kept “{citation}”: {LAST_CITATION}", messages.ERROR)


@admin.register(Process)
class ProcessAdmin(VersionedAdmin):
    list_display = ["name", "short_name", "convened_by"]
    search_fields = ["name", "short_name", "description", "slug"]
    list_filter = ["convened_by"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Venue)
class VenueAdmin(VersionedAdmin):
    list_display = ["name", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "country", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Resolution)
class ResolutionAdmin(DatedAdmin):
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
class RoundDelegationAdmin(VersionedAdmin):
    list_display = ["round", "delegation", "head", "role"]
    list_filter = ["role", "delegation"]
    search_fields = ["round__title", "delegation__name", "head__name", "note"]
    list_select_related = ["round", "delegation", "head"]
    autocomplete_fields = ["round", "delegation", "head"]
    inlines = [CitationInline]


@admin.register(TalkRound)
class TalkRoundAdmin(DatedAdmin):
    list_display = ["title", "process", "venue", "start_date", "end_date", "date_precision", "date_basis", "status"]
    list_filter = ["process", "venue", "status", "format", "envoys", *DATE_FILTERS]
    list_select_related = ["process", "venue"]
    search_fields = ["title", "summary", "outcome", "slug", "date_note"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["process", "venue", "envoys", "resolutions"]
    inlines = [RoundDelegationInline, CitationInline]


@admin.register(Milestone)
class MilestoneAdmin(DatedAdmin):
    list_display = ["title", "category", "start_date", "date_precision", "date_basis", "venue", "place"]
    list_filter = ["category", "process", *DATE_FILTERS]
    list_select_related = ["venue"]
    search_fields = ["title", "summary", "place", "slug", "date_note"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "process", "people", "delegations", "resolutions"]
    inlines = [CitationInline]
