"""The public data as a Frictionless Data Package: one CSV per table with its Table Schema and foreign keys,
the sources' texts, a codebook, a changelog and SHA-256 checksums.

The tables are the models' own columns (generated and search columns aside), read straight from the
database by primary key, so a package holds exactly the rows, ids and links of the database it was made
from; the schema's descriptions are the models' help texts, and the codebook is written from the schema.
"""

import csv
import datetime
import decimal
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import models

from actors.models import Delegation, Envoy, Person, Role
from sources.dates import DateBasis, Precision
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue
from toolkit.history import UNTRACKED, with_changes

from .status import KINDS

LICENSE_NOTE = "Quotes are verbatim from the articles named in sources.csv, whose rights stay with their publishers."
TEXTS_DIR = "texts"


def public_sources():
    """The sources a release may publish: the published ones, never a draft under review; the citations follow
    it. (A record enters only by a publication, so none is cited by drafts alone.)"""
    return Source.objects.published()


@dataclass(frozen=True)
class Table:
    name: str
    model: type
    title: str

    @property
    def path(self):
        return f"{self.name}.csv"

    def rows(self):
        if self.model is Source:
            rows = public_sources()
        elif self.model is Citation:
            rows = Citation.objects.filter(source__in=public_sources())
        else:
            rows = self.model._base_manager.all()
        return rows.order_by("pk")


# In the order they can be loaded: a table's foreign keys point only to tables before it.
TABLES = [
    Table("sources", Source, "Source articles"),
    Table("processes", Process, "Negotiating processes"),
    Table("venues", Venue, "Venues"),
    Table("people", Person, "People"),
    Table("delegations", Delegation, "Delegations"),
    Table("roles", Role, "Roles of people"),
    Table("envoys", Envoy, "Envoys"),
    Table("resolutions", Resolution, "Resolutions"),
    Table("rounds", TalkRound, "Rounds of talks"),
    Table("round-delegations", RoundDelegation, "Delegations at rounds"),
    Table("milestones", Milestone, "Milestones"),
    Table("figures", Figure, "Figures the sources report"),
    Table("citations", Citation, "Citations: the verbatim quotes behind every fact"),
    Table("rounds-envoys", TalkRound.envoys.through, "Envoys at rounds"),
    Table("rounds-resolutions", TalkRound.resolutions.through, "Resolutions a round is held under"),
    Table("milestones-people", Milestone.people.through, "People in milestones"),
    Table("milestones-delegations", Milestone.delegations.through, "Delegations in milestones"),
    Table("milestones-resolutions", Milestone.resolutions.through, "Resolutions in milestones"),
]
TABLE_OF = {table.model: table for table in TABLES}
# The tables of records: what a citation may cite (the link tables and the citations themselves aside).
SUBJECTS = TABLES[:12]
# A citation's subject is a row of one of these tables, named in its `subject_table` column.
SUBJECT_TABLE = "subject_table"
TEXT_FILE = "text_file"

TYPES = [
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.DecimalField, "number"),
    (models.JSONField, "array"),
    (models.IntegerField, "integer"),
    (models.AutoField, "integer"),
    (models.ForeignKey, "integer"),
]


def columns(model):
    return [
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, models.GeneratedField) and field.name not in UNTRACKED
    ]


def column_name(field):
    if field.name == "content_type":
        return SUBJECT_TABLE
    if field.model is Source and field.name == "text":
        return TEXT_FILE
    return field.attname


def describe_field(field):
    if field.name == "content_type":
        return "The table of the record the quote supports; `object_id` is its id there."
    if field.model is Source and field.name == "text":
        return "The article's full text, as the file of this path in the package (UTF-8)."
    if field.primary_key:
        return "The record's id: what other tables refer to."
    if field.is_relation:
        return f"The id of the {field.related_model._meta.verbose_name} ({TABLE_OF[field.related_model].path})."
    return str(field.help_text) or str(field.verbose_name).capitalize() + "."


def schema_field(field):
    kind = next((name for base, name in TYPES if isinstance(field, base)), "string")
    if field.name == "content_type":
        kind = "string"
    spec = {"name": column_name(field), "type": kind, "description": describe_field(field)}
    constraints = {}
    if field.primary_key or not (field.null or (field.blank and kind == "string")):
        constraints["required"] = True
    if field.unique:
        constraints["unique"] = True
    if field.choices:
        constraints["enum"] = [value for value, _ in field.choices if value != ""]
    if field.name == "content_type":
        constraints["enum"] = [table.name for table in SUBJECTS]
    if constraints:
        spec["constraints"] = constraints
    return spec


def table_schema(table):
    fields = columns(table.model)
    foreign_keys = [
        {"fields": field.attname, "reference": {"resource": TABLE_OF[field.related_model].name, "fields": "id"}}
        for field in fields
        if field.is_relation and field.related_model in TABLE_OF
    ]
    schema = {"fields": [schema_field(field) for field in fields], "primaryKey": "id"}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_table(directory, table, subject_tables):
    """The table's CSV, written row by row from the database; its number of rows."""
    fields = columns(table.model)
    names = [field.attname for field in fields]
    converters = []
    for field in fields:
        if field.name == "content_type":
            converters.append(lambda value, row: subject_tables[value])
        elif field.model is Source and field.name == "text":
            slug = names.index("slug")
            converters.append(lambda value, row, slug=slug: f"{TEXTS_DIR}/{row[slug]}.txt")
        else:
            converters.append(lambda value, row: cell(value))
    n = 0
    with (directory / table.path).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([column_name(field) for field in fields])
        for row in table.rows().values_list(*names).iterator(chunk_size=2000):
            writer.writerow([convert(value, row) for convert, value in zip(converters, row, strict=True)])
            n += 1
    return n


