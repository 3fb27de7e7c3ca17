"""Every export read back by a real parser and compared with the data: CSV, iCalendar, TimelineJS, GeoJSON."""

import datetime
import json

import pytest
from icalendar import Calendar

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source
from talks.models import TIMELINE_ORDER, Milestone, Process, Resolution, TalkRound, Venue
from tests.api_support import add_rounds, body, csv_rows, data

pytestmark = pytest.mark.django_db


# CSV: any list, the whole filtered set --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "queryset"),
    [
        ("/api/rounds/", TalkRound.objects.all()),
        ("/api/milestones/", Milestone.objects.all()),
        ("/api/resolutions/", Resolution.objects.all()),
        ("/api/venues/", Venue.objects.all()),
        ("/api/processes/", Process.objects.all()),
        ("/api/envoys/", Envoy.objects.all()),
        ("/api/delegations/", Delegation.objects.all()),
        ("/api/people/", Person.objects.all()),
        ("/api/sources/", Source.objects.all()),
        ("/api/figures/", Figure.objects.all()),
    ],
)
def test_every_list_exports_as_csv_one_row_per_record(api, url, queryset):
    response = api.get(url, {"format": "csv", "page_size": 2})  # the page size does not cut an export
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = csv_rows(response)
    assert sorted(r["slug"] for r in rows) == sorted(queryset.values_list("slug", flat=True))
    first = data(api.get(url))["results"][0]
    assert list(rows[0]) == list(first)  # the columns are the JSON fields, in order


def test_the_citations_export_names_each_quote(api):
    rows = csv_rows(api.get("/api/citations/", {"format": "csv", "kind": "venue"}))
    assert len(rows) == Citation.objects.filter(content_type__model="venue").count()
    assert {r["subject"] for r in rows} <= set(Venue.objects.values_list("slug", flat=True))


def test_the_rounds_csv_is_flat_and_matches_the_data(api):
    rows = csv_rows(api.get("/api/rounds/", {"format": "csv", "venue": "vienna"}))
    assert len(rows) == 1
    row = rows[0]
    assert (row["slug"], row["start_date"], row["end_date"], row["date_precision"]) == (
        "un-sponsored-talks-in-vienna",
        "2018-01-25",
        "2018-01-26",
        "day",
    )
    assert (row["venue"], row["process"], row["envoys"], row["date_inferred"]) == (
        "vienna",
        "geneva-process",
        "staffan-de-mistura",
        "true",
    )
    assert row["delegations"].split("; ") == ["syrian-government-delegation", "syrian-negotiations-commission"]
    assert "un-sponsored-syria-talks-open-in-vienna: Negotiators met in Vienna on January 25" in row["citations"]


def test_everything_in_a_year_exports_as_csv(api):
    rows = csv_rows(api.get("/api/events/", {"format": "csv", "year": 2018}))
    assert [r["kind"] for r in rows].count("round") == 2
    assert {r["start_date"][:4] for r in rows} == {"2018"}
    assert [r["start_date"] for r in rows] == sorted(r["start_date"] for r in rows)
    assert "title" in rows[0] and all(r["title"] for r in rows)


def test_the_csv_export_is_not_cut_to_a_page(api):
    add_rounds(60, start_date=datetime.date(2030, 1, 1))
    rows = csv_rows(api.get("/api/rounds/", {"format": "csv", "year": 2030}))
    assert len(rows) == 60
    rows = csv_rows(api.get("/api/rounds.csv", {"year": 2030}))
    assert len(rows) == 60


FORMULAS = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tx", "\rx", "-0.5 left"]


@pytest.mark.parametrize("title", FORMULAS, ids=repr)
@pytest.mark.parametrize("url", ["/api/rounds/", "/api/events/"])
def test_a_title_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(api, url, title):
    TalkRound.objects.filter(slug="un-sponsored-talks-in-vienna").update(title=title)
    (row,) = csv_rows(api.get(url, {"format": "csv", "venue": "vienna", "kind": "round"}))
    assert row["title"] == f"'{title}"  # a leading ' : the spreadsheet shows the text and runs nothing


def test_every_csv_cell_is_quoted_so_no_separator_inside_one_starts_another(api):
    TalkRound.objects.filter(slug="un-sponsored-talks-in-vienna").update(title='Vienna;=HYPERLINK("http://x")')
    lines = body(api.get("/api/rounds/", {"format": "csv", "venue": "vienna"})).decode().splitlines()
    assert lines[0].startswith('"slug","title",')
    assert lines[1].startswith('"un-sponsored-talks-in-vienna","Vienna;=HYPERLINK(""http://x"")",')


