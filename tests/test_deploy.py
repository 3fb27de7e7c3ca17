"""Production settings: `check --deploy` clean, and a loud failure when the environment lacks a secret."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789",
    "DJANGO_ALLOWED_HOSTS": "peacetalks.example.org",
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level=WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


LOOPBACK = {"DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_SECURE_COOKIES": "false"}


@pytest.mark.parametrize(
    ("flags", "silenced"),
    [(LOOPBACK, 3), ({"DJANGO_SECURE_SSL_REDIRECT": "false"}, 1), ({"DJANGO_SECURE_COOKIES": "false"}, 2)],
    ids=["both, as make serve on loopback", "no redirect", "plain cookies"],
)
def test_check_deploy_is_silent_about_what_was_switched_off_on_purpose(flags, silenced):
    result = manage("check", "--deploy", "--fail-level=WARNING", **PRODUCTION, **flags)
    assert result.returncode == 0, result.stderr + result.stdout
    assert f"System check identified no issues ({silenced} silenced)." in result.stdout


def test_check_deploy_still_warns_of_anything_else_on_loopback():
    result = manage("check", "--deploy", **PRODUCTION, **LOOPBACK, DJANGO_SECURE_HSTS_SECONDS="0")
    assert "security.W004" in result.stderr  # HSTS off: not one of the loopback flags, so still reported
    assert "security.W008" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **(PRODUCTION | {"DJANGO_SECRET_KEY": ""}))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", **(PRODUCTION | {"DJANGO_ALLOWED_HOSTS": ""}))
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


SHOW_PARALLEL = (
    "from django.db import connection; c = connection.cursor(); "
    "c.execute('SHOW max_parallel_workers_per_gather'); print(c.fetchone()[0])"
)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="PostgreSQL only"
)
@pytest.mark.django_db
def test_production_turns_postgresqls_parallel_workers_off_for_its_connections():
    from django.db import connection

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    assert manage("shell", "--no-imports", "-c", SHOW_PARALLEL, DATABASE_URL=url, **PRODUCTION).stdout.strip() == "0"
    asked = manage(
        "shell", "--no-imports", "-c", SHOW_PARALLEL, DATABASE_URL=url, DJANGO_PG_PARALLEL_WORKERS="1", **PRODUCTION
    )
    assert asked.stdout.strip() == "1", asked.stderr
