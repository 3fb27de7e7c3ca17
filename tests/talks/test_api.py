"""/api/rounds/, /api/events/, /api/milestones/, /api/resolutions/, /api/venues/, /api/processes/."""

import datetime

import pytest
from django.db import connection

from sources.models import Citation
from talks.models import TIMELINE_ORDER, Milestone, Resolution, TalkRound
from tests.api_support import add_milestones, add_rounds, csv_rows, data, every_page, results, slugs
from tests.factories import (
    CitationFactory,
    EnvoyFactory,
    MilestoneFactory,
    PersonFactory,
    ProcessFactory,
    ResolutionFactory,
    RoundDelegationFactory,
    TalkRoundFactory,
)
from toolkit import pagination
from toolkit.pagination import encode_cursor

pytestmark = pytest.mark.django_db

VIENNA_QUOTE = "Negotiators met in Vienna on January 25"


# A round, as the API shows it -------------------------------------------------------------------------


def test_a_round_carries_its_dates_places_people_and_quotes(api):
    response = api.get("/api/rounds/un-sponsored-talks-in-vienna/")
    assert response.status_code == 200
    r = data(response)
    assert r["kind"] == "round"
    assert (r["start_date"], r["end_date"], r["date_precision"]) == ("2018-01-25", "2018-01-26", "day")
    assert r["date_display"] == "25–26 January 2018"
    assert r["date_inferred"] is True and "2018" in r["date_note"]
    assert r["venue"] == {"slug": "vienna", "name": "Vienna", "url": "http://testserver/api/venues/vienna/"}
    assert r["process"]["slug"] == "geneva-process"
    assert [e["slug"] for e in r["envoys"]] == ["staffan-de-mistura"]
    government = next(d for d in r["delegations"] if d["slug"] == "syrian-government-delegation")
    assert government["head"]["slug"] == "bashar-al-jaafari"
    assert r["url"] == "http://testserver/api/rounds/un-sponsored-talks-in-vienna/"
    assert r["html_url"] == "http://testserver/rounds/un-sponsored-talks-in-vienna/"
    quote = next(c for c in r["citations"] if c["quote"].startswith(VIENNA_QUOTE))
    citation = Citation.objects.get(pk=quote["id"])
    assert quote["source"] == "un-sponsored-syria-talks-open-in-vienna"
    assert quote["url"] == f"http://testserver{citation.get_absolute_url()}"


def test_a_round_known_only_to_the_month_has_no_day_and_no_end(api):
    r = data(api.get("/api/rounds/sixth-round-of-geneva-talks/"))
    assert (r["start_date"], r["end_date"], r["date_precision"], r["date_display"]) == (
        "2017-05-01",
        None,
        "month",
        "May 2017",
    )


def test_a_planned_round_reads_as_the_web_page_does(api):
    r = data(api.get("/api/rounds/seventh-round-of-geneva-talks/"))
    assert (r["status"], r["date_display"]) == ("planned", "planned for June 2017")


def test_a_round_with_no_head_named_says_null(api):
    r = data(api.get("/api/rounds/sixth-round-of-geneva-talks/"))
    assert {d["head"] for d in r["delegations"]} == {None}


def test_an_unknown_slug_is_a_json_404(api):
    response = api.get("/api/rounds/atlantis-summit/")
    assert response.status_code == 404
    assert data(response) == {"detail": "No TalkRound matches the given query."}


def test_rounds_are_chronological_by_default(api):
    rows = results(api, "/api/rounds/")
    assert [r["slug"] for r in rows] == list(TalkRound.objects.order_by(*TIMELINE_ORDER).values_list("slug", flat=True))


# Filters: the names of the web timeline ---------------------------------------------------------------

