"""The floor: the same page as /api/rounds/ answered by the barest Django view, from .values().

No serializer, no filterset, no pagination class: what any implementation on this stack must at least
spend. The API is measured against it.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, JsonResponse

from sources.models import Citation
from talks.models import RoundDelegation, TalkRound

FIELDS = ["id", "slug", "title", "status", "start_date", "end_date", "date_precision", "date_basis", "date_note",
          "summary", "outcome", "venue__slug", "venue__name", "process__slug", "process__name"]  # fmt: skip


def _nest(rows):
    ids = [row["id"] for row in rows]
    envoys, delegations, citations = defaultdict(list), defaultdict(list), defaultdict(list)
    for e in TalkRound.envoys.through.objects.filter(talkround_id__in=ids).values(
        "talkround_id", "envoy__slug", "envoy__name"
    ):
        envoys[e["talkround_id"]].append({"slug": e["envoy__slug"], "name": e["envoy__name"]})
    for d in RoundDelegation.objects.filter(round_id__in=ids).values(
        "round_id", "delegation__slug", "delegation__name", "head__name"
    ):
        delegations[d["round_id"]].append(
            {"slug": d["delegation__slug"], "name": d["delegation__name"], "head": d["head__name"]}
        )
    content_type = ContentType.objects.get_for_model(TalkRound)
    for c in Citation.objects.filter(content_type=content_type, object_id__in=ids).values(
        "object_id", "source__slug", "quote"
    ):
        citations[c["object_id"]].append({"source": c["source__slug"], "quote": c["quote"]})
    for row in rows:
        row["envoys"], row["delegations"] = envoys[row["id"]], delegations[row["id"]]
        row["citations"] = citations[row["id"]]
    return rows


def rounds(request):
    queryset = TalkRound.objects.all()
    if venue := request.GET.get("venue"):
        queryset = queryset.filter(venue__slug=venue)
    if envoy := request.GET.get("envoy"):
        queryset = queryset.filter(
            pk__in=TalkRound.envoys.through.objects.filter(envoy__slug=envoy).values("talkround_id")
        )
    size = min(int(request.GET.get("page_size", 50)), 200)
    rows = list(queryset.order_by("sort_date", "date_rank", "id").values(*FIELDS)[:size])
    return JsonResponse({"results": _nest(rows)})


def round_detail(request, slug):
    rows = list(TalkRound.objects.filter(slug=slug).values(*FIELDS))
    if not rows:
        raise Http404
    return JsonResponse(_nest(rows)[0])
