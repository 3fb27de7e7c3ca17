"""Where the live data stands against its releases: the newest one, and the changes made since."""

from talks.changes import KINDS

from .models import Release


def latest_release():
    """The newest release, or None before the first: what a citation of the dataset names."""
    return Release.objects.order_by("-made_at", "-id").first()


def history_row_count():
    """Every history row of every kind, as a release records it."""
    return sum(model.history.count() for model in KINDS.values())


def changes_since(release):
    """History rows made after the release: counted on history_date's index, so the cost is the changes
    since, not the whole history."""
    return sum(model.history.filter(history_date__gt=release.made_at).count() for model in KINDS.values())