PEDERSEN = [
    "constitutional-committee-first-meeting",
    "constitutional-committee-fifth-round",
    "constitutional-committee-co-chairs-meet-pedersen",
    "constitutional-committee-sixth-round",
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"venue": "vienna"}, ["un-sponsored-talks-in-vienna"]),
        (
            {"venue": ["vienna", "astana"]},
            ["astana-meeting-of-the-ceasefire-guarantors-may-2017", "un-sponsored-talks-in-vienna"],
        ),
        ({"envoy": "geir-pedersen"}, PEDERSEN),
        ({"process": "astana-format"}, ["astana-meeting-of-the-ceasefire-guarantors-may-2017"]),
        ({"delegation": "united-states"}, ["kerry-and-lavrov-meet-in-moscow"]),
        (
            {"delegation": ["iran", "united-states"]},
            [
                "kerry-and-lavrov-meet-in-moscow",
                "astana-meeting-of-the-ceasefire-guarantors-may-2017",
                "syrian-congress-of-national-dialogue",
            ],
        ),
        ({"resolution": "resolution-2254"}, ["geneva-talks-march-2016"]),
        (
            {"date_after": "2021-09-01"},
            [
                "erdogan-and-putin-meet-in-sochi",
                "constitutional-committee-co-chairs-meet-pedersen",
                "constitutional-committee-sixth-round",
            ],
        ),
        (
            {"date_before": "2016-03-24"},
            ["geneva-talks-february-2016", "geneva-talks-march-2016", "kerry-and-lavrov-meet-in-moscow"],
        ),
        (
            {"date_after": "2018-01-01", "date_before": "2018-12-31"},
            ["syrian-congress-of-national-dialogue", "un-sponsored-talks-in-vienna"],
        ),
        # January 2018 (a month) comes before 25 January 2018 (a day), as ISO 8601 orders them.
        ({"year": "2018"}, ["syrian-congress-of-national-dialogue", "un-sponsored-talks-in-vienna"]),
        (
            {"status": "planned"},
            [
                "seventh-round-of-geneva-talks",
                "constitutional-committee-co-chairs-meet-pedersen",
                "constitutional-committee-sixth-round",
            ],
        ),
        ({"status": ["adjourned", "cancelled"]}, ["geneva-talks-march-2016"]),
        ({"kind": "milestone"}, []),
        ({"q": "clique"}, ["geneva-talks-march-2016"]),
        (
            {"envoy": "geir-pedersen", "status": "held"},
            ["constitutional-committee-first-meeting", "constitutional-committee-fifth-round"],
        ),
        ({"venue": "sochi", "process": "bilateral-diplomacy"}, ["erdogan-and-putin-meet-in-sochi"]),
    ],
)
def test_each_filter_keeps_what_it_names(api, query, expected):
    assert slugs(api, "/api/rounds/", **query) == expected


def test_venue_geneva_returns_only_geneva_rounds(api):
    rows = results(api, "/api/rounds/", venue="geneva")
    assert {r["venue"]["slug"] for r in rows} == {"geneva"}
    assert len(rows) == TalkRound.objects.filter(venue__slug="geneva").count() == 10


def test_envoy_returns_only_the_rounds_the_envoy_convened(api):
    rows = results(api, "/api/rounds/", envoy="geir-pedersen")
    assert all("geir-pedersen" in [e["slug"] for e in r["envoys"]] for r in rows)
    assert [r["slug"] for r in rows] == PEDERSEN


