from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from dataversion.admin import VersionedAdmin
from toolkit.admin import ReasonForm

from .models import Citation, Figure, Source


class CitationInline(GenericTabularInline):
    """Citations edited beside the fact they support; a quote not found verbatim is refused."""

    model = Citation
    extra = 0
    fields = ["source", "quote", "supports", "note"]
    autocomplete_fields = ["source"]


class SourceForm(ReasonForm):
    """The text's digest follows the text; a text another source already holds is refused here, by name."""

    class Meta:
        model = Source
        fields = [
            "slug", "title", "headline_printed", "author", "publisher", "publisher_note", "published",
            "published_latest", "published_precision", "published_basis", "published_note", "file_name", "text",
            "status",
        ]  # fmt: skip

    def clean_text(self):
        text = self.cleaned_data["text"]
        same = Source.objects.filter(text_digest=Source.digest_of(text)).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(f"This text is already the text of “{same}” ({same.slug}).")
        self.instance.text_digest = Source.digest_of(text)
        return text


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    form = SourceForm
    list_display = ["title", "status", "author", "publisher", "published", "published_precision", "published_basis"]
    list_filter = ["status", "published_precision", "published_basis", "headline_printed"]
    search_fields = ["title", "author", "publisher", "text", "slug"]
    prepopulated_fields = {"slug": ["title"]}


class CitationAdmin(VersionedAdmin):
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
class FigureAdmin(VersionedAdmin):
    list_display = ["measure", "value_text", "value", "qualifier", "unit", "place", "as_of", "as_of_precision"]
    list_filter = ["measure", "qualifier", "as_of_precision", "as_of_basis"]
    search_fields = ["counts", "value_text", "place", "slug"]
    inlines = [CitationInline]
