"""A staff write that fails midway leaves the database exactly as it was.

The failures are real: a record's last citation is not verbatim, so the record and its earlier citations
are already written when the service refuses it; or the database "fails" on the second citation it is
asked to store. Each test checks that rows were written before the failure (so there was something to
undo) and that afterwards every row of every table is what it was before.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sources.models import Citation, Source
from talks.models import TalkRound
from tests.api_support import data
from tests.snapshots import every_row

pytestmark = pytest.mark.django_db

ROUND = "un-sponsored-talks-in-vienna"
SOURCE = "un-sponsored-syria-talks-open-in-vienna"
NOT_VERBATIM = {"source": SOURCE, "quote": "Negotiators met in Vienna and made peace", "supports": "outcome"}


def verbatim(count):
    """`count` different citations whose quotes are in the source word for word."""
    words = Source.objects.get(slug=SOURCE).text.split()
    return [{"source": SOURCE, "quote": " ".join(words[i : i + 6]), "supports": f"fact {i}"} for i in range(count)]


def new_round(citations):
    return {
        "title": "Talks in Vienna, May 2022",
        "slug": "talks-in-vienna-may-2022",
        "process": "geneva-process",
        "venue": "vienna",
        "start_date": "2022-05-18",
        "date_precision": "day",
        "envoys": ["geir-pedersen"],
        "resolutions": ["resolution-2254"],
        "summary": "A round that will not be kept.",
        "citations": citations,
    }


def new_milestone(citations):
    return {
        "title": "A ceasefire that will not be kept",
        "slug": "a-ceasefire-that-will-not-be-kept",
        "category": "ceasefire",
        "start_date": "2022-06-01",
        "date_precision": "month",
        "people": ["geir-pedersen"],
        "citations": citations,
    }


def an_edit(citations):
    return {"outcome": "Rewritten.", "status": "adjourned", "envoys": [], "citations": citations}


def inserts(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]


WRITES = [
    ("post", "/api/rounds/", new_round),
    ("post", "/api/milestones/", new_milestone),
    ("patch", f"/api/rounds/{ROUND}/", an_edit),
    ("put", f"/api/rounds/{ROUND}/", lambda citations: {**new_round(citations), "slug": ROUND}),
]


@pytest.mark.parametrize(("method", "url", "payload"), WRITES, ids=[f"{m} {u}" for m, u, _ in WRITES])
def test_a_write_whose_last_citation_is_not_verbatim_leaves_the_database_as_it_was(staff, method, url, payload):
    before = every_row()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(staff, method)(url, payload([*verbatim(2), NOT_VERBATIM]), format="json")

    assert response.status_code == 400
    assert "not found verbatim" in data(response)["citations"][0]
    assert data(response)["citations"][0].startswith("Citation 3:")
    assert len(inserts(queries)) >= 2  # the record or its relations, and the first citations, were written ...
    assert every_row() == before  # ... and are gone, with every change made before the refusal


class DiskFull(Exception):
    pass


@pytest.fixture
def the_second_citation_fails(monkeypatch):
    """Citation.save raises on its second call, after the record and its first citation are written."""
    calls = []
    save = Citation.save

    def failing_save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise DiskFull("could not write the second citation")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Citation, "save", failing_save)
    return calls


@pytest.mark.parametrize(("method", "url", "payload"), WRITES, ids=[f"{m} {u}" for m, u, _ in WRITES])
def test_a_write_that_crashes_after_its_first_citation_leaves_the_database_as_it_was(
    staff, the_second_citation_fails, method, url, payload
):
    before = every_row()
    staff.raise_request_exception = False  # answer as a server would: a 500, not an exception in the test
    response = getattr(staff, method)(url, payload(verbatim(3)), format="json")

    assert response.status_code == 500
    assert data(response) == {"detail": "Server error."}
    assert len(the_second_citation_fails) == 2
    assert every_row() == before


def test_an_edit_that_crashes_keeps_the_rounds_citations_and_their_ids(staff, the_second_citation_fails):
    talk_round = TalkRound.objects.get(slug=ROUND)
    ids = sorted(talk_round.citations.values_list("pk", flat=True))
    staff.raise_request_exception = False
    response = staff.patch(f"/api/rounds/{ROUND}/", an_edit(verbatim(3)), format="json")

    assert response.status_code == 500
    assert sorted(talk_round.citations.values_list("pk", flat=True)) == ids
    assert TalkRound.objects.get(slug=ROUND).outcome == talk_round.outcome


def test_a_new_citation_whose_search_refresh_crashes_is_not_kept(staff, monkeypatch):
    """POST /api/citations/ saves the citation, then refreshes its record's search text: a crash there undoes both."""

    def crash(model, pk):
        raise DiskFull("could not refresh the search text")

    monkeypatch.setattr("talks.services.refresh_record", crash)
    before = every_row()
    staff.raise_request_exception = False
    citation = verbatim(1)[0]
    response = staff.post(
        "/api/citations/",
        {"subject_kind": "round", "subject": ROUND, "source": SOURCE, "quote": citation["quote"]},
        format="json",
    )

    assert response.status_code == 500
    assert every_row() == before
