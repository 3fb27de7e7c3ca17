"""What the review page shows: the article with each proposal's sentences marked, and each proposal beside the
record it matches, field by field. Reads only; one query per kind of matched record."""

import json
from dataclasses import dataclass

from ingest.extraction.kb import without_citations
from ingest.extraction.model import FIXTURE_LIST
from sources.templatetags.source_tags import Span, highlight
from talks.exporter import describe_records


def marked_text(text, proposals):
    """The article, escaped, with each proposal's quotes marked as the source page marks its citations (one
    <mark id="quote-<number>"> per proposal's first quote, titled with the proposal), so the two pages agree."""
    spans = []
    for proposal in proposals:
        for citation in proposal.citations:
            start = text.find(citation["quote"])
            if start >= 0 and citation["quote"]:
                title = f"Proposal #{proposal.number}: {proposal.kind} {proposal.slug}"
                spans.append(Span(start, start + len(citation["quote"]), proposal.number, title))
    return highlight(text, spans)


@dataclass
class Change:
    name: str
    existing: str
    proposed: str
    changed: bool


def shown(value):
    if value is None or value == "" or value == []:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def same(value):
    """A value as compared: empty is empty, and the order of an object's keys is no change."""
    return None if value in (None, "", []) else json.dumps(value, sort_keys=True)


def existing_records(proposals):
    """The records the proposals match, in the fixtures' format, by (kind, slug)."""
    wanted = {}
    for p in proposals:
        if p.match:
            wanted.setdefault(FIXTURE_LIST[p.kind], []).append(p.match)
    if not wanted:
        return {}
    description = describe_records(only=wanted)
    kind_of = {plural: kind for kind, plural in FIXTURE_LIST.items()}
    return {(kind_of[plural], r["slug"]): without_citations(r) for plural in wanted for r in description[plural]}


def diff(proposal, existing):
    """Field by field: what the record holds (nothing, for a new one) and what accepting the proposal writes.
    Changed means a changed value: the citations an accepted proposal adds to a nested entry are not a change
    of the entry (they are listed with the proposal's)."""
    proposed = proposal.final_fields
    bare = without_citations(proposed)
    names = [*proposed, *(k for k in existing or {} if k not in proposed)]
    return [
        Change(
            name,
            shown(existing.get(name)) if existing else "",
            shown(proposed.get(name)),
            changed=bool(existing) and same(existing.get(name)) != same(bare.get(name)),
        )
        for name in names
    ]


def review_context(batch):
    proposals = list(batch.proposals.all())
    existing = existing_records(proposals)
    items = []
    for proposal in proposals:
        record = existing.get((proposal.kind, proposal.match)) if proposal.match else None
        items.append(
            {
                "proposal": proposal,
                "existing": record,
                "changes": diff(proposal, record),
                "fields_json": json.dumps(proposal.final_fields, ensure_ascii=False, indent=2),
            }
        )
    decisions = {d: sum(1 for p in proposals if p.decision == d) for d in ("pending", "accepted", "rejected")}
    return {"article": marked_text(batch.source.text, proposals), "items": items, "decisions": decisions}
