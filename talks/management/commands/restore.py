from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from dataversion.services import data_changed
from toolkit.history import unrecorded

from .backup import EXCLUDED


class Command(BaseCommand):
    help = "Replace the database's records with a backup's, in one transaction: on any error nothing changes."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--replace", action="store_true", help="Allow replacing a database that has data.")

    def handle(self, *args, path, replace, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        connection = connections[DEFAULT_DB_ALIAS]
        models = [
            model
            for model in apps.get_models()
            if model._meta.app_label not in EXCLUDED and model._meta.label not in EXCLUDED
        ]
        has_data = any(model.objects.exists() for model in models if model._meta.managed)
        if has_data and not replace:
            raise CommandError("The database already holds records; pass --replace to overwrite them.")
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            tables = [model._meta.db_table for model in models if model._meta.managed]
            tables += [f.m2m_db_table() for model in models for f in model._meta.local_many_to_many]
            connection.ops.execute_sql_flush(connection.ops.sql_flush(self.style, tables))
            with unrecorded():
                call_command("loaddata", str(path), verbosity=0)
            data_changed()
        self.stdout.write(f"Restored {path}.")
