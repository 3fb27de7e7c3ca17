"""Anonymous pages kept in the shared cache under the data version: the same bytes without the view running,
never stale after a write, never for a reader with a session, never for the API. Against the real Redis."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from talks.models import TalkRound
from talks.services import round_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept")]
VIENNA = "un-sponsored-talks-in-vienna"


@pytest.fixture
def kept():
    cache.clear()
    with override_settings(HTTP_ANSWER_CACHE_SECONDS=600):
        yield
    cache.clear()


@pytest.mark.parametrize("path", ["/", "/?venue=geneva", f"/rounds/{VIENNA}/", "/venues/", "/embed/"])
def test_a_page_is_answered_again_with_the_same_bytes_and_no_query(client, path, django_assert_num_queries):
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.status_code == 200
    assert again.content == first.content
    for header in ("Content-Type", "ETag", "Cache-Control", "Vary", "Content-Security-Policy"):
        assert again[header] == first[header], header


def test_the_embed_page_kept_may_still_be_framed_by_any_site(client):
    client.get("/embed/")
    again = client.get("/embed/")
    assert "frame-ancestors *" in again["Content-Security-Policy"]
    assert "X-Frame-Options" not in again


def test_a_write_makes_the_page_afresh(client):
    path = f"/rounds/{VIENNA}/"
    assert b"A new outcome, kept nowhere yet" not in client.get(path).content
    round_update(
        talk_round=TalkRound.objects.get(slug=VIENNA),
        data={"outcome": "A new outcome, kept nowhere yet."},
        reason="Testing the kept pages",
    )
    assert b"A new outcome, kept nowhere yet" in client.get(path).content


def test_each_address_and_host_is_kept_apart(client):
    geneva = client.get("/?venue=geneva").content
    assert client.get("/?venue=vienna").content != geneva
    embed = client.get("/", HTTP_HOST="testserver").content
    assert b"http://localhost/embed/" in client.get("/", HTTP_HOST="localhost").content
    assert b"http://testserver/embed/" in embed


def test_a_logged_in_reader_never_gets_a_kept_page(client):
    client.get("/")
    user = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_the_api_is_not_kept_so_its_throttle_counts_every_request(client):
    client.get("/api/rounds/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/rounds/").status_code == 200
    assert len(queries) > 0


def test_a_page_with_a_form_token_is_neither_public_nor_kept(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from dataversion.middleware import HttpCachingMiddleware

    def form_page(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    middleware = HttpCachingMiddleware(form_page)
    first = middleware(rf.get("/a-form/"))
    assert "public" not in first.get("Cache-Control", "")
    again = middleware(rf.get("/a-form/"))
    assert again.content != first.content  # made afresh, with a token of its own
