"""The commands' door to an article: a path or standard input, read as every other door reads it."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from ingest.reading import read_article


def add_article_arguments(parser):
    """The arguments every command that reads an article takes: where it is, and when it was published."""
    parser.add_argument("path", help="The article: a .txt or .html/.htm file, or - for standard input (text).")
    parser.add_argument(
        "--published",
        help="Its publication date as precise as it is known: 2017-02-24, 2017-02 or 2017. Relative dates "
        "('last month', 'on Thursday') are read against it. Taken from a saved page's metadata when not given.",
    )
    parser.add_argument(
        "--published-latest",
        help="For a date known only to lie in a window: its latest day (with --published as the earliest).",
    )


def bytes_at(path):
    """The bytes at `path` (- for standard input), or a CommandError saying why they cannot be read."""
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error


def article_at(path, *, html=None):
    """The article at `path` (- for standard input), or a CommandError saying why it cannot be read."""
    data = bytes_at(path)
    try:
        return read_article(data, name="" if path == "-" else path, html=html)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error


def command_error(error: ValidationError):
    """A refusal as the command's: each message, prefixed by the option it is about."""
    if not hasattr(error, "error_dict"):
        return CommandError(" ".join(error.messages))
    options = {"published", "published_latest", "title", "author", "publisher"}
    lines = [f"--{name.replace('_', '-')}: {m}" if name in options else m
             for name, messages in error.message_dict.items() for m in messages]  # fmt: skip
    return CommandError(" ".join(lines))
