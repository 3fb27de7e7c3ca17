"""The admin login is guarded against password guessing (django-axes)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
PASSWORD = "the-right-long-password"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)


def login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_the_right_password_logs_an_editor_in(client, editor):
    assert login(client, PASSWORD).status_code == 302


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "guess").status_code == 200  # the form again, with its error
    locked = login(client, "guess")
    assert locked.status_code == 429
    assert login(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_another_username_from_the_same_address_is_not_locked_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "guess")
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    response = client.post("/admin/login/?next=/admin/", {"username": "other", "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_is_the_sites_page_saying_how_long_it_lasts_and_what_to_do(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = login(client, "guess")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "3600"
    html = locked.content.decode()
    assert "<h1>Login locked</h1>" in html and "/static/talks/site.css" in html  # the layout of base.html
    assert "locked for 1\xa0hour" in html
    assert "Wait 1\xa0hour, then log in" in html
    assert "manage.py axes_reset_username editor" in html
