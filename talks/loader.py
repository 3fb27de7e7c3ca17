"""The one way records enter from an outside description: the fixtures today, an ingested article next.

A description is the fixtures' format (see the README): records by kind, referring to each other by slug,
dates as ISO strings whose form is their precision, citations inline. `load_records` writes it through the
models' own validation (full_clean: verbatim quotes, date rules, every constraint) in one transaction, and is
idempotent: loading the same description twice changes nothing the second time.
"""

import datetime
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Delegation, Envoy, Person, Role
from dataversion.services import data_changed
from sources.dates import DateBasis, Precision
from sources.models import Citation, Figure, Source
from sources.services import citations_sync
from toolkit.history import recorded

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from .search_index import SEARCHED_FIELDS, refresh_search_text

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


class Loader:
    """Writes described records kind by kind. A reference is to a record of this description or, failing that,
    to one already in the database: an ingested article refers to the venues and people the timeline knows.

    With `cited_from`, a record's citations from those sources only are made exactly the described ones, and
    its citations from other sources are kept; without it, its citations are made exactly the described ones.
    """

    def __init__(self, report, *, cited_from=None):
        self.report = report
        self.by_slug = defaultdict(dict)
        # Named by slug, kept by id: the citations are filtered by their source's id.
        self.cited_from = None if cited_from is None else {self.ref(Source, slug).pk for slug in cited_from}

    def ref(self, model, slug):
        if slug is None:
            return None
        if slug not in self.by_slug[model]:
            found = model.objects.filter(slug=slug).first()
            if found is None:
                raise FixtureError(f"unknown {model._meta.verbose_name} {slug!r}")
            self.by_slug[model][slug] = found
        return self.by_slug[model][slug]

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
        """Make obj's citations the described ones (see the class); report whether anything changed."""
        wanted = [
            (self.ref(Source, c["source"]).pk, c["quote"], c.get("supports", ""), c.get("note", "")) for c in citations
        ]
        # Sorted, so that the new citations' ids, and so their anchors (#quote-N), are the same on every load.
        outcome = citations_sync(obj, sorted(wanted), sources=self.cited_from)
        for name, n in outcome.items():
            self.report.count(Citation, name, n)
        return bool(outcome["created"] or outcome["removed"])

    def each(self, label, records, load):
        for index, record in enumerate(records):
            try:
                refuse_unknown_keys(label, record)
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
                "text_digest": Source.digest_of(r["text"]),
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
                "inference_note": r.get("inference_note", ""),
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


# What a record of each kind may say, beyond its citations: a key outside these is a typo that would be lost.
DATED = {"start", "start_latest", "end", "basis", "note", "inference_note"}
NESTED_DATE = {"date", "latest", "basis", "note"}
KEYS = {
    "sources": {"slug", "title", "headline_printed", "author", "publisher", "publisher_note", "published", "file_name",
                "text"},
    "delegations": {"slug", "name", "abbreviation", "side", "aliases", "description"},
    "people": {"slug", "name", "aliases", "description", "roles"},
    "envoys": {"slug", "name", "person", "title"},
    "processes": {"slug", "name", "short_name", "convened_by", "description"},
    "venues": {"slug", "name", "country", "latitude", "longitude", "description"},
    "resolutions": {"slug", "name", "code", "kind", "title", "adopted_by", "vote", "calls_for", *DATED},
    "rounds": {"slug", "title", "process", "venue", "round_number", "status", "format", "summary", "outcome",
               "envoys", "resolutions", "delegations", *DATED},
    "milestones": {"slug", "title", "category", "summary", "venue", "place", "process", "people", "delegations",
                   "resolutions", *DATED},
    "figures": {"slug", "measure", "counts", "value", "value_text", "qualifier", "unit", "place", "note", "as_of"},
}  # fmt: skip
NESTED = {
    ("people", "roles"): {"title", "delegation", "citations"},
    ("rounds", "delegations"): {"delegation", "head", "role", "note", "citations"},
}
CITATION_KEYS = {"source", "quote", "supports", "note"}


def refuse_unknown_keys(kind, record):
    def check(where, data, allowed):
        if unknown := sorted(set(data) - allowed - {"citations"}):
            raise FixtureError(f"{where}: unknown {'key' if len(unknown) == 1 else 'keys'} {', '.join(unknown)}")
        for citation in data.get("citations", []):
            if unknown := sorted(set(citation) - CITATION_KEYS):
                raise FixtureError(f"{where}: a citation with unknown {', '.join(unknown)}")

    check(kind, record, KEYS[kind])
    for (nested_kind, key), allowed in NESTED.items():
        if nested_kind == kind:
            for item in record.get(key, []):
                check(f"{kind} {key}", item, allowed)
    for key in ("published", "as_of"):
        if isinstance(record.get(key), dict):
            check(f"{kind} {key}", record[key], NESTED_DATE)


# Each kind of a description and the Loader method that writes one record of it, in the order they refer to
# one another: a record's references are loaded before it.
KINDS = {
    "sources": "source",
    "delegations": "delegation",
    "people": "person",
    "envoys": "envoy",
    "processes": "process",
    "venues": "venue",
    "resolutions": "resolution",
    "rounds": "round",
    "milestones": "milestone",
    "figures": "figure",
}


FIXTURES_REASON = "Loaded from the fixtures"


@transaction.atomic
def load_records(data, *, reason, cited_from=None, report=None):
    """Load a description (fixture format, by kind) in one transaction; a failure anywhere keeps nothing and
    names the record (`rounds[3] (slug): …`). Every change it makes is recorded in the history with `reason`
    (the fixtures, an ingested article, a publication: the caller says which)."""
    report = report or LoadReport()
    loader = Loader(report, cited_from=cited_from)
    with recorded(reason):
        for kind, method in KINDS.items():
            loader.each(kind, data.get(kind, []), getattr(loader, method))
    for model in SEARCHED_FIELDS:
        pks = [obj.pk for obj in loader.by_slug[model].values()] if cited_from is not None else None
        refresh_search_text(model, pks=pks)
    data_changed()
    return report


def load_timeline(*, fixtures_dir, reason=FIXTURES_REASON):
    """Load every fixture in one transaction; a second run changes nothing; a failure keeps nothing."""
    return load_records(read_fixtures(fixtures_dir), reason=reason)
