"""Dates in news prose, resolved against the publication date at the precision the text gives.

A `Period` is a day, a month or a year, possibly a window: known only to lie between two periods of the
same precision (`earliest` … `latest`, each normalised to its first day). The publication date of an
article (`AnchorDate`) is such a period. Relative expressions ("on Thursday", "last month", "in
December", "Oct. 18") are resolved against every day the anchor allows; when those readings disagree
the result is a window, or a coarser precision when the readings agree on it. Nothing is ever finer
than the text or than the anchor.

Absolute expressions ("June 30, 2012", "December 2015") are read with dateparser; the year of a
month-and-day printed without one is chosen here, from the tense and the anchor.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field, replace
from functools import cache

DAY, MONTH, YEAR = "day", "month", "year"
FINER = {DAY: 0, MONTH: 1, YEAR: 2}  # smaller is finer
STATED, INFERRED = "stated", "inferred"

MONTH_NAMES = list(calendar.month_name)[1:]
WEEKDAYS = list(calendar.day_name)
MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
D = datetime.date


def month_number(name):
    return [m[:3].lower() for m in MONTH_NAMES].index(name[:3].lower()) + 1


def _normalise(day, precision):
    if precision == YEAR:
        return D(day.year, 1, 1)
    if precision == MONTH:
        return D(day.year, day.month, 1)
    return day


def _last_day(start, precision):
    if precision == YEAR:
        return D(start.year, 12, 31)
    if precision == MONTH:
        return D(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def _iso(day, precision):
    if precision == YEAR:
        return f"{day.year:04d}"
    if precision == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def words(day, precision, *, weekday=False):
    """'Thursday 23 February 2017', 'February 2017', '2017'."""
    if precision == YEAR:
        return str(day.year)
    if precision == MONTH:
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


@dataclass(frozen=True)
class Period:
    """A day, month or year; a window when `latest` is after `earliest` (both at `precision`)."""

    earliest: datetime.date
    precision: str
    latest: datetime.date | None = None

    def __post_init__(self):
        earliest = _normalise(self.earliest, self.precision)
        latest = _normalise(self.latest or self.earliest, self.precision)
        if latest < earliest:
            raise ValueError(f"a window cannot end before it begins: {earliest} > {latest}")
        object.__setattr__(self, "earliest", earliest)
        object.__setattr__(self, "latest", latest)

    @classmethod
    def from_iso(cls, value, latest=None):
        """'2018-01-25' day, '2018-01' month, '2018' year; `latest` makes it a window."""
        earliest, precision = parse_iso(value)
        if latest is None:
            return cls(earliest, precision)
        last, last_precision = parse_iso(latest)
        if last_precision != precision:
            raise ValueError(f"{value!r} and {latest!r} differ in precision")
        return cls(earliest, precision, last)

    @classmethod
    def spanning(cls, first, last, precision):
        """The coarsest honest reading of 'some day between first and last' at `precision` or coarser."""
        return cls(first, precision, last)

    @property
    def is_window(self):
        return self.latest != self.earliest

    @property
    def iso(self):
        return _iso(self.earliest, self.precision)

    @property
    def iso_latest(self):
        return _iso(self.latest, self.precision) if self.is_window else None

    @property
    def first_day(self):
        return self.earliest

    @property
    def last_day(self):
        return _last_day(self.latest, self.precision)

    def days(self):
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += datetime.timedelta(days=1)

    def coarsened(self, precision):
        if FINER[precision] <= FINER[self.precision]:
            return self
        return Period(self.earliest, precision, self.latest)

    def finer_than(self, other):
        return FINER[self.precision] < FINER[other.precision]

    def contains(self, other):
        return self.first_day <= other.first_day and other.last_day <= self.last_day

    def overlaps(self, other):
        return self.first_day <= other.last_day and other.first_day <= self.last_day

    def words(self, *, weekday=False):
        if not self.is_window:
            return words(self.earliest, self.precision, weekday=weekday)
        return f"between {words(self.earliest, self.precision, weekday=weekday)} and " + words(
            self.latest, self.precision, weekday=weekday
        )

    def __str__(self):
        return self.iso if not self.is_window else f"{self.iso}/{self.iso_latest}"


class AnchorDate(Period):
    """An article's publication date: a day, month or year, possibly a window (earliest, latest)."""

    @classmethod
    def from_fixture(cls, published):
        """From a source's `published` object: {"date": …, "latest": …} (latest only for a window)."""
        return cls.from_iso(published["date"], published.get("latest"))


