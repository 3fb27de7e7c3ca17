"""`make run` on a fresh PostgreSQL server: `ensure_database` creates the database DATABASE_URL names."""

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

SERVER = connection.settings_dict


def ensure_database(database_url):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {"DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "manage.py", "ensure_database"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def missing_database():
    """The name of a database the server does not have; dropped again afterwards if the test made it."""
    name = f"peacetalks_fresh_{uuid.uuid4().hex[:12]}"
    server = psycopg.connect(
        host=SERVER["HOST"], port=SERVER["PORT"] or 5432, user=SERVER["USER"], password=SERVER["PASSWORD"],
        dbname="postgres", autocommit=True,
    )  # fmt: skip
    yield name, server
    server.execute(f'DROP DATABASE IF EXISTS "{name}"')
    server.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL has databases to create")
def test_a_missing_postgresql_database_is_created_once(missing_database):
    name, server = missing_database
    url = f"postgres://{SERVER['USER']}@{SERVER['HOST']}:{SERVER['PORT'] or 5432}/{name}"
    exists = "SELECT count(*) FROM pg_database WHERE datname = %s"
    assert server.execute(exists, [name]).fetchone() == (0,)

    first = ensure_database(url)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"Created the database {name}.\n"
    assert server.execute(exists, [name]).fetchone() == (1,)

    second = ensure_database(url)
    assert (second.returncode, second.stdout) == (0, ""), second.stderr


def test_on_sqlite_there_is_nothing_to_create(tmp_path):
    result = ensure_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not (tmp_path / "fresh.sqlite3").exists()  # made by the first connection, as ever
