"""Rounds as the API answers them, built from `.values()` rows: the API's hottest answers, with no model instances.

RoundSerializer declares the shape and documents it. `answer` builds it, for the rows of a page or a
detail (`RoundRows`, in the list's own filters and order) and for a model instance (the serializer's
`to_representation`, which the merged timeline, the exports and the writes use) alike. The relations
come in one `.values()` query each, in the order the prefetches of `for_timeline()` give them, so a
page costs the queries it cost before, without building a model instance per row and per relation.
A test holds the answers to the serializer's declared fields for every real round, on both databases.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from sources.dates import DateBasis, PartialDate
from sources.models import Citation
from talks.models import RoundDelegation, TalkRound
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
    related = {
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


def related_rows(ids):
    """{round id: its relations}, one query per relation, each in the order its prefetch gives."""
    related = defaultdict(lambda: {"envoys": [], "delegations": [], "resolutions": [], "citations": []})
    envoys = (
        TalkRound.envoys.through.objects.filter(talkround_id__in=ids)
        .order_by("envoy__name")
        .values_list("talkround_id", "envoy__slug", "envoy__name")
    )
    delegations = (
        RoundDelegation.objects.filter(round_id__in=ids)
        .order_by("id")
        .values_list("round_id", "delegation__slug", "delegation__name", "head__slug", "head__name", "role", "note")
    )
    resolutions = (
        TalkRound.resolutions.through.objects.filter(talkround_id__in=ids)
        .order_by(F("resolution__sort_date").asc(nulls_last=True), "resolution__date_rank", "resolution__name")
        .values_list("talkround_id", "resolution__slug", "resolution__name")
    )
    citations = (
        Citation.objects.filter(content_type=ContentType.objects.get_for_model(TalkRound), object_id__in=ids)
        .order_by("id")
        .values_list("object_id", "id", "source__slug", "quote", "supports", "note")
    )
    for name, rows in (("envoys", envoys), ("delegations", delegations), ("resolutions", resolutions),
                       ("citations", citations)):  # fmt: skip
        for round_id, *fields in rows:
            related[round_id][name].append(fields)
    return related


class RoundRows:
    """The rows ApiViewSet pages and finds rounds in, and their answers."""

    @staticmethod
    def queryset():
        return TalkRound.objects.values(*COLUMNS)

    @staticmethod
    def represent(rows, context):
        related = related_rows([row["id"] for row in rows])
        return [answer(row, related[row["id"]], context) for row in rows]
