"""Every answer the site gives for the real data, held to a recorded digest: refactors must not change a byte.

`tests/answers.json` maps each address to the SHA-256 of its body. When the data or a page changes on
purpose, record the new answers and review the diff of the list of addresses that changed:

    UPDATE_ANSWERS=1 .venv/bin/pytest tests/test_answers.py

Three parts change by themselves and are blanked before hashing: the iCalendar stamp (DTSTAMP, the time of
the request), the times in a record's History section (when the test database was loaded) and the access date
that "Cite this" puts in every reference (today, in its three forms). The OpenAPI schema and the API docs are
left out: their wording is the library's, and tests/test_api_schema.py holds what they must say.
"""

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from actors.models import Delegation, Envoy, Person
from sources.models import Citation, Figure, Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue

pytestmark = pytest.mark.django_db
ANSWERS = Path(__file__).with_name("answers.json")
DTSTAMP = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
CHANGED = re.compile(rb'<time class="changed" datetime="[^"]*">[^<]*</time>')

PAGES = ["/", "/figures/", "/?venue=geneva", "/?envoy=geir-pedersen", "/?year=2017", "/?kind=milestone&q=idlib",
         "/?date_after=2021-09-01", "/?status=planned", "/?venue=atlantis", "/?as_of=2018-01-27"]  # fmt: skip
API_LISTS = ["rounds", "events", "milestones", "resolutions", "venues", "processes", "envoys", "delegations",
             "people", "sources", "figures", "citations"]  # fmt: skip
EXPORTS = ["/api/", "/api/events.ics", "/api/timelinejs.json", "/api/venues.geojson", "/api/rounds.csv",
           "/api/events/?format=csv", "/api/events/?year=2018", "/api/rounds/?venue=geneva&ordering=-start_date",
           "/api/events.ics?envoy=geir-pedersen", "/api/milestones/?page_size=5",
           "/api/events/?as_of=2016-03-25"]  # fmt: skip
SLUGGED = {
    "rounds": TalkRound,
    "milestones": Milestone,
    "resolutions": Resolution,
    "venues": Venue,
    "processes": Process,
    "envoys": Envoy,
    "delegations": Delegation,
    "people": Person,
    "sources": Source,
    "figures": Figure,
}


def addresses():
    urls = [*PAGES, *EXPORTS]
    for name in API_LISTS:
        urls += [f"/api/{name}/", f"/api/{name}/?format=csv"]
    for name, model in SLUGGED.items():
        for obj in model.objects.order_by("pk"):
            urls.append(f"/api/{name}/{obj.slug}/")
            if name != "figures":
                urls.append(obj.get_absolute_url())
    urls += [f"/api/citations/{pk}/" for pk in Citation.objects.order_by("pk").values_list("pk", flat=True)]
    return urls


def accessed_today():
    today = timezone.localdate()
    forms = [f"{today:%B} {today.day}, {today.year}", today.isoformat(), f"{today:%Y/%m/%d}/"]
    return re.compile("|".join(re.escape(form) for form in forms).encode())


def digest(response, accessed):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return hashlib.sha256(
        accessed.sub(b"-", CHANGED.sub(b"<time>-</time>", DTSTAMP.sub(b"DTSTAMP:-", body)))
    ).hexdigest()


def answers():
    client, accessed = APIClient(), accessed_today()
    return {
        url: f"{response.status_code} {digest(response, accessed)}"
        for url in addresses()
        if (response := client.get(url))
    }


def test_every_answer_for_the_real_data_is_what_was_recorded():
    found = answers()
    if os.environ.get("UPDATE_ANSWERS"):
        ANSWERS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(ANSWERS.read_text())
    changed = sorted(url for url in recorded.keys() & found.keys() if recorded[url] != found[url])
    assert changed == [], f"{len(changed)} answers changed: {changed[:20]}"
    assert sorted(found.keys() - recorded.keys()) == []
    assert sorted(recorded.keys() - found.keys()) == []
