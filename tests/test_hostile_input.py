"""Hostile input against every page and endpoint: never a 500, never a payload echoed unescaped.

Every bad value of the table goes to every address. Where the address takes the parameter, a malformed
value is refused: the API answers 400 with a JSON body naming the parameter; the timeline answers its own
page, listing nothing, with a notice naming the parameter. Where the address does not take the parameter,
the value is ignored: a normal 200. Either way an HTML answer never carries the raw payload, and where the
page echoes the value (the search box, a filter chip, an error message) it is there escaped.
"""

import base64
import collections
import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape

from sources.models import Citation, Source
from talks.models import TalkRound
from tests.api_support import body, data
from toolkit.middleware import MAX_URL_LENGTH

pytestmark = pytest.mark.django_db

TIMELINE_FILTERS = {"venue", "envoy", "process", "delegation", "resolution", "kind", "status", "year", "date_after",
                    "date_before", "q"}  # fmt: skip
PAGED = {"cursor", "page_size", "format"}
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
QUOTE_BREAK = "' onmouseover='"


def b64(value):
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@dataclass(frozen=True)
class Target:
    path: str
    kind: str  # "timeline", "page" (HTML detail), "api" (JSON, CSV or a file export), "browsable" (the API as HTML)
    takes: frozenset = frozenset()  # the parameters it reads, so refuses when malformed
    accept: str = "*/*"

    def url(self, query):
        return f"{self.path}{'&' if '?' in self.path else '?'}{query}"


def api(path, *takes):
    return Target(path, "api", frozenset().union(*takes))


TARGETS = [
    Target("/", "timeline", frozenset(TIMELINE_FILTERS | {"cursor"})),
    *(
        Target(path, "page")
        for path in [
            "/rounds/un-sponsored-talks-in-vienna/",
            "/milestones/war-begins-with-a-crackdown-on-protests/",
            "/resolutions/resolution-2254/",
            "/venues/vienna/",
            "/processes/geneva-process/",
            "/envoys/geir-pedersen/",
            "/delegations/syrian-government-delegation/",
            "/people/bashar-al-jaafari/",
            "/sources/un-sponsored-syria-talks-open-in-vienna/",
            "/figures/",
        ]
    ),
    # The chooser reads its search, and keeps the timeline's parameters for the links it gives, unread.
    Target("/choose/venue/", "page", frozenset({"find"})),
    api("/api/rounds/", TIMELINE_FILTERS, PAGED, {"ordering"}),
    api("/api/milestones/", TIMELINE_FILTERS, PAGED, {"ordering"}),
    api("/api/resolutions/", TIMELINE_FILTERS, PAGED, {"ordering"}),
    api("/api/events/", TIMELINE_FILTERS, PAGED),
    api("/api/venues/", {"q", "country"}, PAGED),
    api("/api/processes/", {"q"}, PAGED),
    api("/api/envoys/", {"q"}, PAGED),
    api("/api/delegations/", {"q", "side"}, PAGED),
    api("/api/people/", {"q"}, PAGED),
    api("/api/sources/", {"q"}, PAGED),
    api("/api/figures/", {"measure", "qualifier"}, PAGED),
    api("/api/citations/", {"source", "kind", "q"}, PAGED),
    *(
        api(path, {"format"})
        for path in [
            "/api/rounds/un-sponsored-talks-in-vienna/",
            "/api/events/un-sponsored-talks-in-vienna/",
            "/api/milestones/war-begins-with-a-crackdown-on-protests/",
            "/api/resolutions/resolution-2254/",
            "/api/venues/vienna/",
            "/api/processes/geneva-process/",
            "/api/envoys/geir-pedersen/",
            "/api/delegations/syrian-government-delegation/",
            "/api/people/bashar-al-jaafari/",
            "/api/sources/un-sponsored-syria-talks-open-in-vienna/",
            "/api/figures/death-toll-march-2016/",
            "/api/citations/1/",
        ]
    ),
    # CSV is the whole list, not a page: no cursor; a page size is checked as for JSON, though not applied.
    # A suffix outranks ?format=.
    api("/api/rounds.csv", TIMELINE_FILTERS, {"ordering", "page_size"}),
    api("/api/events/?format=csv", TIMELINE_FILTERS, {"format", "page_size"}),
    # The exports are what their address says, whatever ?format= asks.
    api("/api/events.ics", TIMELINE_FILTERS),
    api("/api/timelinejs.json", TIMELINE_FILTERS),
    api("/api/venues.geojson", {"q", "country"}),
    api("/api/schema/", {"format"}),
    api("/api/", {"format"}),
    Target("/api/rounds/", "browsable", frozenset(TIMELINE_FILTERS | PAGED | {"ordering"}), accept="text/html"),
]


