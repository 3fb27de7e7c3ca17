"""Writes of the review: an article in as a draft with its proposals, a curator's decision on each, publish.

Nothing proposed is public before `publish`: a draft source is shown nowhere public, and the records an
accepted proposal describes are written only when the batch is published, through the one loader
(`talks.loader.load_records`) and its validation. Accepting is checked by a dry run of that same load.
"""

import copy
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from ingest.extraction import AnchorDate, KnowledgeBase, extract
from ingest.extraction.model import FIXTURE_LIST
from sources.dates import iso
from sources.models import Source
from talks.exporter import describe_records
from talks.loader import FixtureError, dated_fields, load_records
from toolkit.history import recorded

from .models import Proposal, ReviewBatch

DATE_FORM = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
DATE_FORMS = "2017-02-24, 2017-02 or 2017"
SLUG_LENGTH = 80
# Where a record of each kind refers to others, by slug: (key, kind referred to, nested list it sits in).
REFERENCES = {
    "round": [("venue", "venue", None), ("process", "process", None), ("envoys", "envoy", None),
              ("resolutions", "resolution", None), ("delegation", "delegation", "delegations"),
              ("head", "person", "delegations")],
    "milestone": [("venue", "venue", None), ("process", "process", None), ("people", "person", None),
                  ("delegations", "delegation", None), ("resolutions", "resolution", None)],
    "envoy": [("person", "person", None)],
    "person": [("delegation", "delegation", "roles")],
}  # fmt: skip
NESTED_CITED = ("roles", "delegations")

# What the history says of each write (toolkit.history): the draft, and the records its review made public.
INGEST_REASON = "Ingested as a draft for review"
PUBLISH_REASON = "Published from the review of an ingested article"
DRY_RUN_REASON = "Checked before acceptance (rolled back)"


class DryRun(Exception):
    """Raised inside the dry run's transaction so that everything it wrote is rolled back."""


# ------------------------------------------------------------------------------------------------------------
# Ingest


def parse_published(published, published_latest=None):
    """The publication date (a day, month or year, or a window) as the engine reads it; a clear error if not."""
    for name, value in (("published", published), ("published_latest", published_latest)):
        if value is not None and not DATE_FORM.fullmatch(str(value).strip()):
            raise ValidationError({name: f"“{value}” is not a date of the form {DATE_FORMS}."})
    if not published:
        raise ValidationError({"published": f"The publication date is needed: {DATE_FORMS}."})
    try:
        anchor = AnchorDate.from_iso(published.strip(), published_latest.strip() if published_latest else None)
    except ValueError as error:
        raise ValidationError({"published": f"“{published}” cannot be read as a date: {error}."}) from error
    if anchor.first_day > timezone.localdate():
        raise ValidationError({"published": f"{anchor} is in the future: an article is dated when it was published."})
    return anchor


def first_line(text):
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def free_slug(title):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "article"
    slug, n = base, 2
    while Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def refuse_known_text(text):
    same = Source.objects.filter(text_digest=Source.digest_of(text)).first()
    if same is not None:
        raise ValidationError(
            {"text": f"This text was already ingested: it is the text of “{same}” ({same.slug}, {same.status})."},
            code="duplicate",
        )


def knowledge_base():
    """The knowledge base the engine links to: the database, as the fixtures describe it."""
    return KnowledgeBase.from_fixtures(describe_records())


def ingest_article(
    *,
    text: str,
    published: str,
    published_latest: str | None = None,
    title: str = "",
    author: str = "",
    publisher: str = "",
    user=None,
) -> ReviewBatch:
    """Store an article as a draft Source with the proposals the engine makes from it, for review.

    Refused with a ValidationError, writing nothing: an empty text, a date not of the fixtures' forms or in
    the future, a text already ingested (or curated), a text in which the engine finds no facts.

    The article is read before the transaction opens: reading takes a second or more, and on SQLite a
    transaction holds the write lock from its start.
    """
    if not text or not text.strip():
        raise ValidationError({"text": "The article is empty: there is no text to read."}, code="empty")
    anchor = parse_published(published, published_latest)
    refuse_known_text(text)
    title = (title or "").strip() or first_line(text)
    slug = free_slug(title)
    extraction = extract(text, published=anchor, kb=knowledge_base(), source_slug=slug, title=title)
    if not extraction.proposals:
        raise ValidationError(
            {"text": "No facts were found in this text (no round, meeting, milestone, resolution, person or figure "
             "the engine can read): nothing to review."},
            code="no_facts",
        )  # fmt: skip
    with transaction.atomic():
        return store(extraction, text=text, anchor=anchor, title=title, author=author, publisher=publisher, user=user)


