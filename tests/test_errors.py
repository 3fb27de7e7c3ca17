"""Errors come back as the site's own pages, or as JSON on /api/; never a stack trace."""

import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory, override_settings

from tests.gunicorn import gunicorn as serve
from toolkit import errors
from toolkit.middleware import MAX_URL_LENGTH

pytestmark = pytest.mark.django_db


def is_site_page(response, heading):
    html = response.content.decode()
    return f"<h1>{heading}</h1>" in html and "/static/talks/site.css" in html and "Traceback" not in html


def test_an_unknown_page_is_the_sites_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert is_site_page(response, "Not found")


def test_an_unknown_api_address_is_json(client):
    response = client.get("/api/no-such-resource/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_a_forged_host_is_the_sites_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert is_site_page(response, "Bad request")


def test_a_form_without_its_csrf_token_is_refused_with_the_sites_page():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert is_site_page(response, "Form expired")


@pytest.mark.parametrize(("path", "json"), [("/rounds/x/", False), ("/api/rounds/", True)])
def test_a_server_error_shows_no_internals(path, json):
    response = errors.server_error(RequestFactory().get(path))
    assert response.status_code == 500
    if json:
        assert response.content == b'{"detail": "Server error."}'
    else:
        assert is_site_page(response, "Something went wrong")


def test_a_non_staff_user_is_refused_the_admin_politely(client):
    user = get_user_model().objects.create_user("reader", password="a-long-password")
    client.force_login(user)
    response = client.get("/admin/talks/talkround/")
    assert response.status_code == 302  # to the admin's login, not a stack trace
    assert "/admin/login/" in response["Location"]


# Long addresses: the app decides, within MAX_URL_LENGTH ---------------------------------------------------


def padded(path, length):
    """`path` with a query string that makes the whole address `length` characters long."""
    return f"{path}?q={'x' * (length - len(path) - 3)}"


def test_an_address_over_the_limit_is_a_json_414_under_the_api(client):
    response = client.get(padded("/api/rounds/", MAX_URL_LENGTH + 1))
    assert response.status_code == 414
    assert response.json() == {
        "detail": f"The address is longer than the {MAX_URL_LENGTH:,} characters this API reads."
    }


def test_an_address_over_the_limit_is_the_sites_414_page_elsewhere(client):
    response = client.get(padded("/", MAX_URL_LENGTH + 1))
    assert response.status_code == 414
    assert is_site_page(response, "Address too long")
    assert f"{MAX_URL_LENGTH:,} characters" in response.content.decode()
    assert "Content-Security-Policy" in response  # refused after the security middleware, so with its headers


@pytest.mark.parametrize("path", ["/api/rounds/", "/"])
def test_an_address_at_the_limit_is_read(client, path):
    response = client.get(padded(path, MAX_URL_LENGTH))
    assert response.status_code in (200, 400)  # the search is too long: the parameter's own refusal, not a 414
    assert response.status_code != 414


@pytest.fixture(scope="module")
def gunicorn():
    """Real gunicorn with the project's config file, as `make serve` starts it, on a free loopback port. Test
    settings (no collected static files needed); nothing it is asked here touches the database."""
    with serve({"DATABASE_URL": "sqlite://:memory:"}) as port:
        yield port


def raw_get(port, target):
    """(status, content type, body) of a GET sent byte for byte, as a hostile client would."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, content = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split()[1]), headers.get("Content-Type", ""), content.decode()


def test_gunicorn_lets_the_app_answer_a_long_request_line(gunicorn):
    status, content_type, content = raw_get(gunicorn, padded("/api/rounds/", 10_000))
    assert (status, content_type) == (414, "application/json")
    assert "8,000 characters" in content
    status, content_type, content = raw_get(gunicorn, padded("/", 10_000))
    assert (status, content_type) == (414, "text/html; charset=utf-8")
    assert "<h1>Address too long</h1>" in content


def test_gunicorn_passes_on_an_address_longer_than_its_own_default_limit(gunicorn):
    # gunicorn refuses a request line over 4,094 bytes by default; this one is within the app's limit.
    status, content_type, _ = raw_get(gunicorn, padded("/static/talks/site.css", 6_000))
    assert status == 200 and content_type.startswith("text/css")
