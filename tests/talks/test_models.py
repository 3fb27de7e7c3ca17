"""The invariants are database constraints: each one refuses a bad row at the database."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from sources.models import Figure
from talks.models import Milestone, TalkRound
from tests.factories import (
    DelegationFactory,
    FigureFactory,
    MilestoneFactory,
    ResolutionFactory,
    SourceFactory,
    TalkRoundFactory,
    VenueFactory,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def refused(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_a_round_cannot_end_before_it_starts():
    refused(TalkRoundFactory, start_date=D(2018, 1, 26), end_date=D(2018, 1, 25))


def test_a_round_may_end_on_the_day_it_starts():
    assert TalkRoundFactory(start_date=D(2018, 1, 25), end_date=D(2018, 1, 25)).pk


def test_a_month_precision_date_cannot_carry_a_day():
    refused(TalkRoundFactory, start_date=D(2017, 12, 19), date_precision="month")


def test_a_month_precision_end_cannot_carry_a_day():
    refused(TalkRoundFactory, start_date=D(2017, 12, 1), end_date=D(2018, 1, 9), date_precision="month")


def test_a_year_precision_date_cannot_carry_a_month():
    refused(MilestoneFactory, start_date=D(2017, 6, 1), date_precision="year")


def test_precision_must_be_day_month_or_year():
    refused(TalkRoundFactory, date_precision="week")


def test_an_undated_milestone_has_no_precision():
    refused(MilestoneFactory, start_date=None, date_precision="month")
    assert MilestoneFactory(start_date=None, date_precision="").pk


def test_a_dated_milestone_needs_a_precision():
    refused(MilestoneFactory, start_date=D(2017, 6, 1), date_precision="")


def test_date_basis_must_be_stated_inferred_or_external():
    refused(TalkRoundFactory, date_basis="guessed")
    assert TalkRoundFactory(date_basis="external", date_note="UN News, 30 October 2019.").pk


@pytest.mark.parametrize("basis", ["inferred", "external"])
def test_a_date_not_printed_must_say_how_it_was_worked_out_or_where_it_came_from(basis):
    refused(TalkRoundFactory, date_basis=basis, date_note="")
    refused(SourceFactory, published_basis=basis, published_note="")
    refused(FigureFactory, as_of_basis=basis, as_of_note="")


def test_a_window_has_a_latest_bound_after_its_earliest():
    refused(MilestoneFactory, start_date=D(2021, 10, 7), start_latest=D(2021, 9, 30), date_precision="day")
    refused(MilestoneFactory, start_date=D(2021, 10, 7), start_latest=D(2021, 10, 7), date_precision="day")
    window = MilestoneFactory(start_date=D(2021, 9, 30), start_latest=D(2021, 10, 7), date_precision="day")
    assert window.date_display == "between 30 September and 7 October 2021"


def test_a_window_of_months_cannot_carry_a_day():
    refused(MilestoneFactory, start_date=D(2021, 9, 1), start_latest=D(2021, 10, 7), date_precision="month")


def test_a_window_needs_its_earliest_bound():
    refused(MilestoneFactory, start_date=None, start_latest=D(2021, 10, 7), date_precision="day")


def test_a_date_is_a_window_or_a_span_with_an_end_not_both():
    refused(
        TalkRoundFactory,
        start_date=D(2021, 9, 30),
        start_latest=D(2021, 10, 7),
        end_date=D(2021, 10, 9),
        date_precision="day",
    )


def test_a_round_may_be_known_only_by_its_end_and_then_sits_at_its_end():
    eighth = TalkRoundFactory(start_date=None, end_date=D(1999, 12, 1), date_precision="month")
    assert (eighth.date_display, eighth.when.edtf) == ("ended December 1999", "/1999-12")
    eighth.refresh_from_db()
    assert eighth.sort_date == D(1999, 12, 1)


def test_an_undated_round_has_no_precision_and_no_place_in_the_sequence():
    refused(TalkRoundFactory, start_date=None, end_date=None, date_precision="day")
    undated = TalkRoundFactory(start_date=None, date_precision="", status="planned")
    undated.refresh_from_db()
    assert (undated.sort_date, undated.date_rank, undated.date_display) == (None, 3, "undated")


def test_the_database_ranks_a_year_before_a_month_before_a_day():
    ranks = {
        precision: MilestoneFactory(start_date=D(2021, 1, 1), date_precision=precision).pk
        for precision in ("day", "month", "year")
    }
    ordered = list(Milestone.objects.filter(pk__in=ranks.values()).values_list("pk", flat=True))
    assert ordered == [ranks["year"], ranks["month"], ranks["day"]]


def test_status_must_be_in_its_set():
    refused(TalkRoundFactory, status="rumoured")


def test_round_slugs_are_unique():
    TalkRoundFactory(slug="geneva-viii")
    refused(TalkRoundFactory, slug="geneva-viii")


def test_venue_slugs_are_unique():
    refused(VenueFactory, slug="geneva")


def test_a_round_number_is_used_once_per_process():
    first = TalkRoundFactory(round_number=3)
    refused(TalkRoundFactory, process=first.process, round_number=3)
    assert TalkRoundFactory(round_number=3).pk


def test_round_numbers_start_at_one():
    refused(TalkRoundFactory, round_number=0)


def test_a_delegation_side_must_be_in_its_set():
    refused(DelegationFactory, side="neutral")


def test_resolution_kind_must_be_in_its_set():
    refused(ResolutionFactory, kind="treaty")


def test_venue_coordinates_must_be_on_the_globe():
    refused(VenueFactory, latitude="91")


def test_a_figure_without_a_number_must_be_an_order_of_magnitude():
    refused(FigureFactory, value=None, qualifier="exact")
    assert FigureFactory(value=None, qualifier="order_of", value_text="hundreds of thousands").pk


def test_a_figure_as_of_a_month_cannot_carry_a_day():
    refused(FigureFactory, as_of=D(2021, 9, 30), as_of_precision="month")


def test_a_source_published_in_a_month_cannot_carry_a_day():
    refused(SourceFactory, published=D(2018, 1, 25), published_precision="month")


def test_a_planned_round_reads_as_planned():
    talk_round = TalkRoundFactory(start_date=D(2017, 6, 1), date_precision="month", status=TalkRound.Status.PLANNED)
    assert talk_round.date_display == "planned for June 2017"


def test_a_figure_reads_as_its_measure_and_printed_value():
    figure = FigureFactory(measure=Figure.Measure.REFUGEES, value_text="more than 5 million")
    assert str(figure) == "Refugees: more than 5 million"
