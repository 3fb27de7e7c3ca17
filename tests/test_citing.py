""" "Cite this": every record page, every source page and the dataset give a reference that names the permalink
and the access date, in CSL-JSON, BibTeX and RIS, and each format is read back by the tools that read it."""

import html
import io
import json
import re
from datetime import date

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from sources.models import Source
from talks.models import TalkRound
from tests.test_answers import SLUGGED
from toolkit.citing import STYLE, Release, Work

pytestmark = pytest.mark.django_db

# Every kind with a page of its own (a figure is an anchor on /figures/, cited with its source).
CITED = {name: model for name, model in SLUGGED.items() if name != "figures"}


def every_record():
    for name, model in CITED.items():
        for obj in model.objects.order_by("pk"):
            yield name, obj


def permalink(obj):
    return f"http://testserver{obj.get_absolute_url()}"


def bibtex_entry(text):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    (entry,) = library.entries
    return entry


def formatted_by_citeproc(items):
    style = CitationStylesStyle(STYLE, validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize(("name", "model"), CITED.items())
def test_each_kind_of_page_offers_its_reference_with_permalink_and_access_date(client, name, model):
    obj = model.objects.order_by("pk").first()
    page = client.get(obj.get_absolute_url()).content.decode()
    section = page[page.index('id="cite-heading"') :]
    reference = html.unescape(re.search(r'<p class="reference">(.*?)</p>', section, re.S).group(1))
    today = timezone.localdate()
    assert permalink(obj) in reference
    assert f"Accessed: {today:%B} {today.day}, {today.year}" in reference
    for fmt in ("bibtex", "ris", "csl-json"):
        assert f'href="?cite={fmt}"' in section


def test_every_record_s_bibtex_parses_and_names_its_permalink_and_access_date(client):
    today = timezone.localdate().isoformat()
    for _, obj in every_record():
        response = client.get(obj.get_absolute_url(), {"cite": "bibtex"})
        assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
        assert response["Content-Disposition"].endswith('.bib"')
        entry = bibtex_entry(response.content.decode())
        assert entry["url"] == permalink(obj)
        assert entry["urldate"] == today
        assert entry.key.endswith(obj.slug)


def test_every_record_s_csl_json_is_read_by_citeproc(client):
    items = []
    for _, obj in every_record():
        response = client.get(obj.get_absolute_url(), {"cite": "csl-json"})
        assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
        (item,) = json.loads(response.content)
        assert item["URL"] == permalink(obj)
        items.append(item)
    references = formatted_by_citeproc(items)
    assert len(references) == len(items)
    for item in items:
        assert sum(item["URL"] in reference for reference in references) == 1


def test_a_record_page_is_dated_by_its_record_s_last_change(client):
    for _, obj in every_record():
        if isinstance(obj, Source):
            continue
        (item,) = json.loads(client.get(obj.get_absolute_url(), {"cite": "csl-json"}).content)
        updated = timezone.localdate(obj.updated)
        assert item["issued"]["date-parts"] == [[updated.year, updated.month, updated.day]]


def test_every_record_s_ris_is_read_by_rispy(client):
    today = timezone.localdate()
    for _, obj in every_record():
        response = client.get(obj.get_absolute_url(), {"cite": "ris"})
        (entry,) = rispy.loads(response.content.decode())
        assert entry["urls"] == [permalink(obj)]
        assert entry["access_date"] == f"{today:%Y/%m/%d}/"
        assert entry["title"] == (obj.title if isinstance(obj, Source) else f"{obj} ({obj._meta.verbose_name})")


def test_a_source_is_cited_as_the_article_by_its_author_publisher_and_date_never_finer_than_known(client):
    for source in Source.objects.all():
        (item,) = json.loads(client.get(source.get_absolute_url(), {"cite": "csl-json"}).content)
        assert item["type"] == "article-newspaper"
        assert item["title"] == source.title
        assert item.get("container-title", "") == source.publisher
        assert item.get("author", []) == ([{"literal": source.author}] if source.author else [])
        # A date known to the month is cited to the month; one known to lie in a window, by what its bounds share.
        assert "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0]) == source.publication.iso_start


def test_a_publication_window_is_cited_only_as_precisely_as_both_its_bounds_agree(client):
    source = Source.objects.exclude(published_latest=None).first()
    assert source is not None, "the fixtures have one source dated by a window"
    entry = bibtex_entry(client.get(source.get_absolute_url(), {"cite": "bibtex"}).content.decode())
    assert entry["date"] == source.publication.iso_start
    assert len(entry["date"]) < 10
    assert "month" not in entry.fields_dict or source.published.month == source.published_latest.month


def test_the_api_gives_each_record_the_same_reference_as_its_page(client):
    api = APIClient()
    for name, obj in every_record():
        answer = api.get(f"/api/{name}/{obj.slug}/cite/").json()
        assert set(answer) == {"text", "csl_json", "bibtex", "ris"}
        page_csl = json.loads(client.get(obj.get_absolute_url(), {"cite": "csl-json"}).content)
        assert [answer["csl_json"]] == page_csl
        assert answer["bibtex"] == client.get(obj.get_absolute_url(), {"cite": "bibtex"}).content.decode()
        assert permalink(obj) in answer["text"]


def test_the_api_saves_a_reference_as_a_file():
    round = TalkRound.objects.order_by("pk").first()
    response = APIClient().get(f"/api/rounds/{round.slug}/cite/", {"download": "ris"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert rispy.loads(response.content.decode())[0]["urls"] == [permalink(round)]


def test_the_dataset_has_its_own_reference_on_a_page_and_in_the_api(client):
    page = client.get("/cite/")
    assert page.status_code == 200
    assert "http://testserver/" in html.unescape(page.content.decode())
    entry = bibtex_entry(client.get("/cite/", {"cite": "bibtex"}).content.decode())
    assert entry["url"] == "http://testserver/"
    answer = APIClient().get("/api/cite/").json()
    assert answer["csl_json"]["type"] == "dataset"
    assert formatted_by_citeproc([answer["csl_json"]])[0]
    assert "cite" in APIClient().get("/api/").json()
    assert 'href="/cite/"' in client.get("/").content.decode()


@pytest.mark.parametrize("bad", ["pdf", "BibTeX", "<script>"])
def test_an_unknown_format_is_a_400_that_names_the_formats(client, bad):
    round = TalkRound.objects.order_by("pk").first()
    page = client.get(round.get_absolute_url(), {"cite": bad})
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/plain")
    assert "csl-json, bibtex, ris" in page.content.decode()
    api = APIClient().get(f"/api/rounds/{round.slug}/cite/", {"download": bad})
    assert api.status_code == 400
    assert "download" in api.json()


def test_a_blank_format_is_no_format(client):
    round = TalkRound.objects.order_by("pk").first()
    assert client.get(round.get_absolute_url(), {"cite": ""})["Content-Type"].startswith("text/html")
    assert "csl_json" in APIClient().get(f"/api/rounds/{round.slug}/cite/", {"download": ""}).json()


def test_an_unknown_record_is_a_404():
    assert APIClient().get("/api/rounds/no-such-round/cite/").status_code == 404


def test_the_reference_names_the_release_when_there_is_one():
    work = Work(
        key="k",
        type="webpage",
        title="Fourth round",
        url="http://example.org/rounds/4/",
        accessed=date(2026, 11, 25),
        release=Release("2026.1", date(2026, 11, 20)),
        issued="2026-11-20",
    )
    assert "2026.1" in work.text()
    assert bibtex_entry(work.bibtex())["version"] == "2026.1"
    assert rispy.loads(work.ris())[0]["edition"] == "2026.1"
    assert work.csl()["version"] == "2026.1"


def test_bibtex_special_characters_are_escaped_so_the_title_reads_back():
    title = "50% & more: {braces}, $dollars, #hash, under_score, tilde~ and caret^ \\ back"
    work = Work(key="k", type="webpage", title=title, url="http://example.org/", accessed=date(2026, 1, 2))
    entry = bibtex_entry(work.bibtex())
    assert entry["title"].startswith("{50\\% \\& more: \\{braces\\}")
    assert entry["title"].count("{") - entry["title"].count("\\{") == entry["title"].count("}") - entry["title"].count(
        "\\}"
    )


def test_a_reference_is_one_line_per_ris_tag_whatever_the_text_holds():
    work = Work(
        key="k", type="webpage", title="two\nlines\r\nhere", url="http://example.org/", accessed=date(2026, 1, 2)
    )
    (entry,) = rispy.loads(work.ris())
    assert entry["title"] == "two lines here"


def test_a_reference_costs_a_query_for_its_record_and_one_for_the_release(client, django_assert_num_queries):
    round = TalkRound.objects.order_by("pk").first()
    page, api = round.get_absolute_url(), f"/api/rounds/{round.slug}/cite/"
    client.get(page), APIClient().get(api)  # what a first request reads once and caches is not counted
    # The record, and the latest release the reference names.
    with django_assert_num_queries(2):
        client.get(page, {"cite": "bibtex"})
    with django_assert_num_queries(2):
        APIClient().get(api)


def test_before_any_release_a_reference_names_none_and_after_one_every_reference_names_it(client, settings, tmp_path):
    settings.RELEASES_DIR = tmp_path
    round = TalkRound.objects.order_by("pk").first()
    assert "version" not in bibtex_entry(client.get(round.get_absolute_url(), {"cite": "bibtex"}).content.decode())
    call_command("release", "2026.1", stdout=io.StringIO())
    entry = bibtex_entry(client.get(round.get_absolute_url(), {"cite": "bibtex"}).content.decode())
    assert entry["version"] == "2026.1"
    answer = APIClient().get("/api/cite/").json()
    assert answer["csl_json"]["version"] == "2026.1"
    assert "2026.1" in answer["text"]
    assert answer["csl_json"]["issued"]["date-parts"][0][0] == timezone.localdate().year
    (item,) = rispy.loads(client.get("/cite/", {"cite": "ris"}).content.decode())
    assert item["edition"] == "2026.1"
    page = html.unescape(client.get(round.get_absolute_url()).content.decode())
    assert "data release 2026.1" in page
