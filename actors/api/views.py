"""Who takes part, on /api/: envoys, delegations, people."""

from drf_spectacular.types import OpenApiTypes

from actors.models import Delegation, DelegationSide, Envoy, Person
from toolkit.schema import filter_parameters, parameter, resource_schema
from toolkit.viewsets import ApiViewSet

from .filters import DelegationFilterSet, EnvoyFilterSet, PersonFilterSet
from .serializers import DelegationSerializer, EnvoySerializer, PersonSerializer

NAME = {"q": parameter("q", OpenApiTypes.STR, "pedersen", "Part of the name, any case.")}
SIDE = parameter(
    "side", OpenApiTypes.STR, ["opposition"], "Side at the table; repeat for several.", many=True,
    enum=DelegationSide.values,
)  # fmt: skip


@resource_schema(EnvoySerializer, filter_parameters(EnvoyFilterSet, NAME))
class EnvoyViewSet(ApiViewSet):
    queryset = Envoy.objects.for_detail()
    serializer_class = EnvoySerializer
    filterset_class = EnvoyFilterSet
    csv_name = "envoys"


@resource_schema(DelegationSerializer, filter_parameters(DelegationFilterSet, {**NAME, "side": SIDE}))
class DelegationViewSet(ApiViewSet):
    queryset = Delegation.objects.with_citations()
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    csv_name = "delegations"


@resource_schema(PersonSerializer, filter_parameters(PersonFilterSet, NAME))
class PersonViewSet(ApiViewSet):
    queryset = Person.objects.for_api()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    csv_name = "people"
