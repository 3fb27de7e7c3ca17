"""/api/envoys/, /api/delegations/, /api/people/."""

import pytest

from actors.models import Delegation, Envoy, Person
from tests.api_support import add_people, data, every_page, slugs

pytestmark = pytest.mark.django_db


def test_an_envoy_names_the_person_who_held_the_mandate(api):
    envoy = data(api.get("/api/envoys/staffan-de-mistura/"))
    assert envoy["title"] == "UN Special Envoy for Syria"
    assert envoy["person"] == {
        "slug": "staffan-de-mistura",
        "name": "Staffan de Mistura",
        "url": "http://testserver/api/people/staffan-de-mistura/",
    }
    assert envoy["url"] == "http://testserver/api/envoys/staffan-de-mistura/"
    assert envoy["html_url"] == "http://testserver/envoys/staffan-de-mistura/"
    assert envoy["citations"]


def test_a_delegation_keeps_its_side_and_the_names_it_goes_by(api):
    delegation = data(api.get("/api/delegations/high-negotiations-committee/"))
    assert (delegation["side"], delegation["abbreviation"]) == ("opposition", "HNC")
    assert isinstance(delegation["aliases"], list)


def test_a_person_carries_their_roles_aliases_and_mandate(api):
    person = data(api.get("/api/people/staffan-de-mistura/"))
    assert "de Misutra" in person["aliases"]
    assert person["envoy"]["slug"] == "staffan-de-mistura"
    assert person["roles"] and all(role["citations"] for role in person["roles"])
    assert data(api.get("/api/people/bashar-al-jaafari/"))["envoy"] is None


@pytest.mark.parametrize(
    ("url", "model"), [("/api/envoys/", Envoy), ("/api/delegations/", Delegation), ("/api/people/", Person)]
)
def test_each_list_has_every_record_by_name(api, url, model):
    rows, _ = every_page(api, url, page_size=3)
    assert [r["slug"] for r in rows] == list(model.objects.order_by("name", "pk").values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/api/envoys/", {"q": "PEDERSEN"}, ["geir-pedersen"]),
        ("/api/delegations/", {"side": "guarantor"}, ["iran", "russia", "turkey"]),
        (
            "/api/delegations/",
            {"side": ["government", "civil_society"]},
            ["syrian-civil-society", "syrian-government-delegation"],
        ),
        ("/api/delegations/", {"q": "group"}, ["cairo-group", "moscow-group"]),
        ("/api/people/", {"q": "bashar"}, ["bashar-al-assad", "bashar-al-jaafari"]),
    ],
)
def test_filters_keep_what_they_name(api, url, query, expected):
    assert slugs(api, url, **query) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("side=rebels", "side"), ("q=" + "y" * 201, "q"), ("page_size=x", "page_size"), ("cursor=%%%", "cursor")],
)
def test_bad_values_are_400s_naming_the_parameter(api, query, parameter):
    response = api.get(f"/api/delegations/?{query}")
    assert response.status_code == 400 and parameter in data(response)


def test_an_unknown_person_is_a_json_404(api):
    response = api.get("/api/people/nobody/")
    assert response.status_code == 404 and "detail" in data(response)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/envoys/", 3),
        ("/api/envoys/geir-pedersen/", 2),
        ("/api/delegations/", 3),
        ("/api/delegations/russia/", 2),
        ("/api/people/", 6),
        ("/api/people/geir-pedersen/", 4),
    ],
)
def test_a_request_costs_the_same_queries_at_two_data_sizes(api, django_assert_num_queries, url, queries):
    for size in (5, 35):
        add_people(size)
        api.get(url)
        with django_assert_num_queries(queries):
            assert api.get(url).status_code == 200
