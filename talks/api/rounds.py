"""Rounds as the API answers them, built from `.values()` rows: the API's hottest answers, with no model instances.

RoundSerializer declares the shape and documents it. `answer` builds it, for the rows of a page or a
detail (`RoundRows`, in the list's own filters and keyset order) and for a model instance (the
serializer's `to_representation`, which the merged timeline, the exports and the writes use) alike.
A row carries its relations as JSON lists built by the database (PostgreSQL's json_agg, SQLite's
json_group_array), each in the order the prefetches of `for_timeline()` give: a page is one query and
its capped count, a detail one query, where the ORM's way took four more and a model instance per row
and per relation. A test holds the answers to the serializer's declared fields for every real round,
on both databases."""

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL

from actors.models import Delegation, Envoy, Person
from sources.dates import DateBasis, PartialDate
from sources.models import Citation, Source
from talks.models import Resolution, RoundDelegation, TalkRound
from toolkit.fields import absolute_url

COLUMNS = [
    "id",
    "slug",
    "title",
    "status",
    "format",
    "round_number",
    "start_date",
    "start_latest",
    "end_date",
    "date_precision",
    "date_basis",
    "date_note",
    "sort_date",
    "date_rank",
    "venue_id",
    "venue__slug",
    "venue__name",
    "process__slug",
    "process__name",
    "summary",
    "outcome",
    "inference_note",
]
RELATIONS = ["envoys", "delegations", "resolutions", "citations"]


def _date(value):
    return value.isoformat() if value else None


def answer(row, related, context):
    """One round, from a row of COLUMNS and its relations: {"envoys": [(slug, name)], "delegations": [(slug,
    name, head slug, head name, role, note)], "resolutions": [(slug, name)], "citations": [(id, source slug,
    quote, supports, note)]}."""

    def ref(view_name, slug, name):
        return {"slug": slug, "name": name, "url": absolute_url(context, view_name, slug)}

    when = PartialDate(
        row["start_date"], row["date_precision"], row["date_basis"], row["date_note"], row["end_date"],
        row["start_latest"],
    )  # fmt: skip
    slug = row["slug"]
    return {
        "slug": slug,
        "title": row["title"],
        "kind": "round",
        "status": row["status"],
        "format": row["format"],
        "round_number": row["round_number"],
        "start_date": _date(row["start_date"]),
        "start_latest": _date(row["start_latest"]),
        "end_date": _date(row["end_date"]),
        "date_precision": row["date_precision"],
        "date_display": TalkRound.display_date(when, row["status"]),
        "date_basis": row["date_basis"],
        "date_inferred": row["date_basis"] == DateBasis.INFERRED,
        "date_note": row["date_note"],
        "date_edtf": when.edtf,
        "venue": ref("api:venue-detail", row["venue__slug"], row["venue__name"]) if row["venue_id"] else None,
        "process": ref("api:process-detail", row["process__slug"], row["process__name"]),
        "envoys": [ref("api:envoy-detail", *envoy) for envoy in related["envoys"]],
        "delegations": [
            {
                **ref("api:delegation-detail", delegation_slug, delegation_name),
                "head": ref("api:person-detail", head_slug, head_name) if head_slug else None,
                "role": role,
                "note": note,
            }
            for delegation_slug, delegation_name, head_slug, head_name, role, note in related["delegations"]
        ],
        "resolutions": [ref("api:resolution-detail", *resolution) for resolution in related["resolutions"]],
        "summary": row["summary"],
        "outcome": row["outcome"],
        "inference_note": row["inference_note"],
        "citations": [
            {
                "id": pk,
                "source": source,
                "quote": quote,
                "supports": supports,
                "note": note,
                "url": f"{absolute_url(context, 'sources:source-detail', source)}#{Citation.anchor_of(pk)}",
            }
            for pk, source, quote, supports, note in related["citations"]
        ],
        "url": absolute_url(context, "api:round-detail", slug),
        "html_url": absolute_url(context, "talks:round-detail", slug),
    }


