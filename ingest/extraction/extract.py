"""`extract`: an article's text in, every fact it states out, as proposals tied to the knowledge base."""

import re

from .actors import People, Places
from .article import Article
from .figures import find_figures
from .milestones import Milestones, Resolutions
from .model import Extraction, Proposal

ORDER = ("venue", "process", "delegation", "person", "envoy", "resolution", "round", "milestone", "figure")
PLACE_WORDS = re.compile(r"\b(?:the region|the area|the province)\b", re.I)


def extract(text, *, published, kb, source_slug=None, title=None, linker=None):
    """Propose every fact the article states. Pure: reads `kb`, never the database.

    `published` is the article's publication date (an `AnchorDate`, possibly a window); relative dates are
    resolved against it and nothing is proposed finer than it allows.
    """
    article = Article(text, published, kb, source_slug, linker)
    places = Places(article)
    places.find_delegations()
    people = People(article)
    person_proposals = people.run()
    from .events import Rounds

    reader = Rounds(article, places, people.proposals)
    rounds = reader.proposals()
    council = Resolutions(article)
    resolutions = council.proposals()
    milestones = Milestones(article, rounds, places, reader.used_dates, council.decided).proposals()
    figures = Figures(article).proposals()
    # A new venue is proposed when something took place there, not because a city was named.
    used = {p.fields.get("venue") for p in [*rounds, *milestones]}
    proposals = [
        *(v for slug, v in places.venues.items() if slug in used),
        *places.processes.values(),
        *places.delegations.values(),  # named ones, and those the rounds found named only by what they are
        *person_proposals,
        *resolutions,
        *rounds,
        *milestones,
        *figures,
    ]
    proposals.sort(key=lambda p: ORDER.index(p.kind))
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    source = {"slug": source_slug, "title": title or first_line, "published": published.iso}
    if published.is_window:
        source["published_latest"] = published.iso_latest
    return Extraction(text, source, proposals)


class Figures:
    """Each figure once: the same measure, value and qualifier in several sentences is one proposal."""

    def __init__(self, article):
        self.article = article

    def proposals(self):
        a = self.article
        found = {}
        place = "Syria"
        for sentence in a.sentences:
            if not a.is_prose(sentence):
                continue
            place = self._place(sentence, place)
            for figure in find_figures(sentence.text):
                as_of = self._as_of(sentence, figure)
                key = (figure.measure, figure.value, figure.qualifier, str(as_of.get("date")))
                if figure.measure == "duration":
                    # "first face-to-face talks in 18 months" and "frozen for the past 18 months" are two periods.
                    key += (sentence.index,)
                proposal = found.get(key)
                if proposal is None:
                    fields = {
                        "slug": None,
                        "measure": figure.measure,
                        "counts": figure.counts,
                        "value": figure.value,
                        "value_text": figure.value_text,
                        "qualifier": figure.qualifier,
                        "unit": figure.unit,
                        "place": place if figure.measure not in {"committee_size", "rounds_held", "duration"} else "",
                        "note": figure.note,
                        "as_of": as_of,
                    }
                    when = as_of.get("date") or "undated"
                    fields["slug"] = f"{figure.measure.replace('_', '-')}-{str(figure.value).replace('.', '-')}-{when}"
                    fields["slug"] = fields["slug"].replace("None", "order-of").lower()
                    proposal = Proposal("figure", fields, confidence=0.7)
                    found[key] = proposal
                proposal.cite(sentence.start, sentence.end, "value")
        return list(found.values())

    def _place(self, sentence, previous):
        if PLACE_WORDS.search(sentence.text):
            return previous
        m = re.search(r"\b(?:The |the )?(?P<p>Idlib|Aleppo|Afrin|Eastern Ghouta|Raqqa|Deir ez-Zor|Daraa|Homs|Hama)\b",
                      sentence.text)  # fmt: skip
        return m.group("p") if m else "Syria"

    def _as_of(self, sentence, figure):
        """The article's date, unless the clause dates the figure ('four zones ... last year')."""
        a = self.article
        if figure.prewar:
            return {"date": None, "note": "Before the war; the article gives no year."}
        if figure.measure not in {"conflict_duration", "duration"}:
            for fact in a.dates.get(sentence.index, []):
                m = fact.mention
                if not m or fact.start is None or fact.ends_event:
                    continue
                between = sentence.text[min(m.end, figure.end) : max(m.start, figure.start)]
                if re.search(r"\bsince\b", between + sentence.text[max(0, m.start - 8) : m.start]):
                    continue
                if re.search(r"[.;]|,\s+(?:when|while|which)\b", between) or len(between) > 80:
                    continue
                if fact.start.first_day > a.anchor.last_day:
                    continue  # a date to come is no figure's date
                value = {"date": fact.start.iso, "basis": fact.basis}
                if fact.start.is_window:
                    value["latest"] = fact.start.iso_latest
                if fact.note:
                    value["note"] = fact.note
                return value
        value = {"date": a.anchor.iso, "basis": "inferred",
                 "note": f"The article's publication date ({a.anchor_words()})."}  # fmt: skip
        if a.anchor.is_window:
            value["latest"] = a.anchor.iso_latest
        return value
