from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from ingest.extraction import AnchorDate, KnowledgeBase, extract
from ingest.management.reading import add_article_arguments, article_at


class Command(BaseCommand):
    help = (
        "Read one article (plain text, or a saved web page with --html) and print the facts it states as proposals "
        "tied to the knowledge base, in JSON. Reads the fixture files, never the database; writes nothing."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        add_article_arguments(parser)
        parser.add_argument("--html", action="store_true", help="The file is a saved web page (.html is enough).")
        parser.add_argument("--slug", help="The source's slug (default: from the title).")
        parser.add_argument("--title", help="The article's title (default: its first line, or the page's title).")
        parser.add_argument("--fixtures-dir", default=settings.FIXTURES_DIR, help="Where the knowledge base is.")
        parser.add_argument("--indent", type=int, default=2, help="JSON indentation (0 for one line).")

    def handle(self, *args, path, published, published_latest, html, slug, title, fixtures_dir, indent, **options):
        article = article_at(path, html=html or None)
        raw, metadata = article.text, article.metadata
        published = published or metadata.get("date")
        if not published:
            raise CommandError("The publication date is needed: --published 2021-09-30 (or 2021-09, or 2021).")
        try:
            anchor = AnchorDate.from_iso(published, published_latest)
        except ValueError as error:
            raise CommandError(f"--published: {error}") from error
        kb = KnowledgeBase.from_fixture_dir(fixtures_dir)
        title = title or metadata.get("title") or next((line.strip() for line in raw.splitlines() if line.strip()), "")
        result = extract(raw, published=anchor, kb=kb, source_slug=slug or slugify(title)[:80] or None, title=title)
        self.stdout.write(result.to_json(indent=indent or None))
