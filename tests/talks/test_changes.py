"""/changes/ (the latest changes, keyset-paged) and the Atom feeds of changes and of new timeline entries."""

import feedparser
import pytest
from django.urls import reverse

from talks.changes import KINDS, Changes
from talks.models import TalkRound
from tests.api_support import STAFF_REASON
from tests.htmltree import parse

pytestmark = pytest.mark.django_db
ROUND = "un-sponsored-talks-in-vienna"


def test_an_api_edit_heads_the_latest_changes_with_its_reason(client, staff):
    assert staff.patch(f"/api/rounds/{ROUND}/", {"outcome": "Edited."}, format="json").status_code == 200
    tree = parse(client.get(reverse("talks:changes")).content)
    first = tree.find("ol", cls="changes-list").find("li")
    assert STAFF_REASON in first.text and "by staff" in first.text and "round" in first.text
    assert first.find("a").get("href") == TalkRound.objects.get(slug=ROUND).get_absolute_url()


@pytest.mark.parametrize(("params", "found"), [({"kind": "venue"}, True), ({"since": "2000-01-01"}, True),
                                               ({"until": "2000-01-01"}, False)])  # fmt: skip
def test_the_changes_filter_by_kind_and_date(client, params, found):
    items = parse(client.get(reverse("talks:changes"), params).content).find("ol", cls="changes-list")
    texts = [li.text for li in items.find_all("li")]
    if not found:
        assert texts == ["No change matches these filters."]
        return
    assert texts and texts != ["No change matches these filters."]
    if "kind" in params:
        assert all(": venue " in text for text in texts)


@pytest.mark.parametrize("params", [{"since": "yesterday"}, {"kind": "planet"}, {"cursor": "not-a-cursor"}])
def test_a_bad_changes_parameter_is_a_notice_naming_it(client, params):
    response = client.get(reverse("talks:changes"), params)
    assert response.status_code == 200
    assert next(iter(params)) in parse(response.content).find("div", cls="error").text


def every_key(changes, size):
    keys, cursor = [], None
    while True:
        page = changes.page(cursor, size)
        keys += [(entry.kind, entry.change.row.history_id) for entry in page.items]
        if not page.next_cursor:
            return keys
        cursor = page.next_cursor


def test_keyset_paging_walks_every_change_once_newest_first_both_ways():
    changes = Changes(kinds=["round", "venue", "process"])
    expected = sorted(
        (
            (row.history_date, list(KINDS).index(kind), row.history_id, kind)
            for kind in ("round", "venue", "process")
            for row in KINDS[kind].history.all()
        ),
        reverse=True,
    )
    walked = every_key(changes, 7)
    assert walked == [(kind, pk) for _, _, pk, kind in expected]
    assert changes.count() == (len(expected), False)
    # and back from the third page
    first = changes.page(None, 7)
    second = changes.page(first.next_cursor, 7)
    third = changes.page(second.next_cursor, 7)
    back = changes.page(third.previous_cursor, 7)
    assert [e.change.row.history_id for e in back.items] == [e.change.row.history_id for e in second.items]


def test_the_changes_page_costs_at_most_a_query_per_kind_twice(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2 * len(KINDS) + 2):
        assert client.get(reverse("talks:changes")).status_code == 200


def test_the_changes_feed_parses_and_names_each_change_with_its_reason(client, staff):
    assert staff.patch(f"/api/rounds/{ROUND}/", {"outcome": "Edited."}, format="json").status_code == 200
    feed = feedparser.parse(client.get(reverse("talks:changes-feed")).content)
    assert not feed.bozo
    assert feed.feed.title == "Peace Talks Timeline: latest changes"
    newest = feed.entries[0]
    assert newest.title.startswith("Talk round changed") and newest.summary == STAFF_REASON
    assert newest.link.endswith(TalkRound.objects.get(slug=ROUND).get_absolute_url())
    assert len({entry.id for entry in feed.entries}) == len(feed.entries) == 50


def test_the_timeline_feed_follows_one_venue(client, api):
    feed = feedparser.parse(client.get(reverse("talks:timeline-feed"), {"venue": "geneva"}).content)
    assert not feed.bozo and feed.entries
    at_geneva = {event["html_url"] for event in api.get("/api/events/", {"venue": "geneva"}).json()["results"]}
    assert {entry.link for entry in feed.entries} == at_geneva


@pytest.mark.parametrize(("name", "params"), [("timeline-feed", {"venue": "atlantis"}),
                                              ("changes-feed", {"since": "soon"})])  # fmt: skip
def test_a_feed_with_a_bad_parameter_is_a_400(client, name, params):
    assert client.get(reverse(f"talks:{name}"), params).status_code == 400


def test_the_timeline_page_links_its_filtered_feed_and_the_changes_feed(client):
    tree = parse(client.get("/", {"venue": "geneva"}).content)
    feeds = [link.get("href") for link in tree.find_all("link", rel="alternate", type="application/atom+xml")]
    assert feeds == [f"{reverse('talks:timeline-feed')}?venue=geneva", reverse("talks:changes-feed")]
