"""Forged cursors: the one cursor format fuzzed, as a queryset's and as the timeline's, and the addresses that
read them, with what a hostile client sent.

A cursor is whatever a client puts in `?cursor=` (every API list and the timeline page): any string at all.
It must turn into a position or be refused with CursorError, which the API answers with a 400 naming the
parameter and the timeline with a notice; never another exception, which would be a 500.
"""

import base64
import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talks.models import TalkRound, Venue
from talks.timeline import RANK_KIND, TERMS, Key
from tests.api_support import data
from tests.htmltree import parse
from toolkit.pagination import CursorError, QuerysetKeyset, ordering_terms, read_cursor

FUZZ = settings(max_examples=300, derandomize=True, database=None, deadline=None)


def b64(raw):
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and ±Infinity included: json.dumps writes them as bare words
    | st.text()
    | st.sampled_from(["2016-01-01", "0001-01-01", "9999-12-31", "2016-02-30", "NaN"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4),
    max_leaves=12,
)
# JSON text, including numbers no JSON value dumps to: 1e400 reads as infinity, 5,000 digits as no int.
RAW = JSON.map(json.dumps) | st.sampled_from(["1e400", "-1e400", "9" * 5000, "1" + "0" * 30])
NESTED = st.integers(min_value=1, max_value=20_000).map(lambda depth: "[" * depth + "]" * (depth % 2))


def tokens(shaped):
    """Any text; base64 of any JSON; base64 of deep nesting; base64 of something shaped like a real cursor."""
    return st.one_of(st.text(), RAW.map(b64), NESTED.map(b64), shaped.map(b64))


# The API's cursor, {"d": direction, "o": ordering, "v": values}, for three orderings of two models.
QUERYSETS = [TalkRound.objects.all(), TalkRound.objects.order_by("-title"), Venue.objects.all()]


def paged(queryset):
    return st.tuples(
        st.sampled_from(['"n"', '"p"']) | RAW,
        st.just(json.dumps(ordering_terms(queryset))) | RAW,
        st.lists(RAW, max_size=3),
    ).map(lambda parts: f'{{"d":{parts[0]},"o":{parts[1]},"v":[{",".join(parts[2])}]}}')


@FUZZ
@given(data=st.data())
def test_any_string_is_a_page_position_or_a_cursor_error(data):
    queryset = data.draw(st.sampled_from(QUERYSETS))
    keyset = QuerysetKeyset(queryset)
    token = data.draw(tokens(paged(queryset)))
    try:
        backwards, raw = read_cursor(token, keyset.terms)
        values = [column.parse(value) for column, value in zip(keyset.columns, raw, strict=True)]
    except CursorError:
        return
    assert isinstance(backwards, bool) and len(values) == len(keyset.columns)
    for column, value in zip(keyset.columns, values, strict=True):
        assert value is None or isinstance(value, type(column.field.to_python(value)))


# The timeline's cursor, in the same format: its values are [date, date rank, kind rank, id].
KEYS = st.tuples(
    st.sampled_from(['"n"', '"p"']) | RAW,
    st.just(json.dumps(TERMS)) | RAW,
    st.just('"2016-01-01"') | RAW,
    st.sampled_from(["0", "1", "2", "3"]) | RAW,
    st.sampled_from(["0", "1", "2"]) | RAW,
    RAW,
).map(lambda p: f'{{"d":{p[0]},"o":{p[1]},"v":[{p[2]},{p[3]},{p[4]},{p[5]}]}}')


@FUZZ
@given(token=tokens(KEYS))
def test_any_string_is_a_timeline_key_or_a_cursor_error(token):
    try:
        backwards, key = Key.read(token)
    except CursorError:
        return
    assert isinstance(backwards, bool) and isinstance(key.sort_date, datetime.date)
    assert key.rank in RANK_KIND and isinstance(key.pk, int) and 0 <= key.date_rank <= 3


# What the hostile client sent ---------------------------------------------------------------------------

DEEP = b64("[" * 1000)
# An infinite id, in a cursor otherwise right for each list (its direction, its ordering, its values).
INFINITE_ID = {
    "/api/rounds/": '{"d":"n","o":["sort_date","date_rank","id"],"v":["2016-01-01",2,Infinity]}',
    "/api/milestones/": '{"d":"n","o":["sort_date","date_rank","id"],"v":["2016-01-01",2,Infinity]}',
    "/api/citations/": '{"d":"n","o":["id"],"v":[Infinity]}',
    "/api/venues/": '{"d":"n","o":["name","pk"],"v":["Geneva",Infinity]}',
}
KEY_INFINITY = b64('{"d":"p","o":["sort_date","date_rank","kind","id"],"v":["2016-01-01",2,0,Infinity]}')


@pytest.mark.django_db
@pytest.mark.parametrize("path", INFINITE_ID)
def test_a_cursor_of_nested_brackets_on_a_list_is_a_400_naming_it(api, path):
    response = api.get(path, {"cursor": DEEP})
    assert response.status_code == 400
    assert list(data(response)) == ["cursor"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", INFINITE_ID)
def test_a_cursor_with_an_infinite_id_on_a_list_is_a_400_naming_it(api, path):
    response = api.get(path, {"cursor": b64(INFINITE_ID[path])})
    assert response.status_code == 400
    assert list(data(response)) == ["cursor"]


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", [DEEP, KEY_INFINITY], ids=["1,000 nested brackets", "Infinity"])
def test_a_forged_cursor_on_the_events_is_a_400_naming_it(api, cursor):
    response = api.get("/api/events/", {"cursor": cursor})
    assert response.status_code == 400
    assert list(data(response)) == ["cursor"]


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", [DEEP, KEY_INFINITY], ids=["1,000 nested brackets", "Infinity"])
def test_a_forged_page_link_is_a_notice_naming_it_on_the_timeline(client, cursor):
    response = client.get("/", {"cursor": cursor})
    assert response.status_code == 200
    notice = parse(response.content.decode()).find(cls="error")
    assert "cursor" in [code.text for code in notice.find_all("code")]
