"""Writes that span the apps: loading the knowledge base from its fixtures."""

import datetime
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from actors.models import Delegation, Envoy, Person, Role
from sources.dates import NOTED_BASES, DateBasis, Precision, normalise
from sources.models import Citation, Figure, Source

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue

FIXTURE_FILES = ("sources.json", "actors.json", "talks.json", "figures.json")


class FixtureError(Exception):
    """A fixture record that cannot be loaded; nothing of the load is kept."""


@dataclass
class LoadReport:
    counts: dict = field(default_factory=lambda: defaultdict(Counter))

    def count(self, model, outcome, n=1):
        self.counts[model._meta.verbose_name_plural][outcome] += n

    @property
    def changed(self):
        return sum(c["created"] + c["updated"] + c["removed"] for c in self.counts.values())

    def lines(self):
        for name, c in sorted(self.counts.items()):
            total = c["created"] + c["updated"] + c["unchanged"]
            removed = f", {c['removed']} removed" if c["removed"] else ""
            yield (
                f"{name}: {total} ({c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged{removed})"
            )


def parse_partial_date(value):
    """'2018-01-25' -> day, '2018-01' -> month, '2018' -> year; None -> undated."""
    if value is None:
        return None, ""
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            return datetime.date.fromisoformat(value), Precision.DAY
        if len(parts) == 2:
            return datetime.date(int(parts[0]), int(parts[1]), 1), Precision.MONTH
        if len(parts) == 1:
            return datetime.date(int(parts[0]), 1, 1), Precision.YEAR
    except ValueError as error:
        raise FixtureError(f"{value!r} is not an ISO date, month or year: {error}") from error
    raise FixtureError(f"{value!r} is not an ISO date, month or year")


def dated_fields(record, *, date_key="start", prefix=None):
    """The model fields for a record's partial date: its window's latest bound and, for timeline items, its end.

    A timeline item gives `start`, optionally `start_latest` (a window) or `end`; a nested date (a source's
    publication, a figure's as-of date) gives `date` and optionally `latest`. Both bounds of a window, and
    both ends of a span, are written to the same precision.
    """
    start, precision = parse_partial_date(record.get(date_key))
    basis = record.get("basis", DateBasis.STATED)
    note = record.get("note", "")
    latest_key = "latest" if prefix else "start_latest"
    latest, latest_precision = parse_partial_date(record.get(latest_key))
    if latest and latest_precision != precision:
        raise FixtureError(
            f"{date_key} {record.get(date_key)!r} and {latest_key} {record.get(latest_key)!r} differ in precision"
        )
    if prefix:
        return {
            prefix: start,
            f"{prefix}_latest": latest,
            f"{prefix}_precision": precision,
            f"{prefix}_basis": basis,
            f"{prefix}_note": note,
        }
    end, end_precision = parse_partial_date(record.get("end"))
    if end and start and end_precision != precision:
        raise FixtureError(f"start {record.get(date_key)!r} and end {record.get('end')!r} differ in precision")
    if end and not start:
        if latest:
            raise FixtureError("a window of possible starts needs its earliest start, in 'start'")
        precision = end_precision  # dated only by its end
    return {
        "start_date": start,
        "start_latest": latest,
        "end_date": end,
        "date_precision": precision,
        "date_basis": basis,
        "date_note": note,
    }


