"""Rounds and meetings: found by the words news prose uses for them, grouped so that one event mentioned in
several sentences is one proposal, and tied to the knowledge base's records.

Each mention is read in the part of its sentence that speaks of it (clause breaks: ', which', ', while',
' after the ...'): its date (not a saying's, not a dateline's), its tense and status words, where it met,
who took part. Mentions are grouped by round number, by dates that can be one event's (a start no later than
an end) with a shared venue or process, and by words that point back ('the meeting, held on June 15-16').
A group becomes a proposal: a match of a known round when its number and dates, or its venue and dates,
agree; else a new round, with a new process only for talks in a city no known process is named after.
"""

import datetime
import re
from dataclasses import dataclass, field

from .actors import is_un_envoy_title
from .article import DATELINE, date_fields, is_country, precision_of, slug_for
from .dates import DAY, INFERRED, MONTH, Period, tense
from .figures import ORDINAL, ORDINAL_WORDS
from .model import Proposal

ORDINALS = ORDINAL_WORDS
ORDINAL_RE = ORDINAL
HEAD = (
    r"(?:rounds?(?:\s+of\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|consultations))?|talks|negotiations|meetings?|"
    r"sessions?|congress|conference|summit|consultations|gathering)"
)
ROUND_RE = re.compile(
    rf"(?P<mods>(?:\b(?:[\w'’.-]+)\s+){{0,3}}?)(?P<head>\b{HEAD})\b"
    rf"|(?P<verb>\b(?:(?:will|would|shall|to)\s+(?:for\s+the\s+first\s+time\s+)?meet(?:\s+again)?|met\s+again|"
    rf"met\s+(?:with|in|for|on|at|separately|briefly|twice)|meet\s+with|(?:will|would|to)\s+(?:reconvene|resume)|"
    # "Pedersen met the committee's co-chairs": a meeting with a party
    rf"met\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:co-chairs?|delegations?|delegates|negotiators|representatives)|"
    rf"reconvened?|resumed|convened?)\b)",
    re.IGNORECASE,
)
NOT_ROUNDS = re.compile(
    r"\b(?:news conference|press conference|talks aimed|format|dialogues?|process|Mediation|"
    r"face-to-face talks|talk at|future meetings|regular meetings|expert meetings|"
    r"parallel peace talks|international efforts)\b",
    re.IGNORECASE,
)
FORUM_HEAD = re.compile(r"congress|conference|summit|gathering|forum", re.I)
# What makes a conference a round of the peace talks rather than a forum where someone spoke.
PEACE_CUE = re.compile(r"\b(?:peace|Syria|Syrian|national dialogue|settlement|negotiat\w+)\b", re.I)
STATUS_WORD = re.compile(
    r"\b(?:adjourn\w*|suspended|postponed|delayed|put off|pushed back|rescheduled|cancell?ed|called off|scrapped|"
    r"will not (?:take place|go ahead)|won't (?:take place|go ahead)|did not take place|never took place)\b",
    re.I,
)
# Reports the article says are false: "Reports in Turkish media that ... proved unfounded".
DENIED = re.compile(
    r"\b(?:proved|proven|were|was|are|is)\s+(?:\w+\s+)?(?:unfounded|false|baseless|untrue|wrong)\b|\bdenied\b|"
    r"\bdismissed\b|\bno plans to\b",
    re.I,
)
REPORTS_THAT = re.compile(r"\b(?:reports?|rumou?rs?|claims?|speculation)\b[^.;]{0,80}\bthat\b", re.I)
LENGTH_OF = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty)\s+(?:months|years)\s+of\s+$", re.I
)
# One side alone, meeting among itself: "Opposition groups are due to meet in Riyadh".
ONE_SIDE = re.compile(
    r"(?:the\s+)?(?:Syrian\s+)?(?:armed\s+)?(?:opposition|rebel|government|regime)\s*(?:groups?|factions|figures|"
    r"officials|leaders|members|forces|parties|platforms)?(?:\s+(?:are|is|were|was|will|would|have|had))?"
    r"(?:\s+(?:due|expected|set|scheduled|planning|going))?(?:\s+to)?",
    re.I,
)
HEDGES = re.compile(  # lower case: "May" is a month
    r"\b(?:could|may|might|possibly|perhaps|unlikely|uncertain|doubtful|reportedly|appears?|seems?|"
    r"it is unclear|not clear|possibility|prospect|Perhaps|Possibly|Reportedly)\b"
)
SEGMENT_BREAKS = re.compile(
    r",\s+(?:which|where|while|but|after|before|when|who|whose|although|though)\b|;|:\s"
    r"|\s(?:after|before|while|whereas|although)\s+(?=(?:the|a|an|its|their|his|her)\b)",
)
FUTURE_VERB = re.compile(r"(?:will|would|to|shall)\b", re.I)
CONVENES = re.compile(
    r"\b(?:convened|convene|hosted|host|hosts|hosting|sponsored|sponsor|sponsoring|brokered|organi[sz]ed|backing|"
    r"backed|holding)\b",
    re.I,
)
# Who leads a delegation; a 'negotiator' is one of its members, not its head.
LEADS = re.compile(
    r"\b(?:head|heads|headed|led|leads|leader|chief|chief negotiator|co-chairs?|chaired|chairs|nominated by)\b", re.I
)
AGAINST = re.compile(r"\b(?:objected|objects|opposed|opposes|refused|rejected|boycott\w*|against)\b", re.I)
LEAD_BEFORE = re.compile(r"\b(?:head|leader|chief|co-chair|chair)\s+of\s+(?:the\s+)?$", re.I)
SIDES = [
    ("government", re.compile(r"\b(?:the\s+)?(?:delegation\s+of\s+the\s+Syrian\s+Arab\s+Republic|"
                              r"Syrian\s+Arab\s+Republic(?:['’]s)?\s+delegation)\b")),
    ("government", re.compile(r"\b(?:the\s+)?(?:Syrian\s+)?(?:[Gg]overnment|regime)(?:['’]s)?(?:\s+(?:delegation|"
                              r"delegates|negotiators|representatives|side|team|list))?\b")),
    ("opposition", re.compile(r"\b(?:an?|the)\s+delegation\s+(?:of|from|representing)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                              r"(?:opposition|rebel)\s+(?:groups|factions|forces|fighters)\b")),
    ("opposition", re.compile(r"\b(?:the\s+)?(?:Syrian\s+)?opposition(?:['’]s)?(?:\s+(?:delegation|delegates|"
                              r"negotiators|representatives|side|team|list))?\b(?!\s+(?:groups?|fighters|forces|"
                              r"figures|bastion|-held|held|areas|strongholds))")),
    ("civil_society", re.compile(r"\bcivil society(?:\s+(?:delegation|delegates|representatives|list))?\b")),
]  # fmt: skip
OUTCOME = re.compile(
    r"\b(?:without (?:progress|agreement|agreeing|a deal|a breakthrough|results?)|"
    r"(?:ended|concluded|closed|broke up) with\b|"
    r"failed|collapsed|broke down|agreed (?:on|to)\b|agreement (?:was|on)\b|was reached|"
    r"reached (?:an? )?(?:agreement|deal)|produced|hailed as|a landmark|breakthrough)",
    re.I,
)
# Who meets says what the meeting is: a body in session or the two sides hold a round; people hold a meeting.
BODY = re.compile(r"\b(?:committee|body|delegations|delegates|negotiators|parties|sides|talks)\b", re.I)
ROUND_AFTER = re.compile(r"[^,.;]{0,30}?\bfor\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:round|session|talks)\b", re.I)
TALKS_CUE = re.compile(
    r"\b(?:talks|negotiat\w*|peace|delegations?|envoys?|cease-?fire|truce|conflict|war|dialogue|mediat\w*|"
    r"Syria\w*|opposition|government)\b",
    re.I,
)
ROUND_WORD = re.compile(rf"\b{ORDINAL_RE}\s+(?:round|session)\b", re.I)
WHEN_CLAUSE = re.compile(r"^,\s+when\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}$")
# What is convened: a body in session ("convene the committee's small body") is a round.
CONVENED_BODY = re.compile(r"\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}?(?:committee|body|council|session|round)\b", re.I)
PARTICIPATION = re.compile(
    r"\b(?:with the participation of|in the presence of|attended by|bringing together|brought together)\b", re.I
)
ATTENDS = re.compile(r"\b(?:attend\w*|take part|took part|taking part|participat\w*|be represented|joined)\b", re.I)
ENVOY_MENTION = re.compile(r"\b(?:special envoy|envoy|mediator)\b", re.I)
LEADERS = re.compile(r"\b(?:leaders|presidents|heads of state|foreign ministers|ministers|prime ministers)\b", re.I)
COUNTED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|many|numerous|few|"
    r"dozens?|previous|past|prior|earlier|all)\b",
    re.I,
)
ANCHOR_MODS = re.compile(r"\b(?:last|latest|previous|next|fresh|new|upcoming)\b", re.IGNORECASE)
UNDER_WAY = re.compile(r"\b(?:are|is)\s+(?:taking|being held|under way|underway|continuing|meeting)\b|\bintend\b", re.I)
PROCESS_WORDS = re.compile(r"\s+(?:guarantors|format|process|track|peace process)\b", re.I)
CITY_AFTER_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<city>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b")
VENUE_LINK = re.compile(r"\b(?:in|at|from|to|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?$", re.I)
CONSTITUTION = re.compile(
    r"\bconstitution(?:al)?\b.*\bcommittee\b|\bdrafting (?:committee|body)\b|\bcommittee\b.*\bconstitution|"
    r"drafting a constitution|\bconstitutional committee\b|\bconstitution(?:al)? (?:talks|negotiations)\b|"
    r"\b(?:talks|negotiations|rounds?|sessions?) on (?:\w+['’]s |the |a )?(?:new |future |draft )?constitution\b",
    re.I,
)
STATES = {"guarantor", "state"}
MAX_EVENT_DAYS = 92  # the longest a round's start and end may be apart, at the precision of months
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# The length of talks in days: "two days of talks", "after five days of meetings", "the three-day session".
DAYS_OF_TALKS = re.compile(
    r"(?<!first of )\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)"
    r"(?:-day\s+(?:[\w-]+\s+){0,2}?(?:talks|session|round|meeting|conference|negotiations)"
    r"|\s+days\s+of\s+(?:[\w-]+\s+)?(?:talks|meetings|negotiations|consultations|discussions))\b"
    r"|\b(?:continues|continue|lasts|last|lasting|runs|run|running)\s+for\s+"
    r"(?P<n2>two|three|four|five|six|seven|\d)\s+days\b",
    re.I,
)


@dataclass
class RoundMention:
    sentence: object
    start: int  # absolute offsets of the words that name the event
    end: int
    head: str
    ordinal: int | None = None
    date: object = None  # DateFact
    venue: str | None = None
    venue_how: str = ""
    status: str = "held"
    format: str = "round"
    process: str | None = None
    anchored: bool = False
    modifiers: str = ""
    people: list = field(default_factory=list)
    envoy_people: list = field(default_factory=list)
    delegations: list = field(default_factory=list)
    end_date: object = None  # DateFact: an end the same words give besides their date
    under_way: bool = False
    hedged: bool = False
    tense: str | None = None  # past or future when a verb says so
    process_how: str = ""  # named (in the words), format (bilateral), venue (a process named after the venue)
    process_cue: str | None = None  # a process named through its city: "the Astana guarantors"
    segment: tuple = (0, 0)  # the part of the sentence (relative offsets) that speaks of this event


@dataclass
class Cluster:
    mentions: list = field(default_factory=list)

    def first(self, attribute):
        return next((getattr(m, attribute) for m in self.mentions if getattr(m, attribute)), None)

    @property
    def ordinal(self):
        return self.first("ordinal")

    @property
    def venue(self):
        return self.first("venue")

    @property
    def process(self):
        """The process named in the words, else one inferred from a venue or the article."""
        named = next((m.process for m in self.mentions if m.process and m.process_how != "venue"), None)
        return named or self.first("process")

    @property
    def named_process(self):
        return next((m.process for m in self.mentions if m.process and m.process_how != "venue"), None)

    @property
    def status(self):
        """Cancelled, postponed or adjourned when the words say so; held when a past verb says it met (talks that
        opened and 'will run' to Friday are held); else planned when a mention speaks of it to come."""
        anchored = [m for m in self.mentions if m.anchored] or self.mentions
        statuses = [m.status for m in anchored]
        for special in ("cancelled", "postponed", "adjourned"):
            if special in statuses:
                return special
        if any(m.status == "held" and m.tense == "past" for m in anchored):
            return "held"
        return "planned" if "planned" in statuses else "held"

    @property
    def format(self):
        formats = [m.format for m in self.mentions]
        for f in ("bilateral", "technical", "congress"):
            if f in formats:
                return f
        if self.ordinal:
            return "round"
        return formats[0]

    @property
    def dates(self):
        """(start, end): the finest date that starts the event (with its own end if it gives one: 'June 15-16'),
        and, when that gives none, the finest that ends it ('ended ... on Friday'), not before the start."""
        facts = [f for m in self.mentions for f in (m.date, m.end_date) if f and f.start]
        starts = [f for f in facts if not f.ends_event]
        start = min(starts, key=_fineness) if starts else None
        if start is not None and start.end is not None:
            return start, None
        ends = [f for f in facts if f.ends_event and (start is None or f.start.last_day >= start.start.first_day)]
        return start, (min(ends, key=_fineness) if ends else None)

    @property
    def date(self):
        """The date that stands for the event: its start, else its end."""
        start, end = self.dates
        return start or end


class Rounds:
    def __init__(self, article, places, people_proposals):
        self.article = article
        self.places = places
        self.people = people_proposals
        self.used_dates = set()  # ids of the DateFacts that date rounds: no milestone takes them
        self._forums_seen = set()

    # -- mentions
    def mentions(self):
        a = self.article
        found = []
        for sentence in a.sentences:
            headline = sentence.index < 3 and a.is_headline(sentence)
            if not a.is_prose(sentence) and not headline:
                continue
            for m in ROUND_RE.finditer(sentence.text):
                mention = self._mention(sentence, m)
                if mention is not None:
                    # A headline names the event the report tells ("Syria peace talks open in Astana"): it may say
                    # where, but it starts no event of its own.
                    mention.anchored = mention.anchored and not headline
                    found.append(mention)
        return found

    def _mention(self, sentence, m):
        a = self.article
        text = sentence.text
        if m.group("verb"):
            s, e = m.span("verb")
            head = "meet"
        else:
            s, e = m.start("head"), m.end("head")
            head = m.group("head").lower()
        mods = (m.group("mods") or "") if not m.group("verb") else ""
        if NOT_ROUNDS.search(text[max(0, s - 20) : e + 12]):
            return None
        if head.startswith("talk") and re.match(r"\s+(?:on|about)\b", text[e:]) and not mods.strip():
            return None
        if re.fullmatch(r"(?:rounds|meetings|sessions)\b.*", head) and COUNTED.search(mods):
            return None  # "the five previous meetings", "several rounds": a count of events, not one of them
        if re.search(r"\bdelegations?\s+(?:to|at)\s+(?:the\s+)?(?:\S+\s+){0,2}$", text[max(0, s - 60) : s], re.I):
            return None  # "the official opposition delegation to the Geneva political talks": the process
        absolute = sentence.slice(s, e)
        if any(k.start < absolute[1] and absolute[0] < k.end for k in a.mentions_in(sentence, "delegations")):
            return None  # "Syrian Negotiations Commission", "High Negotiations Committee": a name
        if DENIED.search(text) and REPORTS_THAT.search(text[:s]):
            return None  # "Reports ... that the leaders would announce a new round ... proved unfounded"
        forum = None
        # "Their next summit": a summit of the leaders the article has already shown meeting on Syria.
        again = head in self._forums_seen
        if FORUM_HEAD.fullmatch(head) and not PEACE_CUE.search(text[max(0, s - 40) : e + 40]) and not again:
            # "At a conference on Thursday focusing on mediation": a forum someone spoke at, not a round of talks.
            # "The gathering", with nothing else said, may still refer to a congress named before.
            if not re.search(r"\b(?:the|this|that)\s*$", mods, re.I) or re.search(r"\b[A-Z]", mods):
                return None
            forum = "anaphora"
        if FORUM_HEAD.fullmatch(head):
            self._forums_seen.add(head)
        mention = RoundMention(sentence, *sentence.slice(s, e), head)
        mention.segment = segment_around(text, s, e)
        if (
            head == "meet"
            and ONE_SIDE.fullmatch(_subject(text, mention.segment[0], s).strip())
            and not re.search(r"\b(?:with|and)\b", text[e : mention.segment[1]])
        ):
            return None  # "Opposition groups are due to meet in Riyadh ... to form a single delegation": no talks
        if LENGTH_OF.search(text[max(0, s - 30) : s]):
            return None  # "after 20 months of negotiations": how long, not one event
        ordinal = re.search(rf"\b(?P<o>{ORDINAL_RE})\s+(?:[\w-]+\s+)?(?:round|meeting|session)s?\b", mods + head, re.I)
        if ordinal:
            word = ordinal.group("o").lower()
            mention.ordinal = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        appositive = re.match(
            rf",\s+(?:the|its|their)\s+(?:[\w'’-]+['’]s\s+)?(?P<o>{ORDINAL_RE})\s*[,.;]", text[e:], re.I
        )
        if ordinal is None and appositive and not head.startswith(("talk", "summit", "conference")):
            # "The session, the committee's ninth, will open": the number in apposition.
            word = appositive.group("o").lower()
            mention.ordinal = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        elliptic = re.search(rf"\b[Tt]he\s+(?P<o>{ORDINAL_RE})\s*$", text[max(0, s - 20) : s])
        if ordinal is None and head == "meet" and elliptic and ROUND_WORD.search(text[: s - len(elliptic.group())]):
            # "The 14th round, held ..., and the 15th met in Sochi": the 15th round.
            word = elliptic.group("o").lower()
            mention.ordinal = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        mention.modifiers = mods.lower()
        if re.search(r"\b(?:technical|expert)\b", mods, re.I):
            mention.format = "technical"
        elif head in {"summit", "summits"}:
            mention.format = "meeting"  # leaders meeting, not a congress of many
        elif FORUM_HEAD.fullmatch(head):
            mention.format = "congress"
        elif head == "meet" and (
            BODY.search(_subject(text, mention.segment[0], s))
            or ROUND_AFTER.match(text[e:])
            or re.search(r"conven", text[s:e], re.I)
            and CONVENED_BODY.match(text[e:])
        ):
            mention.format = "round"  # a body meeting in session is a round, people meeting are a meeting
        elif head.startswith("meet") or head in {"meeting", "meetings"}:
            mention.format = "meeting"
        # Dates in the clause, nearest first, unless another event's words are nearer to them.
        facts = [f for f in a.dates.get(sentence.index, []) if not f.of_speech]
        triggers = [
            t.span("head") if t.group("head") else t.span("verb")
            for t in ROUND_RE.finditer(text)
            if not NOT_ROUNDS.search(text[max(0, t.start() - 20) : t.end() + 12])
        ]

        def gap(span, f):
            return max(span[0] - f.mention.end, f.mention.start - span[1], 0)

        clause_facts = [
            f for f in facts
            if f.mention and _same_clause(text, f.mention.start, s) and gap((s, e), f) < 120
            and min(triggers, key=lambda t: gap(t, f), default=(s, e)) == (s, e)
            and not governed_elsewhere(text, s, f.mention.start)
            and not re.search(r"\bsince\s+$", text[max(0, f.mention.start - 10) : f.mention.start])
        ]  # fmt: skip
        when = WHEN_CLAUSE.search(text[max(0, s - 90) : s])
        if not clause_facts and when:
            # "The talks began in January 2017, when the first round brought ...": the date the clause hangs on.
            clause_facts = [f for f in facts if f.mention and f.mention.end == max(0, s - 90) + when.start()]
        if clause_facts and forum is None:
            nearest = min(clause_facts, key=lambda f: abs(f.mention.start - s))
            # "This week's meeting, which opened on Tuesday": the finer of two dates that agree.
            finer = [f for f in clause_facts if f.start and nearest.start and f.start.finer_than(nearest.start)
                     and nearest.start.contains(f.start) and f.ends_event == nearest.ends_event]  # fmt: skip
            mention.date = min(finer, key=lambda f: abs(f.mention.start - s)) if finer else nearest
            self.used_dates.add(id(mention.date))
            # "which opened on Monday, will continue until Friday": a second date of the same words, its end.
            ends = [f for f in clause_facts if f.ends_event and f is not mention.date and not mention.date.ends_event]
            if ends:
                mention.end_date = min(ends, key=lambda f: abs(f.mention.start - s))
                self.used_dates.add(id(mention.end_date))
        mention.status, mention.hedged = self._status(sentence, mention, mods)
        mention.under_way = bool(UNDER_WAY.search(text)) and mention.status == "held"
        # Venue: "in Geneva", "the Vienna talks", "the Black Sea resort city of Sochi"
        mention.venue, mention.venue_how = self._venue(sentence, mention, s, e, mods)
        # Envoys anywhere in the sentence (an envoy speaks of the talks he convenes); others in the mention's part.
        lo, hi = mention.segment
        mention.people = list(dict.fromkeys(
            k.slug if k.kind == "people" else a.kb.person_of_envoy(k.slug) or k.slug
            for k in a.mentions_in(sentence, "people", "envoys", start=lo, end=hi)
        ))  # fmt: skip
        mention.envoy_people = list(dict.fromkeys(
            k.slug if k.kind == "people" else a.kb.person_of_envoy(k.slug) or k.slug
            for k in a.mentions_in(sentence, "people", "envoys")
        ))  # fmt: skip
        mention.delegations = [k.slug for k in a.mentions_in(sentence, "delegations", start=lo, end=hi)]
        if self._bilateral(sentence, mention):
            mention.format = "bilateral"
        mention.process = self._process(sentence, mention)
        mention.anchored = forum is None and bool(
            mention.date or mention.ordinal or ANCHOR_MODS.search(mods) or mention.format == "bilateral"
        )
        return mention

    def _status(self, sentence, mention, mods):
        """(status, hedged): planned from the tense of the words naming it or dating it, or from 'a seventh
        round' / 'the next round'; postponed, cancelled, adjourned from explicit words that speak of it."""
        text = sentence.text
        s, e = mention.start - sentence.start, mention.end - sentence.start
        # "The talks ... intend to push towards an end to the war": their aim, not their date.
        purpose = re.match(r"(?:\s+between\s+[^,.;]{0,60}?)?\s+(?:intend|aim|seek|hope)s?\s+to\b", text[e:], re.I)
        tenses = [tense(text, s, e + (purpose.end() if purpose else 0))]
        if mention.head == "meet" and FUTURE_VERB.match(text[s:e]):
            tenses = ["future"]  # "will meet", "would meet again": the verb says it
        if mention.date is not None and mention.date.mention is not None:
            tenses.insert(0, tense(text, mention.date.mention.start, mention.date.mention.end))
        status = "planned" if "future" in tenses and "past" not in tenses[:1] else "held"
        mention.tense = tenses[0] or (tenses[1] if len(tenses) > 1 else None)
        lo, hi = mention.segment
        part = text[lo:hi]
        indefinite = bool(mention.ordinal) and bool(
            re.search(rf"\b(?:a|an)\s+{ORDINAL_RE}\s+(?:[\w-]+\s+)?$", text[max(0, s - 30) : s] + " ", re.I)
            or re.search(rf"\b(?:a|an)\s+{ORDINAL_RE}\s+(?:[\w-]+\s+)?round", (mods + mention.head), re.I)
        )
        if indefinite and not re.search(r"\b(?:held|ended|opened|began|met|concluded)\b", part):
            status = "planned"
        if re.search(r"\bnext\b", mods, re.I):
            status = "planned"
        for word in STATUS_WORD.finditer(text):
            if _status_word_speaks_of(text, word, s, e):
                status = _status_of(word.group())
        hedged = bool(HEDGES.search(part))
        return status, hedged

    def _venue(self, sentence, mention, s, e, mods):
        """(venue, how): 'in Geneva' near the words naming the event, or a city before them ('the Vienna talks').

        A city that names a process is the process, not the venue, when the words say where they met: "the
        Astana talks in Nur-Sultan", "a meeting of the Astana guarantors ... in Tehran".
        """
        a = self.article
        text = sentence.text
        venues = a.mentions_in(sentence, "venues")
        modifier = None
        for v in venues:  # before the head ("the Vienna talks") or inside it ("round of the Astana talks")
            if sentence.start + s - len(mods) - 1 <= v.start and v.end <= sentence.start + e:
                modifier = v
        if modifier is not None and not a.kb.process_named_after(modifier.slug):
            return modifier.slug, "modifier"
        candidates = []
        lo, hi = mention.segment
        for v in venues:
            rel = v.start - sentence.start
            if v is modifier or not lo <= rel < hi or not _same_clause(text, rel, s) and abs(rel - s) > 60:
                continue
            process = a.kb.process_named_after(v.slug)
            if process and PROCESS_WORDS.match(text[v.end - sentence.start :]):
                mention.process_cue = mention.process_cue or process
                continue
            link = VENUE_LINK.search(text[max(0, rel - 45) : rel])
            if link:
                candidates.append((abs(rel - s), v.slug, link.group().split()[0].lower() in {"in", "at"}))
        # "in Geneva, where a ninth session ... is expected": the place the relative clause hangs on.
        where = re.search(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s*$", text[max(0, lo - 40) : lo])
        if where and text[lo:].startswith(", where"):
            known = [v for v in venues if v.start - sentence.start == max(0, lo - 40) + where.start(1)]
            slug = known[0].slug if known else self.places.venue(where.group(1), sentence, *sentence.slice(
                max(0, lo - 40) + where.start(1), max(0, lo - 40) + where.end(1)))  # fmt: skip
            if slug:
                candidates.append((abs(lo - s), slug, True))
        for m in CITY_AFTER_IN.finditer(text, lo, hi):
            if abs(m.start() - s) > 70 or any(v.start - sentence.start == m.start("city") for v in venues):
                continue
            name = m.group("city")
            slug = self.places.venue(name, sentence, *sentence.slice(*m.span("city")))
            if slug is None and re.search(r"[- ]", name):
                first = re.match(r"[A-Z][a-z]+", name).group()
                slug = self.places.venue(
                    first, sentence, *sentence.slice(m.start("city"), m.start("city") + len(first))
                )
            if slug and not _is_place_of_war(text, m.start()):
                candidates.append((abs(m.start() - s), slug, True))
        if modifier is not None:
            # 'The Astana talks in Nur-Sultan': only 'in' or 'at' says the talks met elsewhere than their name.
            candidates = [c for c in candidates if c[2]]
        if candidates:
            if modifier is not None:
                mention.process_cue = mention.process_cue or a.kb.process_named_after(modifier.slug)
            return min(candidates)[1], "in"
        if modifier is not None:
            return modifier.slug, "modifier"
        return None, ""

    def _bilateral(self, sentence, mention):
        """Talks between two states' leaders: two leaders meet, 'talks between US and Russian foreign ministers',
        'the two leaders met'; not an envoy meeting a committee's co-chairs."""
        a = self.article
        lo, hi = mention.segment
        envoy = ENVOY_MENTION.search(sentence.text, lo, hi) or any(
            a.kb.envoy_of_person(p) or p in self.people and any(
                is_un_envoy_title(r["title"]) for r in self.people[p].fields.get("roles", []))
            for p in mention.people
        )  # fmt: skip
        if envoy or re.search(r"\bco-chairs?\b", sentence.text[lo:hi], re.I):
            return False
        states = [d for d in mention.delegations if (a.kb.get("delegations", d) or _Empty).get("side") in STATES]
        leaders = [p for p in mention.people if p not in {a.kb.person_of_envoy(e.slug) for e in a.kb.all("envoys")}]
        between = re.search(r"\bbetween\s+(?:the\s+)?(?:US|U\.S\.|[A-Z]\w+)\s+and\s+[A-Z]\w+", sentence.text)
        if mention.head in {"meet"} and len(leaders) >= 2 and not mention.ordinal:
            return True
        if between and re.search(r"\bministers?|presidents?|leaders\b", sentence.text, re.I) and not mention.ordinal:
            return True
        if mention.head == "meet" and LEADERS.search(_subject(sentence.text, mention.segment[0], mention.start
                                                              - sentence.start)):  # fmt: skip
            return True  # "The two leaders met for more than four hours"
        return len(set(states)) >= 2 and mention.head == "meet" and "visit" in sentence.text

    def _process(self, sentence, mention):
        a = self.article
        lo, hi = mention.segment
        part = sentence.text[lo:hi]
        # The whole sentence speaks of this event only when it names no other ("..., while in Geneva the Syrian
        # Constitutional Committee's small body ended its fourth session").
        text = sentence.text
        alone = all(
            lo <= t.start() < hi for t in ROUND_RE.finditer(text)
            if not NOT_ROUNDS.search(text[max(0, t.start() - 20) : t.end() + 12])
        )  # fmt: skip
        named = a.mentions_in(sentence, "processes", start=lo, end=hi) or alone and a.mentions_in(sentence, "processes")
        constitution = CONSTITUTION.search(part) or not named and alone and CONSTITUTION.search(sentence.text)
        if constitution and mention.format != "congress":
            cc = next((p.slug for p in a.kb.all("processes") if "constitution" in p.name.lower()), None)
            if cc:
                mention.process_how = "named"
                return cc
        if named and mention.format != "bilateral":
            mention.process_how = "named"
            return named[0].slug
        if mention.format == "bilateral":
            mention.process_how = "format"
            return next((p.slug for p in a.kb.all("processes") if "bilateral" in p.name.lower()), None)
        if mention.process_cue:
            mention.process_how = "named"
            return mention.process_cue
        guarantors = self._guarantors_process(mention)
        if guarantors:
            mention.process_how = "guarantors"
            return guarantors
        mention.process_how = "venue"
        if mention.format == "congress":
            return a.kb.process_named_after(mention.venue) if mention.venue else None
        if mention.venue:
            process = a.kb.process_named_after(mention.venue)
            return process if self._format_fits(process, mention.format) else None
        return None

    def _guarantors_process(self, mention):
        """'Senior officials from Russia, Turkey and Iran met in Tehran': the process those states guarantor together
        (every guarantor of it, two at least, named where the meeting is)."""
        a = self.article
        named = set(mention.delegations)
        for process in a.kb.all("processes"):
            states = {
                d["delegation"] for r in a.kb.all("rounds") if r.get("process") == process.slug
                for d in r.get("delegations", []) if d.get("role") == "guarantor"
            }  # fmt: skip
            if len(states) >= 2 and states <= named:
                return process.slug
        return None

    def _country_of(self, venue):
        record = self.article.kb.get("venues", venue)
        if record is not None:
            return record.get("country")
        proposal = self.places.venues.get(venue)
        return proposal.fields.get("country") if proposal else None

    def _format_fits(self, process, format_):
        """Whether talks of this format can be of the process, by the formats of its known rounds: a meeting in Sochi
        is no session of the Sochi congress, which met once, as a congress."""
        formats = {r.get("format") for r in self.article.kb.all("rounds") if r.get("process") == process}
        return not formats or format_ in formats or not ({format_} | formats) & {"congress", "bilateral"}

    # -- grouping
    def clusters(self):
        mentions = self._all_mentions = self.mentions()
        clusters = []
        for m in [m for m in mentions if m.anchored]:
            target = next((c for c in clusters if _compatible(c, m, strict=True)), None)
            if target is None:
                target = next((c for c in reversed(clusters) if _compatible(c, m, strict=False)), None)
            if target is None:
                clusters.append(Cluster([m]))
            else:
                target.mentions.append(m)

        # Unanchored mentions ("the talks", "the Vienna meetings") join the nearest event they fit.
        # In its own sentence only an event named in the same part of it counts ("met with Syrian officials ...
        # after the eighth round of talks": the meeting is not the eighth round).
        def distance(c, m):
            near = [
                abs(x.sentence.index - m.sentence.index)
                for x in c.mentions
                if x.sentence.index != m.sentence.index or x.segment == m.segment
            ]
            return min(near, default=99)

        for m in [m for m in mentions if not m.anchored]:
            fitting = [c for c in clusters if _compatible(c, m, strict=False, loose=True) and distance(c, m) < 99]
            if fitting:
                # "The meeting, which continues for two days": the event already told, before one told after.
                nearest = min(fitting, key=lambda c: (
                    m.format not in {x.format for x in c.mentions},
                    min(x.sentence.index for x in c.mentions) > m.sentence.index,
                    distance(c, m),
                ))  # fmt: skip
                if distance(nearest, m) <= 3 or m.venue:
                    nearest.mentions.append(m)
        self._article_defaults(clusters)
        return [c for c in clusters if c.mentions]

    def _article_defaults(self, clusters):
        """A round without a process or venue takes those the article gives its other rounds of the same talks."""
        a = self.article
        # Numbered rounds of one article are of one series: "the ninth round of Syria's Constitutional Committee
        # ... The eighth round ended in Geneva" — the eighth's process is not Geneva's because it met there.
        named = {c.named_process for c in clusters if c.ordinal and c.named_process}
        if len(named) == 1:
            process = named.pop()
            for c in clusters:
                if c.ordinal and not c.named_process and c.format not in {"bilateral", "congress", "technical"}:
                    c.mentions[0].process, c.mentions[0].process_how = process, "article"
        # "The next meeting is expected in Sochi": the next of the talks the article reports, wherever it meets.
        reported = {c.named_process for c in clusters if c.named_process and c.format not in {"bilateral", "congress"}}
        if len(reported) == 1:
            process = next(iter(reported))
            for c in clusters:
                nxt = re.search(r"\b(?:next|following)\b", " ".join(m.modifiers for m in c.mentions))
                if nxt and not c.named_process and c.format not in {"bilateral", "congress"}:
                    c.mentions[0].process, c.mentions[0].process_how = process, "article"
                    c.next_of = process
        located = [c for c in clusters if c.process and c.venue and c.format not in {"bilateral", "congress"}]
        for c in clusters:
            if c.format in {"bilateral", "congress"}:
                continue
            if not c.process:
                # The talks it shares someone with ('Pedersen said the co-chairs would meet him': his committee's),
                # then words ('the latest political talks', 'a round of political talks'); talks of another process
                # that share neither are no evidence.
                people = {p for m in c.mentions for p in m.envoy_people}
                same = [x for x in located if people & {p for m in x.mentions for p in m.envoy_people}] or located
                worded = [x for x in same if _head_words(x) & _head_words(c)]
                if worded or len({x.process for x in same}) == 1:
                    c.mentions[0].process = (worded or same)[0].process
                elif c.venue:
                    c.mentions[0].process = a.kb.process_named_after(c.venue)
            if not c.venue and c.process:
                venues = {x.venue for x in located if x.process == c.process}
                # "Their next summit in Turkey": a country is printed, and it is not the other meetings' city's.
                countries = {self._country_of(v) for v in venues}
                printed = {
                    p.group(1) for m in c.mentions
                    if (p := re.match(r"\s+(?:in|at)\s+(?:the\s+)?([A-Z][\w-]+(?: [A-Z][\w-]+)?)",
                                      m.sentence.text[m.end - m.sentence.start :])) and is_country(p.group(1))
                }  # fmt: skip
                named_after = a.kb.venue_named_in(c.process)
                if printed - countries:
                    venues = set()
                if printed - {self._country_of(named_after)}:
                    named_after = None
                if len(venues) == 1:
                    c.mentions[0].venue = venues.pop()
                    c.mentions[0].venue_how = "article"
                elif named_after:
                    c.mentions[0].venue = a.kb.venue_named_in(c.process)
                    c.mentions[0].venue_how = "process"
        # "The latest talks" before "a seventh round": the sixth.
        for c in clusters:
            if c.ordinal or c.status != "held" or not re.search(r"\b(?:latest|last)\b", " ".join(
                    m.modifiers for m in c.mentions)):  # fmt: skip
                continue
            nxt = [x for x in clusters if x.process == c.process and x.ordinal and x.status == "planned"]
            if len(nxt) == 1 and not any(x.ordinal == nxt[0].ordinal - 1 for x in clusters):
                c.mentions[0].ordinal = nxt[0].ordinal - 1
                c.mentions[0].ordinal_inferred = nxt[0].ordinal

    # -- proposals
    def proposals(self):
        a = self.article
        result = []
        envoy_people = {a.kb.person_of_envoy(e.slug) or e.slug: e.slug for e in a.kb.all("envoys")}
        clusters, matched = [], {}
        for c in self.clusters():
            match = self._match(c)
            if match is not None and match.slug in matched:
                matched[match.slug][0].mentions.extend(c.mentions)  # one record, one proposal
                continue
            clusters.append((c, match))
            if match is not None:
                matched[match.slug] = (c, match)
        # Numbered rounds in towns no known process is named after are one series: "the third round ... in
        # Riyadh ..., the fourth round would be held in Amman".
        series = [c for c, match in clusters if c.ordinal and not c.process and not match and c.venue]
        if len(series) > 1:
            process = self._new_process(series[0], series[0].venue)
            for c in series:
                c.mentions[0].process, c.mentions[0].process_how = process, "article"
                c.series = series[0].venue
        unplaced, built = [], []
        for c, match in clusters:
            proposal = self._proposal(c, match, envoy_people)
            if proposal is not None:
                result.append(proposal)
                built.append((c, proposal))
            else:
                unplaced.append(c)
        self._heads_elsewhere(built)
        # Talks the article names nowhere ("the delegations would meet again next month") are its other talks',
        # when it reports one set of talks only; the venue then only if the process is named after one.
        processes = {p.fields["process"] for p in result if p.fields.get("format") not in {"bilateral", "congress"}}
        if len(processes) == 1:
            process = processes.pop()
            for c in unplaced:
                c.mentions[0].process, c.mentions[0].process_how = process, "article"
                origin = self.places.processes.get(process)
                if origin is not None and origin.fields.get("short_name"):
                    c.mentions[0].venue = slug_for(origin.fields["short_name"])
                    c.mentions[0].venue_how = "process"
                proposal = self._proposal(c, None, envoy_people)
                if proposal is not None:
                    proposal.fields.setdefault("inference_note", "")
                    proposal.fields["inference_note"] = (
                        "The process: the only talks the article reports. " + proposal.fields["inference_note"]
                    ).strip()
                    result.append(proposal)
        return result

    def _match(self, c):
        a = self.article
        date = c.date
        rounds = [
            r for r in a.kb.all("rounds")
            # "The talks would resume on February 25" is a new sitting, not the round already held.
            if not (c.status == "planned" and r.get("status") != "planned" and c.format != "congress")
        ]  # fmt: skip
        for r in a.kb.all("rounds"):
            # "An agenda for a fifth session": the fifth round the knowledge base knows, planned then, held since. A
            # plan may move: a planned round's number and process name it even when the words date it otherwise.
            numbered = c.ordinal and r.get("round_number") == c.ordinal and r.get("process") == c.process
            moved = r.get("status") == "planned" and _plan_moved(r, c)
            if numbered and (_record_agrees(r, c) or moved) and not self._conflicts(r, c):
                return r
        # By date: the record's dates overlap, venue and format agree, nothing tells them apart. Of several, the one
        # of the same format; a tie is no evidence, and nothing is matched.
        fitting = []
        for r in rounds:
            period = _record_period(r.record)
            if period is None or date is None or not period.overlaps(date.period) or not _record_agrees(r, c):
                continue
            if c.ordinal and r.get("round_number") and r.get("round_number") != c.ordinal:
                continue
            if self._conflicts(r, c):
                continue
            same_venue = c.venue and r.get("venue") == c.venue
            if same_venue or c.format == "congress" and r.get("format") == "congress" and not c.venue:
                fitting.append(r)
        if not fitting:
            return None
        best = max(fitting, key=lambda r: (r.get("format") == c.format, r.get("process") == c.process))
        rivals = [r for r in fitting if (r.get("format") == c.format, r.get("process") == c.process) == (
            best.get("format") == c.format, best.get("process") == c.process)]  # fmt: skip
        return best if len(rivals) == 1 else None

    def _conflicts(self, record, c):
        """Evidence against a match: another process named in the words, a format the words rule out (a committee's
        session is no co-chairs' meeting with the envoy), or two formats apart beyond a round and a meeting."""
        formats = {record.get("format"), c.format}
        if c.named_process and record.get("process") and record.get("process") != c.named_process:
            return True
        if record.get("format") == "meeting" and any(m.head.startswith(("session", "round")) for m in c.mentions):
            return True
        return record.get("format") != c.format and not formats <= {"round", "meeting"}

    def _proposal(self, c, match, envoy_people):
        date = c.date
        fields = {}
        if match is not None:
            fields = {"slug": match.slug, **match.record}
            fields["envoys"] = list(fields.get("envoys", []))
            fields["delegations"] = [dict(d) for d in fields.get("delegations", [])]
        process = c.process or fields.get("process")
        venue = c.venue or fields.get("venue")
        if process is None and venue and any(TALKS_CUE.search(m.sentence.text) for m in c.mentions):
            # A new process only for talks: "the third round of the FA Cup in London" is none.
            process = self._new_process(c, venue)
        if process is None:
            return None
        inference = []
        venue_how = next((m.venue_how for m in c.mentions if m.venue == venue and m.venue_how), "")
        if venue_how == "article":
            inference.append("The venue: the article places this process's other meetings there.")
        if getattr(c, "series", None) and c.series != venue:
            inference.append("The process: numbered with the article's other rounds, the first of them named here.")
        elif venue_how == "process":
            inference.append("The venue: the process is named after it.")
        if getattr(c, "next_of", None):
            inference.append("The process: the next meeting of the talks the article reports.")
        number = c.ordinal or fields.get("round_number")
        if getattr(c.mentions[0], "ordinal_inferred", None):
            inference.append(f"The number: the next round is the {_ordinal_word(c.mentions[0].ordinal_inferred)}.")
        new_dates = self._date_fields(c, *c.dates)
        if c.status in {"postponed", "cancelled"} and new_dates.get("start"):
            new_dates["note"] = f"{new_dates.get('note', '')} The date it had been set for; it is {c.status}.".strip()
        summary, outcome = self._summary(c)
        if match is None:
            fields.update(
                {
                    "slug": None,
                    "title": self._title(c, process, venue, number, new_dates),
                    "process": process,
                    "venue": venue,
                    "round_number": number,
                    **new_dates,
                    "status": c.status,
                    "format": c.format,
                    "summary": summary[2] if summary else "",
                    "outcome": outcome[2] if outcome else "",
                    "envoys": [],
                    "resolutions": [],
                    "delegations": [],
                }
            )
            fields["slug"] = slug_for(fields["title"])
        else:
            # The days a plan names are not the days a held event met ("planning to host ... on January 29-30"), nor
            # the days it was put off to ("hoped to reconvene ... on November 28, after the eighth round was delayed").
            plan_for_held = c.status in {"planned", "postponed", "cancelled"} and fields.get("status") not in (
                None,
                "planned",
            )
            # An end alone ('suspended on 3 February') does not replace a start the record already has, unless that
            # start was only the plan's: 'the seventh round, which ended on July 14' had been planned for June.
            end_only = not new_dates.get("start") and fields.get("start")
            held_off_plan = (
                fields.get("status") == "planned"
                and c.status == "held"
                and (new_dates.get("start") or new_dates.get("end"))
                and not _within_record(match, new_dates)
            )
            if held_off_plan:
                planned = _date_words(fields)
                for key in ("start", "start_latest", "end", "basis", "note"):
                    fields.pop(key, None)
                fields.update(new_dates)
                fields["note"] = f"{fields.get('note', '')} It had been planned for {planned}.".strip()
            elif (new_dates.get("start") or new_dates.get("end")) and not _within_record(match, new_dates):
                # Words that date a known plan otherwise: kept for the curator, the record's date unchanged.
                inference.append(f"The article dates it {_date_words(new_dates)}; the knowledge base has "
                                 f"{_date_words(fields) or 'no date'}.")  # fmt: skip
                c.date_disagrees = True
            elif _finer_date(new_dates, fields) and not plan_for_held and not end_only:
                for key in ("start", "start_latest", "end", "basis", "note"):
                    fields.pop(key, None)
                fields.update(new_dates)
            elif c.status == "held" and not plan_for_held:
                # "The previous session ... ended ... after five days of meetings": its known start gives the end.
                fields.update(self._span_from_days(c, fields))
            fields.setdefault("venue", venue)
            if not fields.get("venue"):
                fields["venue"] = venue
            if number and not fields.get("round_number"):
                fields["round_number"] = number
            # A held record stays held: it was put off before it met.
            if fields.get("status") == "planned" and c.status != "planned" or c.status == "adjourned" or (
                c.status in {"postponed", "cancelled"} and fields.get("status") != "held"
            ):  # fmt: skip
                fields["status"] = c.status
            if summary and not fields.get("summary"):
                fields["summary"] = summary[2]
            if outcome and not fields.get("outcome"):
                fields["outcome"] = outcome[2]
        if inference:
            # A known record's own note stays; what this article adds follows it.
            fields["inference_note"] = " ".join([*([fields["inference_note"]] if match and fields.get(
                "inference_note") else []), *inference])  # fmt: skip
        proposal = Proposal("round", fields, match=match.slug if match else None)
        self._people_and_delegations(c, proposal, envoy_people)
        for m in c.mentions:
            supports = []
            if any(f is not None and any(f is d for d in c.dates) for f in (m.date, m.end_date)):
                supports.append("date")
            if m.venue and m.venue_how in {"in", "modifier"}:
                supports.append("venue")
            if m.ordinal:
                supports.append("round number")
            if m.status != "held":
                supports.append("status")
            proposal.cite(m.sentence.start, m.sentence.end, *supports or ["summary"])
        for part, supports in ((summary, "summary"), (outcome, "outcome")):
            if part and proposal.fields.get(supports) == part[2]:
                proposal.cite(part[0], part[1], supports)
        confidence = 0.5 + 0.15 * bool(date) + 0.15 * bool(venue) + 0.1 * bool(match) + 0.1 * bool(number)
        if all(m.hedged for m in c.mentions if m.anchored):
            confidence -= 0.25  # "expected in July, now appears unlikely to take place"
        if getattr(c, "date_disagrees", False):
            confidence -= 0.3
        proposal.confidence = max(0.1, min(1.0, confidence))
        return proposal

    def _summary(self, c):
        """(start, end, text) of the words that introduce the event, and of those that say how it ended: verbatim
        slices of the sentences cited for it, never words of the engine's own."""
        a = self.article
        anchored = sorted((m for m in c.mentions if m.anchored), key=lambda m: m.start) or c.mentions
        first = anchored[0].sentence
        start, end = first.start, first.end
        dateline = DATELINE.match(a.text, first.start)
        if dateline:
            start = dateline.end()
        others = [x for x in self._all_mentions if x.sentence is first and x.anchored and x not in c.mentions]
        if others and anchored[0].segment != (0, len(first.text)):
            # A sentence that tells two events: the part of it that tells this one.
            lo, hi = anchored[0].segment
            part = first.text[lo:hi]
            lead = len(part) - len(re.sub(r"^[\s,;:—–]*(?:(?:while|whereas|but|and|as)\s+)?", "", part))
            start, end = max(start, first.start + lo + lead), first.start + hi
        summary = (start, end, a.text[start:end].rstrip()) if end > start else None
        outcome = None
        for m in sorted(c.mentions, key=lambda m: m.start):
            if m.hedged or m.status == "planned":
                continue
            lo, hi = m.segment
            cue = OUTCOME.search(m.sentence.text, lo, hi)
            if cue:
                dateline = DATELINE.match(m.sentence.text)
                lo = max(lo, dateline.end() if dateline else 0)
                part = m.sentence.text[lo:hi]
                lead = len(part) - len(part.lstrip(" ,;:—–"))
                o_start, o_end = m.sentence.start + lo + lead, m.sentence.start + hi
                text = a.text[o_start:o_end].rstrip()
                outcome = (o_start, o_start + len(text), text)
                break
        return summary, outcome

    def _new_process(self, c, venue):
        """Talks in a city no known process is named after: a new process, '<City> talks', for the curator."""
        a = self.article
        name = (a.kb.get("venues", venue).name if a.kb.get("venues", venue) else
                self.places.venues[venue].fields["name"] if venue in self.places.venues else venue)  # fmt: skip
        slug = slug_for(f"{name} talks")
        if slug not in self.places.processes:
            un = any(re.search(r"\bU\.?N\.?\b|United Nations", m.sentence.text) for m in c.mentions)
            proposal = Proposal("process", {"slug": slug, "name": f"{name} talks", "short_name": name,
                                            "convened_by": "United Nations" if un else "", "description": ""},
                                confidence=0.4)  # fmt: skip
            self.places.processes[slug] = proposal
        for m in c.mentions:
            self.places.processes[slug].cite(m.sentence.start, m.sentence.end, "name")
        return slug

    def _date_fields(self, c, date, end=None):
        a = self.article
        fields = date_fields(date, end)
        date = date or end
        days = (
            date
            and date.mention
            and re.search(
                r"\bfor the first of (?P<n>two|three|four) days\b",
                next((m.sentence.text for m in c.mentions if m.date is date), ""),
            )
        )
        if days and date.start and date.start.precision == DAY and not date.start.is_window and not fields.get("end"):
            n = {"two": 2, "three": 3, "four": 4}[days.group("n")]
            end = date.start.earliest + datetime.timedelta(days=n - 1)
            fields["end"] = end.isoformat()
            fields["note"] = f"{fields.get('note', '')} '{days.group()}': to {end.day} {end:%B} {end.year}.".strip()
        fields = self._span_from_days(c, fields)
        # "At Thursday's session": one sitting of talks under way, not the day they began.
        session = next((m for m in c.mentions if m.date and m.head.startswith("session")), None)
        sitting = session and date is session.date and date.mention and date.mention.data.get("poss")
        if sitting and date.start and date.start.precision == DAY and c.status != "planned":
            month = date.start.coarsened(MONTH)
            fields = {"start": month.iso, "end": None, "basis": INFERRED,
                      "note": f"{date.note} That is a session of talks already under way; when they began is not "
                              f"given: the month of that session, {month.words()}."}  # fmt: skip
            if month.is_window:
                fields["start_latest"] = month.iso_latest
        if date is None and any(m.under_way for m in c.mentions) and c.status != "planned":
            # Under way when the article was written: not the article's day, which is not the day it began.
            month = a.anchor.coarsened(MONTH)
            fields = {
                "start": month.iso,
                "end": None,
                "basis": INFERRED,
                "note": f"Under way in an article published {a.anchor_words()}; when it began is not given: the "
                f"article's month, {month.words()}.",
            }
            if month.is_window:
                fields["start_latest"] = month.iso_latest
        if date is None and fields.get("start") is None:
            fields["note"] = "The article does not date it."
        return fields

    def _span_from_days(self, c, fields):
        """'At the close of two days of talks' on Thursday: from Wednesday; 'after five days of meetings' from a known
        Monday: to Friday. A length in days and a day at one end give the other end, and say so."""
        words = None
        for m in c.mentions:
            words = words or DAYS_OF_TALKS.search(m.sentence.text)
        if words is None:
            return fields
        number = (words.group("n") or words.group("n2")).lower()
        n = NUMBER_WORDS.get(number) or int(number)
        start, end = fields.get("start"), fields.get("end")
        fields = dict(fields)
        if end and not start and precision_of(end) == DAY:
            last = datetime.date.fromisoformat(end)
            day = last - datetime.timedelta(days=n - 1)
            fields["start"] = day.isoformat()
            fields["basis"] = INFERRED
            note = f"'{words.group()}' ending on {_day_words(last)}: from {_day_words(day)}."
        elif start and not end and not fields.get("start_latest") and precision_of(start) == DAY:
            first = datetime.date.fromisoformat(start)
            day = first + datetime.timedelta(days=n - 1)
            fields["end"] = day.isoformat()
            note = f"'{words.group()}' from {_day_words(first)}: to {_day_words(day)}."
        else:
            return fields
        fields["note"] = f"{fields.get('note', '')} {note}".strip()
        return fields

    def _title(self, c, process, venue, number, dates):
        a = self.article
        p = a.kb.get("processes", process)
        pname = (
            p.name
            if p
            else self.places.processes[process].fields["name"]
            if process in self.places.processes
            else process
        )
        vname = (a.kb.get("venues", venue).name if a.kb.get("venues", venue) else
                 self.places.venues[venue].fields["name"] if venue in self.places.venues else venue)  # fmt: skip
        when = _date_words(dates)
        if number:
            return f"{pname}, {_ordinal_word(number)} round"
        if c.format == "technical":
            return f"Technical meetings of the {pname}" + (f", {when}" if when else "")
        where = f" in {vname}" if vname else ""
        if c.format == "bilateral":
            people = [self._person_name(s) for s in _leaders(c, a)]
            if len(people) >= 2:
                return f"{' and '.join(x.split()[-1] for x in people[:2])} meet{where}" + (f", {when}" if when else "")
            return f"Bilateral talks{where}" + (f", {when}" if when else "")
        if vname and vname in pname:
            where = ""  # "Doha talks", not "Talks of the Doha talks in Doha"
        if pname.lower().endswith("talks"):
            return f"{pname}{where}" + (f", {when}" if when else "")
        kind = {"congress": "Conference", "meeting": "Meeting"}.get(c.format, "Talks")
        return f"{kind} of the {pname}{where}" + (f", {when}" if when else "")

    def _people_and_delegations(self, c, proposal, envoy_people):
        a = self.article
        fields = proposal.fields
        envoys = fields.setdefault("envoys", [])
        delegations = fields.setdefault("delegations", [])
        process = a.kb.get("processes", fields["process"]) or self.places.processes.get(fields["process"], _Empty)
        convened_by = process.get("convened_by") if hasattr(process, "get") else process.fields.get("convened_by")
        un_led = convened_by == "United Nations"
        for m in c.mentions:
            for person in m.envoy_people:
                envoy = envoy_people.get(person)
                if (
                    envoy is None
                    and person in self.people
                    and any(is_un_envoy_title(r["title"]) for r in self.people[person].fields.get("roles", []))
                ):
                    envoy = person
                if envoy and un_led and c.format != "bilateral" and envoy not in envoys:
                    envoys.append(envoy)
                    proposal.cite(m.sentence.start, m.sentence.end, "envoy")
        for sentence in self._following(c, {m.sentence.index: m.sentence for m in c.mentions}):
            if not ATTENDS.search(sentence.text):
                continue
            for k in a.mentions_in(sentence, "people", "envoys"):
                person = k.slug if k.kind == "people" else a.kb.person_of_envoy(k.slug) or k.slug
                envoy = envoy_people.get(person)
                if envoy and un_led and c.format != "bilateral" and envoy not in envoys:
                    envoys.append(envoy)
                    proposal.cite(sentence.start, sentence.end, "envoy")
        for sentence, slug, head, how in self._delegations_of(c, fields):
            entry = next((d for d in delegations if d["delegation"] == slug), None)
            if entry is None:
                entry = {"delegation": slug, "head": None, "role": self._role(c, slug, sentence), "citations": []}
                delegations.append(entry)
            if head and how == "co-chair":
                name = self._person_name(head)
                note = f"Co-chair: {name}."
                if note not in entry.get("note", ""):
                    entry["note"] = f"{entry.get('note', '')} {note}".strip()
            elif head and not entry.get("head"):
                entry["head"] = head
            if how == "side" and self._side(slug) == "opposition" and a.kb.get("delegations", slug):
                note = "The article says only 'the opposition'; the knowledge base's rounds of this process name it."
                if note not in entry.get("note", ""):
                    entry["note"] = f"{entry.get('note', '')} {note}".strip()
            quote = {"quote": sentence.text, "supports": "head" if head else "delegation"}
            if "citations" in entry and quote not in entry["citations"]:
                entry["citations"].append(quote)
            proposal.cite(sentence.start, sentence.end, "delegations")
        if c.format == "bilateral":
            for slug in _leaders(c, a):
                person = a.kb.get("people", slug)
                roles = person.get("roles", []) if person else self.people.get(slug, _Empty).fields.get("roles", [])
                state = next((r.get("delegation") for r in roles if r.get("delegation")), None)
                if state and not any(d["delegation"] == state for d in delegations):
                    delegations.append({"delegation": state, "head": slug, "role": "participant", "citations": []})

    def _heads_elsewhere(self, built):
        """'..., head of the HNC Asaad al-Zoabi told The New Arab', in a sentence that names no event: the head of
        that delegation at the one event of the article it takes part in, if it takes part in one only."""
        a = self.article
        named = {m.sentence.index for c, _p in built for m in c.mentions}
        for sentence in a.sentences:
            if sentence.index in named or not a.is_prose(sentence):
                continue
            for c, proposal in built:
                if c.status == "planned":
                    continue
                for slug, person, how in self._heads_in(sentence, c, proposal.fields):
                    if how != "head":
                        continue
                    holders = [p for _c, p in built if any(d["delegation"] == slug for d in p.fields["delegations"])]
                    if holders != [proposal]:
                        continue
                    entry = next(d for d in proposal.fields["delegations"] if d["delegation"] == slug)
                    if not entry.get("head"):
                        entry["head"] = person
                        if "citations" in entry:
                            entry["citations"].append({"quote": sentence.text, "supports": "head"})
                        proposal.cite(sentence.start, sentence.end, "delegations")

    def _person_name(self, slug):
        person = self.article.kb.get("people", slug)
        return person.name if person else self.people[slug].fields["name"] if slug in self.people else slug

    def _role(self, c, slug, sentence):
        """A state's part in talks it does not hold with another state: host, sponsor or guarantor, as the words
        next to it say; others take part."""
        a = self.article
        record = a.kb.get("delegations", slug)
        side = record.get("side") if record else None
        if side not in STATES or c.format == "bilateral":
            return "participant"
        names = [m for m in a.mentions_in(sentence, "delegations") if m.slug == slug]
        near = " ".join(a.text[m.end : m.end + 40] for m in names)
        if re.search(r"\bhost", near, re.I):
            return "host"
        # Backing the talks ("backing from Turkey and Iran for holding the gathering"), not a side of the war
        # ("Russia, Iran and Turkey, which back opposing sides in the conflict").
        around = " ".join(a.text[max(0, m.start - 30) : m.end + 40] for m in names)
        if re.search(r"\b(?:sponsor|back)\w*\b[^.;]{0,50}?\b(?:talks|meetings?|rounds?|gathering|congress|conference|"
                     r"negotiations|process)\b|\bsponsor", around, re.I):  # fmt: skip
            return "sponsor"
        return "guarantor" if side == "guarantor" else "participant"

    def _delegations_of(self, c, fields):
        """(sentence, delegation, head person or None, how) for each delegation the event's words name.

        Delegations named where the event is named (in that part of the sentence): known ones by name or alias,
        the others by side ('the government delegation', 'the opposition', 'civil society'). States take part
        in talks between states, or when they convene them ('Russia, Turkey and Iran convened the 18th round'),
        or in a process whose other rounds list them. Heads and co-chairs come from the sentence that names
        the event or from the sentences right after it that name no other event.
        """
        a = self.article
        process_states = {
            d["delegation"]
            for r in a.kb.all("rounds") if r.get("process") == fields["process"]
            for d in r.get("delegations", [])
        }  # fmt: skip
        found = []
        sentences = {}
        for m in c.mentions:
            sentences.setdefault(m.sentence.index, m.sentence)
            lo, hi = m.segment
            known = a.mentions_in(m.sentence, "delegations", start=lo, end=hi)
            named = [(k.start, k.slug, "named") for k in known]
            for st, en, side in side_references(m.sentence.text, lo, hi):
                st, en = m.sentence.start + st, m.sentence.start + en
                if any(-1 <= k.start - en <= 3 or k.start <= st < k.end for k in known):
                    continue  # "the opposition High Negotiations Committee": the side of the body named
                named.append((st, self._side_slug(side, c, fields, (m.sentence, st, en)), "side"))
            for start, slug, how in named:
                if slug is None:
                    continue
                record = a.kb.get("delegations", slug)
                side = record.get("side") if record else "opposition"
                if c.format == "bilateral" and side not in STATES:
                    continue
                if c.format != "bilateral" and side in STATES:
                    between = a.text[start : m.start]
                    convenes = start < m.start and CONVENES.search(between) and not AGAINST.search(between)
                    if not (convenes or slug in process_states or c.format == "meeting"):
                        continue
                found.append((m.sentence, slug, None, how))
        # "..., which is held in the Kazakh capital with the participation of the guarantor states Russia, Iran and
        # Turkey": who takes part, said of the one event its sentence names.
        for sentence in sentences.values():
            if len({x.start for x in self._all_mentions if x.sentence is sentence and x.anchored}) != 1:
                continue
            part = PARTICIPATION.search(sentence.text)
            if part:
                for k in a.mentions_in(sentence, "delegations", start=part.end()):
                    if not re.search(r"[.;]", a.text[sentence.start + part.end() : k.start]):
                        found.append((sentence, k.slug, None, "named"))
        # Heads and co-chairs: in the event's sentences, and in the next two sentences that name no other event.
        # Who attends, said in those next sentences: "Delegations from Russia, Turkey and Iran, the Syrian
        # government and the armed opposition are expected to attend."
        for sentence in self._following(c, sentences):
            if not ATTENDS.search(sentence.text):
                continue
            for k in a.mentions_in(sentence, "delegations"):
                found.append((sentence, k.slug, None, "named"))
            for st, en, side in side_references(sentence.text):
                slug = self._side_slug(side, c, fields, (sentence, *sentence.slice(st, en)))
                if slug:
                    found.append((sentence, slug, None, "side"))
        for sentence in list(sentences.values()) + self._following(c, sentences):
            for slug, person, how in self._heads_in(sentence, c, fields):
                found.append((sentence, slug, person, how))
        return found

    def _following(self, c, sentences):
        """The sentences right after the event's (two at most) that name no other event."""
        a = self.article
        others = {x.sentence.index for x in self._all_mentions if x not in c.mentions}
        following = []
        for index in sorted(sentences):
            for follow in range(index + 1, index + 3):
                if follow in others or follow in sentences or follow >= len(a.sentences):
                    break
                if a.sentences[follow] not in following:
                    following.append(a.sentences[follow])
        return following

    def _side_slug(self, side, c, fields, words=None):
        """The delegation a side stands for: the one government delegation the knowledge base knows (or civil
        society); for 'the opposition', the opposition delegation of this process's nearest round in time. Words
        that name a delegation outright ('a delegation of armed opposition groups') in a process none of whose
        rounds has one are a new delegation, named by those words."""
        a = self.article
        if side != "opposition":
            one = [d.slug for d in a.kb.all("delegations") if d.get("side") == side]
            return one[0] if len(one) == 1 else None
        known = self._known_side_slug(side, c, fields)
        if known is None and words is not None:
            sentence, st, en = words
            printed = a.text[st:en]
            if re.search(r"\b(?:delegation|delegates|negotiators|representatives|team)\b", printed, re.I):
                return self.places.side_delegation(printed, side, sentence, st, en)
        return known

    def _known_side_slug(self, side, c, fields):
        a = self.article
        when = c.date.start.first_day if c.date else a.anchor.first_day
        # A body goes by its name until it is replaced: the latest round at or before, else the first after.
        best = None
        for r in a.kb.all("rounds"):
            if r.get("process") != fields["process"]:
                continue
            opposition = [
                d["delegation"] for d in r.get("delegations", []) if self._side(d["delegation"]) == "opposition"
            ]
            period = _record_period(r.record)
            if not opposition:
                continue
            if period is None:
                distance = (2, 0)
            elif period.first_day <= when:
                distance = (0, (when - period.first_day).days)
            else:
                distance = (1, (period.first_day - when).days)
            if best is None or distance < best[0]:
                best = (distance, opposition[0])
        return best[1] if best else None

    def _side(self, slug):
        """A delegation's side, known or proposed from this article."""
        record = self.article.kb.get("delegations", slug)
        if record is not None:
            return record.get("side")
        proposal = self.places.delegations.get(slug)
        return proposal.fields.get("side") if proposal else None

    def _heads_in(self, sentence, c, fields):
        """(delegation, person, 'head' or 'co-chair') printed together: 'the head of the Syrian government
        delegation, Bashar al-Ja'afari', 'Hadi al-Bahra, who led the opposition delegation', 'negotiator Bashar
        al-Jaafari', 'Ahmad Kuzbari, nominated by the Government' (a co-chair)."""
        a = self.article
        people = a.mentions_in(sentence, "people")
        refs = [(k.start, k.end, k.slug) for k in a.mentions_in(sentence, "delegations")]
        for st, en, side in side_references(sentence.text):
            st, en = sentence.start + st, sentence.start + en
            if not any(-1 <= r[0] - en <= 3 or r[0] <= st < r[1] for r in refs):
                # A delegation new to the knowledge base is proposed only if someone is found to head it.
                refs.append((st, en, self._side_slug(side, c, fields) or (side, (sentence, st, en))))
        pairs = []
        for d_start, d_end, slug in refs:
            if slug is None:
                continue
            best = None
            for p in people:
                lo, hi = min(d_end, p.end), max(d_start, p.start)
                between = a.text[lo:hi]
                apposition = re.fullmatch(r",\s[^,;]{1,60},\s+(?:who\s+)?(?:led|leads|heads|headed|chaired|chairs)\s+"
                                          r"(?:the\s+)?", between)  # fmt: skip
                titled = p.start > d_start and re.fullmatch(
                    r",?\s*(?:(?:who\s+)?(?:is|was)\s+)?(?:headed|led|chaired)\s+by\s+(?:[\w.'’-]+\s+){0,7}", between
                )  # "headed by Deputy Foreign and Expatriates Minister Dr. Ayman Sousan"
                if (
                    len(between) >= 45
                    and not (apposition or titled)
                    or any(q is not p and lo <= q.start < hi for q in people)
                ):
                    continue
                if re.search(r",\s+(?:while|but|whereas|although)\b|;|\bwhile\b", between):
                    continue  # "headed by Ahmad Kuzbari, while Hadi al-Bahra leads the opposition side"
                if p.start < d_start:  # "Name, who led the opposition delegation", "Name, nominated by the Government"
                    words = between if LEADS.search(between) else ""
                else:  # "the head of the government delegation, Name", "the HNC's chief negotiator Name"
                    lead = a.text[max(sentence.start, d_start - 20) : d_start]
                    words = between if LEADS.search(between) else lead if LEAD_BEFORE.search(lead) else ""
                if not words:
                    continue
                how = "co-chair" if re.search(r"\bco-chairs?\b|\bnominated by\b", words, re.I) else "head"
                if best is None or len(between) < best[0]:
                    best = (len(between), p.slug, how)
            if best and isinstance(slug, tuple):
                slug = self._side_slug(slug[0], c, fields, slug[1])
            if best and slug:
                pairs.append((slug, best[1], best[2]))
        return pairs


class _EmptyRecord:
    fields = {}

    def get(self, key, default=None):
        return default


_Empty = _EmptyRecord()


def _leaders(c, a):
    envoys = {a.kb.person_of_envoy(e.slug) for e in a.kb.all("envoys")}
    leaders = []
    for m in c.mentions:
        for p in m.people:
            if p not in envoys and p not in leaders:
                leaders.append(p)
    return leaders


def _same_clause(text, a, b):
    """No sentence, dash or contrast between the two offsets (a relative clause, ', which …', still counts)."""
    lo, hi = min(a, b), max(a, b)
    return not re.search(r"[.;]\s|\s[—–]\s|,\s+(?:while|but|where|and the)\b", text[lo:hi])


def segment_around(text, s, e):
    """The part of the sentence between the clause breaks around [s, e): whose people and delegations those are."""
    left, right = 0, len(text)
    before = []
    for m in SEGMENT_BREAKS.finditer(text):
        if m.end() <= s:
            left = m.start()
            before.append(m)
        elif m.start() >= e and right == len(text):
            right = m.start()
    # "Russia, Iran and Turkey, which back opposing sides in the conflict, are due to meet": a relative clause that
    # closed before the words is an aside; the words' subject is before it.
    if before and re.match(r",\s+(?:which|who|whose)\b", before[-1].group()) and "," in text[before[-1].end() : s]:
        left = before[-2].start() if len(before) > 1 else 0
    return left, right


# A subordinate clause with a verb of its own: "since the committee was launched in 2019", "after the ceasefire was
# agreed in May". A date inside it dates that clause's event, not the words outside it.
SUBORDINATE = re.compile(
    r"\b(?i:since|after|before|when|until|once)\s+(?:(?:the|a|an|its|their|his|her|this|that|it|they|he|she|we|"
    r"[A-Z][\w'’-]*)\s+)(?:[\w'’-]+\s+){0,4}?(?:was|were|is|are|had|has|have|did|\w+ed)\b"
)


def governed_elsewhere(text, event_start, date_start):
    """Whether the date at `date_start` sits in a subordinate clause (with its own verb) that the event's words at
    `event_start` are outside of."""
    left = text.rfind(", ", 0, date_start)
    left = 0 if left < 0 else left + 2
    comma = text.find(",", date_start)
    right = len(text) if comma < 0 else comma
    return any(not m.start() <= event_start < right for m in SUBORDINATE.finditer(text, left, date_start))


def _negated(text, index):
    return bool(re.search(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+){0,2}$", text[max(0, index - 30) : index]))


def _status_word_speaks_of(text, word, s, e):
    """Whether a status word ('postponed', 'called off') speaks of the event named at [s, e) of the sentence:
    the event named right after it ('called off the meeting'), else the nearest named before it ('the ninth
    round ..., which had been scheduled ..., has been postponed'); never a negated or hedged word ('could be
    postponed', 'was not cancelled')."""
    before_word = text[max(0, word.start() - 30) : word.start()]
    if not re.match(r"(?:will not|won't|did not|never)\b", word.group(), re.I) and (
        _negated(text, word.start()) or re.search(r"\b(?:could|may|might)\s+(?:\w+\s+){0,2}$", before_word)
    ):
        return False
    heads = []
    for t in ROUND_RE.finditer(text):
        h = t.span("head") if t.group("head") else t.span("verb")
        if not NOT_ROUNDS.search(text[max(0, h[0] - 20) : h[1] + 12]):
            heads.append(h)
    after = [h for h in heads if 0 <= h[0] - word.end() <= 12]
    before = [h for h in heads if h[1] <= word.start()]
    target = after[0] if after else max(before, key=lambda h: h[1]) if before else None
    if target is None:
        return False

    # Heads run together name one event: "Thursday's session peace talks".
    def joined(x, y):
        gap = text[x[1] : y[0]]
        return len(gap) <= 12 and not re.search(r"[,.;:()\"“”]", gap)

    group = {target}
    for h in sorted(heads, key=lambda h: -h[0]) + sorted(heads):
        if any(joined(h, g) or joined(g, h) for g in group):
            group.add(h)
    return any(h[0] == s for h in group)


def _status_of(word):
    word = word.lower()
    if word.startswith(("adjourn", "suspended")):
        return "adjourned"
    if word.startswith(("postpon", "delay", "put off", "pushed", "resched")):
        return "postponed"
    return "cancelled"


def _is_place_of_war(text, index):
    return bool(re.search(r"\b(?:fighting|offensive|bombing|situation|strongholds?|region|province)\b",
                          text[max(0, index - 30) : index]))  # fmt: skip


def _head_words(c):
    return {w for m in c.mentions for w in re.findall(r"[a-z]+", m.modifiers + " " + m.head) if w in {
        "political", "peace", "talks", "round", "rounds", "negotiations"}}  # fmt: skip


def _compatible(c, m, *, strict, loose=False):
    if c.ordinal and m.ordinal and c.ordinal != m.ordinal:
        return False
    # A process named in the words tells events apart; one only inferred from a venue does not.
    if c.named_process and m.process and m.process_how != "venue" and c.named_process != m.process:
        return False
    if c.venue and m.venue and c.venue != m.venue:
        return False
    formats = {x.format for x in c.mentions}
    if m.ordinal and all(x.head == "meet" and x.format == "meeting" or x.format == "technical" for x in c.mentions):
        return False  # a numbered round is no side meeting
    if ("technical" in formats) != (m.format == "technical"):
        return False
    if ("bilateral" in formats) != (m.format == "bilateral") and not (loose and m.format == "round"):
        return False
    if "meeting" in formats and m.format == "round" and m.head == "meet" and not loose:
        return False
    if m.format == "meeting" and "round" in formats and m.head == "meet" and not loose:
        return False
    dated = [x.date for x in c.mentions if x.date and x.date.start]
    if m.date and m.date.start and not all(dates_agree(d, m.date) for d in dated):
        return False
    last = max(x.sentence.index for x in c.mentions)
    # "The meeting, held on June 15-16", "The session will run from 14 to 17 May": the event just named.
    anaphor = _definite(m) and 0 <= m.sentence.index - last <= 2 and not (m.ordinal and not c.ordinal)
    statuses = {x.status for x in c.mentions}
    # A plan of the event that was put off is that event: "had hoped to convene the committee's small body in
    # mid-March", after "the next round ... has been postponed".
    planned = "planned" in statuses or m.status == "planned" and bool(statuses & {"postponed", "cancelled"})
    if (m.status == "planned") != planned and not loose and not (anaphor and m.date and dated):
        return False
    if strict:
        if c.ordinal and c.ordinal == m.ordinal:
            return True
        # Dates that agree are evidence only with a shared venue or process: "May" alone joins nothing.
        same_place = (c.venue and c.venue == m.venue) or (c.process and c.process == m.process)
        if dated and m.date and m.date.start and same_place:
            return True
        # Days that fall within a week of the event's, where nothing tells the two apart: "At the close of the two-day
        # 20th round on Wednesday ... This week's meeting, which opened on Tuesday".
        if m.date and m.date.start and any(_days_apart(d, m.date) <= 7 for d in dated):
            return True
        # "The last round of talks ended in January" and "the fifth round ... failed in late January": two ends
        # of one month are one round ending, unless a process or venue tells them apart.
        return bool(
            m.date and m.date.ends_event and m.format == "round" and "round" in formats
            and any(d.ends_event and d.start == m.date.start for d in dated)
        )  # fmt: skip
    if loose:
        return m.venue is None or c.venue in (None, m.venue)
    if anaphor:
        return True
    # Neither dated nor numbered alike: the same event only if nothing tells them apart and they are close.
    distance = min(abs(x.sentence.index - m.sentence.index) for x in c.mentions)
    near = distance <= 6 or bool(re.search(r"\bnext\b", m.modifiers) and "planned" in statuses and c.ordinal)
    # Both dated, the dates agreeing, in the next sentence, and of a plan put off: the same plan told again.
    retold = distance == 1 and m.status == "planned" and bool(statuses & {"postponed", "cancelled"})
    return near and (m.date is None or not dated or retold) and (m.ordinal is None or c.ordinal is None)


def _definite(m):
    """'The meeting', 'the five-day session', 'this round': words that point back at an event, not a new one."""
    return bool(re.search(r"\b(?:the|this|that)\b(?:\s+[\w-]+)?\s*$", m.modifiers.strip())) and not re.search(
        r"\b(?:next|new|fresh|upcoming|previous|last|latest|first)\b", m.modifiers
    )


def _days_apart(a, b):
    """Days between two dates given to the day (a large number otherwise)."""
    if any(f.start.precision != DAY or f.start.is_window for f in (a, b)):
        return 10_000
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    a0, b0 = a0 or a1, b0 or b1
    return max(0, (b0 - a1).days, (a0 - b1).days)


def _fineness(fact):
    return ["day", "month", "year"].index(fact.period.precision), fact.period.is_window, fact.end is None


def _interval(fact):
    """The days a date allows the event: from a start to its end (or its own last day); an end alone leaves
    the start open."""
    if fact.ends_event:
        return None, fact.start.last_day
    return fact.start.first_day, (fact.end or fact.start).last_day


def dates_agree(a, b):
    """Whether two dates can be of one event: they overlap, a start comes no later than an end, two ends overlap."""
    if a.ends_event and b.ends_event:
        return a.start.overlaps(b.start)
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    if not ((a0 is None or a0 <= b1) and (b0 is None or b0 <= a1)):
        return False
    # A round lasts days or weeks: "the talks began in January 2017" is not the start of a round that ended on
    # Wednesday six years later.
    first = min(x for x in (a0, b0) if x is not None) if a0 or b0 else None
    return first is None or max(a1, b1) - first <= datetime.timedelta(days=MAX_EVENT_DAYS)


def _record_period(record):
    """A record's dates as one period, from its start to its end (its end alone when only the end is known)."""
    start = record.get("start")
    try:
        if not start:
            return Period.from_iso(record["end"]) if record.get("end") else None
        period = Period.from_iso(start, record.get("start_latest"))
        if record.get("end"):
            end = Period.from_iso(record["end"])
            if end.precision != period.precision:
                return period
            return Period(period.earliest, period.precision, max(end.earliest, period.latest))
    except ValueError:
        return None
    return period


def _plan_moved(record, c):
    """Whether a planned record's date and the words' could be one plan moved: the number printed, not worked out,
    and the dates within a year of each other."""
    period = _record_period(record.record)
    if period is None or getattr(c.mentions[0], "ordinal_inferred", None) or c.date is None:
        return False
    gap = max((c.date.start.first_day - period.last_day).days, (period.first_day - c.date.start.last_day).days)
    return gap <= 366


def _within_record(record, dates):
    """Whether the dates a text gives agree with the record's own: 'last October' with a plan for 18 October does,
    'ended on July 14' with a plan for June does not."""
    period = _record_period(record.record)
    if period is None:
        return True
    for key in ("start", "end"):
        if dates.get(key):
            try:
                if not period.overlaps(Period.from_iso(dates[key])):
                    return False
            except ValueError:
                return False
    return True


def _record_agrees(record, c):
    """Whether a record's dates leave room for every date the cluster's words give (undated: yes)."""
    period = _record_period(record.record)
    if period is None:
        return True
    for m in c.mentions:
        f = m.date
        if f is None or f.start is None:
            continue
        if f.ends_event and not record.get("start"):
            ok = period.overlaps(f.start)
        elif not record.get("start"):
            ok = f.start.first_day <= period.last_day  # known by its end: it began before then
        elif f.ends_event:
            ok = period.first_day <= f.start.last_day
        else:
            ok = period.overlaps(Period(f.start.earliest, f.start.precision, f.start.latest))
        if not ok:
            return False
    return True


def _finer_date(new, old):
    new_p, old_p = precision_of(new.get("start") or new.get("end")), precision_of(old.get("start") or old.get("end"))
    if new_p is None:
        return False
    if old_p is None:
        return True
    return ["day", "month", "year"].index(new_p) < ["day", "month", "year"].index(old_p)


def _day_words(day):
    return f"{day.day} {day:%B} {day.year}"


def _ordinal_word(n):
    return next((w for w, v in ORDINALS.items() if v == n), f"{n}th")


def _date_words(fields):
    start = fields.get("start") or fields.get("end")
    if not start:
        return ""
    try:
        return Period.from_iso(start, fields.get("start_latest")).words()
    except ValueError:
        return ""


def side_references(text, lo=0, hi=None):
    """(start, end, side) of the delegations a text names only by side: 'the government and opposition
    delegations', 'nominated by the Government', 'civil society'. Not another state's government ('the Turkish
    government'), nor a side's fighters ('opposition forces')."""
    hi = len(text) if hi is None else hi
    found = []
    for side, regex in SIDES:
        for m in regex.finditer(text, lo, hi):
            before = text[max(0, m.start() - 25) : m.start()]
            if side == "government" and re.search(r"\b(?!Syrian\b|The\b)[A-Z][a-z]+\s+$", before):
                continue  # 'the Turkish government', 'President Bashar al-Assad's government' is kept below
            if side == "government" and re.search(r"(?:Turkish|Swiss|Russian|Iranian|US|U\.S\.|French)\s+$", before):
                continue
            found.append((m.start(), m.end(), side))
    return found


def _subject(text, lo, s):
    """The words before a verb back to the last comma of its clause: who meets ('the co-chairs from the regime and
    opposition will ... meet', 'the 45-member drafting committee will meet')."""
    comma = text.rfind(", ", lo, s)
    return text[comma + 2 if comma >= 0 else lo : s]
