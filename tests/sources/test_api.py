"""/api/sources/, /api/figures/, /api/citations/ (read by all, written by staff)."""

import pytest
from django.db.models import F

from sources.models import Citation, Figure, Source
from talks.models import TalkRound
from tests.api_support import data, every_page, slugs
from tests.factories import CitationFactory, FigureFactory, SourceFactory

pytestmark = pytest.mark.django_db

VIENNA = "un-sponsored-syria-talks-open-in-vienna"


def test_a_source_carries_its_full_text_and_publication_date(api):
    source = data(api.get(f"/api/sources/{VIENNA}/"))
    assert source["text"] == Source.objects.get(slug=VIENNA).text
    assert (
        source["published"],
        source["published_latest"],
        source["published_precision"],
        source["published_display"],
        source["published_edtf"],
    ) == ("2018-01-25", "2018-01-26", "day", "between 25 and 26 January 2018", "[2018-01-25..2018-01-26]")
    assert source["published_inferred"] is True and source["published_note"]
    assert source["html_url"] == f"http://testserver/sources/{VIENNA}/"


def test_the_sources_list_has_every_article_with_its_text(api):
    rows, _ = every_page(api, "/api/sources/", page_size=2)
    assert {r["slug"]: r["text"] for r in rows} == dict(Source.objects.values_list("slug", "text"))


def test_a_figure_carries_its_value_qualifier_and_as_of_date(api):
    figure = data(api.get("/api/figures/death-toll-march-2016/"))
    assert (figure["value"], figure["value_text"], figure["qualifier"]) == (470000, "more than 470,000", "more_than")
    assert (figure["as_of"], figure["as_of_precision"], figure["as_of_display"]) == (
        "2016-03-24",
        "day",
        "24 March 2016",
    )
    assert figure["html_url"] == "http://testserver/figures/#death-toll-march-2016"


def test_an_order_of_magnitude_has_no_value(api):
    figure = data(api.get("/api/figures/death-toll-january-2018/"))
    assert (figure["value"], figure["qualifier"], figure["value_text"]) == (None, "order_of", "hundreds of thousands")


def test_the_death_toll_appears_every_way_it_was_reported(api):
    assert slugs(api, "/api/figures/", measure="death_toll") == [
        "death-toll-march-2016",
        "death-toll-january-2018",
        "death-toll-october-2019",
        "death-toll-september-2021",
    ]


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/api/figures/", {"measure": "death_toll", "qualifier": "order_of"}, ["death-toll-january-2018"]),
        ("/api/sources/", {"q": "Afrin"}, [VIENNA]),
        (
            "/api/sources/",
            {"q": "Pedersen constitutional"},
            [
                "meeting-on-syria-constitution-a-landmark-says-un-chief",
                "turkey-and-russia-to-keep-coordinating-on-syria",
            ],
        ),
    ],
)
def test_filters_keep_what_they_name(api, url, query, expected):
    assert slugs(api, url, **query) == expected


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/figures/?measure=happiness", "measure"),
        ("/api/figures/?qualifier=roughly", "qualifier"),
        ("/api/citations/?source=the-times", "source"),
        ("/api/citations/?kind=treaty", "kind"),
        ("/api/sources/?page_size=0", "page_size"),
    ],
)
def test_bad_values_are_400s_naming_the_parameter(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400 and parameter in data(response)


def test_a_citation_names_the_record_it_supports(api):
    citation = Citation.objects.filter(content_type__model="talkround").first()
    shown = data(api.get(f"/api/citations/{citation.pk}/"))
    assert shown["subject"] == {
        "kind": "round",
        "id": citation.object_id,
        "slug": citation.subject.slug,
        "name": citation.subject.title,
        "url": f"http://testserver/api/rounds/{citation.subject.slug}/",
    }
    assert shown["url"] == f"http://testserver{citation.get_absolute_url()}"
    assert shown["api_url"] == f"http://testserver/api/citations/{citation.pk}/"


def test_citations_filter_by_source_and_kind(api):
    rows, _ = every_page(api, "/api/citations/", source=VIENNA, kind="round", page_size=100)
    expected = Citation.objects.filter(source__slug=VIENNA, content_type__model="talkround")
    assert sorted(r["id"] for r in rows) == sorted(expected.values_list("pk", flat=True))
    assert {r["subject"]["kind"] for r in rows} == {"round"}


def test_a_citation_of_a_delegation_at_a_round_has_no_slug_of_its_own(api):
    rows, _ = every_page(api, "/api/citations/", kind="round_delegation", page_size=200)
    assert rows and {(r["subject"]["kind"], r["subject"]["slug"], r["subject"]["url"]) for r in rows} == {
        ("round_delegation", None, None)
    }


# Staff writes -----------------------------------------------------------------------------------------

QUOTE = "Negotiators met in Vienna on January 25"


def test_staff_add_a_verbatim_quote_to_a_record(staff, api):
    payload = {"subject_kind": "round", "subject": "eighth-round-of-geneva-talks", "source": VIENNA, "quote": QUOTE}
    response = staff.post("/api/citations/", payload, format="json")
    assert response.status_code == 201, data(response)
    created = data(response)
    assert (created["subject"]["slug"], created["source"], created["quote"]) == (
        "eighth-round-of-geneva-talks",
        VIENNA,
        QUOTE,
    )
    assert response["Location"] == created["api_url"]
    assert QUOTE in TalkRound.objects.get(slug="eighth-round-of-geneva-talks").search_text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quote": "Negotiators met in Paris"}, "quote"),
        ({"quote": " " + QUOTE}, "quote"),  # verbatim means verbatim: no trimming either
        ({"quote": ""}, "quote"),
        ({"source": "the-times"}, "source"),
        ({"subject_kind": "treaty"}, "subject_kind"),
        ({"subject": "no-such-round"}, "subject"),
        ({"subject_kind": "round_delegation"}, "subject_kind"),
    ],
)
def test_a_citation_that_breaks_a_rule_is_a_400_on_that_field(staff, changes, field):
    payload = {"subject_kind": "round", "subject": "eighth-round-of-geneva-talks", "source": VIENNA, "quote": QUOTE}
    response = staff.post("/api/citations/", {**payload, **changes}, format="json")
    assert response.status_code == 400
    assert field in data(response), data(response)


