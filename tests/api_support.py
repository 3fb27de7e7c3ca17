"""What the API tests share: clients for each kind of caller, a fresh throttle, rows to fill a page."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Role
from tests.factories import (
    CitationFactory,
    DelegationFactory,
    EnvoyFactory,
    MilestoneFactory,
    PersonFactory,
    ResolutionFactory,
    RoundDelegationFactory,
    TalkRoundFactory,
)

# The fixtures below reach every test through `pytest_plugins` in tests/conftest.py.


@pytest.fixture
def api():
    """An anonymous client. The anonymous rate is counted in the cache, so each test starts a clean count."""
    cache.clear()
    return APIClient()


def _client_for(*, staff, **headers):
    cache.clear()
    user = get_user_model().objects.create_user(username="staff" if staff else "reader", password="x", is_staff=staff)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}", **headers)
    return client


STAFF_REASON = "Checked against the article"


@pytest.fixture
def staff():
    """A staff editor who says why with every write (X-Change-Reason); `silent_staff` is one who does not."""
    return _client_for(staff=True, HTTP_X_CHANGE_REASON=STAFF_REASON)


@pytest.fixture
def silent_staff():
    return _client_for(staff=True)


@pytest.fixture
def reader():
    """Authenticated, not staff."""
    return _client_for(staff=False)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def data(response):
    return json.loads(body(response))


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, data(response)
    return data(response)["results"]


def slugs(client, url, **params):
    return [row["slug"] for row in results(client, url, **params)]


def every_page(client, url, **params):
    """Follow `next` from the first page to the last; return the rows and the number of pages."""
    rows, pages, response = [], 0, client.get(url, params)
    while True:
        page = data(response)
        assert response.status_code == 200, page
        rows += page["results"]
        pages += 1
        if not page["next"]:
            return rows, pages
        response = client.get(page["next"])


def add_rounds(count, **kwargs):
    """Rounds with everything a round can carry: envoy, delegation with a head, resolution, citation."""
    made = []
    for _ in range(count):
        talk_round = TalkRoundFactory(**kwargs)
        talk_round.envoys.add(EnvoyFactory())
        talk_round.resolutions.add(ResolutionFactory())
        RoundDelegationFactory(round=talk_round, head=PersonFactory())
        CitationFactory(subject=talk_round)
        made.append(talk_round)
    return made


def add_milestones(count):
    for _ in range(count):
        milestone = MilestoneFactory()
        milestone.people.add(PersonFactory())
        milestone.delegations.add(DelegationFactory())
        milestone.resolutions.add(ResolutionFactory())
        CitationFactory(subject=milestone)


def add_people(count):
    for _ in range(count):
        person = PersonFactory()
        EnvoyFactory(person=person)
        role = Role.objects.create(person=person, title="Negotiator", delegation=DelegationFactory())
        CitationFactory(subject=person)
        CitationFactory(subject=role)
