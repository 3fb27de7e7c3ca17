"""Writes of the timeline's records, for the API and the admin: one transaction each, the timeline's rules first
(so each broken rule is reported on its field), then full_clean() (every database constraint, as a backstop)
and save(); the search column follows. Records from an outside description enter through talks/loader.py.

Each write names its `reason`, which the history keeps with every row the write makes (toolkit/history.py).
`dated_record_save` and `citation_save` are the admin's steps: it runs them inside its own `recorded` block.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from actors.models import Envoy
from dataversion.services import data_changed
from sources.dates import NOTED_BASES, DateBasis, Precision, normalise
from sources.models import Citation, Source
from sources.services import NO_CITATION, citations_sync, refuse_cited_twice
from toolkit.history import recorded

from .models import Milestone, Process, Resolution, TalkRound, Venue
from .search_index import refresh_record

RELATIONS = {
    TalkRound: ("envoys", "resolutions"),
    Milestone: ("people", "delegations", "resolutions"),
    Resolution: (),
}


def round_create(
    *,
    title: str,
    slug: str,
    process: Process,
    citations: Sequence[Mapping[str, Any]],
    reason: str,
    start_date: datetime.date | None = None,
    date_precision: str = "",
    venue: Venue | None = None,
    start_latest: datetime.date | None = None,
    end_date: datetime.date | None = None,
    date_basis: str = DateBasis.STATED,
    date_note: str = "",
    inference_note: str = "",
    round_number: int | None = None,
    status: str = TalkRound.Status.HELD,
    format: str = TalkRound.Format.ROUND,
    summary: str = "",
    outcome: str = "",
    envoys: Iterable[Envoy] = (),
    resolutions: Iterable[Resolution] = (),
) -> TalkRound:
    fields = {
        "title": title,
        "slug": slug,
        "process": process,
        "venue": venue,
        "start_date": start_date,
        "start_latest": start_latest,
        "end_date": end_date,
        "date_precision": date_precision,
        "date_basis": date_basis,
        "date_note": date_note,
        "inference_note": inference_note,
        "round_number": round_number,
        "status": status,
        "format": format,
        "summary": summary,
        "outcome": outcome,
    }
    relations = {"envoys": envoys, "resolutions": resolutions}
    return _save_dated(TalkRound(), fields=fields, relations=relations, citations=citations, reason=reason)


def round_update(*, talk_round: TalkRound, data: Mapping[str, Any], reason: str) -> TalkRound:
    """Change the fields given (a PATCH gives some, a PUT all); `citations`, when given, become the record's."""
    return _save_dated(talk_round, **_split(TalkRound, data), reason=reason)


def milestone_create(*, data: Mapping[str, Any], reason: str) -> Milestone:
    return _save_dated(Milestone(), **_split(Milestone, data, creating=True), reason=reason)


def milestone_update(*, milestone: Milestone, data: Mapping[str, Any], reason: str) -> Milestone:
    return _save_dated(milestone, **_split(Milestone, data), reason=reason)


def resolution_create(*, data: Mapping[str, Any], reason: str) -> Resolution:
    return _save_dated(Resolution(), **_split(Resolution, data, creating=True), reason=reason)


def resolution_update(*, resolution: Resolution, data: Mapping[str, Any], reason: str) -> Resolution:
    return _save_dated(resolution, **_split(Resolution, data), reason=reason)


def _split(model, data, *, creating=False):
    data = dict(data)
    citations = data.pop("citations", None)
    if creating and not citations:
        raise ValidationError({"citations": [NO_CITATION]})
    relations = {name: data.pop(name) for name in RELATIONS[model] if name in data}
    return {"fields": data, "relations": relations, "citations": citations}


@transaction.atomic
def _save_dated(obj, *, fields, relations, citations, reason):
    with recorded(reason):
        for name, value in fields.items():
            setattr(obj, name, value)
        dated_record_save(obj)
        for name, targets in relations.items():
            getattr(obj, name).set(targets)
        if citations is not None:
            wanted = [(c["source"].pk, c["quote"], c.get("supports", ""), c.get("note", "")) for c in citations]
            citations_sync(obj, wanted)
    refresh_record(type(obj), obj.pk)
    return obj


