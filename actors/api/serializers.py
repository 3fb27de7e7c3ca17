from rest_framework import serializers

from actors.models import Delegation, Envoy, Person, Role
from sources.api.serializers import CitationRefSerializer
from toolkit.fields import ApiUrlField, HtmlUrlField, ref_serializer

PersonRefSerializer = ref_serializer(Person, "api:person-detail")
EnvoyRefSerializer = ref_serializer(Envoy, "api:envoy-detail")
DelegationRefSerializer = ref_serializer(Delegation, "api:delegation-detail")


class EnvoySerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:envoy-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Envoy
        fields = ["slug", "name", "title", "person", "citations", "url", "html_url"]
        read_only_fields = fields


class DelegationSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:delegation-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Delegation
        fields = ["slug", "name", "abbreviation", "side", "aliases", "description", "citations", "url", "html_url"]
        read_only_fields = fields


class RoleSerializer(serializers.ModelSerializer):
    delegation = DelegationRefSerializer(read_only=True, allow_null=True)
    citations = CitationRefSerializer(many=True, read_only=True)

    class Meta:
        model = Role
        fields = ["title", "delegation", "citations"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField(), read_only=True)
    envoy = EnvoyRefSerializer(read_only=True, allow_null=True, help_text="The envoy mandate they held, if any.")
    roles = RoleSerializer(many=True, read_only=True)
    citations = CitationRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:person-detail")
    html_url = HtmlUrlField()

    class Meta:
        model = Person
        fields = ["slug", "name", "aliases", "description", "envoy", "roles", "citations", "url", "html_url"]
        read_only_fields = fields
