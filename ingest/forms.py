"""The admin's forms for adding an article and deciding on a proposal; the services do the writing."""

import json

from django import forms
from django.core.exceptions import ValidationError

from ingest.reading import ingest_arguments
from ingest.services import DATE_FORMS


class AddArticleForm(forms.Form):
    file = forms.FileField(
        required=False, help_text="The article as a .txt file (UTF-8), or a web page saved as .html."
    )
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12}), help_text="Or paste the article's text here."
    )
    published = forms.CharField(
        required=False,
        max_length=10,
        help_text=f"As precise as it is known: {DATE_FORMS}. From a saved page's metadata when left empty.",
    )
    published_latest = forms.CharField(
        required=False, max_length=10, help_text="Only for a date known to lie in a window: its latest."
    )
    title = forms.CharField(required=False, max_length=300, help_text="Default: the page's title, or the first line.")
    author = forms.CharField(required=False, max_length=200)
    publisher = forms.CharField(required=False, max_length=200)

    def clean(self):
        """The article read, and what was left empty taken from the saved page: `ingest_article`'s arguments."""
        data = super().clean()
        upload, text = data.get("file"), data.get("text")
        if upload and text:
            raise ValidationError("Upload a file or paste the text, not both.")
        if not upload and not text:
            raise ValidationError("Upload the article's file or paste its text.")
        try:
            self.arguments = ingest_arguments(
                data=upload.read() if upload else text,
                name=upload.name if upload else "",
                field="file" if upload else "text",
                **{name: data.get(name) for name in ("published", "published_latest", "title", "author", "publisher")},
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name, messages)
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accepted", "Accept"), ("rejected", "Reject")])
    record = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="The record as it will be written, in the fixtures' format (JSON).",
    )

    def clean_record(self):
        raw = self.cleaned_data.get("record", "").strip()
        if not raw:
            return None
        try:
            value = json.loads(raw)
        except ValueError as error:
            raise ValidationError(f"These fields are not valid JSON: {error}.") from error
        if not isinstance(value, dict):
            raise ValidationError('The fields are one JSON object: {"slug": …, …}.')
        return value