@dataclass(frozen=True)
class Hostile:
    label: str
    query: str  # as sent, percent-encoded
    param: str  # the parameter it attacks
    refused: bool  # whether an address that takes `param` must refuse it
    payload: str | None = None  # markup that must never come back unescaped in HTML

    def __str__(self):
        return self.label

    @property
    def blank(self):
        return self.query.endswith("=")


def hostile(label, param, value, *, refused, payload=None):
    return Hostile(label, f"{param}={value}", param, refused, payload)


def repeated(param, value, times):
    return "&".join([f"{param}={value}"] * times)


LONG_Q = "x" * 10_000
HOSTILE = [
    # Dates
    hostile("month 13, day 45", "date_after", "2018-13-45", refused=True),
    hostile("30 February", "date_before", "2018-02-30", refused=True),
    hostile("year 0", "year", "0", refused=True),
    hostile("year 99999", "year", "99999", refused=True),
    hostile("year -1", "year", "-1", refused=True),
    hostile("a fractional year", "year", "2018.5", refused=True),
    hostile("a year in words", "year", "twenty", refused=True),
    # Slugs and choices
    hostile("an unknown slug", "venue", "atlantis", refused=True),
    hostile("an unknown status", "status", "victorious", refused=True),
    hostile("an unknown ordering", "ordering", "-pk", refused=True),
    # Paging
    hostile("page size 0", "page_size", "0", refused=True),
    hostile("page size -5", "page_size", "-5", refused=True),
    hostile("page size 10**12 (capped, not refused)", "page_size", str(10**12), refused=False),
    hostile("page size in letters", "page_size", "abc", refused=True),
    hostile("page -1 (no such parameter)", "page", "-1", refused=False),
    hostile("page 10**20 (no such parameter)", "page", str(10**20), refused=False),
    hostile("a garbage cursor", "cursor", "garbage", refused=True),
    hostile(
        "a forged base64 cursor",
        "cursor",
        b64({"d": "n", "o": ["sort_date", "date_rank", "id"], "v": ["2018-13-45", 2, 1]}),
        refused=True,
    ),
    hostile("a 2,000-character cursor", "cursor", "A" * 2_000, refused=True),
    hostile("a 100,000-character cursor (an address over the limit)", "cursor", "A" * 100_000, refused=True),
    hostile("markup for a cursor", "cursor", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused=True, payload=SCRIPT),
    # Text
    hostile("a 1,000-character search", "q", "x" * 1_000, refused=True),
    hostile("a 10,000-character search (an address over the limit)", "q", LONG_Q, refused=True),
    hostile("SQL in a search", "q", "%27%20OR%201%3D1%20--", refused=False),
    hostile("SQL in a slug", "venue", "%27%20OR%201%3D1%20--", refused=True),
    hostile("a LIKE wildcard %", "q", "%25", refused=False),
    hostile("a LIKE wildcard _", "q", "_", refused=False),
    hostile("a backslash", "q", "%5C", refused=False),
    hostile("full-text operators", "q", "%26%7C%21%3A*%28", refused=False),
    hostile("a wildcard country", "country", "%25", refused=False),
    # Markup
    hostile("a script in a search", "q", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused=False, payload=SCRIPT),
    hostile("a script for a slug", "venue", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused=True, payload=SCRIPT),
    hostile(
        "an attribute break in a search",
        "q",
        "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        refused=False,
        payload=ATTRIBUTE_BREAK,
    ),
    hostile("a quote break in a search", "q", "%27%20onmouseover%3D%27", refused=False, payload=QUOTE_BREAK),
    hostile("a script for a format", "format", "%3Cscript%3E", refused=True, payload="<script>"),
    hostile(
        "a script in a chooser's search", "find", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused=False, payload=SCRIPT
    ),
    hostile("a 1,000-character chooser's search", "find", "x" * 1_000, refused=True),
    # Bytes
    hostile("invalid UTF-8 in a search", "q", "%ff%fe", refused=False),
    hostile("invalid UTF-8 for a slug", "venue", "%ff%fe", refused=True),
    hostile("a NUL in a search", "q", "%00", refused=True),
    hostile("a NUL for a slug", "venue", "%00", refused=True),
    hostile("a NUL for a date", "date_after", "%00", refused=True),
    hostile("a NUL for a cursor", "cursor", "%00", refused=True),
    hostile("a NUL for a country", "country", "%00", refused=True),
    hostile("a NUL for a format", "format", "%00", refused=True),
    # Repeats and strangers
    Hostile("one slug 100 times, over the cap of 20", repeated("venue", "geneva", 100), "venue", refused=True),
    Hostile("one slug 20 times, at the cap", repeated("venue", "geneva", 20), "venue", refused=False),
    Hostile("one status 100 times", repeated("status", "held", 100), "status", refused=False),
    hostile("an unknown parameter", "utm_source", "x", refused=False),
    hostile(
        "an unknown parameter with markup", "x", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", refused=False, payload=SCRIPT
    ),  # fmt: skip
    hostile("a garbage format", "format", "garbage", refused=True),
    hostile("format xml", "format", "xml", refused=True),
    # Blanks: a blank single value means "not given"; a blank slug is an unknown one.
    hostile("a blank year", "year", "", refused=False),
    hostile("a blank cursor", "cursor", "", refused=False),
    hostile("a blank slug", "venue", "", refused=True),
]

