"""Record history: who changed what, when and why, kept by django-simple-history.

Every write names its reason. The services, the loader and the admin run their writes inside
`recorded(reason)`; every historical row made inside (a record saved, a citation created or deleted by
`citations_sync`, a many-to-many set, a cascade) carries that reason. simple-history reads a reason from
`get_change_reason_for_object`, which it documents as the hook "to automatically fill change reason from
context": `RecordedHistory` answers from the block's reason, so no write path has to tag each object.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from simple_history.models import HistoricalRecords

REASON_MAX_LENGTH = 100
# The API's writes say why in this header (UTF-8).
REASON_HEADER = "X-Change-Reason"
NO_REASON = "Say in a few words why this change is made."
TOO_LONG = f"A reason is at most {REASON_MAX_LENGTH} characters."
# Fields kept out of every history: generated columns and the search column (a copy of other fields).
UNTRACKED = ["sort_date", "date_rank", "search_text"]

_reason = contextvars.ContextVar("change_reason", default=None)


def clean_reason(reason):
    """A reason as given, trimmed; missing, blank or too long is a ValidationError saying so."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(NO_REASON)
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(TOO_LONG)
    return reason


@contextmanager
def recorded(reason):
    """Every historical row made inside the block gives `reason` (an inner block's own reason wins)."""
    token = _reason.set(clean_reason(reason))
    try:
        yield
    finally:
        _reason.reset(token)


def current_reason():
    return _reason.get()


def unrecorded():
    """A block that adds no history: a restore writes the history back as it was. (loaddata's raw saves add
    none; the many-to-many sets it makes would.) simple-history's own switch, SIMPLE_HISTORY_ENABLED."""
    return override_settings(SIMPLE_HISTORY_ENABLED=False)


class RecordedHistory(HistoricalRecords):
    """HistoricalRecords whose rows take the reason of the `recorded` block they are made in."""

    def finalize(self, sender, **kwargs):
        if sender is self.cls:
            # Only the untracked fields this model has: a historical row rebuilds its record from the rest.
            names = {field.name for field in sender._meta.local_fields}
            self.excluded_fields = [name for name in self.excluded_fields if name in names]
        super().finalize(sender, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or current_reason()


def recorded_history(*, m2m_fields=()):
    """The history a fact-bearing model keeps: every column but the untracked ones, and its own
    many-to-many relations (a change to one of them is a row too, with the set as it then stood)."""
    return RecordedHistory(excluded_fields=UNTRACKED, m2m_fields=list(m2m_fields))


# Reading a history -----------------------------------------------------------------------------------------

KIND_OF_CHANGE = {"+": "created", "~": "changed", "-": "deleted"}
# Kept in every row, but not a change worth showing: they change with every save.
NOT_SHOWN = {"created", "updated"}


@dataclass
class FieldChange:
    name: str
    old: object
    new: object


@dataclass
class Change:
    """One historical row, with what it changed against the row before it of the same record."""

    row: object
    changes: list = field(default_factory=list)

    @property
    def action(self):
        return KIND_OF_CHANGE[self.row.history_type]

    @property
    def when(self):
        return self.row.history_date

    @property
    def reason(self):
        return self.row.history_change_reason or ""

    @property
    def record(self):
        return self.row.instance_type._meta.verbose_name

    @property
    def relations(self):
        """The many-to-many relations a change without a field change may have been to."""
        if self.row.history_type != "~" or self.changes:
            return []
        fields = sorted(self.row._history_m2m_fields, key=lambda field: field.creation_counter)  # a set: in model order
        return [field.verbose_name for field in fields]


def with_changes(rows):
    """Historical rows (of one or more records, in any order) → Changes, newest first, each with its field
    changes against the previous row of its record. Compared in memory: no query per row."""
    rows = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    last, changes = {}, []
    for row in rows:
        key = (type(row), row.id)
        previous = last.get(key)
        found = []
        if previous is not None and row.history_type == "~":
            for model_field in row.tracked_fields:
                if model_field.name in NOT_SHOWN:
                    continue
                old, new = getattr(previous, model_field.attname), getattr(row, model_field.attname)
                if old != new:
                    found.append(FieldChange(model_field.verbose_name, old, new))
        last[key] = row
        changes.append(Change(row, found))
    changes.reverse()
    return changes
