"""Concurrent staff writes against a real server: real threads, real connections, real transactions.

Each trial releases its requests together (a barrier) at pytest-django's live server, which answers each
request in a thread of its own with its own database connection, as gunicorn's workers do. Several trials
per test; every test asserts that no request was answered 500 and that the timeline's rules still hold.
The outcomes are counted, so a failure shows how many trials went which way.
"""

import functools
import json
import sqlite3
import threading
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from rest_framework.authtoken.models import Token

from talks.models import TalkRound
from tests.factories import ARTICLE, CitationFactory, ProcessFactory, SourceFactory, TalkRoundFactory

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 10
AT_ONCE = 6
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # to the live server, never via a proxy
FIRST_SENTENCE, SECOND_SENTENCE = (sentence + "." for sentence in ARTICLE.rstrip(".").split(". "))


def send(url, method, *, token, payload=None):
    """(status, body) of one request; urllib raises on a 4xx or 5xx, and that is an answer too."""
    request = urllib.request.Request(
        url,
        method=method,
        data=None if payload is None else json.dumps(payload).encode(),
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "X-Change-Reason": "Concurrent edit",
        },
    )
    try:
        with DIRECT.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def at_once(calls):
    """Run the calls in threads released together by a barrier; their answers, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def token():
    user = get_user_model().objects.create_user(username="concurrent-staff", password="x", is_staff=True)
    return Token.objects.create(user=user).key


@pytest.fixture
def source():
    return SourceFactory()


def round_payload(source, process, *, slug, round_number=None):
    return {
        "title": "Talks in Geneva",
        "slug": slug,
        "process": process.slug,
        "start_date": "2022-05-18",
        "date_precision": "day",
        "round_number": round_number,
        "citations": [{"source": source.slug, "quote": FIRST_SENTENCE, "supports": "venue"}],
    }


def test_two_concurrent_deletes_of_a_records_last_two_citations_leave_it_one(live_server, token, source):
    outcomes = Counter()
    for _ in range(TRIALS):
        talk_round = TalkRoundFactory()
        citations = [
            CitationFactory(subject=talk_round, source=source, quote=FIRST_SENTENCE),
            CitationFactory(subject=talk_round, source=source, quote=SECOND_SENTENCE),
        ]
        answers = at_once(
            [
                functools.partial(send, f"{live_server.url}/api/citations/{citation.pk}/", "DELETE", token=token)
                for citation in citations
            ]
        )
        statuses = tuple(sorted(status for status, _ in answers))
        outcomes[statuses, f"{talk_round.citations.count()} left"] += 1
    # One delete goes through; the other is told the citation is the round's only one.
    assert outcomes == {((204, 400), "1 left"): TRIALS}, outcomes


def test_concurrent_creates_with_one_slug_make_one_record_and_name_the_slug_to_the_others(live_server, token, source):
    process = ProcessFactory()
    outcomes = Counter()
    for trial in range(TRIALS):
        payload = round_payload(source, process, slug=f"contested-slug-{trial}")
        answers = at_once(
            [
                functools.partial(send, f"{live_server.url}/api/rounds/", "POST", token=token, payload=payload)
                for _ in range(AT_ONCE)
            ]
        )
        for status, content in answers:
            outcomes[status, "slug" in json.loads(content) if status == 400 else None] += 1
        assert TalkRound.objects.filter(slug=payload["slug"]).count() == 1
    assert outcomes == {(201, None): TRIALS, (400, True): TRIALS * (AT_ONCE - 1)}, outcomes


def test_concurrent_creates_with_one_round_number_make_one_round_and_name_the_number_to_the_others(
    live_server, token, source
):
    process = ProcessFactory()
    outcomes = Counter()
    for trial in range(TRIALS):
        answers = at_once(
            [
                functools.partial(
                    send,
                    f"{live_server.url}/api/rounds/",
                    "POST",
                    token=token,
                    payload=round_payload(source, process, slug=f"round-{trial}-by-{n}", round_number=trial + 1),
                )
                for n in range(AT_ONCE)
            ]
        )
        for status, content in answers:
            outcomes[status, "round_number" in json.loads(content) if status == 400 else None] += 1
        assert TalkRound.objects.filter(process=process, round_number=trial + 1).count() == 1
    assert outcomes == {(201, None): TRIALS, (400, True): TRIALS * (AT_ONCE - 1)}, outcomes


def test_concurrent_edits_and_citations_of_one_round_are_all_written(live_server, token, source):
    """Writers meeting in one database: under `make serve` on SQLite, some were answered 500 "database is locked"."""
    talk_round = TalkRoundFactory()
    CitationFactory(subject=talk_round, source=source, quote=FIRST_SENTENCE)
    url = live_server.url
    statuses = Counter()
    for trial in range(TRIALS):
        edits = [
            functools.partial(
                send, f"{url}/api/rounds/{talk_round.slug}/", "PATCH", token=token, payload={"outcome": f"{trial}.{n}"}
            )
            for n in range(AT_ONCE // 2)
        ]
        citations = [
            functools.partial(
                send,
                f"{url}/api/citations/",
                "POST",
                token=token,
                payload={
                    "subject_kind": "round",
                    "subject": talk_round.slug,
                    "source": source.slug,
                    "quote": SECOND_SENTENCE,
                    "supports": f"outcome {trial}.{n}",
                },
            )
            for n in range(AT_ONCE - len(edits))
        ]
        statuses.update(status for status, _ in at_once(edits + citations))
    assert statuses == {200: TRIALS * (AT_ONCE // 2), 201: TRIALS * (AT_ONCE - AT_ONCE // 2)}, statuses
    assert talk_round.citations.filter(quote=SECOND_SENTENCE).count() == statuses[201]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own locking; PostgreSQL locks rows")
def test_sqlite_writers_take_the_lock_when_they_begin_and_wait_for_it():
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20_000,)
        assert cursor.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    with transaction.atomic():
        # The transaction has written nothing, yet another connection cannot begin to write.
        other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
