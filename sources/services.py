"""Writes of the sources app: a record's citations, kept exactly as described."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from dataversion.services import data_changed

from .models import Citation

CITED_TWICE = "The record already cites this quote from this source for this fact."
NO_CITATION = "A record needs at least one citation."


def citations_sync(subject, wanted: Iterable[tuple], *, sources=None) -> dict:
    """Make `subject`'s citations exactly `wanted`, (source id, quote, supports, note) each, keeping the ones that
    stay (and so their ids and anchors). With `sources`, only the citations from those sources are made exact and
    the others are left alone: an article brought in later adds its quotes without touching the others'.

    Every problem is reported at once on `citations`, numbered as given: none at all, one fact cited twice from
    one source, a quote not found verbatim. Returns how many were created, removed and kept.
    """
    wanted = list(wanted)
    content_type = ContentType.objects.get_for_model(subject)
    current = Citation.objects.filter(content_type=content_type, object_id=subject.pk)
    if sources is not None:
        current = current.filter(source_id__in=sources)
    current = {(c.source_id, c.quote, c.supports, c.note): c for c in current}
    if not wanted:
        others = Citation.objects.filter(content_type=content_type, object_id=subject.pk)
        if sources is None or not others.exclude(source_id__in=sources).exists():
            raise ValidationError({"citations": [NO_CITATION]})
    stale = [c.pk for key, c in current.items() if key not in wanted]
    Citation.objects.filter(pk__in=stale).delete()
    errors, facts, created = [], set(), 0
    for number, (source_id, quote, supports, note) in enumerate(wanted, start=1):
        if (source_id, quote, supports) in facts:
            errors.append(f"Citation {number}: {CITED_TWICE}")
            continue
        facts.add((source_id, quote, supports))
        if (source_id, quote, supports, note) in current:
            continue
        citation = Citation(content_type=content_type, object_id=subject.pk, source_id=source_id, quote=quote)
        citation.supports, citation.note = supports, note
        try:
            citation.full_clean()
        except ValidationError as error:
            errors += [f"Citation {number}: {message}" for message in error.messages]
            continue
        citation.save()
        current[(source_id, quote, supports, note)] = citation
        created += 1
    if errors:
        raise ValidationError({"citations": errors})
    data_changed()
    return {"created": created, "removed": len(stale), "unchanged": len(facts) - created}


def refuse_cited_twice(citation):
    """No unique constraint keeps a quote from being cited twice for one fact (see Citation.Meta): this does."""
    same = Citation.objects.filter(
        content_type_id=citation.content_type_id,
        object_id=citation.object_id,
        source_id=citation.source_id,
        quote=citation.quote,
        supports=citation.supports,
    )
    if same.exclude(pk=citation.pk).exists():
        raise ValidationError({"quote": CITED_TWICE})