def store(extraction, *, text, anchor, title, author, publisher, user) -> ReviewBatch:
    """The draft source, its batch and its proposals; the text's and the slug's uniqueness checked again, in the
    transaction, since another article may have come in while this one was read."""
    refuse_known_text(text)
    slug = extraction.source["slug"]
    if Source.objects.filter(slug=slug).exists():
        slug = free_slug(title)
        extraction.source["slug"] = slug
    digest = Source.digest_of(text)
    source = Source(
        slug=slug,
        title=title[:300],
        author=(author or "")[:200],
        publisher=(publisher or "")[:200],
        file_name=f"ingested_{digest[:16]}.txt",
        text=text,
        text_digest=digest,
        status=Source.Status.DRAFT,
        **dated_fields({"date": anchor.iso, "latest": anchor.iso_latest}, date_key="date", prefix="published"),
    )
    source.full_clean()
    with recorded(INGEST_REASON):
        source.save()
    batch = ReviewBatch(source=source, created_by=user)
    batch.full_clean()
    batch.save()
    shape = extraction.to_dict()
    proposals = [
        Proposal(
            batch=batch,
            number=p["id"],
            kind=p["kind"],
            match=p["match"] or "",
            fields=p["fields"],
            citations=p["citations"],
            confidence=p["confidence"],
        )
        for p in shape["proposals"]
    ]
    for proposal in proposals:
        proposal.full_clean(exclude=["batch"])
    Proposal.objects.bulk_create(proposals)
    return batch


def as_shape(batch, proposals=None) -> dict:
    """A batch in the fixed JSON shape other tools read: the source, and each proposal with its stored id."""
    source = batch.source
    shape_source = {
        "slug": source.slug,
        "title": source.title,
        "published": iso(source.published, source.published_precision) or None,
    }
    if source.published_latest:
        shape_source["published_latest"] = iso(source.published_latest, source.published_precision)
    return {
        "source": shape_source,
        "proposals": [
            {
                "id": p.pk,
                "kind": p.kind,
                "match": p.match or None,
                "fields": p.final_fields,
                "citations": p.citations,
                "confidence": p.confidence,
            }
            for p in (batch.proposals.all() if proposals is None else proposals)
        ],
    }


# ------------------------------------------------------------------------------------------------------------
# The proposals as the loader's description


def cited(citations, source_slug):
    return [{**citation, "source": source_slug} for citation in citations or []]


def describe(proposals, *, source) -> dict:
    """Accepted proposals as one description in the fixtures' format, for `load_records(…, cited_from={source})`:
    each record its final fields, each citation of this article's text. A match's nested entries that the
    article does not cite (a round's other delegations, a person's other roles) keep their other sources'
    citations: the load makes only this source's citations exact."""
    description = {}
    for proposal in proposals:
        record = copy.deepcopy(proposal.final_fields)
        record["citations"] = cited(proposal.citations, source.slug)
        for key in NESTED_CITED:
            for item in record.get(key) or []:
                if isinstance(item, dict):
                    item["citations"] = cited(item.get("citations"), source.slug)
        description.setdefault(FIXTURE_LIST[proposal.kind], []).append(record)
    return description


def references(kind, fields):
    """(kind, slug) of every record `fields` refers to."""
    found = set()
    for key, target, nested in REFERENCES.get(kind, []):
        holders = (fields.get(nested) or []) if nested else [fields]
        for holder in holders:
            value = holder.get(key) if isinstance(holder, dict) else None
            for slug in value if isinstance(value, list) else [value]:
                if isinstance(slug, str) and slug:
                    found.add((target, slug))
    return found


def new_records(batch):
    """The batch's proposals of new records, by (kind, proposed slug)."""
    return {(p.kind, p.slug): p for p in batch.proposals.all() if not p.match and p.slug}


def refuse_missing_dependencies(proposal, fields):
    """A proposal that refers to a record another proposal creates needs that one accepted first."""
    missing = [
        other
        for key, other in new_records(proposal.batch).items()
        if key in references(proposal.kind, fields) and other.pk != proposal.pk and other.decision != "accepted"
    ]
    if missing:
        names = ", ".join(f"#{p.number} (new {p.kind} “{p.slug}”)" for p in missing)
        raise ValidationError(f"This proposal refers to a record proposed by {names}: accept that one first.")


