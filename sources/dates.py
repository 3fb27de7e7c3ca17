"""Dates known to a precision: a day, a month or a year, stated by an article or inferred.

A date is stored as a real ``DateField`` normalised to the first day of its period plus a
precision, never as a made-up day or a string. Every model with such a date gets its
invariants from ``partial_date_constraints`` and its rendering from ``PartialDate``.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import DateField, F, Q
from django.db.models.functions import Cast, ExtractDay, ExtractMonth
from django.db.models.lookups import Exact


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


class DateBasis(models.TextChoices):
    STATED = "stated", "stated in the article"
    INFERRED = "inferred", "inferred from the article's context"


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EN_DASH = "\u2013"


def _part_is_one(extract, field):
    """`field`'s day or month is 1. The cast lets PostgreSQL type a NULL when Django validates in Python."""
    return Q(Exact(extract(Cast(field, output_field=DateField())), 1))


def partial_date_constraints(*, date, precision, basis, note, end=None, required=False):
    """CheckConstraints that keep one partial date (and optional end) honest in the database.

    Names use Django's ``%(app_label)s_%(class)s`` placeholders so several models can share them.
    """
    prefix = f"%(app_label)s_%(class)s_{date}"
    periods = [Precision.MONTH, Precision.YEAR]
    constraints = [
        models.CheckConstraint(
            condition=Q(**{f"{precision}__in": Precision.values})
            if required
            else Q(**{f"{date}__isnull": True, precision: ""})
            | Q(**{f"{date}__isnull": False, f"{precision}__in": Precision.values}),
            name=f"{prefix}_precision_valid",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{basis}__in": DateBasis.values}),
            name=f"{prefix}_basis_valid",
        ),
        models.CheckConstraint(
            condition=~Q(**{basis: DateBasis.INFERRED, note: ""}),
            name=f"{prefix}_inferred_has_note",
        ),
        # A month is stored as its first day, a year as 1 January: no invented day can creep in.
        models.CheckConstraint(
            condition=~Q(**{f"{precision}__in": periods}) | _part_is_one(ExtractDay, date),
            name=f"{prefix}_period_starts_on_first",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision: Precision.YEAR}) | _part_is_one(ExtractMonth, date),
            name=f"{prefix}_year_starts_in_january",
        ),
    ]
    if end:
        no_end = Q(**{f"{end}__isnull": True})
        constraints += [
            models.CheckConstraint(
                condition=no_end | Q(**{f"{end}__gte": F(date)}),
                name=f"{prefix}_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(**{f"{precision}__in": periods}) | no_end | _part_is_one(ExtractDay, end),
                name=f"{prefix}_end_period_starts_on_first",
            ),
            models.CheckConstraint(
                condition=~Q(**{precision: Precision.YEAR}) | no_end | _part_is_one(ExtractMonth, end),
                name=f"{prefix}_end_year_starts_in_january",
            ),
        ]
    return constraints


def iso(value, precision):
    """The ISO 8601 form of a date to its precision: 2018-01-25, 2017-12 or 2017."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _day(value):
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _month(value):
    return f"{MONTHS[value.month - 1]} {value.year}"


def display(start, end, precision):
    """A date or range in words, to its precision: '25–26 January 2018', 'December 2017', '2017'."""
    if start is None:
        return "undated"
    if precision == Precision.YEAR:
        if end and end.year != start.year:
            return f"{start.year}{EN_DASH}{end.year}"
        return str(start.year)
    if precision == Precision.MONTH:
        if not end or (end.year, end.month) == (start.year, start.month):
            return _month(start)
        if end.year == start.year:
            return f"{MONTHS[start.month - 1]}{EN_DASH}{_month(end)}"
        return f"{_month(start)} {EN_DASH} {_month(end)}"
    if not end or end == start:
        return _day(start)
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}{EN_DASH}{_day(end)}"
    if end.year == start.year:
        return f"{start.day} {MONTHS[start.month - 1]} {EN_DASH} {_day(end)}"
    return f"{_day(start)} {EN_DASH} {_day(end)}"


def normalise(value, precision):
    """The stored form of a date at a precision: the first day of its month or year."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return datetime.date(value.year, 1, 1)
    if precision == Precision.MONTH:
        return datetime.date(value.year, value.month, 1)
    return value


@dataclass(frozen=True)
class PartialDate:
    start: datetime.date | None
    precision: str
    basis: str = DateBasis.STATED
    note: str = ""
    end: datetime.date | None = None

    def __str__(self):
        return self.display

    @property
    def display(self):
        return display(self.start, self.end, self.precision)

    @property
    def iso_start(self):
        return iso(self.start, self.precision)

    @property
    def iso_end(self):
        return iso(self.end, self.precision)

    @property
    def inferred(self):
        return self.basis == DateBasis.INFERRED