def parse_iso(value):
    parts = str(value).split("-")
    if len(parts) == 3:
        return D.fromisoformat(value), DAY
    if len(parts) == 2:
        return D(int(parts[0]), int(parts[1]), 1), MONTH
    if len(parts) == 1 and parts[0].isdigit():
        return D(int(parts[0]), 1, 1), YEAR
    raise ValueError(f"{value!r} is not an ISO date, month or year")


def _agree(readings, precision):
    """One period from the readings of every anchor day: exact if they agree, else a window of them."""
    readings = [_normalise(r, precision) for r in readings]
    return Period(min(readings), precision, max(readings))


# ---------------------------------------------------------------------------------------------------
# Date mentions in a sentence


@dataclass(frozen=True)
class DateMention:
    """A date expression found in the text, with what it says before it is resolved."""

    start: int
    end: int
    text: str
    kind: str  # full, month_day, month_year, year, month, weekday, relative, season, day_alone
    data: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class DateFact:
    """A resolved date: a start (maybe a window), maybe an end, how it was obtained and from which words."""

    start: Period | None
    end: Period | None = None
    basis: str = STATED
    note: str = ""
    mention: DateMention | None = None
    ends_event: bool = False  # the words date the event's end ("ended last month"), not its start
    of_speech: bool = False  # the words date a saying ("the UN said on Monday"), not the events it speaks of

    @property
    def period(self):
        """The period the words give (the start's, or the end's when they date the end)."""
        return self.start

    @property
    def precision(self):
        p = self.period
        return p.precision if p else None


_ORD = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:[-–]|to|and|until|through|till)\s*"
_YEAR_AFTER = r"(?:,?\s+(?P<{name}>(?:19|20)\d\d)\b)?"
# A day with its month, either order, maybe a range ("May 14-17", "14 to 17 May", "28 November to 14 December"),
# maybe with a year: "June 30, 2012", "Oct. 18", "from 25 to 29 January", "30 June 2012".
_DAY_DATE = re.compile(
    rf"\b(?P<month>{MONTH_RE})\.?\s+(?P<day>\d{{1,2}}){_ORD}\b"
    rf"(?:{_TO}(?:(?P<month2>{MONTH_RE})\.?\s+)?(?P<day2>\d{{1,2}}){_ORD}\b)?"
    + _YEAR_AFTER.format(name="year")
    + rf"|\b(?P<dday>\d{{1,2}}){_ORD}(?:\s+(?P<dmonth1>{MONTH_RE})\.?)?{_TO}(?P<dday2>\d{{1,2}}){_ORD}\s+"
    rf"(?P<dmonth>{MONTH_RE})\b\.?"
    + _YEAR_AFTER.format(name="dyear")
    + rf"|\b(?P<sday>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<smonth>{MONTH_RE})\b\.?"
    + _YEAR_AFTER.format(name="syear")
)
_MONTH_YEAR = re.compile(
    r"\b(?:(?P<part>early|mid|late|the end of|the beginning of|the start of)[\s-]+)?"
    rf"(?P<month>{MONTH_RE})\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]?\s*(?:member|year|strong))")