@pytest.mark.parametrize("longitude", ["-0.5", "-122.419416", "+6.1"])
def test_a_negative_longitude_is_not_a_formula_and_stays_a_number(api, longitude):
    Venue.objects.filter(slug="vienna").update(longitude=longitude)
    (row,) = csv_rows(api.get("/api/venues/", {"format": "csv", "q": "vienna"}))
    assert float(row["longitude"]) == float(longitude)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/events.csv?year=2018", "text/csv"),
        ("/api/rounds.csv?venue=geneva", "text/csv"),
        ("/api/rounds/un-sponsored-talks-in-vienna.csv", "text/csv"),
        ("/api/rounds.json", "application/json"),
        ("/api/events.json", "application/json"),
        ("/api/venues/geneva.json", "application/json"),
        ("/api/citations/1.csv", "text/csv"),
        ("/api/.json", "application/json"),
    ],
)
def test_a_format_suffix_means_the_format(api, url, content_type):
    response = api.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)


@pytest.mark.parametrize("url", ["/api/rounds/?format=csv&", "/api/rounds.csv?", "/api/events/?format=csv&",
                                 "/api/venues.csv?", "/api/citations/?format=csv&"])  # fmt: skip
@pytest.mark.parametrize("size", ["0", "-5", "abc"])
def test_a_bad_page_size_on_a_csv_export_is_the_json_400_naming_it(api, url, size):
    response = api.get(f"{url}page_size={size}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(data(response)) == ["page_size"]


def test_a_bad_filter_on_an_export_is_a_json_400(api):
    for url in (
        "/api/rounds/?format=csv&venue=atlantis",
        "/api/events.ics?venue=atlantis",
        "/api/timelinejs.json?venue=atlantis",
    ):
        response = api.get(url)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert "venue" in data(response)


# iCalendar ------------------------------------------------------------------------------------------


def calendar(api, **params):
    response = api.get("/api/events.ics", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(body(response))


def events_by_uid(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_calendar_has_every_dated_record_as_an_all_day_event(api):
    events = events_by_uid(calendar(api))
    dated = sum(m.objects.filter(sort_date__isnull=False).count() for m in (TalkRound, Milestone, Resolution))
    assert len(events) == dated
    assert all(isinstance(e.decoded("DTSTART"), datetime.date) for e in events.values())
    assert not any(isinstance(e.decoded("DTSTART"), datetime.datetime) for e in events.values())


@pytest.mark.parametrize(
    ("uid", "start", "end", "precision"),
    [
        # A range of days: DTEND is the day after the last (exclusive).
        ("round-un-sponsored-talks-in-vienna", datetime.date(2018, 1, 25), datetime.date(2018, 1, 27), "day"),
        # Known to the month: the whole month, no day invented.
        ("round-sixth-round-of-geneva-talks", datetime.date(2017, 5, 1), datetime.date(2017, 6, 1), "month"),
        (
            "round-astana-meeting-of-the-ceasefire-guarantors-may-2017",
            datetime.date(2017, 5, 1),
            datetime.date(2017, 6, 1),
            "month",
        ),
        # Known to the year: the whole year.
        (
            "milestone-war-begins-with-a-crackdown-on-protests",
            datetime.date(2011, 1, 1),
            datetime.date(2012, 1, 1),
            "year",
        ),
        ("resolution-resolution-2254", datetime.date(2015, 12, 1), datetime.date(2016, 1, 1), "month"),
    ],
)
def test_an_event_spans_exactly_what_is_known(api, uid, start, end, precision):
    event = events_by_uid(calendar(api))[f"{uid}@peace-talks-timeline"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (start, end)
    assert str(event["X-PEACETALKS-DATE-PRECISION"]) == precision
    if precision != "day":
        assert f"known to the {precision} only" in str(event["DESCRIPTION"])


def test_a_span_known_only_by_its_end_is_shown_as_the_period_it_ended_and_says_so(api):
    event = events_by_uid(calendar(api))["round-eighth-round-of-geneva-talks@peace-talks-timeline"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (datetime.date(2017, 12, 1), datetime.date(2018, 1, 1))
    assert "its start is not known" in str(event["DESCRIPTION"])
    assert str(event["X-PEACETALKS-DATE-EDTF"]) == "/2017-12"


def test_a_window_spans_every_day_it_may_be_and_says_it_is_one_of_them(api):
    event = events_by_uid(calendar(api))[
        "milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria@peace-talks-timeline"
    ]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        datetime.date(2021, 9, 30),
        datetime.date(2021, 10, 8),
    )
    assert str(event["X-PEACETALKS-DATE-WINDOW"]) == "TRUE"
    assert str(event["X-PEACETALKS-DATE-BASIS"]) == "external"
    assert "one of these days only" in str(event["DESCRIPTION"])


def test_a_calendar_event_carries_place_status_and_link(api):
    events = events_by_uid(calendar(api))
    vienna = events["round-un-sponsored-talks-in-vienna@peace-talks-timeline"]
    assert str(vienna["SUMMARY"]) == "UN-sponsored talks in Vienna"
    assert str(vienna["LOCATION"]) == "Vienna, Austria"
    assert str(vienna["URL"]) == "http://testserver/rounds/un-sponsored-talks-in-vienna/"
    assert str(events["round-seventh-round-of-geneva-talks@peace-talks-timeline"]["STATUS"]) == "TENTATIVE"
    assert "Negotiators met in Vienna on January 25" in str(vienna["DESCRIPTION"])


def test_the_calendar_takes_the_timeline_filters(api):
    events = events_by_uid(calendar(api, venue="geneva", kind="round", year=2017))
    assert set(events) == {
        f"round-{slug}@peace-talks-timeline"
        for slug in TalkRound.objects.filter(venue__slug="geneva", sort_date__year=2017).values_list("slug", flat=True)
    }


# TimelineJS -----------------------------------------------------------------------------------------


def timelinejs(api, **params):
    response = api.get("/api/timelinejs.json", params)
    assert response.status_code == 200
    return json.loads(body(response))


def test_timelinejs_leaves_out_what_the_precision_does_not_know(api):
    events = {e["unique_id"]: e for e in timelinejs(api)["events"]}
    assert events["round-un-sponsored-talks-in-vienna"]["start_date"] == {"year": 2018, "month": 1, "day": 25}
    assert events["round-un-sponsored-talks-in-vienna"]["end_date"] == {"year": 2018, "month": 1, "day": 26}
    assert events["round-sixth-round-of-geneva-talks"]["start_date"] == {"year": 2017, "month": 5}
    assert "end_date" not in events["round-sixth-round-of-geneva-talks"]
    assert events["milestone-war-begins-with-a-crackdown-on-protests"]["start_date"] == {"year": 2011}
    # A window gives only what its bounds share; a span known by its end starts at it.
    zakharova = events["milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria"]
    assert zakharova["start_date"] == {"year": 2021}
    assert zakharova["display_date"] == "between 30 September and 7 October 2021"
    assert events["round-eighth-round-of-geneva-talks"]["start_date"] == {"year": 2017, "month": 12}
    assert "end_date" not in events["round-eighth-round-of-geneva-talks"]
    assert events["round-sixth-round-of-geneva-talks"]["display_date"] == "May 2017"


def test_timelinejs_groups_by_process_and_has_every_dated_record(api):
    document = timelinejs(api)
    events = {e["unique_id"]: e for e in document["events"]}
    dated = sum(m.objects.filter(sort_date__isnull=False).count() for m in (TalkRound, Milestone, Resolution))
    assert len(events) == len(document["events"]) == dated
    assert events["round-un-sponsored-talks-in-vienna"]["group"] == "Geneva process"
    assert events["resolution-geneva-communique"]["group"] == "Resolutions"
    assert events["round-un-sponsored-talks-in-vienna"]["text"]["headline"] == "UN-sponsored talks in Vienna"


def test_timelinejs_has_an_era_for_each_envoy(api):
    eras = {era["text"]["headline"]: era for era in timelinejs(api)["eras"]}
    assert set(eras) == {"Staffan de Mistura", "Geir Pedersen"}
    assert eras["Staffan de Mistura"]["start_date"] == {"year": 2016, "month": 3}
    assert eras["Staffan de Mistura"]["end_date"] == {"year": 2018, "month": 1, "day": 26}
    assert eras["Geir Pedersen"]["start_date"] == {"year": 2019, "month": 10, "day": 30}
    assert eras["Geir Pedersen"]["end_date"] == {"year": 2021, "month": 10, "day": 18}


def test_timelinejs_takes_the_timeline_filters(api):
    document = timelinejs(api, envoy="geir-pedersen", kind="round")
    assert [e["unique_id"] for e in document["events"]] == [
        f"round-{slug}"
        for slug in TalkRound.objects.filter(envoys__slug="geir-pedersen")
        .order_by(*TIMELINE_ORDER)
        .values_list("slug", flat=True)
    ]
    assert [era["text"]["headline"] for era in document["eras"]] == ["Geir Pedersen"]


# GeoJSON --------------------------------------------------------------------------------------------


def test_venues_geojson_is_a_feature_collection_with_round_counts(api):
    response = api.get("/api/venues.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(body(response))
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["slug"]: f for f in collection["features"]}
    assert set(features) == set(Venue.objects.values_list("slug", flat=True))
    geneva = features["geneva"]
    venue = Venue.objects.get(slug="geneva")
    assert geneva["geometry"] == {"type": "Point", "coordinates": [float(venue.longitude), float(venue.latitude)]}
    assert geneva["properties"]["round_count"] == TalkRound.objects.filter(venue=venue).count() == 10
    assert features["istanbul"]["properties"]["round_count"] == 0
    assert geneva["properties"]["url"] == "http://testserver/api/venues/geneva/"


def test_venues_geojson_takes_the_venue_filters(api):
    collection = json.loads(body(api.get("/api/venues.geojson", {"country": "Russia"})))
    assert [f["id"] for f in collection["features"]] == ["moscow", "sochi"]


@pytest.mark.parametrize(
    ("url", "queries"), [("/api/events.ics", 12), ("/api/timelinejs.json", 13), ("/api/venues.geojson", 1)]
)
def test_an_export_costs_the_same_queries_at_two_data_sizes(api, django_assert_num_queries, url, queries):
    for size in (5, 35):
        add_rounds(size)
        body(api.get(url))
        with django_assert_num_queries(queries):
            assert body(api.get(url))
