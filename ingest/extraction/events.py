"""Rounds and meetings, milestones and resolutions: found by the words news prose uses for them, grouped so
that one event mentioned in several sentences is one proposal, and tied to the knowledge base's records.
"""

import datetime
import re
from dataclasses import dataclass, field

from .article import date_fields, precision_of, slug_for
from .dates import DAY, INFERRED, MONTH, Period, tense
from .model import Proposal

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
}  # fmt: skip
ORDINAL_RE = r"(?:" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
HEAD = (
    r"(?:rounds?(?:\s+of\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|consultations))?|talks|negotiations|meetings?|"
    r"sessions?|congress|conference|summit|consultations|gathering)"
)
ROUND_RE = re.compile(
    rf"(?P<mods>(?:\b(?:[\w'’.-]+)\s+){{0,3}}?)(?P<head>\b{HEAD})\b"
    rf"|(?P<verb>\b(?:will\s+(?:for\s+the\s+first\s+time\s+)?meet|met\s+with|met\s+in|meet\s+with|will\s+reconvene|"
    rf"reconvened?|convened?)\b)",
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
HEDGES = re.compile(
    r"\b(?:could|may|might|possibly|perhaps|unlikely|uncertain|doubtful|reportedly|appears?|seems?|"
    r"it is unclear|not clear)\b",
    re.I,
)
SEGMENT_BREAKS = re.compile(
    r",\s+(?:which|where|while|but|and|after|before|when|who|whose|although|though)\b|;|\s[—–]\s|:\s"
    r"|\s(?:after|before|while|whereas|although)\s+(?=(?:the|a|an|its|their|his|her)\b)",
)
ANCHOR_MODS = re.compile(r"\b(?:last|latest|previous|next|fresh|new|upcoming)\b", re.IGNORECASE)
UNDER_WAY = re.compile(r"\b(?:are|is)\s+(?:taking|being held|under way|underway|continuing|meeting)\b|\bintend\b", re.I)
VENUE_LINK = re.compile(r"\b(?:in|at|from|to|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?$", re.I)
CONSTITUTION = re.compile(r"\bconstitution(?:al)?\b.*\bcommittee\b|\bdrafting committee\b|\bcommittee\b.*"
                          r"\bconstitution|drafting a constitution|\bconstitutional committee\b", re.I)  # fmt: skip
STATES = {"guarantor", "state"}


@dataclass
class RoundMention:
    sentence: object
    start: int  # absolute offsets of the words that name the event
    end: int
    head: str
    ordinal: int | None = None
    indefinite: bool = False
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
    under_way: bool = False
    hedged: bool = False
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
        return self.first("process")

    @property
    def status(self):
        statuses = [m.status for m in self.mentions if m.anchored] or [m.status for m in self.mentions]
        for special in ("cancelled", "postponed", "adjourned"):
            if special in statuses:
                return special
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
    def date(self):
        """The finest date of the event's mentions; an end date only when no start is given."""
        facts = [m.date for m in self.mentions if m.date and m.date.start]
        if not facts:
            return None
        starts = [f for f in facts if not f.ends_event]
        pool = starts or facts
        return min(pool, key=lambda f: (["day", "month", "year"].index(f.period.precision), f.period.is_window))


class Rounds:
    def __init__(self, article, places, people_proposals):
        self.article = article
        self.places = places
        self.people = people_proposals

    # -- mentions
    def mentions(self):
        a = self.article
        found = []
        for sentence in a.sentences:
            if not a.is_prose(sentence):
                continue
            for m in ROUND_RE.finditer(sentence.text):
                mention = self._mention(sentence, m)
                if mention is not None:
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
        forum = None
        if FORUM_HEAD.fullmatch(head) and not PEACE_CUE.search(text[max(0, s - 40) : e + 40]):
            # "At a conference on Thursday focusing on mediation": a forum someone spoke at, not a round of talks.
            # "The gathering", with nothing else said, may still refer to a congress named before.
            if mods.strip().lower() not in {"the", "this", "that"}:
                return None
            forum = "anaphora"
        mention = RoundMention(sentence, *sentence.slice(s, e), head)
        mention.segment = segment_around(text, s, e)
        ordinal = re.search(rf"\b(?P<o>{ORDINAL_RE})\s+(?:[\w-]+\s+)?(?:round|meeting|session)s?\b", mods + head, re.I)
        if ordinal:
            word = ordinal.group("o").lower()
            mention.ordinal = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        mention.modifiers = mods.lower()
        if re.search(r"\b(?:technical|expert)\b", mods, re.I):
            mention.format = "technical"
        elif FORUM_HEAD.fullmatch(head):
            mention.format = "congress"
        elif head == "meet" and re.search(r"\b(?:committee|delegations|negotiators|parties|sides|talks)\b",
                                          text[max(0, s - 50) : s], re.I):  # fmt: skip
            mention.format = "round"  # a body meeting in session is a round, people meeting are a meeting
        elif head.startswith("meet") or head in {"meeting", "meetings"}:
            mention.format = "meeting"
        # Dates in the clause, nearest first, unless another event's words are nearer to them.
        facts = a.dates.get(sentence.index, [])
        triggers = [
            t.start()
            for t in ROUND_RE.finditer(text)
            if not NOT_ROUNDS.search(text[max(0, t.start() - 20) : t.end() + 12])
        ]
        clause_facts = [
            f for f in facts
            if f.mention and _same_clause(text, f.mention.start, s) and abs(f.mention.start - s) < 90
            and min(triggers, key=lambda t: abs(t - f.mention.start), default=s) in range(m.start(), e + 1)
        ]  # fmt: skip
        if clause_facts and forum is None:
            mention.date = min(clause_facts, key=lambda f: abs(f.mention.start - s))
        mention.status, mention.hedged = self._status(sentence, mention, mods)
        mention.under_way = bool(UNDER_WAY.search(text)) and mention.status == "held"
        # Venue: "in Geneva", "the Vienna talks", "the Black Sea resort city of Sochi"
        mention.venue, mention.venue_how = self._venue(sentence, s, e, mods)
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
        if mention.date is not None and mention.date.mention is not None:
            tenses.insert(0, tense(text, mention.date.mention.start, mention.date.mention.end))
        status = "planned" if "future" in tenses and "past" not in tenses[:1] else "held"
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

    def _venue(self, sentence, s, e, mods):
        a = self.article
        venues = a.mentions_in(sentence, "venues")
        # a venue right before the head ("the Vienna talks", "Geneva political talks")
        for v in venues:
            if sentence.start + s - len(mods) - 1 <= v.start and v.end <= sentence.start + s:
                return v.slug, "modifier"
        # "in <City>" after or shortly before the head, within the clause
        candidates = []
        for v in venues:
            rel = v.start - sentence.start
            if not _same_clause(sentence.text, rel, s) and abs(rel - s) > 60:
                continue
            before = sentence.text[max(0, rel - 45) : rel]
            if VENUE_LINK.search(before):
                candidates.append((abs(rel - s), v.slug))
        for m in re.finditer(r"\b(?:in|at)\s+(?:the\s+)?(?P<city>[A-Z][a-z]+)\b", sentence.text):
            if abs(m.start() - s) > 70 or any(v.start - sentence.start == m.start("city") for v in venues):
                continue
            slug = self.places.venue(m.group("city"), sentence, *sentence.slice(*m.span("city")))
            if slug and not _is_place_of_war(sentence.text, m.start()):
                candidates.append((abs(m.start() - s), slug))
        if candidates:
            return min(candidates)[1], "in"
        return None, ""

    def _bilateral(self, sentence, mention):
        a = self.article
        states = [d for d in mention.delegations if (a.kb.get("delegations", d) or _Empty).get("side") in STATES]
        leaders = [p for p in mention.people if p not in {a.kb.person_of_envoy(e.slug) for e in a.kb.all("envoys")}]
        between = re.search(r"\bbetween\s+(?:the\s+)?(?:US|U\.S\.|[A-Z]\w+)\s+and\s+[A-Z]\w+", sentence.text)
        if mention.head in {"meet"} and len(leaders) >= 2 and not mention.ordinal:
            return True
        if between and re.search(r"\bministers?|presidents?|leaders\b", sentence.text, re.I) and not mention.ordinal:
            return True
        return len(set(states)) >= 2 and mention.head == "meet" and "visit" in sentence.text

    def _process(self, sentence, mention):
        a = self.article
        named = a.mentions_in(sentence, "processes")
        if CONSTITUTION.search(sentence.text) and mention.format != "congress":
            cc = next((p.slug for p in a.kb.all("processes") if "constitution" in p.name.lower()), None)
            if cc:
                return cc
        if named and mention.format != "bilateral":
            return named[0].slug
        if mention.format == "bilateral":
            return next((p.slug for p in a.kb.all("processes") if "bilateral" in p.name.lower()), None)
        if mention.format == "congress":
            return a.kb.process_named_after(mention.venue) if mention.venue else None
        if mention.venue:
            return a.kb.process_named_after(mention.venue)
        return None

    # -- grouping
    def clusters(self):
        mentions = self.mentions()
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
        for m in [m for m in mentions if not m.anchored]:
            fitting = [c for c in clusters if _compatible(c, m, strict=False, loose=True)]
            if fitting:
                nearest = min(fitting, key=lambda c: (m.format not in {x.format for x in c.mentions}, min(
                    abs(x.sentence.index - m.sentence.index) for x in c.mentions)))  # fmt: skip
                if min(abs(x.sentence.index - m.sentence.index) for x in nearest.mentions) <= 3 or m.venue:
                    nearest.mentions.append(m)
        self._article_defaults(clusters)
        return [c for c in clusters if c.mentions]

    def _article_defaults(self, clusters):
        """A round without a process or venue takes those the article gives its other rounds of the same talks."""
        a = self.article
        located = [c for c in clusters if c.process and c.venue and c.format not in {"bilateral", "congress"}]
        for c in clusters:
            if c.format in {"bilateral", "congress"}:
                continue
            if not c.process:
                same = [x for x in located if _head_words(x) & _head_words(c)] or located
                if same:
                    c.mentions[0].process = same[0].process
                elif c.venue:
                    c.mentions[0].process = a.kb.process_named_after(c.venue)
            if not c.venue and c.process:
                venues = {x.venue for x in located if x.process == c.process}
                if len(venues) == 1:
                    c.mentions[0].venue = venues.pop()
                    c.mentions[0].venue_how = "article"
                elif a.kb.venue_named_in(c.process):
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
        for c, match in clusters:
            proposal = self._proposal(c, match, envoy_people)
            if proposal is not None:
                result.append(proposal)
        return result

    def _match(self, c):
        a = self.article
        date = c.date
        for r in a.kb.all("rounds"):
            if c.ordinal and r.get("round_number") == c.ordinal and r.get("process") == c.process:
                return r
        for r in a.kb.all("rounds"):
            period = _record_period(r.record)
            if period is None or date is None or not period.overlaps(date.period):
                continue
            same_venue = c.venue and r.get("venue") == c.venue
            same_format = (r.get("format") == c.format) or {r.get("format"), c.format} <= {"round", "meeting"}
            if c.ordinal and r.get("round_number") and r.get("round_number") != c.ordinal:
                continue
            if same_venue and same_format:
                return r
            if c.format == "congress" and r.get("format") == "congress" and not c.venue:
                return r
        return None

    def _proposal(self, c, match, envoy_people):
        date = c.date
        fields = {}
        if match is not None:
            fields = {"slug": match.slug, **match.record}
            fields["envoys"] = list(fields.get("envoys", []))
            fields["delegations"] = [dict(d) for d in fields.get("delegations", [])]
        process = c.process or fields.get("process")
        venue = c.venue or fields.get("venue")
        if process is None and venue:
            process = self._new_process(c, venue)
        if process is None:
            return None
        inference = []
        venue_how = next((m.venue_how for m in c.mentions if m.venue == venue and m.venue_how), "")
        if venue_how == "article":
            inference.append("The venue: the article places this process's other meetings there.")
        elif venue_how == "process":
            inference.append("The venue: the process is named after it.")
        number = c.ordinal or fields.get("round_number")
        if getattr(c.mentions[0], "ordinal_inferred", None):
            inference.append(f"The number: the next round is the {_ordinal_word(c.mentions[0].ordinal_inferred)}.")
        new_dates = self._date_fields(c, date)
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
                    "summary": "",
                    "outcome": "",
                    "envoys": [],
                    "resolutions": [],
                    "delegations": [],
                }
            )
            fields["slug"] = slug_for(fields["title"])
        else:
            # The days a plan names are not the days a held event met ("planning to host ... on January 29-30").
            plan_for_held = c.status == "planned" and fields.get("status") not in (None, "planned")
            if _finer_date(new_dates, fields) and not plan_for_held:
                for key in ("start", "start_latest", "end", "basis", "note"):
                    fields.pop(key, None)
                fields.update(new_dates)
            fields.setdefault("venue", venue)
            if not fields.get("venue"):
                fields["venue"] = venue
            if number and not fields.get("round_number"):
                fields["round_number"] = number
            if fields.get("status") == "planned" and c.status != "planned":
                fields["status"] = c.status
        if inference:
            fields["inference_note"] = " ".join(inference)
        proposal = Proposal("round", fields, match=match.slug if match else None)
        self._people_and_delegations(c, proposal, envoy_people)
        for m in c.mentions:
            supports = []
            if m.date is not None and m.date is date:
                supports.append("date")
            if m.venue and m.venue_how in {"in", "modifier"}:
                supports.append("venue")
            if m.ordinal:
                supports.append("round number")
            if m.status != "held":
                supports.append("status")
            proposal.cite(m.sentence.start, m.sentence.end, *supports or ["summary"])
        proposal.confidence = 0.5 + 0.15 * bool(date) + 0.15 * bool(venue) + 0.1 * bool(match) + 0.1 * bool(number)
        return proposal

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

    def _date_fields(self, c, date):
        a = self.article
        fields = date_fields(date)
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
        session = next((m for m in c.mentions if m.date and m.head.startswith("session")), None)
        if session and date is session.date and date.start and date.start.precision == DAY and c.status != "planned":
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

    def _title(self, c, process, venue, number, dates):
        a = self.article
        p = a.kb.get("processes", process)
        pname = p.name if p else process
        vname = (a.kb.get("venues", venue).name if a.kb.get("venues", venue) else
                 self.places.venues[venue].fields["name"] if venue in self.places.venues else venue)  # fmt: skip
        when = _date_words(dates)
        if number:
            return f"{pname}, {_ordinal_word(number)} round"
        if c.format == "technical":
            return f"Technical meetings of the {pname}" + (f", {when}" if when else "")
        if c.format == "bilateral":
            people = [a.kb.get("people", s).name if a.kb.get("people", s) else
                      self.people[s].fields["name"] if s in self.people else s for s in _leaders(c, a)]  # fmt: skip
            who = " and ".join(x.split()[-1] for x in people[:2]) if len(people) >= 2 else "Bilateral talks"
            return f"{who} meet" + (f" in {vname}" if vname else "") + (f", {when}" if when else "")
        kind = {"congress": "Conference", "meeting": "Meeting"}.get(c.format, "Talks")
        return f"{kind} of the {pname}" + (f" in {vname}" if vname else "") + (f", {when}" if when else "")

    def _people_and_delegations(self, c, proposal, envoy_people):
        a = self.article
        fields = proposal.fields
        envoys = fields.setdefault("envoys", [])
        delegations = fields.setdefault("delegations", [])
        un_led = (a.kb.get("processes", fields["process"]) or _Empty).get("convened_by") == "United Nations"
        for m in c.mentions:
            for person in m.envoy_people:
                envoy = envoy_people.get(person)
                if (
                    envoy is None
                    and person in self.people
                    and "envoy" in " ".join(r["title"].lower() for r in self.people[person].fields.get("roles", []))
                ):
                    envoy = person
                if envoy and un_led and c.format != "bilateral" and envoy not in envoys:
                    envoys.append(envoy)
                    proposal.cite(m.sentence.start, m.sentence.end, "envoy")
            heads = self._heads(m)
            for slug in dict.fromkeys(m.delegations):
                record = a.kb.get("delegations", slug)
                side = record.get("side") if record else "opposition"
                if c.format == "bilateral" and side not in STATES:
                    continue
                if c.format != "bilateral" and side in STATES and c.format != "meeting":
                    continue
                entry = next((d for d in delegations if d["delegation"] == slug), None)
                quote = {"quote": m.sentence.text, "supports": "delegation"}
                if entry is None:
                    entry = {"delegation": slug, "head": None, "role": "participant", "citations": []}
                    delegations.append(entry)
                if heads.get(slug) and not entry.get("head"):
                    entry["head"] = heads[slug]
                if "citations" in entry and quote not in entry["citations"]:
                    entry["citations"].append(quote)
                proposal.cite(m.sentence.start, m.sentence.end, "delegations")
        if c.format == "bilateral":
            for slug in _leaders(c, a):
                person = a.kb.get("people", slug)
                roles = person.get("roles", []) if person else self.people.get(slug, _Empty).fields.get("roles", [])
                state = next((r.get("delegation") for r in roles if r.get("delegation")), None)
                if state and not any(d["delegation"] == state for d in delegations):
                    delegations.append({"delegation": state, "head": slug, "role": "participant", "citations": []})

    def _heads(self, m):
        """'the head of the Syrian government delegation, Bashar al-Ja'afari' and 'negotiator Bashar al-Jaafari'."""
        a = self.article
        heads = {}
        people = a.mentions_in(m.sentence, "people")
        for d in a.mentions_in(m.sentence, "delegations"):
            for p in people:
                between = a.text[min(d.end, p.end) : max(d.start, p.start)]
                lead = a.text[max(m.sentence.start, min(d.start, p.start) - 14) : min(d.start, p.start)]
                if len(between) < 40 and re.search(r"\b(?:head|chief|leader|negotiator)\b", lead + between, re.I):
                    heads[d.slug] = p.slug
        return heads


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
    for m in SEGMENT_BREAKS.finditer(text):
        if m.end() <= s:
            left = m.start()
        elif m.start() >= e and right == len(text):
            right = m.start()
    return left, right


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
    if c.process and m.process and c.process != m.process:
        return False
    if c.venue and m.venue and c.venue != m.venue:
        return False
    statuses = {x.status for x in c.mentions}
    if (m.status == "planned") != ("planned" in statuses) and not loose:
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
    date = c.date
    if date and m.date and m.date.start:
        if not (date.period.contains(m.date.period) or m.date.period.contains(date.period)):
            return False
        # Dates that agree are evidence only with a shared venue or process: "May" alone joins nothing.
        if strict and ((c.venue and c.venue == m.venue) or (c.process and c.process == m.process)):
            return True
    if strict:
        return bool(c.ordinal and c.ordinal == m.ordinal)
    if loose:
        return m.venue is None or c.venue in (None, m.venue)
    # Neither dated nor numbered alike: the same event only if nothing tells them apart and they are close.
    near = min(abs(x.sentence.index - m.sentence.index) for x in c.mentions) <= 6
    near = near or bool(re.search(r"\bnext\b", m.modifiers) and "planned" in statuses and c.ordinal)
    return near and (m.date is None or date is None) and (m.ordinal is None or c.ordinal is None)


def _record_period(record):
    start = record.get("start")
    if not start:
        return None
    try:
        period = Period.from_iso(start, record.get("start_latest"))
    except ValueError:
        return None
    if record.get("end"):
        end = Period.from_iso(record["end"])
        return Period(period.earliest, period.precision, max(end.earliest, period.latest))
    return period


def _finer_date(new, old):
    new_p, old_p = precision_of(new.get("start") or new.get("end")), precision_of(old.get("start") or old.get("end"))
    if new_p is None:
        return False
    if old_p is None:
        return True
    return ["day", "month", "year"].index(new_p) < ["day", "month", "year"].index(old_p)


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
