import django_filters

from actors.models import Delegation, DelegationSide, Envoy, Person
from toolkit.filters import ContainsFilter, MultipleChoiceFilter


class NameFilterSet(django_filters.FilterSet):
    q = ContainsFilter("name", help_text="Part of the name, any case.", example="gen")


class EnvoyFilterSet(NameFilterSet):
    class Meta:
        model = Envoy
        fields = []


class DelegationFilterSet(NameFilterSet):
    side = MultipleChoiceFilter(
        distinct=False,
        field_name="side",
        lookup_expr="exact",
        choices=DelegationSide.choices,
        help_text="Side at the table; repeat for several.",
        example=["opposition"],
    )

    class Meta:
        model = Delegation
        fields = []


class PersonFilterSet(NameFilterSet):
    class Meta:
        model = Person
        fields = []
