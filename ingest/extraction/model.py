"""What the engine returns: proposals for records, each with its verbatim citations, as fixed JSON."""

import json
from dataclasses import dataclass, field

PROPOSAL_KINDS = ("round", "milestone", "resolution", "figure", "person", "delegation", "venue", "process", "envoy")
# The fixture list each kind of proposal belongs to (the keys of fixtures/*.json).
FIXTURE_LIST = {
    "round": "rounds",
    "milestone": "milestones",
    "resolution": "resolutions",
    "figure": "figures",
    "person": "people",
    "delegation": "delegations",
    "venue": "venues",
    "process": "processes",
    "envoy": "envoys",
}


@dataclass
class Citation:
    """A verbatim slice of the article, by character offsets, and the facts it supports."""

    start: int
    end: int
    supports: set = field(default_factory=set)

    def to_dict(self, text):
        return {"quote": text[self.start : self.end], "supports": ", ".join(sorted(self.supports))}


@dataclass
class Proposal:
    kind: str
    fields: dict
    match: str | None = None
    citations: list = field(default_factory=list)
    confidence: float = 0.5

    def cite(self, start, end, *supports):
        for citation in self.citations:
            if (citation.start, citation.end) == (start, end):
                citation.supports.update(s for s in supports if s)
                return
        self.citations.append(Citation(start, end, {s for s in supports if s}))

    @property
    def slug(self):
        return self.match or self.fields.get("slug")


@dataclass
class Extraction:
    text: str
    source: dict  # slug, title, published
    proposals: list = field(default_factory=list)

    def to_dict(self):
        return {
            "source": self.source,
            "proposals": [
                {
                    "id": number,
                    "kind": p.kind,
                    "match": p.match,
                    "fields": p.fields,
                    "citations": [c.to_dict(self.text) for c in sorted(p.citations, key=lambda c: c.start)],
                    "confidence": round(p.confidence, 2),
                }
                for number, p in enumerate(self.proposals, start=1)
            ],
        }

    def to_json(self, **kwargs):
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
