"""Dates known to a precision — a day, a month or a year — stated by an article, inferred from it, or
taken from outside it; and dates known only to lie between two bounds.

A date is stored as a real ``DateField`` normalised to the first day of its period plus a precision,
never as a made-up day or a string. A date the text pins only to a window ("on Thursday", which fits
two Thursdays) is stored as its earliest and latest possible value at that precision, as Wikidata's
earliest/latest-date qualifiers do. A span the text dates only by its end ("the round held last month
ended without progress") keeps its start empty. Every model with such a date gets its invariants from
``partial_date_constraints`` and its rendering from ``PartialDate``.
"""

import datetime
import functools
import operator
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, DateField, F, Q, Value, When
from django.db.models.functions import Cast, ExtractDay, ExtractMonth
from django.db.models.lookups import Exact


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


class DateBasis(models.TextChoices):
    STATED = "stated", "stated in the article"
    INFERRED = "inferred", "inferred from the articles' own text"
    EXTERNAL = "external", "taken from outside the articles"


# A note is required where the date is not simply printed: it says how it was worked out, or names the
# reference it was taken from.
NOTED_BASES = (DateBasis.INFERRED, DateBasis.EXTERNAL)

# ISO 8601 / EDTF order of partial dates that begin on the same day: a year before the months of that
# year, a month before its days ("2021" < "2021-01" < "2021-01-01"). Undated records come last.
RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}
UNDATED_RANK = 3

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


def rank_expression(precision_field):
    """The database's own copy of RANK, for a generated column the timeline's indexes can order by."""
    return Case(
        *(When(**{precision_field: precision}, then=Value(rank)) for precision, rank in RANK.items()),
        default=Value(UNDATED_RANK),
    )


def _part_is_one(extract, field):
    """`field`'s day or month is 1. The cast lets PostgreSQL type a NULL when Django validates in Python."""
    return Q(Exact(extract(Cast(field, output_field=DateField())), 1))


def _normalised(precision, field, *, allow_null):
    """Constraints keeping `field` on the first day of its month (or year) at month (or year) precision."""
    periods = [Precision.MONTH, Precision.YEAR]
    on_first = ~Q(**{f"{precision}__in": periods})
    in_january = ~Q(**{precision: Precision.YEAR})
    if allow_null:
        on_first |= Q(**{f"{field}__isnull": True})
        in_january |= Q(**{f"{field}__isnull": True})
    return [on_first | _part_is_one(ExtractDay, field), in_january | _part_is_one(ExtractMonth, field)]


def partial_date_constraints(*, date, precision, basis, note, latest=None, end=None, required=False):
    """CheckConstraints that keep one partial date (with its optional window and end) honest in the database.

    Names use Django's ``%(app_label)s_%(class)s`` placeholders so several models can share them.
    """
    prefix = f"%(app_label)s_%(class)s_{date}"
    on_first, in_january = _normalised(precision, date, allow_null=True)
    # Undated: no start (and no end) and no precision. Dated by its start, or only by its end: a precision.
    undated = Q(**{f"{date}__isnull": True}) & (Q(**{f"{end}__isnull": True}) if end else Q())
    constraints = [
        models.CheckConstraint(
            condition=Q(**{f"{precision}__in": Precision.values})
            if required
            else (undated & Q(**{precision: ""})) | (~undated & Q(**{f"{precision}__in": Precision.values})),
            name=f"{prefix}_precision_valid",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{basis}__in": DateBasis.values}),
            name=f"{prefix}_basis_valid",
        ),
        models.CheckConstraint(
            condition=~Q(**{f"{basis}__in": NOTED_BASES, note: ""}),
            name=f"{prefix}_basis_has_note",
        ),
        # A month is stored as its first day, a year as 1 January: no invented day can creep in.
        models.CheckConstraint(condition=on_first, name=f"{prefix}_period_starts_on_first"),
        models.CheckConstraint(condition=in_january, name=f"{prefix}_year_starts_in_january"),
    ]
    if latest:
        no_window = Q(**{f"{latest}__isnull": True})
        latest_on_first, latest_in_january = _normalised(precision, latest, allow_null=True)
        constraints += [
            # A window has two different bounds, and a lower one.
            models.CheckConstraint(
                condition=no_window | Q(**{f"{date}__isnull": False, f"{latest}__gt": F(date)}),
                name=f"{prefix}_window_after_earliest",
            ),
            models.CheckConstraint(condition=latest_on_first, name=f"{prefix}_latest_starts_on_first"),
            models.CheckConstraint(condition=latest_in_january, name=f"{prefix}_latest_starts_in_january"),
        ]
    if end:
        no_end = Q(**{f"{end}__isnull": True})
        end_on_first, end_in_january = _normalised(precision, end, allow_null=True)
        constraints += [
            models.CheckConstraint(
                condition=no_end | Q(**{f"{end}__gte": F(date)}),
                name=f"{prefix}_end_not_before_start",
            ),
            models.CheckConstraint(condition=end_on_first, name=f"{prefix}_end_period_starts_on_first"),
            models.CheckConstraint(condition=end_in_january, name=f"{prefix}_end_year_starts_in_january"),
        ]
    if latest and end:
        # A window is "one of these days"; a span with an end is a stretch of days. Both at once would have
        # no honest reading in EDTF or iCalendar, and no article needs it.
        constraints.append(
            models.CheckConstraint(
                condition=Q(**{f"{latest}__isnull": True}) | Q(**{f"{end}__isnull": True}),
                name=f"{prefix}_window_or_end",
            )
        )
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


