from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

# 2026.1, 2026.1.2: a year-and-number version a citation can carry; nothing that could name a path.
VERSION_PATTERN = r"^[0-9]{4}\.[0-9]{1,3}(\.[0-9]{1,3})?$"
BAD_VERSION = "A version is a year and a number, as 2026.1 (or 2026.1.1)."


class Release(models.Model):
    """The public data as frozen on a day into a Frictionless Data Package: made once, never changed."""

    version = models.CharField(
        max_length=20,
        unique=True,
        validators=[RegexValidator(VERSION_PATTERN, BAD_VERSION)],
        error_messages={"blank": BAD_VERSION},
        help_text=BAD_VERSION,
    )
    made_at = models.DateTimeField(help_text="When the data was frozen.")
    counts = models.JSONField(help_text="Rows per resource (CSV file) of the package.")
    files = models.JSONField(help_text="Every file of the package: its path → bytes and SHA-256.")
    zip_bytes = models.PositiveBigIntegerField()
    zip_sha256 = models.CharField(max_length=64)
    history_rows = models.PositiveBigIntegerField(
        help_text="History rows of every kind when it was made: changes since are the rows added after."
    )

    class Meta:
        ordering = ["-made_at", "-id"]
        get_latest_by = ["made_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(version=""), name="release_version_not_empty"),
        ]

    def __str__(self):
        return self.version

    def save(self, *args, **kwargs):
        # A release is cited by its version: what a version names may never change once made.
        if not self._state.adding:
            raise ValidationError(f"Release {self.version} is made already; a release is never changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dataset:release-list") + f"#release-{self.version}"

    @property
    def name(self):
        """The package's name, its directory's and its zip's."""
        return f"peacetalks-{self.version}"

    @property
    def zip_name(self):
        return f"{self.name}.zip"
