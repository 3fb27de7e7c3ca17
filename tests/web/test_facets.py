"""Facet counts: each filter choice shows how many items it would leave with the other filters in use, on the
timeline's form and in the API (`?facets=`); bounded in cost (cap, cache by data version), constant in queries."""

import json
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from talks import facets as facets_module
from talks.models import TalkRound
from talks.services import round_update
from tests.api_support import data
from tests.scale import grow

pytestmark = pytest.mark.django_db


def options(page, name):
    """{value: (label, count)} of the first drop-down of filter `name` on the timeline's form."""
    select = re.search(rf'<select id="f-{name}-1" name="{name}">(.*?)</select>', page, re.S).group(1)
    found = {}
    for value, label in re.findall(r'<option value="([^"]+)"(?: selected)?>([^<]*)</option>', select):
        text, count = re.fullmatch(r"(.*) \(([\d,]+)\)", unescape(label)).groups()
        found[value] = (text, int(count.replace(",", "")))
    return found


def events_count(client, query):
    return data(client.get(f"/api/events/?{query}&page_size=200"))["count"]


@pytest.mark.parametrize("query", ["", "venue=geneva", "envoy=geir-pedersen", "kind=round&year=2019"])
@pytest.mark.parametrize("name", ["venue", "envoy", "process", "kind", "status", "delegation", "resolution"])
def test_each_choice_shows_what_choosing_it_would_leave(client, query, name):
    page = client.get(f"/?{query}").content.decode()
    others = "&".join(part for part in query.split("&") if part and not part.startswith(f"{name}="))
    for value, (_, count) in options(page, name).items():
        assert count == events_count(client, f"{others}&{name}={value}"), (name, value)


def test_a_count_reads_like_datasettes(client):
    venues = options(client.get("/?envoy=geir-pedersen").content.decode(), "venue")
    geneva = TalkRound.objects.filter(venue__slug="geneva", envoys__slug="geir-pedersen").count()
    assert venues["geneva"] == ("Geneva", geneva) and geneva > 0


def test_the_page_says_how_the_counts_are_made(client):
    page = client.get("/").content.decode()
    assert "how many items it would show, with the other filters as they are" in page
    assert "counted over the first" not in page


def test_past_the_cap_the_counts_say_so(client, monkeypatch):
    monkeypatch.setattr(facets_module, "FACET_CAP", 3)
    page = client.get("/").content.decode()
    assert "counted over the first 3 items of each kind (there are more)" in page
    assert all(count <= 3 * 3 for _, count in options(page, "venue").values())
    answer = data(client.get("/api/events/?facets=kind"))
    assert answer["facets_capped"] is True
    assert {row["value"]: row["count"] for row in answer["facets"]["kind"]} == {
        "round": 3,
        "milestone": 3,
        "resolution": 3,
    }


def test_the_api_gives_the_same_counts_as_the_form(client):
    page = client.get("/?year=2019").content.decode()
    answer = data(client.get("/api/events/?year=2019&facets=venue,envoy"))
    assert set(answer["facets"]) == {"venue", "envoy"} and answer["facets_capped"] is False
    for name in ("venue", "envoy"):
        shown = {value: count for value, (_, count) in options(page, name).items() if count}
        assert {row["value"]: row["count"] for row in answer["facets"][name]} == shown
        counts = [row["count"] for row in answer["facets"][name]]
        assert counts == sorted(counts, reverse=True)


def test_facets_repeat_or_comma_separate(client):
    one = data(client.get("/api/events/?facets=venue,envoy"))["facets"]
    two = data(client.get("/api/events/?facets=venue&facets=envoy"))["facets"]
    assert one == two and set(one) == {"venue", "envoy"}
    assert "facets" not in data(client.get("/api/events/"))


def test_an_unknown_facet_is_a_400_naming_it(client):
    response = client.get("/api/events/?facets=venue,atlantis")
    assert response.status_code == 400
    assert "atlantis" in json.loads(response.content)["facets"][0]


def test_a_write_changes_the_counts_at_once(client):
    page = client.get("/").content.decode()
    before = options(page, "venue")["geneva"][1]
    vienna_round = TalkRound.objects.filter(venue__slug="vienna").first()
    geneva = TalkRound.objects.filter(venue__slug="geneva").first().venue
    round_update(talk_round=vienna_round, data={"venue": geneva}, reason="Moved for the test")
    assert options(client.get("/").content.decode(), "venue")["geneva"][1] == before + 1


# (uncached, cached): the facets' GROUP BYs (one per filter and kind, and one count per set of other filters)
# and the slug checks of the FilterSets they bind; then nothing of theirs, kept under the data version.
FACET_QUERIES = {
    "/": (47, 29),
    "/?venue={venue}&envoy={envoy}": (52, 21),
    "/api/events/?venue={venue}&facets=venue,envoy,kind": (31, 19),
}


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("template", list(FACET_QUERIES))
def test_the_counts_cost_the_same_queries_at_two_data_sizes(client, template, size):
    world = grow(size)
    path = template.format(venue=world.venue.slug, envoy=world.envoy.slug)
    client.get(path)  # warm, as in a running site (content types)
    cache.clear()
    client.get("/robots.txt")  # the data version read into the cache
    with CaptureQueriesContext(connection) as uncached:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert client.get(path).status_code == 200
    assert (len(uncached), len(cached)) == FACET_QUERIES[template]
