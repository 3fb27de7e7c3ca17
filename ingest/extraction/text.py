"""Sentences as character spans of the article's text, so that every quote is a slice of it."""

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # exactly text[start:end]

    def slice(self, start, end):
        """Offsets relative to the sentence, as absolute offsets of the article."""
        return self.start + start, self.start + end


@cache
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text):
    """The article's sentences: paragraphs (lines) split by pysbd, trimmed, as spans of `text`.

    Repeated paragraphs (a photo caption printed twice) are kept once: the first is cited.
    """
    result, seen = [], set()
    for paragraph in re.finditer(r"[^\n]+", text):
        offset = paragraph.start()
        for span in _segmenter().segment(paragraph.group()):
            raw = span.sent
            start = offset + span.start + (len(raw) - len(raw.lstrip()))
            end = offset + span.start + len(raw.rstrip())
            if end <= start or text[start:end] in seen:
                continue
            seen.add(text[start:end])
            result.append(Sentence(len(result), start, end, text[start:end]))
    return result


def quote(text, start, end):
    """A verbatim quote: the slice of the text, trimmed of surrounding blanks (never re-joined)."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return text[start + left : start + right]
