import json

from django.conf import settings
from django.core.management.base import BaseCommand

from ingest.evaluation import evaluate, markdown


class Command(BaseCommand):
    help = "Leave-one-out evaluation of the extraction engine over the curated articles (no database needed)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--fixtures-dir", default=settings.FIXTURES_DIR, help="Where the fixture files are.")
        parser.add_argument("--json", action="store_true", help="Print the whole result as JSON.")

    def handle(self, *args, fixtures_dir, json: bool, **options):
        result = evaluate(fixtures_dir)
        if json:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(markdown(result))


def _dumps(result):
    return json.dumps(result, indent=1, ensure_ascii=False)