class _Loader:
    def __init__(self, report):
        self.report = report
        self.by_slug = defaultdict(dict)

    def ref(self, model, slug):
        if slug is None:
            return None
        try:
            return self.by_slug[model][slug]
        except KeyError:
            raise FixtureError(f"unknown {model._meta.verbose_name} {slug!r}") from None

    def upsert(self, model, lookup, fields, *, m2m=None, citations=None):
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        obj = obj or model(**lookup)
        changed = created
        for name, value in fields.items():
            field = model._meta.get_field(name)
            if field.many_to_one or field.one_to_one:
                # Compare keys, not instances: an unsaved record has no related object to fetch.
                name, value = field.attname, value.pk if value is not None else None
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        if changed:
            obj.full_clean()
            obj.save()
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                changed = True
        if citations is not None:
            changed = self.cite(obj, citations) or changed
        self.report.count(model, "created" if created else "updated" if changed else "unchanged")
        if "slug" in lookup:
            self.by_slug[model][lookup["slug"]] = obj
        return obj

    def cite(self, obj, citations):
        """Make obj's citations exactly the fixture's; report whether anything changed."""
        if not citations:
            raise FixtureError(f"{obj._meta.verbose_name} {obj} has no citation")
        wanted = {
            (self.ref(Source, c["source"]).pk, c["quote"], c.get("supports", ""), c.get("note", "")) for c in citations
        }
        content_type = ContentType.objects.get_for_model(obj)
        current = {
            (c.source_id, c.quote, c.supports, c.note): c
            for c in Citation.objects.filter(content_type=content_type, object_id=obj.pk)
        }
        stale = [c.pk for key, c in current.items() if key not in wanted]
        Citation.objects.filter(pk__in=stale).delete()
        missing = sorted(wanted - current.keys())
        self.report.count(Citation, "removed", len(stale))
        self.report.count(Citation, "created", len(missing))
        self.report.count(Citation, "unchanged", len(wanted) - len(missing))
        for source_id, quote, supports, note in missing:
            citation = Citation(
                source_id=source_id,
                quote=quote,
                supports=supports,
                note=note,
                content_type=content_type,
                object_id=obj.pk,
            )
            citation.full_clean()
            citation.save()
        return bool(stale or missing)

    def each(self, label, records, load):
        for index, record in enumerate(records):
            try:
                load(record)
            except (ValidationError, FixtureError, KeyError, TypeError) as error:
                where = f"{label}[{index}] ({record.get('slug') or record.get('title') or ''})"
                raise FixtureError(f"{where}: {error}") from error

    def source(self, r):
        self.upsert(
            Source,
            {"slug": r["slug"]},
            {
                "title": r["title"],
                "headline_printed": r.get("headline_printed", True),
                "author": r.get("author", ""),
                "publisher": r.get("publisher", ""),
                "publisher_note": r.get("publisher_note", ""),
                "file_name": r["file_name"],
                "text": r["text"],
                **dated_fields(r["published"], date_key="date", prefix="published"),
            },
        )

    def person(self, r):
        person = self.upsert(
            Person,
            {"slug": r["slug"]},
            {"name": r["name"], "aliases": r.get("aliases", []), "description": r.get("description", "")},
            citations=r["citations"],
        )
        for role in r.get("roles", []):
            self.upsert(
                Role,
                {"person": person, "title": role["title"]},
                {"delegation": self.ref(Delegation, role.get("delegation"))},
                citations=role["citations"],
            )

    def delegation(self, r):
        self.upsert(
            Delegation,
            {"slug": r["slug"]},
            {
                "name": r["name"],
                "abbreviation": r.get("abbreviation", ""),
                "side": r["side"],
                "aliases": r.get("aliases", []),
                "description": r.get("description", ""),
            },
            citations=r["citations"],
        )

    def envoy(self, r):
        self.upsert(
            Envoy,
            {"slug": r["slug"]},
            {"name": r["name"], "title": r["title"], "person": self.ref(Person, r["person"])},
            citations=r["citations"],
        )

    def process(self, r):
        self.upsert(
            Process,
            {"slug": r["slug"]},
            {
                "name": r["name"],
                "short_name": r.get("short_name", ""),
                "convened_by": r.get("convened_by", ""),
                "description": r.get("description", ""),
            },
            citations=r["citations"],
        )

    def venue(self, r):
        self.upsert(
            Venue,
            {"slug": r["slug"]},
            {
                "name": r["name"],
                "country": r["country"],
                "latitude": Decimal(r["latitude"]),
                "longitude": Decimal(r["longitude"]),
                "description": r.get("description", ""),
            },
            citations=r["citations"],
        )

    def resolution(self, r):
        self.upsert(
            Resolution,
            {"slug": r["slug"]},
            {
                "name": r["name"],
                "code": r["code"],
                "kind": r["kind"],
                "title": r.get("title", ""),
                "adopted_by": r.get("adopted_by", ""),
                "vote": r.get("vote", ""),
                "calls_for": r.get("calls_for", ""),
                **dated_fields(r),
            },
            citations=r["citations"],
        )

    def round(self, r):
        talk_round = self.upsert(
            TalkRound,
            {"slug": r["slug"]},
            {
                "title": r["title"],
                "process": self.ref(Process, r["process"]),
                "venue": self.ref(Venue, r.get("venue")),
                "round_number": r.get("round_number"),
                "status": r["status"],
                "format": r["format"],
                "summary": r.get("summary", ""),
                "outcome": r.get("outcome", ""),
                "inference_note": r.get("inference_note", ""),
                **dated_fields(r),
            },
            m2m={
                "envoys": [self.ref(Envoy, slug) for slug in r.get("envoys", [])],
                "resolutions": [self.ref(Resolution, slug) for slug in r.get("resolutions", [])],
            },
            citations=r["citations"],
        )
        wanted = set()
        for d in r.get("delegations", []):
            delegation = self.ref(Delegation, d["delegation"])
            wanted.add(delegation.pk)
            self.upsert(
                RoundDelegation,
                {"round": talk_round, "delegation": delegation},
                {
                    "head": self.ref(Person, d.get("head")),
                    "role": d.get("role", "participant"),
                    "note": d.get("note", ""),
                },
                citations=d["citations"],
            )
        talk_round.round_delegations.exclude(delegation__in=wanted).delete()

    def milestone(self, r):
        self.upsert(
            Milestone,
            {"slug": r["slug"]},
            {
                "title": r["title"],
                "category": r["category"],
                "summary": r.get("summary", ""),
                "venue": self.ref(Venue, r.get("venue")),
                "place": r.get("place", ""),
                "process": self.ref(Process, r.get("process")),
                "inference_note": r.get("inference_note", ""),
                **dated_fields(r),
            },
            m2m={
                "people": [self.ref(Person, slug) for slug in r.get("people", [])],
                "delegations": [self.ref(Delegation, slug) for slug in r.get("delegations", [])],
                "resolutions": [self.ref(Resolution, slug) for slug in r.get("resolutions", [])],
            },
            citations=r["citations"],
        )

    def figure(self, r):
        value = r.get("value")
        self.upsert(
            Figure,
            {"slug": r["slug"]},
            {
                "measure": r["measure"],
                "counts": r["counts"],
                "value": None if value is None else Decimal(str(value)),
                "value_text": r["value_text"],
                "qualifier": r.get("qualifier", "exact"),
                "unit": r["unit"],
                "place": r.get("place", ""),
                "note": r.get("note", ""),
                **dated_fields(r.get("as_of", {}), date_key="date", prefix="as_of"),
            },
            citations=r["citations"],
        )


