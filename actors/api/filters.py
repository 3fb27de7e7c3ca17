import django_filters

from actors.models import Delegation, DelegationSide, Envoy, Person


class NameFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", max_length=200, help_text="In the name")


class EnvoyFilterSet(NameFilterSet):
    class Meta:
        model = Envoy
        fields = []


class DelegationFilterSet(NameFilterSet):
    side = django_filters.MultipleChoiceFilter(
        distinct=False,
        field_name="side",
        lookup_expr="exact",
        choices=DelegationSide.choices,
        help_text="Side at the table",
    )

    class Meta:
        model = Delegation
        fields = []


class PersonFilterSet(NameFilterSet):
    class Meta:
        model = Person
        fields = []
