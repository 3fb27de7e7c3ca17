"""The knowledge base the engine links to: plain data built from fixture-format dicts.

The same shape will be built from the database in phase 2; the engine only reads it. Each record keeps
its fixture dict (`record`, citations left out), so a proposal for a known record can start from the
record's whole set of fields.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

KINDS = (
    "sources",
    "processes",
    "venues",
    "envoys",
    "people",
    "delegations",
    "resolutions",
    "rounds",
    "milestones",
    "figures",
)
# The fixture files and the kinds each holds; talks.services reads the same files for the database.
FIXTURE_FILES = ("sources.json", "actors.json", "talks.json", "figures.json")
NESTED_CITED = {"people": "roles", "rounds": "delegations"}


def read_fixture_dir(fixtures_dir):
    """The fixture files merged into one dict of lists, as talks.services.read_fixtures does, without Django."""
    data = {}
    for name in FIXTURE_FILES:
        data.update(json.loads((Path(fixtures_dir) / name).read_text(encoding="utf-8")))
    return data


def without_citations(record):
    """A fixture record's fields: its citations, and those of its nested entries, left out."""
    fields = {k: v for k, v in record.items() if k != "citations"}
    for key in ("roles", "delegations"):
        if isinstance(fields.get(key), list) and fields[key] and isinstance(fields[key][0], dict):
            fields[key] = [{k: v for k, v in item.items() if k != "citations"} for item in fields[key]]
    return fields


@dataclass(frozen=True)
class Record:
    """One record of the knowledge base: its kind, slug, the names it goes by, and its fields."""

    kind: str
    slug: str
    name: str
    aliases: tuple = ()
    record: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self):
        return (self.name, *self.aliases)

    def get(self, key, default=None):
        return self.record.get(key, default)


def _names(kind, r):
    if kind == "rounds" or kind == "milestones":
        return r["title"], ()
    if kind == "resolutions":
        aliases = [r["code"], r.get("title", "")]
        if r.get("kind") == "unsc_resolution":
            aliases += [f"Resolution {r['code']}", f"Security Council Resolution {r['code']}"]
        return r["name"], tuple(a for a in aliases if a)
    if kind == "processes":
        return r["name"], tuple(a for a in [r.get("short_name", "")] if a)
    if kind == "delegations":
        aliases = [*r.get("aliases", []), r.get("abbreviation", "")]
        return r["name"], tuple(a for a in aliases if a)
    if kind == "figures":
        return r["value_text"], ()
    if kind == "sources":
        return r["title"], ()
    return r.get("name", r.get("slug")), tuple(r.get("aliases", []))


@dataclass
class KnowledgeBase:
    """Every kind of record the timeline holds, by kind and slug."""

    records: dict = field(default_factory=dict)  # kind -> {slug: Record}

    @classmethod
    def from_fixtures(cls, data):
        """From fixture-format dicts: {"people": [...], "rounds": [...], ...} (any kind may be missing)."""
        kb = cls({kind: {} for kind in KINDS})
        for kind in KINDS:
            for r in data.get(kind, []):
                name, aliases = _names(kind, r)
                kb.records[kind][r["slug"]] = Record(kind, r["slug"], name, aliases, without_citations(r))
        return kb

    @classmethod
    def from_fixture_dir(cls, fixtures_dir):
        return cls.from_fixtures(read_fixture_dir(fixtures_dir))

    def all(self, kind):
        return list(self.records.get(kind, {}).values())

    def get(self, kind, slug):
        return self.records.get(kind, {}).get(slug)

    def has(self, kind, slug):
        return slug in self.records.get(kind, {})

    def person_of_envoy(self, envoy_slug):
        envoy = self.get("envoys", envoy_slug)
        return envoy.get("person") if envoy else None

    def envoy_of_person(self, person_slug):
        return next((e.slug for e in self.all("envoys") if e.get("person") == person_slug), None)

    def process_named_after(self, venue_slug):
        """The process whose name is its venue's ('Geneva process' for Geneva), if there is one."""
        venue = self.get("venues", venue_slug)
        if venue is None:
            return None
        for process in self.all("processes"):
            if venue.name.lower() in (n.lower() for n in process.names) or process.name.lower().startswith(
                venue.name.lower() + " "
            ):
                return process.slug
        return None

    def venue_named_in(self, process_slug):
        """The venue a process is named after (Geneva for the Geneva process), if there is one."""
        process = self.get("processes", process_slug)
        if process is None:
            return None
        for venue in self.all("venues"):
            if process.name.lower().startswith(venue.name.lower() + " ") or venue.name in process.aliases:
                return venue.slug
        return None
