"""Numbers that articles report about the war: what they measure, their value, qualifier and date.

`parse_number` reads a printed figure ("more than 470,000", "hundreds of thousands", "two-thirds",
"150-member", "nearly seven-year"); `find_figures` finds the figures of a sentence with patterns of news
prose ("has killed N", "N refugees", "home to N people", "a N-member committee", "the N-year war").
"""

import re
from dataclasses import dataclass

from .dates import is_future

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one-half": 0.5, "a third": 0.3333, "one-third": 0.3333, "one third": 0.3333,
    "two-thirds": 0.6667, "two thirds": 0.6667, "a quarter": 0.25, "one-quarter": 0.25, "one quarter": 0.25,
    "three-quarters": 0.75, "three quarters": 0.75,
}  # fmt: skip
ORDER_OF = {
    "dozens": None, "scores": None, "hundreds": None, "thousands": None, "tens of thousands": None,
    "hundreds of thousands": None, "millions": None, "tens of millions": None,
}  # fmt: skip
QUALIFIERS = [
    (r"more than|over|upwards of|in excess of|at least|more then", "more_than"),
    (r"nearly|almost|close to|just under|nigh on", "nearly"),
    (r"about|around|some|approximately|roughly|an estimated|estimated|an|up to|as many as", "about"),
]

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
ORDINAL = r"(?:" + "|".join(ORDINAL_WORDS) + r"|\d{1,2}(?:st|nd|rd|th))"


def ordinal_value(word):
    """'twelfth' or '12th' as 12."""
    word = word.lower()
    return ORDINAL_WORDS.get(word) or int(re.match(r"\d+", word).group())