def common_iso(earliest, latest, precision):
    """The finest ISO form both bounds of a window share: what can honestly be said of it as one date.

    30 September…7 October 2021 shares only "2021"; 15…21 May 2017 shares "2017-05".
    """
    for candidate in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        if RANK[candidate] <= RANK[precision] and iso(earliest, candidate) == iso(latest, candidate):
            return iso(earliest, candidate)
    return ""


def _day(value):
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _month(value):
    return f"{MONTHS[value.month - 1]} {value.year}"


def _range(start, end, precision):
    """Two dates of one precision as a range in words, the shared words written once."""
    if precision == Precision.YEAR:
        return f"{start.year}{EN_DASH}{end.year}"
    if precision == Precision.MONTH:
        if end.year == start.year:
            return f"{MONTHS[start.month - 1]}{EN_DASH}{_month(end)}"
        return f"{_month(start)} {EN_DASH} {_month(end)}"
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}{EN_DASH}{_day(end)}"
    if end.year == start.year:
        return f"{start.day} {MONTHS[start.month - 1]} {EN_DASH} {_day(end)}"
    return f"{_day(start)} {EN_DASH} {_day(end)}"


def _one(value, precision):
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return _month(value)
    return _day(value)


def window_display(earliest, latest, precision):
    """'between 30 September and 7 October 2021', 'between 3 and 10 May 2017', 'between 2016 and 2017'."""
    if precision == Precision.YEAR or earliest.year != latest.year:
        return f"between {_one(earliest, precision)} and {_one(latest, precision)}"
    if precision == Precision.MONTH:
        return f"between {MONTHS[earliest.month - 1]} and {_month(latest)}"
    if earliest.month == latest.month:
        return f"between {earliest.day} and {_day(latest)}"
    return f"between {earliest.day} {MONTHS[earliest.month - 1]} and {_day(latest)}"


def display(start, end, precision, latest=None):
    """A date, range or window in words, to its precision: '25–26 January 2018', 'December 2017', '2017'."""
    if start is None:
        return f"ended {_one(end, precision)}" if end is not None else "undated"
    if latest is not None and latest != start:
        return window_display(start, latest, precision)
    if end is None or _one(end, precision) == _one(start, precision):
        return _one(start, precision)
    return _range(start, end, precision)


def edtf(start, end, precision, latest=None):
    """The Extended Date/Time Format (ISO 8601-2) string: 2018-01-25/2018-01-26, 2017-12, and for a window
    "one of these days", [2021-09-30..2021-10-07]; a span known only by its end, /2017-12 (its start
    unknown). Undated is the empty string."""
    if start is None:
        return f"/{iso(end, precision)}" if end is not None else ""
    if latest is not None and latest != start:
        return f"[{iso(start, precision)}..{iso(latest, precision)}]"
    if end is not None and iso(end, precision) != iso(start, precision):
        return f"{iso(start, precision)}/{iso(end, precision)}"
    return iso(start, precision)


