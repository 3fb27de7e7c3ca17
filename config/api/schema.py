"""What the OpenAPI schema says about errors and parameters, written once for every endpoint."""

from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view

FIELD_ERRORS = {
    "type": "object",
    "description": "Each bad parameter or field, with what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DETAIL = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string"}},
}


def _detail(description, message):
    return OpenApiResponse(
        DETAIL, description=description, examples=[OpenApiExample(description, value={"detail": message})]
    )


UNKNOWN_SLUG = {"venue": ["Select a valid choice. atlantis is not one of the available choices."]}
BAD_CURSOR = {"cursor": ["This cursor is not valid here; start again from the first page."]}
BAD_PARAMETERS = OpenApiResponse(
    FIELD_ERRORS,
    description="A parameter is malformed or names something unknown; the body says which and why.",
    examples=[
        OpenApiExample("Unknown slug", value=UNKNOWN_SLUG),
        OpenApiExample("Malformed date", value={"date_after": ["Enter a valid date."]}),
        OpenApiExample("Bad cursor", value=BAD_CURSOR),
    ],
)
BAD_FIELDS = OpenApiResponse(
    FIELD_ERRORS,
    description="The record would break a rule of the timeline; the body names each field and the rule.",
    examples=[
        OpenApiExample("End before start", value={"end_date": ["The end cannot be before the start."]}),
        OpenApiExample(
            "Quote not verbatim",
            value={"quote": ["This quote is not found verbatim in the text of “…”. Copy it exactly."]},
        ),
    ],
)
NOT_FOUND = _detail("Not found", "No TalkRound matches the given query.")
NOT_AUTHENTICATED = _detail("Not authenticated", "Authentication credentials were not provided.")
FORBIDDEN = _detail("Not staff", "Only staff may change the timeline.")
THROTTLED = _detail("Throttled (anonymous clients)", "Request was throttled. Expected available in 12 seconds.")

READ_ERRORS = {400: BAD_PARAMETERS, 429: THROTTLED}
DETAIL_ERRORS = {404: NOT_FOUND, 429: THROTTLED}
WRITE_ERRORS = {400: BAD_FIELDS, 401: NOT_AUTHENTICATED, 403: FORBIDDEN}


def parameter(name, type_, example, description, *, many=False, enum=None):
    return OpenApiParameter(
        name,
        type_,
        OpenApiParameter.QUERY,
        description=description,
        many=many or None,
        explode=True if many else None,
        enum=enum,
        examples=[OpenApiExample(str(example), value=example)],
    )


def slug_parameter(name, example, what):
    return parameter(
        name,
        OpenApiTypes.STR,
        [example],
        f"{what} slug; repeat the parameter for several (any matches). An unknown slug is a 400 naming it.",
        many=True,
    )


def filter_parameters(filterset_class, documented, *, not_applicable=()):
    """The documented parameter for every filter of the FilterSet; a filter without one is a mistake."""
    missing = set(filterset_class.base_filters) - set(documented)
    if missing:
        raise ImproperlyConfigured(f"{filterset_class.__name__}: no documentation for {sorted(missing)}")
    parameters = []
    for name in filterset_class.base_filters:
        param = documented[name]
        if name in not_applicable:
            param = OpenApiParameter(
                param.name,
                param.type,
                param.location,
                description=f"{param.description} This resource has no such dimension: any value gives an "
                "empty list (so that one query string can filter every kind of the timeline).",
                many=param.many,
                explode=param.explode,
                enum=param.enum,
                examples=param.examples,
            )
        parameters.append(param)
    return parameters


def format_parameter(formats, example):
    return parameter(
        "format",
        OpenApiTypes.STR,
        example,
        "`csv` streams the whole filtered list (not one page) as CSV, one row per record; "
        "`json` (the default) and `api` (the browsable page) give pages.",
        enum=formats,
    )


# Writes answer in JSON: the `format` parameter (csv for lists) is not theirs.
NO_FORMAT = OpenApiParameter("format", exclude=True)

CSV_BODY = OpenApiResponse(
    {"type": "string", "example": "slug,title,kind\r\ngeneva-talks-february-2016,Geneva talks,round\r\n"},
    description="With `?format=csv`: a header row, then one row per record; references by slug, lists "
    "joined with '; '. The whole filtered list, streamed, not one page.",
)


def resource_schema(serializer, parameters, *, write_serializer=None, create_serializer=None, description=""):
    """The schema of a resource's operations: parameters, the answers, and every error they can give."""
    json_and_csv = ["json", "csv"]
    views = {
        "list": extend_schema(
            description=description,
            parameters=[*parameters, format_parameter(json_and_csv, "csv")],
            responses={(200, "application/json"): serializer, (200, "text/csv"): CSV_BODY, **READ_ERRORS},
        ),
        "retrieve": extend_schema(
            parameters=[format_parameter(json_and_csv, "json")],
            responses={(200, "application/json"): serializer, (200, "text/csv"): CSV_BODY, **DETAIL_ERRORS},
        ),
    }
    if write_serializer is not None:
        views["create"] = extend_schema(
            parameters=[NO_FORMAT],
            request=create_serializer or write_serializer,
            responses={201: serializer, **WRITE_ERRORS},
        )
        for action in ("update", "partial_update"):
            views[action] = extend_schema(
                parameters=[NO_FORMAT],
                request=write_serializer,
                responses={200: serializer, **WRITE_ERRORS, 404: NOT_FOUND},
            )
    return extend_schema_view(**views)


class ExplicitFilterSchema(AutoSchema):
    """Filters are documented by hand (filter_parameters), so the guesses from the FilterSet are not wanted.

    `filter_parameters` refuses a FilterSet with an undocumented filter, so nothing goes missing.
    """

    def _get_filter_parameters(self):
        return []


def openapi_parameters(raw):
    """OpenApiParameter objects from raw parameter dicts (as a paginator gives them), for views without one."""
    return [
        OpenApiParameter(
            p["name"],
            p["schema"],
            p["in"],
            required=p["required"],
            description=p["description"],
            examples=[OpenApiExample(str(p["example"]), value=p["example"])],
        )
        for p in raw
    ]
