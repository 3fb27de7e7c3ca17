"""An article as it arrives, a file's bytes or pasted text, read into its text and what its page says of it.

One reading for every door: the `ingest` and `extract_article` commands, the admin's "Add an article" and
`POST /api/ingest/`. What cannot be read as an article is refused with a message saying why.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from ingest.extraction import reduce_html

HTML_SUFFIXES = (".html", ".htm")
# Bytes that never occur in text: a NUL, or most of the C0 controls, say the file is binary (an image, a PDF).
CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) - {27}


@dataclass
class ReadArticle:
    text: str
    metadata: dict = field(default_factory=dict)  # title, author, date, sitename: None where not given


def is_html(name):
    return str(name or "").lower().endswith(HTML_SUFFIXES)


def decode(data: bytes, *, name="the file"):
    """The bytes as UTF-8 text (a byte-order mark dropped), or a ValidationError saying what is wrong."""
    if not data or not data.strip():
        raise ValidationError(f"{name} is empty: there is no text to read.", code="empty")
    sample = data[:4096]
    if b"\x00" in sample or sum(byte in CONTROL for byte in sample) > len(sample) // 100:
        raise ValidationError(
            f"{name} is a binary file, not text: save the article as plain text (.txt) or as a web page (.html).",
            code="binary",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start} cannot be "
            "read): save it as UTF-8 and try again.",
            code="encoding",
        ) from error


def read_article(data, *, name="", html=None):
    """An article from a file's bytes or from text: a saved web page (`html`, or by default by its name, .html or
    .htm) is reduced to the article's text and metadata with trafilatura; anything else is the text, exactly."""
    label = f"“{name}”" if name else "The article"
    text = decode(data, name=label) if isinstance(data, bytes) else str(data or "")
    if not text.strip():
        raise ValidationError(f"{label} is empty: there is no text to read.", code="empty")
    if not (is_html(name) if html is None else html):
        return ReadArticle(text)
    text, metadata = reduce_html(text)
    if not text.strip():
        raise ValidationError(f"No article text was found in {label}.", code="empty")
    return ReadArticle(text, metadata)


def ingest_arguments(*, data, name="", field="text", published=None, published_latest=None, title=None,
                     author=None, publisher=None) -> dict:  # fmt: skip
    """What a door was given (a file's bytes or pasted text, and the options) as `ingest_article`'s arguments:
    the article read, and what was not given taken from the page's metadata (title, author, site, date).

    A reading failure is reported on `field` (the form's or request's file or text); a missing date on
    `published`."""
    try:
        article = read_article(data, name=name)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    meta = article.metadata
    published = published or meta.get("date")
    if not published:
        where = "the page gives none" if meta else "a plain text carries none"
        raise ValidationError(
            {"published": f"The publication date is needed and {where}: give it as 2017-02-24, 2017-02 or 2017."}
        )
    return {
        "text": article.text,
        "published": published,
        "published_latest": published_latest or None,
        "title": title or meta.get("title") or "",
        "author": author or meta.get("author") or "",
        "publisher": publisher or meta.get("sitename") or "",
    }