def read_fixtures(fixtures_dir):
    data = {}
    for name in FIXTURE_FILES:
        path = Path(fixtures_dir) / name
        try:
            data.update(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise FixtureError(f"{path}: {error}") from error
    return data


@transaction.atomic
def load_timeline(*, fixtures_dir):
    """Load every fixture in one transaction; a second run changes nothing; a failure keeps nothing."""
    data = read_fixtures(fixtures_dir)
    report = LoadReport()
    loader = _Loader(report)
    for label, load in [
        ("sources", loader.source),
        ("delegations", loader.delegation),
        ("people", loader.person),
        ("envoys", loader.envoy),
        ("processes", loader.process),
        ("venues", loader.venue),
        ("resolutions", loader.resolution),
        ("rounds", loader.round),
        ("milestones", loader.milestone),
        ("figures", loader.figure),
    ]:
        loader.each(label, data.get(label, []), load)
    for model in SEARCHED_FIELDS:
        refresh_search_text(model)
    return report


SEARCHED_FIELDS = {
    TalkRound: ("title", "summary", "outcome"),
    Milestone: ("title", "summary"),
    Resolution: ("name", "title", "calls_for"),
}


def refresh_search_text(model, *, pks=None):
    """Recompute the search column from the record's own words and its citations' quotes."""
    fields = SEARCHED_FIELDS[model]
    rows = model.objects.all() if pks is None else model.objects.filter(pk__in=pks)
    quotes = defaultdict(list)
    citations = Citation.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if pks is not None:
        citations = citations.filter(object_id__in=pks)
    for object_id, quote in citations.order_by("pk").values_list("object_id", "quote"):
        quotes[object_id].append(quote)
    changed = []
    for obj in rows.only("pk", "search_text", *fields):
        text = "\n".join([*(getattr(obj, f) for f in fields), *quotes[obj.pk]])
        if obj.search_text != text:
            obj.search_text = text
            changed.append(obj)
    model.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)


# Writes from the API: keyword-only, the timeline's rules first (so each broken rule is reported on its
# field), then full_clean() (every database constraint, as a backstop) and save(), in one transaction.

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
    return _save_dated(TalkRound(), fields=fields, relations=relations, citations=citations)


def round_update(*, talk_round: TalkRound, data: Mapping[str, Any]) -> TalkRound:
    """Change the fields given (a PATCH gives some, a PUT all); `citations`, when given, become the record's."""
    return _save_dated(talk_round, **_split(TalkRound, data))


def milestone_create(*, data: Mapping[str, Any]) -> Milestone:
    return _save_dated(Milestone(), **_split(Milestone, data, creating=True))


def milestone_update(*, milestone: Milestone, data: Mapping[str, Any]) -> Milestone:
    return _save_dated(milestone, **_split(Milestone, data))


def resolution_create(*, data: Mapping[str, Any]) -> Resolution:
    return _save_dated(Resolution(), **_split(Resolution, data, creating=True))


def resolution_update(*, resolution: Resolution, data: Mapping[str, Any]) -> Resolution:
    return _save_dated(resolution, **_split(Resolution, data))


