"""The timeline's query parameters as the OpenAPI schema documents them: type, meaning, an example."""

from drf_spectacular.types import OpenApiTypes

from talks.filters import KIND_CHOICES, MAX_Q_LENGTH
from talks.models import RoundStatus
from toolkit.schema import parameter, slug_parameter

from .filters import ORDERING_HELP

TIMELINE = {
    "venue": slug_parameter("venue", "geneva", "Venue"),
    "envoy": slug_parameter("envoy", "geir-pedersen", "UN envoy (the rounds they convened, events they took part in)"),
    "process": slug_parameter("process", "geneva-process", "Process"),
    "delegation": slug_parameter("delegation", "syrian-government-delegation", "Delegation"),
    "resolution": slug_parameter("resolution", "resolution-2254", "Resolution (and what rests on it)"),
    "date_after": parameter(
        "date_after", OpenApiTypes.DATE, "2017-01-01",
        "ISO date (YYYY-MM-DD): what may have started on or after it. A date known to the month counts as "
        "every day of that month, a window as every day between its bounds. A malformed date is a 400 naming "
        "this parameter.",
    ),
    "date_before": parameter(
        "date_before", OpenApiTypes.DATE, "2017-12-31",
        "ISO date (YYYY-MM-DD): what may have started on or before it (by the earliest possible start). A "
        "malformed date is a 400 naming this parameter.",
    ),
    "year": parameter(
        "year", OpenApiTypes.INT, 2018, "What may have started in this year (1–9999); a window overlapping it counts.",
    ),
    "status": parameter(
        "status", OpenApiTypes.STR, ["held"], "Status of a round; repeat for several.",
        many=True, enum=RoundStatus.values,
    ),
    "kind": parameter(
        "kind", OpenApiTypes.STR, ["round"], "Which kinds of the timeline to keep; repeat for several.",
        many=True, enum=[value for value, _ in KIND_CHOICES],
    ),
    "q": parameter(
        "q", OpenApiTypes.STR, "constitution",
        f"Words in titles, summaries, outcomes and quotes (at most {MAX_Q_LENGTH} characters). PostgreSQL "
        "full-text search (web-search syntax: quotes, OR, -word), in date order unless `ordering=relevance`; "
        "on SQLite every word must appear.",
    ),
    "ordering": parameter(
        "ordering", OpenApiTypes.STR, "-start_date", f"Order of the list: {ORDERING_HELP}.",
        enum=["start_date", "-start_date", "title", "-title", "relevance"],
    ),
}  # fmt: skip
EVENTS = {name: param for name, param in TIMELINE.items() if name != "ordering"}
