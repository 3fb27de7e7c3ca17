"""The timeline at `/` and the pages of rounds, milestones, resolutions, venues and processes."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from sources.dates import PartialDate, display
from talks.models import TIMELINE_ORDER, Milestone, Process, Resolution, TalkRound, Venue
from talks.templatetags.timeline_tags import date_parts
from talks.timeline import Key, Timeline
from tests.factories import ProcessFactory, TalkRoundFactory
from tests.htmltree import h_events, json_ld, page_problems, parse
from tests.scale import grow

pytestmark = pytest.mark.django_db

TIMELINE = reverse("talks:timeline")


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return parse(response.content)


def entry_ids(tree, within=None):
    scope = tree.find(cls=within) if within else tree.find(cls="results")
    return [el.id for el in scope.find_all("article", cls="entry")]


def dated_ids(tree):
    return [el.id for section in tree.find_all("section", cls="year") for el in section.find_all("article")]


# ---------------------------------------------------------------------------------------------------------------
# The timeline


def test_the_timeline_shows_every_dated_item_in_order_under_year_headings(client):
    tree = page(client, TIMELINE)
    expected = [f"{e.kind}-{e.obj.slug}" for e in Timeline(QueryDict("")).page(None, 50).items]
    assert dated_ids(tree) == expected
    assert len(expected) == 31
    for section in tree.find_all("section", cls="year"):
        year = section.find("h2").text
        assert {time.get("datetime")[:4] for time in section.find_all("time", cls="dt-start")} == {year}


@pytest.mark.parametrize(
    "query",
    ["", "?venue=vienna&venue=astana&kind=round", "?venue=atlantis&year=0", "?cursor=forged", "?q=nothing-at-all"],
)
def test_the_timeline_is_a_sound_page_filtered_or_not(client, query):
    assert page_problems(page(client, f"{TIMELINE}{query}")) == []


def test_undated_items_have_their_own_section_on_the_first_page(client):
    tree = page(client, TIMELINE)
    section = tree.find("section", cls="undated")
    assert section.find("h2").text == "Not dated by the articles"
    assert set(entry_ids(tree, "undated")) == {
        "resolution-resolution-2585",
        "milestone-us-russian-cessation-of-hostilities-deal",
        "milestone-idlib-de-escalation-zone-agreed-by-turkey-and-russia",
        "milestone-turkish-military-operation-against-afrin",
        "milestone-government-offensives-on-idlib-and-eastern-ghouta",
    }
    # Not h-events: a microformats reader would take an h-event without a start for a dated one.
    assert not section.find_all(cls="h-event")
    assert all("Not dated by the articles" in el.text for el in section.find_all("p", cls="entry-when"))


@pytest.mark.parametrize(
    ("anchor", "text", "start", "end"),
    [
        ("round-un-sponsored-talks-in-vienna", "25–26 January 2018", "2018-01-25", "2018-01-26"),
        ("round-eighth-round-of-geneva-talks", "ended December 2017", None, "2017-12"),
        (
            "milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria",
            "between 30 September and 7 October 2021",
            "2021",
            None,
        ),
        ("milestone-war-begins-with-a-crackdown-on-protests", "2011", "2011", None),
        ("round-seventh-round-of-geneva-talks", "planned for June 2017", "2017-06", None),
        ("resolution-geneva-communique", "30 June 2012", "2012-06-30", None),
        ("milestone-russia-joins-the-war", "September 2015", "2015-09", None),
    ],
)
def test_each_date_is_rendered_to_its_precision(client, anchor, text, start, end):
    entry = page(client, TIMELINE).by_id(anchor)
    when = entry.find("span", cls="when")
    assert when.text == text
    dt_start = entry.find("time", cls="dt-start")
    assert (dt_start.get("datetime") if dt_start else None) == start
    dt_end = entry.find("time", cls="dt-end")
    assert (dt_end.get("datetime") if dt_end else None) == end


def test_a_round_known_only_to_the_month_is_not_shown_with_a_day(client):
    entry = page(client, TIMELINE).by_id("round-eighth-round-of-geneva-talks")
    assert not re.search(r"\d+ December", entry.find("span", cls="when").text)


def test_an_inferred_date_is_marked_with_its_note_on_hover_focus_and_in_the_text(client):
    vienna = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    entry = page(client, TIMELINE).by_id("round-un-sponsored-talks-in-vienna")
    marker = entry.find("a", cls="inferred")
    assert marker.find(cls="tip").text == " ".join(vienna.date_note.split())
    note = entry.by_id(marker.get("aria-describedby"))
    assert marker.get("href") == f"#{note.id}"
    assert note.text == f"How the date was inferred: {' '.join(vienna.date_note.split())}"


def test_a_stated_date_carries_no_inferred_marker(client):
    entry = page(client, TIMELINE).by_id("milestone-russia-joins-the-war")
    assert entry.find(cls="inferred") is None
    assert entry.find(cls="date-note") is None


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        (datetime.date(2018, 1, 25), datetime.date(2018, 1, 26), "day"),
        (datetime.date(2018, 1, 25), datetime.date(2018, 2, 3), "day"),
        (datetime.date(2017, 12, 30), datetime.date(2018, 1, 2), "day"),
        (datetime.date(2018, 1, 25), datetime.date(2018, 1, 25), "day"),
        (datetime.date(2017, 5, 1), datetime.date(2017, 6, 1), "month"),
        (datetime.date(2017, 12, 1), datetime.date(2018, 1, 1), "month"),
        (datetime.date(2016, 1, 1), datetime.date(2017, 1, 1), "year"),
        (datetime.date(2016, 3, 1), None, "month"),
    ],
)
def test_a_range_is_cut_into_start_and_end_that_read_as_the_whole(start, end, precision):
    head, separator, tail = date_parts(PartialDate(start, precision, end=end))
    assert f"{head}{separator}{tail}" == display(start, end, precision)
    assert bool(tail) == (display(start, end, precision) != display(start, None, precision))


def test_every_entry_is_an_h_event_with_name_url_start_and_location(client):
    tree = page(client, TIMELINE)
    events = {e["element"].id: e for e in h_events(tree)}
    for entry in Timeline(QueryDict("")).page(None, 50).items:
        event = events[f"{entry.kind}-{entry.obj.slug}"]
        assert event["name"] == (entry.obj.name if entry.kind == "resolution" else entry.obj.title)
        assert event["url"] == entry.obj.get_absolute_url()
        assert event["start"] == (entry.obj.when.iso_start or None)
        assert event["end"] == (entry.obj.when.iso_end or None)
    assert events["round-un-sponsored-talks-in-vienna"]["location"] == "Vienna, Austria"
    assert events["milestone-russia-joins-the-war"]["location"] == "Syria"
    # A window's start is only what its bounds share: no day is chosen for it.
    assert events["milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria"]["start"] == "2021"
    # A round known only by its end has an end and no start.
    assert (
        events["round-eighth-round-of-geneva-talks"]["start"],
        events["round-eighth-round-of-geneva-talks"]["end"],
    ) == (
        None,
        "2017-12",
    )


def test_a_microformats_reader_finds_the_dated_events_in_iso_8601_order(client):
    # A year comes before the months of that year and a month before its days: "2021" < "2021-01" < "2021-01-05".
    # (A window's dt-start is only what its bounds share, so it is placed by its earliest bound instead.)
    tree = page(client, TIMELINE)
    windows = {f"{e.kind}-{e.obj.slug}" for e in Timeline(QueryDict("")).page(None, 50).items if e.obj.when.is_window}
    dates = [e["start"] or e["end"] for e in h_events(tree) if e["element"].id not in windows]
    assert len(dates) == 31 - len(windows)
    assert dates == sorted(dates)
    assert "2021" in dates and dates.index("2021") < dates.index("2021-01")


def test_an_entry_shows_kind_process_venue_envoys_delegations_status_and_outcome(client):
    entry = page(client, TIMELINE).by_id("round-geneva-talks-march-2016")
    badges = [b.text for b in entry.find(cls="badges").find_all(cls="badge")]
    assert badges == ["Talks", "Round of talks", "Geneva process", "adjourned"]
    facts = {div.find("dt").text: div.find("dd") for div in entry.find("dl").find_all("div")}
    assert facts["Where"].find("a").get("href") == reverse("talks:venue-detail", args=["geneva"])
    assert facts["Convened by"].find("a").get("href") == reverse("actors:envoy-detail", args=["staffan-de-mistura"])
    assert "HNC (Asaad al-Zoabi)" in facts["Delegations"].text
    assert entry.find("p", cls="line").text.startswith("Outcome: The parties were expected to agree")


def test_footnotes_are_numbered_and_land_on_the_quote_in_its_source(client):
    vienna = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    entry = page(client, TIMELINE).by_id("round-un-sponsored-talks-in-vienna")
    links = entry.find(cls="footnotes").find_all("a")
    assert [a.find(cls="fn-number").text for a in links] == [str(n) for n in range(1, len(links) + 1)]
    assert [a.get("href") for a in links] == [c.get_absolute_url() for c in vienna.citations.all()]
    assert all(re.fullmatch(r"/sources/[\w-]+/#quote-\d+", a.get("href")) for a in links)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("venue=vienna", ["round-un-sponsored-talks-in-vienna"]),
        ("envoy=geir-pedersen", ["round-constitutional-committee-first-meeting",
                                 "round-constitutional-committee-fifth-round",
                                 "milestone-pedersen-announces-agreement-on-methodology-for-a-sixth-round",
                                 "round-constitutional-committee-co-chairs-meet-pedersen",
                                 "round-constitutional-committee-sixth-round"]),
        ("process=sochi-congress", ["round-syrian-congress-of-national-dialogue"]),
        ("delegation=united-states", ["round-kerry-and-lavrov-meet-in-moscow"]),
        ("resolution=resolution-2254", ["resolution-resolution-2254", "round-geneva-talks-march-2016",
                                        "milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria"]),
        ("date_before=2012-12-31", ["milestone-war-begins-with-a-crackdown-on-protests",
                                    "resolution-geneva-communique"]),
        # What may have started on or after it: 2021 (a year), September or October 2021 (a window), and 30
        # September or 7 October 2021 (a window of days) may all have; 29 September 2021 may not.
        ("date_after=2021-10-01", ["milestone-humanitarian-supplies-to-idlib-through-the-line-of-contact-begin",
                                   "milestone-pedersen-announces-agreement-on-methodology-for-a-sixth-round",
                                   "milestone-zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria",
                                   "round-constitutional-committee-co-chairs-meet-pedersen",
                                   "round-constitutional-committee-sixth-round"]),
        ("date_after=2021-09-29&date_before=2021-09-29",
         ["milestone-humanitarian-supplies-to-idlib-through-the-line-of-contact-begin",
          "milestone-pedersen-announces-agreement-on-methodology-for-a-sixth-round",
          "round-erdogan-and-putin-meet-in-sochi"]),
        ("kind=resolution", ["resolution-geneva-communique", "resolution-resolution-2254"]),
        ("q=clique", ["round-geneva-talks-march-2016"]),
        # A year comes before the months of that year, and a month before its days.
        ("year=2017&kind=milestone", ["milestone-four-de-escalation-zones-established",
                                      "milestone-all-parties-agree-to-expert-talks-on-a-new-constitution",
                                      "milestone-de-mistura-briefs-the-security-council"]),
        ("status=planned", ["round-seventh-round-of-geneva-talks",
                            "round-constitutional-committee-co-chairs-meet-pedersen",
                            "round-constitutional-committee-sixth-round"]),
    ],
)  # fmt: skip
def test_each_filter_keeps_only_what_it_names(client, query, expected):
    tree = page(client, f"{TIMELINE}?{query}")
    assert dated_ids(tree) == expected
    assert tree.find(cls="error") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("venue=geneva&envoy=staffan-de-mistura&kind=round", ["round-geneva-talks-march-2016",
         "round-sixth-round-of-geneva-talks", "round-un-technical-meetings-on-constitutional-and-legal-issues",
         "round-seventh-round-of-geneva-talks", "round-eighth-round-of-geneva-talks"]),
        ("venue=vienna&venue=astana", ["round-astana-meeting-of-the-ceasefire-guarantors-may-2017",
                                       "round-un-sponsored-talks-in-vienna"]),
        ("process=geneva-process&year=2017&status=held", ["round-sixth-round-of-geneva-talks",
         "round-un-technical-meetings-on-constitutional-and-legal-issues", "round-eighth-round-of-geneva-talks"]),
        ("venue=vienna&date_after=2019-01-01", []),
    ],
)  # fmt: skip
def test_filters_combine(client, query, expected):
    assert dated_ids(page(client, f"{TIMELINE}?{query}")) == expected


def test_undated_items_are_filtered_like_the_rest(client):
    tree = page(client, f"{TIMELINE}?delegation=united-states")
    assert entry_ids(tree, "undated") == ["milestone-us-russian-cessation-of-hostilities-deal"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("venue=atlantis", "venue"),
        ("envoy=nobody", "envoy"),
        ("process=peace", "process"),
        ("delegation=martians", "delegation"),
        ("resolution=resolution-1", "resolution"),
        ("venue=vienna&venue=atlantis", "venue"),
        ("date_after=not-a-date", "date_after"),
        ("date_before=2019-02-30", "date_before"),
        ("kind=treaty", "kind"),
        ("status=imagined", "status"),
        ("year=0", "year"),
        ("year=twenty", "year"),
        ("q=" + "x" * 201, "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=bnVsbA", "cursor"),
        (f"cursor={Key(datetime.date(2000, 1, 1), 2, 9, 1).cursor('n')}", "cursor"),
    ],
)
def test_a_bad_parameter_is_named_on_the_page_with_an_empty_list(client, query, parameter):
    tree = page(client, f"{TIMELINE}?{query}")
    error = tree.find(cls="error")
    assert parameter in [code.text for code in error.find_all("code")]
    assert error.get("role") == "alert"
    assert tree.find_all("article", cls="entry") == []
    assert tree.find(cls="overview") is None


@pytest.mark.parametrize("parameter", ["q", "venue", "envoy", "kind", "date_after"])
def test_a_script_in_a_parameter_comes_back_escaped(client, parameter):
    payload = "<script>alert(1)</script>"
    response = client.get(TIMELINE, {parameter: payload})
    assert response.status_code == 200
    assert payload.encode() not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_a_submitted_form_redirects_to_the_short_url_without_its_empty_fields(client):
    response = client.get(f"{TIMELINE}?q=&kind=&venue=vienna&venue=&date_after=&date_before=")
    assert response.status_code == 302
    assert response["Location"] == f"{TIMELINE}?venue=vienna"


def test_the_form_is_filled_from_the_data_and_shows_the_filters_in_use(client):
    tree = page(client, f"{TIMELINE}?venue=vienna&venue=astana&q=talks&date_after=2017-01-01")
    form = tree.find("form", cls="filters")
    assert form.get("method") == "get"
    venue_selects = form.find_all("select", name="venue")
    assert [o.get("value") for o in venue_selects[0].find_all("option")][1:] == list(
        Venue.objects.values_list("slug", flat=True)
    )
    assert [s.find("option", selected="").get("value") for s in venue_selects[:2]] == ["vienna", "astana"]
    assert venue_selects[2].find("option", selected="") is None  # one more, to add another venue
    assert form.find("input", name="q").get("value") == "talks"
    assert form.find("input", name="date_after").get("value") == "2017-01-01"
    for name in ("kind", "process", "envoy", "delegation", "resolution", "status"):
        assert form.find("select", name=name) is not None, name


def test_each_active_filter_is_removed_by_its_own_link(client):
    tree = page(client, f"{TIMELINE}?venue=vienna&venue=astana&kind=round")
    chips = {chip.text.replace("×", "").replace(" (remove this filter)", ""): chip.get("href")
             for chip in tree.find_all("a", cls="chip")}  # fmt: skip
    assert chips == {
        "Venue: Vienna": f"{TIMELINE}?venue=astana&kind=round",
        "Venue: Astana": f"{TIMELINE}?venue=vienna&kind=round",
        "Kind: Talk rounds": f"{TIMELINE}?venue=vienna&venue=astana",
    }
    assert tree.find("a", cls="clear").get("href") == TIMELINE


def test_the_overview_strip_counts_the_filtered_items_and_links_to_their_entries(client):
    tree = page(client, TIMELINE)
    strip = tree.find("svg", cls="strip")
    links = strip.find_all("a")
    counts = [int(re.search(r": (\d+) items?$", a.get("aria-label")).group(1)) for a in links]
    assert sum(counts) == 31
    for link in links:
        assert tree.by_id(link.get("href").removeprefix("#")) is not None, link
    years = {a.get("aria-label")[:4] for a in links}
    assert years == {"2011", "2012", "2014", "2015", "2016", "2017", "2018", "2019", "2021"}

    vienna = page(client, f"{TIMELINE}?venue=vienna").find("svg", cls="strip").find_all("a")
    assert [(a.get("href"), a.get("aria-label")) for a in vienna] == [
        ("#round-un-sponsored-talks-in-vienna", "2018, Geneva process: 1 item")
    ]


def test_long_lists_page_by_cursor_keeping_the_filters(client):
    process = ProcessFactory()
    made = [TalkRoundFactory(process=process, start_date=datetime.date(2040, 1, 1) + datetime.timedelta(days=i))
            for i in range(60)]  # fmt: skip
    first = page(client, f"{TIMELINE}?process={process.slug}")
    assert dated_ids(first) == [f"round-{r.slug}" for r in made[:50]]
    later = first.find("a", rel="next").get("href")
    assert QueryDict(later.removeprefix("?")).get("process") == process.slug
    assert first.find("a", rel="prev") is None

    second = page(client, f"{TIMELINE}{later}")
    assert dated_ids(second) == [f"round-{r.slug}" for r in made[50:]]
    assert second.find("a", rel="next") is None
    assert second.find("section", cls="undated") is None
    earlier = second.find("a", rel="prev").get("href")
    assert dated_ids(page(client, f"{TIMELINE}{earlier}")) == [f"round-{r.slug}" for r in made[:50]]


def test_a_strip_bar_for_a_year_beyond_this_page_opens_the_page_of_that_year(client):
    process = ProcessFactory()
    for i in range(70):
        TalkRoundFactory(
            process=process, start_date=datetime.date(2040 + i // 25, 1, 1) + datetime.timedelta(days=i % 25)
        )
    tree = page(client, f"{TIMELINE}?process={process.slug}")
    bar = next(a for a in tree.find("svg", cls="strip").find_all("a") if a.get("aria-label").startswith("2042"))
    url, fragment = bar.get("href").split("#")
    assert fragment == "year-2042"
    assert QueryDict(url.split("?")[1]).get("process") == process.slug
    target = page(client, url)
    assert target.find("section", cls="year").find("h2").id == "year-2042"


def test_a_strip_of_many_processes_keeps_the_largest_and_gathers_the_rest(client):
    processes = [ProcessFactory(name=f"Process {i}") for i in range(7)]
    for i, process in enumerate(processes):
        for n in range(10 + i):  # process 6 is the largest, then 5, then 4
            TalkRoundFactory(process=process, start_date=datetime.date(2040 + n % 2, 1, 1 + i))
    query = "&".join(f"process={process.slug}" for process in processes)
    legend = page(client, f"{TIMELINE}?{query}").find("ul", cls="legend")
    assert [li.text for li in legend.find_all("li")] == [
        "Process 4 (14)",
        "Process 5 (15)",
        "Process 6 (16)",
        "4 other processes (46)",
    ]


def test_the_pieces_of_a_year_beyond_this_page_share_one_link_to_that_year(client):
    processes = [ProcessFactory(), ProcessFactory()]
    for i in range(120):  # 60 in 2040, more than a page; 60 in 2041
        TalkRoundFactory(process=processes[i % 2], start_date=datetime.date(2040 + i // 60, 1, 1 + i % 28))
    query = f"process={processes[0].slug}&process={processes[1].slug}"
    strip = page(client, f"{TIMELINE}?{query}").find("svg", cls="strip")
    later = [a for a in strip.find_all("a") if a.find("title").text.startswith("2041")]
    assert len(later) == 1
    assert later[0].find("title").text == "2041: 60 items"
    assert len(later[0].find_all("rect")) == 2
    assert later[0].get("href").endswith("#year-2041")
    earlier = [a for a in strip.find_all("a") if a.find("title").text.startswith("2040")]
    assert [a.get("href")[:7] for a in earlier] == ["#round-", "#round-"]


def test_a_piece_beyond_this_page_is_named_with_its_own_count_beside_one_on_it(client):
    on_page, beyond = ProcessFactory(name="Zulu process"), ProcessFactory(name="Alpha process")
    for i in range(55):  # more than a page, all in January
        TalkRoundFactory(process=on_page, start_date=datetime.date(2040, 1, 1) + datetime.timedelta(days=i % 28))
    for i in range(3):  # after them, so on the next page
        TalkRoundFactory(process=beyond, start_date=datetime.date(2040, 12, 1 + i))
    query = f"process={on_page.slug}&process={beyond.slug}"
    labels = {a.get("aria-label") for a in page(client, f"{TIMELINE}?{query}").find("svg", cls="strip").find_all("a")}
    assert labels == {"2040, Zulu process: 55 items", "2040, Alpha process: 3 items"}


def test_the_stylesheets_are_served_from_the_app_with_one_for_print(client):
    tree = page(client, TIMELINE)
    sheets = {link.get("media", "all"): link.get("href") for link in tree.find_all("link", rel="stylesheet")}
    assert set(sheets) == {"all", "print"}
    for href in sheets.values():
        assert href.startswith("/static/talks/")
        response = client.get(href)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/css")


# ---------------------------------------------------------------------------------------------------------------
# Detail pages


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (TalkRound, "talks:round-detail"),
        (Milestone, "talks:milestone-detail"),
        (Resolution, "talks:resolution-detail"),
        (Venue, "talks:venue-detail"),
        (Process, "talks:process-detail"),
    ],
)
def test_every_record_has_a_sound_page_and_an_unknown_slug_is_not_found(client, model, name):
    for obj in model.objects.all():
        assert obj.get_absolute_url() == reverse(name, args=[obj.slug])
        tree = page(client, obj.get_absolute_url())
        assert page_problems(tree) == [], obj
        assert len(json_ld(tree)) == 1
    page(client, reverse(name, args=["no-such-thing"]), status=404)


@pytest.mark.parametrize(
    ("url", "schema_type"),
    [
        (reverse("talks:round-detail", args=["un-sponsored-talks-in-vienna"]), "Event"),
        (reverse("talks:milestone-detail", args=["russia-joins-the-war"]), "Event"),
        (reverse("talks:resolution-detail", args=["resolution-2254"]), "Legislation"),
        (reverse("talks:venue-detail", args=["vienna"]), "Place"),
        (reverse("talks:process-detail", args=["geneva-process"]), "EventSeries"),
    ],
)
def test_a_detail_page_describes_its_subject_in_json_ld(client, url, schema_type):
    (data,) = json_ld(page(client, url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["url"] == f"http://testserver{url}"


def test_the_json_ld_of_a_round_is_an_event_with_dates_place_and_organiser(client):
    (data,) = json_ld(page(client, reverse("talks:round-detail", args=["un-sponsored-talks-in-vienna"])))
    assert (data["startDate"], data["endDate"]) == ("2018-01-25", "2018-01-26")
    assert data["location"]["name"] == "Vienna"
    assert data["location"]["address"]["addressCountry"] == "Austria"
    assert [o["name"] for o in data["organizer"]] == ["Staffan de Mistura"]
    assert data["superEvent"]["name"] == "Geneva process"


def test_json_ld_cannot_close_its_script_element(client):
    title = "</script><script>alert(1)</script> & <!-- more"
    round = TalkRoundFactory(title=title)
    response = client.get(round.get_absolute_url())
    block = re.search(rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S).group(1)
    assert b"<" not in block and b">" not in block
    (data,) = json_ld(parse(response.content))
    assert data["name"] == title


def test_a_round_page_shows_each_fact_with_its_citations(client):
    round = TalkRound.objects.get(slug="un-sponsored-talks-in-vienna")
    tree = page(client, round.get_absolute_url())
    assert tree.find("h1").text == round.title
    citations = tree.find("ol", cls="citations").find_all("li")
    assert [li.id for li in citations] == [f"cite-{c.pk}" for c in round.citations.all()]
    for li, citation in zip(citations, round.citations.all(), strict=True):
        assert li.find("blockquote").text == " ".join(citation.quote.split())
        assert li.find("a").get("href") == citation.get_absolute_url()
    facts = {div.find("dt").text: div.find("dd") for div in tree.find("dl", cls="facts").find_all("div")}
    date_refs = [a.get("href") for a in facts["Date"].find_all("a", cls="fnref")]
    assert date_refs == [f"#cite-{c.pk}" for c in round.citations.all() if "date" in c.supports]
    assert facts["Where"].text.startswith("Vienna, Austria")
    head = tree.find("ul", cls="delegations").find("li")
    assert "Syrian government delegation" in head.text and "headed by Bashar al-Ja'afari" in head.text


@pytest.mark.parametrize(
    ("slug", "previous", "next"),
    [
        ("eighth-round-of-geneva-talks", "seventh-round-of-geneva-talks", "un-sponsored-talks-in-vienna"),
        ("geneva-talks-february-2016", None, "geneva-talks-march-2016"),
        ("syrian-congress-of-national-dialogue", None, None),
    ],
)
def test_a_round_page_links_the_previous_and_next_round_of_its_process(client, slug, previous, next):
    tree = page(client, reverse("talks:round-detail", args=[slug]))
    for rel, expected in (("prev", previous), ("next", next)):
        link = tree.find("a", rel=rel)
        assert (link.get("href") if link else None) == (
            reverse("talks:round-detail", args=[expected]) if expected else None
        )


def test_a_venue_page_lists_the_rounds_held_there_in_order(client):
    tree = page(client, reverse("talks:venue-detail", args=["geneva"]))
    rounds = tree.find("section", aria_labelledby="rounds-heading").find_all("a", cls="p-name")
    expected = TalkRound.objects.filter(venue__slug="geneva").order_by(*TIMELINE_ORDER)
    assert [a.get("href") for a in rounds] == [r.get_absolute_url() for r in expected]
    assert len(rounds) == 10


def test_a_process_page_numbers_its_rounds_in_order(client):
    tree = page(client, reverse("talks:process-detail", args=["constitutional-committee"]))
    rounds = tree.find("ol", cls="numbered")
    expected = TalkRound.objects.filter(process__slug="constitutional-committee").order_by(*TIMELINE_ORDER)
    assert [a.text for a in rounds.find_all("a", cls="p-name")] == [r.title for r in expected]
    assert len(expected) == 4
    assert "round 5" in rounds.find_all("li")[1].text


def test_a_resolution_page_lists_the_rounds_and_milestones_that_rest_on_it(client):
    tree = page(client, reverse("talks:resolution-detail", args=["resolution-2254"]))
    linked = [a.get("href") for a in tree.find_all("a", cls="p-name")]
    assert linked == [
        reverse("talks:round-detail", args=["geneva-talks-march-2016"]),
        reverse("talks:milestone-detail", args=["zakharova-says-turkey-and-russia-will-keep-coordinating-on-syria"]),
    ]


def test_a_milestone_page_links_the_people_and_parties_involved(client):
    milestone = Milestone.objects.get(slug="ceasefire-of-december-2016")
    tree = page(client, milestone.get_absolute_url())
    links = {a.get("href") for a in tree.find("dl", cls="facts").find_all("a")}
    assert {d.get_absolute_url() for d in milestone.delegations.all()} <= links
    assert len(tree.find("ol", cls="citations").find_all("li")) == milestone.citations.count()


def test_every_round_and_its_venue_process_and_resolutions_are_linked_from_the_timeline(client):
    hrefs = {a.get("href") for a in page(client, TIMELINE).find_all("a")}
    for round in TalkRound.objects.select_related("venue", "process"):
        assert {round.get_absolute_url(), round.venue.get_absolute_url(), round.process.get_absolute_url()} <= hrefs
    assert {r.get_absolute_url() for r in Resolution.objects.all()} <= hrefs


# ---------------------------------------------------------------------------------------------------------------
# Query counts: the same at two data sizes


QUERIES = {
    # 3 key queries; the rows and relations of rounds (5: envoys, delegations with their heads, resolutions,
    # citations with their sources), resolutions (2) and milestones (5); 5 choice lists; the undated items
    # (1 + 2 + 5); the articles. The strip's and the facets' counts are cached under the data version.
    "timeline": 29,
    # the venue slug checked once by each of the 3 FilterSets (bound once, shared by page, strip and undated
    # list); no resolutions happen at a venue, so their rows and relations are not loaded
    "timeline-filtered": 23,
    # each record page: its own, then 2 for its History section (its rows, its citations' rows) and 1 for the
    # latest release its "Cite this" names
    "round": 12,
    "milestone": 8,
    "resolution": 11,
    "venue": 7,
    "process": 7,
}


def urls(world):
    return {
        "timeline": TIMELINE,
        "timeline-filtered": f"{TIMELINE}?venue={world.venue.slug}",
        "round": world.round.get_absolute_url(),
        "milestone": world.milestone.get_absolute_url(),
        "resolution": world.resolution.get_absolute_url(),
        "venue": world.venue.get_absolute_url(),
        "process": world.process.get_absolute_url(),
    }


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("name", list(QUERIES))
def test_each_page_costs_the_same_number_of_queries_at_any_size(client, django_assert_num_queries, name, size):
    url = urls(grow(size))[name]
    client.get(url)  # caches (content types) warm, as in a running site
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 40])
def test_the_measured_pages_show_every_row_they_were_given(client, size):
    world = grow(size)
    round_page = page(client, world.round.get_absolute_url())
    delegations = [li for li in round_page.find("ul", cls="delegations").children if getattr(li, "tag", "") == "li"]
    assert len(delegations) == size + 1
    venue_page = page(client, world.venue.get_absolute_url())
    assert len(venue_page.find("section", aria_labelledby="rounds-heading").find_all("li", cls="item")) == size