def write_texts(directory):
    (directory / TEXTS_DIR).mkdir()
    for slug, text in public_sources().order_by("pk").values_list("slug", "text").iterator():
        (directory / TEXTS_DIR / f"{slug}.txt").write_text(text, encoding="utf-8")


def datapackage(version, made_at):
    return {
        "profile": "tabular-data-package",
        "name": f"peacetalks-{version.replace('.', '-')}",
        "title": "Peace Talks Timeline: the Syrian peace process as its sources report it",
        "version": version,
        "created": made_at.isoformat(),
        "description": "Every record cites a verbatim quote from a source article; see codebook.md.",
        "licenses": [{"name": "other-at", "title": LICENSE_NOTE}],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


DATE_RULES = f"""\
## Dates: precision, basis and windows

Every date is a real calendar date plus a **precision** ({", ".join(Precision.values)}). A date known to
the month is stored as the first day of that month with precision `month`, a year as 1 January with
precision `year`: read the date only as far as its precision goes, never as a day. An empty precision
means undated.

Its **basis** says where it comes from: {"; ".join(f"`{v}`: {label}" for v, label in DateBasis.choices)}.
A date that is not `stated` has a note saying how it was worked out or where it was taken from.

A **window** is a date known only to lie between two bounds (an article's "on Thursday" that fits two
Thursdays): the date column holds the earliest possible value and its `_latest` column the latest, both to
the same precision. A span dated only by its end has an empty start and its `end_date`. Timeline items
(rounds, milestones, resolutions) are placed by their start, or their end where only the end is known.

## Citations

`citations.csv` ties each record to the sentence it comes from: `source_id` names the article,
`{SUBJECT_TABLE}` and `object_id` the record, `quote` is verbatim from the article's text (in `texts/`), and
`supports` says which fact it supports.
"""


def codebook(package):
    lines = [f"# Codebook — Peace Talks Timeline {package['version']}", "", DATE_RULES, "## Tables", ""]
    for resource in package["resources"]:
        lines += [f"### {resource['path']} — {resource['title']}", "", "| Field | Type | Meaning |", "|---|---|---|"]
        for spec in resource["schema"]["fields"]:
            meaning = spec["description"].replace("|", "\\|")
            if enum := spec.get("constraints", {}).get("enum"):
                meaning += " One of: " + ", ".join(f"`{value}`" for value in enum) + "."
            if spec.get("constraints", {}).get("required"):
                meaning += " Required."
            lines.append(f"| `{spec['name']}` | {spec['type']} | {meaning} |")
        for key in resource["schema"].get("foreignKeys", []):
            lines.append(f"\n`{key['fields']}` refers to `{key['reference']['resource']}.csv`.")
        lines.append("")
    return "\n".join(lines)


def changelog(version, previous):
    """The changes since the previous release, from the history, oldest first; all of it for the first."""
    head = [f"# Changelog — Peace Talks Timeline {version}", ""]
    if previous is None:
        return "\n".join([*head, "The first release: every record is new.", ""])
    head += [f"Changes since release {previous.version} ({previous.made_at:%Y-%m-%d %H:%M} UTC).", ""]
    lines = []
    for kind, model in KINDS.items():
        since = model.history.filter(history_date__gt=previous.made_at)
        # Each changed record's earlier rows too, to say what a change changed.
        rows = model.history.filter(id__in=since.values("id")).select_related("history_user")
        for change in with_changes(rows):
            if change.when > previous.made_at:
                lines.append((change.when, kind, change))
    if not lines:
        return "\n".join([*head, "No changes.", ""])
    for when, kind, change in sorted(lines, key=lambda line: (line[0], line[1])):
        text = f"- {when:%Y-%m-%d %H:%M} {kind} {change.action}: {change.row.history_object}"
        if change.reason:
            text += f" — {change.reason}"
        head.append(text)
        for field in change.changes:
            head.append(f"  - {field.name}: {field.old!r} → {field.new!r}")
        for relation in change.relations:
            head.append(f"  - {relation}")
    head.append("")
    return "\n".join(head)


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_package(directory: Path, *, version, made_at, previous):
    """The package's files in `directory` (made here); its rows per table, and its files' sizes and hashes."""
    directory.mkdir()
    subject_tables = {ContentType.objects.get_for_model(table.model).pk: table.name for table in SUBJECTS}
    counts = {table.name: write_table(directory, table, subject_tables) for table in TABLES}
    write_texts(directory)
    package = datapackage(version, made_at)
    (directory / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (directory / "codebook.md").write_text(codebook(package), encoding="utf-8")
    (directory / "CHANGELOG.md").write_text(changelog(version, previous), encoding="utf-8")
    files = {
        path.relative_to(directory).as_posix(): {"bytes": path.stat().st_size, "sha256": sha256(path)}
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    sums = "".join(f"{entry['sha256']}  {name}\n" for name, entry in files.items())
    (directory / "SHA256SUMS").write_text(sums, encoding="utf-8")
    files["SHA256SUMS"] = {
        "bytes": (directory / "SHA256SUMS").stat().st_size,
        "sha256": sha256(directory / "SHA256SUMS"),
    }
    return counts, files


def write_zip(directory: Path, path: Path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(p for p in directory.rglob("*") if p.is_file()):
            archive.write(name, f"{directory.name}/{name.relative_to(directory).as_posix()}")
