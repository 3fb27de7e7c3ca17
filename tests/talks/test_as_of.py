"""The timeline as known on a date (`as_of`), on the real data: what the articles published by then report."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Source
from tests.api_support import data
from tests.htmltree import parse

pytestmark = pytest.mark.django_db
SOCHI = "syrian-congress-of-national-dialogue"
JANUARY_2018 = "un-sponsored-syria-talks-open-in-vienna"  # published 25 or 26 January 2018 (a window)


def events(api, **params):
    response = api.get("/api/events/", {"page_size": 200, **params})
    assert response.status_code == 200, data(response)
    return data(response)["results"]


def latest_publication(slug):
    source = Source.objects.get(slug=slug)
    return source.published_latest or source.published


def test_on_27_january_2018_the_sochi_congress_shows_as_the_january_2018_article_reports_it(api):
    (sochi,) = [e for e in events(api, as_of="2018-01-27") if e["slug"] == SOCHI]
    # That article announces the congress for 29-30 January; only the article of 2021 says it was held, and
    # what came of it.
    assert sochi["status"] == "planned"
    assert sochi["outcome"] == ""
    assert {c["source"] for c in sochi["citations"]} == {JANUARY_2018}
    assert any("January 29-30" in c["quote"] for c in sochi["citations"])
    today = next(e for e in events(api) if e["slug"] == SOCHI)
    assert today["status"] == "held" and today["outcome"] and len(today["citations"]) > len(sochi["citations"])


def test_on_27_january_2018_the_timeline_page_shows_the_congress_planned_and_says_what_as_of_means(client):
    tree = parse(client.get("/", {"as_of": "2018-01-27"}).content)
    notice = tree.find("div", cls="as-of")
    assert notice.find("time").get("datetime") == "2018-01-27"
    assert "published on or before that day" in notice.text
    entry = tree.find("article", id_=f"round-{SOCHI}")
    assert "planned" in entry.text
    assert "left out" not in entry.text or "outcome" in entry.find("p", cls="as-of-withheld").text
    assert "agreement was reached" not in entry.text  # the 2021 outcome
    slugs = {article.id for article in tree.find_all("article", cls="entry")}
    assert "round-constitutional-committee-first-meeting" not in slugs


def test_on_25_march_2016_nothing_from_2017_onwards_appears(api):
    found = events(api, as_of="2016-03-25")
    assert found
    for event in found:
        assert event["start_date"] is None or event["start_date"] < "2017", event["slug"]
        for citation in event["citations"]:
            assert latest_publication(citation["source"]) <= datetime.date(2016, 3, 25), (event["slug"], citation)
    rounds = data(api.get("/api/rounds/", {"as_of": "2016-03-25"}))["results"]
    assert [r["slug"] for r in rounds] == [
        "geneva-talks-february-2016",
        "geneva-talks-march-2016",
        "kerry-and-lavrov-meet-in-moscow",
    ]


def test_an_article_known_to_a_window_of_days_counts_from_its_last_day(api):
    # The January 2018 article was published on 25 or 26 January: not yet known on the 25th, known on the 26th.
    assert "un-sponsored-talks-in-vienna" not in {e["slug"] for e in events(api, as_of="2018-01-25")}
    assert "un-sponsored-talks-in-vienna" in {e["slug"] for e in events(api, as_of="2018-01-26")}


@pytest.mark.parametrize("url", ["/api/events/", "/api/rounds/", "/api/milestones/", "/api/events.ics"])
@pytest.mark.parametrize("value", ["2018-13-01", "last week"])
def test_a_malformed_as_of_is_a_400_naming_it(api, url, value):
    response = api.get(url, {"as_of": value})
    assert response.status_code == 400
    assert "as_of" in data(response)


def test_a_malformed_as_of_on_the_page_is_a_notice_naming_it(client):
    response = client.get("/", {"as_of": "2018-02-30"})
    assert response.status_code == 200
    errors = parse(response.content).find("div", cls="error")
    assert "as_of" in errors.text and "As known on" in errors.text


def test_as_of_costs_the_same_queries_for_a_short_page_and_a_long_one(api):
    # Both pages hold every kind (the first event of each kind is among the first ten known on that day).
    api.get("/api/events/", {"as_of": "2018-01-27"})  # what a first request reads once and caches is not counted
    counts = []
    for size in (10, 200):
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/events/", {"as_of": "2018-01-27", "page_size": size}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