@pytest.mark.parametrize(
    ("ordering", "key", "reverse"),
    [
        # A round known only by its end sits at its end.
        ("start_date", lambda r: r["start_date"] or r["end_date"], False),
        ("-start_date", lambda r: r["start_date"] or r["end_date"], True),
        ("title", lambda r: r["title"], False),
    ],
)
def test_ordering_orders_and_pages_follow_it(api, ordering, key, reverse):
    rows, pages = every_page(api, "/api/rounds/", ordering=ordering, page_size=4)
    assert pages == 4
    assert [key(r) for r in rows] == sorted((key(r) for r in rows), reverse=reverse)
    assert len({r["slug"] for r in rows}) == len(rows) == 15


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("venue=atlantis", "venue"),
        ("venue=geneva&venue=atlantis", "venue"),
        ("envoy=kofi-annan", "envoy"),
        ("process=oslo", "process"),
        ("delegation=nobody", "delegation"),
        ("resolution=resolution-1", "resolution"),
        ("date_after=not-a-date", "date_after"),
        ("date_before=2018-13-45", "date_before"),
        ("year=twenty", "year"),
        ("year=0", "year"),
        ("status=finished", "status"),
        ("kind=treaty", "kind"),
        ("q=" + "x" * 201, "q"),
        ("ordering=colour", "ordering"),
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-3", "page_size"),
        ("cursor=garbage", "cursor"),
        ("cursor=" + encode_cursor("n", ["sort_date", "date_rank", "id"], ["not-a-date", 2, 1]), "cursor"),
        ("cursor=" + encode_cursor("n", ["title", "pk"], ["Geneva", 1]), "cursor"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_parameter(api, query, parameter):
    response = api.get(f"/api/rounds/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert parameter in data(response)


def test_an_unknown_slug_is_named_in_the_message(api):
    assert "atlantis" in data(api.get("/api/rounds/?venue=atlantis"))["venue"][0]


def test_a_huge_page_size_is_capped(api):
    process = ProcessFactory()
    TalkRound.objects.bulk_create(
        TalkRound(
            title=f"Bulk {n}",
            slug=f"bulk-{n}",
            process=process,
            start_date=datetime.date(1990, 1, 1),
            date_precision="day",
        )
        for n in range(pagination.MAX_PAGE_SIZE)
    )
    page = data(api.get("/api/rounds/", {"page_size": 100000}))
    assert len(page["results"]) == pagination.MAX_PAGE_SIZE == 200
    assert page["next"] is not None


# Paging: keyset, with a capped count ------------------------------------------------------------------


def test_pages_follow_each_other_without_gaps_or_repeats(api):
    everything = slugs(api, "/api/rounds/", page_size=200)
    rows, pages = every_page(api, "/api/rounds/", page_size=2)
    assert [r["slug"] for r in rows] == everything
    assert pages == 8


def test_previous_goes_back_to_the_page_before(api):
    first = data(api.get("/api/rounds/", {"page_size": 3}))
    second = data(api.get(first["next"]))
    assert first["previous"] is None
    back = data(api.get(second["previous"]))
    assert [r["slug"] for r in back["results"]] == [r["slug"] for r in first["results"]]
    assert back["previous"] is None


def test_rounds_on_the_same_day_page_by_id(api):
    made = [r.slug for r in (TalkRoundFactory(start_date=datetime.date(1999, 1, 1)) for _ in range(5))]
    rows, _ = every_page(api, "/api/rounds/", page_size=2, date_before="1999-12-31")
    assert [r["slug"] for r in rows] == made


def test_undated_records_page_last_in_either_direction(api):
    rows, _ = every_page(api, "/api/milestones/", page_size=5)
    undated = list(Milestone.objects.filter(start_date__isnull=True).order_by("pk").values_list("slug", flat=True))
    assert len(undated) == 4
    assert [r["slug"] for r in rows][-4:] == undated
    newest_first, _ = every_page(api, "/api/milestones/", page_size=5, ordering="-start_date")
    assert [r["start_date"] for r in newest_first][-4:] == [None] * 4
    assert len(newest_first) == 18


def test_a_text_search_pages_by_relevance_without_repeats(api):
    whole = slugs(api, "/api/rounds/", q="constitution", page_size=200)
    rows, _ = every_page(api, "/api/rounds/", q="constitution", page_size=2)
    assert [r["slug"] for r in rows] == whole
    assert len(whole) > 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's full-text search")
def test_a_text_search_on_postgresql_ranks_when_asked(api):
    from django.contrib.postgres.search import SearchQuery, SearchRank

    from talks.search import search_vector

    query = SearchQuery("constitution", config="english", search_type="websearch")
    ranked = (
        TalkRound.objects.annotate(rank=SearchRank(search_vector(), query))
        .filter(rank__gt=0)
        .order_by("-rank", "pk")
        .values_list("slug", flat=True)
    )
    assert slugs(api, "/api/rounds/", q="constitution", ordering="relevance") == list(ranked)
    assert slugs(api, "/api/rounds/", q="constitution") != list(ranked)


def test_a_text_search_is_chronological_unless_ranked(api):
    found = TalkRound.objects.filter(slug__in=slugs(api, "/api/rounds/", q="constitution"))
    assert slugs(api, "/api/rounds/", q="constitution") == list(
        found.order_by(*TIMELINE_ORDER).values_list("slug", flat=True)
    )


def test_the_count_stops_at_the_cap(api, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    page = data(api.get("/api/rounds/", {"page_size": 2}))
    assert (page["count"], page["count_capped"]) == (5, True)
    assert data(api.get("/api/rounds/", {"venue": "vienna"}))["count_capped"] is False


# The merged timeline ----------------------------------------------------------------------------------


def test_events_merge_the_three_kinds_in_chronological_order(api):
    page = data(api.get("/api/events/", {"page_size": 200}))
    kinds = {e["kind"] for e in page["results"]}
    assert kinds == {"round", "resolution", "milestone"}
    dated = [e["start_date"] for e in page["results"] if e["start_date"]]
    assert dated == sorted(dated)
    assert page["count"] == 15 + 18 + 3 == len(page["results"])


def test_undated_events_come_last(api):
    rows = results(api, "/api/events/", page_size=200)
    assert [r["start_date"] for r in rows][-3:] == [None, None, None]


def test_events_take_the_same_filters(api):
    assert slugs(api, "/api/events/", venue="vienna") == ["un-sponsored-talks-in-vienna"]
    assert slugs(api, "/api/events/", kind="resolution") == ["geneva-communique", "resolution-2254", "resolution-2585"]
    rows = results(api, "/api/events/", envoy="geir-pedersen")
    assert {r["kind"] for r in rows} == {"round", "milestone"}


def test_event_pages_follow_each_other_and_go_back(api):
    everything = slugs(api, "/api/events/", page_size=200)
    rows, pages = every_page(api, "/api/events/", page_size=7)
    assert [r["slug"] for r in rows] == everything
    first = data(api.get("/api/events/", {"page_size": 7}))
    second = data(api.get(first["next"]))
    back = data(api.get(second["previous"]))
    assert [r["slug"] for r in back["results"]] == [r["slug"] for r in first["results"]]


@pytest.mark.parametrize("size", [1, 5, 7, 36])
def test_no_page_of_events_holds_more_than_its_size_not_even_the_last_with_the_undated(api, size):
    # /api/events/?page_size=5 answered 6 on its last page: the undated records were added to it unpaged.
    everything = slugs(api, "/api/events/", page_size=200)
    pages, url, page = [], f"/api/events/?page_size={size}", None
    while url:
        page = data(api.get(url))
        pages.append([r["slug"] for r in page["results"]])
        url = page["next"]
    assert all(1 <= len(slugs) <= size for slugs in pages)
    assert [slug for slugs in pages for slug in slugs] == everything
    assert len(everything) == 36  # 31 dated, then 5 undated
    # And back again from the last page, through the undated ones into the dated.
    backwards, url = [], page["previous"]
    while url:
        page = data(api.get(url))
        backwards = [r["slug"] for r in page["results"]] + backwards
        url = page["previous"]
    assert backwards + pages[-1] == everything


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("cursor=garbage", "cursor"),
        ("cursor=n.bm90LWpzb24", "cursor"),
        ("date_after=not-a-date", "date_after"),
        ("venue=atlantis", "venue"),
        ("page_size=none", "page_size"),
    ],
)
def test_bad_event_parameters_are_400s(api, query, parameter):
    response = api.get(f"/api/events/?{query}")
    assert response.status_code == 400
    assert parameter in data(response)


# Milestones, resolutions, venues, processes -----------------------------------------------------------


def test_a_milestone_carries_its_people_and_place(api):
    m = data(api.get("/api/milestones/guterres-hails-the-constitutional-committee-as-a-landmark/"))
    assert m["kind"] == "milestone"
    assert [p["slug"] for p in m["people"]] == ["antonio-guterres"]
    assert m["venue"]["slug"] == "istanbul"
    assert m["date_display"] == "between 31 October and 1 November 2019"
    assert (m["start_date"], m["start_latest"], m["date_basis"], m["date_edtf"]) == (
        "2019-10-31",
        "2019-11-01",
        "external",
        "[2019-10-31..2019-11-01]",
    )


def test_a_resolution_keeps_its_own_kind_apart(api):
    r = data(api.get("/api/resolutions/resolution-2254/"))
    assert (r["kind"], r["resolution_kind"], r["date_precision"], r["date_display"]) == (
        "resolution",
        "unsc_resolution",
        "month",
        "December 2015",
    )


def test_an_undated_resolution_says_so(api):
    r = data(api.get("/api/resolutions/resolution-2585/"))
    assert (r["start_date"], r["date_precision"], r["date_display"]) == (None, "", "undated")


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/api/milestones/", {"venue": "moscow"}, ["zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria"]),
        (
            "/api/milestones/",
            {"envoy": "geir-pedersen"},
            ["pedersen-announces-agreement-on-methodology-for-a-sixth-round"],
        ),
        ("/api/milestones/", {"status": "held"}, []),
        ("/api/resolutions/", {"year": "2012"}, ["geneva-communique"]),
        ("/api/resolutions/", {"venue": "geneva"}, []),
        ("/api/resolutions/", {"ordering": "-title"}, ["resolution-2585", "resolution-2254", "geneva-communique"]),
        ("/api/venues/", {"q": "GEN"}, ["geneva"]),
        ("/api/venues/", {"country": "russia"}, ["moscow", "sochi"]),
        ("/api/processes/", {"q": "astana"}, ["astana-format"]),
    ],
)
def test_other_timeline_resources_filter_too(api, url, query, expected):
    assert slugs(api, url, **query) == expected


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/milestones/?date_after=soon", "date_after"),
        ("/api/resolutions/?envoy=atlantis", "envoy"),
        ("/api/venues/?q=" + "x" * 201, "q"),
        ("/api/processes/?cursor=abc", "cursor"),
    ],
)
def test_other_resources_refuse_bad_values_by_name(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400 and parameter in data(response)


def test_a_venue_has_its_coordinates_as_numbers(api):
    v = data(api.get("/api/venues/geneva/"))
    assert (v["country"], round(v["latitude"], 1), round(v["longitude"], 1)) == ("Switzerland", 46.2, 6.1)
    assert v["citations"]


def test_every_resource_is_found_by_slug(api):
    for url, model in [("milestones", Milestone), ("resolutions", Resolution), ("rounds", TalkRound)]:
        for slug in model.objects.values_list("slug", flat=True)[:3]:
            assert data(api.get(f"/api/{url}/{slug}/"))["slug"] == slug


@pytest.mark.parametrize(
    ("kind", "slug"),
    [
        ("round", "un-sponsored-talks-in-vienna"),
        ("resolution", "resolution-2254"),
        ("milestone", "russia-joins-the-war"),
    ],
)
def test_an_event_is_found_by_its_slug_as_the_events_list_shows_it(api, kind, slug):
    response = api.get(f"/api/events/{slug}/")
    assert response.status_code == 200
    event = data(response)
    assert event["kind"] == kind
    (listed,) = [row for row in results(api, "/api/events/", kind=kind, page_size=200) if row["slug"] == slug]
    assert event == listed


def test_an_event_is_found_by_its_slug_as_csv_too(api):
    for url in ("/api/events/resolution-2254/?format=csv", "/api/events/resolution-2254.csv"):
        (row,) = csv_rows(api.get(url))
        assert (row["kind"], row["slug"], row["title"]) == ("resolution", "resolution-2254", "Resolution 2254")


def test_a_slug_that_two_kinds_of_event_share_is_a_300_with_each_address(api):
    CitationFactory(subject=MilestoneFactory(slug="un-sponsored-talks-in-vienna"))
    for query in ("", "?format=csv"):
        response = api.get(f"/api/events/un-sponsored-talks-in-vienna/{query}")
        assert response.status_code == 300
        assert response["Content-Type"] == "application/json"
        assert data(response)["choices"] == [
            {"kind": "round", "url": "http://testserver/api/rounds/un-sponsored-talks-in-vienna/"},
            {"kind": "milestone", "url": "http://testserver/api/milestones/un-sponsored-talks-in-vienna/"},
        ]
    for choice in data(response)["choices"]:
        assert data(api.get(choice["url"]))["kind"] == choice["kind"]


def test_an_event_slug_nobody_has_is_a_json_404(api):
    response = api.get("/api/events/no-such-event/")
    assert response.status_code == 404
    assert data(response) == {"detail": "No round, resolution or milestone has the slug “no-such-event”."}


# Constant queries per request, at two data sizes ------------------------------------------------------

# A page of rounds is one query with its relations as JSON, and the capped count (talks/api/rounds.py); each
# slug a filter names costs one more.
QUERIES = [
    ("/api/rounds/", 2),
    ("/api/rounds/?venue=geneva&envoy=geir-pedersen", 4),
    ("/api/rounds/?q=constitution&ordering=-start_date", 2),
    ("/api/rounds/geneva-talks-march-2016/", 1),
    ("/api/events/?page_size=10", 13),
    ("/api/events/geneva-talks-march-2016/", 7),
    ("/api/milestones/", 6),
    ("/api/milestones/russia-joins-the-war/", 5),
    ("/api/resolutions/", 3),
    ("/api/resolutions/resolution-2254/", 2),
    # Citations with their sources in one query (sources.querysets.cited), as every other resource has them.
    ("/api/venues/", 3),
    ("/api/venues/geneva/", 2),
    ("/api/processes/", 3),
    ("/api/processes/geneva-process/", 2),
]


@pytest.mark.parametrize(("url", "queries"), QUERIES)
def test_a_request_costs_the_same_queries_at_two_data_sizes(api, django_assert_num_queries, url, queries):
    for size in (5, 35):
        add_rounds(size)
        add_milestones(size)
        api.get(url)  # the first request of a process caches content types
        with django_assert_num_queries(queries):
            assert api.get(url).status_code == 200


# Writes (staff; the permissions themselves are in tests/test_api_permissions.py) ----------------------


def round_payload(**changes):
    payload = {
        "title": "Talks in Vienna, May 2022",
        "slug": "talks-in-vienna-may-2022",
        "process": "geneva-process",
        "venue": "vienna",
        "start_date": "2022-05-18",
        "date_precision": "month",
        "status": "held",
        "envoys": ["geir-pedersen"],
        "resolutions": ["resolution-2254"],
        "summary": "A test round.",
        "citations": [
            {"source": "un-sponsored-syria-talks-open-in-vienna", "quote": VIENNA_QUOTE, "supports": "venue"}
        ],
    }
    payload.update(changes)
    return payload


def test_staff_create_a_round_and_read_it_back(staff, api):
    response = staff.post("/api/rounds/", round_payload(), format="json")
    assert response.status_code == 201, data(response)
    assert response["Location"] == "http://testserver/api/rounds/talks-in-vienna-may-2022/"
    created = data(response)
    # Month precision: stored as the first of the month, shown without a day.
    assert (created["start_date"], created["date_display"]) == ("2022-05-01", "May 2022")
    assert [e["slug"] for e in created["envoys"]] == ["geir-pedersen"]
    assert created["citations"][0]["quote"] == VIENNA_QUOTE
    assert data(api.get("/api/rounds/talks-in-vienna-may-2022/")) == created
    # The search column follows the write.
    assert slugs(api, "/api/rounds/", q="Negotiators", year="2022") == ["talks-in-vienna-may-2022"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_date": "2022-05-18", "end_date": "2022-05-17", "date_precision": "day"}, "end_date"),
        ({"start_date": "2022-05-01", "end_date": "2022-04-01", "date_precision": "month"}, "end_date"),
        ({"date_precision": "week"}, "date_precision"),
        ({"date_precision": ""}, "date_precision"),
        ({"start_date": "2022-02-30"}, "start_date"),
        ({"status": "finished"}, "status"),
        ({"format": "summit"}, "format"),
        ({"date_inferred": True, "date_note": ""}, "date_note"),
        ({"slug": "un-sponsored-talks-in-vienna"}, "slug"),
        ({"slug": "not a slug"}, "slug"),
        ({"process": "oslo"}, "process"),
        ({"venue": "atlantis"}, "venue"),
        ({"envoys": ["kofi-annan"]}, "envoys"),
        ({"round_number": 6}, "round_number"),
        ({"round_number": 0}, "round_number"),
        ({"citations": []}, "citations"),
        (
            {"citations": [{"source": "un-sponsored-syria-talks-open-in-vienna", "quote": "Negotiators met in Paris"}]},
            "citations",
        ),
        ({"citations": [{"source": "no-such-article", "quote": VIENNA_QUOTE}]}, "citations"),
        (
            {"citations": [{"source": "un-sponsored-syria-talks-open-in-vienna", "quote": VIENNA_QUOTE}] * 2},
            "citations",
        ),
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"envoys": "geir-pedersen"}, "envoys"),
        ({"start_date": 5}, "start_date"),
        ({"round_number": 99999}, "round_number"),
        ({"citations": "Negotiators met"}, "citations"),
        ({"date_inferred": "perhaps"}, "date_inferred"),
        ({"date_basis": "guessed"}, "date_basis"),
        ({"date_basis": "external", "date_note": ""}, "date_note"),
        ({"date_basis": "inferred", "date_inferred": False}, "date_inferred"),
        # A window: a latest bound after the earliest, at the same precision, and never with an end.
        ({"start_date": "2022-05-18", "start_latest": "2022-05-18", "date_precision": "day"}, "start_latest"),
        ({"start_date": "2022-05-18", "start_latest": "2022-05-02", "date_precision": "day"}, "start_latest"),
        ({"start_date": "2022-05-18", "start_latest": "2022-05-30", "date_precision": "month"}, "start_latest"),
        (
            {
                "start_date": "2022-05-18",
                "start_latest": "2022-05-20",
                "end_date": "2022-05-21",
                "date_precision": "day",
            },
            "start_latest",
        ),
        ({"start_date": None, "start_latest": "2022-05-20", "date_precision": "day"}, "start_latest"),
        ({"start_date": None, "date_precision": "day"}, "date_precision"),
    ],
)
def test_a_round_that_breaks_a_rule_is_a_400_on_that_field(staff, changes, field):
    response = staff.post("/api/rounds/", round_payload(**changes), format="json")
    assert response.status_code == 400
    assert field in data(response), data(response)
    assert not TalkRound.objects.filter(slug="talks-in-vienna-may-2022").exists()


