"""Every timeline view, list and record page links to its own data in the API's formats, carrying its filters,
in the page and as <link rel="alternate"> in the head; and every such link answers, in its format."""

import re
from html import unescape

import pytest

from actors.models import Delegation, Envoy, Person
from sources.models import Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue
from tests.api_support import body, data

pytestmark = pytest.mark.django_db

TIMELINE_FORMATS = ["CSV", "JSON", "iCalendar", "TimelineJS"]


def exports(page):
    """{(group title, label): href} from the page's export links, and the same from its head."""
    aside = re.search(r'<aside class="exports".*?</aside>', page, re.S).group(0)
    in_page = {}
    for paragraph in re.findall(r"<p>(.*?)</p>", aside, re.S):
        title = paragraph.split(" <a", 1)[0]
        for href, label in re.findall(r'<a href="([^"]+)" type="[^"]+">([^<]+)</a>', paragraph):
            in_page[title, label] = unescape(href)
    head = page.split("</head>", 1)[0]
    in_head = {}
    for href, title in re.findall(r'<link rel="alternate" type="[^"]+" href="([^"]+)" title="([^"]+)">', head):
        group, label = title.rsplit(" ", 1)
        in_head[group, label] = unescape(href)
    return in_page, in_head


@pytest.mark.parametrize(
    "query", ["", "venue=geneva", "envoy=geir-pedersen&year=2019", "kind=milestone&q=idlib", "status=planned"]
)
def test_the_timeline_links_to_itself_in_every_format_with_its_filters(client, query):
    page = client.get(f"/?{query}").content.decode()
    in_page, in_head = exports(page)
    assert in_page == in_head
    assert [label for _, label in in_page] == TIMELINE_FORMATS
    json_url = in_page["This view as", "JSON"]
    assert json_url == (f"/api/events/?{query}" if query else "/api/events/")
    listed = [row["slug"] for row in data(client.get(json_url))["results"]]
    csv_url = in_page["This view as", "CSV"]
    csv_response = client.get(csv_url)
    assert csv_response["Content-Type"].startswith("text/csv")
    exported = body(csv_response).decode()
    assert listed and [slug for slug in listed if slug not in exported] == []
    ics = client.get(in_page["This view as", "iCalendar"])
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    timelinejs = client.get(in_page["This view as", "TimelineJS"])
    assert timelinejs.status_code == 200 and "events" in data(timelinejs)


def test_the_timeline_links_carry_no_cursor(client):
    first = data(client.get("/api/events/?page_size=1"))
    cursor = first["next"].split("cursor=")[1].split("&")[0]
    page = client.get(f"/?venue=geneva&cursor={cursor}").content.decode()
    in_page, _ = exports(page)
    assert "cursor" not in "".join(in_page.values())
    assert in_page["This view as", "JSON"] == "/api/events/?venue=geneva"


RECORDS = [
    (TalkRound, "round", "rounds", None),
    (Milestone, "milestone", "milestones", None),
    (Resolution, "resolution", "resolutions", "resolution"),
    (Venue, "venue", "venues", "venue"),
    (Process, "process", "processes", "process"),
    (Envoy, "envoy", "envoys", "envoy"),
    (Delegation, "delegation", "delegations", "delegation"),
    (Person, "person", "people", None),
    (Source, "article", "sources", None),
]


@pytest.mark.parametrize(("model", "noun", "api", "timeline_filter"), RECORDS, ids=[r[1] for r in RECORDS])
def test_a_record_page_links_to_the_record_and_its_timeline(client, model, noun, api, timeline_filter):
    obj = model.objects.order_by("pk").first()
    in_page, in_head = exports(client.get(obj.get_absolute_url()).content.decode())
    assert in_page == in_head
    assert in_page[f"This {noun} as", "JSON"] == f"/api/{api}/{obj.slug}/"
    assert data(client.get(in_page[f"This {noun} as", "JSON"]))["slug"] == obj.slug
    csv_response = client.get(in_page[f"This {noun} as", "CSV"])
    assert csv_response.status_code == 200 and obj.slug in body(csv_response).decode()
    if timeline_filter:
        assert in_page["Its timeline as", "iCalendar"] == f"/api/events.ics?{timeline_filter}={obj.slug}"
        assert [label for title, label in in_page if title == "Its timeline as"] == TIMELINE_FORMATS
    else:
        assert ("Its timeline as", "JSON") not in in_page


@pytest.mark.parametrize(
    ("path", "api"),
    [("/venues/", "venues"), ("/processes/", "processes"), ("/resolutions/", "resolutions"), ("/envoys/", "envoys"),
     ("/delegations/", "delegations"), ("/people/", "people"), ("/sources/", "sources"), ("/figures/", "figures")],
)  # fmt: skip
def test_a_list_page_links_to_the_same_list_in_the_api(client, path, api):
    in_page, in_head = exports(client.get(path).content.decode())
    assert in_page == in_head
    assert in_page["This view as", "JSON"] == f"/api/{api}/"
    assert in_page["This view as", "CSV"] == f"/api/{api}/?format=csv"
    assert client.get(in_page["This view as", "CSV"]).status_code == 200


def test_the_venues_list_links_to_its_map_too(client):
    in_page, _ = exports(client.get("/venues/").content.decode())
    geojson = client.get(in_page["This view as", "GeoJSON"])
    assert geojson["Content-Type"].startswith("application/geo+json")