def dated_record_save(obj):
    """Save a round, milestone or resolution as it stands: the timeline's rules, full_clean(), save().

    The API's writes and the admin's saves both come through here (the search column follows once the
    record's relations and citations are saved: `refresh_record`)."""
    check_dated_record(obj)
    try:
        obj.full_clean()
        with transaction.atomic():  # a savepoint: the transaction goes on after the database refuses the row
            obj.save()
            data_changed()
    except (ValidationError, IntegrityError):
        # Another request may have taken the slug or the round number since the checks ran: the database
        # then refuses the row, or full_clean() reports the unique constraint without naming a field. Run
        # the checks again: they now see the other row and name the field. Anything else is raised as it was.
        check_dated_record(obj)
        obj.full_clean()
        raise
    return obj


def check_dated_record(obj):
    """The date rules and a round's number, with a message on the field at fault; normalises a month or year."""
    errors = {}
    if obj.start_date is None and obj.end_date is None:
        if obj.date_precision:
            errors["date_precision"] = "An undated record has no precision: leave it empty."
        if obj.start_latest is not None:
            errors["start_latest"] = "A window needs its earliest date too, in start_date."
    elif obj.start_date is None and obj.start_latest is not None:
        errors["start_latest"] = "A window needs its earliest date too, in start_date."
    elif not obj.date_precision:
        errors["date_precision"] = "Say how precise the date is: day, month or year."
    elif obj.date_precision in Precision.values:
        # A month is stored as its first day and a year as 1 January: no day is invented.
        obj.start_date = normalise(obj.start_date, obj.date_precision)
        obj.start_latest = normalise(obj.start_latest, obj.date_precision)
        obj.end_date = normalise(obj.end_date, obj.date_precision)
        if obj.start_date is not None and obj.end_date is not None and obj.end_date < obj.start_date:
            errors["end_date"] = "The end cannot be before the start."
        if obj.start_latest is not None:
            if obj.start_latest <= obj.start_date:
                errors["start_latest"] = "The latest possible start must come after the earliest, at this precision."
            elif obj.end_date is not None:
                errors["start_latest"] = "A date is either a window of possible starts or a span with an end."
    if obj.date_basis in NOTED_BASES and not obj.date_note.strip():
        errors["date_note"] = (
            "An inferred date needs a note saying how it was worked out."
            if obj.date_basis == DateBasis.INFERRED
            else "A date from outside the articles needs a note naming the reference."
        )
    if isinstance(obj, TalkRound) and obj.round_number and obj.process_id:
        taken = TalkRound.objects.filter(process_id=obj.process_id, round_number=obj.round_number)
        if taken.exclude(pk=obj.pk).exists():
            errors["round_number"] = f"{obj.process} already has a round {obj.round_number}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def citation_create(
    *, subject: models.Model, source: Source, quote: str, reason: str, supports: str = "", note: str = ""
) -> Citation:
    with recorded(reason):
        return citation_save(Citation(subject=subject, source=source, quote=quote, supports=supports, note=note))


@transaction.atomic
def citation_update(*, citation: Citation, data: Mapping[str, Any], reason: str) -> Citation:
    for name in ("source", "quote", "supports", "note"):
        if name in data:
            setattr(citation, name, data[name])
    with recorded(reason):
        return citation_save(citation)


@transaction.atomic
def citation_save(citation: Citation) -> Citation:
    """A citation as it stands: verbatim, not a second citation of one fact; its record's search column follows.
    The API's writes and the admin's saves both come through here."""
    citation.full_clean()
    refuse_cited_twice(citation)
    citation.save()
    refresh_record(citation.content_type.model_class(), citation.object_id)
    data_changed()
    return citation


LAST_CITATION = "This is the record's only citation: add another before removing it."


@transaction.atomic
def citation_delete(*, citation: Citation, reason: str) -> None:
    """Remove a citation, unless it is the last behind its record: every fact stays traceable.

    The record's row is locked first, so two requests deleting its last two citations take turns: the
    second counts after the first has committed, and is refused. (Counting alone, each saw the other's
    citation and both went ahead.) Writes that replace a record's citations lock its row too, by saving it.
    """
    subject = citation.content_type.model_class()._default_manager
    list(subject.select_for_update().filter(pk=citation.object_id).values_list("pk"))  # evaluated: the lock
    if citation_is_last(citation):
        raise ValidationError(LAST_CITATION)
    with recorded(reason):
        citation.delete()
    refresh_record(citation.content_type.model_class(), citation.object_id)
    data_changed()


def citation_is_last(citation: Citation) -> bool:
    siblings = Citation.objects.filter(content_type_id=citation.content_type_id, object_id=citation.object_id)
    return not siblings.exclude(pk=citation.pk).exists()