def test_a_quote_not_in_its_source_is_refused_with_the_rule(staff):
    payload = round_payload(citations=[{"source": "un-sponsored-syria-talks-open-in-vienna", "quote": "Peace at last"}])
    message = data(staff.post("/api/rounds/", payload, format="json"))["citations"][0]
    assert "not found verbatim" in message


def test_staff_edit_a_round_in_part(staff):
    response = staff.patch(
        "/api/rounds/un-sponsored-talks-in-vienna/", {"outcome": "A new outcome.", "status": "adjourned"}, format="json"
    )
    assert response.status_code == 200, data(response)
    edited = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    assert (edited.outcome, edited.status, edited.start_date) == (
        "A new outcome.",
        "adjourned",
        datetime.date(2018, 1, 25),
    )
    assert "A new outcome." in edited.search_text


def test_an_edit_that_breaks_a_rule_changes_nothing(staff):
    response = staff.patch("/api/rounds/un-sponsored-talks-in-vienna/", {"end_date": "2018-01-01"}, format="json")
    assert response.status_code == 400 and "end_date" in data(response)
    assert TalkRound.objects.get(slug="un-sponsored-talks-in-vienna").end_date == datetime.date(2018, 1, 26)


def test_citations_given_on_an_edit_replace_the_records_but_keep_the_unchanged(staff):
    talk_round = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    kept = talk_round.citations.get(quote__startswith=VIENNA_QUOTE)
    payload = {"citations": [{"source": kept.source.slug, "quote": kept.quote, "supports": kept.supports}]}
    response = staff.patch("/api/rounds/un-sponsored-talks-in-vienna/", payload, format="json")
    assert response.status_code == 200, data(response)
    assert [c["id"] for c in data(response)["citations"]] == [kept.pk]


