"""The timeline's drop-downs list at most SHOWN_OPTIONS choices, the most used first, and link to the chooser at
`/choose/<filter>/`, which finds the others by name and adds the one chosen to the timeline's filters."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape

from actors.models import Delegation
from talks.chooser import MAX_FOUND
from talks.facets import facet_counts
from talks.forms import SHOWN_OPTIONS
from talks.models import Venue
from tests.factories import TalkRoundFactory, VenueFactory
from tests.htmltree import page_problems, parse
from tests.scale import grow

pytestmark = pytest.mark.django_db

TIMELINE = reverse("talks:timeline")
SCRIPT = "<script>alert(1)</script>"


def chooser(name):
    return reverse("talks:choose", kwargs={"name": name})


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return parse(response.content)


def options(select):
    """A drop-down's choices, without its first, empty one: [(value, label)]."""
    return [(option.get("value"), option.text) for option in select.find_all("option")][1:]


def count_of(label):
    return int(re.search(r"\(([\d,]+)\)$", label).group(1).replace(",", ""))


def query_of(href):
    path, _, query = href.partition("?")
    return path, QueryDict(query)


@pytest.fixture
def many_venues():
    """More venues than a drop-down lists: the first with 30 rounds, the second with 20, the rest with none."""
    venues = [VenueFactory(name=f"Zeta venue {i:02}", slug=f"zeta-venue-{i:02}") for i in range(SHOWN_OPTIONS + 5)]
    for venue, rounds in ((venues[0], 30), (venues[1], 20)):
        for _ in range(rounds):
            TalkRoundFactory(venue=venue)
    return venues


# ---------------------------------------------------------------------------------------------------------------
# The drop-downs


def test_on_the_real_data_every_drop_down_lists_every_choice_and_links_no_chooser(client):
    tree = get(client, TIMELINE)
    venues = options(tree.find("select", name="venue"))
    assert [value for value, _ in venues] == list(Venue.objects.values_list("slug", flat=True))
    assert len(options(tree.find("select", name="delegation"))) == Delegation.objects.count()
    assert tree.find(cls="another") is None


def test_a_long_drop_down_lists_the_most_used_choices_first(client, many_venues):
    tree = get(client, TIMELINE)
    listed = options(tree.find("select", name="venue"))
    assert len(listed) == SHOWN_OPTIONS
    assert listed[:2] == [("zeta-venue-00", "Zeta venue 00 (30)"), ("zeta-venue-01", "Zeta venue 01 (20)")]
    counts = facet_counts(QueryDict(""), ["venue"]).counts["venue"]
    # By count, most first; a tie (every unused venue) in the FilterSet's order, by name.
    expected = sorted(Venue.objects.all(), key=lambda venue: -counts.get(venue.pk, 0))[:SHOWN_OPTIONS]
    assert [value for value, _ in listed] == [venue.slug for venue in expected]
    assert [count_of(label) for _, label in listed] == [counts.get(venue.pk, 0) for venue in expected]


def test_a_chosen_value_is_listed_first_in_every_drop_down_of_its_filter_even_unused(client, many_venues):
    chosen = many_venues[-1]  # no rounds: it would not otherwise make the list
    tree = get(client, TIMELINE, venue=chosen.slug)
    selects = tree.find_all("select", name="venue")
    assert len(selects) == 2  # the chosen value's, and one to add another
    for select in selects:
        listed = options(select)
        assert len(listed) == SHOWN_OPTIONS
        assert listed[0] == (chosen.slug, f"{chosen.name} (0)")
        assert listed[1][0] == "zeta-venue-00"
    assert selects[0].find("option", selected="").get("value") == chosen.slug


def test_without_counts_a_long_drop_down_lists_the_first_choices_in_the_filtersets_order(client, many_venues):
    chosen = many_venues[-1]
    tree = get(client, TIMELINE, venue=chosen.slug, year="0")  # an invalid year: no counts
    assert tree.find(cls="error") is not None
    listed = options(tree.find("select", name="venue"))
    first = [slug for slug in Venue.objects.values_list("slug", flat=True) if slug != chosen.slug]
    assert listed == [(chosen.slug, chosen.name)] + [
        (slug, Venue.objects.get(slug=slug).name) for slug in first[: SHOWN_OPTIONS - 1]
    ]


