"""Schemathesis against the API's own OpenAPI schema (/api/schema/), in process: no 5xx, and every answer as
the schema documents it (status code, content type, headers, body).

Bounded and repeatable, so CI neither waits nor flakes: a fixed seed, derandomized generation, no example
database, the explicit examples plus a few generated requests per operation (positive and negative). The
coverage phase (thousands of boundary requests) is left off: tests/test_hostile_input.py walks the
boundaries by hand. Each request runs in the test's transaction and each staff write is rolled back, so
the real knowledge base the other tests read is never changed.

Schema-valid but unknown values (a slug nobody has, a cursor this list never made) are documented 400s, so
Schemathesis' "valid data is accepted" check, which cannot know which slugs exist, is off; in its place, a
400 must name the parameter at fault.
"""

import collections

import hypothesis
import jsonschema
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from rest_framework.authtoken.models import Token

from config.api_router import router
from ingest.models import Proposal, ReviewBatch
from ingest.services import ingest_article
from sources.api.serializers import SLUGGED_SUBJECTS, SUBJECTS
from talks.models import ResolutionKind, TalkRound
from tests.api_support import data
from tests.ingest.review_support import ARTICLE, PUBLISHED

pytestmark = pytest.mark.django_db


EXAMPLES_PER_READ = 8
EXAMPLES_PER_WRITE = 4
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20180125,
        "suppress-health-check": ["too_slow", "filter_too_much"],
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES_PER_READ,
            "deterministic": True,
            "database": "none",
        },
        "phases": {"coverage": {"enabled": False}},
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler(), config=CONFIG)
reads = schema.include(method="GET")
writes = schema.exclude(method="GET")