ANSWERS = collections.Counter()  # (kind of address, how it answered) -> count, for the record


def is_html(response):
    return response["Content-Type"].startswith("text/html")


def expected_status(target, bad):
    if len(target.url(bad.query)) > MAX_URL_LENGTH:
        return 414  # refused before any parameter is read
    if bad.blank and target.kind == "timeline":
        return 302  # a submitted form's empty fields: redirected to the short URL
    if bad.refused and bad.param in target.takes and target.kind != "timeline":
        return 400
    return 200


@pytest.mark.parametrize("bad", HOSTILE, ids=str)
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.kind} {t.path}")
def test_hostile_input_is_refused_or_ignored_never_a_500(target, bad):
    cache.clear()  # the anonymous rate is counted in the cache; this is not a test of the throttle
    response = Client().get(target.url(bad.query), HTTP_ACCEPT=target.accept)
    content = body(response)
    status = expected_status(target, bad)
    refused = bad.refused and bad.param in target.takes
    ANSWERS[target.kind, response.status_code, "escaped" if bad.payload and is_html(response) else ""] += 1

    assert response.status_code == status, content[:300]
    if target.kind == "api" and status == 400:
        assert response["Content-Type"] == "application/json"
        assert bad.param in data(response), data(response)
    if status == 414:
        assert is_html(response) != target.path.startswith("/api/"), response["Content-Type"]  # JSON under /api/
        assert "8,000 characters" in content.decode()
    if target.kind == "timeline" and status == 200:
        notice = f"<code>{bad.param}</code>"
        html = content.decode()
        assert (notice in html and 'class="notice error"' in html) == refused, html[:300]
    if bad.payload and is_html(response):
        html = content.decode()
        assert bad.payload not in html
        # Where the page repeats what was asked (the search box, a filter chip, an error), it is escaped.
        if target.kind == "timeline" and bad.param in TIMELINE_FILTERS:
            assert escape(bad.payload) in html


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.kind} {t.path}")
def test_a_head_request_with_hostile_input_is_answered_without_a_body(target):
    response = Client().head(target.url("q=%00&cursor=%00&x=%3Cscript%3E"), HTTP_ACCEPT=target.accept)
    assert response.status_code in (200, 400)
    assert body(response) == b""


# A slug or id in the path -------------------------------------------------------------------------------

DETAIL_PATHS = ["/rounds/{}/", "/milestones/{}/", "/resolutions/{}/", "/venues/{}/", "/processes/{}/", "/envoys/{}/",
                "/delegations/{}/", "/people/{}/", "/sources/{}/", "/api/rounds/{}/", "/api/milestones/{}/",
                "/api/resolutions/{}/", "/api/venues/{}/", "/api/processes/{}/", "/api/envoys/{}/",
                "/api/delegations/{}/", "/api/people/{}/", "/api/sources/{}/", "/api/figures/{}/",
                "/api/citations/{}/", "/api/events/{}/"]  # fmt: skip
BAD_SLUGS = [
    "no-such-record",
    "%00",
    "nul%00byte",
    "%ff%fe",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "%27%20OR%201%3D1%20--",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "a" * 5_000,
    "99999999999999999999999",
    "-1",
]