def _split(model, data, *, creating=False):
    data = dict(data)
    citations = data.pop("citations", None)
    if creating and not citations:
        raise ValidationError({"citations": ["A record needs at least one citation."]})
    relations = {name: data.pop(name) for name in RELATIONS[model] if name in data}
    return {"fields": data, "relations": relations, "citations": citations}


@transaction.atomic
def _save_dated(obj, *, fields, relations, citations):
    for name, value in fields.items():
        setattr(obj, name, value)
    _check_timeline_rules(obj)
    try:
        obj.full_clean()
        with transaction.atomic():  # a savepoint: the transaction goes on after the database refuses the row
            obj.save()
    except (ValidationError, IntegrityError):
        # Another request may have taken the slug or the round number since the checks ran: the database
        # then refuses the row, or full_clean() reports the unique constraint without naming a field. Run
        # the checks again: they now see the other row and name the field. Anything else is raised as it was.
        _check_timeline_rules(obj)
        obj.full_clean()
        raise
    for name, targets in relations.items():
        getattr(obj, name).set(targets)
    if citations is not None:
        _set_citations(obj, citations)
    refresh_search_text(type(obj), pks=[obj.pk])
    return obj


def _check_timeline_rules(obj):
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
        taken = TalkRound.objects.filter(process_id=obj.process_id, round_number=obj.round_number, is_synthetic=False)
        if not obj.is_synthetic and taken.exclude(pk=obj.pk).exists():
            errors["round_number"] = f"{obj.process} already has a round {obj.round_number}."
    if errors:
        raise ValidationError(errors)


def _set_citations(obj, citations):
    """Make obj's citations exactly these, keeping the ones that stay (and so their ids and anchors)."""
    if not citations:
        raise ValidationError({"citations": ["A record needs at least one citation."]})
    content_type = ContentType.objects.get_for_model(obj)
    current = {
        (c.source_id, c.quote, c.supports, c.note): c
        for c in Citation.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    wanted = [
        (c["source"].pk, c["quote"], c.get("supports", ""), c.get("note", ""))
        for c in citations
    ]  # fmt: skip
    Citation.objects.filter(pk__in=[c.pk for key, c in current.items() if key not in wanted]).delete()
    errors, facts = [], set()
    for number, (source_id, quote, supports, note) in enumerate(wanted, start=1):
        if (source_id, quote, supports) in facts:
            errors.append(f"Citation {number}: {CITED_TWICE}")
            continue
        facts.add((source_id, quote, supports))
        if (source_id, quote, supports, note) in current:
            continue
        citation = Citation(
            content_type=content_type, object_id=obj.pk, source_id=source_id, quote=quote, supports=supports, note=note
        )
        try:
            citation.full_clean()
        except ValidationError as error:
            errors += [f"Citation {number}: {message}" for message in error.messages]
            continue
        citation.save()
        current[(source_id, quote, supports, note)] = citation
    if errors:
        raise ValidationError({"citations": errors})


CITED_TWICE = "The record already cites this quote from this source for this fact."


def _refuse_cited_twice(citation):
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


@transaction.atomic
def citation_create(
    *, subject: models.Model, source: Source, quote: str, supports: str = "", note: str = ""
) -> Citation:
    citation = Citation(subject=subject, source=source, quote=quote, supports=supports, note=note)
    citation.full_clean()
    _refuse_cited_twice(citation)
    citation.save()
    _refresh_subject(citation)
    return citation


@transaction.atomic
def citation_update(*, citation: Citation, data: Mapping[str, Any]) -> Citation:
    for name in ("source", "quote", "supports", "note"):
        if name in data:
            setattr(citation, name, data[name])
    citation.full_clean()
    _refuse_cited_twice(citation)
    citation.save()
    _refresh_subject(citation)
    return citation


@transaction.atomic
def citation_delete(*, citation: Citation) -> None:
    """Remove a citation, unless it is the last behind its record: every fact stays traceable.

    The record's row is locked first, so two requests deleting its last two citations take turns: the
    second counts after the first has committed, and is refused. (Counting alone, each saw the other's
    citation and both went ahead.) Writes that replace a record's citations lock its row too, by saving it.
    """
    subject = citation.content_type.model_class()._default_manager
    list(subject.select_for_update().filter(pk=citation.object_id).values_list("pk"))  # evaluated: the lock
    siblings = Citation.objects.filter(content_type_id=citation.content_type_id, object_id=citation.object_id)
    if not siblings.exclude(pk=citation.pk).exists():
        raise ValidationError("This is the record's only citation: add another before removing it.")
    citation.delete()
    _refresh_subject(citation)


def _refresh_subject(citation):
    model = citation.content_type.model_class()
    if model in SEARCHED_FIELDS:
        refresh_search_text(model, pks=[citation.object_id])