# What ran, for the record: (read or write, positive or negative, status code) -> requests.
SENT = collections.Counter()
# The model behind each detail address, so a schema-valid slug or id can be made to name a real record.
MODELS = {
    f"/api/{prefix}/": viewset.queryset.model
    for prefix, viewset, _ in router.registry
    if getattr(viewset, "queryset", None) is not None
} | {
    "/api/events/": TalkRound,  # an event's slug: a round's is one
    "/api/ingest/proposals/": Proposal,
    "/api/ingest/batches/": ReviewBatch,
}


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """Django closes the database connection when a request ends. Its test client stops that (the test's
    transaction lives on that connection); Schemathesis calls the WSGI handler directly, so do the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token():
    user = get_user_model().objects.create_user(username="fuzz-staff", password="x", is_staff=True)
    return Token.objects.create(user=user).key


def on_a_real_record(case):
    """A positive case's generated slug or id almost never exists; point it at a real record so the 200
    answer (and its body) is checked too. A negative case keeps its malformed value."""
    if not case.path_parameters or not case.meta.generation.mode.is_positive:
        return
    (name,) = case.path_parameters
    model = MODELS[case.operation.path.split("{")[0]]
    value = model.objects.order_by("pk").values_list("pk" if name == "id" else name, flat=True).first()
    case.path_parameters[name] = value


def a_400_names_the_parameter_at_fault(ctx, response, case):
    """A refused read says which of the parameters it was sent is wrong, not just "Bad request"."""
    if response.status_code != 400:
        return None
    errors = response.json()
    assert isinstance(errors, dict) and errors, f"400 without a named problem: {errors!r}"
    named = set(errors) - set(case.query or {})
    assert not named, f"400 names {sorted(named)}, which were not sent: {errors!r}"
    return True


def record(kind, case, response):
    mode = "positive" if case.meta.generation.mode.is_positive else "negative"
    SENT[kind, mode, response.status_code] += 1


@reads.parametrize()
def test_every_read_is_answered_as_documented(case):
    cache.clear()  # the anonymous rate is counted in the cache; this is not a test of the throttle
    on_a_real_record(case)
    response = case.call()
    record("read", case, response)
    case.validate_response(response, additional_checks=[a_400_names_the_parameter_at_fault])


@writes.parametrize()
# The token is made once per operation on purpose: every example's write is rolled back, the token stays.
@hypothesis.settings(
    max_examples=EXAMPLES_PER_WRITE, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
def test_every_staff_write_is_answered_as_documented(case, staff_token):
    if case.operation.path.startswith("/api/ingest/") and not ReviewBatch.objects.exists():
        # An article under review, so that deciding and publishing answer for a real proposal and batch too.
        ingest_article(text=ARTICLE, published=PUBLISHED)
    on_a_real_record(case)
    headers = {"Authorization": f"Token {staff_token}"}
    with transaction.atomic():
        response = case.call(headers=headers)
        record("write", case, response)
        # Checks may send the request again (without the token, say): inside the savepoint too.
        case.validate_response(response, headers=headers)
        transaction.set_rollback(True)


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    if SENT:
        total = sum(SENT.values())
        lines = [f"  {kind} {mode} {status}: {count}" for (kind, mode, status), count in sorted(SENT.items())]
        print(f"\nSchemathesis sent {total} requests:", *lines, sep="\n")


# What the fuzzing found, each kept as a plain test ----------------------------------------------------

DOCUMENT = schema.raw_schema
COMPONENTS = DOCUMENT["components"]["schemas"]


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_reads_are_documented_as_open_to_anyone_and_writes_as_needing_a_token():
    # Schemathesis sent GETs without credentials and was answered 200 where the schema promised a 401.
    for path, method, operation in operations(DOCUMENT):
        assert ({} in operation["security"]) == (method == "get"), f"{method} {path}"


@pytest.mark.parametrize("url", ["/api/rounds/", "/api/rounds/un-sponsored-talks-in-vienna/", "/api/", "/api/schema/"])
def test_an_unknown_format_is_a_400_naming_the_parameter(api, url):
    # Was a bare 404 "Not found." (undocumented on lists), as if the resource did not exist.
    response = api.get(url, {"format": "xml"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(data(response)) == ["format"]


def test_an_unknown_suffix_is_still_a_404(api):
    assert api.get("/api/rounds.xml").status_code == 404


CURSORS = {
    path: parameter
    for path, method, operation in operations(DOCUMENT)
    for parameter in operation.get("parameters", [])
    if method == "get" and parameter["name"] == "cursor"
}


@pytest.mark.parametrize("path", CURSORS)
def test_the_documented_example_cursor_of_each_list_is_one_it_accepts(api, path):
    # The one example every list shared named an ordering ("start_date", "pk") none of them uses: a 400.
    cursor = CURSORS[path]
    example = cursor.get("example") or next(iter(cursor["examples"].values()))["value"]
    assert api.get(path, {"cursor": example}).status_code == 200


def test_single_valued_parameters_are_documented_as_accepting_a_blank_and_do(api):
    # `?date_before=` was answered 200 (a blank is "not given") where the schema demanded a date.
    parameters = {p["name"]: p for p in DOCUMENT["paths"]["/api/rounds/"]["get"]["parameters"]}
    assert {name for name, p in parameters.items() if p.get("allowEmptyValue")} == {
        "date_after", "date_before", "year", "q", "ordering", "cursor", "page_size", "format", "as_of",
    }  # fmt: skip
    assert api.get("/api/rounds/?date_before=&year=&q=&ordering=&cursor=&page_size=&format=&as_of=").status_code == 200
    assert api.get("/api/rounds/?venue=").status_code == 400  # a blank slug is an unknown one, as documented


def test_the_bounds_of_a_filter_are_documented():
    parameters = {p["name"]: p for p in DOCUMENT["paths"]["/api/events/"]["get"]["parameters"]}
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert (parameters["year"]["schema"]["minimum"], parameters["year"]["schema"]["maximum"]) == (1, 9999)


def test_a_year_is_a_whole_number(api):
    # NumberFilter took "2018.5" for 2018, where the schema (an integer) promised a refusal.
    assert data(api.get("/api/rounds/", {"year": "2018.5"})) == {"year": ["Enter a whole number."]}


def test_what_a_citation_can_support_is_documented_in_full():
    # A role's citation came back as kind "role", which the schema's enum (merged with another) lacked.
    kind = COMPONENTS["Subject"]["properties"]["kind"]["allOf"][0]["$ref"].rsplit("/", 1)[-1]
    assert COMPONENTS[kind]["enum"] == list(SUBJECTS)
    assert COMPONENTS["SubjectKindEnum"]["enum"] == SLUGGED_SUBJECTS  # what a new citation may name


def test_a_resolution_is_documented_with_its_own_two_kinds():
    properties = COMPONENTS["Resolution"]["properties"]
    enum = {name: COMPONENTS[p["allOf"][0]["$ref"].rsplit("/", 1)[-1]]["enum"] for name, p in properties.items()
            if name in ("kind", "resolution_kind")}  # fmt: skip
    assert enum == {"kind": ["resolution"], "resolution_kind": ResolutionKind.values}


@pytest.mark.parametrize(
    ("component", "field"),
    [("Milestone", "date_precision"), ("Resolution", "date_precision"), ("Figure", "as_of_precision"),
     ("Source", "published_precision"), ("Round", "date_precision")],
)  # fmt: skip
def test_an_undated_records_empty_precision_is_documented(component, field):
    # An undated figure's as_of_precision "" was outside the documented day/month/year.
    refs = {one["$ref"].rsplit("/", 1)[-1] for one in COMPONENTS[component]["properties"][field]["oneOf"]}
    assert refs == {"DatePrecisionEnum", "BlankEnum"}


def test_the_events_list_is_documented_as_one_page_not_a_list_of_pages():
    content = DOCUMENT["paths"]["/api/events/"]["get"]["responses"]["200"]["content"]
    reference = content["application/json"]["schema"]["$ref"]
    page = DOCUMENT["components"]["schemas"][reference.rpartition("/")[2]]
    assert page["type"] == "object"
    assert set(page["required"]) == {"count", "count_capped", "next", "previous", "results"}
    assert page["properties"]["results"]["type"] == "array"


@pytest.mark.parametrize("path", ["/api/rounds/", "/api/events/", "/api/rounds/{slug}/"])
def test_a_csv_answer_is_documented_as_text(path):
    # A list's CSV was documented as a page of strings.
    assert DOCUMENT["paths"][path]["get"]["responses"]["200"]["content"]["text/csv"]["schema"] == {"type": "string"}


def test_a_record_needs_a_citation_by_the_schema_too():
    # `citations: []` was schema-valid, and refused.
    for component in ("RoundWriteRequest", "MilestoneWriteRequest", "ResolutionWriteRequest"):
        assert COMPONENTS[component]["properties"]["citations"]["minItems"] == 1


def test_a_refused_citation_is_answered_as_documented(staff):
    # DRF answers a nested list's errors by position ({"0": {"source": [...]}}); the schema said a list of strings.
    payload = {"citations": [{"source": "no-such-article", "quote": "Negotiators met"}]}
    response = staff.patch("/api/rounds/un-sponsored-talks-in-vienna/", payload, format="json")
    documented = DOCUMENT["paths"]["/api/rounds/{slug}/"]["patch"]["responses"]["400"]["content"]["application/json"]
    assert response.status_code == 400
    jsonschema.validate(data(response), documented["schema"])
    assert data(response)["citations"]["0"]["source"]


@pytest.mark.parametrize("query", ["venue=atlantis", "q=nothing-matches-this", "year=0", "page_size=0"])
def test_a_record_is_found_by_its_slug_whatever_the_lists_filters_say(api, query):
    # The list's filters applied to a detail too: ?q= gave a 404 and ?venue=atlantis a 400, both undocumented.
    response = api.get(f"/api/rounds/un-sponsored-talks-in-vienna/?{query}")
    assert response.status_code == 200
    assert data(response)["slug"] == "un-sponsored-talks-in-vienna"