def test_a_long_drop_down_links_its_chooser_carrying_the_filters_but_not_the_cursor(client, many_venues):
    tree = get(client, TIMELINE, venue="geneva", kind="round", cursor="not-a-cursor")
    links = tree.find_all("p", cls="another")
    assert len(links) == 2  # the venues, and the processes every factory round brought with it
    venue_link = next(p.find("a") for p in links if p.find("a").text == "Another venue…")
    path, query = query_of(venue_link.get("href"))
    assert path == chooser("venue")
    assert dict(query.lists()) == {"venue": ["geneva"], "kind": ["round"]}
    assert tree.find("select", name="envoy").parent.find(cls="another") is None  # a short list: every envoy


# ---------------------------------------------------------------------------------------------------------------
# The chooser


def found(tree):
    """The choices listed: (the name with its count, the link)."""
    items = tree.find("ul", cls="choices").find_all("li")
    return [(li.text.replace(" (already chosen)", "").strip(), li.find("a").get("href")) for li in items]


def test_the_chooser_is_a_sound_page_that_search_engines_leave_out(client, many_venues):
    response = client.get(chooser("venue"), {"find": "zeta", "venue": "geneva"})
    tree = parse(response.content)
    assert page_problems(tree) == []
    assert tree.find("meta", name="robots").get("content") == "noindex"
    assert tree.find("h1").text == "Another venue"
    assert tree.find("a", href=f"{TIMELINE}?venue=geneva").text == "Back to the timeline"


def test_the_chooser_finds_choices_by_a_fragment_of_their_name_in_any_case_in_name_order(client, many_venues):
    VenueFactory(name="Lakeside Alpha", slug="lakeside-alpha")
    VenueFactory(name="A lakeside beta", slug="a-lakeside-beta")
    tree = get(client, chooser("venue"), find="LAKESIDE")
    assert [label for label, _ in found(tree)] == ["A lakeside beta (0)", "Lakeside Alpha (0)"]
    assert tree.find(cls="notice") is None  # not more than it lists


def test_each_choice_found_adds_its_value_to_the_timelines_filters_and_keeps_the_others(client, many_venues):
    tree = get(client, chooser("venue"), find="zeta venue 01", venue="geneva", kind="round", cursor="x")
    ((label, href),) = found(tree)
    assert label == "Zeta venue 01 (20)"
    path, query = query_of(href)
    assert path == TIMELINE
    assert dict(query.lists()) == {"venue": ["geneva", "zeta-venue-01"], "kind": ["round"]}
    inputs = tree.find("form", cls="chooser").find_all("input", type="hidden")
    hidden = {(field.get("name"), field.get("value")) for field in inputs}
    assert hidden == {("venue", "geneva"), ("kind", "round")}  # the search keeps the filters, not the cursor
    timeline = get(client, href)
    chips = [chip.text for chip in timeline.find_all("a", cls="chip")]
    assert any("Zeta venue 01" in chip for chip in chips) and any("Geneva" in chip for chip in chips)


def test_the_chooser_counts_as_the_timelines_drop_down_does(client):
    tree = get(client, chooser("venue"), find="geneva", kind="round")
    ((label, _),) = found(tree)
    timeline = get(client, TIMELINE, kind="round")
    assert label in [text for _, text in options(timeline.find("select", name="venue"))]
    assert count_of(label) > 0


def test_a_choice_already_chosen_is_marked_and_not_added_twice(client):
    tree = get(client, chooser("venue"), find="geneva", venue="geneva")
    ((label, href),) = found(tree)
    assert query_of(href)[1].getlist("venue") == ["geneva"]
    assert "(already chosen)" in tree.find("ul", cls="choices").text


