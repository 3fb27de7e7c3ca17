import functools
import operator

import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from sources.models import Citation, Figure, FigureMeasure, FigureQualifier, Source
from toolkit.filters import CharFilter, ContainsFilter, ModelMultipleChoiceFilter, MultipleChoiceFilter

from .serializers import KIND_OF_MODEL, SUBJECTS


class SourceFilterSet(django_filters.FilterSet):
    q = CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Words in the title or the text, each of them, any case.",
        example="Idlib",
    )

    class Meta:
        model = Source
        fields = []

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(text__icontains=word) | Q(title__icontains=word))
        return queryset


class FigureFilterSet(django_filters.FilterSet):
    measure = MultipleChoiceFilter(
        distinct=False,
        field_name="measure",
        lookup_expr="exact",
        choices=FigureMeasure.choices,
        help_text="What is measured; repeat for several.",
        example=["death_toll"],
    )
    qualifier = MultipleChoiceFilter(
        distinct=False,
        field_name="qualifier",
        lookup_expr="exact",
        choices=FigureQualifier.choices,
        help_text="How exact the figure is; repeat for several.",
        example=["more_than"],
    )

    class Meta:
        model = Figure
        fields = []


class CitationFilterSet(django_filters.FilterSet):
    # Its type said outright: drf-spectacular cannot follow "source__slug" with the slug as the field to match.
    source = extend_schema_field(OpenApiTypes.STR)(
        ModelMultipleChoiceFilter(
            field_name="source__slug",
            lookup_expr="exact",
            to_field_name="slug",
            queryset=Source.objects.published(),
            help_text="Source slug; repeat the parameter for several (any matches). An unknown slug is a 400 "
            "naming it.",
            example=["un-sponsored-syria-talks-open-in-vienna"],
        )
    )
    kind = MultipleChoiceFilter(
        method="filter_kind",
        distinct=False,
        choices=[(kind, kind) for kind in SUBJECTS],
        help_text="Kind of record the quote supports; repeat for several.",
        example=["round"],
    )
    q = ContainsFilter("quote", help_text="Part of the quote, any case.", example="ceasefire")

    class Meta:
        model = Citation
        fields = []

    def filter_kind(self, queryset, name, value):
        if not value:
            return queryset
        kinds = [Q(content_type__app_label=app, content_type__model=model)
                 for (app, model), kind in KIND_OF_MODEL.items() if kind in value]  # fmt: skip
        return queryset.filter(functools.reduce(operator.or_, kinds))
