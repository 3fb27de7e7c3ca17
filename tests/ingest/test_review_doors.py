"""The three doors to the review, `manage.py ingest`, the admin's "Add an article" and `POST /api/ingest/`: what each
answers, and one table of bad inputs each refuses with a clear message, writing nothing."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ingest.models import Proposal, ReviewBatch
from sources.models import Source
from tests.api_support import data
from tests.ingest.review_support import ARTICLE, HEADLINE, PUBLISHED, ROUND, SLUG, curator

pytestmark = pytest.mark.django_db

NO_FACTS = "The weather in the city was mild and sunny all week, and the markets were busy.\n"
CURATED = "un-sponsored-syria-talks-open-in-vienna"
EMPTY_PAGE = b"<html><head><title>Page</title></head><body><script>var a = 1;</script></body></html>"


def curated_text():
    return Source.objects.get(slug=CURATED).text.encode()


# (case, file name, file content or a callable giving it, published, what the message says)
BAD_INPUT = [
    ("empty file", "a.txt", b"", PUBLISHED, "is empty"),
    ("only blank lines", "a.txt", b"  \n\n\t\n", PUBLISHED, "is empty"),
    ("binary file", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8, PUBLISHED, "binary file"),
    ("undecodable encoding", "a.txt", "Talks in Genève ended on Friday, the envoy said.".encode("latin-1"),
     PUBLISHED, "not UTF-8"),
    ("a page with no article", "a.html", EMPTY_PAGE, PUBLISHED,
     "No article text"),
    ("text with no facts", "a.txt", NO_FACTS.encode(), PUBLISHED, "No facts were found"),
    ("text already ingested", "a.txt", curated_text, PUBLISHED, "already ingested"),
    ("date in the wrong form", "a.txt", ARTICLE.encode(), "15/07/2017", "is not a date of the form"),
    ("date that does not exist", "a.txt", ARTICLE.encode(), "2017-02-30", "cannot be read as a date"),
    ("date in the future", "a.txt", ARTICLE.encode(), "2999-01-01", "in the future"),
    ("no date at all", "a.txt", ARTICLE.encode(), "", "publication date is needed"),
]  # fmt: skip
CASES = [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUT]


def rows():
    return Source.objects.count(), ReviewBatch.objects.count(), Proposal.objects.count()


def content(value):
    return value() if callable(value) else value


def through_the_command(request, tmp_path, name, raw, published):
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(path), *(["--published", published] if published else []))
    return str(refused.value)


def through_the_admin(request, tmp_path, name, raw, published):
    upload = io.BytesIO(raw)
    upload.name = name
    response = request.getfixturevalue("admin_client").post(
        reverse("admin:ingest_reviewbatch_add_article"), {"file": upload, "published": published}
    )
    assert response.status_code == 200  # the form again, with the message
    return response.content.decode()


def through_the_api(request, tmp_path, name, raw, published):
    upload = io.BytesIO(raw)
    upload.name = name
    response = request.getfixturevalue("staff").post("/api/ingest/", {"file": upload, "published": published})
    assert response.status_code == 400
    return json.dumps(data(response), ensure_ascii=False)


@pytest.mark.parametrize("door", [through_the_command, through_the_admin, through_the_api], ids=lambda f: f.__name__)
@pytest.mark.parametrize(("name", "raw", "published", "message"), CASES)
def test_bad_input_is_refused_with_a_message_and_nothing_is_written(request, tmp_path, door, name, raw, published,
                                                                     message):  # fmt: skip
    before = rows()
    assert message in door(request, tmp_path, name, content(raw), published)
    assert rows() == before


# The command ----------------------------------------------------------------------------------------------


def test_the_command_prints_a_summary_with_the_review_address(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", str(path), "--published", PUBLISHED, "--author", "A. Reporter", stdout=out)
    batch = ReviewBatch.objects.get(source__slug=SLUG)
    assert f"Ingested “{HEADLINE}” as the draft source {SLUG}" in out.getvalue()
    assert "1 round" in out.getvalue() and "1 figure" in out.getvalue()
    assert batch.get_absolute_url() in out.getvalue()
    assert (batch.source.author, batch.source.status) == ("A. Reporter", "draft")


def test_the_command_prints_the_fixed_json_shape_with_the_stored_ids(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", str(path), "--published", PUBLISHED, "--json", "--title", "Given title", stdout=out)
    shape = json.loads(out.getvalue())
    assert shape["source"] == {"slug": "given-title", "title": "Given title", "published": PUBLISHED}
    ids = set(Proposal.objects.filter(batch__source__slug="given-title").values_list("pk", flat=True))
    assert {p["id"] for p in shape["proposals"]} == ids
    assert set(shape["proposals"][0]) == {"id", "kind", "match", "fields", "citations", "confidence"}
    assert any(p["match"] == ROUND for p in shape["proposals"])


def saved_page():
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[1:] if line.strip())
    return (
        f'<html><head><title>{HEADLINE}</title><meta name="date" content="{PUBLISHED}">'
        f'<meta name="author" content="Jane Doe"></head><body><article>{paragraphs}</article></body></html>'
    )


def test_the_command_reads_a_saved_page_and_its_date(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(saved_page(), encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    source = Source.objects.get(slug=SLUG)
    assert (str(source.published), source.author, source.status) == (PUBLISHED, "Jane Doe", "draft")
    assert "seventh round of Geneva talks" in source.text and "<p>" not in source.text


def test_the_command_takes_a_window_of_dates(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    call_command(
        "ingest", str(path), "--published", "2017-07-15", "--published-latest", "2017-07-16", stdout=io.StringIO()
    )
    source = Source.objects.get(slug=SLUG)
    assert (str(source.published), str(source.published_latest)) == ("2017-07-15", "2017-07-16")


# The API ---------------------------------------------------------------------------------------------------


def test_the_api_answers_201_with_the_fixed_shape_for_json_text(staff):
    response = staff.post("/api/ingest/", {"text": ARTICLE, "published": PUBLISHED}, format="json")
    assert response.status_code == 201
    shape = data(response)
    assert shape["source"]["slug"] == SLUG and shape["source"]["published"] == PUBLISHED
    assert {p["id"] for p in shape["proposals"]} == set(Proposal.objects.values_list("pk", flat=True))
    assert ReviewBatch.objects.get().created_by.username == "staff"


def test_the_api_takes_a_file(staff):
    upload = io.BytesIO(ARTICLE.encode())
    upload.name = "article.txt"
    response = staff.post("/api/ingest/", {"file": upload, "published": PUBLISHED}, format="multipart")
    assert response.status_code == 201 and data(response)["source"]["slug"] == SLUG


def test_the_api_takes_a_saved_page_with_its_date_and_title_left_blank(staff):
    upload = io.BytesIO(saved_page().encode())
    upload.name = "article.html"
    response = staff.post("/api/ingest/", {"file": upload, "published": "", "title": ""})
    assert response.status_code == 201
    assert data(response)["source"] == {"slug": SLUG, "title": HEADLINE, "published": PUBLISHED}


def test_the_api_needs_the_article_once(staff):
    response = staff.post("/api/ingest/", {"published": PUBLISHED}, format="json")
    assert response.status_code == 400 and "one of the two" in data(response)["text"][0]


@pytest.mark.parametrize(("who", "status"), [("api", 401), ("reader", 403)])
def test_only_staff_may_ingest_decide_or_publish(request, who, status):
    client = request.getfixturevalue(who)
    before = rows()
    assert client.post("/api/ingest/", {"text": ARTICLE, "published": PUBLISHED}, format="json").status_code == status
    assert client.post("/api/ingest/proposals/1/", {"decision": "accepted"}, format="json").status_code == status
    assert client.post("/api/ingest/batches/1/publish/").status_code == status
    assert rows() == before


def test_the_api_decides_and_publishes(staff, api):
    shape = data(staff.post("/api/ingest/", {"text": ARTICLE, "published": PUBLISHED}, format="json"))
    for proposal in shape["proposals"]:
        answer = staff.post(f"/api/ingest/proposals/{proposal['id']}/", {"decision": "accepted"}, format="json")
        assert answer.status_code == 200 and data(answer)["id"] == proposal["id"]
    assert api.get(f"/api/sources/{SLUG}/").status_code == 404
    batch = ReviewBatch.objects.get()
    published = staff.post(f"/api/ingest/batches/{batch.pk}/publish/")
    assert published.status_code == 200 and data(published)["source"] == SLUG
    assert api.get(f"/api/sources/{SLUG}/").status_code == 200
    again = staff.post(f"/api/ingest/batches/{batch.pk}/publish/")
    assert again.status_code == 400 and "was published" in json.dumps(data(again))


def test_an_api_edit_that_would_not_load_is_a_400(staff):
    shape = data(staff.post("/api/ingest/", {"text": ARTICLE, "published": PUBLISHED}, format="json"))
    figure = next(p for p in shape["proposals"] if p["kind"] == "figure")
    fields = {**figure["fields"], "measure": "rainfall"}
    response = staff.post(
        f"/api/ingest/proposals/{figure['id']}/", {"decision": "accepted", "fields": fields}, format="json"
    )
    assert response.status_code == 400 and "rainfall" in json.dumps(data(response))
    assert Proposal.objects.get(pk=figure["id"]).decision == "pending"


def test_the_api_schema_lists_the_ingest_operations(api):
    paths = data(api.get("/api/schema/", {"format": "json"}))["paths"]
    assert "post" in paths["/api/ingest/"]
    assert "post" in paths["/api/ingest/proposals/{id}/"] and "post" in paths["/api/ingest/batches/{id}/publish/"]
    assert not any("get" in paths[p] for p in paths if p.startswith("/api/ingest/"))


# The admin -------------------------------------------------------------------------------------------------


@pytest.fixture
def batch():
    from ingest.services import ingest_article

    return ingest_article(text=ARTICLE, published=PUBLISHED, user=curator("ingester"))


def test_the_admin_takes_pasted_text_and_shows_its_review(admin_client):
    response = admin_client.post(
        reverse("admin:ingest_reviewbatch_add_article"),
        {"text": ARTICLE, "published": PUBLISHED, "publisher": "Reuters"},
        follow=True,
    )
    batch = ReviewBatch.objects.get()
    assert response.redirect_chain[-1][0] == batch.get_absolute_url()
    page = response.content.decode()
    assert "proposals to review" in page and f"matches <code>{ROUND}</code>" in page
    assert (batch.source.publisher, batch.created_by.username) == ("Reuters", "admin")


def test_the_review_page_marks_each_proposals_sentences_and_shows_the_diff(admin_client, batch):
    page = admin_client.get(batch.get_absolute_url()).content.decode()
    round_number = batch.proposals.get(kind="round").number
    assert f'<mark class="quote" id="quote-{round_number}" title="Proposal #{round_number}: round {ROUND}">' in page
    assert f'href="#quote-{round_number}"' in page
    assert "<td>planned</td><td>held</td>" in page.replace("\n", "")  # the round's status: now → proposed
    assert 'class="changed"' in page


def test_the_review_page_escapes_the_article(admin_client):
    from ingest.services import ingest_article

    hostile = ARTICLE.replace("face to face", "face to <script>alert(1)</script> face")
    batch = ingest_article(text=hostile, published=PUBLISHED)
    page = admin_client.get(batch.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_review_page_costs_the_same_queries_for_a_short_and_a_long_batch(admin_client, batch):
    url = batch.get_absolute_url()
    admin_client.get(url)  # the first request caches content types
    with CaptureQueriesContext(connection) as short:
        admin_client.get(url)
    figure = batch.proposals.get(kind="figure")
    talk_round = batch.proposals.get(kind="round")
    for n in range(30):
        Proposal.objects.create(
            batch=batch, number=100 + n, kind="figure", fields={**figure.fields, "slug": f"f-{n}"},
            citations=figure.citations, confidence=0.5,
        )  # fmt: skip
        # More matches of a kind already matched: still one query for that kind.
        Proposal.objects.create(batch=batch, number=200 + n, kind="round", match=ROUND, fields=talk_round.fields,
                                citations=talk_round.citations, confidence=0.5)  # fmt: skip
    with CaptureQueriesContext(connection) as long:
        assert admin_client.get(url).status_code == 200
    assert len(long.captured_queries) == len(short.captured_queries) <= 20


def test_the_admin_accepts_edits_rejects_and_publishes(admin_client, batch, client):
    figure, talk_round = batch.proposals.get(kind="figure"), batch.proposals.get(kind="round")
    decide = "admin:ingest_reviewbatch_decide"
    edited = {**figure.fields, "counts": "people killed, a monitoring group says"}
    response = admin_client.post(
        reverse(decide, args=[batch.pk, figure.number]),
        {"decision": "accepted", "record": json.dumps(edited)},
        follow=True,
    )
    assert f"Proposal #{figure.number} accepted with your edits" in response.content.decode()
    response = admin_client.post(
        reverse(decide, args=[batch.pk, talk_round.number]), {"decision": "rejected"}, follow=True
    )
    assert f"Proposal #{talk_round.number} rejected" in response.content.decode()
    bad = admin_client.post(
        reverse(decide, args=[batch.pk, figure.number]), {"decision": "accepted", "record": "{not json"}, follow=True
    )
    assert "not valid JSON" in bad.content.decode()
    assert client.get(f"/sources/{SLUG}/").status_code == 404
    response = admin_client.post(reverse("admin:ingest_reviewbatch_publish", args=[batch.pk]), follow=True)
    assert "is published" in response.content.decode()
    assert client.get(f"/sources/{SLUG}/").status_code == 200
    assert "people killed, a monitoring group says" in client.get("/figures/").content.decode()


def test_the_review_pages_are_for_staff_only(client, batch):
    for url in (batch.get_absolute_url(), reverse("admin:ingest_reviewbatch_add_article")):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(reverse("admin:ingest_reviewbatch_publish", args=[batch.pk]))
    assert response.status_code == 302
    batch.source.refresh_from_db()
    assert batch.source.status == "draft"


def test_the_changelist_offers_to_add_an_article(admin_client, batch):
    page = admin_client.get(reverse("admin:ingest_reviewbatch_changelist")).content.decode()
    assert "Add an article" in page and str(batch.source) in page
    assert admin_client.get(reverse("admin:ingest_reviewbatch_add")).url.endswith("/add-article/")


def test_the_diff_marks_what_changes_and_not_what_only_gains_a_citation(batch):
    from ingest.review import review_context

    items = {item["proposal"].kind + ":" + item["proposal"].slug: item for item in review_context(batch)["items"]}
    round_changes = {c.name: c.changed for c in items[f"round:{ROUND}"]["changes"]}
    assert round_changes["status"] and round_changes["start"] and not round_changes["venue"]
    # Al-Jaafari's roles are the known ones; the article only cites one of them.
    jaafari = {c.name: c.changed for c in items["person:bashar-al-jaafari"]["changes"]}
    assert not any(jaafari.values()), jaafari
