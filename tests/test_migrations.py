"""Every app's migrations apply forwards, roll back to zero and apply again, on the test database, on SQLite
and on PostgreSQL alike; the knowledge base then loads as before.

These run outside the per-test transaction, for real: Django's SQLite schema editor cannot work inside one
(it must switch foreign-key checks off), and pytest-django's transactional tests would empty every table
afterwards. Being unmarked, pytest-django runs them last, after its transactional tests have emptied the
tables; each leaves the database migrated and loaded, whatever happened.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from talks.loader import load_timeline
from tests.snapshots import APPS, every_row

# Read at import, before pytest-django points the connection at the test database.
REAL_DATABASE = connection.settings_dict["NAME"]


def tables_of(app_label):
    """Every table an app's models own, many-to-many tables included."""
    names = set()
    for model in apps.get_app_config(app_label).get_models():
        names.add(model._meta.db_table)
        names.update(field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many)
    return names


def applied(app_label):
    executor = MigrationExecutor(connection)
    return {name for app, name in executor.loader.applied_migrations if app == app_label}


def on_disk(app_label):
    executor = MigrationExecutor(connection)
    return {name for app, name in executor.loader.disk_migrations if app == app_label}


def pending():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def structure(app_label):
    """Each of the app's tables with its columns, and its constraints and indexes by name: what migrations make."""
    with connection.cursor() as cursor:
        return {
            table: (
                sorted(column.name for column in connection.introspection.get_table_description(cursor, table)),
                {
                    name: (tuple(c["columns"]), c["primary_key"], c["unique"], c["foreign_key"], c["check"], c["index"])
                    for name, c in connection.introspection.get_constraints(cursor, table).items()
                },
            )
            for table in sorted(tables_of(app_label))
        }


@pytest.fixture
def live_database(django_db_setup, django_db_blocker):
    """The test database without the per-test transaction; left migrated and loaded, whatever the test did."""
    if connection.settings_dict["NAME"] == REAL_DATABASE:
        pytest.fail(f"Not on the test database: {REAL_DATABASE} is not to be migrated to zero.")
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            call_command("migrate", verbosity=0)
            load_timeline(fixtures_dir=settings.FIXTURES_DIR)


@pytest.mark.django_db
def test_every_migration_on_disk_is_applied_to_the_test_database():
    # Marked, unlike the tests below (they take the database without its transaction): pytest-django sets
    # the test database up only for a session with a marked test, so this module must have one of its own.
    assert all(applied(app_label) == on_disk(app_label) for app_label in APPS) and not pending()


@pytest.mark.parametrize("app_label", APPS)
def test_an_apps_migrations_roll_back_to_zero_and_apply_again(live_database, app_label):
    assert applied(app_label) == on_disk(app_label) and not pending()
    built = structure(app_label)

    call_command("migrate", app_label, "zero", verbosity=0)
    assert applied(app_label) == set()
    assert not tables_of(app_label) & set(connection.introspection.table_names())

    call_command("migrate", verbosity=0)
    assert applied(app_label) == on_disk(app_label) and not pending()
    assert structure(app_label) == built  # the same tables, columns, constraints and indexes (GIN ones too)


def rebuilt_and_loaded():
    """Every app back to zero, forwards again, the knowledge base loaded into the empty tables: every row."""
    for app_label in reversed(APPS):  # the dependents first, though migrate would unapply them anyway
        call_command("migrate", app_label, "zero", verbosity=0)
    assert not any(applied(app_label) for app_label in APPS)
    call_command("migrate", verbosity=0)
    report = load_timeline(fixtures_dir=settings.FIXTURES_DIR)
    assert report.changed > 0  # loaded anew, not found already there
    return every_row()


def test_the_knowledge_base_loads_the_same_after_every_app_went_back_to_zero(live_database):
    first = rebuilt_and_loaded()
    assert all(first[label] for label in ("talks.TalkRound", "talks.Milestone", "sources.Citation"))

    assert rebuilt_and_loaded() == first  # every row, id and field, after a second round trip
    assert load_timeline(fixtures_dir=settings.FIXTURES_DIR).changed == 0  # and a load over it changes nothing
