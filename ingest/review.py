"""What the review page shows: the article with each proposal's sentences marked, and each proposal beside the
record it matches, field by field. Reads only; one query per kind of matched record."""

import json
from dataclasses import dataclass, field

from ingest.extraction.kb import without_citations
from ingest.extraction.model import FIXTURE_LIST
from talks.exporter import describe_records


@dataclass
class Segment:
    """A stretch of the article's text, and the proposals whose citations cover it (none: plain text)."""

    text: str
    proposals: list = field(default_factory=list)

    @property
    def label(self):
        return ", ".join(f"#{n}" for n in self.proposals)


def segments(text, proposals):
    """The text cut where a cited quote begins or ends, each piece with the numbers of the proposals citing it.
    A quote is marked where it first occurs (the engine quotes sentences, which occur once)."""
    spans = []
    for proposal in proposals:
        for citation in proposal.citations:
            start = text.find(citation["quote"])
            if start >= 0 and citation["quote"]:
                spans.append((start, start + len(citation["quote"]), proposal.number))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        numbers = sorted({n for s, e, n in spans if s <= start and end <= e})
        pieces.append(Segment(text[start:end], numbers))
    return pieces


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
            changed=bool(existing) and shown(existing.get(name)) != shown(bare.get(name)),
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
    return {"segments": segments(batch.source.text, proposals), "items": items, "decisions": decisions}