def test_a_full_replace_needs_every_field(staff):
    response = staff.put("/api/rounds/un-sponsored-talks-in-vienna/", {"title": "Only a title"}, format="json")
    assert response.status_code == 400
    assert {"slug", "process", "citations"} <= set(data(response))
    response = staff.put(
        "/api/rounds/un-sponsored-talks-in-vienna/",
        round_payload(slug="un-sponsored-talks-in-vienna", title="Renamed"),
        format="json",
    )
    assert response.status_code == 200, data(response)
    assert data(response)["title"] == "Renamed"


def test_staff_create_milestones_and_resolutions_under_the_same_rules(staff):
    citation = {"source": "un-sponsored-syria-talks-open-in-vienna", "quote": VIENNA_QUOTE}
    milestone = {
        "title": "A test milestone",
        "slug": "a-test-milestone",
        "category": "statement",
        "start_date": "2022-07-09",
        "date_precision": "year",
        "people": ["geir-pedersen"],
        "citations": [citation],
    }
    response = staff.post("/api/milestones/", milestone, format="json")
    assert response.status_code == 201, data(response)
    assert (data(response)["start_date"], data(response)["date_display"]) == ("2022-01-01", "2022")
    undated = {**milestone, "slug": "undated-one", "start_date": None, "date_precision": ""}
    assert staff.post("/api/milestones/", undated, format="json").status_code == 201
    half_dated = {**milestone, "slug": "half-dated", "start_date": None, "date_precision": "day"}
    assert "date_precision" in data(staff.post("/api/milestones/", half_dated, format="json"))
    resolution = {
        "name": "Resolution 9999",
        "slug": "resolution-9999",
        "resolution_kind": "unsc_resolution",
        "code": "9999",
        "start_date": "2023-03-01",
        "date_precision": "month",
        "date_inferred": True,
        "date_note": "A test.",
        "citations": [citation],
    }
    response = staff.post("/api/resolutions/", resolution, format="json")
    assert response.status_code == 201, data(response)
    assert (data(response)["resolution_kind"], data(response)["date_inferred"]) == ("unsc_resolution", True)
    bad = {**resolution, "slug": "resolution-9998", "resolution_kind": "treaty"}
    assert "resolution_kind" in data(staff.post("/api/resolutions/", bad, format="json"))


