"""The API's JSON renderer (toolkit/renderers.py) writes DRF's own bytes, with orjson."""

import datetime
import decimal
import json

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from tests.api_support import body
from toolkit.renderers import JSONRenderer

AWKWARD = {
    "text": 'a\x00\x01\x1f\x7f\b\f\n\r\t"\\ é ☮ 😀 </script> \u2028 \u2029',
    "numbers": [0, -1, 2**63 - 1, 0.1, 46.204391, -6.5, 1.0, 470000, True, False, None],
    "decimal": decimal.Decimal("46.204391"),
    "when": datetime.datetime(2017, 12, 5, 9, 30, 1, 123456, tzinfo=datetime.UTC),
    "day": datetime.date(2017, 12, 5),
    "lazy": gettext_lazy("This field is required."),
    "nested": {"tuple": (1, "two"), "empty": [], "none": {}},
}


@pytest.mark.parametrize(
    "data",
    [AWKWARD, [AWKWARD, AWKWARD], "plain", {"huge": 2**70}, {1: "a key that is not a string"}],
    ids=["awkward", "list", "string", "beyond-64-bits", "int-key"],
)
def test_the_renderer_writes_the_bytes_drf_writes(data):
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


def test_indented_output_is_drfs_own():
    media_type = "application/json; indent=4"
    rendered = JSONRenderer().render(AWKWARD, media_type, {})
    assert rendered == DRFJSONRenderer().render(AWKWARD, media_type, {})
    assert b'\n    "text"' in rendered


def test_nothing_is_an_empty_body():
    assert JSONRenderer().render(None) == b""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/rounds/?page_size=200", "/api/rounds/geneva-talks-march-2016/", "/api/venues/", "/api/events/"]
)
def test_the_real_answers_are_the_bytes_drf_would_write(api, url):
    response = api.get(url)
    assert response.status_code == 200
    assert body(response) == DRFJSONRenderer().render(json.loads(body(response)))
