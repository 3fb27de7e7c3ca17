from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dataset.services import release_make


class Command(BaseCommand):
    help = "Freeze the public data as a versioned Frictionless Data Package (and its zip) under RELEASES_DIR."

    def add_arguments(self, parser):
        parser.add_argument("version", help="A year and a number, as 2026.1.")

    def handle(self, *args, version, **options):
        try:
            release = release_make(version=version)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        rows = sum(release.counts.values())
        size = sum(entry["bytes"] for entry in release.files.values())
        self.stdout.write(
            f"Release {release.version}: {rows:,} rows in {len(release.counts)} tables, {len(release.files)} files "
            f"({size:,} bytes), zip {release.zip_bytes:,} bytes, in {release.name}/."
        )
