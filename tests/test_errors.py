"""Errors come back as the site's own pages, or as JSON on /api/; never a stack trace."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory, override_settings

from config.api import errors

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