_MONTH_ALONE = re.compile(
    r"\b(?P<cue>(?i:in|on|since|by|until|till|to|for|before|after|from|of|the|this|last|next|during|through"
    r"|early|late|mid|sometime in))"
    rf"[\s-]+(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?P<month>{MONTH_RE})\b(?!\s+\d)"
)
_WEEKDAY = re.compile(
    rf"\b(?:(?P<cue>last|this|next|on|since|until|by)\s+)?(?P<day>{WEEKDAY_RE})(?P<poss>['’]s)?"
    rf"(?:\s+(?:and|or|to|through)\s+(?P<day2>{WEEKDAY_RE}))?\b"
)
_RELATIVE = re.compile(
    r"\b(?P<expr>yesterday|today|tonight|tomorrow|the day before|the day after|the next day|the following day"
    r"|(?:later|earlier) this (?:week|month|year)|(?:last|this|next|past) (?:week|month|year)"
    r"|(?:a|one|two|three|four|\d+) (?:days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)

# "On the 28th", "by the 14th": a day of a month the text does not print, read against the article's date.
_DAY_ALONE = re.compile(
    r"\b(?P<cue>on|by|until|till|from|since|before|after)\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?!\s+(?:of\b|round|session|meeting|summit|century|anniversary|time|annual|edition|floor|day|week|month|year|"
    r"birthday|amendment|[A-Z]))"
)
# "In the spring", "next summer", "by autumn 2020": a season is no precision of the timeline's; its year is.
_SEASON = re.compile(
    r"\b(?P<cue>in|this|next|last|by|until|during|over|before)\s+(?:the\s+)?(?:(?P<part>early|late|mid)[\s-]+)?"
    r"(?P<season>spring|summer|autumn|fall)\b(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

FUTURE_CUES = re.compile(
    r"\b(?:will|shall|would|is to|are to|was to|were to|plans? to|planned|planning|intends? to|intended to|"
    r"expected|scheduled|due to|due in|due on|set to|to be held|to reconvene|to resume|to meet|upcoming|next|"
    r"ahead of|is going to|are going to|aims? to|hopes? to|proposed|"
    # a plan told in the past: "had hoped to convene", "had been due to open"
    r"hoped to|had (?:planned|intended|wanted|meant) to|"
    r"(?:postponed|put off|delayed|pushed back|moved|rescheduled) (?:to|until|for|till))\b",
    re.IGNORECASE,
)
PAST_CUES = re.compile(
    r"\b(?:met|(?<!be )(?<!being )held|was|were|had(?! to)|has(?! to)|have(?! to)|did|opened|began|begun|"
    r"started|ended|concluded|closed|took place|convened|reconvened|gathered|agreed|signed|said|told|"
    r"announced|wrapped up|broke up|failed|collapsed|adjourned|finished|launched|joined|reached|saw|sat|"
    r"ago|last)\b",
    re.IGNORECASE,
)
END_CUES = re.compile(
    r"\b(?:ended|ends|concluded|closed|wrapped up|broke up|broke off|failed|collapsed|adjourned|finished|suspended|"
    r"halted|(?:to|will|would|should|shall)\s+(?:end|conclude|close|wrap up)|"
    # "at the close of two days of talks": the end of talks, not "at the end of March"
    r"at the (?:close|end|conclusion) of (?:[\w-]+\s+){0,4}?"
    r"(?:talks|round|session|meetings?|negotiations|consultations))\b",
    re.I,
)
# A speech verb right before a date: the date is the saying's ("said on Monday", "told the council Thursday").
SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|added|stated|declared|reported|wrote|tweeted|briefed|recalled|warned|"
    r"stressed)(?:\s+(?:the\s+)?(?:U\.?N\.?\s+)?(?:[A-Z][\w.]*|reporters|journalists|council|a news conference|"
    r"in a statement|in a video briefing|in [A-Z][\w.-]*)){0,4}\s+$"
)
CLAUSE_BREAKS = re.compile(r",\s+(?:which|where|while|but|and|after|before|when|who|whose|as)\b|;|\s[—–]\s|\.\s|:\s")


def clause_around(sentence, start, end):
    """The clause of `sentence` (offsets relative to it) that holds [start, end)."""
    left, right = 0, len(sentence)
    for m in CLAUSE_BREAKS.finditer(sentence):
        if m.end() <= start:
            left = m.start() + 1 if m.group().startswith(",") else m.end()
        elif m.start() >= end and right == len(sentence):
            right = m.start()
    return left, right


def tense(sentence, start, end):
    """'future', 'past' or None: the tense of the verb nearest before the words at [start, end) in their
    clause (or, with none before, the nearest after). "met in Riyadh on Tuesday ..., who said the fourth
    round would be held in Amman in March": Tuesday is past, March to come.
    """
    left, right = clause_around(sentence, start, end)
    cues = []
    for m in FUTURE_CUES.finditer(sentence, left, right):
        if m.end() <= start or m.start() >= end:
            cues.append((m.start(), m.end(), "future"))
    for m in PAST_CUES.finditer(sentence, left, right):
        if (m.end() <= start or m.start() >= end) and not any(s < m.end() and m.start() < e for s, e, _ in cues):
            cues.append((m.start(), m.end(), "past"))
    before = [c for c in cues if c[1] <= start]
    if before:
        return max(before, key=lambda c: c[1])[2]
    after = [c for c in cues if c[0] >= end]
    return min(after)[2] if after else None


def is_future(sentence, start, end):
    """Whether the date words at [start, end) of the sentence speak of something still to come."""
    return tense(sentence, start, end) == "future"


def dates_end(sentence, start, end):
    left, right = clause_around(sentence, start, end)
    return bool(END_CUES.search(sentence[left:right]))


def in_quotation(sentence, index):
    """Whether `index` of the sentence lies inside quotation marks opened before it."""
    before = sentence[:index]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


def find_date_mentions(sentence):
    """Every date expression in a sentence, longest first where they overlap, in order of position."""
    found = []

    def add(m, kind, **data):
        s, e = m.span()
        if any(not (e <= f.start or s >= f.end) for f in found):
            return
        found.append(DateMention(s, e, m.group(), kind, data))

    for m in _DAY_DATE.finditer(sentence):
        g = m.groupdict()
        if g["month"]:  # "May 14-17", "November 28 to December 14, 2017"
            parts = (g["month"], g["day"], g["month2"] or g["month"], g["day2"], g["year"])
        elif g["dmonth"]:  # "14 to 17 May", "28 November to 14 December"
            parts = (g["dmonth1"] or g["dmonth"], g["dday"], g["dmonth"], g["dday2"], g["dyear"])
        else:  # "14 May"
            parts = (g["smonth"], g["sday"], g["smonth"], None, g["syear"])
        month, day, month2, day2, year = parts
        numbers = {"month": month_number(month), "day": int(day), "month2": month_number(month2),
                   "day2": int(day2) if day2 else None, "year": int(year) if year else None}  # fmt: skip
        add(m, "full" if year else "month_day", **numbers)
    for m in _MONTH_YEAR.finditer(sentence):
        add(m, "month_year", part=m.group("part"))
    for m in _WEEKDAY.finditer(sentence):
        add(m, "weekday", cue=(m.group("cue") or "").lower(), day=m.group("day"), day2=m.group("day2"),
            poss=bool(m.group("poss")))  # fmt: skip
    for m in _RELATIVE.finditer(sentence):
        add(m, "relative", expr=m.group("expr").lower())
    for m in _DAY_ALONE.finditer(sentence):
        # Only "the 28th" is the date; the cue word stays out of the span.
        add(m, "day_alone", cue=m.group("cue").lower(), day=int(m.group("day")))
    for m in _SEASON.finditer(sentence):
        add(m, "season", cue=m.group("cue").lower(), season=m.group("season").lower(), year=m.group("year"))
    for m in _MONTH_ALONE.finditer(sentence):
        if m.group("month") == "May" and sentence[m.start("month")] != "M":
            continue
        # Only the month is the date; the cue word ("in", "the") stays out of the span unless it is a part.
        s = m.start("part") if m.group("part") else m.start("month")
        e = m.end("month")
        if any(not (e <= f.start or s >= f.end) for f in found):
            continue
        found.append(
            DateMention(s, e, sentence[s:e], "month", {"cue": m.group("cue").lower(), "part": m.group("part")})
        )
    for m in _YEAR.finditer(sentence):
        before = sentence[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(resolution|no\.|number|\$|€|£)\s*$", before):
            continue
        add(m, "year")
    return sorted(found, key=lambda f: f.start)


@cache
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def parse_absolute(expression):
    """A printed date read by dateparser: (date, precision) or None. '2011' is a year, 'December 2015' a month."""
    data = _date_parser().get_date_data(expression)
    if data.date_obj is None:
        return None
    precision = {"day": DAY, "month": MONTH, "year": YEAR}.get(data.period, DAY)
    return _normalise(data.date_obj.date(), precision), precision


# ---------------------------------------------------------------------------------------------------
# Resolution against the anchor


def _most_recent_weekday(day, weekday, *, strictly=False):
    delta = (day.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return day - datetime.timedelta(days=delta)


def _same_week(a, b):
    return a.isocalendar()[:2] == b.isocalendar()[:2]


def _next_weekday(day, weekday, *, strictly=False):
    delta = (weekday - day.weekday()) % 7
    if strictly and delta == 0:
        delta = 7
    return day + datetime.timedelta(days=delta)


def _anchor_words(anchor):
    weekday = anchor.precision == DAY
    return f"in an article published {anchor.words(weekday=weekday)}"


def _shift_month(day, months):
    index = day.year * 12 + day.month - 1 + months
    return D(index // 12, index % 12 + 1, 1)


def _resolve_over_anchor(anchor, reading, precision):
    """Apply `reading(day)` (a date, or the list of dates a span covers) to every day the anchor allows.

    The readings that agree give one period; readings that disagree give a window of them.
    """
    days = list(anchor.days())
    results = []
    for day in days if len(days) <= 400 else [days[0], days[-1]]:
        value = reading(day)
        results.extend(value if isinstance(value, list) else [value])
    return _agree(results, precision)


def resolve(mention, sentence, anchor, *, reference=None):
    """The `DateFact` for one date mention in `sentence`, against the publication date `anchor`.

    `reference` is a day already resolved in the same sentence, for "the day before" and similar.
    """
    future = is_future(sentence, mention.start, mention.end)
    # "Ended last month", "will continue until Friday": the words date an end.
    until = re.search(r"\b(?:until|till|through)\s+$", sentence[: mention.start]) or data_cue(mention) == "until"
    ends = dates_end(sentence, mention.start, mention.end) or bool(until)
    quoted = f"'{mention.text}'"
    where = _anchor_words(anchor)
    kind, data = mention.kind, mention.data

    if kind == "full":
        try:
            start = Period(D(data["year"], data["month"], data["day"]), DAY)
            end = Period(D(data["year"], data["month2"], data["day2"]), DAY) if data["day2"] else None
        except ValueError:
            return None
        if end is not None and end.earliest < start.earliest:
            end = None
        return DateFact(start, end, STATED, "", mention, ends and not end)

    if kind == "month_year":
        m = _MONTH_YEAR.search(mention.text)
        parsed = parse_absolute(f"{m.group('month')} {m.group('year')}")
        if parsed is None:
            return None
        return DateFact(Period(parsed[0], MONTH), None, STATED, "", mention, ends)

    if kind == "year":
        return DateFact(Period(D(int(mention.text), 1, 1), YEAR), None, STATED, "", mention, ends)

    if kind == "month_day":
        month, day, month2, day2 = data["month"], data["day"], data["month2"], data["day2"]

        def reading(anchor_day):
            candidates = []
            for year in (anchor_day.year - 1, anchor_day.year, anchor_day.year + 1):
                try:
                    candidates.append(D(year, month, day))
                except ValueError:
                    continue
            consistent = [c for c in candidates if (c >= anchor_day if future else c <= anchor_day)] or candidates
            return min(consistent, key=lambda c: abs((c - anchor_day).days))

        years = {reading(d).year for d in (anchor.first_day, anchor.last_day)}
        if len(years) > 1:
            # Tense and anchor do not settle the year: take the nearest reading to the anchor's middle.
            middle = anchor.first_day + (anchor.last_day - anchor.first_day) / 2

            def reading(anchor_day, _middle=middle):
                candidates = [D(y, month, day) for y in (_middle.year - 1, _middle.year, _middle.year + 1)]
                return min(candidates, key=lambda c: abs((c - _middle).days))

        try:
            start = _resolve_over_anchor(anchor, reading, DAY)
        except ValueError:
            return None
        end = None
        if day2 and not start.is_window:
            year = start.earliest.year + (1 if month2 < month else 0)
            try:
                end = Period(D(year, month2, day2), DAY)
            except ValueError:
                end = None
            if end is not None and end.earliest < start.earliest:
                end = None
        note = f"{quoted}, with no year printed, {where}: {start.words()}"
        if end:
            note += f" to {end.words()}"
        return DateFact(start, end, INFERRED, note + ".", mention, ends and not end)

    if kind == "month":
        month = month_number(re.search(MONTH_RE, mention.text).group())
        cue = data.get("cue")

        def reading(anchor_day):
            this_year = D(anchor_day.year, month, 1)
            anchor_month = D(anchor_day.year, anchor_day.month, 1)
            if cue == "last":
                return this_year if this_year < anchor_month else D(anchor_day.year - 1, month, 1)
            if cue == "next" or future:
                return this_year if this_year >= anchor_month else D(anchor_day.year + 1, month, 1)
            return this_year if this_year <= anchor_month else D(anchor_day.year - 1, month, 1)

        start = _resolve_over_anchor(anchor, reading, MONTH)
        tense = "still to come" if future else "past"
        part = f" ('{data['part']}' is kept in this note, not in the date)" if data.get("part") else ""
        note = f"{quoted}, {tense}, {where}: {start.words()}{part}."
        return DateFact(start, None, INFERRED, note, mention, ends)

    if kind == "day_alone":
        day = data["day"]

        def reading(anchor_day):
            candidates = []
            for shift in (-1, 0, 1):
                month = _shift_month(anchor_day, shift)
                try:
                    candidates.append(D(month.year, month.month, day))
                except ValueError:
                    continue
            if future:
                return min((c for c in candidates if c >= anchor_day), default=max(candidates))
            return max((c for c in candidates if c <= anchor_day), default=min(candidates))

        if not 1 <= day <= 31:
            return None
        start = _coarsen_window(_resolve_over_anchor(anchor, reading, DAY), anchor)
        tense = "still to come" if future else "past"
        note = f"{quoted}, {tense}, {where}: {start.words()}."
        return DateFact(start, None, INFERRED, note, mention, ends)

    if kind == "season":
        if data.get("year"):
            note = f"{quoted}: the season is kept in this note; the date is its year."
            return DateFact(Period(D(int(data["year"]), 1, 1), YEAR), None, STATED, note, mention, ends)
        first, last = SEASON_MONTHS[data["season"]]
        cue = data.get("cue")

        def reading(anchor_day):
            if cue == "next" or cue != "last" and future:
                return D(anchor_day.year + (anchor_day.month > last), 1, 1)
            if cue == "this":
                return D(anchor_day.year, 1, 1)
            return D(anchor_day.year - (anchor_day.month < first), 1, 1)

        start = _resolve_over_anchor(anchor, reading, YEAR)
        tense = "still to come" if future or cue == "next" else "past"
        note = f"{quoted}, {tense}, {where}: {start.words()} (the season is kept in this note, not in the date)."
        return DateFact(start, None, INFERRED, note, mention, ends)

    if kind == "weekday":
        weekday = WEEKDAYS.index(data["day"])
        cue = data.get("cue")
        if cue == "next" or (future and cue != "last"):

            def reading(anchor_day):
                day = _next_weekday(anchor_day, weekday, strictly=cue == "next")
                # "Next Friday" said on a Monday is this week's Friday or the one after: both are read.
                return [day, day + datetime.timedelta(days=7)] if cue == "next" and _same_week(day, anchor_day) else day

        else:

            def reading(anchor_day):
                day = _most_recent_weekday(anchor_day, weekday, strictly=cue == "last")
                # "Last Tuesday" said on a Wednesday is yesterday or the Tuesday of last week: usage differs.
                return [day - datetime.timedelta(days=7), day] if cue == "last" and _same_week(day, anchor_day) else day

        start = _resolve_over_anchor(anchor, reading, DAY)
        end = None
        if data.get("day2"):
            gap = (WEEKDAYS.index(data["day2"]) - weekday) % 7
            end = Period(start.earliest + datetime.timedelta(days=gap), DAY)
            if start.is_window:
                end = None
        start = _coarsen_window(start, anchor)
        note = f"{quoted}, {where}: {start.words(weekday=start.precision == DAY)}"
        if end and start.precision == DAY:
            note = f"{quoted}, {where}: {start.words(weekday=True)} to {end.words(weekday=True)}"
        elif end:
            end = None
        return DateFact(start, end, INFERRED, note + ".", mention, ends and not end)

    if kind == "relative":
        expr = data["expr"]
        if expr in {"the day before", "the day after", "the next day", "the following day"}:
            if reference is None or reference.precision != DAY or reference.is_window:
                return None
            step = -1 if expr == "the day before" else 1
            day = reference.earliest + datetime.timedelta(days=step)
            start = Period(day, DAY)
            note = f"{quoted} {reference.words()}: {start.words()}."
            return DateFact(start, None, INFERRED, note, mention, False)
        said_on = reference is not None and reference.precision == DAY and not reference.is_window
        if expr in {"yesterday", "today", "tonight", "tomorrow"} and said_on and in_quotation(sentence, mention.start):
            # Quoted words count from the day they were said ('on Thursday, Guterres said "Yesterday's meeting"').
            step = {"yesterday": -1, "tomorrow": 1}.get(expr, 0)
            start = Period(reference.earliest + datetime.timedelta(days=step), DAY)
            note = f"{quoted}, in words quoted as said {reference.words(weekday=True)}: {start.words(weekday=True)}."
            return DateFact(start, None, INFERRED, note, mention, ends)
        unit_shift = _relative_reading(expr)
        if unit_shift is None:
            return None
        precision, reading = unit_shift
        if FINER[precision] < FINER[anchor.precision]:
            # Nothing finer than the anchor: an article known to the month cannot say which day "yesterday" was.
            precision = anchor.precision
        start = _resolve_over_anchor(anchor, reading, precision)
        start = _coarsen_window(start, anchor)
        note = f"{quoted}, {where}: {start.words(weekday=start.precision == DAY)}"
        if expr.endswith("week") and start.precision == MONTH:
            note += " (the week is kept in this note; the date is its month)"
        return DateFact(start, None, INFERRED, note + ".", mention, ends)
    return None


def data_cue(mention):
    return (mention.data.get("cue") or "").lower()


def _coarsen_window(period, anchor):
    """A window of days that all fall in one month is honestly that month when the anchor is no finer."""
    if period.is_window and period.precision == DAY and anchor.precision != DAY:
        month = period.coarsened(MONTH)
        return month if not month.is_window else period.coarsened(MONTH)
    return period


def _week(day, shift):
    """The seven days, Monday to Sunday, of the week `shift` weeks from `day`'s."""
    monday = day - datetime.timedelta(days=day.weekday() - 7 * shift)
    return [monday + datetime.timedelta(days=n) for n in range(7)]


def _relative_reading(expr):
    def days_back(n):
        return DAY, lambda d: d - datetime.timedelta(days=n)

    if expr in {"today", "tonight"}:
        return days_back(0)
    if expr == "yesterday":
        return days_back(1)
    if expr == "tomorrow":
        return days_back(-1)
    if expr in {"last week", "past week"}:
        # The calendar week before the anchor's, Monday to Sunday; its month is what is kept.
        return MONTH, lambda d: _week(d, -1)
    if expr in {"this week", "later this week", "earlier this week"}:
        return MONTH, lambda d: _week(d, 0)
    if expr == "next week":
        return MONTH, lambda d: _week(d, 1)
    if expr in {"this month", "later this month", "earlier this month"}:
        return MONTH, lambda d: d
    if expr in {"last month", "past month"}:
        return MONTH, lambda d: _shift_month(d, -1)
    if expr == "next month":
        return MONTH, lambda d: _shift_month(d, 1)
    if expr in {"this year", "later this year", "earlier this year"}:
        return YEAR, lambda d: d
    if expr in {"last year", "past year"}:
        return YEAR, lambda d: D(d.year - 1, 1, 1)
    if expr == "next year":
        return YEAR, lambda d: D(d.year + 1, 1, 1)
    m = re.fullmatch(r"(a|one|two|three|four|\d+) (day|week|month|year)s? ago", expr)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        if unit == "day":
            return days_back(n)
        if unit == "week":
            return MONTH, lambda d: _week(d, -n)
        if unit == "month":
            return MONTH, lambda d: _shift_month(d, -n)
        return YEAR, lambda d: D(d.year - n, 1, 1)
    return None


def resolve_sentence(sentence, anchor):
    """Every resolvable date in a sentence, in order, each resolved (relative ones against earlier ones)."""
    facts = []
    for mention in find_date_mentions(sentence):
        reference = next(
            (f.start for f in reversed(facts) if f.start and f.start.precision == DAY and not f.start.is_window),
            None,
        )
        fact = resolve(mention, sentence, anchor, reference=reference)
        if fact is not None:
            if SAID_BEFORE.search(sentence[max(0, mention.start - 60) : mention.start]):
                fact = replace(fact, of_speech=True)
            facts.append(fact)
    return facts