def test_the_same_quote_for_the_same_fact_twice_is_refused(staff):
    citation = Citation.objects.filter(content_type__model="talkround").first()
    payload = {
        "subject_kind": "round",
        "subject": citation.subject.slug,
        "source": citation.source.slug,
        "quote": citation.quote,
        "supports": citation.supports,
    }
    response = staff.post("/api/citations/", payload, format="json")
    assert response.status_code == 400 and "already cites" in data(response)["quote"][0]


def test_staff_correct_a_quote_but_only_to_a_verbatim_one(staff):
    citation = Citation.objects.filter(source__slug=VIENNA, content_type__model="talkround").first()
    response = staff.patch(f"/api/citations/{citation.pk}/", {"quote": QUOTE, "supports": "date"}, format="json")
    assert response.status_code == 200, data(response)
    assert Citation.objects.get(pk=citation.pk).quote == QUOTE
    response = staff.patch(f"/api/citations/{citation.pk}/", {"quote": "Not in the article"}, format="json")
    assert response.status_code == 400 and "quote" in data(response)


def test_staff_remove_a_citation_but_never_a_records_last(staff):
    figure = FigureFactory()
    first, second = (
        CitationFactory(subject=figure),
        CitationFactory(subject=figure, quote="The talks ended without progress."),
    )
    assert staff.delete(f"/api/citations/{first.pk}/").status_code == 204
    response = staff.delete(f"/api/citations/{second.pk}/")
    assert response.status_code == 400 and "only citation" in str(data(response))
    assert list(figure.citations.all()) == [second]


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/sources/", 2),
        ("/api/sources/test-article-0/", 1),
        ("/api/figures/", 3),
        ("/api/figures/death-toll-march-2016/", 2),
        ("/api/citations/?kind=figure", 3),
        ("/api/citations/?kind=round&kind=figure&page_size=200", 4),
    ],
)
def test_a_request_costs_the_same_queries_at_two_data_sizes(api, django_assert_num_queries, url, queries):
    SourceFactory(slug="test-article-0")
    for size in (5, 35):
        for _ in range(size):
            SourceFactory()
            CitationFactory(subject=FigureFactory())
        api.get(url)
        with django_assert_num_queries(queries):
            assert api.get(url).status_code == 200


def test_figures_page_in_their_order(api):
    rows, _ = every_page(api, "/api/figures/", page_size=4)
    undated_last = Figure.objects.order_by("measure", F("as_of").asc(nulls_last=True), "slug")
    assert [r["slug"] for r in rows] == list(undated_last.values_list("slug", flat=True))
