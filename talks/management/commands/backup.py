from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Content types and permissions are rebuilt by `migrate`; sessions are not worth keeping. Everything
# else, editors and their tokens included, goes into the backup, with natural keys for content types
# so that a citation restores onto the right kind of record in any database.
# The data version is not data: a restore bumps it past any version a client may have seen.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "dataversion"]


class Command(BaseCommand):
    help = "Write every record to a JSON file that `restore` reads back exactly."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        path.parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            *[f"--exclude={label}" for label in EXCLUDED if label.split(".")[0] in apps.app_configs],
            "--natural-foreign",
            "--format=json-exact",
            "--indent=1",
            f"--output={path}",
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