@pytest.mark.parametrize("slug", BAD_SLUGS, ids=lambda s: s[:40])
@pytest.mark.parametrize("pattern", DETAIL_PATHS)
def test_a_hostile_slug_in_the_path_is_a_404(pattern, slug):
    cache.clear()
    response = Client().get(pattern.format(slug))
    ANSWERS["path", response.status_code, ""] += 1
    assert response.status_code == 404
    if pattern.startswith("/api/"):
        assert response["Content-Type"] == "application/json" and "detail" in data(response)
    else:
        html = body(response).decode()
        assert "<h1>Not found</h1>" in html
        assert SCRIPT not in html and ATTRIBUTE_BREAK not in html


# Markup typed in by staff -----------------------------------------------------------------------------

ROUND = "un-sponsored-talks-in-vienna"
SOURCE = "un-sponsored-syria-talks-open-in-vienna"


@pytest.fixture
def marked_up_round(staff):
    """A round whose title, summary and outcome, and one of whose citations' note, carry markup, written
    through the staff API as an editor would."""
    response = staff.patch(
        f"/api/rounds/{ROUND}/",
        {"title": f"Vienna {ATTRIBUTE_BREAK}", "summary": f"Talks {SCRIPT} resumed.", "outcome": f"No {QUOTE_BREAK}"},
        format="json",
    )
    assert response.status_code == 200, data(response)
    talk_round = TalkRound.objects.get(slug=ROUND)
    citation = talk_round.citations.filter(source__slug=SOURCE).first()
    response = staff.patch(f"/api/citations/{citation.pk}/", {"note": f"See {SCRIPT} {ATTRIBUTE_BREAK}"}, format="json")
    assert response.status_code == 200, data(response)
    return talk_round


@pytest.mark.parametrize(
    "url",
    [
        f"/rounds/{ROUND}/",
        "/",
        "/?venue=vienna",
        f"/sources/{SOURCE}/",
        "/venues/vienna/",
        "/processes/geneva-process/",
        f"/api/rounds/{ROUND}/?format=api",
    ],
)
def test_markup_typed_in_by_staff_is_shown_escaped(api, marked_up_round, url):
    html = body(api.get(url)).decode()
    for payload in (SCRIPT, ATTRIBUTE_BREAK, QUOTE_BREAK):
        assert payload not in html
    assert escape(ATTRIBUTE_BREAK) in html  # the title is on every one of these pages


def test_markup_typed_in_by_staff_is_plain_text_in_the_api(api, marked_up_round):
    record = data(api.get(f"/api/rounds/{ROUND}/"))
    assert record["title"] == f"Vienna {ATTRIBUTE_BREAK}"
    assert record["summary"] == f"Talks {SCRIPT} resumed."
    assert record["outcome"] == f"No {QUOTE_BREAK}"
    assert f"See {SCRIPT} {ATTRIBUTE_BREAK}" in [c["note"] for c in record["citations"]]


def test_markup_typed_in_by_staff_is_escaped_in_the_timelinejs_export_which_renders_html(api, marked_up_round):
    events = data(api.get("/api/timelinejs.json", {"venue": "vienna"}))["events"]
    (event,) = [e for e in events if e["unique_id"] == f"round-{ROUND}"]
    assert event["text"]["headline"] == f"Vienna {escape(ATTRIBUTE_BREAK)}"
    assert SCRIPT not in event["text"]["text"] and escape(SCRIPT) in event["text"]["text"]


def test_markup_typed_in_by_staff_is_escaped_in_the_admin(client, marked_up_round, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", password="x"))
    html = body(client.get(f"/admin/talks/talkround/{marked_up_round.pk}/change/")).decode()
    assert SCRIPT not in html and ATTRIBUTE_BREAK not in html
    assert escape(SCRIPT) in html


def test_the_source_page_still_highlights_the_quote_whose_note_carries_markup(api, marked_up_round):
    source = Source.objects.get(slug=SOURCE)
    citation = Citation.objects.get(source=source, note__contains=SCRIPT)
    html = body(api.get(f"/sources/{SOURCE}/")).decode()
    assert f'id="quote-{citation.pk}"' in html


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    if ANSWERS:
        lines = [f"  {kind} {status}{' (HTML, payload escaped)' if how else ''}: {count}"
                 for (kind, status, how), count in sorted(ANSWERS.items())]  # fmt: skip
        print(f"\nHostile input: {sum(ANSWERS.values())} requests", *lines, sep="\n")
