"""The admin's side of the history: a required reason on every edit form, and the record's history view."""

from django import forms
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from .history import REASON_MAX_LENGTH, clean_reason, recorded

# A deletion is confirmed on the admin's own page, which has no form to give a reason in.
DELETED_IN_ADMIN = "Deleted in the admin"


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        max_length=REASON_MAX_LENGTH,
        help_text="Required: why you make this change, in a few words. The record's history keeps it.",
    )

    def clean_change_reason(self):
        try:
            return clean_reason(self.cleaned_data["change_reason"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


class RecordedAdmin(SimpleHistoryAdmin):
    """Every save of the form, its inlines and its many-to-many relations included, is recorded with the
    form's reason; `save_record` is the write itself (a service, where the record has one)."""

    form = ReasonForm

    def save_record(self, obj):
        obj.save()

    def save_model(self, request, obj, form, change):
        with recorded(form.cleaned_data["change_reason"]):
            self.save_record(obj)

    def save_related(self, request, form, formsets, change):
        with recorded(form.cleaned_data["change_reason"]):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with recorded(DELETED_IN_ADMIN):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with recorded(DELETED_IN_ADMIN):
            super().delete_queryset(request, queryset)
