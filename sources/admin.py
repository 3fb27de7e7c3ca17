from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from toolkit.admin import RecordedAdmin

from .models import Citation, Figure, Source


class CitationInline(GenericTabularInline):
    """Citations edited beside the fact they support; a quote not found verbatim is refused."""

    model = Citation
    extra = 0
    fields = ["source", "quote", "supports", "note"]
    autocomplete_fields = ["source"]


@admin.register(Source)
class SourceAdmin(RecordedAdmin):
    list_display = ["title", "author", "publisher", "published", "published_precision", "published_basis"]
    list_filter = ["published_precision", "published_basis", "headline_printed"]
    search_fields = ["title", "author", "publisher", "text", "slug"]
    prepopulated_fields = {"slug": ["title"]}


class CitationAdmin(RecordedAdmin):
    """Registered by talks/admin.py, which saves through the write services (a citation's quote is in its record's
    search column)."""

    list_display = ["source", "short_quote", "supports", "content_type", "object_id"]
    list_filter = ["source", "content_type", "supports"]
    search_fields = ["quote", "note", "supports"]
    list_select_related = ["source", "content_type"]
    autocomplete_fields = ["source"]

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote[:100]


@admin.register(Figure)
class FigureAdmin(RecordedAdmin):
    list_display = ["measure", "value_text", "value", "qualifier", "unit", "place", "as_of", "as_of_precision"]
    list_filter = ["measure", "qualifier", "as_of_precision", "as_of_basis"]
    search_fields = ["counts", "value_text", "place", "slug"]
    inlines = [CitationInline]
