"""CORS: any origin reads /api/ from a browser, without credentials; writes and the pages stay same-origin."""

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://notebook.example"


@pytest.mark.parametrize("method", ["get", "head"])
def test_any_origin_may_read_the_api(client, method):
    response = getattr(client, method)("/api/rounds/?venue=geneva", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"ETag", "Last-Modified"} <= {h.strip() for h in response["Access-Control-Expose-Headers"].split(",")}


def test_a_preflight_for_a_read_is_granted(client):
    response = client.options(
        "/api/rounds/?venue=geneva",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("method", ["POST", "PATCH", "PUT", "DELETE"])
def test_a_preflight_for_a_write_does_not_grant_it(client, method):
    response = client.options(
        "/api/rounds/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert method not in response.get("Access-Control-Allow-Methods", "")
    # POST passes any preflight's method list (the Fetch standard counts it safe): the headers a write needs do not.
    granted = response.get("Access-Control-Allow-Headers", "").lower()
    assert "authorization" not in granted and "content-type" not in granted


def test_the_export_files_are_readable_from_another_origin(client):
    for path in ("/api/events.ics", "/api/timelinejs.json", "/api/venues.geojson", "/api/rounds/?format=csv"):
        response = client.get(path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*", path


def test_the_html_pages_send_no_cors_headers(client):
    response = client.get("/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
