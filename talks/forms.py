"""The timeline's filter form and its chips, made from the FilterSet: the same filters, labels and choices."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from toolkit.exports import with_query
from toolkit.pagination import CURSOR_PARAM

# The filters the timeline's form and chips show, in their order; their labels and choices are the FilterSet's.
# The multiple-choice ones are drawn as drop-downs, the rest as the form's own inputs.
SHOWN = (
    "q",
    "kind",
    "process",
    "venue",
    "envoy",
    "delegation",
    "resolution",
    "status",
    "year",
    "date_after",
    "date_before",
    "as_of",
)
CHOICES = ("kind", "process", "venue", "envoy", "delegation", "resolution", "status")
# The most choices a drop-down lists, so that the page weighs the same at any size; a filter with more links to
# its chooser (talks/chooser.py), which finds the others by name.
SHOWN_OPTIONS = 12


@dataclass
class FormField:
    """A multiple-choice filter, drawn as one drop-down per chosen value plus one to add another."""

    name: str
    label: str
    options: list
    selected: list
    another: str = ""  # the chooser's address, when the drop-down does not list every choice

    @property
    def noun(self):
        return self.label.lower()

    @property
    def rows(self):
        """One drop-down per chosen value, plus one to add another: (value, its <option> list)."""
        return [(value, self.options_html(value)) for value in ([*self.selected, ""] if self.selected else [""])]

    def options_html(self, selected):
        # Built here rather than in a template loop: a drop-down may list hundreds of venues or delegations.
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, mark_safe(" selected") if value == selected else "", label) for value, label in self.options),
        )


def choices(filter_):
    """A filter's choices, as the FilterSet defines them: a slug filter's records (one query), or its own set."""
    queryset = getattr(filter_, "queryset", None)
    return list(queryset) if queryset is not None else list(filter_.extra["choices"])


def as_options(records):
    return [(obj.slug, str(obj)) if hasattr(obj, "slug") else obj for obj in records]


def form_field(name, label, options, selected, query):
    """A filter's drop-down: `options` are (value, label, count or None) in the FilterSet's order, `selected` the
    known values chosen, `query` the timeline's filters (without the cursor) for the link to the chooser."""
    shown = shown_options(options, selected)
    labelled = [(value, text if count is None else f"{text} ({count:,})") for value, text, count in shown]
    another = chooser_url(name, query) if len(shown) < len(options) else ""
    return FormField(name, label, labelled, selected, another)


def shown_options(options, selected):
    """The options a drop-down lists: all of them when they fit in SHOWN_OPTIONS; otherwise the chosen ones, then
    the others by count, most first (a tie, or no counts at all, in the FilterSet's order), up to SHOWN_OPTIONS.

    `options` are (value, label, count or None) in the FilterSet's order.
    """
    if len(options) <= SHOWN_OPTIONS:
        return options
    by_value = {option[0]: option for option in options}
    chosen = [by_value[value] for value in dict.fromkeys(selected) if value in by_value]
    others = [option for option in options if option[0] not in selected]
    if all(option[2] is not None for option in others):
        others.sort(key=lambda option: -option[2])  # stable: a tie keeps the FilterSet's order
    return chosen + others[: max(SHOWN_OPTIONS - len(chosen), 0)]


def timeline_url(query):
    encoded = query.urlencode() if isinstance(query, QueryDict) else urlencode(query)
    path = reverse("talks:timeline")
    return f"{path}?{encoded}" if encoded else path


def chooser_url(name, query):
    """The chooser of filter `name`, carrying the timeline's filters (a QueryDict, without its cursor)."""
    return with_query(reverse("talks:choose", kwargs={"name": name}), query.urlencode())


def active_filters(params, labels, names):
    """Each filter in use, with the link that drops just that value."""
    filters = params.copy()
    filters.pop(CURSOR_PARAM, None)
    active = []
    for name in SHOWN:
        values = filters.getlist(name)
        for value in values:
            rest = filters.copy()
            rest.setlist(name, [other for other in values if other != value])
            active.append(
                {
                    "name": name,
                    "label": labels[name],
                    "value": names.get(name, {}).get(value, value),
                    "remove": timeline_url(rest),
                }
            )
    return active
