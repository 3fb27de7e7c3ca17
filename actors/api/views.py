"""Who takes part, on /api/: envoys, delegations, people."""

from actors.models import Delegation, Envoy, Person
from toolkit.schema import resource_schema
from toolkit.viewsets import ApiViewSet, CiteMixin

from .filters import DelegationFilterSet, EnvoyFilterSet, PersonFilterSet
from .serializers import DelegationSerializer, EnvoySerializer, PersonSerializer


@resource_schema(EnvoySerializer)
class EnvoyViewSet(CiteMixin, ApiViewSet):
    queryset = Envoy.objects.for_detail()
    serializer_class = EnvoySerializer
    filterset_class = EnvoyFilterSet
    csv_name = "envoys"


@resource_schema(DelegationSerializer)
class DelegationViewSet(CiteMixin, ApiViewSet):
    queryset = Delegation.objects.with_citations()
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    csv_name = "delegations"


@resource_schema(PersonSerializer)
class PersonViewSet(CiteMixin, ApiViewSet):
    queryset = Person.objects.for_api()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    csv_name = "people"