_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in UNITS), key=len, reverse=True))
_SCALE = "|".join(SCALES)
_ORDER = "|".join(sorted((re.escape(w) for w in ORDER_OF), key=len, reverse=True))
_FRACTION = "|".join(sorted((re.escape(w) for w in FRACTIONS), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CARDINAL = (
    rf"(?:(?:{_DIGITS})(?:\s*(?:{_SCALE}))?|half a (?:{_SCALE})|(?:(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)"
    rf"(?:\s+(?:{_SCALE}))?)"
)
QUALIFIER_RE = "|".join(q for q, _ in QUALIFIERS)
NUMBER_RE = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{QUALIFIER_RE})\s+)?(?:(?P<order>{_ORDER})|(?P<halfa>half a (?:{_SCALE}))"
    rf"|(?P<fraction>{_FRACTION})|(?P<card>{CARDINAL}))"
    rf"(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    value: float | None
    qualifier: str
    text: str


def _cardinal(text):
    text = text.lower().replace(",", "").strip()
    if text.startswith("half a "):
        return 0.5 * SCALES[text.split()[-1]]
    m = re.fullmatch(rf"(?P<num>[\d.]+|[a-z -]+?)(?:\s*(?P<scale>{_SCALE}))?", text)
    if not m:
        return None
    num, scale = m.group("num").strip(), m.group("scale")
    if re.fullmatch(r"[\d.]+", num):
        value = float(num)
    else:
        parts = re.split(r"[- ]", num)
        if " ".join(parts) in UNITS:
            value = UNITS[" ".join(parts)]
        elif all(p in UNITS for p in parts):
            value = sum(UNITS[p] for p in parts)
        else:
            return None
    return value * (SCALES[scale] if scale else 1)


def parse_number(text):
    """A printed figure as (value, qualifier): None for an order of magnitude ('hundreds of thousands')."""
    m = NUMBER_RE.search(text)
    if not m:
        return None
    qualifier = "exact"
    if m.group("qual"):
        word = m.group("qual").lower()
        qualifier = next(q for pattern, q in QUALIFIERS if re.fullmatch(pattern, word))
    if m.group("order"):
        return Number(None, "order_of", m.group())
    if m.group("fraction"):
        return Number(FRACTIONS[m.group("fraction").lower()], qualifier, m.group())
    value = _cardinal(m.group("halfa") or m.group("card"))
    if value is None:
        return None
    return Number(value, qualifier, m.group())


def _clean(value):
    if value is None:
        return None
    value = round(value, 4)
    return int(value) if float(value).is_integer() else value


# ---------------------------------------------------------------------------------------------------
# Figures in a sentence: (measure, pattern). NUM is a printed number with its qualifier.

NUM = rf"(?P<num>(?:(?:{QUALIFIER_RE})\s+)?(?:{_ORDER}|{CARDINAL}))"
NUMX = NUM.replace("(?P<num>", "(?P<num2>")
PLACE = r"(?P<place>[A-Z][\w-]+(?: [A-Z][\w-]+)?)"

PATTERNS = [
    # "accusing Russia of the death of tens of thousands of civilians"
    ("civilian_deaths", rf"(?:death|deaths|killing) of {NUM}(?: of)? civilians", "people", "civilians killed"),
    ("civilian_deaths", rf"(?:killed|claimed the lives of) {NUM}(?: of)? civilians", "people", "civilians killed"),
    (
        "death_toll",
        rf"(?:killed|kill|claimed|claiming|cost|left) {NUM}(?: (?:lives|people|dead|Syrians))?",
        "people",
        "people killed in the war",
    ),
    (
        "death_toll",
        rf"death toll (?:of|at|to|has risen to|rose to|stands at|reached) {NUM}",
        "people",
        "people killed in the war",
    ),
    (
        "death_toll",
        rf"{NUM} (?:people )?(?:have been |were )?(?:killed|dead|deaths)\b",
        "people",
        "people killed in the war",
    ),
    (
        "displaced_computed",
        rf"displaced (?P<frac>{_FRACTION}) (?:of )?the (?:country['’]s )?(?P<prewar>pre-war )?"
        rf"{NUMX} population",
        "people",
        "people displaced by the war",
    ),
    ("displaced", rf"displaced {NUM}(?: (?:more|people|Syrians))?", "people", "people displaced by the war"),
    (
        "displaced",
        rf"(?:forced|forcing|driven|drove|driving|uprooted) {NUM}(?: (?:people|Syrians|civilians))? "
        rf"(?:from|out of) their homes",
        "people",
        "people displaced by the war",
    ),
    (
        "displaced",
        rf"{NUM} (?:people |Syrians )?(?:have been |were |are )?(?:internally )?displaced",
        "people",
        "people displaced by the war",
    ),
    ("refugees", rf"{NUM} (?:Syrian )?refugees", "people", "Syrian refugees"),
    # "driven some 6.8 million Syrians abroad as refugees"
    ("refugees", rf"{NUM}\s+(?:[\w-]+\s+){{0,5}}?as\s+refugees", "people", "Syrian refugees"),
    (
        "displaced_share",
        rf"(?P<num>{_FRACTION}) of (?:whom|them)\s+(?:(?:are|were|have been)\s+)?(?:displaced\s+)?from "
        rf"(?:other parts|elsewhere)",
        "share",
        "share of residents who are from other parts of the country",
    ),
    (
        "population",
        rf"(?:home to|comprises|population of|inhabited by|hosts) {NUM}(?: (?:people|residents|"
        rf"inhabitants|civilians))?",
        "people",
        "residents",
    ),
    ("population", rf"{NUM} (?:residents|inhabitants)", "people", "residents"),
    # "About 4.1 million people in the northwest depend on aid": people in need, not a population; the measures have
    # no closer kind, and `counts` says what is counted.
    (
        "population",
        rf"{NUM} (?:people|Syrians|civilians)(?P<where> (?:in|across) (?:the )?[\w-]+(?: [A-Z][\w-]+)?)? "
        rf"(?:(?:now |still )?(?:depend|rely|relies|depends) on|(?:are |were )?in need of|need) "
        rf"(?:humanitarian |international |outside |foreign )?(?:aid|assistance|help)",
        "people",
        "people who depend on aid",
    ),
    ("population", rf"pre-war {NUM} population", "people", "pre-war population"),
    ("committee_size", rf"{NUM}-(?:member|strong|seat)", "members", "members of the committee"),
    ("committee_size", rf"{NUM} (?:[A-Z][\w-]* ){{0,2}}(?:delegates|members)\b", "members", "members of the committee"),
    ("deescalation_zones", rf"{NUM} [\"“]?de-?escalation zones", "zones", "de-escalation zones"),
    ("troops", rf"{NUM}(?: of)?(?: [\w-]+)? (?:troops|soldiers|military personnel)", "troops", "troops deployed"),
    (
        "conflict_duration",
        rf"(?:(?P<now>now|nearly|almost) )?{NUM}[- ]year(?:-old)? (?:civil )?(?:war|conflict|crisis)",
        "years",
        "years the war has lasted",
    ),
    # "The war, now in its twelfth year": in its twelfth year, the war has lasted nearly twelve.
    (
        "conflict_duration",
        rf"(?P<now>now )?in its (?P<num>{ORDINAL}) year",
        "years",
        "years the war has lasted",
    ),
    (
        "conflict_duration",
        rf"(?:over|for|in) (?P<past>the past|the last) {NUM} years",
        "years",
        "years the war has lasted",
    ),
    (
        "rounds_held",
        rf"{NUM} (?:previous|earlier|prior) (?:rounds|meetings|sessions)",
        "meetings",
        "meetings held before",
    ),
    ("duration", rf"(?P<past>the past |the last )?{NUM} (?:months|weeks)(?! of (?:a|the) )", "months", "months"),
    ("duration", rf"for {NUM} (?:days|weeks|months)", "days", "days"),
]
COMPILED = [(m, re.compile(p, re.IGNORECASE), u, c) for m, p, u, c in PATTERNS]
WAR_WORDS = re.compile(r"\b(?:war|conflict|crisis)\b", re.IGNORECASE)
NOT_A_FIGURE = re.compile(r"\b(?:term|terms|sentence|old|anniversary)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundFigure:
    measure: str
    value: float | None
    qualifier: str
    value_text: str
    unit: str
    counts: str
    start: int  # of value_text in the sentence
    end: int
    prewar: bool = False
    note: str = ""


def find_figures(sentence):
    """The figures a sentence reports, each once, in order (the first pattern that claims a number wins)."""
    found, taken = [], []

    def free(s, e):
        return all(e <= ts or s >= te for ts, te in taken)

    for measure, regex, unit, counts in COMPILED:
        for m in regex.finditer(sentence):
            if measure == "displaced_computed":
                s, e = m.start("frac"), m.end()
                if not free(s, e):
                    continue
                whole = parse_number(m.group("num2"))
                share = FRACTIONS[m.group("frac").lower()]
                if whole is None or whole.value is None:
                    continue
                value_text = sentence[s:e]
                found.append(
                    FoundFigure(
                        "displaced",
                        _clean(share * whole.value),
                        whole.qualifier,  # as printed: "half the country's pre-war 23 million population" is exact
                        value_text,
                        unit,
                        counts,
                        s,
                        e,
                        note=f"'{value_text}': the number is that share of the whole.",
                    )
                )
                # The whole is a figure too: the population it is a share of.
                ws, we = m.start("num2"), m.end("num2")
                found.append(
                    FoundFigure(
                        "population",
                        _clean(whole.value),
                        whole.qualifier,
                        sentence[ws:we],
                        "people",
                        "pre-war population" if m.group("prewar") else "population",
                        ws,
                        we,
                        prewar=bool(m.group("prewar")),
                    )
                )
                taken.append((s, e))
                continue
            s, e = m.span("num")
            if not free(s, e):
                continue
            if re.fullmatch(ORDINAL, m.group("num"), re.I):
                if not WAR_WORDS.search(sentence[max(0, m.start() - 60) : m.start()]):
                    continue  # "in its twelfth year" of a war, not of a committee or a truce
                years, words = ordinal_value(m.group("num")), m.group().strip()
                note = f"'{words}': more than {years - 1} years, fewer than {years}."
                found.append(FoundFigure(measure, years, "nearly", words, unit, counts, m.start(), m.end(), note=note))
                taken.append((s, e))
                continue
            number = parse_number(m.group("num"))
            if number is None:
                continue
            if measure in {"conflict_duration", "duration"} and NOT_A_FIGURE.search(sentence[e : e + 25]):
                continue
            past = "past" in m.groupdict() and m.group("past")
            if measure == "conflict_duration" and past and not WAR_WORDS.search(sentence):
                continue
            if measure == "duration" and re.search(r"\bago\b", sentence[e : e + 15]):
                continue
            if (
                measure == "duration"
                and re.search(r"\b(?:in|within)\s+$", sentence[max(0, s - 8) : s])
                and (is_future(sentence, s, e))
            ):
                continue  # "possibly in two weeks": when something may happen, not how long something lasted
            value_start, qualifier = s, number.qualifier
            if m.groupdict().get("now"):
                value_start = m.start("now")
                if m.group("now").lower() in {"nearly", "almost"}:
                    qualifier = "nearly"
            if m.groupdict().get("past"):
                value_start = m.start("past")
            value_end = e
            tail = re.match(
                r"[- ](?:member|year|strong|seat)\b|\s+(?:delegates|years|months|weeks|days)\b", sentence[e:]
            )
            if tail and measure in {"committee_size", "conflict_duration", "duration"}:
                value_end = e + tail.end()
            if measure == "rounds_held":
                value_end = m.end()
            if measure == "duration" and number.value is not None and number.value < 2:
                continue
            if measure == "committee_size" and re.match(r"\s*(?:members\s+)?each\b", sentence[e : e + 20]):
                continue  # "50 members each from the regime, the opposition and civil society": a share, no size
            unit_here = unit
            if measure == "duration":
                unit_here = re.search(r"months|weeks|days", m.group(), re.I).group().lower()
            if measure == "conflict_duration" and "month" in m.group().lower():
                continue
            value = _clean(number.value)
            if measure in {"population", "death_toll", "displaced", "refugees"} and value is not None and value < 100:
                continue  # "killed two" is no toll of the war
            if m.groupdict().get("where"):
                counts_here = f"people{m.group('where')} who depend on aid"
            else:
                counts_here = counts if measure != "duration" else f"{unit_here} the period lasted"
            found.append(
                FoundFigure(
                    measure,
                    value,
                    qualifier,
                    sentence[value_start:value_end].strip(),
                    unit_here,
                    counts_here,
                    value_start,
                    value_end,
                )
            )
            taken.append((s, e))
    return sorted(found, key=lambda f: f.start)
