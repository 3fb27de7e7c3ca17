"""An article's page, with every cited quote highlighted where footnotes land, and "What the sources say"."""

import pytest
from django.urls import reverse

from sources.models import Figure, FigureMeasure, Source
from sources.templatetags.source_tags import Span, highlight
from talks.templatetags.timeline_tags import cited_url
from tests.factories import CitationFactory, FigureFactory, SourceFactory, TalkRoundFactory
from tests.htmltree import json_ld, page_problems, parse
from tests.scale import grow

pytestmark = pytest.mark.django_db

FIGURES = reverse("sources:figures")


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return parse(response.content)


def test_every_source_has_a_sound_page_and_an_unknown_slug_is_not_found(client):
    for source in Source.objects.all():
        tree = page(client, source.get_absolute_url())
        assert page_problems(tree) == [], source
        (data,) = json_ld(tree)
        assert data["@type"] == "NewsArticle"
        assert data["articleBody"] == source.text
    page(client, reverse("sources:source-detail", args=["no-such-article"]), status=404)


def test_the_article_text_is_all_there_one_paragraph_per_line(client):
    for source in Source.objects.all():
        text = page(client, source.get_absolute_url()).find(cls="article-text")
        paragraphs = text.find_all("p")
        lines = [line for line in source.text.split("\n") if line]
        assert [p.raw_text for p in paragraphs] == lines


def test_every_cited_quote_is_highlighted_and_anchored_once(client):
    for source in Source.objects.prefetch_related("citations"):
        text = page(client, source.get_absolute_url()).find(cls="article-text")
        for citation in source.citations.all():
            (mark,) = text.find_all(id_=citation.anchor)
            assert mark.tag == "mark" and "quote" in mark.classes
            assert mark.raw_text and citation.quote.startswith(mark.raw_text), citation


def test_citations_that_share_a_quote_each_have_their_own_anchor_on_the_whole_quote(client):
    source = Source.objects.get(slug="un-sponsored-syria-talks-open-in-vienna")
    quote = next(
        q for q in source.citations.values_list("quote", flat=True) if source.citations.filter(quote=q).count() > 1
    )
    text = page(client, source.get_absolute_url()).find(cls="article-text")
    anchors = [text.by_id(c.anchor) for c in source.citations.filter(quote=quote)]
    assert len(anchors) >= 2
    assert all(mark.raw_text == quote for mark in anchors)


def test_a_footnote_link_names_an_anchor_on_its_source_page(client):
    round = TalkRoundFactory()
    citation = CitationFactory(subject=round, source=SourceFactory())
    assert citation.get_absolute_url() == f"{citation.source.get_absolute_url()}#quote-{citation.pk}"
    text = page(client, citation.source.get_absolute_url()).find(cls="article-text")
    assert text.by_id(f"quote-{citation.pk}").raw_text == citation.quote


def test_the_page_lists_every_fact_that_cites_the_article(client):
    source = Source.objects.get(slug="un-envoy-all-syria-parties-agree-to-talks-on-constitution")
    tree = page(client, source.get_absolute_url())
    citing = tree.find("ul", cls="citing")
    subjects = {a.get("href") for a in citing.find_all("a") if "#quote-" not in a.get("href")}
    assert subjects == {cited_url(c.subject) for c in source.citations.all()}
    quotes = [a.get("href") for a in citing.find_all("a") if a.get("href").startswith("#quote-")]
    assert sorted(quotes) == sorted(f"#{c.anchor}" for c in source.citations.all())


@pytest.mark.parametrize(
    ("text", "spans", "html"),
    [
        ("a <b> & c", [Span(2, 5, 1)], '<p>a <mark class="quote" id="quote-1">&lt;b&gt;</mark> &amp; c</p>'),
        ("abcdef", [Span(0, 6, 1), Span(2, 4, 2)],
         '<p><mark class="quote" id="quote-1">ab<mark class="quote" id="quote-2">cd</mark>ef</mark></p>'),
        ("abcdef", [Span(0, 4, 1), Span(2, 6, 2)],
         '<p><mark class="quote" id="quote-1">ab<mark class="quote" id="quote-2">cd</mark></mark>'
         '<mark class="quote quote-continued">ef</mark></p>'),
        ("ab", [Span(0, 2, 1), Span(0, 2, 2)],
         '<p><mark class="quote" id="quote-1"><mark class="quote" id="quote-2">ab</mark></mark></p>'),
        ("one\n\ntwo", [Span(2, 6, 1)],
         '<p>on<mark class="quote" id="quote-1">e</mark></p><p><mark class="quote quote-continued">t</mark>wo</p>'),
    ],
)  # fmt: skip
def test_highlights_nest_overlap_and_cross_paragraphs_as_well_formed_html(text, spans, html):
    assert highlight(text, spans) == html


def test_figures_are_grouped_by_what_they_count_beside_source_and_date(client):
    tree = page(client, FIGURES)
    assert page_problems(tree) == []
    measures = [section.find("h2").text for section in tree.find_all("section", cls="measure")]
    present = set(Figure.objects.values_list("measure", flat=True))
    assert measures == [label for value, label in FigureMeasure.choices if value in present]
    for figure in Figure.objects.prefetch_related("citations"):
        row = tree.by_id(figure.slug)
        cells = {cell.get("data-label"): cell for cell in row.children if getattr(cell, "tag", "") in {"th", "td"}}
        assert cells["Figure"].find(cls="figure-value").text == figure.value_text
        links = [a.get("href") for a in cells["Source"].find_all("a")]
        assert links == [c.get_absolute_url() for c in figure.citations.all()]
        if figure.as_of:
            assert cells["As of"].find("time").get("datetime") == figure.as_of_date.iso_start
    (data,) = json_ld(tree)
    assert data["@type"] == "Dataset"


def test_the_death_toll_chart_plots_the_numbers_and_lists_the_rest(client):
    tree = page(client, FIGURES)
    chart = tree.find("svg", cls="toll-chart")
    labels = [t.text for t in chart.find_all("text", cls="label")]
    assert labels == ["more than 470,000", "370,000", "more than half a million"]
    assert len(chart.find_all("circle")) == 3
    assert len(chart.find_all("path", cls="bound")) == 2  # the two "more than" claims
    unplotted = tree.find(cls="unplotted")
    assert [a.text for a in unplotted.find_all("a")] == ["“hundreds of thousands”"]
    heights = {label: float(t.get("y")) for label, t in zip(labels, chart.find_all("text", cls="label"), strict=True)}
    assert heights["more than half a million"] < heights["more than 470,000"] < heights["370,000"]


def test_the_chart_does_not_break_when_no_claim_has_a_number(client):
    Figure.objects.filter(measure=FigureMeasure.DEATH_TOLL).delete()
    FigureFactory(value=None, qualifier="order_of", value_text="countless")
    tree = page(client, FIGURES)
    assert tree.find("svg", cls="toll-chart") is None
    assert "countless" in tree.find(cls="unplotted").text


# the source page with 1 for its History section (an article has no citations of its own) and 1 for the release
# "Cite this" names
QUERIES = {"source": 15, "figures": 2}


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("name", list(QUERIES))
def test_each_page_costs_the_same_number_of_queries_at_any_size(client, django_assert_num_queries, name, size):
    world = grow(size)
    url = world.source.get_absolute_url() if name == "source" else FIGURES
    client.get(url)
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
    tree = parse(response.content)
    if name == "source":
        marks = tree.find(cls="article-text").find_all("mark", cls="quote")
        assert len(marks) == world.source.citations.count()
    else:
        assert len([row for row in tree.find_all("tr") if row.id]) >= size
