"""The OpenAPI schema validates, documents every parameter and error; the docs pages are served locally."""

import re

import pytest
from django.core.management import call_command

from talks.filters import MAX_SLUGS
from tests.api_support import body, data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        from rest_framework.test import APIClient

        response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_validates_without_a_warning(tmp_path):
    # --fail-on-warn: a field or parameter whose type could not be worked out fails the build.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_the_schema_is_served_as_json(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Peace Talks Timeline API"


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_query_parameter_has_a_type_and_an_example(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            where = f"{method.upper()} {path} ?{parameter['name']}"
            assert "type" in parameter["schema"], where
            assert "example" in parameter or parameter.get("examples"), where
            assert parameter.get("description"), where


@pytest.mark.parametrize(
    "name",
    [
        "venue",
        "envoy",
        "process",
        "delegation",
        "resolution",
        "date_after",
        "date_before",
        "year",
        "status",
        "kind",
        "q",
        "ordering",
        "cursor",
        "page_size",
        "format",
    ],
)
def test_the_rounds_list_documents_each_filter(schema, name):
    parameters = {p["name"]: p for p in schema["paths"]["/api/rounds/"]["get"]["parameters"]}
    assert name in parameters


def test_the_filter_types_are_what_the_api_accepts(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/rounds/"]["get"]["parameters"]}
    assert parameters["date_after"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["year"]["schema"]["type"] == "integer"
    assert parameters["venue"]["schema"]["type"] == "array" and parameters["venue"]["explode"] is True
    assert set(parameters["status"]["schema"]["items"]["enum"]) == {
        "held",
        "planned",
        "adjourned",
        "postponed",
        "cancelled",
    }
    assert parameters["page_size"]["schema"]["type"] == "integer"


def test_a_slug_parameter_documents_how_many_slugs_it_takes(schema):
    for path in ("/api/rounds/", "/api/events/", "/api/events.ics"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["venue"]["schema"]["maxItems"] == MAX_SLUGS, path


@pytest.mark.parametrize(
    ("path", "lacking"),
    [("/api/resolutions/", {"venue", "envoy", "process", "delegation", "status"}), ("/api/milestones/", {"status"})],
)
def test_the_parameters_a_resource_lacks_say_that_any_value_gives_an_empty_list(schema, path, lacking):
    parameters = schema["paths"][path]["get"]["parameters"]
    said = {p["name"] for p in parameters if "any value gives an empty list" in p["description"]}
    assert said == lacking


def test_lists_document_400_and_details_404(schema):
    for path, method, operation in operations(schema):
        if method != "get" or not path.startswith("/api/") or path.startswith("/api/schema"):
            continue
        codes = set(operation["responses"])
        if "{" in path:
            assert "404" in codes, path
        else:
            assert "400" in codes, path


def test_writes_document_their_errors(schema):
    for path, method, operation in operations(schema):
        if method in ("post", "put", "patch"):
            assert {"400", "401", "403"} <= set(operation["responses"]), f"{method} {path}"


def test_a_list_page_documents_its_capped_count(schema):
    page = schema["components"]["schemas"]["PaginatedRoundList"]
    assert {"count", "count_capped", "next", "previous", "results"} <= set(page["properties"])


def test_the_events_list_is_documented_as_three_kinds(schema):
    event = schema["components"]["schemas"]["Event"]
    assert event["discriminator"]["propertyName"] == "kind"
    assert set(event["discriminator"]["mapping"]) == {"round", "resolution", "milestone"}


def test_the_exports_are_documented(schema):
    assert {"/api/events.ics", "/api/timelinejs.json", "/api/venues.geojson"} <= set(schema["paths"])
    assert "text/calendar" in schema["paths"]["/api/events.ics"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_nothing_from_another_host(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = body(response).decode()
    assert not re.search(r"https?://", html), re.findall(r"https?://[^\"' ]+", html)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    # Local files, and Swagger UI's set-up script, which its own view serves (?script) for the CSP's sake.
    assert assets and all(asset.startswith(("/static/", f"{url}?script")) for asset in assets)
    for asset in assets:
        assert api.get(asset).status_code == 200, asset


def test_the_api_root_lists_every_resource_and_export(api):
    root = data(api.get("/api/"))
    expected = {
        "rounds",
        "events",
        "venues",
        "envoys",
        "delegations",
        "people",
        "resolutions",
        "processes",
        "sources",
        "figures",
        "milestones",
        "citations",
        "events.ics",
        "timelinejs.json",
        "venues.geojson",
        "schema",
        "docs",
        "redoc",
    }
    assert expected <= set(root)
    # Besides the links, the release the live data was last frozen as: none in the test database.
    assert root.pop("release") is None
    for url in root.values():
        assert api.get(url).status_code == 200, url


def test_the_browsable_api_renders(api):
    response = api.get("/api/rounds/", {"venue": "geneva"}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"Geneva" in response.content
