import datetime

import pytest

from sources.dates import PartialDate, common_iso, display, edtf, iso, normalise, period_end

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(2018, 1, 25), D(2018, 1, 26), "day", "25–26 January 2018"),
        (D(2019, 10, 30), None, "day", "30 October 2019"),
        (D(2019, 10, 30), D(2019, 10, 30), "day", "30 October 2019"),
        (D(2018, 1, 30), D(2018, 2, 2), "day", "30 January – 2 February 2018"),
        (D(2016, 12, 30), D(2017, 1, 2), "day", "30 December 2016 – 2 January 2017"),
        (D(2017, 12, 1), None, "month", "December 2017"),
        (D(2018, 1, 1), D(2018, 3, 1), "month", "January–March 2018"),
        (D(2017, 12, 1), D(2018, 1, 1), "month", "December 2017 – January 2018"),
        (D(2017, 1, 1), None, "year", "2017"),
        (D(2014, 1, 1), D(2015, 1, 1), "year", "2014–2015"),
        (None, None, "", "undated"),
    ],
)
def test_a_date_is_written_to_its_precision(start, end, precision, expected):
    assert display(start, end, precision) == expected


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (D(2018, 1, 25), "day", "2018-01-25"),
        (D(2017, 12, 1), "month", "2017-12"),
        (D(2017, 1, 1), "year", "2017"),
        (None, "", ""),
    ],
)
def test_iso_form_stops_at_the_precision(value, precision, expected):
    assert iso(value, precision) == expected


def test_a_month_known_only_to_the_month_is_never_given_a_day():
    when = PartialDate(normalise(D(2017, 12, 19), "month"), "month", "inferred", "last month")
    assert when.start == D(2017, 12, 1)
    assert str(when) == "December 2017"
    assert "1" not in when.display.split()[0]
    assert when.iso_start == "2017-12"
    assert when.inferred


def test_normalise_moves_a_year_to_the_first_of_january():
    assert normalise(D(2014, 7, 9), "year") == D(2014, 1, 1)
    assert normalise(D(2014, 7, 9), "day") == D(2014, 7, 9)


@pytest.mark.parametrize(
    ("start", "latest", "precision", "expected"),
    [
        (D(2021, 9, 30), D(2021, 10, 7), "day", "between 30 September and 7 October 2021"),
        (D(2017, 5, 15), D(2017, 5, 21), "day", "between 15 and 21 May 2017"),
        (D(2016, 12, 30), D(2017, 1, 2), "day", "between 30 December 2016 and 2 January 2017"),
        (D(2021, 9, 1), D(2021, 10, 1), "month", "between September and October 2021"),
        (D(2016, 12, 1), D(2017, 1, 1), "month", "between December 2016 and January 2017"),
        (D(2016, 1, 1), D(2017, 1, 1), "year", "between 2016 and 2017"),
    ],
)
def test_a_window_is_written_as_between_its_bounds(start, latest, precision, expected):
    assert display(start, None, precision, latest) == expected


@pytest.mark.parametrize(
    ("start", "end", "latest", "precision", "expected"),
    [
        (D(2018, 1, 25), D(2018, 1, 26), None, "day", "2018-01-25/2018-01-26"),
        (D(2017, 12, 1), None, None, "month", "2017-12"),
        (D(2017, 12, 1), D(2017, 12, 1), None, "month", "2017-12"),
        (D(2021, 9, 30), None, D(2021, 10, 7), "day", "[2021-09-30..2021-10-07]"),
        (D(2021, 9, 1), None, D(2021, 10, 1), "month", "[2021-09..2021-10]"),
        (None, D(2017, 12, 1), None, "month", "/2017-12"),
        (None, None, None, "", ""),
    ],
)
def test_every_date_has_its_edtf_form(start, end, latest, precision, expected):
    assert edtf(start, end, precision, latest) == expected


@pytest.mark.parametrize(
    ("earliest", "latest", "precision", "expected"),
    [
        (D(2021, 9, 30), D(2021, 10, 7), "day", "2021"),
        (D(2017, 5, 15), D(2017, 5, 21), "day", "2017-05"),
        (D(2021, 9, 1), D(2021, 10, 1), "month", "2021"),
        (D(2016, 12, 30), D(2017, 1, 2), "day", ""),
    ],
)
def test_a_window_as_one_iso_date_says_only_what_both_bounds_share(earliest, latest, precision, expected):
    assert common_iso(earliest, latest, precision) == expected
    assert PartialDate(earliest, precision, latest=latest).iso_start == expected


def test_a_span_known_only_by_its_end_is_written_as_ended():
    when = PartialDate(None, "month", "inferred", "last month", end=D(2017, 12, 1))
    assert (when.display, when.iso_start, when.iso_end, when.edtf, when.end_only) == (
        "ended December 2017",
        "",
        "2017-12",
        "/2017-12",
        True,
    )


def test_partial_dates_sort_as_iso_8601_does_a_year_before_its_months_and_a_month_before_its_days():
    dates = [
        PartialDate(D(2021, 1, 5), "day"),
        PartialDate(D(2021, 1, 1), "month"),
        PartialDate(D(2021, 1, 1), "year"),
        PartialDate(D(2020, 12, 31), "day"),
        PartialDate(D(2021, 1, 1), "day"),
    ]
    ordered = sorted(dates, key=lambda d: (d.start, d.rank))
    assert [d.iso_start for d in ordered] == sorted(d.iso_start for d in dates)
    assert [d.iso_start for d in ordered] == ["2020-12-31", "2021", "2021-01", "2021-01-01", "2021-01-05"]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (D(2017, 12, 1), "month", D(2017, 12, 31)),
        (D(2016, 2, 1), "month", D(2016, 2, 29)),
        (D(2017, 1, 1), "year", D(2017, 12, 31)),
        (D(2017, 5, 18), "day", D(2017, 5, 18)),
    ],
)
def test_a_period_ends_on_its_last_day(value, precision, expected):
    assert period_end(value, precision) == expected
