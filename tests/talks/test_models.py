"""The invariants are database constraints: each one refuses a bad row at the database."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from sources.models import Figure
from talks.models import TalkRound
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


def test_date_basis_must_be_stated_or_inferred():
    refused(TalkRoundFactory, date_basis="guessed")


def test_an_inferred_date_must_say_how_it_was_inferred():
    refused(TalkRoundFactory, date_basis="inferred", date_note="")
    assert TalkRoundFactory(date_basis="inferred", date_note="'last month' in a January 2018 article").pk


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
