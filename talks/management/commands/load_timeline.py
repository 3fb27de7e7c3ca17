from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from talks.loader import FixtureError, load_timeline


class Command(BaseCommand):
    help = "Load the knowledge base from fixtures/ in one transaction; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures-dir", default=settings.FIXTURES_DIR, help="Where the fixture files are.")

    def handle(self, *args, fixtures_dir, **options):
        try:
            report = load_timeline(fixtures_dir=fixtures_dir)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        verdict = f"{report.changed} records created or updated." if report.changed else "Already up to date."
        self.stdout.write(self.style.SUCCESS(verdict))
