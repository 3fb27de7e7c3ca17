"""Relative dates resolved against a publication date, never finer than the text or the anchor."""

import pytest

from ingest.extraction.dates import AnchorDate, resolve_sentence


def first(sentence, *anchor):
    facts = resolve_sentence(sentence, AnchorDate.from_iso(*anchor))
    return facts[0]


@pytest.mark.parametrize(
    ("sentence", "anchor", "start", "latest", "end"),
    [
        ("Zakharova said Thursday.", ("2021-09-30",), "2021-09-30", None, None),  # the weekday is the anchor's
        ("The envoy said Thursday.", ("2017-02-24",), "2017-02-23", None, None),
        ("They met on Wednesday.", ("2019-10-31",), "2019-10-30", None, None),
        ("Experts met last Thursday and Friday.", ("2017-05-22",), "2017-05-18", None, "2017-05-19"),
        ("Talks will resume on Monday.", ("2017-05-26",), "2017-05-29", None, None),  # tense: still to come
        ("He said Tuesday.", ("2018-03-01",), "2018-02-27", None, None),  # across a month boundary
        ("He said Friday.", ("2018-01-02",), "2017-12-29", None, None),  # across a year boundary
        ("Zakharova said Thursday.", ("2021-09-30", "2021-10-07"), "2021-09-30", "2021-10-07", None),  # a window
        ("He said Thursday.", ("2018-01",), "2017-12", "2018-01", None),  # month anchor: no day
        ("The talks last week failed.", ("2017-05-22",), "2017-05", None, None),
        ("The talks last week failed.", ("2018-03-01",), "2018-02", None, None),
        ("The round held last month ended.", ("2018-01",), "2017-12", None, None),
        ("A meeting this month in Astana.", ("2017-05-22",), "2017-05", None, None),
        ("They will meet later this month.", ("2017-05-22",), "2017-05", None, None),
        ("Zones were set up last year.", ("2018-01",), "2017", None, None),
        ("The December cease-fire held.", ("2017-05-22",), "2016-12", None, None),
        ("Talks will reconvene in October.", ("2021-09-30",), "2021-10", None, None),
        ("In late May, Assad was reelected.", ("2021-09-30",), "2021-05", None, None),
        ("He intends to hold it sometime in June.", ("2017-05-22",), "2017-06", None, None),
        ("Negotiators met on January 25.", ("2018-01",), "2018-01-25", None, None),
        ("Russia plans a congress on January 29-30.", ("2018-01",), "2018-01-29", None, "2018-01-30"),
        ("The committee will meet starting Oct. 18.", ("2021-09-30",), "2021-10-18", None, None),
        ("A road map approved on June 30, 2012.", ("2021-09-30",), "2012-06-30", None, None),
        ("Russia joined the war in September 2015.", ("2021-09-30",), "2015-09", None, None),
        ("He said yesterday.", ("2018-01",), "2017-12", "2018-01", None),
        # 'Last Tuesday' said on a Wednesday: yesterday, or the Tuesday of last week; usage differs, both are kept.
        ("Pedersen told the council last Tuesday.", ("2022-03-02",), "2022-02-22", "2022-03-01", None),
        ("He said last Friday.", ("2022-03-07",), "2022-03-04", None, None),  # a Monday: last week's Friday only
        ("They will meet next Friday.", ("2022-03-07",), "2022-03-11", "2022-03-18", None),
        # A season is no precision of the timeline's: its year, the season kept in the note.
        ("The next meeting is expected in the spring.", ("2020-02-20",), "2020", None, None),
        ("They met in the autumn.", ("2020-02-20",), "2019", None, None),
        # A day of a month the text leaves out: the month from the article's date and the tense.
        ("The co-chairs agreed the dates on the 28th.", ("2022-11-30",), "2022-11-28", None, None),
        ("He will brief the council on the 20th.", ("2022-11-30",), "2022-12-20", None, None),
        ("They met on the 28th.", ("2022-11",), "2022-10", "2022-11", None),
    ],
)
def test_a_relative_date_is_resolved_at_the_precision_the_text_gives(sentence, anchor, start, latest, end):
    fact = first(sentence, *anchor)
    assert fact.start.iso == start
    assert fact.start.iso_latest == latest
    assert (fact.end.iso if fact.end else None) == end


def test_the_day_before_counts_from_the_date_it_follows():
    facts = resolve_sentence("They will meet starting Oct. 18 and the co-chairs will meet the day before.",
                             AnchorDate.from_iso("2021-09-30"))  # fmt: skip
    assert [f.start.iso for f in facts] == ["2021-10-18", "2021-10-17"]


def test_an_inferred_date_says_how_it_was_worked_out_and_a_printed_one_is_stated():
    relative = first("Zakharova said Thursday.", "2021-09-30")
    printed = first("Approved on June 30, 2012.", "2021-09-30")
    assert relative.basis == "inferred" and "Thursday 30 September 2021" in relative.note
    assert printed.basis == "stated"


def test_ended_in_a_month_dates_the_end_not_the_start():
    assert first("The last round of talks ended in January without progress.", "2021-09-30").ends_event


@pytest.mark.parametrize(
    ("sentence", "anchor", "starts", "ends"),
    [
        # The verb nearest the date sets its tense, not any future word elsewhere in the sentence.
        ("Delegates met in Riyadh on Tuesday for talks, and the envoy said the next round would be held in March.",
         "2023-02-10", ["2023-02-07", "2023-03"], [None, None]),
        ("The ninth round, which had been scheduled to start in Geneva on July 25, has been postponed, the UN said on "
         "Monday.", "2022-07-19", ["2022-07-25", "2022-07-18"], [None, None]),
        ("The session will run from 14 to 17 May.", "2024-05-14", ["2024-05-14"], ["2024-05-17"]),
        ("The ninth session, held from 25 to 29 January, ended without agreement.", "2024-05-14", ["2024-01-25"],
         ["2024-01-29"]),
        ("The round ran from November 28 to December 14, 2017.", "2018-01-25", ["2017-11-28"], ["2017-12-14"]),
        ("The envoy will brief the council on 28 May.", "2024-05-14", ["2024-05-28"], [None]),
        ("Talks were postponed to March.", "2022-07-19", ["2023-03"], [None]),
    ],
)  # fmt: skip
def test_tense_comes_from_the_verb_that_governs_the_date(sentence, anchor, starts, ends):
    facts = resolve_sentence(sentence, AnchorDate.from_iso(anchor))
    assert [f.start.iso for f in facts] == starts
    assert [f.end.iso if f.end else None for f in facts] == ends


def test_yesterday_in_a_quotation_counts_from_the_day_it_was_said():
    sentence = "At a conference on Thursday, Guterres said \"Yesterday's first meeting of the committee was a landmark."
    facts = resolve_sentence(sentence, AnchorDate.from_iso("2019-10-31", "2019-11-01"))
    assert [f.start.iso for f in facts] == ["2019-10-31", "2019-10-30"]
    assert facts[1].start.iso_latest is None


def test_the_close_of_talks_dates_their_end_and_the_end_of_a_month_does_not():
    close = first("They agreed on Thursday, at the close of two days of talks.", "2020-02-20")
    month = first("The talks will resume at the end of March.", "2020-02-20")
    assert (close.ends_event, month.ends_event) == (True, False)


def test_until_dates_an_end():
    facts = resolve_sentence("The talks, which opened on Monday, will continue until Friday.", AnchorDate.from_iso(
        "2022-05-31"))  # fmt: skip
    assert [(f.start.iso, f.ends_event) for f in facts] == [("2022-05-30", False), ("2022-06-03", True)]