def instance_row(obj):
    """A round loaded with `for_timeline()`, as a row of COLUMNS and its relations."""
    row = {name: getattr(obj, name) for name in COLUMNS if "__" not in name}
    venue, process = obj.venue if obj.venue_id else None, obj.process
    row.update(
        venue__slug=venue and venue.slug, venue__name=venue and venue.name,
        process__slug=process.slug, process__name=process.name,
    )  # fmt: skip
    related = {  # RELATIONS
        "envoys": [(envoy.slug, envoy.name) for envoy in obj.envoys.all()],
        "delegations": [
            (
                rd.delegation.slug,
                rd.delegation.name,
                rd.head and rd.head.slug,
                rd.head and rd.head.name,
                rd.role,
                rd.note,
            )
            for rd in obj.round_delegations.all()
        ],  # fmt: skip
        "resolutions": [(resolution.slug, resolution.name) for resolution in obj.resolutions.all()],
        "citations": [(c.pk, c.source.slug, c.quote, c.supports, c.note) for c in obj.citations.all()],
    }
    return row, related


def _table(model, alias):
    return f"{connection.ops.quote_name(model._meta.db_table)} {alias}"


def _relations():
    """{name: (columns, FROM … WHERE for the round being read, ORDER BY)}, the order each prefetch of
    for_timeline() gives (the related model's own ordering; undated resolutions last)."""
    round_id = f"{connection.ops.quote_name(TalkRound._meta.db_table)}.id"
    envoys, resolutions = TalkRound.envoys.through, TalkRound.resolutions.through
    return {
        "envoys": (
            ["e.slug", "e.name"],
            f"{_table(envoys, 'x')} JOIN {_table(Envoy, 'e')} ON e.id = x.envoy_id WHERE x.talkround_id = {round_id}",
            "e.name",
        ),
        "delegations": (
            ["d.slug", "d.name", "h.slug", "h.name", "rd.role", "rd.note"],
            f"{_table(RoundDelegation, 'rd')} JOIN {_table(Delegation, 'd')} ON d.id = rd.delegation_id "
            f"LEFT JOIN {_table(Person, 'h')} ON h.id = rd.head_id WHERE rd.round_id = {round_id}",
            "rd.id",
        ),
        "resolutions": (
            ["r.slug", "r.name"],
            f"{_table(resolutions, 'x')} JOIN {_table(Resolution, 'r')} ON r.id = x.resolution_id "
            f"WHERE x.talkround_id = {round_id}",
            "r.sort_date IS NULL, r.sort_date, r.date_rank, r.name",
        ),
        "citations": (
            ["c.id", "s.slug", "c.quote", "c.supports", "c.note"],
            f"{_table(Citation, 'c')} JOIN {_table(Source, 's')} ON s.id = c.source_id "
            f"WHERE c.content_type_id = %s AND c.object_id = {round_id} AND s.status = %s",
            "c.id",
        ),
    }


def _json_list(columns, source, order):
    """The rows of a relation as one JSON text, a list of lists: `[]` for none."""
    if connection.vendor == "postgresql":
        return (
            f"(SELECT COALESCE(json_agg(json_build_array({', '.join(columns)}) ORDER BY {order})::text, '[]') "
            f"FROM {source})"
        )
    # SQLite's json_group_array takes the rows in the order its subquery gives them.
    named = ", ".join(f"{column} AS c{i}" for i, column in enumerate(columns))
    return (
        f"(SELECT json_group_array(json_array({', '.join(f'c{i}' for i in range(len(columns)))})) "
        f"FROM (SELECT {named} FROM {source} ORDER BY {order}))"
    )


def related_json():
    """Each relation of a round as an annotation of its row: one query reads a page with everything on it."""
    content_type = ContentType.objects.get_for_model(TalkRound)
    return {
        # A draft's quotes are not public (sources.querysets.cited does the same for the models).
        f"{name}_json": RawSQL(
            _json_list(*parts), [content_type.pk, Source.Status.PUBLISHED] if name == "citations" else []
        )
        for name, parts in _relations().items()
    }


class RoundRows:
    """The rows ApiViewSet pages and finds rounds in, and their answers."""

    @staticmethod
    def queryset():
        return TalkRound.objects.values(*COLUMNS, **related_json())

    @staticmethod
    def represent(rows, context):
        return [answer(row, {name: orjson.loads(row[f"{name}_json"]) for name in RELATIONS}, context) for row in rows]
