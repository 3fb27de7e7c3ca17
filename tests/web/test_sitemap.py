"""sitemap.xml lists every record's page and the site's own pages once; robots.txt points to it."""

import re

import pytest

from actors.models import Delegation, Envoy, Person
from sources.models import Source
from talks.models import Milestone, Process, Resolution, TalkRound, Venue

pytestmark = pytest.mark.django_db


def locations(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_the_sitemap_lists_every_page_of_the_site_once(client):
    sections = locations(client, "/sitemap.xml")
    assert sections and all(url.startswith("http://testserver/sitemap-") for url in sections)
    pages = [url for section in sections for url in locations(client, section.removeprefix("http://testserver"))]
    assert len(pages) == len(set(pages))
    expected = {"/", "/figures/", "/venues/", "/processes/", "/envoys/", "/delegations/", "/people/", "/resolutions/"}
    expected |= {"/sources/"}
    for model in (TalkRound, Milestone, Resolution, Process, Venue, Envoy, Delegation, Person, Source):
        expected |= {obj.get_absolute_url() for obj in model.objects.all()}
    assert {url.removeprefix("http://testserver") for url in pages} == expected
    for page in pages[:5]:
        assert client.get(page.removeprefix("http://testserver")).status_code == 200


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_off_the_api_and_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /api/" in text
    assert "Disallow: /*?" in text
