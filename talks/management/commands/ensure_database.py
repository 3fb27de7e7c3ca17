from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = (
        "Create the PostgreSQL database that DATABASE_URL names, if the server does not have it yet. "
        "Nothing to do on SQLite, which makes its file itself."
    )

    def handle(self, *args, **options):
        database = connections[DEFAULT_DB_ALIAS]
        if database.vendor != "postgresql":
            return
        name = database.settings_dict["NAME"]
        # The server's `postgres` database, since the one named cannot be connected to until it exists: the
        # way Django's test runner reaches the server to create the test database.
        with database._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return
            cursor.execute(f"CREATE DATABASE {database.ops.quote_name(name)}")
        self.stdout.write(f"Created the database {name}.")
