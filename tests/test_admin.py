import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from sources.models import Citation, Source
from talks.models import Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m.__name__)
def test_every_model_has_a_searchable_filterable_admin(staff_client, model):
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields
    if model not in {get_user_model()} and model._meta.app_label in {"talks", "actors", "sources"}:
        assert model_admin.list_filter
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert staff_client.get(url, {"q": "Geneva"}).status_code == 200


def citation_post(venue, quote):
    source = Source.objects.get(slug="meeting-on-syria-constitution-a-landmark-says-un-chief")
    prefix = "sources-citation-content_type-object_id"
    existing = list(venue.citations.all())
    data = {
        "name": venue.name,
        "slug": venue.slug,
        "country": venue.country,
        "latitude": str(venue.latitude),
        "longitude": str(venue.longitude),
        "description": venue.description,
        "change_reason": "A quote found in the article",
        f"{prefix}-TOTAL_FORMS": str(len(existing) + 1),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
    }
    for i, c in enumerate(existing):
        data |= {f"{prefix}-{i}-id": c.pk, f"{prefix}-{i}-source": c.source_id, f"{prefix}-{i}-quote": c.quote}
    n = len(existing)
    data |= {f"{prefix}-{n}-source": source.pk, f"{prefix}-{n}-quote": quote, f"{prefix}-{n}-supports": "venue"}
    return data


def test_the_admin_refuses_a_quote_not_found_verbatim(staff_client):
    venue = Venue.objects.get(slug="geneva")
    before = Citation.objects.count()
    url = reverse("admin:talks_venue_change", args=[venue.pk])
    response = staff_client.post(url, citation_post(venue, "The two sides met face to face in Geneva."))
    assert response.status_code == 200
    assert "not found verbatim" in response.content.decode()
    assert Citation.objects.count() == before


def test_the_admin_accepts_a_verbatim_quote(staff_client):
    venue = Venue.objects.get(slug="geneva")
    quote = "UN Special Envoy to Syria Geir Pedersen, co-chair Syrian MP Ahmad Al-Kuzbari"
    url = reverse("admin:talks_venue_change", args=[venue.pk])
    response = staff_client.post(url, citation_post(venue, quote))
    assert response.status_code == 302
    assert venue.citations.filter(quote=quote).exists()


def round_form(talk_round, **changes):
    """The admin's change form for a round, as a browser would post it back, with `changes`."""
    prefix = "sources-citation-content_type-object_id"
    citations = list(talk_round.citations.all())
    data = {
        "title": talk_round.title,
        "slug": talk_round.slug,
        "process": talk_round.process_id,
        "venue": talk_round.venue_id or "",
        "start_date": talk_round.start_date or "",
        "start_latest": talk_round.start_latest or "",
        "end_date": talk_round.end_date or "",
        "date_precision": talk_round.date_precision,
        "date_basis": talk_round.date_basis,
        "date_note": talk_round.date_note,
        "inference_note": talk_round.inference_note,
        "round_number": talk_round.round_number or "",
        "status": talk_round.status,
        "format": talk_round.format,
        "summary": talk_round.summary,
        "outcome": talk_round.outcome,
        "change_reason": "Outcome reworded",
        "envoys": [e.pk for e in talk_round.envoys.all()],
        "resolutions": [r.pk for r in talk_round.resolutions.all()],
        "round_delegations-TOTAL_FORMS": "0",
        "round_delegations-INITIAL_FORMS": "0",
        f"{prefix}-TOTAL_FORMS": str(len(citations)),
        f"{prefix}-INITIAL_FORMS": str(len(citations)),
    }
    for i, c in enumerate(citations):
        data |= {
            f"{prefix}-{i}-id": c.pk,
            f"{prefix}-{i}-source": c.source_id,
            f"{prefix}-{i}-quote": c.quote,
            f"{prefix}-{i}-supports": c.supports,
            f"{prefix}-{i}-note": c.note,
        }
    return data | changes


def test_a_word_put_into_an_outcome_through_the_admin_is_found_by_the_search(staff_client, api):
    # An admin edit left the search column stale: the new word was not found by ?q=.
    from talks.models import TalkRound

    talk_round = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    talk_round.round_delegations.all().delete()  # the inline is posted empty below
    url = reverse("admin:talks_talkround_change", args=[talk_round.pk])
    response = staff_client.post(url, round_form(talk_round, outcome="A quixotically hopeful meeting."))
    assert response.status_code == 302, response.content.decode()[:2000]
    found = api.get("/api/rounds/", {"q": "quixotically"}).json()["results"]
    assert [r["slug"] for r in found] == ["un-sponsored-talks-in-vienna"]


def test_the_admin_reports_a_broken_date_rule_on_its_field(staff_client):
    from talks.models import TalkRound

    talk_round = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    url = reverse("admin:talks_talkround_change", args=[talk_round.pk])
    response = staff_client.post(url, round_form(talk_round, date_basis="external", date_note=""))
    assert response.status_code == 200
    assert "needs a note naming the reference" in response.content.decode()
    talk_round.refresh_from_db()
    assert talk_round.date_basis == "inferred"


def test_the_admin_keeps_a_records_last_citation(staff_client):
    citation = Citation.objects.get(quote="the Third OIC Member States Conference on Mediation in Istanbul on Thursday")
    url = reverse("admin:sources_citation_delete", args=[citation.pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert "only citation" in response.content.decode()
    assert Citation.objects.filter(pk=citation.pk).exists()
