"""The chooser: one filter's choices found by name, for a filter with more choices than its drop-down lists
(forms.SHOWN_OPTIONS). A server-side search, no JavaScript: each choice found links to the timeline with that value
added to the filters in use.

A search is one query whatever the size: the records whose name contains the words (`icontains`), in name order,
at most MAX_FOUND of them (one more is read, to tell that there are more). The names are not indexed: a
substring search cannot walk a B-tree index, and the lists are hundreds of rows (PostgreSQL's pg_trgm would
serve one, should they grow to many thousands).
"""

from dataclasses import dataclass

from django import forms

from .filters import MAX_Q_LENGTH

MAX_FOUND = 100


class ChooserForm(forms.Form):
    # As long as the timeline's own words (`q`); a longer one, or one with a NUL, is refused with a message.
    find = forms.CharField(required=False, max_length=MAX_Q_LENGTH, label="Name contains")


@dataclass
class Found:
    value: str  # as the filter takes it: a slug, or a kind's or a status's value
    label: str
    key: object  # as the facet counts are keyed: a record's id, or the value


def find_choices(filter_, words):
    """The first MAX_FOUND choices of `filter_` whose name contains `words` (any case), and whether there are more.
    A slug filter's records come in name order; a fixed set of choices (kind, status) keeps its own order."""
    queryset = getattr(filter_, "queryset", None)
    if queryset is not None:
        rows = queryset.filter(name__icontains=words).order_by("name", "pk").values_list("pk", "slug", "name")
        found = [Found(slug, name, pk) for pk, slug, name in rows[: MAX_FOUND + 1]]
    else:
        folded = words.casefold()
        found = [Found(value, str(label), value) for value, label in filter_.extra["choices"]]
        found = [choice for choice in found if folded in choice.label.casefold()]
    return found[:MAX_FOUND], len(found) > MAX_FOUND
