"""What the OpenAPI schema says about errors and parameters, written once for every endpoint."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.drainage import warn
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.permissions import SAFE_METHODS
from rest_framework.serializers import ListSerializer

from .history import REASON_HEADER, REASON_MAX_LENGTH
from .permissions import ReadOnlyOrStaff

MESSAGES = {"type": "array", "items": {"type": "string"}}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each bad parameter or field, with what is wrong with it.",
    "additionalProperties": MESSAGES,
}
DETAIL = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string"}},
}
# A refused write: the body could not be read at all ({"detail": "JSON parse error …"}), or each bad field
# with its messages. A record's citations answer the way DRF checks a nested list: an object with, for each
# bad citation, its position and its bad fields ({"1": {"quote": […]}}), or "non_field_errors" for the list.
CITATION_ERRORS = {"type": "object", "additionalProperties": {"anyOf": [MESSAGES, FIELD_ERRORS]}}
RECORD_ERRORS = {
    "anyOf": [
        DETAIL,
        {
            "type": "object",
            "description": "Each bad field, with what is wrong with it.",
            "additionalProperties": {"anyOf": [MESSAGES, CITATION_ERRORS]},
        },
    ]
}


def _detail(description, message):
    return OpenApiResponse(
        DETAIL, description=description, examples=[OpenApiExample(description, value={"detail": message})]
    )


UNKNOWN_SLUG = {"venue": ["Select a valid choice. atlantis is not one of the available choices."]}
BAD_CURSOR = {"cursor": ["This cursor is not valid here; start again from the first page."]}
BAD_FORMAT = {"format": ["Not a format of this address; use json, api, csv."]}
BAD_PARAMETERS = OpenApiResponse(
    FIELD_ERRORS,
    description="A parameter is malformed or names something unknown; the body says which and why.",
    examples=[
        OpenApiExample("Unknown slug", value=UNKNOWN_SLUG),
        OpenApiExample("Malformed date", value={"date_after": ["Enter a valid date."]}),
        OpenApiExample("Bad cursor", value=BAD_CURSOR),
        OpenApiExample("Unknown format", value=BAD_FORMAT),
    ],
)
BAD_FIELDS = OpenApiResponse(
    RECORD_ERRORS,
    description="The record would break a rule of the timeline; the body names each field and the rule.",
    examples=[
        OpenApiExample("End before start", value={"end_date": ["The end cannot be before the start."]}),
        OpenApiExample(
            "Quote not verbatim",
            value={"quote": ["This quote is not found verbatim in the text of “…”. Copy it exactly."]},
        ),
        OpenApiExample(
            "The second citation without its quote", value={"citations": {"1": {"quote": ["This field is required."]}}}
        ),
    ],
)
NOT_FOUND = _detail("Not found", "No TalkRound matches the given query.")
NOT_AUTHENTICATED = _detail("Not authenticated", "Authentication credentials were not provided.")
FORBIDDEN = _detail("Not staff", "Only staff may change the timeline.")
THROTTLED = _detail("Throttled (anonymous clients)", "Request was throttled. Expected available in 12 seconds.")

READ_ERRORS = {400: BAD_PARAMETERS, 429: THROTTLED}
DETAIL_ERRORS = {400: BAD_PARAMETERS, 404: NOT_FOUND, 429: THROTTLED}
WRITE_ERRORS = {400: BAD_FIELDS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN}


def blank_means_absent(result, generator, request, public):
    """drf-spectacular post-processing hook: a single-valued query parameter may be sent empty.

    A blank `?q=`, `?year=`, `?cursor=` or `?format=` is read as not given (django-filter and DRF both do,
    and a submitted form sends its empty fields). Parameters that repeat (slugs, choices) do not: an empty
    slug is a 400, like any unknown one.
    """
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for param in operation.get("parameters", []):
                if param["in"] == "query" and param["schema"].get("type") != "array":
                    param["allowEmptyValue"] = True
    return result


def format_parameter(formats, example):
    return OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        description="`csv` streams the whole filtered list (not one page) as CSV, one row per record; "
        "`json` (the default) and `api` (the browsable page) give pages.",
        enum=formats,
        examples=[OpenApiExample(example, value=example)],
    )


# Writes answer in JSON: the `format` parameter (csv for lists) is not theirs.
NO_FORMAT = OpenApiParameter("format", exclude=True)
REASON = OpenApiParameter(
    REASON_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=f"Why this change is made, in a few words (at most {REASON_MAX_LENGTH} characters, UTF-8): "
    "the record's history keeps it with the change, who made it and when. Missing or blank is a 400.",
    examples=[OpenApiExample("reason", value="Date corrected from the article")],
)
WRITE = [NO_FORMAT, REASON]

# A plain type rather than a schema dict: drf-spectacular would wrap a dict in an array on a list action.
CSV_BODY = OpenApiResponse(
    OpenApiTypes.STR,
    description="With `?format=csv`: a header row, then one row per record; references by slug, lists "
    "joined with '; '. The whole filtered list, streamed, not one page. Every cell is quoted; one that a "
    "spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return, and not a plain "
    "number) starts with '.",
    examples=[
        OpenApiExample(
            "CSV",
            value='"slug","title","kind"\r\n"geneva-talks-february-2016","Geneva talks","round"\r\n',
            media_type="text/csv",
        )
    ],
)


def resource_schema(serializer, *, write_serializer=None, create_serializer=None, description=""):
    """The schema of a resource's operations: the answers, and every error they can give. The filters are the
    FilterSet's (FilterSetParameters below), the paging parameters the paginator's."""
    json_and_csv = ["json", "csv"]
    views = {
        "list": extend_schema(
            description=description,
            parameters=[format_parameter(json_and_csv, "csv")],
            responses={(200, "application/json"): serializer, (200, "text/csv"): CSV_BODY, **READ_ERRORS},
        ),
        "retrieve": extend_schema(
            parameters=[format_parameter(json_and_csv, "json")],
            responses={(200, "application/json"): serializer, (200, "text/csv"): CSV_BODY, **DETAIL_ERRORS},
        ),
    }
    if write_serializer is not None:
        views["create"] = extend_schema(
            parameters=WRITE,
            request=create_serializer or write_serializer,
            responses={201: serializer, **WRITE_ERRORS},
        )
        for action in ("update", "partial_update"):
            views[action] = extend_schema(
                parameters=WRITE,
                request=write_serializer,
                responses={200: serializer, **WRITE_ERRORS, 404: NOT_FOUND},
            )
    return extend_schema_view(**views)


class ApiSchema(AutoSchema):
    """drf-spectacular's AutoSchema, taught three things it would document wrongly here: that anyone may read
    (every GET would otherwise require a token or a session), that a record's citations may not be empty, and
    that the merged timeline and the exports take their FilterSet's parameters.
    """

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # drf-spectacular ignores `allow_empty=False` on a nested list (a record's citations): say so.
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if schema and isinstance(field, ListSerializer) and not field.allow_empty:
            schema["minItems"] = max(schema.get("minItems", 0), 1)
        return schema

    def get_filter_backends(self):
        # Whatever answers a filtered list takes its FilterSet's parameters (`filterset_class`). drf-spectacular
        # looks only at a list's filter backends, but the merged timeline and the exports filter by themselves
        # (talks/timeline.py); an export has no `action`, and answers the whole list.
        answers_a_list = getattr(self.view, "action", "list") == "list"
        return [DjangoFilterBackend] if answers_a_list and getattr(self.view, "filterset_class", None) else []

    def get_auth(self):
        auths = super().get_auth()
        readable = any(isinstance(p, ReadOnlyOrStaff) for p in self.view.get_permissions())
        if readable and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


# What a filter enforces on its value (arguments of its form field), as JSON Schema keywords; a form field's own
# `max_items` (talks.filters.SlugsField) becomes the array's maxItems.
BOUNDS = {"max_length": "maxLength", "min_value": "minimum", "max_value": "maximum"}


class FilterSetParameters(DjangoFilterExtension):
    """The FilterSet's parameters as drf-spectacular reads them (type, choices, `help_text`), with what it leaves
    out: the example each filter carries (toolkit/filters.py) and the bounds it enforces, so that the schema
    promises what the server checks. The model is the FilterSet's own, so a view whose source of rows is not a
    queryset (the merged timeline) is documented the same way.
    """

    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        filterset_class = auto_schema.view.filterset_class
        model = filterset_class._meta.model
        return [
            parameter
            for name, filter_ in filterset_class.base_filters.items()
            for parameter in self.resolve_filter_field(auto_schema, model, filterset_class, name, filter_)
        ]

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        example = getattr(filter_field, "example", None)
        if example is None:
            warn(f"{filterset_class.__name__}.{field_name} has no example: declare it with toolkit.filters")
        bounds = {keyword: filter_field.extra.get(arg) for arg, keyword in BOUNDS.items()}
        max_items = getattr(filter_field.field_class, "max_items", None)
        for parameter in parameters:
            parameter["example"] = example
            # A type declared with @extend_schema_field makes drf-spectacular leave the help_text out: keep it.
            parameter.setdefault("description", filter_field.extra.get("help_text"))
            schema = parameter["schema"]
            schema.get("items", schema).update(
                {keyword: bound for keyword, bound in bounds.items() if bound is not None}
            )
            if max_items is not None:
                schema["maxItems"] = max_items
        return parameters
