"""The embeddable timeline: /embed/?<filters> may be framed by any site, and only it; the CSP stays strict; the
timeline page offers the code to paste, carrying its filters."""

import re
from html import unescape

import pytest

from talks.models import TalkRound

pytestmark = pytest.mark.django_db


def csp(response):
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


def test_the_embed_may_be_framed_by_any_site(client):
    response = client.get("/embed/?venue=geneva")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = csp(response)
    assert policy["frame-ancestors"] == "*"
    # Strict still: nothing inline, nothing from elsewhere.
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"


@pytest.mark.parametrize("path", ["/", "/?venue=geneva", "/venues/", "/venues/geneva/", "/api/rounds/", "/figures/"])
def test_every_other_page_refuses_to_be_framed(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == "'none'"


def test_the_embed_shows_the_filtered_timeline_compactly_with_links_to_the_full_site(client):
    page = client.get("/embed/?venue=geneva&kind=round").content.decode()
    geneva = TalkRound.objects.filter(venue__slug="geneva").order_by("sort_date", "pk")
    shown = re.findall(r'<a class="p-name u-url item-title" href="([^"]+)"', page)
    assert shown == [r.get_absolute_url() for r in geneva][: len(shown)] and shown
    assert '<base target="_blank">' in page
    assert 'href="http://testserver/?venue=geneva&amp;kind=round"' in page
    assert "<script" not in page and "style=" not in page
    assert 'class="site-header"' not in page  # no navigation: it lives in someone else's page


def test_the_embed_pages_in_place(client):
    page = client.get("/embed/").content.decode()
    later = re.search(r'<a rel="next" target="_self" href="([^"]+)"', page)
    assert later
    second = client.get("/embed/" + unescape(later.group(1)))
    assert second.status_code == 200
    assert second.content.decode() != page


def test_a_bad_filter_in_the_embed_is_named_not_a_500(client):
    response = client.get("/embed/?venue=atlantis")
    assert response.status_code == 200
    assert "venue" in response.content.decode() and "Nothing to show" in response.content.decode()


def test_the_timeline_offers_the_embed_code_for_its_view(client):
    page = client.get("/?venue=geneva&year=2019").content.decode()
    code = unescape(re.search(r'<textarea id="embed-code" readonly rows="4">(.*?)</textarea>', page, re.S).group(1))
    assert code.startswith('<iframe src="http://testserver/embed/?venue=geneva&amp;year=2019"')
    assert code.endswith("</iframe>")
    assert '<label for="embed-code">' in page
    src = unescape(re.search(r'src="([^"]+)"', code).group(1)).removeprefix("http://testserver")
    assert client.get(src).status_code == 200
