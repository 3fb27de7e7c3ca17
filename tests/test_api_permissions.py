"""Who may do what: anonymous clients read (throttled), authenticated non-staff read, staff write."""

import pytest
from django.test import override_settings

from tests.api_support import data
from toolkit.pagination import encode_cursor

pytestmark = pytest.mark.django_db

ROUND = "/api/rounds/un-sponsored-talks-in-vienna/"
CITATION = "/api/citations/1/"

WRITES = [
    ("post", "/api/rounds/"),
    ("put", ROUND),
    ("patch", ROUND),
    ("delete", ROUND),
    ("post", "/api/milestones/"),
    ("patch", "/api/milestones/russia-joins-the-war/"),
    ("post", "/api/resolutions/"),
    ("patch", "/api/resolutions/resolution-2254/"),
    ("post", "/api/citations/"),
    ("patch", CITATION),
    ("delete", CITATION),
    ("post", "/api/venues/"),
    ("delete", "/api/venues/geneva/"),
    ("post", "/api/events/"),
    ("post", "/api/events.ics"),
]

READS = [
    "/api/",
    "/api/rounds/",
    ROUND,
    "/api/events/",
    "/api/venues/",
    "/api/citations/",
    "/api/events.ics",
    "/api/schema/",
]


@pytest.mark.parametrize("url", READS)
def test_anyone_may_read(api, url):
    assert api.get(url).status_code == 200


@pytest.mark.parametrize(("method", "url"), WRITES)
def test_anonymous_clients_may_not_write(api, method, url):
    response = getattr(api, method)(url, {"title": "x"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in data(response)


@pytest.mark.parametrize(("method", "url"), WRITES)
def test_authenticated_non_staff_may_not_write(reader, method, url):
    response = getattr(reader, method)(url, {"title": "x"}, format="json")
    assert response.status_code == 403
    assert data(response) == {"detail": "Only staff may change the timeline."}


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("post", "/api/rounds/", 400),  # allowed, and the empty body explains itself
        ("patch", ROUND, 200),
        ("patch", CITATION, 200),
        ("delete", ROUND, 405),  # rounds are edited, not deleted
        ("post", "/api/venues/", 405),  # venues, envoys … are read-only on the API
        ("delete", "/api/venues/geneva/", 405),
        ("post", "/api/events.ics", 405),
    ],
)
def test_staff_may_write_the_timeline(staff, method, url, status):
    response = getattr(staff, method)(url, {}, format="json")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"


def test_a_bad_token_is_a_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.patch(ROUND, {"title": "x"}, format="json")
    assert response.status_code == 401 and data(response) == {"detail": "Invalid token."}


def test_anonymous_clients_are_throttled_with_a_retry_after(api, settings):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}):
        statuses = [api.get("/api/rounds/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = api.get("/api/venues/")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        assert "throttled" in data(response)["detail"]


def test_a_forged_forwarded_for_does_not_escape_the_rate(api, settings):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}}):
        statuses = [api.get("/api/rounds/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)]
        assert statuses == [200, 200, 429]


def test_staff_are_not_throttled(staff, settings):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}):
        assert [staff.get("/api/rounds/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_rate_is_the_documented_setting():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == settings.API_ANON_RATE == "600/minute"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/no-such-thing/", 404),
        ("get", "/api/rounds/no-such-round/", 404),
        ("get", "/api/citations/999999/", 404),
        ("get", "/api/rounds.xml", 404),  # ?format=xml is a 400 naming the parameter (tests/test_hostile_input.py)
        ("put", "/api/events/", 401),
    ],
)
def test_errors_on_the_api_are_json(api, method, url, status):
    response = getattr(api, method)(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in data(response)


def test_a_method_not_allowed_is_a_json_405(staff):
    response = staff.delete("/api/venues/geneva/")
    assert response.status_code == 405
    assert data(response) == {"detail": 'Method "DELETE" not allowed.'}


def test_pages_outside_the_api_keep_their_html_404(api):
    response = api.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def cursor(terms, values, direction="n"):
    return encode_cursor(direction, terms, values)


@pytest.mark.parametrize(
    "url",
    [
        "/api/rounds/?q=%00",
        "/api/rounds/?venue=gen%00eva",
        "/api/events/?venue=%00",
        "/api/events.ics?envoy=%00",
        "/api/citations/?source=%00",
        "/api/delegations/?side=%00",
        "/api/venues/?q=%00",
        "/api/sources/?q=%00",
        "/api/rounds/?q=!!!%20%26%20(",
        "/api/rounds/?q=%22unclosed",
        "/api/rounds/?year=99999",
        "/api/rounds/?date_after=0001-01-01",
        "/api/rounds/?page_size=" + "9" * 50,
        "/api/rounds/?ordering=title&cursor=" + cursor(["title", "pk"], ["a\x00b", 1]),
        "/api/rounds/?cursor=" + cursor(["sort_date", "date_rank", "id"], ["2018-01-01", 2, "x"]),
        "/api/rounds/?cursor=" + cursor(["sort_date", "date_rank", "id"], ["2018-01-01", 2, None]),
        "/api/rounds/?cursor=" + cursor(["sort_date", "date_rank", "id"], [["x"], 2, 1]),
        "/api/rounds/?cursor=" + cursor(["sort_date", "date_rank", "id"], ["2018-01-01", 2, 10**30]),
        "/api/milestones/?cursor=" + cursor(["sort_date", "date_rank", "id"], [None, 3, 3], direction="p"),
        "/api/events/?cursor=p.%00",
        "/api/events/?cursor=n." + "A" * 5000,
    ],
)
def test_nothing_a_client_sends_is_a_500(api, url):
    response = api.get(url)
    assert response.status_code in (200, 400), data(response)
    assert response["Content-Type"].startswith("application/json")


def test_nothing_staff_send_is_a_500(staff):
    nul = {
        "title": "x\x00",
        "slug": "x",
        "process": "geneva\x00",
        "start_date": "2020-01-01",
        "date_precision": "day",
        "citations": [{"source": "a\x00", "quote": "q\x00"}],
    }
    response = staff.post("/api/rounds/", nul, format="json")
    assert response.status_code == 400 and {"title", "process", "citations"} <= set(data(response))
    response = staff.post(
        "/api/citations/", {"subject_kind": "round", "subject": "a\x00", "source": "x\x00"}, format="json"
    )
    assert response.status_code == 400 and {"subject", "source", "quote"} <= set(data(response))
