"""Where the live data stands against its releases: the newest one, and the changes made since."""

from talks.changes import KINDS

from .models import Release


def latest_release():
    """The newest release, or None before the first: what a citation of the dataset names."""
    return Release.objects.order_by("-made_at", "-id").first()


def history_row_count():
    """Every history row of every kind: what a release records, so that the changes since are a subtraction."""
    return sum(model.history.count() for model in KINDS.values())


def changes_since(release):
    return history_row_count() - release.history_rows
