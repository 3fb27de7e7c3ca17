"""Records' addresses, reversed once per view (toolkit/paths.py), are what reverse() gives for each."""

import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from actors.models import Delegation, Envoy, Person
from sources.models import Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue
from toolkit.paths import slug_path

VIEWS = {
    TalkRound: "talks:round-detail",
    Milestone: "talks:milestone-detail",
    Resolution: "talks:resolution-detail",
    Venue: "talks:venue-detail",
    Process: "talks:process-detail",
    Envoy: "actors:envoy-detail",
    Person: "actors:person-detail",
    Delegation: "actors:delegation-detail",
    Source: "sources:source-detail",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "view_name"), VIEWS.items(), ids=[m.__name__ for m in VIEWS])
def test_every_real_records_address_is_the_reversed_one(model, view_name):
    records = list(model.objects.all())
    assert records
    for record in records:
        assert record.get_absolute_url() == reverse(view_name, kwargs={"slug": record.slug})


def test_a_script_prefix_is_kept():
    try:
        set_script_prefix("/timeline/")
        assert slug_path("talks:venue-detail", "geneva") == reverse("talks:venue-detail", kwargs={"slug": "geneva"})
        assert slug_path("talks:venue-detail", "geneva").startswith("/timeline/")
    finally:
        set_script_prefix("/")
    assert slug_path("talks:venue-detail", "geneva") == reverse("talks:venue-detail", kwargs={"slug": "geneva"})


def test_another_urlconf_is_not_confused_with_the_sites():
    assert slug_path("talks:venue-detail", "geneva") == reverse("talks:venue-detail", kwargs={"slug": "geneva"})
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert slug_path("talks:venue-detail", "geneva") == reverse("talks:venue-detail", kwargs={"slug": "geneva"})


@pytest.mark.parametrize("slug", ["two words", "ünïcode", "a/b", "0", "100"])
def test_what_is_not_a_plain_slug_is_reversed_as_before(slug):
    from django.urls import NoReverseMatch

    try:
        expected = reverse("talks:venue-detail", kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            slug_path("talks:venue-detail", slug)
    else:
        assert slug_path("talks:venue-detail", slug) == expected
