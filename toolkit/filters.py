"""django-filter's filters as the apps declare them: each also takes the `example` the API's schema shows.

A parameter is documented once, where it is defined: drf-spectacular reads its type, its choices and its
`help_text` from the filter, and toolkit/schema.py adds the example and the bounds the filter enforces. The
HTML forms ignore the example. Last, one filter of our own that several apps use.
"""

import django_filters


class Example:
    """A filter with an example of its value, as a client sends it (a list for a parameter that repeats)."""

    def __init__(self, *args, example, **kwargs):
        self.example = example
        super().__init__(*args, **kwargs)


class CharFilter(Example, django_filters.CharFilter):
    pass


class DateFilter(Example, django_filters.DateFilter):
    pass


class NumberFilter(Example, django_filters.NumberFilter):
    pass


class ChoiceFilter(Example, django_filters.ChoiceFilter):
    pass


class MultipleChoiceFilter(Example, django_filters.MultipleChoiceFilter):
    pass


class ModelMultipleChoiceFilter(Example, django_filters.ModelMultipleChoiceFilter):
    pass


class ContainsFilter(CharFilter):
    """Part of a text field, any case (`?q=gen` finds "Geneva"), at most 200 characters long."""

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="icontains", max_length=200, **kwargs)
