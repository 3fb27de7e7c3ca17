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