def refuse_dependents(proposal):
    """A new record that accepted proposals refer to cannot be rejected from under them."""
    if proposal.match:
        return
    dependents = [
        other
        for other in proposal.batch.proposals.filter(decision=Proposal.Decision.ACCEPTED).exclude(pk=proposal.pk)
        if (proposal.kind, proposal.slug) in references(other.kind, other.final_fields)
    ]
    if dependents:
        names = ", ".join(f"#{p.number}" for p in dependents)
        raise ValidationError(f"Accepted proposal {names} refers to this new {proposal.kind}: reject that first.")


def dry_run(proposals, *, source):
    """Load the accepted proposals as publishing would, and roll everything back: a validation failure is a
    ValidationError naming the record, and nothing is kept either way."""
    try:
        with transaction.atomic():
            # The load reads the source's text for the quotes, and search columns see published quotes only.
            Source.objects.filter(pk=source.pk).update(status=Source.Status.PUBLISHED)
            load_records(describe(proposals, source=source), cited_from={source.slug}, reason=DRY_RUN_REASON)
            raise DryRun
    except DryRun:
        return
    except (FixtureError, IntegrityError) as error:
        raise ValidationError(f"It would not load: {error}") from error


# ------------------------------------------------------------------------------------------------------------
# Decide and publish


def refuse_published(batch):
    if batch.is_published:
        raise ValidationError("This review was published: its proposals can no longer change.")


@transaction.atomic
def decide(*, proposal: Proposal, decision: str, fields: dict | None = None, user=None) -> Proposal:
    """Accept (with the curator's edited fields, if any) or reject one proposal; nothing is public until publish.

    Accepting is refused with a clear message, saving nothing, when the batch's accepted proposals with this
    one would not load (verbatim quotes, date rules, references), or when it refers to a new record proposed
    here that is not accepted yet.
    """
    proposal = Proposal.objects.select_for_update().select_related("batch__source").get(pk=proposal.pk)
    refuse_published(proposal.batch)
    if decision not in (Proposal.Decision.ACCEPTED, Proposal.Decision.REJECTED):
        raise ValidationError({"decision": "A decision is “accepted” or “rejected”."})
    if fields is not None and not isinstance(fields, dict):
        raise ValidationError({"fields": "The fields are one JSON object, in the fixtures' format."})
    if decision == Proposal.Decision.REJECTED:
        refuse_dependents(proposal)
        proposal.edited_fields = None
    else:
        if fields is not None and fields.get("slug", proposal.slug) != proposal.slug:
            raise ValidationError({"fields": f"The slug stays “{proposal.slug}”: it is the record this proposes."})
        proposal.edited_fields = fields if fields is not None and fields != proposal.fields else None
        refuse_missing_dependencies(proposal, proposal.final_fields)
        accepted = list(proposal.batch.proposals.filter(decision=Proposal.Decision.ACCEPTED).exclude(pk=proposal.pk))
        dry_run([*accepted, proposal], source=proposal.batch.source)
    proposal.decision = decision
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.full_clean(exclude=["batch"])
    proposal.save()
    return proposal


@transaction.atomic
def publish(*, batch: ReviewBatch, user=None):
    """Make the article and its accepted proposals public together, in one transaction, through the loader.

    A match updates the record it matches (never a duplicate) and adds this article's citations beside its
    other sources'; rejected and pending proposals write nothing. Returns the loader's report.
    """
    batch = ReviewBatch.objects.select_for_update().select_related("source").get(pk=batch.pk)
    refuse_published(batch)
    accepted = list(batch.proposals.filter(decision=Proposal.Decision.ACCEPTED))
    if not accepted:
        raise ValidationError("Accept at least one proposal before publishing: nothing would be added.")
    source = batch.source
    source.status = Source.Status.PUBLISHED
    source.full_clean()
    with recorded(PUBLISH_REASON):
        source.save(update_fields=["status", "updated"])
    try:
        report = load_records(describe(accepted, source=source), cited_from={source.slug}, reason=PUBLISH_REASON)
    except FixtureError as error:
        raise ValidationError(f"It would not load: {error}") from error
    batch.published_at = timezone.now()
    batch.published_by = user
    batch.save(update_fields=["published_at", "published_by"])
    return report
