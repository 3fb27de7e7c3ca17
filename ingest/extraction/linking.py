"""Mentions of known records, found with spaCy's PhraseMatcher built from the knowledge base's own names
and aliases, and of people by name patterns, linked to the knowledge base with rapidfuzz for misspellings.
"""

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

LINKED_KINDS = ("people", "delegations", "venues", "processes", "resolutions", "envoys")
PARTICLE = r"(?:de|al|el|van|von|bin|ibn|le|la|du|da|di|Al|El|De)"
NAME_WORD = r"[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
NAME_RE = re.compile(rf"(?<![\w-])(?:{PARTICLE}[ -])?{NAME_WORD}(?: (?:{PARTICLE}[ -])?{NAME_WORD}){{0,3}}")
FUZZY_CUTOFF = 85
# Words of titles, not of names: a run of capitalised words ends its title where the name begins.
TITLE_WORDS = {
    "UN", "U.N.", "Secretary", "General", "Secretary-General", "Special", "Envoy", "MP", "Foreign", "Minister",
    "President", "Prime", "Spokesperson", "Spokesman", "Spokeswoman", "Ambassador", "Co-chair", "Co-Chair",
    "Co-Chairs", "Co-chairs", "Chief", "Head", "Leader", "Deputy", "Commander", "Gen.", "Dr.", "Mr.", "Mrs.",
    "Ms.", "King", "Emir", "Sheikh", "Prince", "Chairman", "Chairwoman", "Chair", "Negotiator", "Mediator",
    "Director", "Governor", "Senator", "Colonel", "Lieutenant", "Major", "Professor", "Prof.", "Vice",
    "Representative", "Commissioner", "Coordinator",
}  # fmt: skip


# States' adjectives: "the Russian delegation" is Russia's, when a delegation noun follows the adjective.
DEMONYMS = {
    "Russia": ("Russian",), "Turkey": ("Turkish",), "Iran": ("Iranian",), "United States": ("American", "U.S.", "US"),
    "Jordan": ("Jordanian",), "Qatar": ("Qatari",), "Saudi Arabia": ("Saudi",), "France": ("French",),
    "United Kingdom": ("British",), "China": ("Chinese",), "Egypt": ("Egyptian",), "Iraq": ("Iraqi",),
    "Lebanon": ("Lebanese",), "Kazakhstan": ("Kazakh",), "Germany": ("German",), "Israel": ("Israeli",),
}  # fmt: skip
DELEGATION_NOUN = r"(?:delegations?|delegates|negotiators|team|side|representatives)"


@dataclass(frozen=True)
class Mention:
    kind: str
    slug: str
    start: int
    end: int
    text: str
    score: float = 100.0  # 100 for an exact name or alias, less for a fuzzy match


@cache
def _blank():
    import spacy

    return spacy.blank("en")


def _variants(alias):
    yield alias
    if alias[:1].islower():
        yield alias[:1].upper() + alias[1:]


class Linker:
    """Finds the knowledge base's records in a text by name and alias, exactly and fuzzily."""

    def __init__(self, kb):
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.nlp = _blank()
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.keys = {}
        self.person_aliases = {}
        for kind in LINKED_KINDS:
            for record in kb.all(kind):
                names = list(record.names)
                if kind == "processes":
                    names = [record.name]  # short names ("Geneva", "Astana") are venues' names too
                for name in names:
                    self._add(kind, record.slug, name)
                    if kind == "people":
                        self.person_aliases[name] = record.slug

    def _add(self, kind, slug, name):
        key = f"{kind}:{slug}"
        self.keys[self.nlp.vocab.strings.add(key)] = (kind, slug)
        several_words = len(name.split()) > 1 and not name.isupper()
        matcher = self.folded if several_words else self.exact
        matcher.add(key, [self.nlp.make_doc(v) for v in _variants(name)])

    def mentions(self, text):
        """Every exact mention, longest first where they overlap, plus fuzzy mentions of people."""
        doc = self.nlp.make_doc(text)
        found = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                kind, slug = self.keys[match_id]
                span = doc[start:end]
                found.append(Mention(kind, slug, span.start_char, span.end_char, span.text))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        kept = []
        for m in found:
            clash = [k for k in kept if not (m.end <= k.start or m.start >= k.end)]
            if not clash or all((k.start, k.end) == (m.start, m.end) for k in clash):
                kept.append(m)
        kept += self.fuzzy_people(text, kept)
        kept += self.state_adjectives(text, kept)
        return sorted(kept, key=lambda m: (m.start, m.kind))

    def state_adjectives(self, text, known):
        """'The Russian delegation', 'Turkish negotiators', 'the Russian and Iranian delegations': a state's
        delegation named by its adjective."""
        states = {
            adjective: record.slug
            for record in self.kb.all("delegations") if record.get("side") in {"guarantor", "state"}
            for adjective in DEMONYMS.get(record.name, ())
        }  # fmt: skip
        if not states:
            return []
        one = "|".join(re.escape(a) for a in sorted(states, key=len, reverse=True))
        group = re.compile(rf"(?<![\w.])(?:{one})(?:(?:,\s*|,?\s+and\s+)(?:{one}))*\s+{DELEGATION_NOUN}\b")
        found = []
        for m in group.finditer(text):
            adjectives = list(re.finditer(rf"(?<![\w.])(?:{one})(?![\w])", m.group()))
            for adjective in adjectives:
                # The last adjective takes the noun: "the Russian delegation", "the Russian and Iranian delegations".
                start = m.start() + adjective.start()
                end = m.end() if adjective is adjectives[-1] else m.start() + adjective.end()
                if not any(k.start < end and start < k.end for k in known):
                    found.append(Mention("delegations", states[adjective.group()], start, end, text[start:end]))
        return found

    def fuzzy_people(self, text, exact):
        """Names that are no known alias but one misspelled ('de Misutra' for 'de Mistura')."""
        found = []
        for m in NAME_RE.finditer(text):
            if any(not (m.end() <= k.start or m.start() >= k.end) for k in exact):
                continue
            start = m.start()
            words = m.group().split()
            while len(words) > 1 and words[0].rstrip(",") in TITLE_WORDS:  # "Co-chairs Ahmad Kuzbari"
                start += len(words[0]) + 1
                words = words[1:]
            name = text[start : m.end()]
            slug, score = self.closest_person(name)
            if slug:
                found.append(Mention("people", slug, start, m.end(), name, score))
        return found

    def closest_person(self, name):
        """The person whose name or alias this one misspells or shortens ('de Misutra', 'Ahmad Kuzbari' for
        'Ahmad Al-Kuzbari'): compared without particles (al-, de, bin ...), same initial of the surname."""
        best, best_score = None, 0.0
        plain = _without_particles(name)
        if not plain:
            return None, 0.0
        for alias, slug in self.person_aliases.items():
            other = _without_particles(alias)
            if len(alias) < 4 or not other or other.split()[-1][:1] != plain.split()[-1][:1]:
                continue
            if len(plain.split()) != len(other.split()):
                continue  # a surname alone is no misspelling of a full name
            score = fuzz.ratio(plain, other)
            if score > best_score:
                best, best_score = slug, score
        return (best, best_score) if best_score >= FUZZY_CUTOFF else (None, 0.0)


def _without_particles(name):
    name = re.sub(rf"\b{PARTICLE}(?:[ -]|(?=[A-Z]))", "", name)
    return " ".join(re.sub(r"['’]", "", name).lower().split())