def test_the_fast_round_representation_is_the_declared_one(rf):
    """RoundSerializer builds its dict by hand for speed; it must say exactly what its declared fields say."""
    from rest_framework import serializers as drf

    from talks.api.serializers import RoundSerializer

    context = {"request": rf.get("/api/rounds/")}
    rounds = list(TalkRound.objects.for_timeline())
    assert len(rounds) == 15
    for talk_round in rounds:
        serializer = RoundSerializer(context=context)
        fast = serializer.to_representation(talk_round)
        declared = drf.ModelSerializer.to_representation(serializer, talk_round)
        assert fast == declared, talk_round.slug


def declared_rounds(request):
    """Every real round as RoundSerializer's declared fields say it, by slug, built DRF's own way."""
    from rest_framework import serializers as drf

    from talks.api.serializers import RoundSerializer

    serializer = RoundSerializer(context={"request": request})
    return {r.slug: drf.ModelSerializer.to_representation(serializer, r) for r in TalkRound.objects.for_timeline()}


@pytest.mark.parametrize(
    "query", ["", "?ordering=title", "?ordering=-start_date", "?q=talks", "?q=talks&ordering=relevance"]
)
def test_the_rounds_built_from_rows_are_the_declared_ones_on_every_page(api, rf, query):
    """The list is built from `.values()` rows (talks/api/rounds.py), the detail too; each round must say exactly
    what the serializer's declared fields say, on every page of every order (the cursors are read from the rows)."""
    # One round with two of every relation, each made in the opposite of the order it is shown in.
    crowded = TalkRoundFactory(
        venue=None, status="planned", start_date=datetime.date(2020, 3, 1), date_precision="month", title="Crowded"
    )
    crowded.envoys.add(EnvoyFactory(name="Zoe Zed"), EnvoyFactory(name="Abe Able"))
    crowded.resolutions.add(ResolutionFactory(start_date=datetime.date(2019, 1, 1)), ResolutionFactory())
    RoundDelegationFactory(round=crowded, head=PersonFactory())
    RoundDelegationFactory(round=crowded)
    CitationFactory.create_batch(2, subject=crowded)
    declared = declared_rounds(rf.get("/api/rounds/"))
    assert [envoy["name"] for envoy in declared[crowded.slug]["envoys"]] == ["Abe Able", "Zoe Zed"]
    assert declared[crowded.slug]["date_display"].startswith("planned for ")
    separator = "&" if query else "?"
    listed, pages = every_page(api, f"/api/rounds/{query}{separator}page_size=4")
    assert pages > 1, query
    assert len({row["slug"] for row in listed}) == len(listed)
    for row in listed:
        assert row == declared[row["slug"]], row["slug"]
    assert len(declared) == 16
    for slug, expected in declared.items():
        assert data(api.get(f"/api/rounds/{slug}/")) == expected, slug


