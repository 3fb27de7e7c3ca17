"""The pages of envoys, delegations and people."""

import pytest
from django.urls import reverse

from actors.models import Delegation, Envoy, Person
from talks.models import TIMELINE_ORDER, TalkRound
from tests.htmltree import json_ld, page_problems, parse
from tests.scale import grow

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return parse(response.content)


def section(tree, heading_id):
    return tree.find("section", aria_labelledby=heading_id)


@pytest.mark.parametrize(
    ("model", "name"),
    [(Envoy, "actors:envoy-detail"), (Delegation, "actors:delegation-detail"), (Person, "actors:person-detail")],
)
def test_every_record_has_a_sound_page_and_an_unknown_slug_is_not_found(client, model, name):
    for obj in model.objects.all():
        assert obj.get_absolute_url() == reverse(name, args=[obj.slug])
        tree = page(client, obj.get_absolute_url())
        assert page_problems(tree) == [], obj
        (data,) = json_ld(tree)
        assert data["@type"] == ("Organization" if model is Delegation else "Person")
        assert data["name"] in {obj.name, getattr(getattr(obj, "person", None), "name", None)}
    page(client, reverse(name, args=["no-such-thing"]), status=404)


def test_an_envoy_page_lists_the_rounds_convened_in_order_with_the_span_covered(client):
    envoy = Envoy.objects.get(slug="staffan-de-mistura")
    tree = page(client, envoy.get_absolute_url())
    rounds = section(tree, "rounds-heading")
    expected = TalkRound.objects.filter(envoys=envoy).order_by(*TIMELINE_ORDER)
    assert [a.get("href") for a in rounds.find_all("a", cls="p-name")] == [r.get_absolute_url() for r in expected]
    assert rounds.find("p", cls="span-covered").text == (
        f"The articles cover {len(expected)} rounds that Staffan de Mistura convened, "
        f"from {expected.first().date_display} to {expected.last().when.display}."
    )
    assert tree.find("a", cls="u-url").get("href") == envoy.person.get_absolute_url()


def test_a_delegation_page_shows_rounds_attended_heads_and_aliases(client):
    delegation = Delegation.objects.get(slug="syrian-government-delegation")
    tree = page(client, delegation.get_absolute_url())
    attended = section(tree, "rounds-heading").find_all("a", cls="p-name")
    expected = TalkRound.objects.filter(delegations=delegation).order_by(*TIMELINE_ORDER)
    assert [a.get("href") for a in attended] == [r.get_absolute_url() for r in expected]
    facts = {div.find("dt").text: div.find("dd").text for div in tree.find("dl", cls="facts").find_all("div")}
    assert "Bashar al-Ja'afari" in facts["Headed by"]
    hnc = page(client, reverse("actors:delegation-detail", args=["high-negotiations-committee"]))
    aliases = [el.text for el in hnc.find_all(cls="p-nickname")]
    assert aliases == Delegation.objects.get(slug="high-negotiations-committee").aliases
    assert aliases


def test_a_person_page_shows_roles_with_citations_rounds_headed_and_milestones(client):
    person = Person.objects.get(slug="staffan-de-mistura")
    tree = page(client, person.get_absolute_url())
    roles = tree.find("ul", cls="roles").children
    roles = [li for li in roles if getattr(li, "tag", "") == "li"]
    assert [li.find(cls="p-job-title").text for li in roles] == [r.title for r in person.roles.all()]
    for li, role in zip(roles, person.roles.all(), strict=True):
        assert [a.get("href") for a in li.find_all("a") if "#quote-" in a.get("href")] == [
            c.get_absolute_url() for c in role.citations.all()
        ]
    assert [el.text for el in tree.find_all(cls="p-nickname")] == person.aliases
    milestones = section(tree, "milestones-heading").find_all("a", cls="p-name")
    assert [a.get("href") for a in milestones] == [
        m.get_absolute_url() for m in person.milestones.order_by(*TIMELINE_ORDER)
    ]

    jaafari = page(client, reverse("actors:person-detail", args=["bashar-al-jaafari"]))
    headed = section(jaafari, "headed-heading")
    assert [a.get("href") for a in headed.find_all("a", cls="p-name")] == [
        r.get_absolute_url()
        for r in TalkRound.objects.filter(round_delegations__head__slug="bashar-al-jaafari").order_by(*TIMELINE_ORDER)
    ]
    assert "for Syrian government delegation" in headed.text


def test_an_envoy_and_their_person_link_to_each_other(client):
    person = page(client, reverse("actors:person-detail", args=["geir-pedersen"]))
    assert reverse("actors:envoy-detail", args=["geir-pedersen"]) in [a.get("href") for a in person.find_all("a")]


# each with 2 for its History section (its rows, its citations' rows) and 1 for the release "Cite this" names
QUERIES = {"envoy": 8, "delegation": 15, "person": 16}


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("name", list(QUERIES))
def test_each_page_costs_the_same_number_of_queries_at_any_size(client, django_assert_num_queries, name, size):
    world = grow(size)
    url = {"envoy": world.envoy, "delegation": world.delegation, "person": world.person}[name].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(parse(response.content).find_all("li", cls="item")) >= size