@pytest.mark.parametrize(
    ("name", "find", "expected"), [("status", "HEL", ["held"]), ("kind", "round", ["Talk rounds"])]
)
def test_the_fixed_choices_are_found_by_their_label(client, name, find, expected):
    tree = get(client, chooser(name), find=find)
    assert [re.sub(r" \([\d,]+\)$", "", label) for label, _ in found(tree)] == expected


def test_the_chooser_without_counts_when_another_filter_is_invalid(client):
    tree = get(client, chooser("venue"), find="geneva", year="0")
    assert found(tree) == [("Geneva", f"{TIMELINE}?year=0&venue=geneva")]


@pytest.mark.parametrize(("matching", "capped"), [(MAX_FOUND, False), (MAX_FOUND + 1, True)])
def test_the_chooser_lists_at_most_a_hundred_and_says_when_there_are_more(client, matching, capped):
    Venue.objects.bulk_create(
        Venue(name=f"Capped {i:03}", slug=f"capped-{i:03}", country="Nowhere", latitude=0, longitude=0)
        for i in range(matching)
    )
    tree = get(client, chooser("venue"), find="capped")
    labels = [label for label, _ in found(tree)]
    assert len(labels) == MAX_FOUND
    assert labels[0] == "Capped 000 (0)" and labels[-1] == f"Capped {MAX_FOUND - 1:03} (0)"
    notice = tree.find("section", cls="found").find(cls="notice")
    assert (notice is not None and f"More than {MAX_FOUND} match" in notice.text) == capped


def test_nothing_found_is_said(client):
    tree = get(client, chooser("envoy"), find="nobody by this name")
    assert tree.find("ul", cls="choices") is None
    assert "No envoy has a name containing “nobody by this name”" in tree.find("section", cls="found").text


@pytest.mark.parametrize("name", ["nope", "q", "year", "cursor"])
def test_an_unknown_filter_has_no_chooser(client, name):
    tree = get(client, chooser(name), status=404)
    assert tree.find("h1").text == "Not found"


@pytest.mark.parametrize(("find", "status"), [("x" * 200, 200), ("x" * 201, 400), ("gen\x00eva", 400)])
def test_an_over_long_or_nul_search_is_refused_with_a_message(client, find, status):
    tree = get(client, chooser("venue"), status=status, find=find)
    error = tree.find(cls="error")
    assert (error is not None) == (status == 400)
    if error is not None:
        assert error.get("role") == "alert"
        assert [code.text for code in error.find_all("code")] == ["find"]
        assert tree.find("section", cls="found") is None
        assert tree.find("input", name="find") is not None  # the form is there, to try again


def test_markup_in_the_search_and_in_the_kept_filters_comes_back_escaped(client):
    response = client.get(chooser("venue"), {"find": SCRIPT, "venue": SCRIPT, SCRIPT: SCRIPT, "q": SCRIPT})
    assert response.status_code == 200
    html = response.content.decode()
    assert SCRIPT not in html
    assert html.count(escape(SCRIPT)) >= 4  # the search box, the heading, the hidden filters


# ---------------------------------------------------------------------------------------------------------------
# Query counts: the same at two data sizes


# The search; with a filter in use, its slug checked by each kind's FilterSet (the counts are cached under the
# data version, as the timeline left them).
CHOOSER_QUERIES = {"": 1, "venue": 4}


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("kept", list(CHOOSER_QUERIES))
def test_the_chooser_costs_the_same_queries_at_any_size(client, django_assert_num_queries, size, kept):
    world = grow(size)
    params = {"find": "delegation", **({kept: getattr(world, kept).slug} if kept else {})}
    client.get(chooser("delegation"), params)  # the counts cached, as after the timeline
    with django_assert_num_queries(CHOOSER_QUERIES[kept]):
        response = client.get(chooser("delegation"), params)
    assert response.status_code == 200
    assert len(found(parse(response.content))) == min(MAX_FOUND, Delegation.objects.filter(
        name__icontains="delegation").count())  # fmt: skip