@pytest.mark.parametrize(
    ("changes", "display", "edtf"),
    [
        (
            {"start_date": "2022-05-18", "start_latest": "2022-05-25", "date_precision": "day",
             "date_basis": "external", "date_note": "The ministry's transcript gives both Thursdays."},
            "between 18 and 25 May 2022",
            "[2022-05-18..2022-05-25]",
        ),
        (
            {"start_date": None, "end_date": "2022-05-09", "date_precision": "month", "date_basis": "inferred",
             "date_note": "'Ended last month', in an article of June 2022."},
            "ended May 2022",
            "/2022-05",
        ),
        ({"start_date": None, "date_precision": "", "status": "planned"}, "undated", ""),
    ],
)  # fmt: skip
def test_staff_write_windows_ends_without_starts_and_undated_plans(staff, api, changes, display, edtf):
    response = staff.post("/api/rounds/", round_payload(**changes), format="json")
    assert response.status_code == 201, data(response)
    created = data(response)
    assert (created["date_display"], created["date_edtf"]) == (display, edtf)
    assert created["date_basis"] == changes.get("date_basis", "stated")
    # A month is stored as its first day, whichever end it is.
    if changes.get("end_date"):
        assert (created["start_date"], created["end_date"]) == (None, "2022-05-01")


def test_the_older_date_inferred_still_writes_the_basis(staff):
    response = staff.post(
        "/api/rounds/", round_payload(date_inferred=True, date_note="'Last month', in June 2022."), format="json"
    )
    assert response.status_code == 201, data(response)
    assert (data(response)["date_basis"], data(response)["date_inferred"]) == ("inferred", True)
