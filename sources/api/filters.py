import functools
import operator

import django_filters
from django.db.models import Q

from sources.models import Citation, Figure, FigureMeasure, FigureQualifier, Source

from .serializers import KIND_OF_MODEL, SUBJECTS


class SourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", max_length=200, help_text="Words in the title or the text")

    class Meta:
        model = Source
        fields = []

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(text__icontains=word) | Q(title__icontains=word))
        return queryset


class FigureFilterSet(django_filters.FilterSet):
    measure = django_filters.MultipleChoiceFilter(
        distinct=False,
        field_name="measure",
        lookup_expr="exact",
        choices=FigureMeasure.choices,
        help_text="What is measured",
    )
    qualifier = django_filters.MultipleChoiceFilter(
        distinct=False,
        field_name="qualifier",
        lookup_expr="exact",
        choices=FigureQualifier.choices,
        help_text="How exact it is",
    )

    class Meta:
        model = Figure
        fields = []


class CitationFilterSet(django_filters.FilterSet):
    source = django_filters.ModelMultipleChoiceFilter(
        field_name="source__slug",
        lookup_expr="exact",
        to_field_name="slug",
        queryset=Source.objects.all(),
        help_text="Source slug; repeat for several",
    )
    kind = django_filters.MultipleChoiceFilter(
        method="filter_kind",
        distinct=False,
        choices=[(kind, kind) for kind in SUBJECTS],
        help_text="Kind of record supported",
    )
    q = django_filters.CharFilter(field_name="quote", lookup_expr="icontains", max_length=200, help_text="In the quote")

    class Meta:
        model = Citation
        fields = []

    def filter_kind(self, queryset, name, value):
        if not value:
            return queryset
        kinds = [Q(content_type__app_label=app, content_type__model=model)
                 for (app, model), kind in KIND_OF_MODEL.items() if kind in value]  # fmt: skip
        return queryset.filter(functools.reduce(operator.or_, kinds))
