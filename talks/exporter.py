"""The knowledge base as a description in the fixtures' format: what talks/loader.py reads, written back.

Loading a description of the database into that same database changes nothing (a test holds the two to
each other), so a description is a faithful copy: the extraction engine reads the knowledge base through
it, and a curator can review it as JSON.
"""

from django.db.models import Prefetch

from actors.models import Delegation, Envoy, Person, Role
from sources.dates import iso
from sources.models import Figure, Source
from sources.querysets import cited

from .models import Milestone, Process, Resolution, RoundDelegation, TalkRound, Venue


def _citations(record):
    return [
        {"source": c.source.slug, "quote": c.quote, "supports": c.supports, "note": c.note}
        for c in sorted(record.citations.all(), key=lambda c: c.pk)
    ]


def _nested_date(value, latest, precision, basis, note):
    date = {"date": iso(value, precision) or None, "basis": basis, "note": note}
    if latest:
        date["latest"] = iso(latest, precision)
    return date


def _dated(record):
    when = record.when
    data = {
        "start": iso(when.start, when.precision) or None,
        "end": iso(when.end, when.precision) or None,
        "basis": record.date_basis,
        "note": record.date_note,
        "inference_note": record.inference_note,
    }
    if record.start_latest:
        data["start_latest"] = iso(record.start_latest, record.date_precision)
    return data


def _slug(record):
    return record.slug if record is not None else None


def describe_records(only=None):
    """Every record of the knowledge base, by kind, in the fixtures' format; with `only` ({kind: [slugs]}, kinds
    as the fixtures name them), just those records, in one query per kind asked for (the review page's diffs)."""

    def rows(kind, queryset):
        if only is None:
            return queryset
        return queryset.filter(slug__in=only[kind]) if only.get(kind) else queryset.none()

    roles = Prefetch("roles", queryset=Role.objects.select_related("delegation").prefetch_related(cited(drafts=True)))
    delegations = Prefetch(
        "round_delegations",
        queryset=RoundDelegation.objects.select_related("delegation", "head").prefetch_related(cited(drafts=True)),
    )
    return {
        "sources": [
            {
                "slug": s.slug,
                "title": s.title,
                "headline_printed": s.headline_printed,
                "author": s.author,
                "publisher": s.publisher,
                "publisher_note": s.publisher_note,
                "published": _nested_date(
                    s.published, s.published_latest, s.published_precision, s.published_basis, s.published_note
                ),
                "file_name": s.file_name,
                "text": s.text,
            }
            for s in rows("sources", Source.objects.order_by("pk"))
        ],
        "delegations": [
            {
                "slug": d.slug,
                "name": d.name,
                "abbreviation": d.abbreviation,
                "side": d.side,
                "aliases": d.aliases,
                "description": d.description,
                "citations": _citations(d),
            }
            for d in rows("delegations", Delegation.objects.order_by("pk").prefetch_related(cited(drafts=True)))
        ],
        "people": [
            {
                "slug": p.slug,
                "name": p.name,
                "aliases": p.aliases,
                "description": p.description,
                "citations": _citations(p),
                "roles": [
                    {"title": r.title, "delegation": _slug(r.delegation), "citations": _citations(r)}
                    for r in sorted(p.roles.all(), key=lambda r: r.pk)
                ],
            }
            for p in rows("people", Person.objects.order_by("pk").prefetch_related(cited(drafts=True), roles))
        ],
        "envoys": [
            {"slug": e.slug, "name": e.name, "person": e.person.slug, "title": e.title, "citations": _citations(e)}
            for e in rows(
                "envoys", Envoy.objects.order_by("pk").select_related("person").prefetch_related(cited(drafts=True))
            )
        ],
        "processes": [
            {
                "slug": p.slug,
                "name": p.name,
                "short_name": p.short_name,
                "convened_by": p.convened_by,
                "description": p.description,
                "citations": _citations(p),
            }
            for p in rows("processes", Process.objects.order_by("pk").prefetch_related(cited(drafts=True)))
        ],
        "venues": [
            {
                "slug": v.slug,
                "name": v.name,
                "country": v.country,
                "latitude": str(v.latitude),
                "longitude": str(v.longitude),
                "description": v.description,
                "citations": _citations(v),
            }
            for v in rows("venues", Venue.objects.order_by("pk").prefetch_related(cited(drafts=True)))
        ],
        "resolutions": [
            {
                "slug": r.slug,
                "name": r.name,
                "code": r.code,
                "kind": r.kind,
                "title": r.title,
                "adopted_by": r.adopted_by,
                "vote": r.vote,
                "calls_for": r.calls_for,
                **_dated(r),
                "citations": _citations(r),
            }
            for r in rows("resolutions", Resolution.objects.order_by("pk").prefetch_related(cited(drafts=True)))
        ],
        "rounds": [
            {
                "slug": r.slug,
                "title": r.title,
                "process": r.process.slug,
                "venue": _slug(r.venue),
                "round_number": r.round_number,
                **_dated(r),
                "status": r.status,
                "format": r.format,
                "summary": r.summary,
                "outcome": r.outcome,
                "envoys": sorted(e.slug for e in r.envoys.all()),
                "resolutions": sorted(x.slug for x in r.resolutions.all()),
                "delegations": [
                    {
                        "delegation": rd.delegation.slug,
                        "head": _slug(rd.head),
                        "role": rd.role,
                        "note": rd.note,
                        "citations": _citations(rd),
                    }
                    for rd in sorted(r.round_delegations.all(), key=lambda rd: rd.pk)
                ],
                "citations": _citations(r),
            }
            for r in rows(
                "rounds",
                TalkRound.objects.order_by("pk")
                .select_related("process", "venue")
                .prefetch_related("envoys", "resolutions", delegations, cited(drafts=True)),
            )
        ],
        "milestones": [
            {
                "slug": m.slug,
                "title": m.title,
                "category": m.category,
                "summary": m.summary,
                "venue": _slug(m.venue),
                "place": m.place,
                "process": _slug(m.process),
                **_dated(m),
                "people": sorted(p.slug for p in m.people.all()),
                "delegations": sorted(d.slug for d in m.delegations.all()),
                "resolutions": sorted(x.slug for x in m.resolutions.all()),
                "citations": _citations(m),
            }
            for m in rows(
                "milestones",
                Milestone.objects.order_by("pk")
                .select_related("venue", "process")
                .prefetch_related("people", "delegations", "resolutions", cited(drafts=True)),
            )
        ],
        "figures": [
            {
                "slug": f.slug,
                "measure": f.measure,
                "counts": f.counts,
                "value": None if f.value is None else float(f.value) if f.value % 1 else int(f.value),
                "value_text": f.value_text,
                "qualifier": f.qualifier,
                "unit": f.unit,
                "place": f.place,
                "note": f.note,
                "as_of": _nested_date(f.as_of, f.as_of_latest, f.as_of_precision, f.as_of_basis, f.as_of_note),
                "citations": _citations(f),
            }
            for f in rows("figures", Figure.objects.order_by("pk").prefetch_related(cited(drafts=True)))
        ],
    }
