"""The merged timeline behind `/` and `/api/events/`: filters across kinds, keyset paging."""

import datetime

import pytest
from django.http import QueryDict

from talks import overview
from talks.models import TalkRound
from talks.overview import year_counts
from talks.timeline import Key, Timeline
from tests.factories import TalkRoundFactory
from toolkit.pagination import CursorError

pytestmark = pytest.mark.django_db


def timeline_page(query="", cursor=None, size=50):
    return Timeline(QueryDict(query)).page(cursor, size)


def slugs(query, size=50):
    timeline = Timeline(QueryDict(query))
    assert not timeline.errors, timeline.errors
    return [e.obj.slug for e in timeline.page(None, size).items]


def test_the_timeline_is_chronological_across_kinds():
    entries = timeline_page(size=200).items
    assert {e.kind for e in entries} == {"round", "resolution", "milestone"}
    keys = [e.key for e in entries]
    assert keys == sorted(keys)


def test_venue_keeps_only_what_happened_there():
    assert slugs("venue=vienna") == ["un-sponsored-talks-in-vienna"]


def test_envoy_keeps_what_the_envoy_convened_or_said():
    found = slugs("envoy=geir-pedersen")
    assert "constitutional-committee-first-meeting" in found
    assert "un-sponsored-talks-in-vienna" not in found
    assert "geneva-communique" not in found


def test_several_values_of_one_filter_match_any():
    assert slugs("venue=vienna&venue=astana") == [
        "astana-meeting-of-the-ceasefire-guarantors-may-2017",
        "un-sponsored-talks-in-vienna",
    ]


def test_filters_combine():
    assert slugs("process=geneva-process&year=2017&status=held") == [
        "sixth-round-of-geneva-talks",
        "un-technical-meetings-on-constitutional-and-legal-issues",
        "eighth-round-of-geneva-talks",
    ]


def test_resolution_keeps_the_resolution_and_what_rests_on_it():
    assert slugs("resolution=resolution-2254") == [
        "resolution-2254",
        "geneva-talks-march-2016",
        "zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria",
    ]


def test_kind_picks_the_kinds():
    assert set(slugs("kind=resolution")) == {"geneva-communique", "resolution-2254"}


def test_text_search_reaches_the_quotes():
    # "landmark" is in a quote and a title; "clique" only in a quote.
    assert slugs("q=clique") == ["geneva-talks-march-2016"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("venue=atlantis", "venue"),
        ("date_after=not-a-date", "date_after"),
        ("kind=treaty", "kind"),
        ("q=" + "x" * 201, "q"),
        ("year=0", "year"),
    ],  # fmt: skip
)
def test_bad_values_are_errors_that_name_the_parameter(query, field):
    assert field in Timeline(QueryDict(query)).errors


def test_pages_follow_each_other_without_gaps_or_repeats():
    everything = slugs("", size=200)
    seen, page = [], timeline_page(size=4)
    while True:
        seen += [e.obj.slug for e in page.items]
        if not page.next_cursor:
            break
        page = timeline_page(cursor=page.next_cursor, size=4)
    assert seen == everything


def test_a_previous_page_is_the_page_before():
    first = timeline_page(size=5)
    second = timeline_page(cursor=first.next_cursor, size=5)
    assert first.previous_cursor is None
    back = timeline_page(cursor=second.previous_cursor, size=5)
    assert [e.obj.slug for e in back.items] == [e.obj.slug for e in first.items]


def test_rounds_on_the_same_day_page_by_id():
    day = datetime.date(1999, 1, 1)
    made = [TalkRoundFactory(start_date=day).slug for _ in range(5)]
    first = timeline_page(size=3)
    second = timeline_page(cursor=first.next_cursor, size=3)
    assert [e.obj.slug for e in first.items + second.items][:5] == made


@pytest.mark.parametrize("token", ["", "not-base64!", "bnVsbA", Key(datetime.date(2000, 1, 1), 2, 9, 1).cursor("n")])
def test_a_forged_cursor_is_refused(token):
    with pytest.raises(CursorError):
        Key.read(token)


def test_undated_records_are_kept_apart_and_filtered_alike():
    assert {e.obj.slug for e in Timeline(QueryDict("")).undated()} == {
        "resolution-2585",
        "us-russian-cessation-of-hostilities-deal",
        "idlib-de-escalation-zone-agreed-by-turkey-and-russia",
        "turkish-military-operation-against-afrin",
        "government-offensives-on-idlib-and-eastern-ghouta",
    }
    assert [e.obj.slug for e in Timeline(QueryDict("delegation=united-states")).undated()] == [
        "us-russian-cessation-of-hostilities-deal"
    ]


def test_the_strip_counts_the_whole_timeline_and_sees_an_addition_at_once():
    before, capped = year_counts(Timeline(QueryDict("")), [])
    assert not capped
    assert sum(r["count"] for r in before["round"]) == TalkRound.objects.count()
    TalkRoundFactory(start_date=datetime.date(1999, 1, 1))
    after, _ = year_counts(Timeline(QueryDict("")), [])
    assert sum(r["count"] for r in after["round"]) == TalkRound.objects.count()


def test_a_filtered_strip_counts_at_most_the_cap(monkeypatch):
    monkeypatch.setattr(overview, "STRIP_CAP", 3)
    counts, capped = year_counts(Timeline(QueryDict("process=geneva-process")), [("process", "geneva-process")])
    assert capped
    assert sum(r["count"] for r in counts["round"]) == 3
    # the first three Geneva rounds in date order: February and March 2016, May 2017
    assert {r["year"]: r["count"] for r in counts["round"]} == {2016: 2, 2017: 1}
