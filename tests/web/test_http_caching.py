"""HTTP caching from the data version: ETag, Last-Modified, 304 with no query, public only for anonymous readers.

Run on SQLite and on PostgreSQL, against the real Redis (tests use its database 1)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from dataversion.models import DataVersion
from dataversion.services import CACHE_KEY, current, data_changed
from talks.models import TalkRound, Venue
from talks.services import round_update
from tests.api_support import data
from tests.test_admin import citation_post

pytestmark = pytest.mark.django_db

PAGES = ["/", "/api/rounds/?venue=geneva", "/rounds/un-sponsored-talks-in-vienna/", "/api/events.ics"]
VIENNA = "un-sponsored-talks-in-vienna"


@pytest.mark.parametrize("path", PAGES)
def test_an_anonymous_answer_carries_the_data_version_and_may_be_kept_briefly(client, path):
    response = client.get(path)
    assert response.status_code == 200
    version = DataVersion.objects.get()
    assert response["ETag"] == f'W/"data-{version.number}"'
    assert response["Last-Modified"]
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "stale-while-revalidate=600"} <= directives
    assert "Cookie" in response["Vary"]


def test_the_api_varies_on_accept_origin_and_authorization(client):
    vary = {v.strip() for v in client.get("/api/rounds/")["Vary"].split(",")}
    assert {"Accept", "Origin", "Authorization", "Cookie"} <= vary


@pytest.mark.parametrize("path", PAGES)
def test_a_repeated_request_gets_a_304_with_no_database_query(client, path, django_assert_num_queries):
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_if_modified_since_gets_a_304_too(client):
    last_modified = client.get("/api/rounds/")["Last-Modified"]
    assert client.get("/api/rounds/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_write_makes_the_next_request_a_200_with_the_new_content(client):
    url = f"/api/rounds/{VIENNA}/"
    etag = client.get(url)["ETag"]
    round_update(
        talk_round=TalkRound.objects.get(slug=VIENNA),
        data={"title": "Vienna, retitled"},
        reason="Retitled for the test",
    )
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert data(response)["title"] == "Vienna, retitled"
    assert response["ETag"] != etag
    page = client.get(f"/rounds/{VIENNA}/", HTTP_IF_NONE_MATCH=etag)
    assert page.status_code == 200 and "Vienna, retitled" in page.content.decode()


def test_a_write_through_the_api_bumps_the_version(staff, client):
    before = current().number
    response = staff.patch(f"/api/rounds/{VIENNA}/", {"summary": "Changed."}, format="json")
    assert response.status_code == 200
    assert current().number == before + 1
    assert DataVersion.objects.get().number == before + 1


def test_a_refused_write_leaves_the_version(staff):
    before = DataVersion.objects.get().number
    response = staff.patch(f"/api/rounds/{VIENNA}/", {"end_date": "2001-01-01"}, format="json")
    assert response.status_code == 400
    assert DataVersion.objects.get().number == before


def test_the_admin_bumps_the_version(admin_client):
    venue = Venue.objects.get(slug="geneva")
    before = DataVersion.objects.get().number
    post = citation_post(venue, "UN Special Envoy to Syria Geir Pedersen, co-chair Syrian MP Ahmad Al-Kuzbari")
    response = admin_client.post(reverse("admin:talks_venue_change", args=[venue.pk]), post | {"name": "Genève"})
    assert response.status_code == 302
    assert DataVersion.objects.get().number > before
    assert "Genève" in admin_client.get("/venues/geneva/").content.decode()


def test_the_version_is_read_from_the_shared_cache_and_a_bump_clears_it():
    version = current()
    assert cache.get(CACHE_KEY) == (version.number, version.changed)
    data_changed()
    assert cache.get(CACHE_KEY) is None
    assert current().number == version.number + 1


def test_staff_answers_are_never_stored(staff):
    response = staff.get("/api/rounds/")
    assert response.status_code == 200
    assert "ETag" not in response
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives


def test_a_logged_in_reader_gets_no_304_and_no_public_page(client):
    user = get_user_model().objects.create_user(username="editor", password="x", is_staff=True)
    etag = client.get("/")["ETag"]
    client.force_login(user)
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_errors_and_the_admin_are_not_marked_public(client):
    assert "public" not in client.get("/api/rounds/?venue=atlantis").get("Cache-Control", "")
    assert "public" not in client.get("/rounds/no-such-round/").get("Cache-Control", "")
    assert "ETag" not in client.get("/admin/login/")


def test_a_page_with_a_csp_nonce_is_not_stored(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")
