import json
from collections import Counter

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from ingest.management.reading import add_article_arguments, bytes_at, command_error
from ingest.reading import ingest_arguments
from ingest.services import as_shape, ingest_article


class Command(BaseCommand):
    help = (
        "Take in one article (a .txt file, a saved .html page, or - for standard input) as a draft source with "
        "the facts it states as proposals for review, in the admin. Nothing is public until the review is published."
    )

    def add_arguments(self, parser):
        add_article_arguments(parser)
        parser.add_argument("--title", help="The article's title (default: the page's title, or the first line).")
        parser.add_argument("--author", help="Its author (default: the page's).")
        parser.add_argument("--publisher", help="Its publisher (default: the page's site name).")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the proposals in the fixed JSON shape."
        )

    def handle(self, *args, path, published, published_latest, title, author, publisher, as_json, **options):
        try:
            arguments = ingest_arguments(
                data=bytes_at(path),
                name="" if path == "-" else path,
                published=published,
                published_latest=published_latest,
                title=title,
                author=author,
                publisher=publisher,
            )
            batch = ingest_article(**arguments, user=None)
        except ValidationError as error:
            raise command_error(error) from error
        shape = as_shape(batch)
        if as_json:
            self.stdout.write(dumps(shape))
            return
        kinds = Counter(p["kind"] for p in shape["proposals"])
        matches = sum(1 for p in shape["proposals"] if p["match"])
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        published = shape["source"]["published"]
        self.stdout.write(
            f"Ingested “{batch.source}” as the draft source {batch.source.slug} (published {published}).\n"
            f"{len(shape['proposals'])} proposals: {counts}; {matches} tied to existing records.\n"
            f"Review them, then publish: {batch.get_absolute_url()}"
        )


def dumps(shape):
    return json.dumps(shape, ensure_ascii=False, indent=2)