def normalise(value, precision):
    """The stored form of a date at a precision: the first day of its month or year."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return datetime.date(value.year, 1, 1)
    if precision == Precision.MONTH:
        return datetime.date(value.year, value.month, 1)
    return value


def period_end(value, precision):
    """The last day of the period a normalised date stands for: 2017-12 ends on 31 December 2017."""
    if precision == Precision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == Precision.MONTH:
        following = datetime.date(value.year + value.month // 12, value.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return value


def may_fall_on_or_after(day, *, date, precision, latest=None):
    """Rows whose date (or window) may fall on or after `day`: its last possible period ends on or after it.

    A date known to the month counts as every day of that month, and a window as every day between its
    bounds, so that a filter treats them as overlapping the range asked for rather than as their first day.
    The exact dates come first, with a plain range on the date column that its index can serve; windows,
    which are rare, follow.
    """
    exact = Q(**{f"{date}__gte": normalise(day, Precision.YEAR)}) & (
        Q(**{precision: Precision.YEAR})
        | Q(**{precision: Precision.MONTH, f"{date}__gte": normalise(day, Precision.MONTH)})
        | Q(**{precision: Precision.DAY, f"{date}__gte": day})
    )
    if not latest:
        return exact
    windows = Q()
    for each in Precision.values:
        windows |= Q(**{precision: each, f"{latest}__gte": normalise(day, each)})
    return exact | windows


def surely_on_or_before(day, *, date, precision, latest):
    """Rows whose date (or window) certainly fell on or before `day`: its last possible day is on or before it.

    A date known to the month counts by the month's last day, a window by its latest bound: a source known
    only to be of January 2018 is not counted as published by 27 January. Undated rows never are."""
    if day == datetime.date.max:
        return Q(**{f"{date}__isnull": False})
    after = day + datetime.timedelta(days=1)

    def last_day_before(column):
        # A period's last day is on or before `day` when the period begins before the period holding the next day.
        periods = [Q(**{precision: each, f"{column}__lt": normalise(after, each)}) for each in Precision.values]
        return functools.reduce(operator.or_, periods)

    return (Q(**{f"{latest}__isnull": True}) & last_day_before(date)) | (
        Q(**{f"{latest}__isnull": False}) & last_day_before(latest)
    )


def may_fall_on_or_before(day, *, date):
    """Rows whose date (or window) may fall on or before `day`: its earliest possible day is on or before it."""
    return Q(**{f"{date}__lte": day})


@dataclass(frozen=True)
class PartialDate:
    start: datetime.date | None
    precision: str
    basis: str = DateBasis.STATED
    note: str = ""
    end: datetime.date | None = None
    latest: datetime.date | None = None

    def __str__(self):
        return self.display

    @property
    def end_only(self):
        """Dated only by its end: "the round held last month ended without progress"."""
        return self.start is None and self.end is not None

    @property
    def is_window(self):
        return self.start is not None and self.latest is not None and self.latest != self.start

    @property
    def display(self):
        return display(self.start, self.end, self.precision, self.latest)

    @property
    def iso_start(self):
        """The start as one ISO date; a window gives only what both its bounds share, never a chosen day."""
        if self.is_window:
            return common_iso(self.start, self.latest, self.precision)
        return iso(self.start, self.precision)

    @property
    def iso_end(self):
        return iso(self.end, self.precision)

    @property
    def iso_earliest(self):
        return iso(self.start, self.precision)

    @property
    def iso_latest(self):
        return iso(self.latest, self.precision) if self.is_window else ""

    @property
    def edtf(self):
        return edtf(self.start, self.end, self.precision, self.latest)

    @property
    def rank(self):
        return RANK.get(self.precision, UNDATED_RANK)

    @property
    def inferred(self):
        return self.basis == DateBasis.INFERRED

    @property
    def external(self):
        return self.basis == DateBasis.EXTERNAL
