"""The index pages: every record of a kind with its counts and links, in the navigation, with JSON-LD, at a
constant number of queries (tests/scale.py grows the data)."""

import json

import pytest
from django.core.cache import cache

from actors.models import Delegation, Envoy, Person
from sources.models import Source
from talks.models import Process, Resolution, TalkRound, Venue
from tests.scale import grow

pytestmark = pytest.mark.django_db

INDEXES = {
    "/venues/": Venue,
    "/processes/": Process,
    "/resolutions/": Resolution,
    "/envoys/": Envoy,
    "/delegations/": Delegation,
    "/people/": Person,
    "/sources/": Source,
}


def json_ld(page):
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(page[start : page.index("</script>", start)])


@pytest.mark.parametrize(("path", "model"), INDEXES.items())
def test_an_index_lists_every_record_with_a_link_to_its_page(client, path, model):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    for obj in model.objects.all():
        assert f'href="{obj.get_absolute_url()}"' in page, obj
    document = json_ld(page)
    assert document["@type"] == "ItemList"
    assert document["numberOfItems"] == model.objects.count()
    assert {item["item"]["url"] for item in document["itemListElement"]} == {
        f"http://testserver{obj.get_absolute_url()}" for obj in model.objects.all()
    }


@pytest.mark.parametrize("path", INDEXES)
def test_every_index_is_in_the_navigation(client, path):
    for page in ("/", "/figures/", "/venues/geneva/"):
        assert f'href="{path}"' in client.get(page).content.decode().split("</nav>")[0], (page, path)
    assert f'<a href="{path}" aria-current="page">' in client.get(path).content.decode()


def row_of(page, href):
    """The cells of the table row whose first cell links to `href`."""
    row = page.split(f'<a href="{href}">', 1)[1].split("</tr>", 1)[0]
    return [cell.split("<", 1)[0] for cell in row.split('<td class="count">')[1:]]


def test_the_counts_are_how_much_of_the_timeline_each_holds(client):
    geneva = Venue.objects.get(slug="geneva")
    page = client.get("/venues/").content.decode()
    assert row_of(page, geneva.get_absolute_url()) == [str(geneva.rounds.count()), str(geneva.milestones.count())]
    assert f'href="/?venue={geneva.slug}"' in page
    pedersen = Envoy.objects.get(slug="geir-pedersen")
    page = client.get("/envoys/").content.decode()
    assert row_of(page, pedersen.get_absolute_url()) == [str(pedersen.rounds.count())]
    source = Source.objects.first()
    page = client.get("/sources/").content.decode()
    assert row_of(page, source.get_absolute_url()) == [str(source.citations.count())]


def test_a_write_shows_on_the_index_at_once(client, staff):
    geneva = Venue.objects.get(slug="geneva")
    before = geneva.rounds.count()
    client.get("/venues/")  # counted and cached under this data version
    round = TalkRound.objects.exclude(venue=geneva).first()
    assert staff.patch(f"/api/rounds/{round.slug}/", {"venue": "geneva"}, format="json").status_code == 200
    page = client.get("/venues/").content.decode()
    assert row_of(page, geneva.get_absolute_url())[0] == str(before + 1)


@pytest.mark.parametrize("path", INDEXES)
def test_an_index_costs_the_same_queries_at_two_data_sizes(client, path, django_assert_num_queries):
    for size in (5, 40):
        grow(size)
        cache.clear()
        client.get("/")  # the data version read into the cache, as any earlier request would have
        with django_assert_num_queries(1):  # the list with its counts
            assert client.get(path).status_code == 200
        with django_assert_num_queries(0):  # then kept under the data version
            assert client.get(path).status_code == 200
