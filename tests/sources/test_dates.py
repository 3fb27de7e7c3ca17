import datetime

import pytest

from sources.dates import PartialDate, display, iso, normalise

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
