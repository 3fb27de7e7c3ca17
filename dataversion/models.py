from django.db import models


class DataVersion(models.Model):
    """The version of everything the site shows: one row (pk 1), bumped by every write (dataversion.services)."""

    number = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="dataversion_one_row")]

    def __str__(self):
        return f"Data version {self.number} ({self.changed:%Y-%m-%d %H:%M:%S})"
