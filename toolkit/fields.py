"""Serializer fields every resource uses: its API and HTML addresses, its kind, a plain number."""

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .paths import SENTINEL, SLUG


def absolute_url(context, view_name, key, *, lookup="slug"):
    """The absolute URL of `view_name` for `key`. Each view is reversed once per request, with a
    placeholder that is then filled in per row: a page of 200 rounds with their venues, envoys and
    delegations would otherwise reverse a couple of thousand times."""
    templates = context.setdefault("_url_templates", {})
    if (view_name, lookup) not in templates:
        path = reverse(view_name, kwargs={lookup: SENTINEL})
        head, _, tail = context["request"].build_absolute_uri(path).rpartition(SENTINEL)
        templates[view_name, lookup] = (head, tail)
    head, tail = templates[view_name, lookup]
    return f"{head}{key}{tail}"


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The absolute API address of the object (or of the object at `source`), looked up by `lookup`."""

    def __init__(self, view_name, *, lookup="slug", **kwargs):
        self.view_name, self.lookup = view_name, lookup
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        key = getattr(value, self.lookup)
        if key is None:
            return None
        return absolute_url(self.context, self.view_name, key, lookup=self.lookup)


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The absolute address of the object's page on the site (its get_absolute_url)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


class ConstantField(serializers.Field):
    """The same value for every row, e.g. `kind`: "round"."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value):
        return self.value


class ConstantFieldExtension(OpenApiSerializerFieldExtension):
    target_class = ConstantField

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "enum": [self.target.value], "example": self.target.value}


@extend_schema_field({"type": "number", "nullable": True, "example": 470000})
class PlainNumberField(serializers.Field):
    """A decimal as a JSON number without trailing zeros: 470000, not "470000.0000"."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if value is None:
            return None
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)


class SlugRefField(serializers.SlugRelatedField):
    """A record given by its slug. Anything that is not a slug is refused before it reaches the database,
    which would otherwise fail on it (PostgreSQL refuses a NUL byte in a text parameter)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(slug_field="slug", queryset=queryset, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data).replace("\x00", "\\x00"))
        return super().to_internal_value(data)


def ref_serializer(model, view_name):
    """A serializer for a reference to a record: `{slug, name, url}`, the shape every nested link takes."""
    fields = ["slug", "name", "url"]
    meta = type("Meta", (), {"model": model, "fields": fields, "read_only_fields": fields})
    return type(
        f"{model.__name__}RefSerializer",
        (serializers.ModelSerializer,),
        {"url": ApiUrlField(view_name), "Meta": meta, "__module__": model.__module__},
    )
