"""A draft source (an ingested article under review) is seen by the admin only: no public page, API answer,
export, search or count shows it, nor any quote from it, wherever the quote is attached."""

import pytest
from django.contrib.contenttypes.models import ContentType

from sources.models import Citation, Figure, Source
from talks.models import TalkRound, Venue
from talks.search_index import refresh_search_text

pytestmark = pytest.mark.django_db

WORD = "Zanzibarian"
QUOTE = f"The {WORD} delegation walked out on Tuesday."
TEXT = f"Draft headline\n\n{QUOTE}\n"


@pytest.fixture
def draft():
    """A draft with its quote on a round, a venue and a figure: what a review's dry run or a staff member's
    mistake could leave; the public must still see none of it."""
    source = Source.objects.create(
        slug="a-draft-under-review", title=f"Draft {WORD} headline", file_name="draft.txt", text=TEXT,
        text_digest=Source.digest_of(TEXT), status=Source.Status.DRAFT,
    )  # fmt: skip
    for record in (TalkRound.objects.get(slug="geneva-talks-march-2016"), Venue.objects.get(slug="geneva"),
                   Figure.objects.order_by("pk").first()):  # fmt: skip
        Citation.objects.create(
            source=source, quote=QUOTE, supports="date",
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
        )  # fmt: skip
    refresh_search_text(TalkRound)
    return source


PAGES = [
    "/",
    "/?q=walked",
    "/rounds/geneva-talks-march-2016/",
    "/venues/geneva/",
    "/figures/",
    "/sources/",
    "/sitemap-sources.xml",
    "/cite/",
    "/choose/venue/?venue=geneva",
    "/api/sources/",
    "/api/sources/?q=" + WORD,
    "/api/rounds/",
    "/api/citations/",
    "/api/citations/?q=" + WORD,
    "/api/rounds/geneva-talks-march-2016/",
    "/api/rounds/?format=csv",
    "/api/events/",
    "/api/venues/geneva/",
    "/api/figures/",
    "/api/events.ics",
    "/api/timelinejs.json",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_public_page_shows_a_draft_or_its_quotes(client, draft, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert WORD.encode() not in body
    assert draft.slug.encode() not in body


@pytest.mark.parametrize("url", ["/sources/a-draft-under-review/", "/api/sources/a-draft-under-review/"])
def test_a_drafts_own_page_is_not_found(client, draft, url):
    assert client.get(url).status_code == 404


def test_a_draft_is_an_unknown_source_to_the_citation_filter(client, draft):
    response = client.get("/api/citations/", {"source": draft.slug})
    assert response.status_code == 400 and draft.slug in str(response.json()["source"])


def test_a_search_for_a_drafts_words_finds_nothing(client, draft):
    assert WORD not in TalkRound.objects.get(slug="geneva-talks-march-2016").search_text
    assert client.get("/api/rounds/", {"q": WORD}).json()["results"] == []


def test_the_article_count_leaves_drafts_out(draft):
    assert Source.objects.published().count() == Source.objects.count() - 1


def test_publishing_the_source_shows_it(client, draft):
    Source.objects.filter(pk=draft.pk).update(status=Source.Status.PUBLISHED)
    assert client.get(f"/sources/{draft.slug}/").status_code == 200
    assert WORD.encode() in client.get("/rounds/geneva-talks-march-2016/").content


def test_the_admin_shows_drafts(admin_client, draft):
    response = admin_client.get("/admin/sources/source/", {"status__exact": "draft"})
    assert draft.title.encode() in response.content
