"""Ingest → decide → publish, through the services, on the real knowledge base (tests/conftest.py loads it)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from ingest.models import Proposal, ReviewBatch
from ingest.services import INGEST_REASON, PUBLISH_REASON, as_shape, decide, describe, ingest_article, publish
from sources.models import Citation, Figure, Source
from talks.models import TalkRound
from tests.ingest.review_support import ARTICLE, FIGURE, PUBLISHED, ROUND, SLUG, curator

pytestmark = pytest.mark.django_db


def ingested(**changes):
    return ingest_article(
        **{"text": ARTICLE, "published": PUBLISHED, "title": "", "author": "A. Reporter", "publisher": "Reuters",
           "user": None, **changes}
    )  # fmt: skip


def proposal(batch, kind, slug):
    return next(p for p in batch.proposals.all() if p.kind == kind and p.slug == slug)


def accept_all(batch, user=None):
    for p in batch.proposals.order_by("number"):
        decide(proposal=p, decision="accepted", user=user)


def test_an_ingested_article_is_a_draft_with_its_proposals_and_nothing_else_is_written():
    rounds, figures, citations = TalkRound.objects.count(), Figure.objects.count(), Citation.objects.count()
    user = curator()
    batch = ingested(user=user)
    source = batch.source
    assert (source.slug, source.status, source.title) == (SLUG, "draft", ARTICLE.splitlines()[0])
    assert source.text == ARTICLE and source.text_digest == Source.digest_of(ARTICLE)
    assert (source.published, source.published_precision) == (datetime.date(2017, 7, 15), "day")
    assert batch.created_by == user and batch.published_at is None
    kinds = {(p.kind, p.match) for p in batch.proposals.all()}
    assert {("round", ROUND), ("figure", ""), ("person", "staffan-de-mistura")} <= kinds
    assert set(batch.proposals.values_list("decision", flat=True)) == {"pending"}
    assert (TalkRound.objects.count(), Figure.objects.count(), Citation.objects.count()) == (rounds, figures, citations)


def test_the_json_shape_carries_the_stored_ids_and_verbatim_quotes():
    batch = ingested()
    shape = as_shape(batch)
    assert shape["source"] == {"slug": SLUG, "title": ARTICLE.splitlines()[0], "published": PUBLISHED}
    assert [p["id"] for p in shape["proposals"]] == list(batch.proposals.values_list("pk", flat=True))
    round_ = next(p for p in shape["proposals"] if p["kind"] == "round")
    assert round_["match"] == ROUND and round_["fields"]["start"] == "2017-07-10"
    assert round_["fields"]["basis"] == "inferred"
    figure = next(p for p in shape["proposals"] if p["kind"] == "figure")
    assert figure["match"] is None and figure["fields"]["value"] == 320000
    assert all(c["quote"] in ARTICLE for p in shape["proposals"] for c in p["citations"])


def test_publishing_updates_the_matched_round_keeps_its_other_citations_and_adds_the_figure():
    talk_round = TalkRound.objects.get(slug=ROUND)
    before = {(c.source.slug, c.quote) for c in talk_round.citations.all()}
    rounds = TalkRound.objects.count()
    batch = ingested()
    accept_all(batch)
    # Accepted is not public: the round is as it was until the batch is published.
    talk_round.refresh_from_db()
    assert (talk_round.status, talk_round.date_precision) == ("planned", "month")
    assert not Figure.objects.filter(slug=FIGURE).exists()

    report = publish(batch=batch)

    assert report.changed
    talk_round.refresh_from_db()
    assert TalkRound.objects.count() == rounds  # matched, not duplicated
    assert (talk_round.start_date, talk_round.end_date) == (datetime.date(2017, 7, 10), datetime.date(2017, 7, 14))
    assert (talk_round.date_precision, talk_round.status, talk_round.date_basis) == ("day", "held", "inferred")
    after = {(c.source.slug, c.quote) for c in talk_round.citations.all()}
    assert before < after  # the curated article's quotes kept, this one's added
    assert {slug for slug, _ in after - before} == {SLUG}
    figure = Figure.objects.get(slug=FIGURE)
    assert (figure.value, figure.qualifier) == (320000, "more_than")
    assert [c.source.slug for c in figure.citations.all()] == [SLUG]
    batch.refresh_from_db()
    assert batch.source.status == "published" and batch.published_at is not None


def test_a_rejected_proposal_writes_nothing():
    batch = ingested()
    for p in batch.proposals.all():
        decide(proposal=p, decision="rejected" if p.kind == "figure" else "accepted")
    publish(batch=batch)
    assert not Figure.objects.filter(slug=FIGURE).exists()
    assert TalkRound.objects.get(slug=ROUND).status == "held"


def test_a_pending_proposal_writes_nothing_either():
    batch = ingested()
    decide(proposal=proposal(batch, "figure", FIGURE), decision="accepted")
    publish(batch=batch)
    assert Figure.objects.filter(slug=FIGURE).exists()
    assert TalkRound.objects.get(slug=ROUND).status == "planned"


def test_the_curators_edits_are_what_is_written():
    batch = ingested()
    figure = proposal(batch, "figure", FIGURE)
    edited = {**figure.fields, "counts": "people killed in the war, a monitoring group says"}
    decide(proposal=figure, decision="accepted", fields=edited)
    figure.refresh_from_db()
    assert figure.edited_fields == edited and figure.fields["counts"] != edited["counts"]
    publish(batch=batch)
    assert Figure.objects.get(slug=FIGURE).counts == edited["counts"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"as_of": {"date": "2017-07-15T00", "basis": "stated"}}, "is not an ISO date"),
        ({"measure": "rainfall"}, "rainfall"),
        ({"qualifier": "exact", "value": -3}, "value"),
        ({"colour": "red"}, "unknown key colour"),
        ({"slug": "another-slug"}, "The slug stays"),
    ],
)
def test_an_edit_that_would_not_load_is_refused_and_nothing_is_saved(change, message):
    batch = ingested()
    figure = proposal(batch, "figure", FIGURE)
    with pytest.raises(ValidationError, match=message):
        decide(proposal=figure, decision="accepted", fields={**figure.fields, **change})
    figure.refresh_from_db()
    assert (figure.decision, figure.edited_fields, figure.decided_at) == ("pending", None, None)
    assert not Figure.objects.filter(slug=FIGURE).exists()


def test_a_quote_edited_away_from_the_text_is_refused_by_the_dry_run():
    batch = ingested()
    figure = proposal(batch, "figure", FIGURE)
    Proposal.objects.filter(pk=figure.pk).update(citations=[{"quote": "Nearly a million were killed.", "supports": ""}])
    figure.refresh_from_db()
    with pytest.raises(ValidationError, match="not found verbatim"):
        decide(proposal=figure, decision="accepted")


def test_a_proposal_referring_to_a_new_record_needs_that_one_accepted_first():
    batch = ingested()
    figure = proposal(batch, "figure", FIGURE)
    talk_round = proposal(batch, "round", ROUND)
    # A venue the knowledge base lacks, proposed in the same batch, as the engine does for a new city.
    venue = Proposal.objects.create(
        batch=batch, number=99, kind="venue", match="", confidence=0.6,
        fields={"slug": "lausanne", "name": "Lausanne", "country": "Switzerland", "latitude": "46.5197",
                "longitude": "6.6323", "description": ""},
        citations=figure.citations,
    )  # fmt: skip
    moved = {**talk_round.fields, "venue": "lausanne"}
    with pytest.raises(ValidationError, match=r"#99 \(new venue “lausanne”\): accept that one first"):
        decide(proposal=talk_round, decision="accepted", fields=moved)
    decide(proposal=venue, decision="accepted")
    decide(proposal=talk_round, decision="accepted", fields=moved)
    with pytest.raises(ValidationError, match="refers to this new venue"):
        decide(proposal=venue, decision="rejected")


def test_the_same_text_is_refused_the_second_time_even_after_publishing():
    batch = ingested()
    with pytest.raises(ValidationError, match="already ingested"):
        ingested(title="Another title")
    accept_all(batch)
    publish(batch=batch)
    with pytest.raises(ValidationError, match="already ingested"):
        ingested()


def test_a_curated_articles_text_is_refused_as_already_there():
    curated = Source.objects.order_by("pk").first()
    with pytest.raises(ValidationError, match=curated.slug):
        ingested(text=curated.text)


def test_publishing_twice_or_with_nothing_accepted_is_refused():
    batch = ingested()
    with pytest.raises(ValidationError, match="Accept at least one"):
        publish(batch=batch)
    accept_all(batch)
    publish(batch=batch)
    with pytest.raises(ValidationError, match="was published"):
        publish(batch=batch)
    with pytest.raises(ValidationError, match="was published"):
        decide(proposal=batch.proposals.first(), decision="rejected")


def test_a_second_article_with_the_same_title_gets_its_own_slug():
    first = ingested()
    second = ingested(text=ARTICLE + "\nReporting by A. Reporter.\n")
    assert (first.source.slug, second.source.slug) == (SLUG, f"{SLUG}-2")


def test_the_description_cites_the_draft_in_every_citation_nested_ones_included():
    batch = ingested()
    description = describe(batch.proposals.all(), source=batch.source)
    round_ = description["rounds"][0]
    nested = [c for d in round_["delegations"] for c in d["citations"]]
    people = [c for p in description["people"] for r in p["roles"] for c in r["citations"]]
    assert nested and people
    assert {c["source"] for c in [*round_["citations"], *nested, *people]} == {SLUG}
    assert ReviewBatch.objects.count() == 1


def test_a_publish_that_fails_part_way_keeps_nothing_and_the_source_stays_a_draft():
    batch = ingested()
    accept_all(batch)
    # The figure, loaded last, has become unloadable since it was accepted (say, its record was edited by hand).
    figure = proposal(batch, "figure", FIGURE)
    Proposal.objects.filter(pk=figure.pk).update(fields={**figure.fields, "measure": "rainfall"})
    with pytest.raises(ValidationError, match="rainfall"):
        publish(batch=batch)
    batch.refresh_from_db()
    batch.source.refresh_from_db()
    assert (batch.published_at, batch.source.status) == (None, "draft")
    assert TalkRound.objects.get(slug=ROUND).status == "planned"  # the round, loaded before the figure, is as it was
    assert not Citation.objects.filter(source=batch.source).exists()


# History: ingesting and publishing record their own reasons ----------------------------------------------------


def test_ingesting_records_the_draft_in_the_history_with_its_reason():
    source = ingested().source
    (row,) = source.history.all()
    assert (row.history_type, row.history_change_reason, row.status) == ("+", INGEST_REASON, "draft")


def test_publishing_records_the_source_and_every_record_it_changes_with_its_reason():
    batch = ingested()
    accept_all(batch)
    round_ = TalkRound.objects.get(slug=ROUND)
    rows_before = round_.history.count()
    publish(batch=batch)
    source_row = batch.source.history.first()
    assert (source_row.history_type, source_row.history_change_reason, source_row.status) == (
        "~",
        PUBLISH_REASON,
        "published",
    )
    assert round_.history.count() == rows_before + 1
    assert round_.history.first().history_change_reason == PUBLISH_REASON
    figure = Figure.objects.get(slug=FIGURE)
    assert [(r.history_type, r.history_change_reason) for r in figure.history.all()] == [("+", PUBLISH_REASON)]
    citations = Citation.history.filter(source_id=batch.source.pk)
    assert citations.exists()
    assert set(citations.values_list("history_change_reason", flat=True)) == {PUBLISH_REASON}


def test_a_dry_run_of_an_acceptance_leaves_no_history():
    batch = ingested()
    round_ = TalkRound.objects.get(slug=ROUND)
    rows = round_.history.count()
    accept_all(batch)
    assert round_.history.count() == rows
    assert not Citation.history.filter(source_id=batch.source.pk).exists()
